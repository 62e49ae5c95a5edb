using System.Globalization;
using System.Text;

namespace HelmSharp.Go;

internal static partial class GoStrconv
{
    /// <summary>
    /// Go's <c>strconv.FormatFloat(f, fmt, prec, bitSize)</c>: formats 'e', 'E', 'f', 'g', 'G', 'b'
    /// (and 'x', 'X' hexadecimal) with precision <paramref name="prec"/> (-1 = the shortest string
    /// that round-trips at <paramref name="bitSize"/> 32 or 64).
    /// </summary>
    public static string FormatFloat(double f, char fmt, int prec, int bitSize)
    {
        var sb = new StringBuilder(24);
        AppendFloat(sb, f, fmt, prec, bitSize);
        return sb.ToString();
    }

    /// <summary>Go's <c>strconv.AppendFloat</c> into a <see cref="StringBuilder"/>.</summary>
    public static void AppendFloat(StringBuilder sb, double f, char fmt, int prec, int bitSize)
    {
        if (bitSize == 32) f = (float)f;
        if (double.IsNaN(f)) { sb.Append("NaN"); return; }
        if (double.IsPositiveInfinity(f)) { sb.Append("+Inf"); return; }
        if (double.IsNegativeInfinity(f)) { sb.Append("-Inf"); return; }
        bool neg = double.IsNegative(f);
        if (fmt == 'b') { FormatBinary(sb, f, neg, bitSize); return; }
        if (fmt == 'x' || fmt == 'X') { FormatHex(sb, f, neg, fmt, prec, bitSize); return; }

        Span<byte> digs = stackalloc byte[40];
        byte[]? rented = null;
        int nd, dp;
        bool shortest = prec < 0;
        if (shortest)
        {
            ShortestDigits(Math.Abs(f), bitSize, digs, out nd, out dp);
            switch (fmt)
            {
                case 'e': case 'E': prec = Math.Max(nd - 1, 0); break;
                case 'f': prec = Math.Max(nd - dp, 0); break;
                case 'g': case 'G': prec = nd; break;
            }
        }
        else
        {
            int need;
            double av = Math.Abs(f);
            if (fmt == 'f')
            {
                int fdp = DecimalPointPosition(av);
                need = fdp + prec;
            }
            else
            {
                if (fmt is 'g' or 'G' && prec == 0) prec = 1;
                need = fmt switch { 'e' or 'E' => prec + 1, 'g' or 'G' => prec, _ => 1 };
            }
            var rounded = RoundedDigits(av, need, out dp);
            rented = rounded;
            nd = rounded.Length;
            digs = rounded;
        }
        _ = rented;
        FormatDigits(sb, neg, digs[..nd], dp, prec, fmt, shortest);
    }

    private static void FormatDigits(StringBuilder sb, bool neg, ReadOnlySpan<byte> d, int dp, int prec, char fmt, bool shortest)
    {
        switch (fmt)
        {
            case 'e': case 'E': FmtE(sb, neg, d, dp, prec, fmt); return;
            case 'f': FmtF(sb, neg, d, dp, prec); return;
            case 'g': case 'G':
                int eprec = prec;
                if (eprec > d.Length && d.Length >= dp) eprec = d.Length;
                if (shortest) eprec = 6;
                int exp = dp - 1;
                if (exp < -4 || exp >= eprec)
                {
                    if (prec > d.Length) prec = d.Length;
                    FmtE(sb, neg, d, dp, prec - 1, fmt == 'g' ? 'e' : 'E');
                    return;
                }
                if (prec > dp) prec = d.Length;
                FmtF(sb, neg, d, dp, Math.Max(prec - dp, 0));
                return;
        }
        sb.Append('%').Append(fmt);
    }

    private static void FmtE(StringBuilder sb, bool neg, ReadOnlySpan<byte> d, int dp, int prec, char fmt)
    {
        if (neg) sb.Append('-');
        sb.Append(d.Length == 0 ? '0' : (char)d[0]);
        if (prec > 0)
        {
            sb.Append('.');
            int i = 1;
            int m = Math.Min(d.Length, prec + 1);
            for (; i < m; i++) sb.Append((char)d[i]);
            for (; i <= prec; i++) sb.Append('0');
        }
        sb.Append(fmt);
        int exp = d.Length == 0 ? 0 : dp - 1;
        if (exp < 0) { sb.Append('-'); exp = -exp; }
        else sb.Append('+');
        if (exp < 10) sb.Append('0').Append((char)('0' + exp));
        else if (exp < 100) sb.Append((char)('0' + exp / 10)).Append((char)('0' + exp % 10));
        else sb.Append((char)('0' + exp / 100)).Append((char)('0' + exp / 10 % 10)).Append((char)('0' + exp % 10));
    }

