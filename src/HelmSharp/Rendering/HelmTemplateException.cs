using HelmSharp.Charts;
using HelmSharp.Template;
using HelmSharp.Values;

namespace HelmSharp.Rendering;

/// <summary>
/// A failed <c>helm template</c>: <see cref="Exception.Message"/> is helm's error text (after <c>Error: </c>).
/// </summary>
/// <remarks>
/// <see cref="Exception.InnerException"/> is the error underneath: the template engine's
/// <see cref="TemplateParseException"/>/<see cref="TemplateExecException"/> (or <see cref="TemplateLimitException"/>)
/// for a template error, the <see cref="ChartException"/>, <see cref="ValuesException"/> or YAML error otherwise.
/// Where helm's message names a place, <see cref="TemplateName"/>, <see cref="File"/>, <see cref="Line"/> and
/// <see cref="Column"/> give it: the first place the message names (for an error inside an <c>include</c>d define,
/// the call site in the template being rendered; the inner exception's chain holds the rest).
/// </remarks>
public sealed class HelmTemplateException : HelmException
{
    /// <summary>Creates the error: helm's message, the warning lines before it, the partial output and the error underneath.</summary>
    public HelmTemplateException(string message, IReadOnlyList<string> log, string? partialManifest, Exception? innerException = null)
        : base(message, innerException)
    {
        Log = log;
        PartialManifest = partialManifest;
        switch (innerException)
        {
            case TemplateParseException p:
                TemplateName = p.TemplateName; File = p.TemplateName; Line = p.Line;
                break;
            case TemplateExecException x:
                TemplateName = x.TemplateName; File = x.File;
                if (x.Line > 0) { Line = x.Line; Column = x.Column; }
                break;
            case ManifestYamlException y:
                File = y.File;
                break;
        }
    }

    /// <summary>
    /// For a template execution error, the include/<c>template</c>/<c>tpl</c> call stack (innermost first, see
    /// <see cref="TemplateExecException.CallStack"/>); empty otherwise. helm prints no such thing: it is HelmSharp's.
    /// </summary>
    public IReadOnlyList<HelmSharp.Template.TemplateFrame> CallStack => (InnerException as HelmSharp.Template.TemplateExecException)?.CallStack ?? [];

    private Lazy<TemplateOutputOrigin?>? _outputOrigin;

    /// <summary>
    /// For a rendered manifest that is not valid YAML (<c>YAML parse error on FILE: … yaml: line N: …</c>), which template
    /// text or action wrote that line, through which <c>include</c>/<c>template</c>/<c>tpl</c> calls (see
    /// <see cref="TemplateOutputOrigin"/>); null for other errors, for YAML errors that name no line, and when it cannot
    /// be found for sure. helm prints no such thing: it is HelmSharp's.
    /// </summary>
    /// <remarks>
    /// Nothing is recorded while rendering: the first read renders the chart again (same request and limits, with the
    /// failing file's output recorded) and checks that this reproduces the failing text exactly; a chart whose output
    /// changes from render to render (<c>randAlphaNum</c>, <c>now</c>, generated keys) gets null. The result is kept.
    /// </remarks>
    public TemplateOutputOrigin? OutputOrigin => _outputOrigin?.Value;

    internal void SetOutputOrigin(Func<TemplateOutputOrigin?> locate) => _outputOrigin = new Lazy<TemplateOutputOrigin?>(locate);

    /// <summary>Warning/info lines written before the error.</summary>
    public IReadOnlyList<string> Log { get; }
    /// <summary>What was rendered before the failure (helm shows it with <c>--debug</c>); null when no release existed yet.</summary>
    public string? PartialManifest { get; }
    /// <summary>The template that failed: a file's chart path (<c>mychart/templates/deployment.yaml</c>) or, while executing a define, its name; null when the error is not in a template.</summary>
    public string? TemplateName { get; }
    /// <summary>The chart path of the file helm's message names (<c>mychart/templates/deployment.yaml</c>); null when it names none.</summary>
    public string? File { get; }
    /// <summary>The 1-based line in <see cref="File"/>; null when helm's message names none.</summary>
    public int? Line { get; }
    /// <summary>The column in <see cref="Line"/> as Go counts it (0-based, in bytes); null for parse errors, which name none.</summary>
    public int? Column { get; }
}
