using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HelmSharp.Charts;

/// <summary>A chart maintainer (<c>chart.Maintainer</c>).</summary>
public sealed class ChartMaintainer
{
    /// <summary>Maintainer name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Maintainer email.</summary>
    public string Email { get; set; } = "";
    /// <summary>Maintainer URL.</summary>
    public string Url { get; set; } = "";
}

/// <summary>A Chart.yaml (or requirements.yaml) dependency entry (<c>chart.Dependency</c>).</summary>
public sealed class ChartDependency
{
    /// <summary>Chart name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Semver range.</summary>
    public string Version { get; set; } = "";
    /// <summary>Repository URL.</summary>
    public string Repository { get; set; } = "";
    /// <summary>Comma-separated list of value paths deciding whether the dependency is enabled.</summary>
    public string Condition { get; set; } = "";
    /// <summary>Tags for enabling/disabling groups of dependencies.</summary>
    public string[]? Tags { get; set; }
    /// <summary>Whether the dependency is enabled (set during processing).</summary>
    public bool Enabled { get; set; }
    /// <summary>The raw <c>import-values</c> list (strings or child/parent maps).</summary>
    public object?[]? ImportValues { get; set; }
    /// <summary>Alias used instead of the chart name.</summary>
    public string Alias { get; set; } = "";

    internal ChartDependency Clone() => (ChartDependency)MemberwiseClone();
}

/// <summary>Chart.yaml contents (<c>chart.Metadata</c>).</summary>
public sealed partial class ChartMetadata
{
    /// <summary>Chart name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Home page URL.</summary>
    public string Home { get; set; } = "";
    /// <summary>Source URLs.</summary>
    public string[]? Sources { get; set; }
    /// <summary>Chart version (semver).</summary>
    public string Version { get; set; } = "";
    /// <summary>Description.</summary>
    public string Description { get; set; } = "";
    /// <summary>Keywords.</summary>
    public string[]? Keywords { get; set; }
    /// <summary>Maintainers (entries may be null when Chart.yaml has empty nodes).</summary>
    public List<ChartMaintainer?>? Maintainers { get; set; }
    /// <summary>Icon URL.</summary>
    public string Icon { get; set; } = "";
    /// <summary>Chart API version (<c>v1</c>, <c>v2</c>).</summary>
    public string ApiVersion { get; set; } = "";
    /// <summary>Condition (unused by helm for the chart itself).</summary>
    public string Condition { get; set; } = "";
    /// <summary>Tags.</summary>
    public string Tags { get; set; } = "";
    /// <summary>Application version.</summary>
    public string AppVersion { get; set; } = "";
    /// <summary>Deprecated flag.</summary>
    public bool Deprecated { get; set; }
    /// <summary>Annotations.</summary>
    public Dictionary<string, string>? Annotations { get; set; }
    /// <summary>Kubernetes version constraint.</summary>
    public string KubeVersion { get; set; } = "";
    /// <summary>Dependencies (entries may be null when Chart.yaml has empty nodes).</summary>
    public List<ChartDependency?>? Dependencies { get; set; }
    /// <summary>Chart type (<c>application</c>, <c>library</c> or empty).</summary>
    public string Type { get; set; } = "";

