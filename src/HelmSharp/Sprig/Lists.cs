using System.Collections;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    static partial void RegisterLists(FunctionRegistry r)
    {
        void Both(string name, string mustName, GoType[] p, Func<object?[], object?> body, bool variadic = false)
        {
            // The list functions read their arguments and return new lists (or elements): pure.
            r.Add(Pure(name, p, body, variadic));
            r.Add(Pure(mustName, p, body, variadic, returnsError: true));
        }

        Both("append", "mustAppend", PAnyAny, a => Push(a[0], a[1]));
        Both("push", "mustPush", PAnyAny, a => Push(a[0], a[1]));
        Both("prepend", "mustPrepend", PAnyAny, a =>
        {
            var l = RequireList(a[0], "Cannot prepend on type ");
            var res = new object?[l.Count + 1];
            res[0] = a[1];
            for (var i = 0; i < l.Count; i++) res[i + 1] = l[i];
            return res;
        });
        Both("first", "mustFirst", PAny, a =>
        {
            var l = RequireList(a[0], "Cannot find first on type ");
            return l.Count == 0 ? null : l[0];
        });
        Both("last", "mustLast", PAny, a =>
        {
            var l = RequireList(a[0], "Cannot find last on type ");
            return l.Count == 0 ? null : l[l.Count - 1];
        });
        Both("rest", "mustRest", PAny, a =>
        {
            var l = RequireList(a[0], "Cannot find rest on type ");
            if (l.Count == 0) return Array.Empty<object?>();
            var res = new object?[l.Count - 1];
            for (var i = 1; i < l.Count; i++) res[i - 1] = l[i];
            return res;
        });
        Both("initial", "mustInitial", PAny, a =>
        {
            var l = RequireList(a[0], "Cannot find initial on type ");
            if (l.Count == 0) return Array.Empty<object?>();
            var res = new object?[l.Count - 1];
            for (var i = 0; i < l.Count - 1; i++) res[i] = l[i];
            return res;
        });
        Both("reverse", "mustReverse", PAny, a =>
        {
            var l = RequireList(a[0], "Cannot find reverse on type ");
            var res = new object?[l.Count];
            for (var i = 0; i < l.Count; i++) res[l.Count - i - 1] = l[i];
            return res;
        });
        Both("uniq", "mustUniq", PAny, a =>
        {
            var l = RequireList(a[0], "Cannot find uniq on type ");
            var res = new List<object?>();
            for (var i = 0; i < l.Count; i++)
                if (!InList(res, l[i])) res.Add(l[i]);
            return res.ToArray();
        });
        Both("without", "mustWithout", PAnyAny, a =>
        {
            var l = RequireList(a[0], "Cannot find without on type ");
            var omit = new List<object?>(a.Length - 1);
            for (var i = 1; i < a.Length; i++) omit.Add(a[i]);
            var res = new List<object?>();
            for (var i = 0; i < l.Count; i++)
                if (!InList(omit, l[i])) res.Add(l[i]);
            return res.ToArray();
        }, variadic: true);
        Both("has", "mustHas", PAnyAny, a =>
        {
            if (a[1] is null) return false;
            var l = RequireList(a[1], "Cannot find has on type ");
            for (var i = 0; i < l.Count; i++)
                if (SprigValues.DeepEqual(a[0], l[i])) return true;
            return false;
        });
        Both("slice", "mustSlice", PAnyAny, a => Slice(a), variadic: true);
        r.Add(Pure("concat", PAny, a =>
        {
            var res = new List<object?>();
            foreach (var x in a)
            {
                if (x is null) throw new GoFunctionException("runtime error: invalid memory address or nil pointer dereference");
                if (!SprigValues.TryList(x, out var l)) throw new GoFunctionException("Cannot concat type " + SprigValues.KindName(x) + " as list");
                for (var i = 0; i < l.Count; i++) res.Add(l[i]);
            }
            return res.ToArray();
        }, variadic: true));
        r.Add(Pure("dig", PAny, Dig, variadic: true));
        Both("chunk", "mustChunk", [GoType.Int, GoType.Interface], a => Chunk((nint)a[0]!, a[1]));
    }

    private static object?[] Push(object? list, object? v)
    {
        var l = RequireList(list, "Cannot push on type ");
        var res = new object?[l.Count + 1];
        for (var i = 0; i < l.Count; i++) res[i] = l[i];
        res[l.Count] = v;
        return res;
    }

    private static bool InList(List<object?> haystack, object? needle)
    {
        foreach (var h in haystack) if (SprigValues.DeepEqual(needle, h)) return true;
        return false;
    }

    private static object? Slice(object?[] a)
    {
        var list = a[0];
        if (list is null) throw new GoFunctionException("runtime error: invalid memory address or nil pointer dereference");
        if (!SprigValues.TryList(list, out var l)) throw new GoFunctionException("list should be type of slice or array but " + SprigValues.KindName(list));
        if (l.Count == 0) return null;
        var start = a.Length > 1 ? SprigValues.ToInt64(a[1]) : 0;
        var end = a.Length > 2 ? SprigValues.ToInt64(a[2]) : l.Count;
        if (start < 0 || end < start || end > l.Count) throw new GoFunctionException("reflect.Value.Slice: slice index out of bounds");
        var arr = (Array)list;
        var res = Array.CreateInstanceFromArrayType(arr.GetType(), (int)(end - start));
        Array.Copy(arr, (int)start, res, 0, (int)(end - start));
        return res;
    }

    private static object?[][] Chunk(long size, object? list)
    {
        var l = RequireList(list, "Cannot chunk type ");
        var len = l.Count;
        var csF = Math.Floor((double)(len - 1) / size) + 1;
        var cs = SprigValues.FloatToInt64(csF);
        if (cs < 0 || cs > MaxBuiltList) throw new GoFunctionException("runtime error: makeslice: len out of range");
        var res = new object?[cs][];
        for (long i = 0; i < cs; i++)
        {
            var clen = size;
            if (i == cs - 1)
            {
                clen = SprigValues.FloatToInt64(Math.Floor(GoMod(len, size)));
                if (clen == 0) clen = size;
            }
            if (clen < 0 || clen > MaxBuiltList) throw new GoFunctionException("runtime error: makeslice: len out of range");
            var row = new object?[clen];
            for (long j = 0; j < clen; j++)
            {
                var ix = i * size + j;
                if (ix < 0 || ix >= len) throw new GoFunctionException($"reflect: slice index out of range");
                row[j] = l[(int)ix];
            }
            res[i] = row;
        }
        return res;
    }

    // Go's math.Mod(x, y) for the float64 conversions chunk uses.
    private static double GoMod(double x, double y)
    {
        if (y == 0 || double.IsInfinity(x) || double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        return x % y;
    }

    private static object? Dig(object?[] ps)
    {
        if (ps.Length < 3) throw new GoFunctionException("dig needs at least three arguments");
        var last = ps[^1];
        if (last is null || last.GetType() != typeof(Dictionary<string, object?>))
            throw new GoFunctionException("interface conversion: interface {} is " + (GoType.Of(last)?.Name ?? "nil") + ", not map[string]interface {}");
        var dict = (Dictionary<string, object?>)last;
        var def = ps[^2];
        var ks = new string[ps.Length - 2];
        for (var i = 0; i < ks.Length; i++)
            ks[i] = ps[i] as string ?? throw new GoFunctionException("interface conversion: interface {} is " + (GoType.Of(ps[i])?.Name ?? "nil") + ", not string");
        for (var i = 0; ; i++)
        {
            if (!dict.TryGetValue(ks[i], out var step)) return def;
            if (i == ks.Length - 1) return step;
            if (step is null || step.GetType() != typeof(Dictionary<string, object?>))
                throw new GoFunctionException("interface conversion: interface {} is " + (GoType.Of(step)?.Name ?? "nil") + ", not map[string]interface {}");
            dict = (Dictionary<string, object?>)step;
        }
    }
}
