using System.Text;

namespace HelmSharp.Go;

/// <summary>
/// Go's <c>path</c> package (slash-separated paths; <c>path/filepath</c> is the same on the platforms helm renders on):
/// the one home of <c>Clean</c>, <c>Base</c>, <c>Dir</c>, <c>Ext</c>, <c>IsAbs</c> and <c>Match</c>.
/// </summary>
internal static class GoPath
{
    /// <summary>Go's <c>path.Clean</c>.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var n = path.Length;
        var buf = new StringBuilder(n);
        int r = 0, dotdot = 0;
        if (rooted) { buf.Append('/'); r = 1; dotdot = 1; }
        while (r < n)
        {
            if (path[r] == '/') r++;
            else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) r++;
            else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/'))
            {
                r += 2;
                if (buf.Length > dotdot)
                {
                    var w = buf.Length - 1;
                    while (w > dotdot && buf[w] != '/') w--;
                    buf.Length = w;
                }
                else if (!rooted)
                {
                    if (buf.Length > 0) buf.Append('/');
                    buf.Append("..");
                    dotdot = buf.Length;
                }
            }
            else
            {
                if (rooted && buf.Length != 1 || !rooted && buf.Length != 0) buf.Append('/');
                for (; r < n && path[r] != '/'; r++) buf.Append(path[r]);
            }
        }
        if (buf.Length == 0) return ".";
        return buf.ToString();
    }

    /// <summary>Go's <c>path.Base</c>.</summary>
    public static string Base(string path)
    {
        if (path.Length == 0) return ".";
        while (path.Length > 0 && path[^1] == '/') path = path[..^1];
        var i = path.LastIndexOf('/');
        if (i >= 0) path = path[(i + 1)..];
        return path.Length == 0 ? "/" : path;
    }

    /// <summary>Go's <c>path.Dir</c>.</summary>
    public static string Dir(string path)
    {
        var i = path.LastIndexOf('/');
        return Clean(path[..(i + 1)]);
    }

    /// <summary>Go's <c>path.Join</c> of two elements: the non-empty ones joined by '/' and cleaned ("" when both are empty).</summary>
    public static string Join(string a, string b) =>
        a.Length == 0 ? (b.Length == 0 ? "" : Clean(b)) : b.Length == 0 ? Clean(a) : Clean(a + "/" + b);

    /// <summary>Go's <c>path.Join</c> of any number of elements: the non-empty ones joined with <c>/</c> and cleaned; "" when all are empty.</summary>
    public static string Join(params string[] elems)
    {
        var nonEmpty = elems.Where(e => e.Length > 0).ToArray();
        return nonEmpty.Length == 0 ? "" : Clean(string.Join('/', nonEmpty));
    }

    /// <summary>Go's <c>path.Ext</c>.</summary>
    public static string Ext(string path)
    {
        for (var i = path.Length - 1; i >= 0 && path[i] != '/'; i--)
            if (path[i] == '.') return path[i..];
        return "";
    }

    /// <summary>Go's <c>path.IsAbs</c>.</summary>
    public static bool IsAbs(string path) => path.StartsWith('/');

    /// <summary>Go's <c>path.Match</c>, with Go's answer for a bad pattern (false).</summary>
    public static bool Match(string pattern, string name) => Match(pattern, name, out _);

    /// <summary>True when <paramref name="pattern"/> is a valid <c>path.Match</c> pattern (Go reports <c>ErrBadPattern</c> otherwise).</summary>
    public static bool IsValidPattern(string pattern)
    {
        Match(pattern, "abc", out var bad);
        return !bad;
    }

    /// <summary>Go's <c>path.Match</c>; <paramref name="badPattern"/> is Go's <c>ErrBadPattern</c>.</summary>
    /// <remarks>
    /// Works on slices of the two strings and allocates nothing: chart loading matches every file against every
    /// <c>.helmignore</c> pattern, and a <c>*</c> tries each position of the name.
    /// </remarks>
    public static bool Match(string pattern, string name, out bool badPattern) => Match(pattern.AsSpan(), name.AsSpan(), out badPattern);

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name, out bool badPattern)
    {
        badPattern = false;
        while (pattern.Length > 0)
        {
            bool star = ScanChunk(ref pattern, out var chunk);
            if (star && chunk.Length == 0) return !name.Contains('/');
            var (t, ok, err) = MatchChunk(chunk, name);
            if (ok && (t == name.Length || pattern.Length > 0)) { name = name[t..]; continue; }
            if (err) { badPattern = true; return false; }
            bool matched = false;
            if (star)
            {
                for (int i = 0; i < name.Length && name[i] != '/'; i++)
                {
                    var rest = name[(i + 1)..];
                    var (t2, ok2, err2) = MatchChunk(chunk, rest);
                    if (ok2)
                    {
                        if (pattern.Length == 0 && t2 < rest.Length) continue;
                        name = rest[t2..]; matched = true; break;
                    }
                    if (err2) { badPattern = true; return false; }
                }
            }
            if (matched) continue;
            while (pattern.Length > 0)
            {
                ScanChunk(ref pattern, out var c2);
                if (MatchChunk(c2, "").Err) { badPattern = true; return false; }
            }
            return false;
        }
        return name.Length == 0;
    }

    /// <summary>Go's <c>scanChunk</c>: whether stars lead, the chunk up to the next star (outside a range), and the pattern after it (in <paramref name="pattern"/>).</summary>
    private static bool ScanChunk(ref ReadOnlySpan<char> pattern, out ReadOnlySpan<char> chunk)
    {
        bool star = false;
        while (pattern.Length > 0 && pattern[0] == '*') { pattern = pattern[1..]; star = true; }
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
        chunk = pattern[..i];
        pattern = pattern[i..];
        return star;
    }

    /// <summary>Go's <c>matchChunk</c>: whether <paramref name="chunk"/> matches the start of <paramref name="s"/>, and the index in <paramref name="s"/> where the rest starts.</summary>
    private static (int RestStart, bool Ok, bool Err) MatchChunk(ReadOnlySpan<char> chunk, ReadOnlySpan<char> s)
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
                if (!failed) { r = RuneAt(s, si); si += IsSurrogatePair(s, si) ? 2 : 1; }
                ci++;
                bool negated = false;
                if (ci < chunk.Length && chunk[ci] == '^') { negated = true; ci++; }
                bool match = false;
                int nrange = 0;
                while (true)
                {
                    if (ci < chunk.Length && chunk[ci] == ']' && nrange > 0) { ci++; break; }
                    if (!GetEsc(chunk, ref ci, out var lo)) return (default, false, true);
                    int hi = lo;
                    if (ci < chunk.Length && chunk[ci] == '-')
                    {
                        ci++;
                        if (!GetEsc(chunk, ref ci, out hi)) return (default, false, true);
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
                    si += IsSurrogatePair(s, si) ? 2 : 1;
                }
                ci++;
            }
            else
            {
                if (c == '\\')
                {
                    ci++;
                    if (ci >= chunk.Length) return (default, false, true);
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
        if (failed) return (default, false, false);
        return (si, true, false);
    }

    private static bool IsSurrogatePair(ReadOnlySpan<char> s, int i) =>
        i + 1 < s.Length && char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]);

    private static int RuneAt(ReadOnlySpan<char> s, int i) => IsSurrogatePair(s, i) ? char.ConvertToUtf32(s[i], s[i + 1]) : s[i];

    private static bool GetEsc(ReadOnlySpan<char> chunk, ref int ci, out int r)
    {
        r = 0;
        if (ci >= chunk.Length || chunk[ci] == '-' || chunk[ci] == ']') return false;
        if (chunk[ci] == '\\')
        {
            ci++;
            if (ci >= chunk.Length) return false;
        }
        r = RuneAt(chunk, ci);
        ci += IsSurrogatePair(chunk, ci) ? 2 : 1;
        if (ci >= chunk.Length) return false;
        return true;
    }
}
