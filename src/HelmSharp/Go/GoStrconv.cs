using System.Text;

namespace HelmSharp.Go;

/// <summary>Go's <c>strconv</c> package: quoting and number formatting with Go's exact output.</summary>
public static partial class GoStrconv
{
    /// <summary>Go's <c>strconv.Quote</c>. (Owner: the fmt layer; replace with the exact port.)</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var r in s.EnumerateRunes())
        {
            switch (r.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (r.Value < 0x20 || r.Value == 0x7f) sb.Append("\\x").Append(r.Value.ToString("x2"));
                    else sb.Append(r.ToString());
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }
}
