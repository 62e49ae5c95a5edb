using System.Globalization;

namespace HelmSharp.Go;

/// <summary>
/// Go's <c>strconv</c> number parsing (<c>atoi.go</c>, <c>atof.go</c>): the one home of Go's integer and float literal
/// rules in the library. The cores return an error kind and allocate nothing, so callers that only need a yes/no
/// (the template parser, the YAML resolver, spf13/cast, strvals) use the non-throwing overloads; the ones that report
/// Go's error text get a <see cref="GoNumError"/>.
/// </summary>
internal static partial class GoStrconv
{
    // What a parse failed on (Go's ErrSyntax, ErrRange, or a base/bitSize error), without building the error yet.
    private enum NumErr : byte { None, Syntax, Range, Base, BitSize }

    /// <summary>Go's <c>strconv.Atoi</c>; throws <see cref="GoNumError"/> with Go's message.</summary>
    public static long Atoi(string s)
    {
        var err = ParseIntCore(s, 10, 0, out var v);
        if (err != NumErr.None) throw MakeError("Atoi", s, err, 10, 0);
        return v;
    }

    /// <summary>Go's <c>strconv.ParseInt</c> (base 0 honours 0b/0o/0x/0 prefixes and underscores).</summary>
    public static long ParseInt(string s, int @base, int bitSize)
    {
        if (!TryParseInt(s, @base, bitSize, out var v, out var err)) throw err!;
        return v;
    }

    /// <summary>Non-throwing <see cref="ParseInt"/>: on failure <paramref name="error"/> carries Go's error and <paramref name="value"/> Go's returned value (clamped on range errors).</summary>
    public static bool TryParseInt(string s, int @base, int bitSize, out long value, out GoNumError? error)
    {
        var err = ParseIntCore(s, @base, bitSize, out value);
        error = err == NumErr.None ? null : MakeError("ParseInt", s, err, @base, bitSize);
        return error == null;
    }

    /// <summary><see cref="TryParseInt(string, int, int, out long, out GoNumError?)"/> without the error (allocates nothing).</summary>
    public static bool TryParseInt(ReadOnlySpan<char> s, int @base, int bitSize, out long value) =>
        ParseIntCore(s, @base, bitSize, out value) == NumErr.None;

    /// <summary>Go's <c>strconv.ParseUint</c>.</summary>
    public static ulong ParseUint(string s, int @base, int bitSize)
    {
        if (!TryParseUint(s, @base, bitSize, out var v, out var err)) throw err!;
        return v;
    }

    /// <summary>Non-throwing <see cref="ParseUint"/>.</summary>
    public static bool TryParseUint(string s, int @base, int bitSize, out ulong value, out GoNumError? error)
    {
        var err = ParseUintCore(s, @base, bitSize, out value);
        error = err == NumErr.None ? null : MakeError("ParseUint", s, err, @base, bitSize);
        return error == null;
    }

    /// <summary><see cref="TryParseUint(string, int, int, out ulong, out GoNumError?)"/> without the error (allocates nothing).</summary>
    public static bool TryParseUint(ReadOnlySpan<char> s, int @base, int bitSize, out ulong value) =>
        ParseUintCore(s, @base, bitSize, out value) == NumErr.None;

    private static GoNumError MakeError(string fn, string s, NumErr err, int @base, int bitSize) => new(fn, s, err switch
    {
        NumErr.Syntax => GoNumError.Syntax,
        NumErr.Range => GoNumError.Range,
        NumErr.Base => "invalid base " + @base.ToString(CultureInfo.InvariantCulture),
        _ => "invalid bit size " + bitSize.ToString(CultureInfo.InvariantCulture),
    });

    // Go's ParseInt: a sign, then ParseUint's rules; on a range error the value is clamped as Go returns it.
    private static NumErr ParseIntCore(ReadOnlySpan<char> s, int @base, int bitSize, out long value)
    {
        value = 0;
        if (s.Length == 0) return NumErr.Syntax;
        bool neg = false;
        if (s[0] == '+') s = s[1..];
        else if (s[0] == '-') { neg = true; s = s[1..]; }
        var uerr = ParseUintCore(s, @base, bitSize, out var un);
        if (uerr != NumErr.None && uerr != NumErr.Range) return uerr;
        if (bitSize == 0) bitSize = 64;
        ulong cutoff = 1UL << (bitSize - 1);
        if (!neg && un >= cutoff) { value = (long)(cutoff - 1); return NumErr.Range; }
        if (neg && un > cutoff) { value = (long)(0UL - cutoff); return NumErr.Range; }
        value = neg ? (long)(0UL - un) : (long)un;
        return NumErr.None;
    }

