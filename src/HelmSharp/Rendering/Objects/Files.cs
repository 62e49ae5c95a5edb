using System.Collections;
using HelmSharp.Charts;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Rendering.Objects;

/// <summary>
/// helm's <c>.Files</c> (<c>engine.files</c>, a <c>map[string][]byte</c> with methods): the chart's
/// non-template files by chart-relative path. Files keep their bytes exactly as the archive or the disk held them
/// (only a leading UTF-8 BOM is dropped at load, as helm does): the strings made from them are Go strings, whose
/// bytes that are not valid UTF-8 are carried by <see cref="GoUtf8"/>'s surrogate escaping, so <c>b64enc</c>,
/// <c>sha256sum</c>, <c>len</c> and the rendered output see the file's own bytes (a compressed or binary file
/// survives <c>.Files.Get | b64enc</c>).
/// </summary>
/// <remarks>
/// The map holds the chart's <see cref="ChartFile"/>s and reads a file's bytes (<see cref="ChartFile.Data"/>, read once
/// per chart file) only when a template reaches its value: <c>.Files.Get</c>, <c>.Files.Glob</c>'s entries, ranging,
/// indexing or printing the map. A chart's megabytes of <c>crds/</c> or data files that no template reads stay on disk.
/// It is a Go map of another type than <c>map[string]interface {}</c> (helm's functions that want one refuse it, as in
/// helm), so it is a non-generic <see cref="IDictionary"/> whose every access goes through this class.
/// </remarks>
internal sealed class Files : IDictionary, IGoMethods
{
    private static readonly GoType s_type = GoType.Named("engine.files", GoType.MapOf(GoType.String, GoType.SliceUint8));

    // path → ChartFile (bytes read on access) or a value stored by a template.
    private readonly Dictionary<string, object?> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates the object over <paramref name="files"/> (nothing is read).</summary>
    public Files(IEnumerable<ChartFile> files)
    {
        foreach (var f in files) _entries[f.Name] = f;
    }

    /// <summary>Creates the object over <paramref name="files"/> (path → bytes).</summary>
    public Files(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        foreach (var kv in files) _entries[kv.Key] = kv.Value;
    }

    private Files() { }

    private static object? Value(object? v) => v is ChartFile f ? f.Data : v;

    /// <inheritdoc/>
    public GoType GoType => s_type;

    /// <inheritdoc/>
    public bool TryGetMethod(string name, out GoMethod method) => (method = BuildMethod(name)!) != null;

    /// <summary>True when the map has <paramref name="name"/>, with its value (the file's bytes).</summary>
    public bool TryGetValue(string name, out object? value)
    {
        if (_entries.TryGetValue(name, out var v)) { value = Value(v); return true; }
        value = null;
        return false;
    }

    /// <summary>The file's bytes, or an empty array.</summary>
    public byte[] GetBytes(string name) => TryGetValue(name, out var v) && v is byte[] b ? b : [];

    /// <summary>The file's content as a Go string (<c>string(bytes)</c>, see <see cref="GoUtf8"/>), or "".</summary>
    public string Get(string name) => GoUtf8.GetString(GetBytes(name));

    /// <summary>The files whose path matches the gobwas glob <paramref name="pattern"/> (an invalid pattern matches everything).</summary>
    public Files Glob(string pattern)
    {
        var re = GlobPattern.TryCompile(pattern);
        var result = new Files();
        foreach (var kv in _entries)
            if (re == null || re.IsMatch(kv.Key)) result._entries[kv.Key] = kv.Value;
        return result;
    }

    /// <summary>The file split into lines (one trailing newline removed); an empty array when missing.</summary>
    public string[] Lines(string path)
    {
        if (!TryGetValue(path, out var v) || v is not byte[] b) return [];
        var s = GoUtf8.GetString(b);
        if (s.Length == 0) throw new GoFunctionException("runtime error: index out of range [-1]");
        if (s[^1] == '\n') s = s[..^1];
        return s.Split('\n');
    }

    /// <summary><c>toYaml</c> of base name → content (Go strings: toYaml's JSON step turns each invalid byte into U+FFFD, as in helm).</summary>
    public string AsConfig() => AsMap(GoUtf8.GetString);

    /// <summary><c>toYaml</c> of base name → base64 content.</summary>
    public string AsSecrets() => AsMap(Convert.ToBase64String);

    private string AsMap(Func<byte[], string> convert)
    {
        var m = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in _entries)
        {
            m[GoPath.Base(kv.Key)] = convert(Value(kv.Value) as byte[] ?? []);
        }
        return HelmSharp.Helm.HelmFunctions.ToYaml(m);
    }

    private GoMethod? BuildMethod(string name) => name switch
    {
        "Get" => new(name, [GoType.String], a => Get((string)a[0]!)),
        "GetBytes" => new(name, [GoType.String], a => GetBytes((string)a[0]!)),
        "Glob" => new(name, [GoType.String], a => Glob((string)a[0]!)),
        "Lines" => new(name, [GoType.String], a => Lines((string)a[0]!)),
        "AsConfig" => new(name, [], _ => AsConfig()),
        "AsSecrets" => new(name, [], _ => AsSecrets()),
        _ => null,
    };

    // IDictionary: every value read goes through Value (the file's bytes).

    /// <inheritdoc/>
    public object? this[object key]
    {
        get => key is string s && TryGetValue(s, out var v) ? v : null;
        set => _entries[(string)key] = value;
    }

    /// <inheritdoc/>
    public ICollection Keys => _entries.Keys;

    /// <inheritdoc/>
    public ICollection Values
    {
        get
        {
            var list = new List<object?>(_entries.Count);
            foreach (var v in _entries.Values) list.Add(Value(v));
            return list;
        }
    }

    /// <inheritdoc/>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    public bool IsFixedSize => false;

    /// <inheritdoc/>
    public bool IsSynchronized => false;

    /// <inheritdoc/>
    public object SyncRoot => this;

    /// <inheritdoc/>
    public void Add(object key, object? value) => _entries.Add((string)key, value);

    /// <inheritdoc/>
    public void Clear() => _entries.Clear();

    /// <inheritdoc/>
    public bool Contains(object key) => key is string s && _entries.ContainsKey(s);

    /// <inheritdoc/>
    public void Remove(object key)
    {
        if (key is string s) _entries.Remove(s);
    }

    /// <inheritdoc/>
    public void CopyTo(Array array, int index)
    {
        foreach (var kv in _entries) array.SetValue(new DictionaryEntry(kv.Key, Value(kv.Value)), index++);
    }

    /// <inheritdoc/>
    public IDictionaryEnumerator GetEnumerator() => new Enumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(Files owner) : IDictionaryEnumerator
    {
        private Dictionary<string, object?>.Enumerator _e = owner._entries.GetEnumerator();

        public DictionaryEntry Entry => new(_e.Current.Key, Value(_e.Current.Value));
        public object Key => _e.Current.Key;
        public object? Value => Files.Value(_e.Current.Value);
        public object Current => Entry;
        public bool MoveNext() => _e.MoveNext();
        public void Reset() => _e = owner._entries.GetEnumerator();
    }
}
