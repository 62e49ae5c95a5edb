using HelmSharp.Go;
using System.Text.RegularExpressions;
using HelmSharp.Charts;

namespace HelmSharp.UnitTest;

/// <summary>
/// Which templates a test renders: those its suite selects (<c>templates</c>, with <c>*</c>/<c>**</c> wildcards and
/// the <c>templates/</c> prefix optional) minus <c>excludeTemplates</c>, plus every partial (<c>_*</c>), in the chart
/// and its subcharts (the plugin's <c>CopyV3Chart</c>).
/// </summary>
internal static class TemplateFilter
{
    /// <summary>Adds <c>templates/</c> unless the name starts with <c>templates</c>, <c>charts</c>, <c>crds</c> or <c>**</c>.</summary>
    public static string TemplateFileName(string fileName)
    {
        if (!fileName.StartsWith("templates", StringComparison.Ordinal) && !fileName.StartsWith("charts", StringComparison.Ordinal) &&
            !fileName.StartsWith("crds", StringComparison.Ordinal) && !fileName.StartsWith("**", StringComparison.Ordinal))
            return GoPath.Join("templates", fileName);
        return fileName;
    }

    /// <summary>The plugin's <c>getTemplateFileNamePattern</c>: a regular expression for a name with wildcards.</summary>
    public static string Pattern(string fileName)
    {
        var p = fileName.Replace(".", "\\.", StringComparison.Ordinal);
        p = p.Replace("+", "\\+", StringComparison.Ordinal);
        p = p.Replace("[", "\\[", StringComparison.Ordinal);
        p = p.Replace("]", "\\]", StringComparison.Ordinal);
        p = p.Replace("**", "[0-9a-zA-Z_\\-/\\.]+", StringComparison.Ordinal);
        p = p.Replace("*", "[0-9a-zA-Z_\\-_/\\.]*", StringComparison.Ordinal);
        p = p.Replace("?", "\\?", StringComparison.Ordinal);
        p = p.Replace("(", "\\(", StringComparison.Ordinal);
        p = p.Replace(")", "\\)", StringComparison.Ordinal);
        p = p.Replace("|", "\\|", StringComparison.Ordinal);
        p = p.Replace("{", "\\{", StringComparison.Ordinal);
        p = p.Replace("}", "\\}", StringComparison.Ordinal);
        p = p.Replace("^", "\\^", StringComparison.Ordinal);
        p = p.Replace("$", "\\$", StringComparison.Ordinal);
        return p;
    }

    // Go's regexp.MatchString: a match anywhere in the name
    private static bool Matches(string pattern, string name)
    {
        try { return HelmSharp.Go.GoRegexp.Compile(pattern).IsMatch(name); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }

    /// <summary>A copy of <paramref name="target"/> and its subcharts keeping only the selected templates and the partials.</summary>
    public static Chart CopyChart(string chartRoute, string currentRoute, List<string> toAssert, List<string> toSkip, Chart target) =>
        CopyChart(chartRoute, currentRoute, toAssert, toSkip, target, 0);

    private static Chart CopyChart(string chartRoute, string currentRoute, List<string> toAssert, List<string> toSkip, Chart target, int depth)
    {
        if (depth > 256) throw new UnitTestException("chart dependency nesting is too deep");
        var copy = target.ShallowCopy();
        copy.Templates = Filter(chartRoute, currentRoute, toAssert, toSkip, target);
        var deps = new List<Chart>();
        foreach (var d in target.Dependencies)
            deps.Add(CopyChart(chartRoute, GoPath.Join(currentRoute, "charts", d.Name), toAssert, toSkip, d, depth + 1));
        copy.SetDependencies(deps);
        return copy;
    }

    private static List<ChartFile> Filter(string chartRoute, string currentRoute, List<string> toAssert, List<string> toSkip, Chart target)
    {
        var res = new List<ChartFile>();
        foreach (var fileName in toAssert)
        {
            var pattern = Pattern(GoPath.Join(chartRoute, TemplateFileName(fileName)));
            foreach (var t in target.Templates)
                if (Matches(pattern, GoPath.Join(currentRoute, t.Name))) res.Add(t);
        }
        res.RemoveAll(t =>
        {
            var name = GoPath.Join(currentRoute, t.Name);
            return toSkip.Any(f => Matches(Pattern(GoPath.Join(chartRoute, TemplateFileName(f))), name));
        });
        foreach (var t in target.Templates)
            if (t.Name[(t.Name.LastIndexOf('/') + 1)..].StartsWith('_')) res.Add(t);
        return res;
    }
}
