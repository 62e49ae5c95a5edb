using System.Text;
using System.Text.RegularExpressions;

namespace HelmSharp.Rendering;

/// <summary>
/// <c>-s/--show-only</c>: helm splits the text it would print into documents and keeps, pattern by pattern, those
/// whose <c># Source:</c> path (without the chart name) matches the pattern as a Go <c>filepath.Match</c>; a pattern
/// that matches nothing is an error.
/// </summary>
internal static class ShowOnly
{
    /// <summary>The documents of <paramref name="text"/> that <paramref name="patterns"/> select, as helm prints them.</summary>
    public static string Select(string text, List<string> patterns, List<string> log)
    {
        var docs = Manifests.Split(text);
        var rendered = new StringBuilder();
        var re = new Regex("# Source: [^/]+/(.+)");
        foreach (var raw in patterns)
        {
            var f = raw.Replace('\\', '/');
            bool missing = true;
            foreach (var doc in docs)
            {
                var m = re.Match(doc);
                if (!m.Success) continue;
                if (!HelmSharp.Go.GoPath.Match(f, m.Groups[1].Value)) continue;
                rendered.Append("---\n").Append(doc).Append('\n');
                missing = false;
            }
            if (missing) throw new HelmTemplateException($"could not find template {raw} in chart", log, null);
        }
        return rendered.ToString();
    }
}
