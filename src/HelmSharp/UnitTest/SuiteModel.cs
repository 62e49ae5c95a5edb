using System.Globalization;
using System.Text.RegularExpressions;
using HelmSharp.Yaml;

namespace HelmSharp.UnitTest;

/// <summary><c>release:</c> of a suite or test.</summary>
internal sealed class ReleaseSettings
{
    public string Name = "";
    public string Namespace = "";
    public long Revision;
    public bool IsUpgrade;
}

/// <summary><c>chart:</c> of a suite or test.</summary>
internal sealed class ChartSettings
{
    public string Version = "";
    public string AppVersion = "";
}

/// <summary><c>capabilities:</c> of a suite (a test's are kept as the raw map, see <see cref="TestJob.CapabilitiesFields"/>).</summary>
internal sealed class CapabilitiesSettings
{
    public string MajorVersion = "";
    public string MinorVersion = "";
    public List<string>? ApiVersions;
}

/// <summary>One <c>kubernetesProvider.scheme</c> entry: how <c>lookup</c> reaches a kind.</summary>
internal sealed class FakeKindProps
{
    public string Group = "";
    public string Version = "";
    public string Resource = "";
    public bool Namespaced;
}

/// <summary><c>kubernetesProvider:</c>: the fake cluster objects <c>lookup</c> sees.</summary>
internal sealed class KubernetesProvider
{
    public Dictionary<string, FakeKindProps>? Scheme;
    public List<Dictionary<string, object?>> Objects = [];
}

/// <summary><c>postRenderer:</c>.</summary>
internal sealed class PostRendererConfig
{
    public string Cmd = "";
    public List<string> Args = [];
}

/// <summary><c>documentSelector:</c>.</summary>
internal sealed class DocumentSelector
{
    public bool SkipEmptyTemplates;
    public bool MatchMany;
    public string Path = "";
    public object? Value;
}

/// <summary>A test suite (one YAML document of a <c>*_test.yaml</c> file).</summary>
internal sealed class TestSuite
{
    public string Name = "";
    public List<string> Values = [];
    public List<(string Path, object? Value)> Set = [];
    public List<string> Templates = [];
    public List<string> ExcludeTemplates = [];
    public bool IncludeCrds;
    public ReleaseSettings Release = new();
    public ChartSettings Chart = new();
    public CapabilitiesSettings Capabilities = new();
    public KubernetesProvider KubernetesProvider = new();
    public PostRendererConfig PostRenderer = new();
    public List<TestJob?> Tests = [];
    public string SnapshotId = "";
    public string SkipReason = "";
    public string SkipMinimumVersion = "";

    /// <summary>Where the suite file is, relative to the working directory (what the report prints).</summary>
    public string DefinitionFile = "";
    /// <summary>The suite file's absolute path.</summary>
    public string AbsolutePath = "";
    /// <summary>Which chart of the dependency tree the suite tests: <c>parent</c>, <c>parent/charts/child</c>.</summary>
    public string ChartRoute = "";
    public bool FromRender;
    public bool SkipSchemaValidation;

    /// <summary>The snapshot file's base (the suite file, plus <c>_ID</c> for suites rendered from a chart).</summary>
    public string SnapshotFileBase => SnapshotId.Length > 0 ? AbsolutePath + "_" + SnapshotId : AbsolutePath;
}

/// <summary>A test job (<c>tests[]</c>).</summary>
internal sealed class TestJob
{
    public string Name = "";
    public List<string> Values = [];
    public List<(string Path, object? Value)> Set = [];
    public string Template = "";
    public List<string> Templates = [];
    public long? DocumentIndex;
    public DocumentSelector? DocumentSelector;
    public ReleaseSettings Release = new();
    public ChartSettings Chart = new();
    public Dictionary<string, object?>? CapabilitiesFields;
    public CapabilitiesSettings Capabilities = new();
    public List<Assertion?> Assertions = [];
    public string SkipReason = "";
    public KubernetesProvider KubernetesProvider = new();
    public PostRendererConfig PostRenderer = new();