    internal ChartMetadata Clone()
    {
        var m = (ChartMetadata)MemberwiseClone();
        if (Dependencies != null) m.Dependencies = Dependencies.Select(d => d?.Clone()).ToList();
        return m;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex AliasRx();

    /// <summary>
    /// helm's <c>Metadata.Validate</c>: sanitizes strings and checks required fields; throws
    /// <see cref="ChartException"/> with <c>validation: …</c> messages.
    /// </summary>
    /// <param name="helmMajor">Helm major version (helm 4 also rejects the names <c>.</c> and <c>..</c>).</param>
    internal void Validate(int helmMajor = 4)
    {
        Name = Sanitize(Name); Description = Sanitize(Description); Home = Sanitize(Home); Icon = Sanitize(Icon);
        Condition = Sanitize(Condition); Tags = Sanitize(Tags); AppVersion = Sanitize(AppVersion); KubeVersion = Sanitize(KubeVersion);
        if (Sources != null) for (int i = 0; i < Sources.Length; i++) Sources[i] = Sanitize(Sources[i]);
        if (Keywords != null) for (int i = 0; i < Keywords.Length; i++) Keywords[i] = Sanitize(Keywords[i]);
        if (ApiVersion.Length == 0) throw Err("chart.metadata.apiVersion is required");
        if (Name.Length == 0) throw Err("chart.metadata.name is required");
        if (helmMajor != 3 && Name is "." or "..") throw Err("chart.metadata.name " + HelmSharp.Go.GoStrconv.Quote(Name) + " is not allowed");
        if (Name != HelmSharp.Go.GoPath.Base(Name)) throw Err("chart.metadata.name " + HelmSharp.Go.GoStrconv.Quote(Name) + " is invalid");
        if (Version.Length == 0) throw Err("chart.metadata.version is required");
        if (!HelmSharp.Semver.SemverVersion.TryParse(Version, out _, out _, helmMajor < 4)) throw Err("chart.metadata.version " + HelmSharp.Go.GoStrconv.Quote(Version) + " is invalid");
        if (Type is not ("" or "application" or "library")) throw Err("chart.metadata.type must be application or library");
        if (Maintainers != null)
            foreach (var m in Maintainers)
            {
                if (m == null) throw Err("maintainers must not contain empty or null nodes");
                m.Name = Sanitize(m.Name); m.Email = Sanitize(m.Email); m.Url = Sanitize(m.Url);
            }
        if (Dependencies != null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var d in Dependencies)
            {
                if (d == null) throw Err("dependencies must not contain empty or null nodes");
                d.Name = Sanitize(d.Name); d.Version = Sanitize(d.Version); d.Repository = Sanitize(d.Repository);
                d.Condition = Sanitize(d.Condition); d.Alias = Sanitize(d.Alias);
                if (d.Tags != null) for (int i = 0; i < d.Tags.Length; i++) d.Tags[i] = Sanitize(d.Tags[i]);
                if (d.Alias.Length != 0 && !AliasRx().IsMatch(d.Alias))
                    throw Err("dependency " + HelmSharp.Go.GoStrconv.Quote(d.Name) + " has disallowed characters in the alias");
                var key = d.Alias.Length != 0 ? d.Alias : d.Name;
                if (!seen.Add(key)) throw Err("more than one dependency with name or alias " + HelmSharp.Go.GoStrconv.Quote(key));
            }
        }
    }

    private static ChartException Err(string m) => new("validation: " + m);

    private static string Sanitize(string s)
    {
        if (s.Length == 0) return s;
        var sb = new StringBuilder(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            if (HelmSharp.Go.GoUnicode.IsSpace(r.Value)) { sb.Append(' '); continue; }
            if (!HelmSharp.Go.GoStrconv.IsPrint(r.Value)) continue;
            sb.Append(r.ToString());
        }
        return sb.ToString();
    }

    // ---- decoding (sigs.k8s.io/yaml into the struct: case-insensitive keys, numbers → strings) ----

    private static readonly string[] s_fields =
        ["name", "home", "sources", "version", "description", "keywords", "maintainers", "icon", "apiVersion",
         "condition", "tags", "appVersion", "deprecated", "annotations", "kubeVersion", "dependencies", "type"];

    private static string? FieldFor(string key, string[] fields)
    {
        foreach (var f in fields) if (f == key) return f;
        foreach (var f in fields) if (string.Equals(f, key, StringComparison.OrdinalIgnoreCase)) return f;
        return null;
    }

    internal static string JsonKind(object? v) => v switch
    {
        string => "string",
        bool => "bool",
        double or long or int => "number",
        Dictionary<string, object?> => "object",
        object?[] => "array",
        _ => "value",
    };

