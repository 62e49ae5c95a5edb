using System.Text;
using System.Text.RegularExpressions;
using HelmSharp.Template;
using HelmSharp.Template.Functions;

namespace HelmSharp.Rendering;

/// <summary>
/// Turns template errors into the text helm prints: <c>parse error at (…)</c>,
/// <c>execution error at (…)</c> for <c>required</c>/<c>fail</c>, and otherwise Go's error text
/// (helm 3) or helm 4's multi-line trace. Helm re-parses Go's error strings with regular
/// expressions, so we do the same on the same strings.
/// </summary>
internal static partial class HelmErrorFormatter
{
    /// <summary>Marker helm wraps around <c>required</c>/<c>fail</c> messages.</summary>
    public const string WarnStart = "HELM_ERR_START";
    /// <summary>End marker.</summary>
    public const string WarnEnd = "HELM_ERR_END";

    // helm compiles HELM_ERR_START((?s).*)HELM_ERR_END: the message may span lines.
    [GeneratedRegex("HELM_ERR_START(.*)HELM_ERR_END", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex WarnRegex();

    [GeneratedRegex(@"\Atemplate: (?<templateName>.+?): executing (?<functionName>.+?) at (?<location>.+?): (?<errMsg>.+?)(?<nextErr>( template:.*)?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExecErrRegex();

    [GeneratedRegex(@"\Atemplate: (?<templateName>.+?): (?<errMsg>.*?)(?<nextErr>( template:.*)?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExecErrWithoutTemplateRegex();

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
        var blocks = new List<(string Location, string Function, string Message)>();
        foreach (var level in Chain(error))
        {
            (string, string, string) block;
            var m = ExecErrRegex().Match(level);
            if (m.Success)
            {
                block = (m.Groups["templateName"].Value, "executing " + m.Groups["functionName"].Value + " at " + m.Groups["location"].Value + ":", m.Groups["errMsg"].Value);
            }
            else if ((m = ExecErrWithoutTemplateRegex().Match(level)).Success)
            {
                block = (m.Groups["templateName"].Value, "", m.Groups["errMsg"].Value);
            }
            else if (level.StartsWith("template: ", StringComparison.Ordinal))
            {
                block = ("", "", level);
            }
            else
            {
                return null;
            }
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
