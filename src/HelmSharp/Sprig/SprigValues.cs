using System.Collections;
using System.Globalization;
using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

/// <summary>
/// Value helpers shared by the Sprig functions: Sprig's <c>strval</c>/<c>strslice</c>, spf13/cast's
/// number conversions, Go's <c>reflect.DeepEqual</c> and Sprig's <c>empty</c>.
/// </summary>
internal static class SprigValues
{
    /// <summary>Maximum nesting depth walked by recursive helpers (deep equality, copies, merges).</summary>
    internal const int MaxDepth = 10_000;

    /// <summary>Sprig's <c>strval</c>: strings as is, <c>[]byte</c> as text, Stringers/errors via their method, anything else <c>%v</c>.</summary>
    public static string Strval(object? v) => v switch
    {
        string s => s,
        byte[] b => HelmSharp.Go.GoUtf8.GetString(b),
        IGoStringer g => g.GoString(),
        _ => GoFormat.Sprint(v),
    };

    /// <summary>Sprig's <c>strslice</c> (<c>toStrings</c>): a list's non-nil elements through <see cref="Strval"/>; nil → empty; a scalar → one element.</summary>
    public static string[] ToStrings(object? v)
    {
        switch (v)
        {
            case string[] ss: return ss;
            case null: return [];
        }
        if (TryList(v, out var list))
        {
            var res = new List<string>(list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                var e = list[i];
                if (e is not null) res.Add(Strval(e));
            }
            return res.ToArray();
        }
        return [Strval(v)];
    }

    /// <summary>True when <paramref name="v"/> is a Go slice or array (any .NET one-dimensional array, or a Go value of slice/array kind that is a list).</summary>
    public static bool TryList(object? v, out IList list)
    {
        if (v is Array a && a.Rank == 1) { list = a; return true; }
        if (v is IGoValue g && g.GoType.Kind is GoKind.Slice or GoKind.Array && v is IList l) { list = l; return true; }
        list = null!;
        return false;
    }

    /// <summary>True when <paramref name="v"/> is a Go map (a dictionary or a named map value).</summary>
    public static bool IsMap(object? v) => v is IDictionary && (v is not IGoValue g || g.GoType.Kind == GoKind.Map);

    /// <summary>The reflect kind of a value (<see cref="GoKind.Invalid"/> for nil).</summary>
    public static GoKind KindOf(object? v) => GoType.Of(v)?.Kind ?? GoKind.Invalid;

    /// <summary>Sprig's <c>empty</c>: nil, false, zero numbers, empty strings/slices/maps, nil pointers. Structs are never empty.</summary>
    public static bool IsEmpty(object? v)
    {
        switch (v)
        {
            case null: return true;
            case string s: return s.Length == 0;
            case bool b: return !b;
            case double d: return d == 0;
            case long l: return l == 0;
            case nint n: return n == 0;
            case int i: return i == 0;
            case float f: return f == 0;
            case short sh: return sh == 0;
            case sbyte sb: return sb == 0;
            case ulong ul: return ul == 0;
            case uint ui: return ui == 0;
            case nuint nu: return nu == 0;
            case ushort us: return us == 0;
            case byte by: return by == 0;
            case ICollection c: return c.Count == 0;
        }
        var kind = KindOf(v);
        return kind switch
        {
            GoKind.Struct => false,
            GoKind.String => Strval(v).Length == 0,
            _ => false,
        };
    }

    // ---------------------------------------------------------------- spf13/cast v1.7.0

    /// <summary>spf13/cast <c>ToInt64</c>: errors swallowed (→ 0); strings parsed by <c>strconv.ParseInt(s, 0, 64)</c> after trimming a zero decimal part.</summary>
    public static long ToInt64(object? v)
    {
        switch (v)
        {
            case null: return 0;
            case long l: return l;
            case nint n: return n;
            case int i: return i;
            case short s: return s;
            case sbyte sb: return sb;
            case nuint nu: return (long)nu;
            case ulong ul: return unchecked((long)ul);
            case uint ui: return ui;
            case ushort us: return us;
            case byte b: return b;
            case double d: return FloatToInt64(d);
            case float f: return FloatToInt64(f);
            case bool bo: return bo ? 1 : 0;
            case string str: return GoStrconv.TryParseInt(TrimZeroDecimal(str), 0, 64, out var r) ? r : 0;
        }
        return 0;
    }