    // filled in from the suite before the run
    public List<(string Path, object? Value)> GlobalSet = [];
    public string ChartRoute = "";
    public string DefinitionFile = "";
    public string DefinitionDirectory = "";
    public List<string> DefaultTemplatesToAssert = [];
    public List<string> DefaultTemplatesToSkip = [];
}

/// <summary>An assertion (<c>asserts[]</c>): its type, validator and options.</summary>
internal sealed class Assertion
{
    public string Template = "";
    public DocumentSelector? DocumentSelector;
    public long DocumentIndex = -1;
    public bool Not;
    public string AssertType = "";
    public Validators.IValidator? Validator;
    public bool RequireRenderSuccess;
    public bool Antonym;
    public List<string> DefaultTemplates = [];
}

/// <summary>
/// Reads suite files as the plugin does: the file is cut at <c>---</c> lines, each part is decoded with go-yaml v3
/// into the plugin's structs (unknown fields are errors with <c>--strict</c>), then checked.
/// </summary>
internal static partial class SuiteParser
{
    /// <summary>The plugin's (and helm's) document splitter: <c>(?:^|\s*\n)---\s*</c>.</summary>
    [GeneratedRegex(@"(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 10000)]
    internal static partial Regex Splitter();

    /// <summary>The plugin's version as far as <c>skip.minimumVersion</c> is concerned.</summary>
    internal const string PluginVersion = "1.1.0";

    /// <summary>Parses a suite file into its suites; an error stops the chart as in the plugin (the suites read so far are returned with it).</summary>
    public static (List<TestSuite> Suites, Exception? Error) ParseFile(string path, string chartRoute, bool strict, IReadOnlyList<string> valueFiles, string cwd)
    {
        var suites = new List<TestSuite>();
        string content;
        try { content = HelmSharp.Go.GoUtf8.GetString(File.ReadAllBytes(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (suites, new UnitTestException("open " + path + ": no such file or directory"));
        }
        foreach (var part in Splitter().Split(content))
        {
            if (part.Trim().Length == 0) continue;
            var (suite, err) = CreateSuite(path, chartRoute, part, strict, valueFiles, fromRender: false, cwd);
            if (suite != null)
            {
                foreach (var t in suite.Tests)
                {
                    if (t == null) continue;
                    PolishSkip(suite, t);
                    PolishChart(suite, t);
                    PolishCapabilities(suite, t);
                }
                suites.Add(suite);
            }
            if (err != null) return (suites, err);
        }
        return (suites, null);
    }

    /// <summary>Decodes and checks one suite document.</summary>
    public static (TestSuite? Suite, Exception? Error) CreateSuite(string path, string chartRoute, string content, bool strict,
        IReadOnlyList<string> valueFiles, bool fromRender, string cwd)
    {
        var abs = Path.GetFullPath(path);
        var suite = new TestSuite
        {
            ChartRoute = chartRoute,
            FromRender = fromRender,
            AbsolutePath = abs,
            DefinitionFile = Path.GetRelativePath(cwd, abs),
        };
        List<V3Node?> docs;
        try { docs = V3Yaml.Parse(content); }
        catch (V3YamlException e)
        {
            if (!e.Message.Contains("unknown escape character", StringComparison.Ordinal)) return (suite, new UnitTestException(e.Message));
            // the plugin retries with lone backslashes doubled (and then skips the checks below)
            var escaped = EscapeBackslashes(content);
            if (escaped == null) return (suite, new UnitTestException(e.Message));
            try
            {
                var d2 = V3Yaml.Parse(escaped);
                var dec2 = new V3Yaml.Decoder();
                if (d2.Count > 0 && d2[0] != null) Decode(dec2, d2[0]!, suite, strict: false);
                dec2.ThrowIfErrors();
                return (suite, null);
            }
            catch (Exception e2) when (e2 is V3YamlException or UnitTestException) { return (suite, new UnitTestException(e2.Message)); }
        }
        // an empty document (only comments) is no suite
        if (docs.Count == 0 || docs[0] == null) return (null, null);
        var dec = new V3Yaml.Decoder();
        try
        {
            if (docs[0] != null) Decode(dec, docs[0]!, suite, strict);
            dec.ThrowIfErrors();
        }
        catch (Exception e) when (e is V3YamlException or UnitTestException) { return (suite, new UnitTestException(e.Message)); }
        var verr = Validate(suite);
        if (verr != null) return (suite, verr);
        suite.Values.AddRange(valueFiles);
        return (suite, null);
    }

    private static readonly Regex s_meta = new(@".*[.+*?()|[\]{}^$].*", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(10));

    /// <summary>The plugin's <c>YmlEscapeHandlers.Escape</c>: doubles every odd run of backslashes (null when nothing to do).</summary>
    internal static string? EscapeBackslashes(string content)
    {
        if (!content.Contains('\\') && !s_meta.IsMatch(content)) return null;
        var sb = new System.Text.StringBuilder(content.Length + 16);
        for (int i = 0; i < content.Length;)
        {
            if (content[i] != '\\') { sb.Append(content[i++]); continue; }
            int count = 1;
            while (i + count < content.Length && content[i + count] == '\\') count++;
            int times = count % 2 == 1 ? count + 1 : count;
            sb.Append('\\', times);
            i += count;
        }
        return sb.ToString();
    }

    private static Exception? Validate(TestSuite s)
    {
        if (s.Tests.Count == 0) return new UnitTestException("no tests found");
        if (s.FromRender && s.Name.Length == 0) return new UnitTestException("helm chart based test suites must include `suite` field");
        if (s.SkipMinimumVersion.Length > 0 && !VersionMeetsMinimum(PluginVersion, s.SkipMinimumVersion))
            s.SkipReason = "Test suite requires minimum unittest plugin version " + s.SkipMinimumVersion + ", but current version is " + PluginVersion;
        foreach (var t in s.Tests)
            if (t != null && t.Assertions.Count == 0) return new UnitTestException("no asserts found");
        return null;
    }

    internal static bool VersionMeetsMinimum(string current, string minimum)
    {
        if (!HelmSharp.Semver.SemverVersion.TryParse(current, out var c, out _)) return false;
        if (!HelmSharp.Semver.SemverVersion.TryParse(minimum, out var m, out _)) return false;
        return c.CompareTo(m) >= 0;
    }

    // ------------------------------------------------------------------ polishing (test_suite.go)

    /// <summary>A suite's skip reason wins over its tests'; when every test is skipped the suite is.</summary>
    public static void PolishSkip(TestSuite s, TestJob t)
    {
        if (s.SkipReason.Length > 0) { t.SkipReason = s.SkipReason; return; }
        int skipped = 0;
        foreach (var x in s.Tests) if (x != null && x.SkipReason.Length > 0) skipped++;
        if (skipped > 0 && skipped == s.Tests.Count) s.SkipReason = "all tests are skipped";
    }

    public static void PolishChart(TestSuite s, TestJob t)
    {
        if (t.Chart.Version.Length == 0) t.Chart.Version = s.Chart.Version;
        if (t.Chart.AppVersion.Length == 0) t.Chart.AppVersion = s.Chart.AppVersion;
    }

    public static void PolishRelease(TestSuite s, TestJob t)
    {
        if (t.Release.Name.Length == 0) t.Release.Name = s.Release.Name;
        if (t.Release.Namespace.Length == 0) t.Release.Namespace = s.Release.Namespace;
        if (t.Release.Revision == 0) t.Release.Revision = s.Release.Revision;
        t.Release.IsUpgrade = t.Release.IsUpgrade || s.Release.IsUpgrade;
    }

    /// <summary>
    /// A test's <c>capabilities</c>: its own versions, else the suite's; <c>apiVersions</c> absent or a list gets the
    /// suite's appended, <c>apiVersions:</c> with no value means none at all.
    /// </summary>
    public static void PolishCapabilities(TestSuite s, TestJob t)
    {
        SetCapabilities(t);
        if (t.Capabilities.MajorVersion.Length == 0) t.Capabilities.MajorVersion = s.Capabilities.MajorVersion;
        if (t.Capabilities.MinorVersion.Length == 0) t.Capabilities.MinorVersion = s.Capabilities.MinorVersion;
        if (s.Capabilities.ApiVersions is { Count: > 0 } && t.Capabilities.ApiVersions != null)
            t.Capabilities.ApiVersions.AddRange(s.Capabilities.ApiVersions);
    }

    private static void SetCapabilities(TestJob t)
    {
        var f = t.CapabilitiesFields;
        if (f != null && f.TryGetValue("majorVersion", out var major)) t.Capabilities.MajorVersion = ConvertToString(major);
        if (f != null && f.TryGetValue("minorVersion", out var minor)) t.Capabilities.MinorVersion = ConvertToString(minor);
        if (f != null && f.TryGetValue("apiVersions", out var apis))
        {
            switch (apis)
            {
                case List<object?> list:
                    t.Capabilities.ApiVersions = [];
                    foreach (var item in list) if (item is string s) t.Capabilities.ApiVersions.Add(s);
                    break;
                case null:
                    break;
                default:
                    t.Capabilities.ApiVersions = null;
                    break;
            }
        }
        else t.Capabilities.ApiVersions = [];
    }

    private static string ConvertToString(object? v) => v switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    public static void PolishKubernetesProvider(TestSuite s, TestJob t)
    {
        t.KubernetesProvider.Objects.AddRange(s.KubernetesProvider.Objects);
        if (s.KubernetesProvider.Scheme is { Count: > 0 } scheme)
        {
            t.KubernetesProvider.Scheme ??= new Dictionary<string, FakeKindProps>(StringComparer.Ordinal);
            foreach (var (k, v) in scheme) t.KubernetesProvider.Scheme[k] = v;
        }
    }

    // ------------------------------------------------------------------ typed decoding (go-yaml v3 into the structs)

    private sealed class Fields(V3Yaml.Decoder dec, V3Node map, string typeName, bool strict)
    {
        public IEnumerable<(string Key, V3Node KeyNode, V3Node Value)> Pairs()
        {
            var pairs = Flatten(map, 0);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (k, v) in pairs)
            {
                var key = dec.KeyString(k) ?? "";
                yield return (key, k, v);
            }
        }

        // mapping pairs with merge keys applied (a merged pair loses to a pair of the mapping itself)
        private List<(V3Node, V3Node)> Flatten(V3Node m, int depth)
        {
            if (depth > 100) throw new V3YamlException("yaml: map merge nesting too deep");
            m = V3Yaml.Deref(m);
            dec.CheckDuplicates(m);
            var own = new List<(V3Node, V3Node)>();
            var merged = new List<(V3Node, V3Node)>();
            var ch = m.Children!;
            for (int i = 0; i + 1 < ch.Count; i += 2)
            {
                if (V3Yaml.Decoder.IsMerge(ch[i]))
                {
                    var v = V3Yaml.Deref(ch[i + 1]);
                    if (v.Kind == V3NodeKind.Mapping) merged.AddRange(Flatten(v, depth + 1));
                    else if (v.Kind == V3NodeKind.Sequence)
                        foreach (var item in v.Children!)
                        {
                            if (V3Yaml.Deref(item).Kind != V3NodeKind.Mapping) throw new V3YamlException("yaml: map merge requires map or sequence of maps as the value");
                            merged.AddRange(Flatten(item, depth + 1));
                        }
                    else throw new V3YamlException("yaml: map merge requires map or sequence of maps as the value");
                    continue;
                }
                own.Add((ch[i], ch[i + 1]));
            }
            if (merged.Count == 0) return own;
            var ownKeys = new HashSet<string>(own.Select(p => V3Yaml.Deref(p.Item1).Value), StringComparer.Ordinal);
            var res = new List<(V3Node, V3Node)>();
            var mergedSeen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in merged)
                if (!ownKeys.Contains(V3Yaml.Deref(p.Item1).Value) && mergedSeen.Add(V3Yaml.Deref(p.Item1).Value)) res.Add(p);
            res.AddRange(own);
            return res;
        }

        public void Unknown(string key, V3Node keyNode)
        {
            if (strict) dec.Errors.Add("line " + V3Yaml.Line(keyNode).ToString(CultureInfo.InvariantCulture) + ": field " + key + " not found in type " + typeName);
        }
    }

    /// <summary>
    /// go-yaml v3 decoding a mapping into a Go struct named <paramref name="typeName"/>: each key (merge keys applied)
    /// goes to <paramref name="field"/>, which sets the field and returns false for a key the struct does not have (an
    /// unknown-field error when strict). A null leaves the struct as it is; another kind is a type error.
    /// </summary>
    private static void Struct(V3Yaml.Decoder dec, V3Node v, string typeName, bool strict, Func<string, V3Node, bool> field)
    {
        if (!IsMapping(dec, v, typeName)) return;
        var f = new Fields(dec, v, typeName, strict);
        foreach (var (k, kn, x) in f.Pairs())
            if (!field(k, x)) f.Unknown(k, kn);
    }

    /// <summary>True when <paramref name="n"/> is a mapping (else a type error is recorded unless it is null).</summary>
    private static bool IsMapping(V3Yaml.Decoder dec, V3Node n, string into)
    {
        var r = V3Yaml.Deref(n);
        if (r.Kind == V3NodeKind.Mapping) return true;
        if (r.Kind == V3NodeKind.Scalar && IsNull(r)) return false;
        dec.TypeError(r, into);
        return false;
    }

    private static bool IsNull(V3Node r) => r.Kind == V3NodeKind.Scalar && V3Yaml.ShortTag(r) == V3Yaml.NullTag;

    private static string Str(V3Yaml.Decoder dec, V3Node n)
    {
        var r = V3Yaml.Deref(n);
        if (r.Kind != V3NodeKind.Scalar) { dec.TypeError(r, "string"); return ""; }
        var tag = V3Yaml.ShortTag(r);
        if (tag == V3Yaml.NullTag) return "";
        if (tag == V3Yaml.BinaryTag) return V3Yaml.ScalarValue(r) as string ?? "";
        return r.Value;
    }

    private static long Int(V3Yaml.Decoder dec, V3Node n)
    {
        var r = V3Yaml.Deref(n);
        if (r.Kind == V3NodeKind.Scalar)
        {
            var v = V3Yaml.ScalarValue(r);
            switch (v)
            {
                case null: return 0;
                case long l: return l;
                case ulong u when u <= long.MaxValue: return (long)u;
                case double d when d <= long.MaxValue && d >= long.MinValue && !double.IsNaN(d): return (long)d;
            }
        }
        dec.TypeError(r, "int");
        return 0;
    }

    private static bool Bool(V3Yaml.Decoder dec, V3Node n)
    {
        var r = V3Yaml.Deref(n);
        if (r.Kind == V3NodeKind.Scalar)
        {
            var v = V3Yaml.ScalarValue(r);
            switch (v)
            {
                case null: return false;
                case bool b: return b;
                case string s:
                    switch (s)
                    {
                        case "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON": return true;
                        case "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF": return false;
                    }
                    break;
            }
        }
        dec.TypeError(r, "bool");
        return false;
    }

    private static List<string> StrList(V3Yaml.Decoder dec, V3Node n)
    {
        var r = V3Yaml.Deref(n);
        var res = new List<string>();
        if (r.Kind == V3NodeKind.Sequence)
        {
            foreach (var c in r.Children!) res.Add(Str(dec, c));
            return res;
        }
        if (!IsNull(r)) dec.TypeError(r, "[]string");
        return res;
    }

    private static Dictionary<string, object?>? AnyMap(V3Yaml.Decoder dec, V3Node n)
    {
        if (!IsMapping(dec, n, "map[string]interface {}")) return null;
        var m = new Dictionary<string, object?>(StringComparer.Ordinal);
        dec.IntoMap(n, m, 0);
        return m;
    }

    // set: keeps the file order of the paths (the plugin iterates a Go map, in random order)
    private static List<(string, object?)> SetMap(V3Yaml.Decoder dec, V3Node n)
    {
        var res = new List<(string, object?)>();
        if (!IsMapping(dec, n, "map[string]interface {}")) return res;
        var f = new Fields(dec, n, "map[string]interface {}", false);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, _, v) in f.Pairs())
        {
            var value = dec.Value(v, 1);
            if (index.TryGetValue(key, out var at)) res[at] = (key, value);
            else { index[key] = res.Count; res.Add((key, value)); }
        }
        return res;
    }

