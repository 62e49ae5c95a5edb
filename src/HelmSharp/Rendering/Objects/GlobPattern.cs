using System.Collections.Concurrent;
using System.Text;
using HelmSharp.Go;
using System.Text.RegularExpressions;

namespace HelmSharp.Rendering.Objects;

/// <summary>
/// gobwas/glob patterns with <c>/</c> as separator, as <c>.Files.Glob</c> uses them: <c>*</c> (no
/// separator), <c>**</c> (anything), <c>?</c>, <c>[abc]</c>, <c>[!a-z]</c>, <c>{a,b}</c>, <c>\</c> escapes.
/// </summary>
internal static class GlobPattern
{
    private static readonly ConcurrentDictionary<string, BacktrackFirstRegex?> s_cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Compiles a pattern to an anchored regex (backtracking-first, see <see cref="BacktrackFirstRegex"/>; compiled
    /// once per pattern); null when the pattern is invalid.
    /// </summary>
    public static BacktrackFirstRegex? TryCompile(string pattern)
    {
        if (s_cache.TryGetValue(pattern, out var cached)) return cached;
        var re = Compile(pattern);
        if (s_cache.Count < 1024) s_cache.TryAdd(pattern, re);
        return re;
    }

    private static BacktrackFirstRegex? Compile(string pattern)
    {
        var sb = new StringBuilder("^");
        int depth = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '*':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '*') { sb.Append("(?s:.*)"); i++; }
                    else sb.Append("[^/]*");
                    break;
                case '?': sb.Append("[^/]"); break;
                case '\\':
                    if (i + 1 >= pattern.Length) return null;
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                case '[':
                    {
                        int close = pattern.IndexOf(']', i + 1);
                        if (close < 0) return null;
                        var body = pattern[(i + 1)..close];
                        bool neg = body.StartsWith('!');
                        if (neg) body = body[1..];
                        if (body.Length == 0) return null;
                        var cls = new StringBuilder(neg ? "[^" : "[");
                        for (int k = 0; k < body.Length; k++)
                        {
                            if (body[k] == '-' && k > 0 && k + 1 < body.Length) { cls.Append('-'); continue; }
                            cls.Append(body[k] is '\\' or ']' or '[' or '^' or '-' ? "\\" + body[k] : body[k].ToString());
                        }
                        sb.Append(cls).Append(']');
                        i = close;
                        break;
                    }
                case '{': depth++; sb.Append("(?:"); break;
                case '}': if (depth == 0) return null; depth--; sb.Append(')'); break;
                case ',': sb.Append(depth > 0 ? "|" : ","); break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        if (depth != 0) return null;
        sb.Append('$');
        var regex = sb.ToString();
        try { return new BacktrackFirstRegex(new Regex(regex, RegexOptions.CultureInvariant, BacktrackFirstRegex.Slice), regex, RegexOptions.CultureInvariant); }
        catch (ArgumentException) { return null; }
    }
}
