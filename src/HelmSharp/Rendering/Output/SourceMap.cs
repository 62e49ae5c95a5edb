using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using HelmSharp.Charts;
using HelmSharp.Go;
using HelmSharp.Template;
using HelmSharp.Template.Exec;
using HelmSharp.Template.Parse;
using HelmSharp.Yaml.Reader;

namespace HelmSharp.Rendering;

/// <summary>
/// Maps the line of a rendered manifest that is not YAML back to the template positions that wrote it
/// (<see cref="HelmTemplateException.OutputOrigin"/>). Nothing is recorded while rendering: only when asked, the chart
/// is rendered again as a one-shot render under the same request and limits, with an <see cref="OutputRecorder"/> on the
/// execution of the failing file. When that render does not reproduce the file's text exactly (random functions,
/// <c>now</c>, generated keys, …) nothing is reported rather than something wrong.
/// </summary>
internal static partial class SourceMap
{
    [GeneratedRegex(@"\byaml: line ([0-9]{1,9}):", RegexOptions.CultureInvariant)]
    private static partial Regex YamlLine();

    private const string NoValue = HelmSharp.Template.Exec.OutputBuffers.NoValue;

    /// <summary>
    /// <see cref="Locate"/> as a function to call later (made here, not in the render: a lambda there would capture the
    /// render's parameters and allocate its closure on every render, successful or not).
    /// </summary>
    public static Func<TemplateOutputOrigin?> Locator(Chart chart, TemplateRequest request, ManifestYamlException y, CancellationToken ct) =>
        () => Locate(chart, request, y, ct);

    /// <summary>The origin of the line <paramref name="y"/>'s message names, or null when it names none or it cannot be found.</summary>
    public static TemplateOutputOrigin? Locate(Chart chart, TemplateRequest request, ManifestYamlException y, CancellationToken ct)
    {
        if (DocumentLine(y) is not int line) return null;
        var recorder = new OutputRecorder(y.File);
        try
        {
            TemplateSet.RunWithLargeStack(() =>
            {
                HelmTemplate.RenderRecorded(chart, request, recorder, ct);
                return 0;
            });
            return Map(y, recorder, line);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // the second render failed (or was cancelled): no origin
        }
    }

    /// <summary>helm's <c>yaml: line N</c> in the error under <paramref name="y"/>.</summary>
    internal static int? DocumentLine(ManifestYamlException y)
    {
        var m = YamlLine().Match(y.InnerException?.Message ?? "");
        return m.Success && int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : null;
    }

    /// <summary>The origin of line <paramref name="docLine"/> of <paramref name="y"/>'s document, from what <paramref name="recorder"/> recorded.</summary>
    internal static TemplateOutputOrigin? Map(ManifestYamlException y, OutputRecorder recorder, int docLine)
    {
        if (recorder.Text is not { } raw) return null;
        // helm drops "<no value>" from the executed text (strings.ReplaceAll): the recorded offsets are in the text before that.
        var dropped = new List<int>();
        for (int i = raw.IndexOf(NoValue, StringComparison.Ordinal); i >= 0; i = raw.IndexOf(NoValue, i + NoValue.Length, StringComparison.Ordinal)) dropped.Add(i);
        var exact = dropped.Count == 0 ? raw : raw.Replace(NoValue, "", StringComparison.Ordinal);
        var (lead, end) = GoUnicode.TrimSpaceBounds(exact, 0, exact.Length);
        if (!exact.AsSpan(lead, end - lead).SequenceEqual(y.FileText)) return null; // not the text that failed

        var docs = new List<ReadOnlyMemory<char>>();
        Manifests.Split(exact.AsMemory(lead, end - lead), docs);
        if (y.DocumentIndex >= docs.Count || !docs[y.DocumentIndex].Span.SequenceEqual(y.Document)) return null;
        if (!MemoryMarshal.TryGetString(docs[y.DocumentIndex], out _, out int docStart, out int docLength)) return null;

        var map = new Located(exact, dropped, recorder.Pieces, docStart, docLength);
        var mark = ProblemMark(y.Document, docLine);
        var lines = new List<TemplateOutputLine>();
        if (map.Line(docLine, mark is { } m && m.Line == docLine ? m.Column : null) is not { } first) return null;
        lines.Add(first);
        if (mark is { } other && other.Line != docLine && map.Line(other.Line, other.Column) is { } second) lines.Add(second);
        return new TemplateOutputOrigin(y.File, y.DocumentIndex, lines);
    }

