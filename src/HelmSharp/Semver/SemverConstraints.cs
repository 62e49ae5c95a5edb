using System.Text.RegularExpressions;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Semver;

/// <summary>
/// Masterminds/semver v3's <c>Constraints</c>: <c>||</c>-separated groups of space/comma-separated
/// comparisons (<c>= != &gt; &lt; &gt;= =&gt; &lt;= =&lt; ~ ~&gt; ^</c>, wildcards <c>x X *</c>, hyphen
/// ranges), with its pre-release rule: a pre-release version only satisfies a group that itself
/// names a pre-release.
/// </summary>
internal sealed partial class SemverConstraints
{
    private const string Ws = @"[\t\n\f\r ]";
    private const string Ops = @"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
    private const string Cv = @"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?" +
        @"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?" +
        @"(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";

    [GeneratedRegex(@"\A" + Ws + "*(" + Ops + ")" + Ws + "*(" + Cv + ")" + Ws + @"*\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConstraintRegex();

    // The two patterns a hostile constraint can make backtrack exponentially (nested repetitions with whitespace
    // that can go to either side) run backtracking-first with the linear engine as the fallback (see
    // BacktrackFirstRegex): building the linear engine costs milliseconds, and helm checks a chart's kubeVersion and
    // most charts call semverCompare.
    private const string RangePattern = Ws + "*(" + Cv + ")" + Ws + "+-" + Ws + "+(" + Cv + ")" + Ws + "*";
    private const string ValidPattern = @"\A(" + Ws + "*(" + Ops + ")" + Ws + "*(" + Cv + ")" + Ws + "*)((?:" + Ws + "+|," + Ws + "*)(" + Ops + ")" + Ws + "*(" + Cv + ")" + Ws + @"*)*\z";

    [GeneratedRegex(RangePattern, RegexOptions.CultureInvariant, BacktrackFirstRegex.SliceMilliseconds)]
    private static partial Regex RangeRegexBacktracking();
    private static readonly BacktrackFirstRegex s_range = new(RangeRegexBacktracking(), RangePattern, RegexOptions.CultureInvariant);

    [GeneratedRegex("(" + Ops + ")" + Ws + "*(" + Cv + ")", RegexOptions.CultureInvariant)]
    private static partial Regex FindRegex();

    [GeneratedRegex(ValidPattern, RegexOptions.CultureInvariant, BacktrackFirstRegex.SliceMilliseconds)]
    private static partial Regex ValidRegexBacktracking();
    private static readonly BacktrackFirstRegex s_valid = new(ValidRegexBacktracking(), ValidPattern, RegexOptions.CultureInvariant);

    /// <summary>Longest constraint string accepted (bounds the quadratic range-rewrite scan on hostile input).</summary>
    internal const int MaxConstraintLength = 8192;

    private sealed class Constraint
    {
        public required SemverVersion Con { get; init; }
        public required string Orig { get; init; }
        public required string Op { get; init; }
        public bool MinorDirty { get; init; }
        public bool PatchDirty { get; init; }
        public bool Dirty { get; init; }
    }

    private readonly Constraint[][] _groups;
    private readonly bool[] _containsPre;

    private SemverConstraints(Constraint[][] groups, bool[] containsPre) { _groups = groups; _containsPre = containsPre; }

    /// <summary>Masterminds' <c>NewConstraint</c>; throws <see cref="GoFunctionException"/> with its error text (v3.3.0's with <paramref name="v330"/>).</summary>
    public static SemverConstraints Parse(string c, bool v330 = false)
    {
        if (c.Length > MaxConstraintLength) throw new GoFunctionException("improper constraint: constraint string too long");
        c = RewriteRange(c);
        var ors = c.Split("||");
        var groups = new Constraint[ors.Length][];
        var hasPre = new bool[ors.Length];
        for (int k = 0; k < ors.Length; k++)
        {
            var v = ors[k];
            if (!s_valid.IsMatch(v)) throw new GoFunctionException("improper constraint: " + v);
            var found = FindRegex().Matches(v);
            var cs = new List<string>(found.Count);
            foreach (Match m in found) cs.Add(m.Value);
            if (cs.Count == 0) cs.Add(v);
            var result = new Constraint[cs.Count];
            for (int i = 0; i < cs.Count; i++)
            {
                var pc = ParseConstraint(cs[i], v330);
                if (pc.Con.Prerelease.Length > 0) hasPre[k] = true;
                result[i] = pc;
            }
            groups[k] = result;
        }
        return new SemverConstraints(groups, hasPre);
    }

    private static bool IsX(string x) => x is "x" or "*" or "X";

    private static Constraint ParseConstraint(string c, bool v330)
    {
        if (c.Length == 0)
        {
            return new Constraint { Con = new SemverVersion(0, 0, 0, "", "", "0.0.0"), Orig = c, Op = "", Dirty = true };
        }
        var m = ConstraintRegex().Match(c);
        if (!m.Success) throw new GoFunctionException("improper constraint: " + c);
        string g3 = m.Groups[3].Value, g4 = m.Groups[4].Value, g5 = m.Groups[5].Value, g6 = m.Groups[6].Value;
        string ver = m.Groups[2].Value;
        bool minorDirty = false, patchDirty = false, dirty = false;
        if (IsX(g3) || g3.Length == 0)
        {
            ver = "0.0.0" + g6;
            dirty = true;
        }
        else if (IsX(g4.StartsWith('.') ? g4[1..] : g4) || g4.Length == 0)
        {
            minorDirty = true; dirty = true;
            ver = g3 + ".0.0" + g6;
        }
        else if (IsX(g5.StartsWith('.') ? g5[1..] : g5) || g5.Length == 0)
        {
            dirty = true; patchDirty = true;
            ver = g3 + g4 + ".0" + g6;
        }
        if (!SemverVersion.TryParse(ver, out var con, out _)) throw new GoFunctionException(v330 ? "constraint Parser Error" : "constraint parser error");
        return new Constraint { Con = con, Orig = m.Groups[2].Value, Op = m.Groups[1].Value, MinorDirty = minorDirty, PatchDirty = patchDirty, Dirty = dirty };
    }

    private static string RewriteRange(string i)
    {
        var ms = s_range.Run(re => re.Matches(i).ToArray());
        if (ms.Length == 0) return i;
        string o = i;
        foreach (Match m in ms)
        {
            // Go: strings.Replace(o, v[0], t, 1) — replaces the first occurrence of the matched text.
            string t = ">= " + m.Groups[1].Value + ", <= " + m.Groups[11].Value + " ";
            int idx = o.IndexOf(m.Value, StringComparison.Ordinal);
            if (idx >= 0) o = string.Concat(o.AsSpan(0, idx), t, o.AsSpan(idx + m.Value.Length));
        }
        return o;
    }

    /// <summary>
    /// Masterminds' <c>Constraints.Check</c>. semver v3.4.0 (Helm 4) lets a pre-release version
    /// through when any constraint of its AND group names a pre-release; with
    /// <paramref name="v330"/> (semver v3.3.0, Helm 3) each constraint decides for itself, and a
    /// plain <c>!=</c> never rejects pre-releases.
    /// </summary>
    public bool Check(SemverVersion v, bool v330 = false)
    {
        for (int i = 0; i < _groups.Length; i++)
        {
            bool joy = true;
            foreach (var c in _groups[i])
            {
                bool includePre = v330 ? c.Con.Prerelease.Length > 0 : _containsPre[i];
                if (!Check(c, v, includePre, v330)) { joy = false; break; }
            }
            if (joy) return true;
        }
        return false;
    }

    private static bool Check(Constraint c, SemverVersion v, bool includePre, bool v330)
    {
        if (v.Prerelease.Length > 0 && !includePre && !(v330 && c.Op == "!=" && !c.Dirty)) return false;
        switch (c.Op)
        {
            case "": case "=": return c.Dirty ? Tilde(v, c) : v.CompareTo(c.Con) == 0;
            case "!=": return NotEqual(v, c);
            case ">": return GreaterThan(v, c);
            case "<": return v.CompareTo(c.Con) < 0;
            case ">=": case "=>": return v.CompareTo(c.Con) >= 0;
            case "<=": case "=<": return LessThanEqual(v, c);
            case "~": case "~>": return Tilde(v, c);
            case "^": return Caret(v, c);
            default: return false;
        }
    }

    private static bool NotEqual(SemverVersion v, Constraint c)
    {
        if (c.Dirty)
        {
            if (c.Con.Major != v.Major) return true;
            if (c.Con.Minor != v.Minor && !c.MinorDirty) return true;
            if (c.MinorDirty) return false;
            if (c.Con.Patch != v.Patch && !c.PatchDirty) return true;
            if (c.PatchDirty)
            {
                if (v.Prerelease.Length > 0 || c.Con.Prerelease.Length > 0)
                    return SemverVersion.ComparePrerelease(v.Prerelease, c.Con.Prerelease) != 0;
                return false;
            }
        }
        return v.CompareTo(c.Con) != 0;
    }

    private static bool GreaterThan(SemverVersion v, Constraint c)
    {
        if (!c.Dirty) return v.CompareTo(c.Con) == 1;
        if (v.Major > c.Con.Major) return true;
        if (v.Major < c.Con.Major) return false;
        if (c.MinorDirty) return false;
        if (c.PatchDirty) return v.Minor > c.Con.Minor;
        return v.CompareTo(c.Con) == 1;
    }

    private static bool LessThanEqual(SemverVersion v, Constraint c)
    {
        if (!c.Dirty) return v.CompareTo(c.Con) <= 0;
        if (v.Major > c.Con.Major) return false;
        if (v.Major == c.Con.Major && v.Minor > c.Con.Minor && !c.MinorDirty) return false;
        return true;
    }

    private static bool Tilde(SemverVersion v, Constraint c)
    {
        if (v.CompareTo(c.Con) < 0) return false;
        if (c.Con.Major == 0 && c.Con.Minor == 0 && c.Con.Patch == 0 && !c.MinorDirty && !c.PatchDirty) return true;
        if (v.Major != c.Con.Major) return false;
        if (v.Minor != c.Con.Minor && !c.MinorDirty) return false;
        return true;
    }

    private static bool Caret(SemverVersion v, Constraint c)
    {
        if (v.CompareTo(c.Con) < 0) return false;
        if (c.Con.Major > 0 || c.MinorDirty) return v.Major == c.Con.Major;
        if (c.Con.Major == 0 && v.Major > 0) return false;
        if (c.Con.Minor > 0 || c.PatchDirty) return v.Minor == c.Con.Minor;
        if (c.Con.Minor == 0 && v.Minor > 0) return false;
        return c.Con.Patch == v.Patch;
    }
}
