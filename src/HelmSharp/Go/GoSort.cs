using System.Collections;

namespace HelmSharp.Go;

/// <summary>
/// Go's <c>internal/fmtsort</c>: the key order <c>fmt</c> (and <c>text/template</c>'s <c>range</c>)
/// uses for maps: numbers numerically, strings bytewise, false before true, and for interface keys
/// first by type then by value.
/// </summary>
internal static class GoSort
{
    /// <summary>The keys of <paramref name="map"/> in Go's fmtsort order.</summary>
    public static object?[] SortedKeys(IDictionary map)
    {
        var keys = new object?[map.Count];
        int i = 0;
        foreach (var k in map.Keys) keys[i++] = k;
        if (keys.Length > 1)
        {
            bool allStrings = true;
            foreach (var k in keys) if (k is not string) { allStrings = false; break; }
            if (allStrings) Array.Sort(keys, static (a, b) => CompareStrings((string)a!, (string)b!));
            else Array.Sort(keys, Compare);
        }
        return keys;
    }

    /// <summary>The keys of a <c>map[string]T</c> in Go order (bytewise on UTF-8).</summary>
    public static string[] SortedKeys<T>(Dictionary<string, T> map)
    {
        var keys = new string[map.Count];
        map.Keys.CopyTo(keys, 0);
        if (keys.Length > 1) Array.Sort(keys, CompareStrings);
        return keys;
    }

    /// <summary>
    /// Bytewise comparison of the UTF-8 encodings of two strings (what Go's string &lt; does).
    /// Ordinal UTF-16 order differs from UTF-8 order only between surrogates and U+E000..U+FFFF.
    /// </summary>
    public static int CompareStrings(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y) continue;
            bool xs = char.IsSurrogate(x), ys = char.IsSurrogate(y);
            if (xs != ys && (x >= 0xE000 || y >= 0xE000))
                return xs ? 1 : -1; // surrogate pair (>= U+10000) sorts after U+E000..U+FFFF in UTF-8
            return x < y ? -1 : 1;
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int Rank(object? v) => v switch
    {
        null => 0,
        bool => 1,
        nint or long or int or short or sbyte => 2,
        nuint or ulong or uint or ushort or byte => 3,
        double or float => 4,
        string => 5,
        _ => 6,
    };

    /// <summary>Go's fmtsort compare for two keys of possibly different dynamic types.</summary>
    public static int Compare(object? a, object? b)
    {
        int ra = Rank(a), rb = Rank(b);
        if (ra != rb)
        {
            // Interface keys of different types: Go orders by type, deterministically; mimic by kind rank.
            return ra.CompareTo(rb);
        }
        switch (ra)
        {
            case 0: return 0;
            case 1: return ((bool)a!).CompareTo((bool)b!);
            case 2: return ToLong(a!).CompareTo(ToLong(b!));
            case 3: return ToULong(a!).CompareTo(ToULong(b!));
            case 4:
            {
                double x = Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture);
                double y = Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture);
                if (x < y) return -1;
                if (x > y) return 1;
                if (double.IsNaN(x) && !double.IsNaN(y)) return -1;
                if (!double.IsNaN(x) && double.IsNaN(y)) return 1;
                return 0;
            }
            case 5: return CompareStrings((string)a!, (string)b!);
            default:
                return string.CompareOrdinal(GoFormat.FormatValue(a), GoFormat.FormatValue(b));
        }
    }

    private static long ToLong(object v) => v switch
    {
        nint n => n,
        long l => l,
        int i => i,
        short s => s,
        sbyte b => b,
        _ => 0,
    };

    private static ulong ToULong(object v) => v switch
    {
        nuint n => n,
        ulong l => l,
        uint i => i,
        ushort s => s,
        byte b => b,
        _ => 0,
    };
}
