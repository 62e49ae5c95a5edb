using HelmSharp.Go;

namespace HelmSharp.Charts;

/// <summary>
/// Helm's <c>.helmignore</c> rules (<c>pkg/ignore</c>), including its negation quirks: rules are
/// evaluated in order, the first decision wins, and a negated rule ignores every path it does
/// <em>not</em> match.
/// </summary>
internal sealed class HelmIgnore
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
        rule = HelmSharp.Go.GoUnicode.TrimSpace(rule);
        if (rule.Length == 0 || rule.StartsWith('#')) return;
        if (rule.Contains("**")) throw new ChartException("double-star (**) syntax is not supported");
        if (!GoPath.IsValidPattern(rule)) throw new ChartException("syntax error in pattern");
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
        string? baseName = null; // the last element, which rules without a slash match: made once per path, not per rule
        foreach (var p in _rules)
        {
            if (p.Negate)
            {
                if (p.MustDir && !isDir) return true;
                if (!Match(p, path, ref baseName)) return true;
                continue;
            }
            if (p.MustDir && !isDir) continue;
            if (Match(p, path, ref baseName)) return true;
        }
        return false;
    }

    private static bool Match(Rule p, string n, ref string? baseName)
    {
        if (p.Kind == 2) n = baseName ??= GoPath.Base(n);
        return GoPath.Match(p.Pattern, n, out _);
    }
}
