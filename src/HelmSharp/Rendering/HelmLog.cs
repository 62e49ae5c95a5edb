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
        const string condPrefix = "Warning: Condition path '";
        if (warning.StartsWith(condPrefix, StringComparison.Ordinal))
        {
            int q = warning.IndexOf('\'', condPrefix.Length);
            var path = warning[condPrefix.Length..q];
            const string chartMarker = "' for chart ";
            int ci = warning.IndexOf(chartMarker, StringComparison.Ordinal) + chartMarker.Length;
            var chart = warning[ci..warning.IndexOf(' ', ci)];
            return helmMajor >= 4
                ? $"level=WARN msg=\"returned non-bool value\" path={HelmTemplate.SlogValue(path)} chart={HelmTemplate.SlogValue(chart)}"
                : "dependencies.go:63: " + warning;
        }
        const string tagPrefix = "Warning: Tag '";
        if (helmMajor >= 4 && warning.StartsWith(tagPrefix, StringComparison.Ordinal))
        {
            int q = warning.IndexOf('\'', tagPrefix.Length);
            var tag = warning[tagPrefix.Length..q];
            const string chartMarker = "' for chart ";
            int ci = warning.IndexOf(chartMarker, StringComparison.Ordinal) + chartMarker.Length;
            var chart = warning[ci..warning.IndexOf(' ', ci)];
            return $"level=WARN msg=\"returned non-bool value\" tag={HelmTemplate.SlogValue(tag)} chart={HelmTemplate.SlogValue(chart)}";
        }
        // helm 4 logs the coalescing warnings ("warning: …") at info level.
        if (helmMajor >= 4) return $"level={(warning.StartsWith("warning: ", StringComparison.Ordinal) ? "INFO" : "WARN")} msg={HelmTemplate.SlogValue(warning)}";
        // helm 3's log lines carry the Go source position of the call (those seen in testdata/charts/values-warnings).
        if (warning.StartsWith("warning: cannot overwrite table", StringComparison.Ordinal)) return "coalesce.go:298: " + warning;
        if (warning.StartsWith("warning: destination for ", StringComparison.Ordinal)) return "coalesce.go:301: " + warning;
        if (warning.StartsWith(tagPrefix, StringComparison.Ordinal)) return "dependencies.go:94: " + warning;
        return warning;
    }
}