    private static object? Any(V3Yaml.Decoder dec, V3Node n) => dec.Value(n, 1);

    private static void Decode(V3Yaml.Decoder dec, V3Node root, TestSuite s, bool strict)
    {
        Struct(dec, root, "unittest.TestSuite", strict, (key, v) =>
        {
            switch (key)
            {
                case "suite": s.Name = Str(dec, v); break;
                case "values": s.Values = StrList(dec, v); break;
                case "set": s.Set = SetMap(dec, v); break;
                case "templates": s.Templates = StrList(dec, v); break;
                case "excludeTemplates": s.ExcludeTemplates = StrList(dec, v); break;
                case "includeCrds": s.IncludeCrds = Bool(dec, v); break;
                case "release": s.Release = DecodeRelease(dec, v, strict); break;
                case "chart": s.Chart = DecodeChart(dec, v, strict); break;
                case "capabilities": s.Capabilities = DecodeCapabilities(dec, v, strict); break;
                case "kubernetesProvider": s.KubernetesProvider = DecodeProvider(dec, v, strict); break;
                case "postRenderer": s.PostRenderer = DecodePostRenderer(dec, v, strict); break;
                case "tests":
                    {
                        s.Tests = [];
                        var r = V3Yaml.Deref(v);
                        if (r.Kind == V3NodeKind.Sequence)
                            foreach (var c in r.Children!) s.Tests.Add(IsNull(V3Yaml.Deref(c)) ? null : DecodeJob(dec, c, strict));
                        else if (!IsNull(r)) dec.TypeError(r, "[]*unittest.TestJob");
                        break;
                    }
                case "snapshotId": s.SnapshotId = Str(dec, v); break;
                case "skip":
                    if (IsMapping(dec, v, "struct { Reason string \"yaml:\\\"reason\\\"\"; MinimumVersion string \"yaml:\\\"minimumVersion\\\"\" }"))
                    {
                        var sf = new Fields(dec, v, "struct { Reason string \"yaml:\\\"reason\\\"\"; MinimumVersion string \"yaml:\\\"minimumVersion\\\"\" }", strict);
                        foreach (var (k2, kn2, v2) in sf.Pairs())
                        {
                            if (k2 == "reason") s.SkipReason = Str(dec, v2);
                            else if (k2 == "minimumVersion") s.SkipMinimumVersion = Str(dec, v2);
                            else sf.Unknown(k2, kn2);
                        }
                    }
                    break;
                default: return false;
            }
            return true;
        });
    }

