using HelmSharp.Charts;

namespace HelmSharp.Lint;

/// <summary>
/// helm's <c>rules.Dependencies</c>: the chart must load, and the subcharts in <c>charts/</c> must match the
/// dependencies Chart.yaml declares (reported against the absolute chart directory, as helm does).
/// </summary>
internal static class DependencyRules
{
    public static void Run(Linter linter)
    {
        Chart c;
        try { c = ChartLoader.LoadDirectory(linter.ChartDir, linter.HelmMajor); }
        catch (ChartException e)
        {
            linter.Run(LintSeverity.Error, "", "unable to load chart\n\t" + e.Message);
            return;
        }
        linter.Run(LintSeverity.Error, linter.ChartDir, InMetadata(c));
        linter.Run(LintSeverity.Error, linter.ChartDir, Unique(c));
        linter.Run(LintSeverity.Warning, linter.ChartDir, InChartsDir(c));
    }

    // Subcharts in charts/ that Chart.yaml does not declare.
    private static string? InMetadata(Chart c)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in c.Metadata.Dependencies ?? []) if (d != null) declared.Add(d.Name);
        var missing = new List<string>();
        foreach (var dep in c.Dependencies) if (!declared.Contains(dep.Metadata.Name)) missing.Add(dep.Metadata.Name);
        return missing.Count > 0 ? "chart metadata is missing these dependencies: " + string.Join(",", missing) : null;
    }

    private static string? Unique(Chart c)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shadowing = new List<string>();
        foreach (var d in c.Metadata.Dependencies ?? [])
        {
            if (d == null) continue;
            var key = d.Alias.Length != 0 ? d.Alias : d.Name;
            if (!seen.Add(key)) shadowing.Add(key);
        }
        return shadowing.Count > 0 ? "multiple dependencies with name or alias: " + string.Join(",", shadowing) : null;
    }

    // Declared dependencies with no subchart of that name in charts/.
    private static string? InChartsDir(Chart c)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dep in c.Dependencies) present.Add(dep.Metadata.Name);
        var missing = new List<string>();
        foreach (var d in c.Metadata.Dependencies ?? []) if (d != null && !present.Contains(d.Name)) missing.Add(d.Name);
        return missing.Count > 0 ? "chart directory is missing these dependencies: " + string.Join(",", missing) : null;
    }
}
