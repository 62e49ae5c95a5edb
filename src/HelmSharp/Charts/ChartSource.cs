namespace HelmSharp.Charts;

/// <summary>
/// A chart's files read once (a directory walked with its <c>.helmignore</c>, files loading does not need read when first used; an archive unpacked; or files given in
/// memory), loaded per helm version on demand exactly as <see cref="ChartLoader.Load(string, int)"/> would load them.
/// </summary>
internal sealed class ChartSource
{
    private readonly List<ChartFile>? _files;
    private readonly Func<int, Exception?>? _error; // a version-dependent load error, made anew for every load
    private readonly Lazy<Chart> _v3, _v4;

    private ChartSource(List<ChartFile>? files, Func<int, Exception?>? error)
    {
        _files = files;
        _error = error;
        _v3 = new Lazy<Chart>(() => LoadNow(3), LazyThreadSafetyMode.ExecutionAndPublication);
        _v4 = new Lazy<Chart>(() => LoadNow(4), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Reads a chart directory or archive; errors that do not depend on the helm version are thrown here.</summary>
    public static ChartSource FromPath(string path)
    {
        if (Directory.Exists(path))
        {
            var top = Path.GetFullPath(path);
            var cy = Path.Combine(path, "Chart.yaml");
            bool hasChartYaml = File.Exists(Path.Combine(top, "Chart.yaml"));
            var files = ChartLoader.ReadDirectory(top);
            // helm 4 looks for Chart.yaml before reading the directory; helm 3 fails later, in LoadFiles.
            return new ChartSource(files, hasChartYaml ? null : major => major == 3 ? null : new ChartException("unable to detect chart at " + cy + ": open " + cy + ": no such file or directory"));
        }
        if (!File.Exists(path)) throw new ChartException("stat " + path + ": no such file or directory");
        using var fs = File.OpenRead(path);
        ChartLoader.EnsureArchive(path, fs);
        try { return new ChartSource(ChartLoader.ReadArchiveFiles(fs), null); }
        catch (ChartException e)
        {
            // helm 4.1 reports every archive-level failure as "unable to load chart archive".
            return new ChartSource(null, major => major == 3 ? new ChartException(e.Message, e) : new ChartException("unable to load chart archive", e));
        }
    }

    /// <summary>Chart files given in memory (chart-relative names, as <see cref="ChartLoader.LoadFiles(IEnumerable{KeyValuePair{string, byte[]}}, int)"/> takes them).</summary>
    public static ChartSource FromFiles(IEnumerable<(string Path, byte[] Data)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var list = new List<ChartFile>();
        foreach (var (name, data) in files)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(files));
            ArgumentNullException.ThrowIfNull(data, nameof(files));
            list.Add(new ChartFile(name, ChartLoader.StripBom(data)));
        }
        return new ChartSource(list, null);
    }

    /// <summary>The chart as helm <paramref name="major"/> loads it (loaded once per version; a load error is thrown every time).</summary>
    public Chart Load(int major) => (major == 3 ? _v3 : _v4).Value;

    private Chart LoadNow(int major)
    {
        if (_error?.Invoke(major) is { } e) throw e;
        return ChartLoader.LoadFiles(new List<ChartFile>(_files!), major);
    }
}
