using HelmSharp.Charts;
using HelmSharp.Rendering;

namespace HelmSharp;

/// <summary>
/// The entry points: render a chart in one call (<see cref="Render(string, RenderOptions?, CancellationToken)"/>),
/// or compile it once and render it many times (<see cref="Compile(string, bool)"/>).
/// </summary>
/// <remarks>
/// Every failure is a <see cref="HelmSharpException"/> whose message is helm's: <see cref="ChartException"/> when the
/// chart cannot be loaded, <see cref="HelmSharp.Values.ValuesException"/> when the values cannot be read or merged,
/// <see cref="HelmTemplateException"/> when the render fails (with the template, file, line and column where helm names
/// them). Bad arguments are <see cref="ArgumentException"/>s; cancellation is <see cref="OperationCanceledException"/>.
/// </remarks>
public static class HelmChart
{
    /// <summary>
    /// Renders the chart at <paramref name="chartPath"/> (a directory or a <c>.tgz</c>) as <c>helm template</c> does:
    /// <see cref="TemplateResult.Output"/> is exactly what helm prints.
    /// </summary>
    /// <param name="chartPath">A chart directory or archive; a missing path is helm's <c>path "…" not found</c>.</param>
    /// <param name="options">Release, values, helm version and switches; null for <c>helm template</c>'s defaults.</param>
    /// <param name="cancellationToken">Cancels the render.</param>
    public static TemplateResult Render(string chartPath, RenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RenderOptions();
        var path = ChartLocator.Locate(chartPath);
        var request = options.ToRequest(); // helm merges the values before it loads the chart
        var chart = LoadChart(() => ChartLoader.Load(path, request.HelmMajor));
        chart.GiveValuesToOneRender(request.HelmMajor); // no one else sees this chart: its one render may take its loaded defaults as they are
        return HelmTemplate.RenderWith(chart, request, null, cancellationToken);
    }

    /// <summary>Renders a chart given as files in memory (chart-relative paths such as <c>Chart.yaml</c>, <c>templates/cm.yaml</c>).</summary>
    public static TemplateResult Render(IEnumerable<(string Path, byte[] Data)> files, RenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RenderOptions();
        var source = ChartSource.FromFiles(files);
        var request = options.ToRequest();
        return HelmTemplate.RenderWith(source.Load(request.HelmMajor), request, null, cancellationToken);
    }

    /// <summary>Renders a chart given as text files in memory (chart-relative path → content, UTF-8).</summary>
    public static TemplateResult Render(IReadOnlyDictionary<string, string> files, RenderOptions? options = null, CancellationToken cancellationToken = default) =>
        Render(Utf8(files), options, cancellationToken);

    /// <summary>Renders a chart loaded with <see cref="Load(string, HelmVersion)"/> (or <see cref="ChartLoader"/>).</summary>
    public static TemplateResult Render(Chart chart, RenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chart);
        options ??= new RenderOptions();
        return HelmTemplate.RenderWith(chart, options.ToRequest(), null, cancellationToken);
    }

    /// <summary>Loads a chart directory or archive as <paramref name="version"/> of helm loads it.</summary>
    public static Chart Load(string chartPath, HelmVersion version = HelmVersion.V4)
    {
        int major = version.Major();
        var path = ChartLocator.Locate(chartPath);
        return LoadChart(() => ChartLoader.Load(path, major));
    }

    /// <summary>Loads a chart from files in memory (chart-relative paths) as <paramref name="version"/> of helm loads it.</summary>
    public static Chart Load(IEnumerable<(string Path, byte[] Data)> files, HelmVersion version = HelmVersion.V4) =>
        ChartSource.FromFiles(files).Load(version.Major());

    /// <summary>
    /// Reads the chart at <paramref name="chartPath"/> once for any number of renders, from any number of threads:
    /// templates are parsed once, on the first render for each helm version, and reused.
    /// </summary>
    /// <remarks>
    /// A missing path or an unreadable directory or archive fails here; what depends on the helm version (Chart.yaml,
    /// values.yaml, templates) fails on the first <see cref="CompiledChart.Render(RenderOptions?, CancellationToken)"/>
    /// for that version, as it would in helm.
    /// </remarks>
    /// <param name="chartPath">A chart directory or archive.</param>
    /// <param name="memoizeIncludes">Memoize <c>include</c> results where that cannot change the output (faster repeated renders).</param>
    public static CompiledChart Compile(string chartPath, bool memoizeIncludes = true)
    {
        var path = ChartLocator.Locate(chartPath);
        return new CompiledChart(LoadChart(() => ChartSource.FromPath(path)), memoizeIncludes);
    }

    /// <summary>Compiles a chart given as files in memory (chart-relative paths), as <see cref="Compile(string, bool)"/> does.</summary>
    public static CompiledChart Compile(IEnumerable<(string Path, byte[] Data)> files, bool memoizeIncludes = true) =>
        new(ChartSource.FromFiles(files), memoizeIncludes);

    /// <summary>
    /// Compiles a loaded chart for repeated rendering: template parses (and <c>tpl</c> parses)
    /// are cached by file content and shared by every later render.
    /// </summary>
    /// <param name="chart">A loaded chart (e.g. from <see cref="Load(string, HelmVersion)"/>); it must not be modified afterwards.</param>
    /// <param name="memoizeIncludes">Memoize <c>include</c> results where that cannot change the output (see the caching include layer).</param>
    public static CompiledChart Compile(Chart chart, bool memoizeIncludes = true)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return new CompiledChart(chart, memoizeIncludes);
    }

    private static IEnumerable<(string, byte[])> Utf8(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.Select(kv => (kv.Key, System.Text.Encoding.UTF8.GetBytes(kv.Value ?? throw new ArgumentNullException(nameof(files)))));
    }

    // File-system errors the loader does not word as helm does still reach the caller as a ChartException.
    private static T LoadChart<T>(Func<T> load)
    {
        try { return load(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ChartException(e.Message, e); }
    }
}

