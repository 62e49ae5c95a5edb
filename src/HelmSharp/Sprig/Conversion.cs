using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    static partial void RegisterConversion(FunctionRegistry r)
    {
        r.Add(Pure("atoi", PStr, a => (nint)Atoi((string)a[0]!)));
        r.Add(Pure("int64", PAny, a => SprigValues.ToInt64(a[0])));
        r.Add(Pure("int", PAny, a => (nint)SprigValues.ToInt64(a[0])));
        r.Add(Pure("float64", PAny, a => SprigValues.ToFloat64(a[0])));
        r.Add(Pure("seq", PInt, Seq, variadic: true));
        r.Add(Pure("toDecimal", PAny, a => ToDecimal(a[0])));
        r.Add(Pure("split", PStrStr, a => ToIndexMap(GoSplit((string)a[1]!, (string)a[0]!, -1))));
        r.Add(Pure("splitList", PStrStr, a => GoSplit((string)a[1]!, (string)a[0]!, -1)));
        r.Add(Pure("splitn", [GoType.String, GoType.Int, GoType.String], a => ToIndexMap(GoSplit((string)a[2]!, (string)a[0]!, ToClampedInt(a[1])))));
        r.Add(Pure("toStrings", PAny, a => SprigValues.ToStrings(a[0])));
        r.Add(Pure("join", [GoType.String, GoType.Interface], a => string.Join((string)a[0]!, SprigValues.ToStrings(a[1]))));
        r.Add(Fn(FunctionEffects.MutatesArgument, "sortAlpha", PAny, a => SortAlpha(a[0])));
    }

    /// <summary>Go's <c>strconv.Atoi</c> result as sprig uses it (error ignored): 0 on syntax errors, clamped on range errors.</summary>
    internal static long Atoi(string s)
    {
        GoStrconv.TryParseInt(s, 10, 64, out var v, out _);
        return v;
    }

    /// <summary>sprig's <c>toDecimal</c>: <c>strconv.ParseInt(fmt.Sprint(v), 8, 64)</c>, 0 on any error.</summary>
    private static long ToDecimal(object? v) =>
        GoStrconv.TryParseInt(v as string ?? GoFormat.Sprint(v), 8, 64, out var n, out _) ? n : 0;

    /// <summary>Go's <c>strings.SplitN(s, sep, n)</c> (<c>n &lt; 0</c>: all).</summary>
    internal static string[] GoSplit(string s, string sep, int n)
    {
        if (n == 0) return [];
        if (sep.Length == 0)
        {
            var runes = new List<string>();
            var idx = 0;
            while (idx < s.Length)
            {
                if (n > 0 && runes.Count == n - 1) { runes.Add(s[idx..]); return runes.ToArray(); }
                System.Text.Rune.DecodeFromUtf16(s.AsSpan(idx), out _, out var len);
                runes.Add(s.Substring(idx, len));
                idx += len;
            }
            return runes.ToArray();
        }
        if (n < 0) return s.Split(sep, StringSplitOptions.None);
        return s.Split(sep, n, StringSplitOptions.None);
    }

    private static Dictionary<string, string> ToIndexMap(string[] parts)
    {
        var d = new Dictionary<string, string>(parts.Length, StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++) d["_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = parts[i];
        return d;
    }

    /// <summary>Ordinal comparison by code points (Go's byte order on UTF-8).</summary>
    internal static readonly Comparison<string> GoStringCompare = (x, y) =>
    {
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a == b) continue;
            // surrogates (U+10000..) sort after U+E000..U+FFFF in UTF-8
            var sa = char.IsSurrogate(a);
            var sb = char.IsSurrogate(b);
            if (sa != sb) return sa ? (b >= 0xE000 ? 1 : (a < b ? -1 : 1)) : (a >= 0xE000 ? -1 : (a < b ? -1 : 1));
            return a < b ? -1 : 1;
        }
        return x.Length.CompareTo(y.Length);
    };

    private static string[] SortAlpha(object? v)
    {
        if (SprigValues.TryList(v, out _))
        {
            var a = SprigValues.ToStrings(v);
            // a []string argument is sorted in place, as Go's sort.StringSlice does
            Array.Sort(a, GoStringCompare);
            return a;
        }
        return [SprigValues.Strval(v)];
    }

    private static object? Seq(object?[] a)
    {
        var p = new long[a.Length];
        for (var i = 0; i < a.Length; i++) p[i] = (nint)a[i]!;
        long inc = 1;
        switch (p.Length)
        {
            case 1:
                {
                    long start = 1, end = p[0];
                    if (end < start) inc = -1;
                    return JoinInts(UntilStep(start, unchecked(end + inc), inc));
                }
            case 2:
                {
                    long start = p[0], end = p[1], step = 1;
                    if (end < start) step = -1;
                    return JoinInts(UntilStep(start, unchecked(end + step), step));
                }
            case 3:
                {
                    long start = p[0], end = p[2], step = p[1];
                    if (end < start)
                    {
                        inc = -1;
                        if (step > 0) return "";
                    }
                    return JoinInts(UntilStep(start, unchecked(end + inc), step));
                }
            default:
                return "";
        }
    }

    private static string JoinInts(nint[] v)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < v.Length; i++)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(((long)v[i]).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