    private static void FmtF(StringBuilder sb, bool neg, ReadOnlySpan<byte> d, int dp, int prec)
    {
        if (neg) sb.Append('-');
        if (dp > 0)
        {
            int m = Math.Min(d.Length, dp);
            for (int i = 0; i < m; i++) sb.Append((char)d[i]);
            for (int i = m; i < dp; i++) sb.Append('0');
        }
        else sb.Append('0');
        if (prec > 0)
        {
            sb.Append('.');
            for (int i = 1; i <= prec; i++)
            {
                int j = dp + i - 1;
                sb.Append(j >= 0 && j < d.Length ? (char)d[j] : '0');
            }
        }
    }

    /// <summary>Shortest round-trip decimal digits of a non-negative finite value (no trailing zeros).</summary>
    private static void ShortestDigits(double v, int bitSize, Span<byte> digs, out int nd, out int dp)
    {
        nd = 0; dp = 0;
        if (v == 0) return;
        Span<char> buf = stackalloc char[40];
        // "R" gives the shortest round-trip digits (float32 digits for a float).
        bool ok = bitSize == 32
            ? ((float)v).TryFormat(buf, out int w, "R", CultureInfo.InvariantCulture)
            : v.TryFormat(buf, out w, "R", CultureInfo.InvariantCulture);
        if (!ok) throw new InvalidOperationException("float format");
        ParseDigits(buf[..w], digs, out nd, out dp);
    }

    /// <summary>
    /// The shortest round-trip decimal digits of |<paramref name="v"/>| (finite, no trailing zeros; "0" for zero) and the
    /// decimal point position: |v| = 0.DIGITS × 10^<paramref name="dp"/> (Go's <c>decimalSlice</c> of a shortest conversion).
    /// </summary>
    internal static string ShortestDecimal(double v, out int dp)
    {
        Span<byte> digs = stackalloc byte[40];
        ShortestDigits(Math.Abs(v), 64, digs, out int nd, out dp);
        if (nd == 0) { dp = 1; return "0"; }
        Span<char> chars = stackalloc char[nd];
        for (int i = 0; i < nd; i++) chars[i] = (char)digs[i];
        return new string(chars);
    }

