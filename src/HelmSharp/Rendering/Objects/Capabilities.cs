using System.Reflection;
using System.Text.RegularExpressions;
using HelmSharp.Go;
using HelmSharp.Semver;
using Sprache;
using HelmSharp.Template.Functions;
using HelmSharp.Yaml;

namespace HelmSharp.Rendering.Objects;

/// <summary>helm's <c>.Capabilities</c> (<c>*common.Capabilities</c> in helm 4, <c>*chartutil.Capabilities</c> in helm 3).</summary>
internal sealed class Capabilities : IGoStruct
{
    private readonly GoType _type;

    internal Capabilities(int helmMajor, KubeVersion kube, VersionSet apis, BuildInfo helm)
    {
        _type = GoType.PointerTo(GoType.Struct(helmMajor >= 4 ? "common.Capabilities" : "chartutil.Capabilities"));
        KubeVersion = kube; APIVersions = apis; HelmVersion = helm;
    }

    /// <summary>The Kubernetes version.</summary>
    public KubeVersion KubeVersion { get; }
    /// <summary>The API versions the cluster (here: helm's default list) serves.</summary>
    public VersionSet APIVersions { get; }
    /// <summary>The helm build being emulated.</summary>
    public BuildInfo HelmVersion { get; }
    /// <inheritdoc/>
    public GoType GoType => _type;

    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<string, object?>> Fields =>
    [
        new("KubeVersion", KubeVersion), new("APIVersions", APIVersions), new("HelmVersion", HelmVersion),
    ];

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        value = name switch { "KubeVersion" => KubeVersion, "APIVersions" => APIVersions, "HelmVersion" => HelmVersion, _ => null };
        return value != null;
    }

    /// <summary>
    /// The default capabilities of helm <paramref name="helmMajor"/> (dumped from the pinned binary by
    /// <c>scripts/dump-capabilities.sh</c>), with an optional <c>--kube-version</c> and extra
    /// <c>--api-versions</c>.
    /// </summary>
    public static Capabilities Create(int helmMajor, string? kubeVersion = null, IEnumerable<string>? extraApiVersions = null)
    {
        var data = DefaultData.For(helmMajor);
        var kube = kubeVersion == null ? data.Kube : KubeVersion.Parse(kubeVersion, helmMajor);
        var apis = new List<string>(data.ApiVersions);
        if (extraApiVersions != null) apis.AddRange(extraApiVersions);
        return new Capabilities(helmMajor, kube, new VersionSet(helmMajor, apis), data.Helm);
    }

    private sealed record DefaultData(KubeVersion Kube, string[] ApiVersions, BuildInfo Helm)
    {
        // read on first use: a process renders in one mode
        private static DefaultData? s_v4, s_v3;

        public static DefaultData For(int major) => major >= 4
            ? LazyInitializer.EnsureInitialized(ref s_v4, static () => Load(4))
            : LazyInitializer.EnsureInitialized(ref s_v3, static () => Load(3));

        private static DefaultData Load(int major)
        {
            using var stream = typeof(Capabilities).Assembly.GetManifestResourceStream($"HelmSharp.capabilities-helm{major}.txt")
                ?? throw new InvalidOperationException("missing embedded capabilities data");
            using var reader = new StreamReader(stream);
            var apis = new List<string>();
            KubeVersion? kube = null; BuildInfo? helm = null;
            for (string? line; (line = reader.ReadLine()) != null;)
            {
                var parts = line.Split(' ');
                switch (parts[0])
                {
                    case "apiversion": apis.Add(parts[1]); break;
                    case "kubeversion": kube = new KubeVersion(major, parts[1], parts[1], parts[2], parts[3]); break;
                    case "helmversion": helm = new BuildInfo(parts[1], parts[2], parts[3], parts[4], parts.Length > 5 ? parts[5] : null); break;
                }
            }
            return new DefaultData(kube!, apis.ToArray(), helm!);
        }
    }
}

