namespace HelmSharp.Charts;

/// <summary>A file of a chart: chart-relative name (<c>/</c> separators) and raw bytes.</summary>
/// <param name="Name">Chart-relative path, e.g. <c>templates/deploy.yaml</c>.</param>
/// <param name="Data">The file's bytes (a UTF-8 BOM already stripped).</param>
public sealed record ChartFile(string Name, byte[] Data);

/// <summary>
/// A loaded Helm chart (helm's <c>chart.Chart</c>): metadata, templates, other files (for
/// <c>.Files</c>), default values, schema, lock and subcharts.
/// </summary>
public sealed class Chart
{
    private readonly List<Chart> _dependencies = [];

    /// <summary>Chart.yaml contents.</summary>
    public ChartMetadata Metadata { get; internal set; } = new();
    /// <summary>Every file as loaded, in load order.</summary>
    public List<ChartFile> Raw { get; } = [];
    /// <summary>Files under <c>templates/</c>.</summary>
    public List<ChartFile> Templates { get; internal set; } = [];
    /// <summary>Everything that is not Chart.yaml, values, schema, templates, lock or subchart: what <c>.Files</c> shows.</summary>
    public List<ChartFile> Files { get; internal set; } = [];
    /// <summary>Default values from <c>values.yaml</c> (empty map when absent).</summary>
    public Dictionary<string, object?> Values { get; set; } = new();
    /// <summary>Raw bytes of <c>values.schema.json</c>, or null.</summary>
    public byte[]? Schema { get; internal set; }
    /// <summary>Decoded <c>Chart.lock</c> / <c>requirements.lock</c>, or null.</summary>
    internal object? Lock { get; set; }
    /// <summary>The parent chart, or null for the root.</summary>
    public Chart? Parent { get; private set; }
    /// <summary>True for the top-level chart.</summary>
    public bool IsRoot => Parent == null;
    /// <summary>Subcharts (after dependency processing: only enabled ones, aliases applied).</summary>
    public IReadOnlyList<Chart> Dependencies => _dependencies;
    /// <summary>The chart name (<c>Metadata.Name</c>, the alias for aliased dependencies).</summary>
    public string Name => Metadata.Name;

    /// <summary>Helm's <c>ChartFullPath</c>: <c>parent/charts/name</c> chains up to the root.</summary>
    public string ChartFullPath() => Parent == null ? Name : Parent.ChartFullPath() + "/charts/" + Name;

    /// <summary>True when the chart type is <c>library</c> (case-insensitive, as the engine checks it).</summary>
    public bool IsLibrary => string.Equals(Metadata.Type, "library", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds a subchart (sets its parent).</summary>
    internal void AddDependency(Chart dep)
    {
        dep.Parent = this;
        _dependencies.Add(dep);
    }

    /// <summary>Replaces the subcharts (sets their parent).</summary>
    public void SetDependencies(IEnumerable<Chart> deps)
    {
        var list = deps.ToList();
        _dependencies.Clear();
        foreach (var d in list) AddDependency(d);
    }

    /// <summary>A copy whose metadata, dependency list and values map can be modified without touching this chart (files shared).</summary>
    internal Chart CloneTree()
    {
        var c = ShallowCopy();
        foreach (var d in _dependencies) c.AddDependency(d.CloneTree());
        return c;
    }

    internal Chart ShallowCopy()
    {
        var c = new Chart
        {
            Metadata = Metadata.Clone(),
            Templates = Templates,
            Files = Files,
            Values = Values,
            Schema = Schema,
            Lock = Lock,
        };
        c.Raw.AddRange(Raw);
        return c;
    }
}
