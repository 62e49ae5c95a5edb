namespace HelmSharp.Rendering;

/// <summary>Formats the warning lines of the values layer as each helm version logs them to stderr.</summary>
/// <remarks>
/// helm 3 logs every one of them through Go's <c>log.Printf</c> with the source position of the call
/// (<c>coalesce.go:237: warning: …</c>). helm 4 sends <c>log.Printf</c> through <c>slog</c> at INFO
/// (<c>level=INFO msg="warning: …"</c>) and logs the dependency warnings with <c>slog.Warn</c> and
/// attributes (<c>level=WARN msg="returned non-bool value" path=… chart=…</c>).
/// </remarks>
internal static class HelmLog
{
    // The warnings HelmSharp's values layer produces (Values/ValueMerge.cs, Values/ChartValues.cs).
    /// <summary>One log call of helm: how the message starts, helm 3's source position, helm 4's form.</summary>
    private sealed record LogCall(string Prefix, string V3Position, Func<string, string>? V4Warn = null);

    private static readonly LogCall[] s_calls =
    [
        // pkg/chartutil/dependencies.go (helm 3) / pkg/chart/v2/util/dependencies.go (helm 4, slog.Warn)
        new("Warning: Condition path '", "dependencies.go:63: ", w => NonBool(w, "Warning: Condition path '", "path")),
        new("Warning: Tag '", "dependencies.go:94: ", w => NonBool(w, "Warning: Tag '", "tag")),
        new("Warning: ImportValues missing table from chart ", "dependencies.go:269: ", w =>
        {
            var rest = w["Warning: ImportValues missing table from chart ".Length..];
            int sep = rest.IndexOf(": ", StringComparison.Ordinal);
            return $"level=WARN msg=\"ImportValues missing table from chart\" chart={HelmSharp.Go.GoSlog.Value(rest[..sep])} error={HelmSharp.Go.GoSlog.Value(rest[(sep + 2)..])}";
        }),
        new("Warning: ImportValues missing table: ", "dependencies.go:286: ",
            w => $"level=WARN msg=\"ImportValues missing table\" error={HelmSharp.Go.GoSlog.Value(w["Warning: ImportValues missing table: ".Length..])}"),
        // pkg/chartutil/coalesce.go (helm 3.17.3 line numbers); helm 4 logs these through log.Printf at INFO
        new("warning: skipping globals because destination ", "coalesce.go:138: "),
        new("warning: skipping globals because source ", "coalesce.go:145: "),
        new("Conflict: cannot merge map onto non-map for ", "coalesce.go:161: "),
        new("key ", "coalesce.go:175: "),
        new("warning: skipped value for ", "coalesce.go:237: "),
        new("warning: cannot overwrite table", "coalesce.go:298: "),
        new("warning: destination for ", "coalesce.go:301: "),
    ];

    /// <summary>The line helm <paramref name="helmMajor"/> prints on stderr for <paramref name="warning"/> (helm 3's text).</summary>
    public static string Format(string warning, int helmMajor)
    {
        foreach (var call in s_calls)
        {
            if (!warning.StartsWith(call.Prefix, StringComparison.Ordinal)) continue;
            if (helmMajor < 4) return call.V3Position + warning;
            return call.V4Warn != null ? call.V4Warn(warning) : $"level=INFO msg={HelmSharp.Go.GoSlog.Value(warning)}";
        }
        return helmMajor < 4 ? warning : $"level=INFO msg={HelmSharp.Go.GoSlog.Value(warning)}";
    }

    // "Warning: Condition path 'P' for chart C returned non-bool value" / "Warning: Tag 'T' for chart C …"
    private static string NonBool(string warning, string prefix, string key)
    {
        var name = warning[prefix.Length..warning.IndexOf('\'', prefix.Length)];
        const string chartMarker = "' for chart ";
        int ci = warning.IndexOf(chartMarker, StringComparison.Ordinal) + chartMarker.Length;
        var chart = warning[ci..warning.IndexOf(' ', ci)];
        return $"level=WARN msg=\"returned non-bool value\" {key}={HelmSharp.Go.GoSlog.Value(name)} chart={HelmSharp.Go.GoSlog.Value(chart)}";
    }
}