    private const string ReleaseType = "struct { Name string; Namespace string; Revision int; IsUpgrade bool \"yaml:\\\"upgrade\\\"\" }";
    private const string ChartType = "struct { Version string; AppVersion string \"yaml:\\\"appVersion\\\"\" }";

    private static ReleaseSettings DecodeRelease(V3Yaml.Decoder dec, V3Node v, bool strict)
    {
        var r = new ReleaseSettings();
        Struct(dec, v, ReleaseType, strict, (k, x) =>
        {
            switch (k)
            {
                case "name": r.Name = Str(dec, x); break;
                case "namespace": r.Namespace = Str(dec, x); break;
                case "revision": r.Revision = Int(dec, x); break;
                case "upgrade": r.IsUpgrade = Bool(dec, x); break;
                default: return false;
            }
            return true;
        });
        return r;
    }

    private static ChartSettings DecodeChart(V3Yaml.Decoder dec, V3Node v, bool strict)
    {
        var c = new ChartSettings();
        Struct(dec, v, ChartType, strict, (k, x) =>
        {
            switch (k)
            {
                case "version": c.Version = Str(dec, x); break;
                case "appVersion": c.AppVersion = Str(dec, x); break;
                default: return false;
            }
            return true;
        });
        return c;
    }

    private static CapabilitiesSettings DecodeCapabilities(V3Yaml.Decoder dec, V3Node v, bool strict)
    {
        const string type = "struct { MajorVersion string \"yaml:\\\"majorVersion\\\"\"; MinorVersion string \"yaml:\\\"minorVersion\\\"\"; APIVersions []string \"yaml:\\\"apiVersions\\\"\" }";
        var c = new CapabilitiesSettings();
        Struct(dec, v, type, strict, (k, x) =>
        {
            switch (k)
            {
                case "majorVersion": c.MajorVersion = Str(dec, x); break;
                case "minorVersion": c.MinorVersion = Str(dec, x); break;
                case "apiVersions": c.ApiVersions = IsNull(V3Yaml.Deref(x)) ? null : StrList(dec, x); break;
                default: return false;
            }
            return true;
        });
        return c;
    }

