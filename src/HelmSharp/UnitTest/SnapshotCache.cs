using System.Globalization;
using System.Text.RegularExpressions;
using HelmSharp.UnitTest.Validators;
using HelmSharp.Yaml;

namespace HelmSharp.UnitTest;

/// <summary>
/// A suite's snapshot file (<c>tests/__snapshot__/NAME_test.yaml.snap</c>): for each test, the go-yaml v3 text of each
/// <c>matchSnapshot</c>/<c>matchSnapshotRaw</c> value by its 1-based order in the test. Compared byte for byte; written
/// back (as go-yaml v3 writes <c>map[string]map[uint]string</c>) when snapshots are new, vanished or being updated.
/// </summary>
internal sealed partial class SnapshotCache
{
    public string FilePath { get; }
    public bool IsUpdating { get; }
    private Dictionary<string, Dictionary<uint, string>> _cached = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<uint, string>> _current = new(StringComparer.Ordinal);
    private uint _updated, _inserted, _currentCount;

    private SnapshotCache(string filePath, bool updating)
    {
        FilePath = filePath;
        IsUpdating = updating;
    }

    /// <summary>The cache of the suite whose snapshot file base is <paramref name="suiteFileBase"/>.</summary>
    public static SnapshotCache ForSuite(string suiteFileBase, bool updating)
    {
        var dir = Path.Combine(Path.GetDirectoryName(suiteFileBase) ?? ".", "__snapshot__");
        if (File.Exists(dir)) throw new UnitTestException("snapshot cache dir " + dir + " is not a directory");
        var cache = new SnapshotCache(Path.Combine(dir, Path.GetFileName(suiteFileBase) + ".snap"), updating);
        cache.Restore();
        return cache;
    }

    private void Restore()
    {
        if (!File.Exists(FilePath)) return;
        var text = HelmSharp.Go.GoUtf8.GetString(File.ReadAllBytes(FilePath));
        List<V3Node?> docs;
        try { docs = V3Yaml.Parse(text); }
        catch (V3YamlException e) { throw new UnitTestException(e.Message); }
        if (docs.Count == 0 || docs[0] == null) return;
        var dec = new V3Yaml.Decoder();
        var root = V3Yaml.Deref(docs[0]!);
        if (root.Kind != V3NodeKind.Mapping)
        {
            if (!(root.Kind == V3NodeKind.Scalar && V3Yaml.ShortTag(root) == V3Yaml.NullTag)) dec.TypeError(root, "map[string]map[uint]string");
        }
        else
        {
            dec.CheckDuplicates(root);
            for (int i = 0; i + 1 < root.Children!.Count; i += 2)
            {
                var test = dec.KeyString(root.Children[i]);
                if (test == null) continue;
                var inner = V3Yaml.Deref(root.Children[i + 1]);
                var byIndex = new Dictionary<uint, string>();
                if (inner.Kind == V3NodeKind.Mapping)
                {
                    dec.CheckDuplicates(inner);
                    for (int j = 0; j + 1 < inner.Children!.Count; j += 2)
                    {
                        var k = V3Yaml.Deref(inner.Children[j]);
                        var kv = k.Kind == V3NodeKind.Scalar ? V3Yaml.ScalarValue(k) : null;
                        uint idx;
                        if (kv is long l && l >= 0 && l <= uint.MaxValue) idx = (uint)l;
                        else { dec.TypeError(k, "uint"); continue; }
                        var v = V3Yaml.Deref(inner.Children[j + 1]);
                        if (v.Kind != V3NodeKind.Scalar) { dec.TypeError(v, "string"); continue; }
                        byIndex[idx] = V3Yaml.ShortTag(v) == V3Yaml.NullTag ? "" : v.Value;
                    }
                }
                else if (!(inner.Kind == V3NodeKind.Scalar && V3Yaml.ShortTag(inner) == V3Yaml.NullTag)) dec.TypeError(inner, "map[uint]string");
                _cached[test] = byIndex;
            }
        }
        try { dec.ThrowIfErrors(); }
        catch (V3YamlException e) { throw new UnitTestException(e.Message); }
    }

