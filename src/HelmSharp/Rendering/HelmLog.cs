namespace HelmSharp.Rendering;

/// <summary>Formats the warning lines of the values layer as each helm version logs them to stderr.</summary>
internal static class HelmLog
{
    /// <summary>
    /// helm 3 logs through Go's <c>log</c> with the source location (<c>dependencies.go:63: Warning: …</c>);
    /// helm 4 through <c>slog</c>'s text handler (<c>level=WARN msg=… key=value</c>).
    /// </summary>
    public static string Format(string warning, int helmMajor)
    {
        // "Warning: Condition path 'P' for chart C returned non-bool value" / "Warning: Tag 'T' for chart C …"
        foreach (var (prefix, key, v3Position) in s_nonBool)
        {
            if (!warning.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (helmMajor < 4) return v3Position + warning;
            var name = warning[prefix.Length..warning.IndexOf('\'', prefix.Length)];
            const string chartMarker = "' for chart ";
            int ci = warning.IndexOf(chartMarker, StringComparison.Ordinal) + chartMarker.Length;
            var chart = warning[ci..warning.IndexOf(' ', ci)];
            return $"level=WARN msg=\"returned non-bool value\" {key}={HelmTemplate.SlogValue(name)} chart={HelmTemplate.SlogValue(chart)}";
        }
        // helm 4 logs the coalescing warnings ("warning: …") at info level.
        if (helmMajor >= 4) return $"level={(warning.StartsWith("warning: ", StringComparison.Ordinal) ? "INFO" : "WARN")} msg={HelmTemplate.SlogValue(warning)}";
        // helm 3's log lines carry the Go source position of the call (those seen in testdata/charts/values-warnings).
        foreach (var (prefix, position) in s_v3Positions)
            if (warning.StartsWith(prefix, StringComparison.Ordinal)) return position + warning;
        return warning;
    }

    // helm 3.17.3's log.Printf call sites (pkg/chartutil/coalesce.go, dependencies.go) for the other warnings.
    private static readonly (string Prefix, string Position)[] s_v3Positions =
    [
        ("warning: cannot overwrite table", "coalesce.go:298: "),
        ("warning: destination for ", "coalesce.go:301: "),
        ("warning: skipped value for ", "coalesce.go:237: "),
        ("warning: skipping globals because destination", "coalesce.go:138: "),
        ("warning: skipping globals because source", "coalesce.go:145: "),
        ("Conflict: cannot merge map onto non-map", "coalesce.go:161: "),
        ("key ", "coalesce.go:175: "),
        ("Warning: ImportValues missing table from chart", "dependencies.go:269: "),
        ("Warning: ImportValues missing table: ", "dependencies.go:286: "),
    ];

    private static readonly (string Prefix, string Key, string V3Position)[] s_nonBool =
    [
        ("Warning: Condition path '", "path", "dependencies.go:63: "),
        ("Warning: Tag '", "tag", "dependencies.go:94: "),
    ];
}
