using System.Text;

namespace HelmSharp.Go;

/// <summary>Go's <c>log/slog</c> text handler, as far as helm 4's log lines need it.</summary>
internal static class GoSlog
{
    /// <summary>The text handler's quoting of a string attribute value (<c>needsQuoting</c>: empty, spaces, <c>=</c>, <c>"</c>, controls).</summary>
    internal static string Value(string s)
    {
        if (s.Length == 0) return "\"\"";
        foreach (var r in s.EnumerateRunes())
            if (r.Value <= ' ' || r.Value == '=' || r.Value == '"' || r.Value == 0x7f || !Rune.IsLetterOrDigit(r) && r.Value > 0x7f && Rune.IsWhiteSpace(r))
                return GoStrconv.Quote(s);
        return s;
    }
}
