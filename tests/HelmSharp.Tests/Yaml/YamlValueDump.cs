using System.Text;

namespace HelmSharp.Tests.Yaml;

/// <summary>A dump of a decoded YAML value that tells types and dictionary order apart (the decoders' tests compare paths with it).</summary>
internal static class YamlValueDump
{
    public static string Dump(object? v)
    {
        var sb = new StringBuilder();
        Write(sb, v);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case null: sb.Append("nil"); break;
            case string s: sb.Append("s\"").Append(s).Append('"'); break;
            case Dictionary<string, object?> m:
                sb.Append('{');
                foreach (var (k, x) in m) { sb.Append(k).Append(':'); Write(sb, x); sb.Append(','); }
                sb.Append('}');
                break;
            case object?[] a:
                sb.Append('[');
                foreach (var x in a) { Write(sb, x); sb.Append(','); }
                sb.Append(']');
                break;
            case double d: sb.Append("d").Append(BitConverter.DoubleToInt64Bits(d)); break;
            default: sb.Append(v.GetType().Name).Append(':').Append(v); break;
        }
    }
}