/// <summary>
/// A chart read and parsed once, rendered many times (other releases, other values, either helm version) without
/// re-parsing. <see cref="Render(RenderOptions?, CancellationToken)"/> is safe to call from many threads at once.
/// </summary>
public sealed class CompiledChart
{
    private readonly RenderCaches _caches;
    private readonly Chart? _chart;
    private readonly ChartSource? _source;

    internal CompiledChart(Chart chart, bool memoizeIncludes)
    {
        _chart = chart;
        _caches = new RenderCaches(memoizeIncludes);
    }

    internal CompiledChart(ChartSource source, bool memoizeIncludes)
    {
        _source = source;
        _caches = new RenderCaches(memoizeIncludes);
    }

    /// <summary>The chart: the one given to <see cref="HelmChart.Compile(Chart, bool)"/>, or the files read by the other overloads as helm 4 loads them.</summary>
    public Chart Chart => _chart ?? _source!.Load(4);

    /// <summary>The chart as <paramref name="version"/> of helm loads it (for a compiled <see cref="Charts.Chart"/>: that chart).</summary>
    public Chart GetChart(HelmVersion version)
    {
        int major = version.Major();
        return _chart ?? _source!.Load(major);
    }

    /// <summary>True when <c>include</c> results are memoized.</summary>
    public bool MemoizeIncludes => _caches.MemoizeIncludes;

    /// <summary>True while decoded <c>fromYaml</c>/<c>fromJson</c> documents are shared instead of copied (no render has written into one).</summary>
    internal bool SharesDecodedDocuments => _caches.SharesDecoded;

    /// <summary>The define names whose <c>include</c> results are not stored (never reused in the last profiling render).</summary>
    internal IReadOnlyCollection<string> ColdIncludes => _caches.ColdIncludes;

    /// <summary>The template plan the last render used (kept while renders give the same chart tree).</summary>
    internal object? LastTemplatePlan => _caches.LastPlan;

    /// <summary>True when results of including template files (not defines) are not stored (none was reused in the last profiling render).</summary>
    internal bool ColdFileIncludes => _caches.ColdFileIncludes;

    /// <summary>Renders as <see cref="HelmChart.Render(string, RenderOptions?, CancellationToken)"/> does, reusing this chart's parses.</summary>
    /// <param name="options">Release, values, helm version and switches; null for <c>helm template</c>'s defaults.</param>
    /// <param name="cancellationToken">Cancels the render.</param>
    /// <exception cref="HelmTemplateException">helm's error.</exception>
    public TemplateResult Render(RenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RenderOptions();
        var request = options.ToRequest();
        return HelmTemplate.RenderWith(GetChart(options.HelmVersion), request, _caches, cancellationToken);
    }

    /// <summary>Renders as <see cref="HelmTemplate.Render(Chart, TemplateRequest, CancellationToken)"/> does, with the output byte-identical to it.</summary>
    /// <exception cref="HelmTemplateException">helm's error.</exception>
    internal TemplateResult Render(TemplateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chart = _chart ?? _source!.Load(((HelmVersion)request.HelmMajor).Major(nameof(request)));
        return HelmTemplate.RenderWith(chart, request, _caches, cancellationToken);
    }
}
