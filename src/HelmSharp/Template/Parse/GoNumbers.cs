using System.Globalization;
using System.Numerics;

namespace HelmSharp.Template.Parse;

/// <summary>Go's <c>strconv.ParseInt/ParseUint/ParseFloat</c> with base 0 / Go literal syntax.</summary>
internal static class GoNumbers
{
    private static char Lower(char c) => (char)(c | 0x20);

    public static bool UnderscoreOK(string s) => HelmSharp.Go.GoStrconv.UnderscoreOK(s);

    /// <summary>strconv.ParseUint(s, 0, 64).</summary>
    public static bool TryParseUint(string s0, out ulong value)
    {
        value = 0;
        string s = s0;
        if (s.Length == 0) return false;
        int b = 10;
        if (s[0] == '0')
        {
            if (s.Length >= 3 && Lower(s[1]) == 'b') { b = 2; s = s[2..]; }
            else if (s.Length >= 3 && Lower(s[1]) == 'o') { b = 8; s = s[2..]; }
            else if (s.Length >= 3 && Lower(s[1]) == 'x') { b = 16; s = s[2..]; }
            else { b = 8; s = s[1..]; }
        }
        bool underscores = false;
        ulong n = 0;
        foreach (char c in s)
        {
            int d;
            if (c == '_') { underscores = true; continue; }
            else if (c >= '0' && c <= '9') d = c - '0';
            else if (Lower(c) >= 'a' && Lower(c) <= 'z') d = Lower(c) - 'a' + 10;
            else return false;
            if (d >= b) return false;
            UInt128 m = (UInt128)n * (uint)b + (uint)d;
            if (m > ulong.MaxValue) return false;
            n = (ulong)m;
        }
        if (underscores && !UnderscoreOK(s0)) return false;
        value = n;
        return true;
    }

    /// <summary>strconv.ParseInt(s, 0, 64).</summary>
    public static bool TryParseInt(string s, out long value)
    {
        value = 0;
        if (s.Length == 0) return false;
        bool neg = false;
        string body = s;
        if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; body = s[1..]; }
        if (!TryParseUint(body, out ulong u)) return false;
        if (body.Contains('_') && !UnderscoreOK(s)) return false;
        if (!neg) { if (u > long.MaxValue) return false; value = (long)u; return true; }
        if (u > (ulong)long.MaxValue + 1) return false;
        value = (long)(0 - u);
        return true;
    }

    /// <summary>strconv.ParseFloat(s, 64) restricted to what the template lexer can produce.</summary>
    public static bool TryParseFloat(string s, out double value)
    {
        value = 0;
        if (s.Length == 0) return false;
        string body = s;
        bool neg = false;
        if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; body = s[1..]; }
        if (body.Contains('_'))
        {
            if (!UnderscoreOK(s)) return false;
            body = body.Replace("_", "");
        }
        if (body.Length >= 2 && body[0] == '0' && Lower(body[1]) == 'x')
        {
            if (!TryParseHexFloat(body[2..], out value)) return false;
        }
        else
        {
            foreach (char c in body)
                if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return false;
            if (!double.TryParse(body, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)) return false;
            if (double.IsInfinity(value)) return false;
        }
        if (neg) value = -value;
        return true;
    }

    private static bool TryParseHexFloat(string s, out double value)
    {
        value = 0;
        BigInteger mant = BigInteger.Zero;
        int exp = 0, i = 0, digits = 0;
        bool dot = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '.') { if (dot) return false; dot = true; continue; }
            int d = c >= '0' && c <= '9' ? c - '0' : Lower(c) >= 'a' && Lower(c) <= 'f' ? Lower(c) - 'a' + 10 : -1;
            if (d < 0) break;
            mant = mant * 16 + d; digits++;
            if (dot) exp -= 4;
        }
        if (digits == 0) return false;
        if (i >= s.Length || Lower(s[i]) != 'p') return false; // hex mantissa requires p exponent
        i++;
        bool eneg = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) { eneg = s[i] == '-'; i++; }
        if (i >= s.Length) return false;
        int e = 0;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c < '0' || c > '9') return false;
            if (e < 100000) e = e * 10 + (c - '0');
        }
        exp += eneg ? -e : e;
        value = Math.ScaleB((double)mant, exp);
        return !double.IsInfinity(value);
    }

    /// <summary>fmt.Sscan of a complex literal like <c>1+2i</c>.</summary>
    public static bool TryParseComplex(string s, out Complex c)
    {
        c = Complex.Zero;
        // split at the sign that starts the imaginary part (not after e/E/p/P)
        for (int i = s.Length - 2; i > 0; i--)
        {
            if ((s[i] == '+' || s[i] == '-') && Lower(s[i - 1]) != 'e' && Lower(s[i - 1]) != 'p')
            {
                if (!TryParseFloat(s[..i], out double re)) return false;
                var im = s[i..^1];
                if (!TryParseFloat(im, out double imv)) return false;
                c = new Complex(re, imv);
                return true;
            }
        }
        return false;
    }
}
