using System.Text;

namespace HelmSharp.Go;

/// <summary>Go's <c>unicode</c> and <c>strings</c> white-space rules, the one home of <c>unicode.IsSpace</c> and <c>strings.TrimSpace</c>.</summary>
internal static class GoUnicode
{
    /// <summary>
    /// Go's <c>unicode.IsSpace</c>: in Latin-1 '\t', '\n', '\v', '\f', '\r', ' ', U+0085 (NEL) and U+00A0 (NBSP); beyond
    /// it the White_Space property (which .NET's <see cref="Rune.IsWhiteSpace"/> shares).
    /// </summary>
    public static bool IsSpace(int r) => r switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or 0x85 or 0xA0 => true,
        < 0x100 => false,
        _ => Rune.IsValid(r) && Rune.IsWhiteSpace(new Rune(r)),
    };

    /// <summary><see cref="IsSpace(int)"/> of a UTF-16 unit (every white-space rune is in the BMP; a surrogate is none).</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\u0085' or '\u00A0' || (c > 0xff && char.IsWhiteSpace(c));

    /// <summary>The bounds of <paramref name="s"/>[<paramref name="start"/>..<paramref name="end"/>] without leading and trailing Go white space (<c>strings.TrimSpace</c>).</summary>
    public static (int Start, int End) TrimSpaceBounds(ReadOnlySpan<char> s, int start, int end)
    {
        while (start < end && IsSpace(s[start])) start++;
        while (end > start && IsSpace(s[end - 1])) end--;
        return (start, end);
    }

    /// <summary>Go's <c>strings.TrimSpace</c>.</summary>
    public static string TrimSpace(string s)
    {
        var (start, end) = TrimSpaceBounds(s, 0, s.Length);
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    /// <summary>True when <paramref name="s"/> is only Go white space (<c>strings.TrimSpace(s) == ""</c>).</summary>
    public static bool IsBlank(ReadOnlySpan<char> s) => TrimSpaceBounds(s, 0, s.Length).Start == s.Length;
}
