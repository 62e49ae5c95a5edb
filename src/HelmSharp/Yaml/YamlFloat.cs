using System.Globalization;
using System.Text;

namespace HelmSharp.Yaml;

/// <summary>Go's <c>strconv.FormatFloat(f, 'g', -1, bits)</c> (shortest representation).</summary>
internal static class YamlFloat
{
    internal static string FormatG(double f, int bits)
    {
        if (double.IsNaN(f)) return "NaN";
        if (double.IsPositiveInfinity(f)) return "+Inf";
        if (double.IsNegativeInfinity(f)) return "-Inf";
        string r = bits == 32 ? ((float)f).ToString("R", CultureInfo.InvariantCulture) : f.ToString("R", CultureInfo.InvariantCulture);
        // parse r into sign, digits, decimal exponent
        bool neg = r.StartsWith('-');
        if (neg) r = r.Substring(1);
        int ePos = r.IndexOfAny(['E', 'e']);
        string mant = ePos >= 0 ? r.Substring(0, ePos) : r;
        int exp10 = ePos >= 0 ? int.Parse(r.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        int dot = mant.IndexOf('.');
        string intPart = dot >= 0 ? mant.Substring(0, dot) : mant;
        string frac = dot >= 0 ? mant.Substring(dot + 1) : "";
        string digits = intPart + frac;
        int dp = intPart.Length + exp10; // decimal point position relative to digits start
        // strip leading zeros
        int lz = 0;
        while (lz < digits.Length - 1 && digits[lz] == '0') { lz++; dp--; }
        digits = digits.Substring(lz);
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) { digits = "0"; dp = 1; }
        if (digits == "0") return neg ? "-0" : "0";
        var sb = new StringBuilder();
        if (neg) sb.Append('-');
        int x = dp - 1;
        if (x < -4 || x >= 6)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) { sb.Append('.'); sb.Append(digits, 1, digits.Length - 1); }
            sb.Append('e');
            sb.Append(x < 0 ? '-' : '+');
            int ax = Math.Abs(x);
            if (ax < 10) sb.Append('0');
            sb.Append(ax.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        if (dp <= 0)
        {
            sb.Append("0.");
            sb.Append('0', -dp);
            sb.Append(digits);
        }
        else if (dp >= digits.Length)
        {
            sb.Append(digits);
            sb.Append('0', dp - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, dp);
            sb.Append('.');
            sb.Append(digits, dp, digits.Length - dp);
        }
        return sb.ToString();
    }
}