    private static ChartException TypeErr(object? v, string structName, string field, string goType) =>
        new($"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {JsonKind(v)} into Go struct field {structName}.{field} of type {goType}");

    internal static string ToGoString(object? v, string structName, string field, string current)
    {
        switch (v)
        {
            case null: return current;
            case string s: return s;
            case bool b: return b ? "true" : "false";
            case double d:
                if (Math.Floor(d) == d && Math.Abs(d) < 1e15) return ((long)d).ToString(CultureInfo.InvariantCulture);
                return HelmSharp.Go.GoStrconv.FormatFloat(d, 'g', -1, 32);
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            default: throw TypeErr(v, structName, field, "string");
        }
    }

    private static string[]? ToStringArray(object? v, string structName, string field, string[]? current)
    {
        if (v == null) return null;
        if (v is not object?[] a) throw TypeErr(v, structName, field, "[]string");
        var r = new string[a.Length];
        for (int i = 0; i < a.Length; i++) r[i] = ToGoString(a[i], structName, field, "");
        _ = current;
        return r;
    }

    private static bool ToBool(object? v, string structName, string field, bool current) => v switch
    {
        null => current,
        bool b => b,
        _ => throw TypeErr(v, structName, field, "bool"),
    };

    /// <summary>Applies a decoded YAML document onto this metadata as <c>yaml.Unmarshal(data, &amp;md)</c> does.</summary>
    /// <remarks>Keys are visited in the order Go's JSON decoder sees them (sorted), so the first type error is Go's;
    /// type names carry the chart package of helm <paramref name="helmMajor"/> (<c>v2.</c> in helm 4, <c>chart.</c> in helm 3).</remarks>
    internal void ApplyYaml(object? doc, int helmMajor = 4)
    {
        if (doc == null) return;
        var pkg = helmMajor >= 4 ? "v2" : "chart";
        if (doc is not Dictionary<string, object?> map)
            throw new ChartException($"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {JsonKind(doc)} into Go value of type {pkg}.Metadata");
        foreach (var (key, v) in SortedEntries(map))
        {
            switch (FieldFor(key, s_fields))
            {
                case "name": Name = ToGoString(v, "Metadata", "name", Name); break;
                case "home": Home = ToGoString(v, "Metadata", "home", Home); break;
                case "sources": Sources = ToStringArray(v, "Metadata", "sources", Sources); break;
                case "version": Version = ToGoString(v, "Metadata", "version", Version); break;
                case "description": Description = ToGoString(v, "Metadata", "description", Description); break;
                case "keywords": Keywords = ToStringArray(v, "Metadata", "keywords", Keywords); break;
                case "icon": Icon = ToGoString(v, "Metadata", "icon", Icon); break;
                case "apiVersion": ApiVersion = ToGoString(v, "Metadata", "apiVersion", ApiVersion); break;
                case "condition": Condition = ToGoString(v, "Metadata", "condition", Condition); break;
                case "tags": Tags = ToGoString(v, "Metadata", "tags", Tags); break;
                case "appVersion": AppVersion = ToGoString(v, "Metadata", "appVersion", AppVersion); break;
                case "deprecated": Deprecated = ToBool(v, "Metadata", "deprecated", Deprecated); break;
                case "kubeVersion": KubeVersion = ToGoString(v, "Metadata", "kubeVersion", KubeVersion); break;
                case "type": Type = ToGoString(v, "Metadata", "type", Type); break;
                case "annotations":
                    if (v == null) { Annotations = null; break; }
                    if (v is not Dictionary<string, object?> am) throw TypeErr(v, "Metadata", "annotations", "map[string]string");
                    Annotations ??= new Dictionary<string, string>();
                    foreach (var (ak, av) in am) Annotations[ak] = ToGoString(av, "Metadata", "annotations", "");
                    break;
                case "maintainers":
                    if (v == null) { Maintainers = null; break; }
                    if (v is not object?[] ml) throw TypeErr(v, "Metadata", "maintainers", "[]*" + pkg + ".Maintainer");
                    Maintainers = new List<ChartMaintainer?>();
                    foreach (var e in ml)
                    {
                        if (e == null) { Maintainers.Add(null); continue; }
                        if (e is not Dictionary<string, object?> em) throw TypeErr(e, "Metadata", "maintainers", pkg + ".Maintainer");
                        var mt = new ChartMaintainer();
                        foreach (var (mk, mv) in SortedEntries(em))
                        {
                            switch (FieldFor(mk, ["name", "email", "url"]))
                            {
                                case "name": mt.Name = ToGoString(mv, "Maintainer", "maintainers.name", mt.Name); break;
                                case "email": mt.Email = ToGoString(mv, "Maintainer", "maintainers.email", mt.Email); break;
                                case "url": mt.Url = ToGoString(mv, "Maintainer", "maintainers.url", mt.Url); break;
                            }
                        }
                        Maintainers.Add(mt);
                    }
                    break;
                case "dependencies":
                    Dependencies = DecodeDependencies(v, helmMajor);
                    break;
            }
        }
    }