    private static KubernetesProvider DecodeProvider(V3Yaml.Decoder dec, V3Node v, bool strict)
    {
        var p = new KubernetesProvider();
        Struct(dec, v, "unittest.KubernetesFakeClientProvider", strict, (k, x) =>
        {
            switch (k)
            {
                case "scheme":
                    if (!IsMapping(dec, x, "map[string]unittest.KubernetesFakeKindProps")) break;
                    p.Scheme = new Dictionary<string, FakeKindProps>(StringComparer.Ordinal);
                    foreach (var (sk, _, sv) in new Fields(dec, x, "map[string]unittest.KubernetesFakeKindProps", false).Pairs())
                        p.Scheme[sk] = DecodeKindProps(dec, sv, strict);
                    break;
                case "objects":
                    {
                        var r = V3Yaml.Deref(x);
                        if (r.Kind == V3NodeKind.Sequence)
                        {
                            foreach (var c in r.Children!)
                                p.Objects.Add(AnyMap(dec, c) ?? new Dictionary<string, object?>(StringComparer.Ordinal));
                        }
                        else if (!IsNull(r)) dec.TypeError(r, "[]map[string]interface {}");
                        break;
                    }
                default: return false;
            }
            return true;
        });
        return p;
    }

    private static FakeKindProps DecodeKindProps(V3Yaml.Decoder dec, V3Node v, bool strict)
    {
        var p = new FakeKindProps();
        Struct(dec, v, "unittest.KubernetesFakeKindProps", strict, (k, x) =>
        {
            switch (k)
            {
                case "gvr":
                    if (!IsMapping(dec, x, "schema.GroupVersionResource")) break;
                    var g = new Fields(dec, x, "schema.GroupVersionResource", strict);
                    foreach (var (gk, gkn, gv) in g.Pairs())
                    {
                        switch (gk)
                        {
                            case "group": p.Group = Str(dec, gv); break;
                            case "version": p.Version = Str(dec, gv); break;
                            case "resource": p.Resource = Str(dec, gv); break;
                            default: g.Unknown(gk, gkn); break;
                        }
                    }
                    break;
                case "namespaced": p.Namespaced = Bool(dec, x); break;
                case "should_err": break;
                default: return false;
            }
            return true;
        });
        return p;
    }

