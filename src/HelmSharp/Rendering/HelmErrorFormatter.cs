using System.Text;
using System.Text.RegularExpressions;
using HelmSharp.Template;
using HelmSharp.Template.Functions;

namespace HelmSharp.Rendering;

/// <summary>
/// Turns template errors into the text helm prints: <c>parse error at (…)</c>,
/// <c>execution error at (…)</c> for <c>required</c>/<c>fail</c>, and otherwise Go's error text
/// (helm 3) or helm 4's multi-line trace. Helm re-parses Go's error strings (a regular expression
/// for the required/fail marker, plain string searches for the trace), so we do the same on the same strings.
/// </summary>
internal static partial class HelmErrorFormatter
{
    /// <summary>Marker helm wraps around <c>required</c>/<c>fail</c> messages (made by those functions, <see cref="Helm.HelmFunctions"/>).</summary>
    public const string WarnStart = Helm.HelmFunctions.WarnStart;
    /// <summary>End marker.</summary>
    public const string WarnEnd = Helm.HelmFunctions.WarnEnd;

    // helm compiles HELM_ERR_START((?s).*)HELM_ERR_END: the message may span lines.
    [GeneratedRegex("HELM_ERR_START(.*)HELM_ERR_END", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex WarnRegex();

    /// <summary>helm's <c>cleanupParseError</c>.</summary>
    public static string ParseError(string filename, string goMessage)
    {
        var tokens = goMessage.Split(": ");
        if (tokens.Length == 1) return $"parse error in ({filename}): {goMessage}";
        return $"parse error at ({tokens[1]}): {tokens[^1]}";
    }

    /// <summary>
    /// helm's exec-error cleanup: <paramref name="helmMajor"/> 3 keeps Go's text unless it carries a
    /// required/fail marker; 4 additionally rewrites nested template errors as a trace.
    /// </summary>
    public static string ExecError(string filename, TemplateExecException error, int helmMajor)
    {
        var text = error.Message;
        var tokens = SplitN(text, ": ", 3);
        if (tokens.Count != 3) return $"execution error in ({filename}): {text}";
        var warn = WarnRegex().Match(tokens[2]);
        if (warn.Success) return $"execution error at ({tokens[1]}): {warn.Groups[1].Value}";
        if (helmMajor < 4) return text;
        return Trace(error) ?? text;
    }

    /// <summary>helm 4's multi-line trace over the Go error chain, or null when a level cannot be parsed.</summary>
    private static string? Trace(TemplateExecException error)
    {
        var blocks = new List<TraceLevel>();
        foreach (var level in Chain(error))
        {
            if (!TryParseLevel(level, out var block)) return null;
            if (blocks.Count == 0 || blocks[^1] != block) blocks.Add(block);
        }
        var sb = new StringBuilder();
        foreach (var (location, function, message) in blocks)
        {
            if (location.Length > 0) sb.Append(location).Append("\n  ");
            if (function.Length > 0) sb.Append(function).Append("\n    ");
            if (message.Length > 0) sb.Append(message).Append('\n');
        }
        return sb.ToString().Trim();
    }

    /// <summary>One level of the trace (helm's <c>TraceableError</c>): where, what was executing, and the message.</summary>
    private readonly record struct TraceLevel(string Location, string Function, string Message);

    /// <summary>
    /// helm 4.1's <c>parseTemplateExecErrorString</c>, which reads Go's error text with plain string searches (no
    /// regular expressions): the special "no template" form, then the executing form, then the simple form.
    /// </summary>
    private static bool TryParseLevel(string s, out TraceLevel level)
    {
        level = default;
        const string prefix = "template: ";
        if (!s.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var remainder = s[prefix.Length..];
        // "template: no template %q associated with template %q": the whole text is the message.
        if (remainder.StartsWith("no template ", StringComparison.Ordinal))
        {
            level = new TraceLevel("", "", s);
            return true;
        }
        if (TryParseExecuting(remainder, out level)) return true;
        // "TEMPLATE: MESSAGE", split at the LAST ": ".
        int sep = remainder.LastIndexOf(": ", StringComparison.Ordinal);
        if (sep < 0) return false;
        level = new TraceLevel(remainder[..sep], "", CutNextError(remainder[(sep + 2)..]));
        return true;
    }

    /// <summary>
    /// <c>TEMPLATE: executing "NAME" at &lt;NODE&gt;: MESSAGE</c>: the template name ends at the first
    /// <c>": executing "</c>, the executed name at the next double quote, the node at the first <c>"&gt;: "</c> after
    /// <c>" at &lt;"</c> — so a node text with <c>": "</c> inside quotes stays whole, while one holding <c>"&gt;: "</c>
    /// is cut there, exactly as in helm.
    /// </summary>
    private static bool TryParseExecuting(string remainder, out TraceLevel level)
    {
        level = default;
        const string executing = ": executing ", at = " at <", endOfNode = ">: ";
        int idx = remainder.IndexOf(executing, StringComparison.Ordinal);
        if (idx < 0) return false;
        var templateName = remainder[..idx];
        var after = remainder[(idx + executing.Length)..];
        if (after.Length == 0 || after[0] != '"') return false;
        int endQuote = after.IndexOf('"', 1);
        if (endQuote < 0) return false;
        var functionName = after[1..endQuote];
        var afterFunction = after[(endQuote + 1)..];
        if (!afterFunction.StartsWith(at, StringComparison.Ordinal)) return false;
        var afterAt = afterFunction[at.Length..];
        int endLocation = afterAt.IndexOf(endOfNode, StringComparison.Ordinal);
        if (endLocation < 0) return false;
        var node = afterAt[..endLocation];
        var message = CutNextError(afterAt[(endLocation + endOfNode.Length)..]);
        level = new TraceLevel(templateName, "executing \"" + functionName + "\" at <" + node + ">:", message);
        return true;
    }

    /// <summary>The message without a chained next error (from the first <c>" template:"</c> on).</summary>
    private static string CutNextError(string message)
    {
        int cut = message.IndexOf(" template:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    /// <summary>
    /// The messages of Go's <c>errors.Unwrap</c> chain for an execution error: the ExecError, then
    /// (for a failed function call, which Go wraps with <c>%w</c>) the function's own error and, when
    /// that is a nested template error (include), its chain in turn.
    /// </summary>
    private static IEnumerable<string> Chain(Exception e)
    {
        for (Exception? current = e; current != null;)
        {
            yield return current.Message;
            current = current switch
            {
                TemplateExecException t => t.Cause,
                GoFunctionException f => f.InnerException,
                _ => null,
            };
        }
    }

    private static List<string> SplitN(string s, string sep, int n)
    {
        var parts = new List<string>(n);
        int start = 0;
        while (parts.Count < n - 1)
        {
            int i = s.IndexOf(sep, start, StringComparison.Ordinal);
            if (i < 0) break;
            parts.Add(s[start..i]);
            start = i + sep.Length;
        }
        parts.Add(s[start..]);
        return parts;
    }
}