    /// <summary>Parses .NET's "1.2345E-05" / "123.45" style into digits and decimal point position.</summary>
    private static void ParseDigits(ReadOnlySpan<char> s, Span<byte> digs, out int nd, out int dp)
    {
        nd = 0; dp = 0;
        int intDigits = 0, lead = 0, i = 0;
        bool sawDot = false, sig = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '.') { sawDot = true; continue; }
            if (c == 'E' || c == 'e') break;
            if (c < '0' || c > '9') continue;
            if (!sawDot) intDigits++;
            if (!sig && c == '0') { lead++; continue; }
            sig = true;
            digs[nd++] = (byte)c;
        }
        if (nd == 0) return;
        int exp = 0;
        if (i < s.Length) exp = int.Parse(s[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        dp = intDigits - lead + exp;
        while (nd > 0 && digs[nd - 1] == '0') nd--;
    }

    /// <summary>The decimal point position of the exact value of a positive finite double (0 for zero).</summary>
    private static int DecimalPointPosition(double v)
    {
        if (v == 0) return 0;
        Span<byte> tmp = stackalloc byte[64];
        string s = v.ToString("E40", CultureInfo.InvariantCulture);
        ParseDigits(s, tmp, out int nd, out int dp);
        if (nd == 1 && tmp[0] == '1')
        {
            // Either an exact power of ten or a carry from rounding: ask for the exact digits.
            ExactDigits(v, out _, out dp);
        }
        return dp;
    }

    /// <summary>
    /// The digits of a positive finite value correctly rounded (half to even on exact ties) to
    /// <paramref name="n"/> significant digits. Uses a 20-digit guard and falls back to the exact
    /// expansion only for apparent ties.
    /// </summary>
    private static byte[] RoundedDigits(double v, int n, out int dp)
    {
        byte[] result;
        if (v == 0) { dp = 0; return []; }
        if (n >= 0 && n + 20 <= 700)
        {
            string s = v.ToString("E" + (n + 20).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var tmp = new byte[s.Length];
            ParseDigits(s, tmp, out int nd, out dp);
            bool ambiguous = nd == n + 1 && tmp[n] == '5';
            if (!ambiguous)
            {
                RoundDigits(tmp.AsSpan(0, nd).ToArray(), n, ref dp, out result);
                return result;
            }
        }
        ExactDigits(v, out var all, out dp);
        RoundDigits(all, n, ref dp, out result);
        return result;
    }

    /// <summary>The exact decimal digits of a non-negative finite double (no trailing zeros) and its decimal point position.</summary>
    private static void ExactDigits(double v, out byte[] digits, out int dp)
    {
        if (v == 0) { digits = []; dp = 0; return; }
        string s = v.ToString("E770", CultureInfo.InvariantCulture);
        var tmp = new byte[s.Length];
        ParseDigits(s, tmp, out int nd, out dp);
        digits = tmp.AsSpan(0, nd).ToArray();
    }

    /// <summary>Rounds exact digits to <paramref name="n"/> significant digits, half to even on exact ties (Go's decimal.Round).</summary>
    private static void RoundDigits(byte[] d, int n, ref int dp, out byte[] result)
    {
        if (n < 0 || d.Length == 0) { result = []; if (d.Length == 0) dp = 0; else { dp = 0; } return; }
        if (n >= d.Length) { result = d; return; }
        bool up;
        if (d[n] > '5') up = true;
        else if (d[n] < '5') up = false;
        else if (n + 1 < d.Length) up = true; // digits beyond are non-zero (trailing zeros trimmed)
        else up = n > 0 && (d[n - 1] - '0') % 2 == 1;
        if (!up)
        {
            int k = n;
            while (k > 0 && d[k - 1] == '0') k--;
            result = d.AsSpan(0, k).ToArray();
            if (k == 0) dp = 0;
            return;
        }
        int i = n - 1;
        while (i >= 0 && d[i] == '9') i--;
        if (i < 0)
        {
            result = [(byte)'1'];
            dp++;
            return;
        }
        result = d.AsSpan(0, i + 1).ToArray();
        result[i]++;
    }

    private static void FormatBinary(StringBuilder sb, double f, bool neg, int bitSize)
    {
        ulong mant; int exp;
        if (bitSize == 32)
        {
            uint bits = BitConverter.SingleToUInt32Bits((float)f);
            exp = (int)((bits >> 23) & 0xFF);
            mant = bits & ((1u << 23) - 1);
            if (exp == 0) exp++; else mant |= 1UL << 23;
            exp += -127 - 23;
        }
        else
        {
            ulong bits = BitConverter.DoubleToUInt64Bits(f);
            exp = (int)((bits >> 52) & 0x7FF);
            mant = bits & ((1UL << 52) - 1);
            if (exp == 0) exp++; else mant |= 1UL << 52;
            exp += -1023 - 52;
        }
        if (neg) sb.Append('-');
        sb.Append(mant.ToString(CultureInfo.InvariantCulture)).Append('p');
        if (exp >= 0) sb.Append('+');
        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    private static void FormatHex(StringBuilder sb, double f, bool neg, char fmt, int prec, int bitSize)
    {
        // %x: -0x1.23abcp+20 (mantissa normalized to 1.x).
        ulong mant; int exp; int mantbits = bitSize == 32 ? 23 : 52;
        if (bitSize == 32)
        {
            uint bits = BitConverter.SingleToUInt32Bits((float)f);
            exp = (int)((bits >> 23) & 0xFF);
            mant = bits & ((1u << 23) - 1);
            if (exp == 0) exp++; else mant |= 1UL << 23;
            exp += -127;
        }
        else
        {
            ulong bits = BitConverter.DoubleToUInt64Bits(f);
            exp = (int)((bits >> 52) & 0x7FF);
            mant = bits & ((1UL << 52) - 1);
            if (exp == 0) exp++; else mant |= 1UL << 52;
            exp += -1023;
        }
        // Shift digits so leading 1 is at bit 60.
        if (mant == 0) exp = 0;
        mant <<= 60 - mantbits;
        while (mant != 0 && (mant & (1UL << 60)) == 0) { mant <<= 1; exp--; }
        if (prec >= 0 && prec < 15)
        {
            int shift = (int)(prec * 4);
            ulong extra = (mant << shift) & ((1UL << 60) - 1);
            mant >>= 60 - shift;
            if ((extra | (mant & 1)) > (1UL << 59)) mant++;
            mant <<= 60 - shift;
            if ((mant & (1UL << 61)) != 0) { mant >>= 1; exp++; }
        }
        string hex = fmt == 'X' ? "0123456789ABCDEF" : LowerHex;
        if (neg) sb.Append('-');
        sb.Append('0').Append(fmt).Append((char)('0' + (int)((mant >> 60) & 1)));
        mant <<= 4;
        if (prec < 0 && mant != 0)
        {
            sb.Append('.');
            while (mant != 0) { sb.Append(hex[(int)((mant >> 60) & 15)]); mant <<= 4; }
        }
        else if (prec > 0)
        {
            sb.Append('.');
            for (int i = 0; i < prec; i++) { sb.Append(hex[(int)((mant >> 60) & 15)]); mant <<= 4; }
        }
        sb.Append(fmt == 'X' ? 'P' : 'p');
        if (exp < 0) { sb.Append('-'); exp = -exp; } else sb.Append('+');
        if (exp < 10) sb.Append('0');
        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }
}