/// <summary>helm's <c>KubeVersion</c> struct: <c>Version</c>, <c>Major</c>, <c>Minor</c>, and <c>String()</c>.</summary>
internal sealed partial class KubeVersion : IGoStruct, IGoMethods, IGoPointerStringer, HelmSharp.Go.IGoJsonMarshaler
{
    /// <summary>The JSON form: the exported fields only.</summary>
    public object? ToJsonValue() => new HelmSharp.Json.GoJsonObject { { "Version", Version }, { "Major", Major }, { "Minor", Minor } };


    private readonly string _string;
    private readonly GoType _type;
    private readonly int _helmMajor;

    internal KubeVersion(int helmMajor, string version, string str, string major, string minor)
    {
        Version = version; _string = str; Major = major; Minor = minor; _helmMajor = helmMajor;
        _type = GoType.Struct(helmMajor >= 4 ? "common.KubeVersion" : "chartutil.KubeVersion");
    }

    /// <summary>The version as given (with a <c>v</c> prefix).</summary>
    public string Version { get; }
    /// <summary>Major version number as a decimal string.</summary>
    public string Major { get; }
    /// <summary>Minor version number as a decimal string.</summary>
    public string Minor { get; }
    /// <inheritdoc/>
    public GoType GoType => _type;
    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<string, object?>> Fields => _helmMajor >= 4
        // helm 4's struct carries the unexported normalizedVersion (printed by %v, not reachable as a field).
        ? [new("Version", Version), new("normalizedVersion", _string), new("Major", Major), new("Minor", Minor)]
        : [new("Version", Version), new("Major", Major), new("Minor", Minor)];
    /// <inheritdoc/>
    public string PointerString() => _string;
    /// <inheritdoc/>
    public override string ToString() => _string;

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        value = name switch { "Version" => Version, "Major" => Major, "Minor" => Minor, _ => null };
        return value != null;
    }

    /// <inheritdoc/>
    public bool TryGetMethod(string name, out GoMethod method)
    {
        // helm 4: String() is the normalized version, GitVersion() the version as given; helm 3: both Version.
        method = name switch
        {
            "String" => new GoMethod(name, [], _ => _string),
            "GitVersion" => new GoMethod(name, [], _ => _helmMajor >= 4 ? Version : _string),
            _ => null!,
        };
        return method != null;
    }

    /// <summary>
    /// k8s.io/apimachinery's generic version grammar: optional white space and <c>v</c>, then
    /// dot-separated decimal components; whatever follows is ignored (<c>1.29.3-gke.1</c> → 1, 29, 3).
    /// </summary>
    private static readonly Parser<string[]> s_genericVersion =
        from _ in Sprache.Parse.Chars(" \t\n\f\r").Many()
        from v in Sprache.Parse.Char('v').Optional()
        from first in Sprache.Parse.Digit.AtLeastOnce().Text()
        from rest in (from dot in Sprache.Parse.Char('.') from digits in Sprache.Parse.Digit.AtLeastOnce().Text() select digits).Many()
        select rest.Prepend(first).ToArray();

    /// <summary>Parses <c>--kube-version</c> as helm <paramref name="helmMajor"/> does.</summary>
    public static KubeVersion Parse(string text, int helmMajor)
    {
        if (helmMajor >= 4)
        {
            // helm 4: version.ParseGeneric — at least two numeric components (each a uint32), the rest ignored.
            var parsed = s_genericVersion.TryParse(text);
            if (!parsed.WasSuccessful) throw new HelmException($"invalid kube version '{text}': could not parse \"{text}\" as version");
            var comps = parsed.Value;
            if (comps.Length < 2) throw new HelmException($"invalid kube version '{text}': illegal version string \"{text}\"");
            var nums = new List<string>();
            foreach (var c in comps)
            {
                if (!ulong.TryParse(c, out var n) || n > uint.MaxValue) throw new HelmException($"invalid kube version '{text}': illegal version string \"{text}\"");
                nums.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var version = text.StartsWith('v') ? text : "v" + text;
            return new KubeVersion(helmMajor, version, "v" + string.Join('.', nums), nums[0], nums[1]);
        }
        // helm 3: Masterminds semver (v3.3.0) lenient parsing, printed normalised.
        if (!SemverVersion.TryParse(text, out var sv, out _, v330: true))
            throw new HelmException($"invalid kube version '{text}': Invalid Semantic Version");
        var v3 = "v" + sv.GoString();
        return new KubeVersion(helmMajor, v3, v3, sv.Major.ToString(System.Globalization.CultureInfo.InvariantCulture), sv.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>helm's <c>VersionSet</c>: a named <c>[]string</c> with <c>Has</c> (O(1) here).</summary>
internal sealed class VersionSet : IGoList, IGoMethods, HelmSharp.Go.IGoJsonMarshaler
{
    private readonly string[] _items;
    private readonly HashSet<string> _set;
    private readonly GoType _type;

    internal VersionSet(int helmMajor, IReadOnlyList<string> items)
    {
        _items = items.ToArray();
        _set = new HashSet<string>(_items, StringComparer.Ordinal);
        _type = GoType.Named(helmMajor >= 4 ? "common.VersionSet" : "chartutil.VersionSet", GoType.SliceString);
    }

    /// <summary>True when <paramref name="apiVersion"/> is in the set (exact match).</summary>
    public bool Has(string apiVersion) => _set.Contains(apiVersion);
    /// <inheritdoc/>
    public int Count => _items.Length;
    /// <inheritdoc/>
    public object? this[int index] => _items[index];
    /// <inheritdoc/>
    public GoType GoType => _type;
    /// <summary>The JSON value: the plain string slice.</summary>
    public object? ToJsonValue() => _items;

    /// <inheritdoc/>
    public bool TryGetMethod(string name, out GoMethod method)
    {
        method = name == "Has" ? new GoMethod(name, [GoType.String], a => Has((string)a[0]!)) : null!;
        return method != null;
    }
}

/// <summary>helm's <c>version.BuildInfo</c>.</summary>
internal sealed class BuildInfo(string version, string gitCommit, string gitTreeState, string goVersion, string? kubeClientVersion) : IGoStruct, HelmSharp.Go.IGoJsonMarshaler
{
    /// <summary>The JSON form (helm's json tags, <c>omitempty</c> on all but <c>kube_client_version</c>).</summary>
    public object? ToJsonValue()
    {
        var o = new HelmSharp.Json.GoJsonObject();
        if (Version.Length > 0) o.Add("version", Version);
        if (GitCommit.Length > 0) o.Add("git_commit", GitCommit);
        if (GitTreeState.Length > 0) o.Add("git_tree_state", GitTreeState);
        if (GoVersion.Length > 0) o.Add("go_version", GoVersion);
        if (KubeClientVersion != null) o.Add("kube_client_version", KubeClientVersion);
        return o;
    }

    private static readonly GoType s_type = GoType.Struct("version.BuildInfo");
    /// <summary>e.g. <c>v4.1.4</c>.</summary>
    public string Version { get; } = version;
    /// <summary>The git commit helm was built from.</summary>
    public string GitCommit { get; } = gitCommit;
    /// <summary><c>clean</c> or <c>dirty</c>.</summary>
    public string GitTreeState { get; } = gitTreeState;
    /// <summary>The Go version helm was built with.</summary>
    public string GoVersion { get; } = goVersion;
    /// <summary>helm 4 only: the client-go version.</summary>
    public string? KubeClientVersion { get; } = kubeClientVersion;
    /// <inheritdoc/>
    public GoType GoType => s_type;

    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<string, object?>> Fields
    {
        get
        {
            yield return new("Version", Version);
            yield return new("GitCommit", GitCommit);
            yield return new("GitTreeState", GitTreeState);
            yield return new("GoVersion", GoVersion);
            if (KubeClientVersion != null) yield return new("KubeClientVersion", KubeClientVersion);
        }
    }

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        foreach (var kv in Fields) if (kv.Key == name) { value = kv.Value; return true; }
        value = null;
        return false;
    }
}
