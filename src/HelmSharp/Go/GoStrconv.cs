using System.Globalization;
using System.Text;

namespace HelmSharp.Go;

/// <summary>Go's <c>strconv</c> package: quoting and number formatting with Go's exact output.</summary>
internal static partial class GoStrconv
{
    private const string LowerHex = "0123456789abcdef";
    private const string Digits36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    // ---------------------------------------------------------------- quoting

    // Printable ASCII other than the double quote and the backslash: kept as they are inside "…".
    private static readonly System.Buffers.SearchValues<char> PlainInDoubleQuotes =
        System.Buffers.SearchValues.Create(" !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Go's <c>strconv.Quote</c>: a double-quoted Go string literal, non-printable runes escaped.</summary>
    public static string Quote(string s)
    {
        if (s.AsSpan().IndexOfAnyExcept(PlainInDoubleQuotes) < 0) return string.Concat("\"", s, "\"");
        var sb = new StringBuilder(s.Length + 2);
        AppendQuoted(sb, s, '"', asciiOnly: false);
        return sb.ToString();
    }

    /// <summary>Go's <c>strconv.QuoteToASCII</c>: like <see cref="Quote"/> but escapes every non-ASCII rune.</summary>
    public static string QuoteToASCII(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendQuoted(sb, s, '"', asciiOnly: true);
        return sb.ToString();
    }

    /// <summary>Go's <c>strconv.QuoteRune</c>: a single-quoted Go character literal.</summary>
    public static string QuoteRune(int r)
    {
        var sb = new StringBuilder(8);
        AppendQuotedRune(sb, r, asciiOnly: false);
        return sb.ToString();
    }

    /// <summary>Go's <c>strconv.QuoteRuneToASCII</c>.</summary>
    public static string QuoteRuneToASCII(int r)
    {
        var sb = new StringBuilder(8);
        AppendQuotedRune(sb, r, asciiOnly: true);
        return sb.ToString();
    }

    /// <summary>Go's <c>strconv.CanBackquote</c>: true when <paramref name="s"/> can be a raw string literal.</summary>
    public static bool CanBackquote(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '`' || c == '\uFEFF') return false;
            if (c < 0x20 && c != '\t') return false;
            if (c == 0x7f) return false;
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                return false;
            }
        }
        return true;
    }

    /// <summary>Appends the Go-quoted form of <paramref name="s"/> to <paramref name="sb"/>.</summary>
    internal static void AppendQuoted(StringBuilder sb, ReadOnlySpan<char> s, char quote, bool asciiOnly)
    {
        sb.Append(quote);
        for (int i = 0; i < s.Length; i++)
        {
            if (quote == '"')
            {
                // A run that needs no escaping is appended whole.
                int plain = s[i..].IndexOfAnyExcept(PlainInDoubleQuotes);
                if (plain < 0) plain = s.Length - i;
                if (plain > 0) { sb.Append(s.Slice(i, plain)); i += plain; if (i == s.Length) break; }
            }
            char c = s[i];
            if (c < 0x80)
            {
                if (c >= 0x20 && c < 0x7f && c != quote && c != '\\') { sb.Append(c); continue; }
                AppendEscapedRune(sb, c, quote, asciiOnly);
                continue;
            }
            int r;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                r = char.ConvertToUtf32(c, s[i + 1]);
                i++;
            }
            else if (GoUtf8.IsEscapedByte(c))
            {
                // A surrogate-escaped invalid byte (see GoUtf8): Go quotes it as \xHH.
                int b = c - 0xDC00;
                sb.Append("\\x").Append(LowerHex[b >> 4]).Append(LowerHex[b & 0xF]);
                continue;
            }
            else if (char.IsSurrogate(c)) r = 0xFFFD; // Go strings never hold lone surrogates; treat as U+FFFD
            else r = c;
            AppendEscapedRune(sb, r, quote, asciiOnly);
        }
        sb.Append(quote);
    }

    /// <summary>Appends the Go-quoted form of raw bytes (invalid UTF-8 becomes <c>\xHH</c>).</summary>
    internal static void AppendQuotedBytes(StringBuilder sb, ReadOnlySpan<byte> s, char quote, bool asciiOnly)
    {
        sb.Append(quote);
        while (!s.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(s, out var rune, out int width);
            if (status != System.Buffers.OperationStatus.Done)
            {
                sb.Append("\\x").Append(LowerHex[s[0] >> 4]).Append(LowerHex[s[0] & 0xF]);
                s = s[1..];
                continue;
            }
            AppendEscapedRune(sb, rune.Value, quote, asciiOnly);
            s = s[width..];
        }
        sb.Append(quote);
    }

    internal static void AppendQuotedRune(StringBuilder sb, int r, bool asciiOnly)
    {
        if (!IsValidRune(r)) r = 0xFFFD;
        sb.Append('\'');
        AppendEscapedRune(sb, r, '\'', asciiOnly);
        sb.Append('\'');
    }

    private static bool IsValidRune(int r) => (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= 0x10FFFF);

    private static void AppendRune(StringBuilder sb, int r)
    {
        if (r < 0x10000) sb.Append((char)r);
        else { r -= 0x10000; sb.Append((char)(0xD800 + (r >> 10))).Append((char)(0xDC00 + (r & 0x3FF))); }
    }

    private static void AppendEscapedRune(StringBuilder sb, int r, char quote, bool asciiOnly)
    {
        if (r == quote || r == '\\')
        {
            sb.Append('\\');
            AppendRune(sb, r);
            return;
        }
        if (asciiOnly)
        {
            if (r < 0x80 && IsPrint(r)) { sb.Append((char)r); return; }
        }
        else if (IsPrint(r)) { AppendRune(sb, r); return; }
        switch (r)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (r < ' ' || r == 0x7f)
        {
            sb.Append("\\x").Append(LowerHex[(r >> 4) & 0xF]).Append(LowerHex[r & 0xF]);
            return;
        }
        if (!IsValidRune(r)) r = 0xFFFD;
        if (r < 0x10000)
        {
            sb.Append("\\u");
            for (int s = 12; s >= 0; s -= 4) sb.Append(LowerHex[(r >> s) & 0xF]);
        }
        else
        {
            sb.Append("\\U");
            for (int s = 28; s >= 0; s -= 4) sb.Append(LowerHex[(r >> s) & 0xF]);
        }
    }

    /// <summary>
    /// Go's <c>strconv.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.
    /// </summary>
    public static bool IsPrint(int r)
    {
        if (r < 0x80) return r >= 0x20 && r < 0x7f;
        if (!IsValidRune(r)) return false;
        if (r == 0xFFFD) return true;
        var cat = CharUnicodeInfo.GetUnicodeCategory(r);
        switch (cat)
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
            case UnicodeCategory.ConnectorPunctuation:
            case UnicodeCategory.DashPunctuation:
            case UnicodeCategory.OpenPunctuation:
            case UnicodeCategory.ClosePunctuation:
            case UnicodeCategory.InitialQuotePunctuation:
            case UnicodeCategory.FinalQuotePunctuation:
            case UnicodeCategory.OtherPunctuation:
            case UnicodeCategory.MathSymbol:
            case UnicodeCategory.CurrencySymbol:
            case UnicodeCategory.ModifierSymbol:
            case UnicodeCategory.OtherSymbol:
                return true;
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- integers

    /// <summary>Go's <c>strconv.Itoa</c>.</summary>
    public static string Itoa(long i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Go's <c>strconv.FormatInt</c> (base 2..36, lower-case digits).</summary>
    public static string FormatInt(long i, int @base)
    {
        if (@base == 10) return i.ToString(CultureInfo.InvariantCulture);
        if (i < 0) return "-" + FormatUint((ulong)(-(i + 1)) + 1, @base);
        return FormatUint((ulong)i, @base);
    }

    /// <summary>Go's <c>strconv.FormatUint</c> (base 2..36, lower-case digits).</summary>
    public static string FormatUint(ulong u, int @base)
    {
        if (@base < 2 || @base > 36) throw new ArgumentOutOfRangeException(nameof(@base), "strconv: illegal AppendInt/FormatInt base");
        if (@base == 10) return u.ToString(CultureInfo.InvariantCulture);
        Span<char> buf = stackalloc char[64];
        int i = buf.Length;
        do
        {
            buf[--i] = Digits36[(int)(u % (ulong)@base)];
            u /= (ulong)@base;
        } while (u != 0);
        return new string(buf[i..]);
    }
}
