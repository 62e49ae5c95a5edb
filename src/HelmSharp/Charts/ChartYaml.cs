using System.Globalization;
using HelmSharp.Yaml;

namespace HelmSharp.Charts;

/// <summary>
/// The one place chart/values code reaches the YAML layer. Helm 3 reads the first document of a
/// values file; helm 4 reads every document and deep-merges them. Tests may swap the decoders.
/// </summary>
internal static class ChartYaml
{
    /// <summary>Decodes the first YAML document (<c>sigs.k8s.io/yaml.Unmarshal</c> into interface{}).</summary>



    internal static object? LoadFirst(string text) => GoYaml.Unmarshal(text);

    /// <summary>Go's <c>strconv.FormatFloat(f, 'g', -1, bitSize)</c>.</summary>
    internal static string FormatFloatG(double f, int bitSize)
    {
        if (double.IsNaN(f)) return "NaN";
        if (double.IsPositiveInfinity(f)) return "+Inf";
        if (double.IsNegativeInfinity(f)) return "-Inf";
        if (f == 0) return (1 / f) < 0 ? "-0" : "0";
        string shortest = bitSize == 32
            ? ((float)f).ToString("R", CultureInfo.InvariantCulture)
            : f.ToString("R", CultureInfo.InvariantCulture);
        bool neg = shortest.StartsWith('-');
        if (neg) shortest = shortest.Substring(1);
        int exp10 = 0;
        int ePos = shortest.IndexOfAny(['E', 'e']);
        string mant = shortest;
        if (ePos >= 0)
        {
            exp10 = int.Parse(shortest.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mant = shortest.Substring(0, ePos);
        }
        int dot = mant.IndexOf('.');
        string digits = dot >= 0 ? mant.Remove(dot, 1) : mant;
        int dp = (dot >= 0 ? dot : mant.Length) + exp10;
        // strip leading zeros
        int lz = 0;
        while (lz < digits.Length - 1 && digits[lz] == '0') { lz++; dp--; }
        digits = digits.Substring(lz);
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        int exp = dp - 1;
        var sb = new System.Text.StringBuilder();
        if (neg) sb.Append('-');
        if (exp < -4 || exp >= 6)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(exp < 0 ? '-' : '+');
            int ae = Math.Abs(exp);
            if (ae < 10) sb.Append('0');
            sb.Append(ae.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        if (dp <= 0)
        {
            sb.Append("0.").Append('0', -dp).Append(digits);
        }
        else if (dp >= digits.Length)
        {
            sb.Append(digits).Append('0', dp - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, dp).Append('.').Append(digits, dp, digits.Length - dp);
        }
        return sb.ToString();
    }
}
