namespace HelmSharp.Charts;

/// <summary>
/// Helm's <c>.helmignore</c> rules (<c>pkg/ignore</c>), including its negation quirks: rules are
/// evaluated in order, the first decision wins, and a negated rule ignores every path it does
/// <em>not</em> match.
/// </summary>
public sealed class HelmIgnore
{
    private readonly List<Rule> _rules = [];

    private sealed record Rule(string Raw, string Pattern, bool Negate, bool MustDir, int Kind); // 0 anchored, 1 structural, 2 basename

    /// <summary>An empty rule set.</summary>
    public static HelmIgnore Empty() => new();

    /// <summary>Parses a <c>.helmignore</c> file; throws <see cref="ChartException"/> with helm's message.</summary>
    public static HelmIgnore Parse(string text)
    {
        var r = new HelmIgnore();
        if (text.StartsWith('\uFEFF')) text = text.Substring(1);
        // bufio.Scanner ScanLines: split on \n, drop a trailing \r
        int start = 0;
        while (start <= text.Length)
        {
            int nl = text.IndexOf('\n', start);
            if (nl < 0)
            {
                if (start < text.Length) r.AddRule(TrimCr(text.Substring(start)));
                break;
            }
            r.AddRule(TrimCr(text.Substring(start, nl - start)));
            start = nl + 1;
        }
        return r;
    }

    private static string TrimCr(string s) => s.EndsWith('\r') ? s.Substring(0, s.Length - 1) : s;

    /// <summary>Adds helm's default rule <c>templates/.?*</c>.</summary>
    public void AddDefaults() => AddRule("templates/.?*");

    /// <summary>Adds one rule line.</summary>
    public void AddRule(string rule)
    {
        rule = rule.Trim(' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u00A0');
        if (rule.Length == 0 || rule.StartsWith('#')) return;
        if (rule.Contains("**")) throw new ChartException("double-star (**) syntax is not supported");
        if (!GoPathMatch.IsValid(rule)) throw new ChartException("syntax error in pattern");
        var raw = rule;
        bool negate = false, mustDir = false;
        if (rule.StartsWith('!')) { negate = true; rule = rule.Substring(1); }
        if (rule.EndsWith('/')) { mustDir = true; rule = rule.Substring(0, rule.Length - 1); }
        int kind;
        if (rule.StartsWith('/')) { kind = 0; rule = rule.Substring(1); }
        else if (rule.Contains('/')) kind = 1;
        else kind = 2;
        _rules.Add(new Rule(raw, rule, negate, mustDir, kind));
    }

    /// <summary>True when <paramref name="path"/> (chart-relative, <c>/</c>-separated) is ignored.</summary>
    public bool Ignore(string path, bool isDir)
    {
        if (path.Length == 0 || path == "." || path == "./") return false;
        foreach (var p in _rules)
        {
            if (p.Negate)
            {
                if (p.MustDir && !isDir) return true;
                if (!Match(p, path)) return true;
                continue;
            }
            if (p.MustDir && !isDir) continue;
            if (Match(p, path)) return true;
        }
        return false;
    }

    private static bool Match(Rule p, string n)
    {
        if (p.Kind == 2)
        {
            // filepath.Base
            var t = n.TrimEnd('/');
            int i = t.LastIndexOf('/');
            n = t.Length == 0 ? "/" : (i >= 0 ? t.Substring(i + 1) : t);
        }
        return GoPathMatch.Match(p.Pattern, n, out _);
    }
}

/// <summary>Go's <c>path.Match</c> (separator <c>/</c>), including its bad-pattern detection.</summary>
internal static class GoPathMatch
{
    public static bool IsValid(string pattern)
    {
        Match(pattern, "abc", out var bad);
        return !bad;
    }

