using System.Text;

namespace HelmSharp.Go;

internal static partial class GoStrconv
{
    /// <summary>Go's <c>strconv.ErrSyntax</c> text.</summary>
    public const string ErrSyntaxText = "invalid syntax";

    /// <summary>
    /// Go's <c>strconv.Unquote</c> for a double-quoted, back-quoted or single-quoted literal.
    /// Returns false (Go's <c>invalid syntax</c>) on malformed input. Bytes produced by <c>\x</c>/octal
    /// escapes that do not form valid UTF-8 become U+FFFD.
    /// </summary>
    public static bool TryUnquote(string s, out string result)
    {
        result = "";
        int n = s.Length;
        if (n < 2) return false;
        char quote = s[0];
        if (quote != s[n - 1]) return false;
        var body = s.AsSpan(1, n - 2);
        if (quote == '`')
        {
            if (body.Contains('`')) return false;
            result = body.Contains('\r') ? body.ToString().Replace("\r", "") : body.ToString();
            return true;
        }
        if (quote != '"' && quote != '\'') return false;
        if (body.Contains('\n')) return false;
        if (!body.Contains('\\') && !body.Contains(quote))
        {
            // Go returns the body as it is only when it is valid UTF-8; otherwise each invalid byte decodes to U+FFFD
            // below (a template read from a Latin-1 file: "caf\xe9" is "caf\uFFFD").
            if (quote == '"' && !body.ContainsAnyInRange('\uDC80', '\uDCFF')) { result = body.ToString(); return true; }
            if (quote == '"') goto slow;
            // single rune
            if (body.Length == 0) return false;
            var st = Rune.DecodeFromUtf16(body, out _, out int used);
            if (st != System.Buffers.OperationStatus.Done || used != body.Length) return false;
            result = body.ToString();
            return true;
        }
    slow:
        var bytes = new List<byte>(body.Length + 8);
        int i = 0;
        int runes = 0;
        Span<byte> tmp = stackalloc byte[4];
        while (i < body.Length)
        {
            if (quote == '\'' && runes > 0) return false;
            if (!TryUnquoteCharCore(body, ref i, quote, out int value, out bool multibyte)) return false;
            runes++;
            if (value < 0x80 || !multibyte) bytes.Add((byte)value);
            else
            {
                int w = new Rune(value).EncodeToUtf8(tmp);
                for (int k = 0; k < w; k++) bytes.Add(tmp[k]);
            }
        }
        if (quote == '\'' && runes != 1) return false;
        result = HelmSharp.Go.GoUtf8.GetString(bytes.ToArray());
        return true;
    }

    /// <summary>Go's <c>strconv.Unquote</c>; throws <see cref="FormatException"/> with Go's <c>invalid syntax</c>.</summary>
    public static string Unquote(string s) => TryUnquote(s, out var r) ? r : throw new FormatException(ErrSyntaxText);

    /// <summary>
    /// Go's <c>strconv.UnquoteChar</c>: decodes the first character or escape of <paramref name="s"/>
    /// starting at <paramref name="index"/> (advanced past it). <paramref name="multibyte"/> is false when the
    /// value is a single raw byte (<c>\x</c>, octal).
    /// </summary>
    public static bool TryUnquoteChar(string s, ref int index, char quote, out int value, out bool multibyte) =>
        TryUnquoteCharCore(s.AsSpan(), ref index, quote, out value, out multibyte);

    private static bool TryUnquoteCharCore(ReadOnlySpan<char> s, ref int i, char quote, out int value, out bool multibyte)
    {
        value = 0; multibyte = true;
        if (i >= s.Length) return false;
        char c = s[i];
        if (c == quote && (quote == '\'' || quote == '"')) return false;
        if (c != '\\')
        {
            var st = Rune.DecodeFromUtf16(s[i..], out var r, out int used);
            if (st != System.Buffers.OperationStatus.Done) { value = 0xFFFD; i += Math.Max(1, used); return true; }
            value = r.Value; i += used; return true;
        }
        if (i + 1 >= s.Length) return false;
        c = s[i + 1];
        i += 2;
        switch (c)
        {
            case 'a': value = 7; return true;
            case 'b': value = 8; return true;
            case 'f': value = 12; return true;
            case 'n': value = 10; return true;
            case 'r': value = 13; return true;
            case 't': value = 9; return true;
            case 'v': value = 11; return true;
            case '\\': value = '\\'; return true;
            case '\'':
            case '"':
                if (c != quote) return false;
                value = c; return true;
            case 'x':
            case 'u':
            case 'U':
            {
                int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                if (i + n > s.Length) return false;
                int v = 0;
                for (int k = 0; k < n; k++)
                {
                    int d = HexVal(s[i + k]);
                    if (d < 0) return false;
                    v = (v << 4) | d;
                    if (c == 'U' && k == 0 && v > 0) { /* fine */ }
                }
                i += n;
                if (c == 'x') { value = v; multibyte = false; return true; }
                if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
                value = v; return true;
            }
            case >= '0' and <= '7':
            {
                int v = c - '0';
                if (i + 2 > s.Length) return false;
                for (int k = 0; k < 2; k++)
                {
                    int d = s[i + k] - '0';
                    if (d < 0 || d > 7) return false;
                    v = (v << 3) | d;
                }
                i += 2;
                if (v > 255) return false;
                value = v; multibyte = false; return true;
            }
            default:
                return false;
        }
    }

    private static int HexVal(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
