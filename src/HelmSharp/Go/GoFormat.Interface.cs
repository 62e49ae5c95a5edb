using System.Globalization;
using System.Text;

namespace HelmSharp.Go;

internal static partial class GoFormat
{
    /// <summary>
    /// Go's <c>fmt.Sprintf("%#v", v)</c> of a value held in an <c>interface {}</c> whose dynamic types are the ones go-yaml
    /// decodes into: nil, <c>bool</c>, <c>int</c> (<see cref="long"/>), <c>uint64</c> (<see cref="ulong"/>), <c>float64</c>,
    /// <c>string</c>, <c>[]interface {}</c> (a <see cref="List{T}"/> of values) and <c>map[interface {}]interface {}</c>
    /// (a list of key/value pairs, printed in fmtsort order: see <see cref="CompareInterfaceKeys"/>). A nil at the top is
    /// <c>&lt;nil&gt;</c>, inside a collection <c>interface {}(nil)</c>; unsigned integers print as <c>0x…</c>.
    /// </summary>
    public static string SharpVInterface(object? value)
    {
        var sb = new StringBuilder();
        AppendSharpVInterface(sb, value, top: true);
        return sb.ToString();
    }

    private static void AppendSharpVInterface(StringBuilder sb, object? v, bool top)
    {
        switch (v)
        {
            case null: sb.Append(top ? "<nil>" : "interface {}(nil)"); return;
            case string s: GoStrconv.AppendQuoted(sb, s, '"', false); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); return;
            case ulong u: sb.Append("0x").Append(u.ToString("x", CultureInfo.InvariantCulture)); return;
            case double d: GoStrconv.AppendFloat(sb, d, 'g', -1, 64); return;
            case List<object?> list:
                sb.Append("[]interface {}{");
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendSharpVInterface(sb, list[i], top: false);
                }
                sb.Append('}');
                return;
            case List<KeyValuePair<object?, object?>> map:
                var sorted = map.ToArray();
                Array.Sort(sorted, static (x, y) => CompareInterfaceKeys(x.Key, y.Key));
                sb.Append("map[interface {}]interface {}{");
                for (int i = 0; i < sorted.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendSharpVInterface(sb, sorted[i].Key, top: false);
                    sb.Append(':');
                    AppendSharpVInterface(sb, sorted[i].Value, top: false);
                }
                sb.Append('}');
                return;
            default: sb.Append(v.ToString()); return;
        }
    }

    /// <summary>
    /// <c>internal/fmtsort</c>'s order of <c>interface {}</c> keys: first by dynamic type, then by value within a type (strings
    /// bytewise, numbers numerically with NaN first, false before true). Go orders the types by the address of their
    /// runtime type descriptor, a property of the binary; this is the order the pinned helm binaries (v3 and v4) show:
    /// nil, <c>string</c>, <c>uint64</c>, <c>int</c>, <c>float64</c>, <c>bool</c>.
    /// </summary>
    internal static int CompareInterfaceKeys(object? a, object? b)
    {
        int ra = InterfaceTypeRank(a), rb = InterfaceTypeRank(b);
        if (ra != rb) return ra.CompareTo(rb);
        switch (a)
        {
            case string s: return GoSort.CompareStrings(s, (string)b!);
            case ulong u: return u.CompareTo((ulong)b!);
            case long l: return l.CompareTo((long)b!);
            case double x:
                double y = (double)b!;
                if (x < y) return -1;
                if (x > y) return 1;
                if (double.IsNaN(x) && !double.IsNaN(y)) return -1;
                if (!double.IsNaN(x) && double.IsNaN(y)) return 1;
                return 0;
            case bool p: return p.CompareTo((bool)b!);
            default: return 0;
        }
    }

    private static int InterfaceTypeRank(object? v) => v switch
    {
        null => 0,
        string => 1,
        ulong => 2,
        long => 3,
        double => 4,
        bool => 5,
        _ => 6,
    };
}
