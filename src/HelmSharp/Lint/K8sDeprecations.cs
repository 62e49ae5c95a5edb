using System.Globalization;

namespace HelmSharp.Lint;

/// <summary>One deprecated API kind of <c>k8s.io/api</c> (its <c>APILifecycle*</c> methods).</summary>
internal sealed record DeprecatedApi(string ApiVersion, string Kind, int DeprecatedMajor, int DeprecatedMinor,
    int RemovedMajor, int RemovedMinor, string ReplacementGroup, string ReplacementVersion, string ReplacementKind);

/// <summary>
/// helm's <c>validateNoDeprecations</c>: a kind client-go's scheme knows, whose <c>APILifecycleDeprecated</c> version
/// is not after the kube version linted against, gets <c>k8s.io/apiserver</c>'s deprecation warning. The table is
/// generated from the k8s.io/api version each pinned helm binary was built with (see K8sDeprecations.Data.cs).
/// </summary>
internal static partial class K8sDeprecations
{
    // Lazily: the generated tables live in another part of this class (static initialisers of partial parts run in no set order).
    private static readonly Lazy<Dictionary<(string, string), DeprecatedApi>> s_byKey4 = new(() => Index(s_helm4)), s_byKey3 = new(() => Index(s_helm3));

    private static Dictionary<(string, string), DeprecatedApi> Index(DeprecatedApi[] rows)
    {
        var d = new Dictionary<(string, string), DeprecatedApi>();
        foreach (var r in rows) d[(r.ApiVersion, r.Kind)] = r;
        return d;
    }

    /// <summary>
    /// The warning for <paramref name="apiVersion"/>/<paramref name="kind"/> at kube version
    /// <paramref name="major"/>.<paramref name="minor"/> (Go <c>strconv.Atoi</c> of the version's components), or null.
    /// </summary>
    public static string? Check(string apiVersion, string kind, string major, string minor, int helmMajor)
    {
        if (apiVersion.Length == 0 || kind.Length == 0) return null;
        var key = (NormalizeGroupVersion(apiVersion), kind);
        if (key.Item1 == null) return null;
        if (!(helmMajor >= 4 ? s_byKey4 : s_byKey3).Value.TryGetValue(key!, out var api)) return null; // not a registered kind
        if (!TryAtoi(major, out var maj)) return "strconv.Atoi: parsing " + HelmSharp.Go.GoStrconv.Quote(major) + ": invalid syntax";
        if (!TryAtoi(minor, out var min)) return "strconv.Atoi: parsing " + HelmSharp.Go.GoStrconv.Quote(minor) + ": invalid syntax";
        if (!IsDeprecated(api, maj, min)) return null;
        var msg = $"{api.ApiVersion} {api.Kind} is deprecated in v{api.DeprecatedMajor}.{api.DeprecatedMinor}+";
        if (api.RemovedMajor != 0 || api.RemovedMinor != 0) msg += $", unavailable in v{api.RemovedMajor}.{api.RemovedMinor}+";
        if (api.ReplacementKind.Length != 0 || api.ReplacementGroup.Length != 0 || api.ReplacementVersion.Length != 0)
        {
            var gv = api.ReplacementGroup.Length == 0 ? api.ReplacementVersion : api.ReplacementGroup + "/" + api.ReplacementVersion;
            msg += $"; use {gv} {api.ReplacementKind}";
        }
        return msg;
    }

    private static bool IsDeprecated(DeprecatedApi api, int currentMajor, int currentMinor)
    {
        if (api.DeprecatedMajor == 0 && api.DeprecatedMinor == 0) return false;
        if (currentMajor == 0 && currentMinor == 0) return true;
        if (api.DeprecatedMajor > currentMajor) return false;
        if (api.DeprecatedMajor == currentMajor && api.DeprecatedMinor > currentMinor) return false;
        return true;
    }

    // schema.ParseGroupVersion: "" and "v1" (core), "group/version"; more slashes do not parse (no kind matches then).
    private static string? NormalizeGroupVersion(string apiVersion)
    {
        int slash = apiVersion.IndexOf('/');
        if (slash < 0) return apiVersion;
        if (apiVersion.IndexOf('/', slash + 1) >= 0) return null;
        var group = apiVersion[..slash];
        var version = apiVersion[(slash + 1)..];
        return group.Length == 0 ? version : group + "/" + version;
    }

    private static bool TryAtoi(string s, out int n) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n);
}