    // Go's JSON decoder meets an object's keys in sorted order (sigs.k8s.io/yaml marshals the map first).
    private static List<KeyValuePair<string, object?>> SortedEntries(Dictionary<string, object?> m)
    {
        var l = new List<KeyValuePair<string, object?>>(m);
        l.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return l;
    }

    internal static List<ChartDependency?>? DecodeDependencies(object? v, int helmMajor = 4)
    {
        if (v == null) return null;
        var pkg = helmMajor >= 4 ? "v2" : "chart";
        if (v is not object?[] dl) throw TypeErr(v, "Metadata", "dependencies", "[]*" + pkg + ".Dependency");
        var list = new List<ChartDependency?>();
        foreach (var e in dl)
        {
            if (e == null) { list.Add(null); continue; }
            if (e is not Dictionary<string, object?> em) throw TypeErr(e, "Metadata", "dependencies", pkg + ".Dependency");
            var d = new ChartDependency();
            foreach (var (k, dv) in SortedEntries(em))
            {
                switch (FieldFor(k, ["name", "version", "repository", "condition", "tags", "enabled", "import-values", "alias"]))
                {
                    case "name": d.Name = ToGoString(dv, "Dependency", "dependencies.name", d.Name); break;
                    case "version": d.Version = ToGoString(dv, "Dependency", "dependencies.version", d.Version); break;
                    case "repository": d.Repository = ToGoString(dv, "Dependency", "dependencies.repository", d.Repository); break;
                    case "condition": d.Condition = ToGoString(dv, "Dependency", "dependencies.condition", d.Condition); break;
                    case "tags": d.Tags = ToStringArray(dv, "Dependency", "dependencies.tags", d.Tags); break;
                    case "enabled": d.Enabled = ToBool(dv, "Dependency", "dependencies.enabled", d.Enabled); break;
                    case "alias": d.Alias = ToGoString(dv, "Dependency", "dependencies.alias", d.Alias); break;
                    case "import-values":
                        if (dv == null) d.ImportValues = null;
                        else if (dv is object?[] iv) d.ImportValues = iv;
                        else throw TypeErr(dv, "Dependency", "dependencies.import-values", "[]interface {}");
                        break;
                }
            }
            list.Add(d);
        }
        return list;
    }
}

/// <summary>A chart loading or validation error carrying helm's message.</summary>
public class ChartException : HelmSharpException
{
    /// <summary>Creates the error with helm's exact message text.</summary>
    public ChartException(string message) : base(message) { }
    /// <summary>Creates the error with helm's exact message text and a cause.</summary>
    public ChartException(string message, Exception inner) : base(message, inner) { }
}
