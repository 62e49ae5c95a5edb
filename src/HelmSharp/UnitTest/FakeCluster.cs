using HelmSharp.Go;
using HelmSharp.Helm;
using HelmSharp.Template.Functions;

namespace HelmSharp.UnitTest;

/// <summary>
/// <c>kubernetesProvider</c>: the objects a test declares answer <c>lookup</c> as the plugin's fake dynamic client does
/// (a <c>scheme</c> entry <c>apiVersion/Kind</c> names the resource; an object's resource is its kind, lower-cased and
/// pluralised; a get that finds nothing, or a kind without a scheme entry, gives an empty map).
/// </summary>
internal static class FakeCluster
{
    /// <summary>The function map with a fake <c>lookup</c>, or null when the test declares no objects (plain <c>lookup</c>).</summary>
    public static FunctionRegistry? Functions(KubernetesProvider provider)
    {
        if (provider.Objects.Count == 0) return null;
        var basis = HelmFunctions.For(3);
        var r = new FunctionRegistry();
        foreach (var name in basis.Names)
            if (basis.TryGet(name, out var f)) r.Add(f);
        var str = GoType.String;
        r.Add(new GoFunction("lookup", [str, str, str, str], false,
            (_, a) => Lookup(provider, (string)a[0]!, (string)a[1]!, (string)a[2]!, (string)a[3]!), returnsError: true));
        return r.Freeze();
    }

    private static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        int slash = apiVersion.IndexOf('/');
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    /// <summary>apimachinery's <c>UnsafeGuessKindToResource</c>.</summary>
    internal static string GuessResource(string kind)
    {
        var singular = kind.ToLowerInvariant();
        if (singular.Length == 0) return "";
        if (singular.EndsWith("endpoints", StringComparison.Ordinal)) return singular;
        return singular[^1] switch
        {
            's' => singular + "es",
            'y' => singular[..^1] + "ies",
            _ => singular + "s",
        };
    }

    private static object? Lookup(KubernetesProvider p, string apiVersion, string kind, string ns, string name)
    {
        var key = GoPath.Join(apiVersion, kind);
        if (p.Scheme == null || !p.Scheme.TryGetValue(key, out var props)) props = new FakeKindProps();
        string clientNs = props.Namespaced && ns.Length > 0 ? ns : "";
        var matches = new List<Dictionary<string, object?>>();
        foreach (var o in p.Objects)
        {
            var (group, version) = SplitApiVersion(o.GetValueOrDefault("apiVersion") as string ?? "");
            if (group != props.Group || version != props.Version || GuessResource(o.GetValueOrDefault("kind") as string ?? "") != props.Resource) continue;
            var meta = o.GetValueOrDefault("metadata") as Dictionary<string, object?>;
            var objNs = meta?.GetValueOrDefault("namespace") as string ?? "";
            if (name.Length > 0)
            {
                if (objNs == clientNs && (meta?.GetValueOrDefault("name") as string ?? "") == name) return ToTemplateValue(o);
                continue;
            }
            if (clientNs.Length == 0 || objNs == clientNs) matches.Add(o);
        }
        if (name.Length > 0 || props.Resource.Length == 0) return new Dictionary<string, object?>(StringComparer.Ordinal);
        // the list kind comes from the objects registered for the resource
        string? listKind = null;
        foreach (var o in p.Objects)
        {
            var (group, version) = SplitApiVersion(o.GetValueOrDefault("apiVersion") as string ?? "");
            var k = o.GetValueOrDefault("kind") as string ?? "";
            if (group == props.Group && version == props.Version && GuessResource(k) == props.Resource) { listKind = k + "List"; break; }
        }
        if (listKind == null) return new Dictionary<string, object?>(StringComparer.Ordinal);
        matches.Sort((x, y) =>
        {
            var mx = x.GetValueOrDefault("metadata") as Dictionary<string, object?>;
            var my = y.GetValueOrDefault("metadata") as Dictionary<string, object?>;
            int c = string.CompareOrdinal(mx?.GetValueOrDefault("namespace") as string ?? "", my?.GetValueOrDefault("namespace") as string ?? "");
            return c != 0 ? c : string.CompareOrdinal(mx?.GetValueOrDefault("name") as string ?? "", my?.GetValueOrDefault("name") as string ?? "");
        });
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["apiVersion"] = props.Group.Length > 0 ? props.Group + "/" + props.Version : props.Version,
            ["kind"] = listKind,
            ["metadata"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["continue"] = "", ["resourceVersion"] = "" },
            ["items"] = matches.Select(ToTemplateValue).ToArray(),
        };
    }

    // the template engine holds Go slices as object?[]
    private static object? ToTemplateValue(object? v) => v switch
    {
        Dictionary<string, object?> m => m.ToDictionary(kv => kv.Key, kv => ToTemplateValue(kv.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(ToTemplateValue).ToArray(),
        long l => (nint)l,
        _ => v,
    };
}