    /// <summary>Go's <c>int64(f)</c> conversion on amd64: truncation toward zero, out of range and NaN give <c>math.MinInt64</c>.</summary>
    public static long FloatToInt64(double d)
    {
        if (double.IsNaN(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0) return long.MinValue;
        return (long)d;
    }

    /// <summary>spf13/cast <c>ToFloat64</c>: errors swallowed (→ 0); strings via Go's <c>strconv.ParseFloat(s, 64)</c>.</summary>
    public static double ToFloat64(object? v)
    {
        switch (v)
        {
            case null: return 0;
            case double d: return d;
            case float f: return f;
            case long l: return l;
            case nint n: return n;
            case int i: return i;
            case short s: return s;
            case sbyte sb: return sb;
            case nuint nu: return nu;
            case ulong ul: return ul;
            case uint ui: return ui;
            case ushort us: return us;
            case byte b: return b;
            case bool bo: return bo ? 1 : 0;
            case string str: return GoStrconv.TryParseFloat(str, 64, out var r) ? r : 0;
        }
        return 0;
    }

    private static string TrimZeroDecimal(string s)
    {
        var foundZero = false;
        for (var i = s.Length; i > 0; i--)
        {
            switch (s[i - 1])
            {
                case '.':
                    if (foundZero) return s[..(i - 1)];
                    break;
                case '0':
                    foundZero = true;
                    break;
                default:
                    return s;
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- reflect.DeepEqual

    /// <summary>Go's <c>reflect.DeepEqual</c> over the value model (identical types, element-wise for slices and maps, NaN ≠ NaN).</summary>
    public static bool DeepEqual(object? a, object? b) => StackGuard.Run((a, b), static v => DeepEqual(v.a, v.b, 0));

    /// <summary>
    /// The depth guard of the recursive value walks (deepCopy, deepEqual, merge): Go's recursion ends when the goroutine
    /// stack reaches 1 GB, which is what the message says; ours ends at <see cref="MaxDepth"/> levels, or earlier when the
    /// worker's stack runs low (only possible for a walk started deep inside a template recursion).
    /// </summary>
    internal static void CheckDepth(int depth)
    {
        if (depth > MaxDepth || ((depth & 31) == 31 && !StackGuard.Check()))
            throw new GoFunctionException("runtime: goroutine stack exceeds 1000000000-byte limit");
    }

    private static bool DeepEqual(object? a, object? b, int depth)
    {
        if (a is null || b is null) return a is null && b is null;
        CheckDepth(depth);
        var ta = GoType.Of(a)!;
        var tb = GoType.Of(b)!;
        if (!ReferenceEquals(ta, tb) && (ta.Name != tb.Name || ta.Kind != tb.Kind)) return false;
        switch (a)
        {
            case string sa: return sa == (string)b;
            case double da: return da == (double)b;
            case bool ba: return ba == (bool)b;
            case long la: return la == (long)b;
            case nint na: return na == (nint)b;
        }
        if (ReferenceEquals(a, b)) return true;
        if (a is Array aa && b is Array ab)
        {
            if (aa.Length != ab.Length) return false;
            for (var i = 0; i < aa.Length; i++)
                if (!DeepEqual(aa.GetValue(i), ab.GetValue(i), depth + 1)) return false;
            return true;
        }
        if (a is IDictionary ma && b is IDictionary mb)
        {
            if (ma.Count != mb.Count) return false;
            foreach (DictionaryEntry e in ma)
            {
                if (!mb.Contains(e.Key)) return false;
                if (!DeepEqual(e.Value, mb[e.Key], depth + 1)) return false;
            }
            return true;
        }
        if (a is IList la2 && b is IList lb2)
        {
            if (la2.Count != lb2.Count) return false;
            for (var i = 0; i < la2.Count; i++)
                if (!DeepEqual(la2[i], lb2[i], depth + 1)) return false;
            return true;
        }
        if (a is IGoStruct sa2 && b is IGoStruct sb2)
        {
            using var ea = sa2.Fields.GetEnumerator();
            using var eb = sb2.Fields.GetEnumerator();
            while (true)
            {
                var na2 = ea.MoveNext();
                var nb2 = eb.MoveNext();
                if (na2 != nb2) return false;
                if (!na2) return true;
                if (ea.Current.Key != eb.Current.Key || !DeepEqual(ea.Current.Value, eb.Current.Value, depth + 1)) return false;
            }
        }
        return a.Equals(b);
    }

    // ---------------------------------------------------------------- misc

    /// <summary>Go's <c>%s</c> of a <c>reflect.Kind</c> as sprig's list errors print it (<c>Cannot find first on type map</c>).</summary>
    internal static string KindName(object? v) => KindOf(v).GoName();

    /// <summary>UTF-8 byte length of a Go string held as .NET text.</summary>
    internal static int ByteLength(string s) => HelmSharp.Go.GoUtf8.GetByteCount(s);

    /// <summary>True when <paramref name="s"/> is pure ASCII (byte offsets equal char offsets).</summary>
    internal static bool IsAscii(string s) => Ascii.IsValid(s);

    /// <summary>Go's <c>s[lo:hi]</c> on the UTF-8 bytes of <paramref name="s"/> (a cut inside a rune yields U+FFFD, as .NET cannot hold broken UTF-8).</summary>
    internal static string ByteSlice(string s, int lo, int hi)
    {
        if (IsAscii(s)) return s.Substring(lo, hi - lo);
        var bytes = HelmSharp.Go.GoUtf8.GetBytes(s);
        return HelmSharp.Go.GoUtf8.GetString(bytes, lo, hi - lo);
    }
}
