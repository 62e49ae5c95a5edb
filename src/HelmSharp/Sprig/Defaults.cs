using System.Collections;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    static partial void RegisterDefaults(FunctionRegistry r)
    {
        r.Add(Pure("default", PAnyAny, a => a.Length < 2 || SprigValues.IsEmpty(a[1]) ? a[0] : a[1], variadic: true));
        r.Add(Pure("empty", PAny, a => SprigValues.IsEmpty(a[0])));
        r.Add(Pure("coalesce", PAny, a =>
        {
            foreach (var v in a) if (!SprigValues.IsEmpty(v)) return v;
            return null;
        }, variadic: true));
        r.Add(Pure("all", PAny, a =>
        {
            foreach (var v in a) if (SprigValues.IsEmpty(v)) return false;
            return true;
        }, variadic: true));
        r.Add(Pure("any", PAny, a =>
        {
            foreach (var v in a) if (!SprigValues.IsEmpty(v)) return true;
            return false;
        }, variadic: true));
        r.Add(Pure("compact", PAny, a => Compact(a[0])));
        r.Add(Pure("mustCompact", PAny, a => Compact(a[0]), returnsError: true));
        r.Add(Pure("ternary", [GoType.Interface, GoType.Interface, GoType.Bool], a => (bool)a[2]! ? a[0] : a[1]));
        r.Add(Fn(FunctionEffects.CreatesValue | FunctionEffects.CreatesDeep, "deepCopy", PAny, a => DeepCopy(a[0])));
        r.Add(Fn(FunctionEffects.CreatesValue | FunctionEffects.CreatesDeep, "mustDeepCopy", PAny, a => DeepCopy(a[0]), returnsError: true));
    }

    private static object?[] Compact(object? list)
    {
        var l = RequireList(list, "Cannot compact on type ");
        var res = new List<object?>(l.Count);
        for (var i = 0; i < l.Count; i++)
        {
            var item = l[i];
            if (!SprigValues.IsEmpty(item)) res.Add(item);
        }
        return res.ToArray();
    }

    /// <summary>
    /// The list behind a sprig list argument, or the error sprig raises (<c>prefix + kind</c>). A nil
    /// argument makes <c>reflect.TypeOf(nil).Kind()</c> dereference nil, as in Go.
    /// </summary>
    internal static IList RequireList(object? v, string errorPrefix)
    {
        if (v is null) throw new GoFunctionException("runtime error: invalid memory address or nil pointer dereference");
        if (SprigValues.TryList(v, out var l)) return l;
        throw new GoFunctionException(errorPrefix + SprigValues.KindName(v));
    }

    /// <summary>mitchellh/copystructure <c>Copy</c>: maps and slices copied recursively, scalars shared.</summary>
    internal static object? DeepCopy(object? v)
    {
        if (v is null) throw new GoFunctionException("reflect: call of reflect.Value.Type on zero Value");
        return Copy(v, 0);
    }

    /// <summary>Values deepCopy hands back as they are (immutable scalars).</summary>
    private static bool IsCopiedAsIs(object? v) => v is null or string or bool or double or long or nint;

    private static object? Copy(object? v, int depth)
    {
        SprigValues.CheckDepth(depth);
        if (IsCopiedAsIs(v)) return v;
        switch (v)
        {
            case Dictionary<string, object?> d:
                {
                    // copystructure keeps the map's (named) type: a copy of .Values is still chartutil/common.Values.
                    if (d.GetType() == typeof(Dictionary<string, object?>))
                    {
                        // The copy constructor copies the entries with their hashes; only non-scalars are replaced.
                        var copy = new Dictionary<string, object?>(d, d.Comparer);
                        foreach (var kv in d) if (!IsCopiedAsIs(kv.Value)) copy[kv.Key] = Copy(kv.Value, depth + 1);
                        return copy;
                    }
                    var target = d.GetType() == typeof(Dictionary<string, object?>) ? new Dictionary<string, object?>(d.Count, StringComparer.Ordinal)
                        : v is HelmSharp.Values.HelmValues hv ? new HelmSharp.Values.HelmValues(hv.HelmMajor)
                        : v is ICloneable c && c.Clone() is Dictionary<string, object?> cd ? cd : new Dictionary<string, object?>(d.Count, StringComparer.Ordinal);
                    target.Clear();
                    foreach (var kv in d) target[kv.Key] = Copy(kv.Value, depth + 1);
                    return target;
                }
            case Dictionary<string, string> ds:
                return new Dictionary<string, string>(ds, StringComparer.Ordinal);
            case object?[] arr when arr.GetType() == typeof(object[]):
                {
                    var res = new object?[arr.Length];
                    for (var i = 0; i < arr.Length; i++) res[i] = Copy(arr[i], depth + 1);
                    return res;
                }
            case Array a:
                {
                    var res = Array.CreateInstanceFromArrayType(a.GetType(), a.Length);
                    for (var i = 0; i < a.Length; i++) res.SetValue(Copy(a.GetValue(i), depth + 1), i);
                    return res;
                }
        }
        return v;
    }
}