    private static NumErr ParseUintCore(ReadOnlySpan<char> s, int @base, int bitSize, out ulong value)
    {
        value = 0;
        if (s.Length == 0) return NumErr.Syntax;
        bool base0 = @base == 0;
        var s0 = s;
        if (@base == 0)
        {
            @base = 10;
            if (s[0] == '0')
            {
                if (s.Length >= 3 && (s[1] | 0x20) == 'b') { @base = 2; s = s[2..]; }
                else if (s.Length >= 3 && (s[1] | 0x20) == 'o') { @base = 8; s = s[2..]; }
                else if (s.Length >= 3 && (s[1] | 0x20) == 'x') { @base = 16; s = s[2..]; }
                else { @base = 8; s = s[1..]; }
            }
        }
        else if (@base < 2 || @base > 36) return NumErr.Base;
        if (bitSize == 0) bitSize = 64;
        else if (bitSize < 0 || bitSize > 64) return NumErr.BitSize;
        ulong cutoff = ulong.MaxValue / (ulong)@base + 1;
        ulong maxVal = bitSize == 64 ? ulong.MaxValue : (1UL << bitSize) - 1;
        bool underscores = false;
        ulong n = 0;
        foreach (char c in s)
        {
            int d;
            if (c == '_' && base0) { underscores = true; continue; }
            else if (c >= '0' && c <= '9') d = c - '0';
            else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') d = (c | 0x20) - 'a' + 10;
            else return NumErr.Syntax;
            if (d >= @base) return NumErr.Syntax;
            if (n >= cutoff) { value = maxVal; return NumErr.Range; }
            n *= (ulong)@base;
            ulong n1 = n + (ulong)d;
            if (n1 < n || n1 > maxVal) { value = maxVal; return NumErr.Range; }
            n = n1;
        }
        if (underscores && !UnderscoreOK(s0)) return NumErr.Syntax;
        value = n;
        return NumErr.None;
    }

    /// <summary>Go's <c>strconv.underscoreOK</c>: underscores only between digits (or after a base prefix); an optional sign is skipped.</summary>
    internal static bool UnderscoreOK(ReadOnlySpan<char> s)
    {
        char saw = '^';
        int i = 0;
        if (s.Length >= 1 && (s[0] == '-' || s[0] == '+')) s = s[1..];
        bool hex = false;
        if (s.Length >= 2 && s[0] == '0' && ((s[1] | 0x20) == 'b' || (s[1] | 0x20) == 'o' || (s[1] | 0x20) == 'x'))
        {
            i = 2; saw = '0'; hex = (s[1] | 0x20) == 'x';
        }
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if ((c >= '0' && c <= '9') || (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')) { saw = '0'; continue; }
            if (c == '_') { if (saw != '0') return false; saw = '_'; continue; }
            if (saw == '_') return false;
            saw = '!';
        }
        return saw != '_';
    }

    /// <summary>Go's <c>strconv.ParseBool</c>.</summary>
    public static bool ParseBool(string s) => s switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw new GoNumError("ParseBool", s, GoNumError.Syntax),
    };

    // ---------------------------------------------------------------- floats

    /// <summary>Go's <c>strconv.ParseFloat</c>; throws <see cref="GoNumError"/> with Go's message.</summary>
    public static double ParseFloat(string s, int bitSize)
    {
        if (!TryParseFloat(s, bitSize, out var v, out var err)) throw err!;
        return v;
    }

    /// <summary>Non-throwing <see cref="ParseFloat"/>; on a range error <paramref name="value"/> is ±Inf as in Go.</summary>
    public static bool TryParseFloat(string s, int bitSize, out double value, out GoNumError? error)
    {
        var err = ParseFloatCore(s, bitSize, out value);
        error = err == NumErr.None ? null : new GoNumError("ParseFloat", s, err == NumErr.Range ? GoNumError.Range : GoNumError.Syntax);
        return error == null;
    }

    /// <summary><see cref="TryParseFloat(string, int, out double, out GoNumError?)"/> without the error.</summary>
    public static bool TryParseFloat(ReadOnlySpan<char> s, int bitSize, out double value) =>
        ParseFloatCore(s, bitSize, out value) == NumErr.None;

