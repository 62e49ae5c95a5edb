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
}

/// <summary>A resource limit of the engine was hit (depth, output size, time); never a Go message.</summary>
public sealed class TemplateLimitException(string message) : TemplateException(message);
