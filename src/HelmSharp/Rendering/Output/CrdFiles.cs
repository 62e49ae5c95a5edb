using HelmSharp.Charts;
using HelmSharp.Go;

namespace HelmSharp.Rendering;

/// <summary>
/// The <c>crds/</c> files of a chart and its subcharts, as helm's <c>Chart.CRDObjects</c> lists them: the chart's own
/// files under <c>crds/</c> with a <c>.yaml</c>, <c>.yml</c> or <c>.json</c> extension (any case), in file order, then
/// each dependency's, depth first; the path is the chart's full path joined to the file name. <c>helm template</c> prints
/// them only with <c>--include-crds</c> (<c>--skip-crds</c> changes nothing in a render that installs nothing). The one
/// home of that listing: <c>helm lint</c>'s CRD rule and the unit-test runner read it too.
/// </summary>
/// <remarks>
/// The list is <see cref="TemplateResult.Crds"/>: path and content as a Go string. A file's content is decoded from its
/// bytes when it is first read (and kept), so a render that does not print the CRDs never decodes them (a chart may
/// carry megabytes of them). It reads the chart's byte arrays, which a loaded chart does not change.
/// </remarks>
internal sealed class CrdFiles : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly List<(string Path, ChartFile File)> _files = [];
    private string?[] _texts = [];

    private CrdFiles() { }

    /// <summary>The CRD files of <paramref name="chart"/> and its dependencies (nothing is decoded yet).</summary>
    public static CrdFiles Collect(Chart chart)
    {
        var crds = new CrdFiles();
        crds.Add(chart);
        crds._texts = new string?[crds._files.Count];
        return crds;
    }

    private void Add(Chart c)
    {
        var full = c.ChartFullPath();
        foreach (var f in c.Files)
        {
            if (!f.Name.StartsWith("crds/", StringComparison.Ordinal)) continue;
            // hasManifestExtension: strings.EqualFold of filepath.Ext
            if (GoPath.Ext(f.Name).ToLowerInvariant() is not (".yaml" or ".yml" or ".json")) continue;
            _files.Add((full + "/" + f.Name, f));
        }
        foreach (var d in c.Dependencies) Add(d);
    }

    /// <inheritdoc/>
    public int Count => _files.Count;

    /// <summary>The path of file <paramref name="index"/> (<c>chart/crds/x.yaml</c>).</summary>
    public string Path(int index) => _files[index].Path;

    /// <summary>The chart file <paramref name="index"/> is (its name relative to its own chart, and its bytes).</summary>
    public ChartFile File(int index) => _files[index].File;

    /// <summary>The content of file <paramref name="index"/> as a Go string (see <see cref="TemplateResult.Output"/>), decoded on first use.</summary>
    public string Text(int index) => _texts[index] ??= GoUtf8.GetString(_files[index].File.Data);

    /// <summary>True once the content of file <paramref name="index"/> has been decoded.</summary>
    internal bool IsDecoded(int index) => _texts[index] != null;

    /// <inheritdoc/>
    public KeyValuePair<string, string> this[int index] => new(Path(index), Text(index));

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (int i = 0; i < _files.Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
