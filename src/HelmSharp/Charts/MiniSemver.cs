using System.Text.RegularExpressions;

namespace HelmSharp.Charts;

/// <summary>
/// A small internal subset of Masterminds/semver v3 (lenient <c>NewVersion</c> and constraint
/// checks) for chart version validation and dependency range matching.
/// </summary>
internal sealed partial class MiniSemver : IComparable<MiniSemver>
{
    public ulong Major, Minor, Patch;
    public string Pre = "";

    [GeneratedRegex(@"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$")]
    private static partial Regex VersionRx();

    public static MiniSemver? Parse(string v)
    {
        var m = VersionRx().Match(v);
        if (!m.Success) return null;
        var r = new MiniSemver();
        if (!ulong.TryParse(m.Groups[1].Value, out r.Major)) return null;
        if (m.Groups[2].Success && !ulong.TryParse(m.Groups[2].Value.AsSpan(1), out r.Minor)) return null;
        if (m.Groups[3].Success && !ulong.TryParse(m.Groups[3].Value.AsSpan(1), out r.Patch)) return null;
        if (m.Groups[5].Success)
        {
            r.Pre = m.Groups[5].Value;
            foreach (var part in r.Pre.Split('.'))
                if (part.Length > 1 && part[0] == '0' && IsNum(part)) return null;
        }
        return r;
    }

    private static bool IsNum(string s)
    {
        foreach (var c in s) if (c < '0' || c > '9') return false;
        return s.Length > 0;
    }

    public int CompareTo(MiniSemver? o)
    {
        if (o == null) return 1;
        int c = Major.CompareTo(o.Major); if (c != 0) return c;
        c = Minor.CompareTo(o.Minor); if (c != 0) return c;
        c = Patch.CompareTo(o.Patch); if (c != 0) return c;
        if (Pre == o.Pre) return 0;
        if (Pre.Length == 0) return 1;
        if (o.Pre.Length == 0) return -1;
        var a = Pre.Split('.'); var b = o.Pre.Split('.');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i >= a.Length) return -1;
            if (i >= b.Length) return 1;
            bool an = IsNum(a[i]), bn = IsNum(b[i]);
            if (an && bn)
            {
                ulong.TryParse(a[i], out var x); ulong.TryParse(b[i], out var y);
                c = x.CompareTo(y);
            }
            else if (an) c = -1;
            else if (bn) c = 1;
            else c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return Math.Sign(c);
        }
        return 0;
    }

    public static bool IsValid(string v) => Parse(v) != null;

    /// <summary>helm's <c>IsCompatibleRange(constraint, version)</c>.</summary>
    public static bool IsCompatibleRange(string constraint, string version)
    {
        var v = Parse(version);
        if (v == null) return false;
        try { return Check(constraint, v); }
        catch (FormatException) { return false; }
    }

    [GeneratedRegex(@"\s*(?<a>[^\s,|]+)\s+-\s+(?<b>[^\s,|]+)\s*")]
    private static partial Regex HyphenRx();

    [GeneratedRegex(@"^\s*(?<op>!=|>=|=>|<=|=<|~>|>|<|=|~|\^)?\s*v?(?<ver>[0-9xX*]+(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z\-.]+)?(\+[0-9A-Za-z\-.]+)?)\s*$")]
    private static partial Regex TermRx();

    private static bool Check(string constraint, MiniSemver v)
    {
        foreach (var orPart in constraint.Split("||"))
        {
            var s = HyphenRx().Replace(orPart, m => " >=" + m.Groups["a"].Value + ", <=" + m.Groups["b"].Value + " ");
            // join operators separated from their version by spaces ("> 1.0")
            s = Regex.Replace(s, @"(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)\s+", "$1");
            var terms = s.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (terms.Length == 0) throw new FormatException();
            bool all = true;
            foreach (var t in terms)
            {
                if (!CheckTerm(t, v)) { all = false; break; }
            }
            if (all) return true;
        }
        return false;
    }

    private static bool CheckTerm(string term, MiniSemver v)
    {
        var m = TermRx().Match(term);
        if (!m.Success) throw new FormatException();
        var op = m.Groups["op"].Value;
        var ver = m.Groups["ver"].Value;
        var core = ver;
        string pre = "";
        int plus = core.IndexOf('+'); if (plus >= 0) core = core.Substring(0, plus);
        int dash = core.IndexOf('-'); if (dash >= 0) { pre = core.Substring(dash + 1); core = core.Substring(0, dash); }
        var parts = core.Split('.');
        bool IsWild(string p) => p is "x" or "X" or "*";
        bool majorDirty = IsWild(parts[0]);
        bool minorDirty = parts.Length < 2 || IsWild(parts[1]) || majorDirty;
        bool patchDirty = parts.Length < 3 || IsWild(parts[2]) || minorDirty;
        var c = new MiniSemver { Pre = pre };
        if (!majorDirty && !ulong.TryParse(parts[0], out c.Major)) throw new FormatException();
        if (parts.Length > 1 && !IsWild(parts[1]) && !ulong.TryParse(parts[1], out c.Minor)) throw new FormatException();
        if (parts.Length > 2 && !IsWild(parts[2]) && !ulong.TryParse(parts[2], out c.Patch)) throw new FormatException();
        // Masterminds: "1" and "1.2" without wildcards are treated as dirty only for some operators.
        bool explicitMinorWild = parts.Length >= 2 && IsWild(parts[1]) || majorDirty;
        bool explicitPatchWild = parts.Length >= 3 && IsWild(parts[2]) || explicitMinorWild;

        if (v.Pre.Length > 0 && c.Pre.Length == 0 && op != "!=") return false;

        switch (op)
        {
            case "":
            case "=":
                if (majorDirty) return true;
                if (minorDirty) return v.Major == c.Major;
                if (patchDirty) return v.Major == c.Major && v.Minor == c.Minor;
                return v.CompareTo(c) == 0;
            case "!=":
                if (majorDirty) return false;
                if (minorDirty) return v.Major != c.Major;
                if (patchDirty) return !(v.Major == c.Major && v.Minor == c.Minor);
                return v.CompareTo(c) != 0;
            case ">":
                if (majorDirty) return false;
                if (explicitMinorWild || minorDirty && !explicitPatchWild && parts.Length < 2) return v.Major > c.Major;
                if (explicitPatchWild || parts.Length < 3) return v.Major > c.Major || (v.Major == c.Major && v.Minor > c.Minor);
                return v.CompareTo(c) > 0;
            case ">=":
            case "=>":
                return majorDirty || v.CompareTo(c) >= 0;
            case "<":
                if (majorDirty) return false;
                return v.CompareTo(c) < 0;
            case "<=":
            case "=<":
                if (majorDirty) return true;
                if (minorDirty) return v.Major <= c.Major;
                if (patchDirty) return v.Major < c.Major || (v.Major == c.Major && v.Minor <= c.Minor);
                return v.CompareTo(c) <= 0;
            case "~":
            case "~>":
                if (majorDirty) return true;
                if (v.CompareTo(c) < 0) return false;
                if (v.Major != c.Major) return false;
                if (v.Minor != c.Minor && !minorDirty) return false;
                return true;
            case "^":
                if (majorDirty) return true;
                if (v.CompareTo(c) < 0) return false;
                if (c.Major > 0 || minorDirty) return v.Major == c.Major;
                if (c.Minor > 0 || patchDirty) return v.Major == c.Major && v.Minor == c.Minor;
                return v.Major == c.Major && v.Minor == c.Minor && v.Patch == c.Patch;
        }
        throw new FormatException();
    }
}
