namespace HelmSharp.Template;

/// <summary>Base of every template error. <see cref="Exception.Message"/> is Go's exact text.</summary>
public abstract class TemplateException(string message) : HelmSharpException(message)
{
}

/// <summary>A parse error: <c>template: NAME:LINE: MESSAGE</c>.</summary>
public sealed class TemplateParseException(string templateName, int line, string detail, string message) : TemplateException(message)
{
    /// <summary>The file (parse name) the error is in.</summary>
    public string TemplateName { get; } = templateName;
    /// <summary>1-based line.</summary>
    public int Line { get; } = line;
    /// <summary>The message without the <c>template: NAME:LINE: </c> prefix.</summary>
    public string Detail { get; } = detail;
}

/// <summary>
/// An execution error: <c>template: FILE:LINE:COL: executing "NAME" at &lt;NODE&gt;: MESSAGE</c>
/// (or <c>template: NAME: MESSAGE</c> when no node is known).
/// </summary>
public sealed class TemplateExecException(string message, string? file, int line, int column, string templateName, string? node, string detail, Exception? inner = null)
    : TemplateException(message)
{
    /// <summary>File (parse name) of the failing node, if known.</summary>
    public string? File { get; } = file;
    /// <summary>1-based line, 0 if unknown.</summary>
    public int Line { get; } = line;
    /// <summary>0-based byte column, as Go counts it.</summary>
    public int Column { get; } = column;
    /// <summary>The template being executed (a file or a define name).</summary>
    public string TemplateName { get; } = templateName;
    /// <summary>The failing node as Go prints it, without angle brackets.</summary>
    public string? Node { get; } = node;
    /// <summary>The message after <c>at &lt;NODE&gt;: </c>.</summary>
    public string Detail { get; } = detail;
    /// <summary>The wrapped cause (e.g. the error of a nested include), if any.</summary>
    public Exception? Cause { get; } = inner;

    /// <summary>
    /// The template call stack at the failure, innermost first: which template (file, <c>define</c> or <c>tpl</c> text)
    /// was executing where, each entered through the frame after it. The first frame is the failing position; the
    /// others are call sites (<c>include</c>, <c>template</c>, <c>tpl</c>). Empty when the error has no position.
    /// </summary>
    public IReadOnlyList<TemplateFrame> CallStack { get; internal set; } = [];
}

/// <summary>How a template execution was entered.</summary>
public enum TemplateFrameKind
{
    /// <summary>A template file rendered by the engine (or a template executed by name from the API).</summary>
    File,
    /// <summary>Through <c>include</c> (a <c>define</c>, or a file by name).</summary>
    Include,
    /// <summary>Through the <c>template</c> action.</summary>
    Template,
    /// <summary>Text parsed and executed by <c>tpl</c>.</summary>
    Tpl,
}

/// <summary>
/// One frame of a <see cref="TemplateExecException.CallStack"/>: the template executing, how it was entered, and
/// the position in it (the failing node for the innermost frame, the call site for the others). <see cref="File"/>
/// is the parse name of the text the position is in (for <c>tpl</c>, the name tpl parsed the text under).
/// </summary>
public sealed record TemplateFrame(string TemplateName, TemplateFrameKind Kind, string File, int Line, int Column, string? Node)
{
    /// <summary><c>at NAME (kind) FILE:LINE:COL</c>.</summary>
    public override string ToString() =>
        "at " + TemplateName + " (" + Kind.ToString().ToLowerInvariant() + ") " + File + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" +
        Column.ToString(System.Globalization.CultureInfo.InvariantCulture) + (Node != null ? " <" + Node + ">" : "");
}

/// <summary>A resource limit of the engine was hit (depth, output size, time); never a Go message.</summary>
public sealed class TemplateLimitException(string message) : TemplateException(message);