    private static NumErr ParseFloatCore(ReadOnlySpan<char> span, int bitSize, out double value)
    {
        value = 0;
        // special values
        int i = 0;
        bool neg = false;
        if (span.Length > 0 && (span[0] == '+' || span[0] == '-')) { neg = span[0] == '-'; i = 1; }
        var rest = span[i..];
        if (rest.Equals("inf", StringComparison.OrdinalIgnoreCase) || rest.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = neg ? double.NegativeInfinity : double.PositiveInfinity;
            return NumErr.None;
        }
        if (i == 0 && rest.Equals("nan", StringComparison.OrdinalIgnoreCase)) { value = double.NaN; return NumErr.None; }
        if (rest.Length >= 2 && rest[0] == '0' && (rest[1] | 0x20) == 'x')
        {
            if (!TryParseHexFloat(rest[2..], out var hv)) return NumErr.Syntax;
            if (bitSize == 32) hv = (float)hv;
            value = neg ? -hv : hv;
            return double.IsInfinity(value) ? NumErr.Range : NumErr.None;
        }
        // Decimal: digits [. digits] [e [+-] digits], underscores between digits. The digits (without underscores)
        // are copied for .NET's correctly rounded parser.
        char[]? rented = null;
        Span<char> buf = rest.Length < 128 ? stackalloc char[rest.Length + 1] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(rest.Length + 1));
        try
        {
            int n = 0;
            bool underscores = false, sawDigits = false;
            int j = 0;
            if (neg) buf[n++] = '-';
            for (; j < rest.Length; j++)
            {
                char c = rest[j];
                if (c == '_') { underscores = true; continue; }
                if (c >= '0' && c <= '9') { sawDigits = true; buf[n++] = c; continue; }
                break;
            }
            if (j < rest.Length && rest[j] == '.')
            {
                buf[n++] = '.';
                j++;
                for (; j < rest.Length; j++)
                {
                    char c = rest[j];
                    if (c == '_') { underscores = true; continue; }
                    if (c >= '0' && c <= '9') { sawDigits = true; buf[n++] = c; continue; }
                    break;
                }
            }
            if (!sawDigits) return NumErr.Syntax;
            if (j < rest.Length && (rest[j] | 0x20) == 'e')
            {
                buf[n++] = 'e';
                j++;
                if (j < rest.Length && (rest[j] == '+' || rest[j] == '-')) buf[n++] = rest[j++];
                bool expDigits = false;
                for (; j < rest.Length; j++)
                {
                    char c = rest[j];
                    if (c == '_') { underscores = true; continue; }
                    if (c >= '0' && c <= '9') { expDigits = true; buf[n++] = c; continue; }
                    break;
                }
                if (!expDigits) return NumErr.Syntax;
            }
            if (j != rest.Length || (underscores && !UnderscoreOK(rest))) return NumErr.Syntax;
            var text = buf[..n];
            value = bitSize == 32
                ? float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
                : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            return double.IsInfinity(value) ? NumErr.Range : NumErr.None;
        }
        finally
        {
            if (rented != null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static bool TryParseHexFloat(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        ulong mant = 0; int exp = 0; bool sawDigits = false, sawDot = false, trunc = false;
        int i = 0;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '_') continue;
            if (c == '.') { if (sawDot) return false; sawDot = true; continue; }
            int d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
            else break;
            sawDigits = true;
            if (mant >> 60 == 0) { mant = mant * 16 + (ulong)d; if (sawDot) exp -= 4; }
            else { if (d != 0) trunc = true; if (!sawDot) exp += 4; }
        }
        if (!sawDigits || i >= s.Length || (s[i] | 0x20) != 'p') return false;
        i++;
        bool eneg = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) { eneg = s[i] == '-'; i++; }
        int e = 0; bool ed = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '_') continue;
            if (c < '0' || c > '9') return false;
            ed = true;
            if (e < 100000) e = e * 10 + (c - '0');
        }
        if (!ed) return false;
        exp += eneg ? -e : e;
        if (trunc) mant |= 1;
        value = Math.ScaleB((double)mant, exp);
        return true;
    }
}

/// <summary>Go's <c>*strconv.NumError</c>: <c>strconv.FUNC: parsing "NUM": ERR</c>.</summary>
internal sealed class GoNumError : HelmSharpException
{
    /// <summary>The <c>invalid syntax</c> error text.</summary>
    public const string Syntax = "invalid syntax";
    /// <summary>The <c>value out of range</c> error text.</summary>
    public const string Range = "value out of range";

    /// <summary>Creates the error.</summary>
    public GoNumError(string func, string num, string err)
        : base("strconv." + func + ": parsing " + GoStrconv.Quote(num) + ": " + err)
    {
        Func = func; Num = num; Err = err;
    }

    /// <summary>The failing function (<c>ParseInt</c>, <c>Atoi</c> …).</summary>
    public string Func { get; }
    /// <summary>The input.</summary>
    public string Num { get; }
    /// <summary>The reason (<see cref="Syntax"/>, <see cref="Range"/> or another text).</summary>
    public string Err { get; }
}