    /// <summary>
    /// Where the YAML reader found the problem in <paramref name="document"/> (1-based line, 0-based column in code
    /// points), read again to get its marks; null when the error it gives is not the one helm's message names.
    /// </summary>
    private static (int Line, int Column)? ProblemMark(string document, int docLine)
    {
        var parser = new YamlParser(document);
        try
        {
            for (int i = 0; i < 10_000_000; i++)
            {
                var ev = parser.Parse();
                if (ev.Type is YamlEventType.None or YamlEventType.StreamEnd or YamlEventType.DocumentEnd) return null;
            }
            return null;
        }
        catch (YamlReaderException e) when (e.Kind is YamlErrorKind.Scanner or YamlErrorKind.Parser)
        {
            if (!e.GoMessage().StartsWith("yaml: line " + docLine.ToString(CultureInfo.InvariantCulture) + ":", StringComparison.Ordinal)) return null;
            return (e.ProblemMark.Line + 1, e.ProblemMark.Column);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
        finally { parser.Release(); }
    }

    /// <summary>The failing document in the file's text, and the recorded pieces of that text.</summary>
    private sealed class Located(string exact, List<int> dropped, List<OutputRecorder.Piece> pieces, int docStart, int docLength)
    {
        /// <summary>Line <paramref name="docLine"/> of the document and its writers; <paramref name="codePointColumn"/> is the reader's column.</summary>
        public TemplateOutputLine? Line(int docLine, int? codePointColumn)
        {
            int start = docStart, docEnd = docStart + docLength;
            for (int n = 1; n < docLine; n++)
            {
                int nl = exact.IndexOf('\n', start, docEnd - start);
                if (nl < 0) return null;
                start = nl + 1;
            }
            int lineEnd = exact.IndexOf('\n', start);
            if (lineEnd < 0) lineEnd = exact.Length;
            var text = exact[start..lineEnd];
            int renderedLine = exact.AsSpan(0, start).Count('\n') + 1;
            int? column = null;
            if (codePointColumn is int cp)
            {
                int c = 0;
                for (int k = 0; k < cp && c < text.Length; k++) c += char.IsHighSurrogate(text[c]) && c + 1 < text.Length && char.IsLowSurrogate(text[c + 1]) ? 2 : 1;
                if (c < text.Length) column = c;
            }
            return new TemplateOutputLine(docLine, renderedLine, text, column, Writers(start, lineEnd));
        }

        // The writers of exact[start, end), consecutive characters of one piece joined.
        private List<TemplateOutputWriter> Writers(int start, int end)
        {
            var writers = new List<TemplateOutputWriter>();
            int groupStart = start, groupPiece = -1, prevRaw = -2;
            for (int i = start; i <= end; i++)
            {
                int piece = -1, r = -1;
                if (i < end)
                {
                    r = Raw(i);
                    piece = PieceAt(r);
                }
                if (i > start && (i == end || piece != groupPiece || r != prevRaw + 1))
                {
                    if (groupPiece >= 0) writers.Add(Writer(groupStart - start, i - start, exact[groupStart..i], pieces[groupPiece], Raw(groupStart)));
                    groupStart = i;
                }
                groupPiece = piece;
                prevRaw = r;
            }
            return writers;
        }

        // The offset in the executed text of character i of the file's text.
        private int Raw(int i)
        {
            int lo = 0, hi = dropped.Count; // the number of dropped runs before i: those whose place in exact is <= i
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (dropped[mid] - mid * NoValue.Length <= i) lo = mid + 1; else hi = mid;
            }
            return i + lo * NoValue.Length;
        }

        private int PieceAt(int r)
        {
            int lo = 0, hi = pieces.Count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                var p = pieces[mid];
                if (r < p.Start) hi = mid - 1;
                else if (r >= p.End) lo = mid + 1;
                else return mid;
            }
            return -1;
        }

        private static TemplateOutputWriter Writer(int from, int to, string text, OutputRecorder.Piece piece, int rawStart)
        {
            var stack = new List<TemplateFrame>(piece.Origin.Stack);
            if (piece.Origin.Node is TextNode t && stack.Count > 0)
            {
                // The position of the part's first character in the template text.
                int offset = piece.NodeOffset + (rawStart - piece.Start);
                int pos = t.Pos + GoUtf8.GetByteCount(t.Text.AsSpan(0, Math.Clamp(offset, 0, t.Text.Length)));
                var (line, col) = t.Tree.LineCol(pos);
                stack[0] = stack[0] with { Line = line, Column = col, Node = null };
            }
            return new TemplateOutputWriter(from, to, text, stack);
        }
    }
}
