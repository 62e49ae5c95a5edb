using System.Globalization;
using System.Text;

namespace HelmSharp.Tests.Yaml;

/// <summary>
/// A minimal encoding/json.Marshal for the decoded value model (maps, slices, strings, float64,
/// bools, nil), so decoded values can be compared with helm's <c>toJson</c> output without
/// depending on the JSON layer.
/// </summary>
internal static class GoJsonForTests
{
    public static string Marshal(object? v)
    {
        var sb = new StringBuilder();
        Write(sb, v);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case string s: WriteString(sb, s); break;
            case double d: sb.Append(Float(d)); break;
            case object?[] a:
                sb.Append('[');
                for (int i = 0; i < a.Length; i++) { if (i > 0) sb.Append(','); Write(sb, a[i]); }
                sb.Append(']');
                break;
            case Dictionary<string, object?> m:
                var keys = m.Keys.ToList();
                keys.Sort(StringComparer.Ordinal);
                sb.Append('{');
                for (int i = 0; i < keys.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteString(sb, keys[i]);
                    sb.Append(':');
                    Write(sb, m[keys[i]]);
                }
                sb.Append('}');
                break;
            default: throw new InvalidOperationException("unexpected " + v.GetType());
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<': case '>': case '&': case '\u2028': case '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>encoding/json float64 format: 'f' shortest, 'e' for tiny/huge magnitudes.</summary>
    private static string Float(double d)
    {
        double abs = Math.Abs(d);
        var r = d.ToString("E16", CultureInfo.InvariantCulture);
        // shortest digits via "R"
        var rs = abs.ToString("R", CultureInfo.InvariantCulture);
        int e = rs.IndexOfAny(['E', 'e']);
        string mant = e >= 0 ? rs[..e] : rs;
        int exp = e >= 0 ? int.Parse(rs[(e + 1)..], CultureInfo.InvariantCulture) : 0;
        int dot = mant.IndexOf('.');
        string ip = dot >= 0 ? mant[..dot] : mant, fp = dot >= 0 ? mant[(dot + 1)..] : "";
        string digits = (ip + fp).TrimStart('0');
        int lead = (ip + fp).Length - (ip + fp).TrimStart('0').Length;
        int dp = ip.Length + exp - lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return double.IsNegative(d) ? "-0" : "0";
        var sb = new StringBuilder();
        if (d < 0) sb.Append('-');
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            int x = dp - 1;
            sb.Append('e').Append(x < 0 ? '-' : '+').Append(Math.Abs(x).ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        _ = r;
        if (dp <= 0) sb.Append("0.").Append('0', -dp).Append(digits);
        else if (dp >= digits.Length) sb.Append(digits).Append('0', dp - digits.Length);
        else sb.Append(digits, 0, dp).Append('.').Append(digits, dp, digits.Length - dp);
        return sb.ToString();
    }
}
