using System.Globalization;
using System.Text.RegularExpressions;

namespace HelmSharp.Rendering;

/// <summary>Masterminds/semver's lenient <c>NewVersion</c> as far as helm 3's <c>--kube-version</c> needs it.</summary>
internal readonly partial record struct LenientSemver(ulong Major, ulong Minor, ulong Patch, string Pre, string Meta)
{
    [GeneratedRegex(@"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$")]
    private static partial Regex VersionRegex();

    public static bool TryParse(string s, out LenientSemver v)
    {
        v = default;
        var m = VersionRegex().Match(s);
        if (!m.Success) return false;
        static bool Num(Group g, out ulong n) { n = 0; return !g.Success || ulong.TryParse(g.Value.TrimStart('.'), NumberStyles.None, CultureInfo.InvariantCulture, out n); }
        if (!Num(m.Groups[1], out var major) || !Num(m.Groups[2], out var minor) || !Num(m.Groups[3], out var patch)) return false;
        v = new LenientSemver(major, minor, patch, m.Groups[5].Value, m.Groups[8].Value);
        return true;
    }

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (Pre.Length > 0 ? "-" + Pre : "") + (Meta.Length > 0 ? "+" + Meta : "");
}