    public static bool Match(string pattern, string name, out bool badPattern)
    {
        badPattern = false;
        while (pattern.Length > 0)
        {
            var (star, chunk, rest) = ScanChunk(pattern);
            pattern = rest;
            if (star && chunk.Length == 0) return !name.Contains('/');
            var (t, ok, err) = MatchChunk(chunk, name);
            if (ok && (t.Length == 0 || pattern.Length > 0)) { name = t; continue; }
            if (err) { badPattern = true; return false; }
            bool matched = false;
            if (star)
            {
                for (int i = 0; i < name.Length && name[i] != '/'; i++)
                {
                    var (t2, ok2, err2) = MatchChunk(chunk, name.Substring(i + 1));
                    if (ok2)
                    {
                        if (pattern.Length == 0 && t2.Length > 0) continue;
                        name = t2; matched = true; break;
                    }
                    if (err2) { badPattern = true; return false; }
                }
            }
            if (matched) continue;
            while (pattern.Length > 0)
            {
                var (_, c2, r2) = ScanChunk(pattern);
                pattern = r2;
                if (MatchChunk(c2, "").err) { badPattern = true; return false; }
            }
            return false;
        }
        return name.Length == 0;
    }

    private static (bool star, string chunk, string rest) ScanChunk(string pattern)
    {
        bool star = false;
        while (pattern.Length > 0 && pattern[0] == '*') { pattern = pattern.Substring(1); star = true; }
        bool inrange = false;
        int i;
        for (i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\') { if (i + 1 < pattern.Length) i++; }
            else if (c == '[') inrange = true;
            else if (c == ']') inrange = false;
            else if (c == '*' && !inrange) break;
        }
        return (star, pattern.Substring(0, i), pattern.Substring(i));
    }

    private static (string rest, bool ok, bool err) MatchChunk(string chunk, string s)
    {
        bool failed = false;
        int ci = 0, si = 0;
        while (ci < chunk.Length)
        {
            if (!failed && si >= s.Length) failed = true;
            char c = chunk[ci];
            if (c == '[')
            {
                int r = 0;
                if (!failed) { r = RuneAt(s, si); si += char.IsSurrogatePair(s, si) ? 2 : 1; }
                ci++;
                bool negated = false;
                if (ci < chunk.Length && chunk[ci] == '^') { negated = true; ci++; }
                bool match = false;
                int nrange = 0;
                while (true)
                {
                    if (ci < chunk.Length && chunk[ci] == ']' && nrange > 0) { ci++; break; }
                    if (!GetEsc(chunk, ref ci, out var lo)) return ("", false, true);
                    int hi = lo;
                    if (ci < chunk.Length && chunk[ci] == '-')
                    {
                        ci++;
                        if (!GetEsc(chunk, ref ci, out hi)) return ("", false, true);
                    }
                    if (lo <= r && r <= hi) match = true;
                    nrange++;
                }
                if (match == negated) failed = true;
            }
            else if (c == '?')
            {
                if (!failed)
                {
                    if (s[si] == '/') failed = true;
                    si += char.IsSurrogatePair(s, si) ? 2 : 1;
                }
                ci++;
            }
            else
            {
                if (c == '\\')
                {
                    ci++;
                    if (ci >= chunk.Length) return ("", false, true);
                    c = chunk[ci];
                }
                if (!failed)
                {
                    if (c != s[si]) failed = true;
                    si++;
                }
                ci++;
            }
        }
        if (failed) return ("", false, false);
        return (s.Substring(si), true, false);
    }

    private static int RuneAt(string s, int i) => char.IsSurrogatePair(s, i) ? char.ConvertToUtf32(s[i], s[i + 1]) : s[i];

    private static bool GetEsc(string chunk, ref int ci, out int r)
    {
        r = 0;
        if (ci >= chunk.Length || chunk[ci] == '-' || chunk[ci] == ']') return false;
        if (chunk[ci] == '\\')
        {
            ci++;
            if (ci >= chunk.Length) return false;
        }
        r = RuneAt(chunk, ci);
        ci += char.IsSurrogatePair(chunk, ci) ? 2 : 1;
        if (ci >= chunk.Length) return false;
        return true;
    }
}
