using System.Globalization;
using System.Text;
using HelmSharp.Template;

namespace HelmSharp.Rendering;

/// <summary>
/// Where the line of a rendered manifest that is not valid YAML came from (<see cref="HelmTemplateException.OutputOrigin"/>):
/// the template file, the document, and for the line helm's message names (and the line where the YAML reader found the
/// problem, when that is another) which template text or action wrote each part of it, through which
/// <c>include</c>/<c>template</c>/<c>tpl</c> calls. helm prints no such thing: it is HelmSharp's.
/// </summary>
public sealed class TemplateOutputOrigin
{
    internal TemplateOutputOrigin(string file, int documentIndex, IReadOnlyList<TemplateOutputLine> lines)
    {
        File = file;
        DocumentIndex = documentIndex;
        Lines = lines;
    }

    /// <summary>The template file (chart path) whose output failed to parse, as helm's message names it.</summary>
    public string File { get; }

    /// <summary>The 0-based index of the failing document among the file's documents (helm splits a file on <c>---</c> lines).</summary>
    public int DocumentIndex { get; }

    /// <summary>
    /// The line helm's message names (<c>yaml: line N</c>, counted in the document), then — when the YAML reader found
    /// the problem on another line (go-yaml names the line before it for parser errors) — that line.
    /// </summary>
    public IReadOnlyList<TemplateOutputLine> Lines { get; }

    /// <summary>The lines and their writers as the CLI's <c>--call-stack</c> prints them after helm's error line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Lines.Count; i++)
        {
            var l = Lines[i];
            sb.Append(i == 0 ? "Rendered line " : "The YAML reader stopped at rendered line ")
                .Append(l.RenderedLine.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(File)
                .Append(" (line ").Append(l.DocumentLine.ToString(CultureInfo.InvariantCulture))
                .Append(" of document ").Append((DocumentIndex + 1).ToString(CultureInfo.InvariantCulture)).Append(')');
            if (l.Column is int c) sb.Append(", column ").Append(c.ToString(CultureInfo.InvariantCulture));
            sb.Append(": ").Append(HelmSharp.Go.GoStrconv.Quote(l.Text)).Append('\n');
            List<TemplateOutputWriter> shown = l.WriterAtColumn is { } w ? [w] : [.. l.Writers.Where(x => !string.IsNullOrWhiteSpace(x.Text))];
            if (shown.Count == 0) shown = [.. l.Writers];
            foreach (var writer in shown)
            {
                sb.Append("  ").Append(HelmSharp.Go.GoStrconv.Quote(writer.Text)).Append(" was written by:\n");
                foreach (var f in writer.CallStack) sb.Append("    ").Append(f.ToString()).Append('\n');
            }
        }
        return sb.ToString();
    }
}

/// <summary>One rendered line of a <see cref="TemplateOutputOrigin"/> and who wrote it.</summary>
public sealed class TemplateOutputLine
{
    internal TemplateOutputLine(int documentLine, int renderedLine, string text, int? column, IReadOnlyList<TemplateOutputWriter> writers)
    {
        DocumentLine = documentLine;
        RenderedLine = renderedLine;
        Text = text;
        Column = column;
        Writers = writers;
        if (column is int c) WriterAtColumn = writers.FirstOrDefault(w => w.StartColumn <= c && c < w.EndColumn);
    }

    /// <summary>The 1-based line in the document (what <c>yaml: line N</c> counts).</summary>
    public int DocumentLine { get; }
    /// <summary>The 1-based line in the file's rendered output (as <c>--debug</c> prints it after <c># Source:</c>).</summary>
    public int RenderedLine { get; }
    /// <summary>The rendered line, without its line break.</summary>
    public string Text { get; }
    /// <summary>The 0-based column (in UTF-16 characters of <see cref="Text"/>) where the YAML reader found the problem, when it is on this line.</summary>
    public int? Column { get; }
    /// <summary>Who wrote the line, part by part, left to right.</summary>
    public IReadOnlyList<TemplateOutputWriter> Writers { get; }
    /// <summary>The writer of the part at <see cref="Column"/>; null when the column is unknown.</summary>
    public TemplateOutputWriter? WriterAtColumn { get; }
}

/// <summary>
/// A part of a rendered line (<see cref="StartColumn"/> to <see cref="EndColumn"/>) and the template position that wrote
/// it: the first frame of <see cref="CallStack"/> is the literal text of a template (at the position of the part's first
/// character; its <see cref="TemplateFrame.Node"/> is null) or the action that printed it; the frames after it are the
/// <c>include</c>/<c>template</c>/<c>tpl</c> call sites, as in <see cref="TemplateExecException.CallStack"/>.
/// </summary>
public sealed class TemplateOutputWriter
{
    internal TemplateOutputWriter(int startColumn, int endColumn, string text, IReadOnlyList<TemplateFrame> callStack)
    {
        StartColumn = startColumn;
        EndColumn = endColumn;
        Text = text;
        CallStack = callStack;
    }

    /// <summary>The 0-based column of the part's first character in the rendered line.</summary>
    public int StartColumn { get; }
    /// <summary>The column after the part's last character.</summary>
    public int EndColumn { get; }
    /// <summary>The part's text.</summary>
    public string Text { get; }
    /// <summary>The writer, then the call sites it was reached through (innermost first).</summary>
    public IReadOnlyList<TemplateFrame> CallStack { get; }
    /// <summary>The writer's position: <c>CallStack[0]</c>.</summary>
    public TemplateFrame Position => CallStack[0];

    /// <summary><c>"TEXT" at FILE:LINE:COL</c>.</summary>
    public override string ToString() =>
        HelmSharp.Go.GoStrconv.Quote(Text) + " at " + Position.File + ":" + Position.Line.ToString(CultureInfo.InvariantCulture) + ":" +
        Position.Column.ToString(CultureInfo.InvariantCulture);
}