    /// <summary>Compares <paramref name="content"/> with snapshot <paramref name="idx"/> of <paramref name="test"/> (or checks the regex options).</summary>
    public SnapshotCompareResult Compare(string test, uint idx, object? content, string? matchRegex, string? notMatchRegex)
    {
        matchRegex = matchRegex?.Trim();
        notMatchRegex = notMatchRegex?.Trim();
        _currentCount++;
        bool existed = _cached.TryGetValue(test, out var byTest) && byTest.ContainsKey(idx);
        var cached = existed ? byTest![idx] : "";
        if (!existed) _inserted++;
        bool match = true;
        string msg = "";
        string? err = null;
        var newSnapshot = GoValues.MarshalYaml(content);
        if (!string.IsNullOrEmpty(matchRegex) || !string.IsNullOrEmpty(notMatchRegex))
        {
            if (!string.IsNullOrEmpty(matchRegex))
            {
                (match, err) = Matches(newSnapshot, matchRegex);
                if (!match) msg = " pattern '" + matchRegex + "' not found in snapshot";
            }
            if (!string.IsNullOrEmpty(notMatchRegex) && match)
            {
                bool noMatch;
                (noMatch, err) = Matches(newSnapshot, notMatchRegex);
                if (noMatch)
                {
                    match = false;
                    msg = " pattern '" + notMatchRegex + "' should not be in snapshot";
                }
            }
        }
        else if (existed && newSnapshot != cached)
        {
            match = false;
            _updated++;
        }
        var toSave = IsUpdating || !existed ? newSnapshot : cached;
        if (!_current.TryGetValue(test, out var cur)) _current[test] = cur = [];
        cur[idx] = toSave;
        return new SnapshotCompareResult
        {
            Passed = IsUpdating || match,
            Test = test,
            Index = idx,
            CachedSnapshot = cached,
            NewSnapshot = newSnapshot,
            Msg = msg,
            Err = err,
        };
    }

    private static (bool, string?) Matches(string input, string pattern)
    {
        try { return (Common.Compile(pattern).IsMatch(input), null); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (false, "failed to compile regex pattern " + pattern + ": " + e.Message);
        }
    }

    public uint InsertedCount => _inserted;
    public uint CurrentCount => _currentCount;
    public uint FailedCount => IsUpdating ? 0 : _updated;

    public uint VanishedCount
    {
        get
        {
            uint n = 0;
            foreach (var (test, files) in _cached)
                foreach (var idx in files.Keys)
                    if (!(_current.TryGetValue(test, out var c) && c.ContainsKey(idx))) n++;
            return n;
        }
    }

    private bool Changed()
    {
        if (_updated > 0 || _inserted > 0) return true;
        foreach (var (test, files) in _cached)
        {
            if (!_current.TryGetValue(test, out var c)) return true;
            foreach (var idx in files.Keys) if (!c.ContainsKey(idx)) return true;
        }
        return false;
    }

    /// <summary>Writes the file when snapshots were inserted, vanished or updated (as the plugin decides).</summary>
    public void StoreIfNeeded()
    {
        if (!Changed()) return;
        if (!(IsUpdating || _inserted > 0 || VanishedCount > 0)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, Serialize(_current));
    }

    [GeneratedRegex("^  \"([0-9]+)\":", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedIndexKey();

    /// <summary>go-yaml v3's encoding of <c>map[string]map[uint]string</c> (indent 2).</summary>
    internal static string Serialize(Dictionary<string, Dictionary<uint, string>> snapshots)
    {
        if (snapshots.Count == 0) return "{}\n";
        var tests = snapshots.Keys.ToArray();
        Array.Sort(tests, YamlKeyComparer.V3);
        var root = new Dictionary<string, object?>(StringComparer.Ordinal);
        // the emitter writes string keys; the numeric ones come out quoted and are unquoted below
        var sb = new System.Text.StringBuilder();
        foreach (var t in tests)
        {
            var idx = snapshots[t].Keys.ToArray();
            Array.Sort(idx);
            var inner = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var i in idx) inner[i.ToString(CultureInfo.InvariantCulture)] = snapshots[t][i];
            root[t] = inner;
        }
        var text = GoYaml.MarshalPretty(root);
        return QuotedIndexKey().Replace(text, "  $1:");
    }
}
