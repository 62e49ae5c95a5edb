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
        return helmMajor >= 4 ? $"level=WARN msg={HelmTemplate.SlogValue(warning)}" : warning;
    }
}
