using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelmSharp.Values;

/// <summary>Value helpers shared by the two validators: JSON types of values and schema literals, numbers, equality.</summary>
internal static class SchemaValues
{
    public static bool IsNumber(object? v) => v is long or int or double or float or decimal or short or byte or ulong or uint;

    public static double ToDouble(object? v) => Convert.ToDouble(v, CultureInfo.InvariantCulture);

    public static bool IsWhole(object? v) => v switch
    {
        long or int or short or byte or ulong or uint => true,
        double d => !double.IsInfinity(d) && !double.IsNaN(d) && Math.Floor(d) == d,
        float f => !float.IsInfinity(f) && Math.Floor(f) == f,
        decimal m => decimal.Floor(m) == m,
        _ => false,
    };

    /// <summary>santhosh-tekuri's type of a value (numbers are "number").</summary>
    public static string TypeOf(object? v) => v switch
    {
        null => "null",
        bool => "boolean",
        string => "string",
        Dictionary<string, object?> => "object",
        object?[] => "array",
        _ when IsNumber(v) => "number",
        _ => "invalid",
    };

    /// <summary>A schema literal (enum/const member) as a value of our model.</summary>
    public static object? FromNode(JsonNode? n, int depth = 0)
    {
        if (depth > 1000) throw new SchemaLimitException("schema validation stopped: schema literal nested too deep");
        switch (n)
        {
            case null: return null;
            case JsonObject o:
            {
                var d = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in o) d[k] = FromNode(v, depth + 1);
                return d;
            }
            case JsonArray a:
            {
                var r = new object?[a.Count];
                for (int i = 0; i < a.Count; i++) r[i] = FromNode(a[i], depth + 1);
                return r;
            }
            default:
                switch (n.GetValueKind())
                {
                    case JsonValueKind.String: return n.GetValue<string>();
                    case JsonValueKind.True: return true;
                    case JsonValueKind.False: return false;
                    case JsonValueKind.Number: return new SchemaNumber(n.ToJsonString());
                    default: return null;
                }
        }
    }

    /// <summary>JSON equality as both validators see it: numbers by value (1 equals 1.0), objects by keys.</summary>
    public static bool JsonEquals(object? a, object? b, int depth = 0)
    {
        if (depth > 1000) return false;
        if (a is SchemaNumber sa) a = sa.Value;
        if (b is SchemaNumber sb) b = sb.Value;
        if (a == null || b == null) return a == null && b == null;
        if (IsNumber(a) && IsNumber(b)) return Compare(a, b) == 0;
        switch (a)
        {
            case string s: return b is string t && s == t;
            case bool x: return b is bool y && x == y;
            case object?[] l:
                if (b is not object?[] m || l.Length != m.Length) return false;
                for (int i = 0; i < l.Length; i++) if (!JsonEquals(l[i], m[i], depth + 1)) return false;
                return true;
            case Dictionary<string, object?> p:
                if (b is not Dictionary<string, object?> q || p.Count != q.Count) return false;
                foreach (var (k, v) in p) if (!q.TryGetValue(k, out var w) || !JsonEquals(v, w, depth + 1)) return false;
                return true;
        }
        return false;
    }

    /// <summary>A text equal for two values exactly when <see cref="JsonEquals"/> holds (numbers by value, object keys sorted).</summary>
    public static string CanonicalKey(object? v) => CanonicalKey(v, new System.Text.StringBuilder());

    /// <summary><see cref="CanonicalKey(object?)"/> built in <paramref name="sb"/> (cleared first; one builder for the items of an array).</summary>
    public static string CanonicalKey(object? v, System.Text.StringBuilder sb)
    {
        sb.Clear();
        Key(v, sb, 0);
        return sb.ToString();
    }

    private static void Key(object? v, System.Text.StringBuilder sb, int depth)
    {
        if (depth > 1000) throw new SchemaLimitException("schema validation stopped: value nested too deep for uniqueItems");
        if (v is SchemaNumber sn) v = sn.Value;
        switch (v)
        {
            case null: sb.Append('n'); break;
            case bool b: sb.Append(b ? 't' : 'f'); break;
            case string s: sb.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"'); break;
            case object?[] a:
                sb.Append('[');
                foreach (var x in a) { Key(x, sb, depth + 1); sb.Append(','); }
                sb.Append(']');
                break;
            case Dictionary<string, object?> d:
                sb.Append('{');
                foreach (var k in d.Keys.OrderBy(k => k, StringComparer.Ordinal)) { Key(k, sb, depth + 1); sb.Append(':'); Key(d[k], sb, depth + 1); sb.Append(','); }
                sb.Append('}');
                break;
            default:
                sb.Append('#');
                if (TryDecimal(v, out var m)) sb.Append(CultureInfo.InvariantCulture, $"{m / 1.000000000000000000000000000000000m}");
                else sb.Append(CultureInfo.InvariantCulture, $"{ToDouble(v):R}");
                break;
        }
    }

    /// <summary>Numeric comparison, exact where both sides fit a decimal.</summary>
    public static int Compare(object a, object b)
    {
        if (a is SchemaNumber sa) a = sa.Value;
        if (b is SchemaNumber sb) b = sb.Value;
        if (TryDecimal(a, out var x) && TryDecimal(b, out var y)) return x.CompareTo(y);
        return ToDouble(a).CompareTo(ToDouble(b));
    }

    private static bool TryDecimal(object v, out decimal d)
    {
        switch (v)
        {
            case long l: d = l; return true;
            case int i: d = i; return true;
            case decimal m: d = m; return true;
            case double x when !double.IsNaN(x) && !double.IsInfinity(x) && Math.Abs(x) < 7.9e27 && (x == 0 || Math.Abs(x) > 1e-27):
                // the shortest text that reads back as x, as a decimal (formatted on the stack: no string per number)
                Span<char> text = stackalloc char[32];
                if (x.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture))
                    d = decimal.Parse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture);
                else
                    d = decimal.Parse(x.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
                return true;
            default: d = 0; return false;
        }
    }

    /// <summary>True when <paramref name="v"/> / <paramref name="m"/> is an integer.</summary>
    public static bool IsMultiple(object v, object m)
    {
        if (v is SchemaNumber sv) v = sv.Value;
        if (m is SchemaNumber sm) m = sm.Value;
        if (TryDecimal(v, out var x) && TryDecimal(m, out var y) && y != 0)
        {
            try { var q = x / y; return decimal.Floor(q) == q; } catch (OverflowException) { }
        }
        var r = ToDouble(v) / ToDouble(m);
        return !double.IsInfinity(r) && Math.Floor(r) == r;
    }

    public static int RuneCount(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++) { if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++; n++; }
        return n;
    }

    /// <summary>A JSON pointer token escaped.</summary>
    public static string Escape(string s) => SchemaDocument.Escape(s);

    public static string IntText(int i) => (uint)i < (uint)s_smallInts.Length ? s_smallInts[i] : i.ToString(CultureInfo.InvariantCulture);

    // Array indexes as location tokens (every item of every array validated needs one).
    private static readonly string[] s_smallInts = Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
}

/// <summary>A number literal from the schema: its text as written (Go's json.Number) and its value.</summary>
internal sealed class SchemaNumber(string text)
{
    public string Text { get; } = text;
    public object Value { get; } =
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l
        : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && !text.Contains('e', StringComparison.OrdinalIgnoreCase) ? m
        : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    public double Double => SchemaValues.ToDouble(Value);
    public override string ToString() => Text;
}