    private static PostRendererConfig DecodePostRenderer(V3Yaml.Decoder dec, V3Node v, bool strict)
    {
        var p = new PostRendererConfig();
        Struct(dec, v, "unittest.PostRendererConfig", strict, (k, x) =>
        {
            switch (k)
            {
                case "cmd": p.Cmd = Str(dec, x); break;
                case "args": p.Args = StrList(dec, x); break;
                default: return false;
            }
            return true;
        });
        return p;
    }

    private static TestJob DecodeJob(V3Yaml.Decoder dec, V3Node v, bool strict)
    {
        var t = new TestJob();
        Struct(dec, v, "unittest.TestJob", strict, (k, x) =>
        {
            switch (k)
            {
                case "it": t.Name = Str(dec, x); break;
                case "values": t.Values = StrList(dec, x); break;
                case "set": t.Set = SetMap(dec, x); break;
                case "template": t.Template = Str(dec, x); break;
                case "templates": t.Templates = StrList(dec, x); break;
                case "documentIndex": t.DocumentIndex = IsNull(V3Yaml.Deref(x)) ? null : Int(dec, x); break;
                case "documentindices": AnyMap(dec, x); break;
                case "documentSelector":
                    if (IsMapping(dec, x, "valueutils.DocumentSelector"))
                    {
                        var ds = new DocumentSelector();
                        var df = new Fields(dec, x, "valueutils.DocumentSelector", strict);
                        foreach (var (dk, dkn, dv) in df.Pairs())
                        {
                            switch (dk)
                            {
                                case "skipEmptyTemplates": ds.SkipEmptyTemplates = Bool(dec, dv); break;
                                case "matchMany": ds.MatchMany = Bool(dec, dv); break;
                                case "path": ds.Path = Str(dec, dv); break;
                                case "value": ds.Value = Any(dec, dv); break;
                                default: df.Unknown(dk, dkn); break;
                            }
                        }
                        t.DocumentSelector = ds;
                    }
                    break;
                case "release": t.Release = DecodeRelease(dec, x, strict); break;
                case "chart": t.Chart = DecodeChart(dec, x, strict); break;
                case "capabilities": t.CapabilitiesFields = AnyMap(dec, x); break;
                case "asserts":
                    {
                        t.Assertions = [];
                        var r = V3Yaml.Deref(x);
                        if (r.Kind == V3NodeKind.Sequence)
                        {
                            foreach (var c in r.Children!)
                            {
                                if (IsNull(V3Yaml.Deref(c))) { t.Assertions.Add(null); continue; }
                                if (!IsMapping(dec, c, "map[string]interface {}")) { t.Assertions.Add(new Assertion()); continue; }
                                var def = new Dictionary<string, object?>(StringComparer.Ordinal);
                                var order = new List<string>();
                                foreach (var (ak, _, av) in new Fields(dec, c, "map[string]interface {}", false).Pairs())
                                {
                                    if (!def.ContainsKey(ak)) order.Add(ak);
                                    def[ak] = dec.Value(av, 2);
                                }
                                t.Assertions.Add(AssertionFactory.Create(def, order));
                            }
                        }
                        else if (!IsNull(r)) dec.TypeError(r, "[]*unittest.Assertion");
                        break;
                    }
                case "skip":
                    if (IsMapping(dec, x, "struct { Reason string \"yaml:\\\"reason\\\"\" }"))
                    {
                        var sf = new Fields(dec, x, "struct { Reason string \"yaml:\\\"reason\\\"\" }", strict);
                        foreach (var (sk, skn, sv) in sf.Pairs())
                        {
                            if (sk == "reason") t.SkipReason = Str(dec, sv);
                            else sf.Unknown(sk, skn);
                        }
                    }
                    break;
                case "kubernetesProvider": t.KubernetesProvider = DecodeProvider(dec, x, strict); break;
                case "postRenderer": t.PostRenderer = DecodePostRenderer(dec, x, strict); break;
                default: return false;
            }
            return true;
        });
        return t;
    }
}
