namespace HelmSharp.Charts;

/// <summary>A file of a chart: chart-relative name (<c>/</c> separators) and raw bytes.</summary>
/// <remarks>
/// A chart loaded from a directory reads at load what loading needs (<c>Chart.yaml</c>, values, schema, locks,
/// templates, subchart archives); any other file (<c>crds/</c>, what <c>.Files</c> shows) is read from disk when its
/// <see cref="Data"/> is first read, once: later reads, from any thread, get the same array. A file made in memory
/// holds its bytes from the start.
/// </remarks>
public sealed class ChartFile
{
    private readonly ChartFileContent _content;

    /// <summary>A file with the given bytes.</summary>
    /// <param name="name">Chart-relative path, e.g. <c>templates/deploy.yaml</c>.</param>
    /// <param name="data">The file's bytes (the loader strips a UTF-8 BOM before it makes the file).</param>
    public ChartFile(string name, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(data);
        Name = name;
        _content = new ChartFileContent(data);
    }

    private ChartFile(string name, ChartFileContent content)
    {
        Name = name;
        _content = content;
    }

    /// <summary>A file on disk at <paramref name="path"/>, read when its data is first asked for.</summary>
    internal static ChartFile OnDisk(string name, string path) => new(name, new ChartFileContent(path, name));

    /// <summary>Chart-relative path, e.g. <c>templates/deploy.yaml</c>.</summary>
    public string Name { get; }

    /// <summary>The file's bytes (a UTF-8 BOM already stripped); read from disk on first use for a lazily loaded file.</summary>
    /// <exception cref="ChartException">The file could not be read (<c>error reading NAME: …</c>, as helm's loader says it).</exception>
    public byte[] Data => _content.Get();

    /// <summary>True once the bytes are in memory (always for a file made in memory).</summary>
    internal bool IsRead => _content.IsRead;

    /// <summary>The same content under another name (a subchart's view of a file); the bytes are read at most once for both.</summary>
    internal ChartFile WithName(string name) => new(name, _content);

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The bytes of a <see cref="ChartFile"/>: given, or read from a path on first use (thread-safe, at most once on success).</summary>
internal sealed class ChartFileContent
{
    private readonly string? _path, _errorName;
    private readonly Lock _lock = new();
    private byte[]? _data;

    public ChartFileContent(byte[] data) => _data = data;

    public ChartFileContent(string path, string errorName)
    {
        _path = path;
        _errorName = errorName;
    }

    public bool IsRead => Volatile.Read(ref _data) != null;

    public byte[] Get()
    {
        var d = Volatile.Read(ref _data);
        if (d != null) return d;
        lock (_lock)
        {
            d = _data;
            if (d == null)
            {
                d = ReadFile(_path!, _errorName!);
                Volatile.Write(ref _data, d);
            }
            return d;
        }
    }

    /// <summary>
    /// Reads a chart file as helm's loader does (<c>os.ReadFile</c>, then a leading UTF-8 BOM dropped); failures are
    /// <c>error reading NAME: …</c>. One open, one size query and one read into an array of that size.
    /// </summary>
    internal static byte[] ReadFile(string path, string errorName)
    {
        try
        {
            byte[] data;
            bool grew = false;
            using (var h = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                long len = RandomAccess.GetLength(h);
                if (len > Array.MaxLength) throw new IOException("file too large");
                data = len == 0 ? [] : GC.AllocateUninitializedArray<byte>((int)len);
                int n = 0;
                while (n < data.Length)
                {
                    int r = RandomAccess.Read(h, data.AsSpan(n), n);
                    if (r == 0) break;
                    n += r;
                }
                if (n < data.Length) data = data.AsSpan(0, n).ToArray();
                else
                {
                    // The file grew since its size was taken (or a special file reports size 0): read on to its end.
                    Span<byte> probe = stackalloc byte[1];
                    grew = RandomAccess.Read(h, probe, n) > 0;
                }
            }
            if (grew) data = File.ReadAllBytes(path);
            return ChartLoader.StripBom(data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ChartException("error reading " + errorName + ": " + GoOpenError(path, e), e);
        }
    }

    // Go's *PathError text for a failed open/read where .NET's exception says which it was.
    private static string GoOpenError(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "open " + path + ": no such file or directory",
        UnauthorizedAccessException => "open " + path + ": permission denied",
        _ => e.Message,
    };
}

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

    // GiveValuesToOneRender: 0 nothing given, 1 the default values _givenValues (decoded as helm major _givenMajor) are
    // given to the one render this chart tree is for, 2 a render took them.
    private int _valuesState;
    private int _givenMajor;
    private Dictionary<string, object?>? _givenValues;

    /// <summary>
    /// For a caller that loaded this chart tree itself with <see cref="ChartLoader"/> as helm <paramref name="helmMajor"/>
    /// (so that every chart's default values are a fresh tree of their own, in which no map or list is reachable twice)
    /// and renders it once, reading nothing of it afterwards (the CLI,
    /// <see cref="HelmChart.Render(string, RenderOptions?, CancellationToken)"/>): that render's coalescing may merge into
    /// the loaded defaults, and its templates may change them, instead of working on a deep copy (helm copies them so
    /// that the chart stays as loaded for another render). Should the chart be rendered again after all (a render that
    /// runs again, the source map of an error), its defaults are first decoded again from its values.yaml.
    /// </summary>
    internal void GiveValuesToOneRender(int helmMajor)
    {
        foreach (var c in SelfAndDependencies())
        {
            c._givenValues = c.Values;
            c._givenMajor = helmMajor;
            Volatile.Write(ref c._valuesState, 1);
        }
    }

    /// <summary>This chart and every chart below it, each parent before its dependencies.</summary>
    internal List<Chart> SelfAndDependencies()
    {
        var all = new List<Chart>();
        var todo = new Stack<Chart>();
        todo.Push(this);
        while (todo.Count > 0)
        {
            var c = todo.Pop();
            all.Add(c);
            foreach (var d in c._dependencies) todo.Push(d);
        }
        return all;
    }

    /// <summary>
    /// Takes this chart's given default values (see <see cref="GiveValuesToOneRender"/>): the map, still its
    /// <see cref="Values"/>, the first time; null when none were given or <see cref="Values"/> was replaced since.
    /// After a render took them, <see cref="Values"/> is decoded again (as loading decoded it) and null returned.
    /// </summary>
    internal Dictionary<string, object?>? TakeGivenValues()
    {
        switch (Interlocked.CompareExchange(ref _valuesState, 2, 1))
        {
            case 0: return null;
            case 1:
                var v = _givenValues;
                _givenValues = null;
                if (ReferenceEquals(v, Values)) return v;
                Volatile.Write(ref _valuesState, 0); // replaced since: those values were not given
                return null;
            default:
                lock (_dependencies)
                {
                    if (Volatile.Read(ref _valuesState) == 2)
                    {
                        Values = ChartLoader.ReloadValues(this, _givenMajor);
                        Volatile.Write(ref _valuesState, 0);
                    }
                }
                return null;
        }
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
