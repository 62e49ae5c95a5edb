namespace HelmSharp.Charts;

/// <summary>helm's <c>ChartPathOptions.LocateChart</c> for local charts (helmsharp never downloads charts).</summary>
internal static class ChartLocator
{
    /// <summary>
    /// The chart path <c>helm template</c> would use for <paramref name="name"/> (trimmed of white space, made absolute
    /// as Go's <c>filepath.Abs</c> makes it: helm's loader messages name the absolute path), or a
    /// <see cref="ChartException"/> with helm's message when nothing is there: <c>path "./x" not found</c> for absolute
    /// and dot-relative paths, the downloader's messages for names helm would look up in a repository.
    /// </summary>
    public static string Locate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (Directory.Exists(trimmed) || File.Exists(trimmed))
        {
            var full = Path.GetFullPath(trimmed);
            return full.Length > 1 ? full.TrimEnd('/', Path.DirectorySeparatorChar) : full;
        }
        if (Path.IsPathRooted(trimmed) || trimmed.StartsWith('.'))
            throw new ChartException($"path {HelmSharp.Go.GoStrconv.Quote(trimmed)} not found");
        if (trimmed.Contains("://", StringComparison.Ordinal))
            throw new ChartException($"path {HelmSharp.Go.GoStrconv.Quote(trimmed)} not found (helmsharp renders local charts only: download it first)");
        // helm's downloader: "repo/chart" is looked up in the repositories file (helmsharp has none).
        int slash = trimmed.IndexOf('/');
        if (slash < 0) throw new ChartException("non-absolute URLs should be in form of repo_name/path_to_chart, got: " + trimmed);
        throw new ChartException("repo " + trimmed[..slash] + " not found");
    }
}
