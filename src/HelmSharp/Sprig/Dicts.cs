using System.Collections;
using HelmSharp.Go;
using HelmSharp.Template.Caching;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    private static readonly GoType[] PMap = [GoType.MapStringInterface];
    private static readonly GoType[] PMapMap = [GoType.MapStringInterface, GoType.MapStringInterface];
    private static readonly GoType[] PMapStr = [GoType.MapStringInterface, GoType.String];

    static partial void RegisterDicts(FunctionRegistry r)
    {
        r.Add(Fn(FunctionEffects.PassesArguments, "tuple", PAny, a => (object?[])a.Clone(), variadic: true));
        r.Add(Fn(FunctionEffects.PassesArguments, "list", PAny, a => (object?[])a.Clone(), variadic: true));
        r.Add(Fn(FunctionEffects.CreatesValue | FunctionEffects.PassesArguments, "dict", PAny, Dict, variadic: true));
        r.Add(Pure("get", PMapStr, a => Map(a[0]) is { } d && d.TryGetValue((string)a[1]!, out var v) ? v : ""));
        r.Add(Fn(FunctionEffects.MutatesArgument | FunctionEffects.StoresArguments, "set", [GoType.MapStringInterface, GoType.String, GoType.Interface], a =>
        {
            var d = Map(a[0]) ?? throw new GoFunctionException("assignment to entry in nil map");
            SharedValues.CheckWritable(d);
            d[(string)a[1]!] = a[2];
            return d;
        }));
        r.Add(Fn(FunctionEffects.MutatesArgument, "unset", PMapStr, a =>
        {
            var d = Map(a[0]);
            if (d != null && d.ContainsKey((string)a[1]!)) { SharedValues.CheckWritable(d); d.Remove((string)a[1]!); }
            return d;
        }));
        r.Add(Pure("hasKey", PMapStr, a => Map(a[0]) is { } d && d.ContainsKey((string)a[1]!)));
        r.Add(Pure("pluck", [GoType.String, GoType.MapStringInterface], a =>
        {
            var key = (string)a[0]!;
            var res = new List<object?>();
            for (var i = 1; i < a.Length; i++)
                if (Map(a[i]) is { } d && d.TryGetValue(key, out var v)) res.Add(v);
            return res.ToArray();
        }, variadic: true));
        r.Add(Pure("keys", PMap, a =>
        {
            // Go map iteration order is random; we return each dict's keys sorted (charts sortAlpha them anyway).
            var res = new List<string>();
            foreach (var m in a)
            {
                if (Map(m) is not { } d) continue;
                var start = res.Count;
                res.AddRange(d.Keys);
                res.Sort(start, res.Count - start, Comparer<string>.Create(GoStringCompare));
            }
            return res.ToArray();
        }, variadic: true));
        r.Add(Fn(FunctionEffects.CreatesValue, "pick", [GoType.MapStringInterface, GoType.String], a =>
        {
            var d = Map(a[0]);
            var res = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 1; i < a.Length; i++)
            {
                var k = (string)a[i]!;
                if (d is not null && d.TryGetValue(k, out var v)) res[k] = v;
            }
            return res;
        }, variadic: true));
        r.Add(Fn(FunctionEffects.CreatesValue, "omit", [GoType.MapStringInterface, GoType.String], a =>
        {
            var d = Map(a[0]);
            var omit = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 1; i < a.Length; i++) omit.Add((string)a[i]!);
            var res = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (d is not null)
                foreach (var kv in d) if (!omit.Contains(kv.Key)) res[kv.Key] = kv.Value;
            return res;
        }, variadic: true));
        r.Add(Fn(FunctionEffects.MutatesArgument | FunctionEffects.MutatesDeep, "merge", PMapMap, a => MergeAll(a, overwrite: false), variadic: true));
        r.Add(Fn(FunctionEffects.MutatesArgument | FunctionEffects.MutatesDeep, "mergeOverwrite", PMapMap, a => MergeAll(a, overwrite: true), variadic: true));
        r.Add(Fn(FunctionEffects.MutatesArgument | FunctionEffects.MutatesDeep, "mustMerge", PMapMap, a => MergeAll(a, overwrite: false), variadic: true, returnsError: true));
        r.Add(Fn(FunctionEffects.MutatesArgument | FunctionEffects.MutatesDeep, "mustMergeOverwrite", PMapMap, a => MergeAll(a, overwrite: true), variadic: true, returnsError: true));
        r.Add(Pure("values", PMap, a =>
        {
            // Go map iteration order is random; we return the values in sorted-key order.
            var d = Map(a[0]);
            if (d is null) return Array.Empty<object?>();
            var ks = new List<string>(d.Keys);
            ks.Sort(GoStringCompare);
            var res = new object?[ks.Count];
            for (var i = 0; i < res.Length; i++) res[i] = d[ks[i]];
            return res;
        }));
    }

    private static Dictionary<string, object?>? Map(object? v) => v as Dictionary<string, object?>;

    private static object? Dict(object?[] v)
    {
        var d = new Dictionary<string, object?>(v.Length / 2 + 1, StringComparer.Ordinal);
        for (var i = 0; i < v.Length; i += 2)
        {
            var key = SprigValues.Strval(v[i]);
            d[key] = i + 1 >= v.Length ? "" : v[i + 1];
        }
        return d;
    }

    private static object? MergeAll(object?[] a, bool overwrite)
    {
        var dst = Map(a[0]) ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 1; i < a.Length; i++)
        {
            if (Map(a[i]) is { } src) MergeMap(dst, src, overwrite, 0);
        }
        return dst;
    }

    private static bool IsMapValue(object? v) => v is IDictionary && SprigValues.KindOf(v) == GoKind.Map;

    /// <summary>mergo v1.0.1 <c>deepMerge</c> for maps, as sprig's merge (WithOverride for mergeOverwrite) uses it.</summary>
    private static void MergeMap(IDictionary dst, IDictionary src, bool overwrite, int depth)
    {
        SprigValues.CheckDepth(depth);
        // snapshot: src may be dst itself or share nested maps with it
        int count = src.Count;
        var entries = System.Buffers.ArrayPool<DictionaryEntry>.Shared.Rent(count);
        try
        {
            int n = 0;
            if (src is Dictionary<string, object?> typed)
                foreach (var kv in typed) entries[n++] = new DictionaryEntry(kv.Key, kv.Value);
            else
                for (var it = src.GetEnumerator(); it.MoveNext();) entries[n++] = it.Entry;
            MergeEntries(dst, entries.AsSpan(0, n), overwrite, depth);
        }
        finally
        {
            Array.Clear(entries, 0, count);
            System.Buffers.ArrayPool<DictionaryEntry>.Shared.Return(entries);
        }
    }

    private static void MergeEntries(IDictionary dst, ReadOnlySpan<DictionaryEntry> entries, bool overwrite, int depth)
    {
        foreach (var e in entries)
        {
            var sv = e.Value;
            var has = dst.Contains(e.Key);
            var dv = has ? dst[e.Key] : null;
            if (sv is null)
            {
                if (overwrite) SetMapIndex(dst, e.Key, null);
                continue;
            }
            var srcIsMap = IsMapValue(sv);
            var srcIsSlice = !srcIsMap && SprigValues.TryList(sv, out _);
            if (srcIsMap && has && IsMapValue(dv) && !ReferenceEquals(dv, sv))
                MergeMap((IDictionary)dv!, (IDictionary)sv, overwrite, depth + 1);
            if (srcIsSlice && (overwrite || dst.Count == 0)) SetMapIndex(dst, e.Key, sv);
            var dstEmpty = !has || SprigValues.IsEmpty(dv);
            if (has && !dstEmpty)
            {
                if (srcIsSlice) continue;
                if (srcIsMap && IsMapValue(dv)) continue;
            }
            if (overwrite || dstEmpty) SetMapIndex(dst, e.Key, sv);
        }
    }

    private static void SetMapIndex(IDictionary dst, object key, object? value)
    {
        SharedValues.CheckWritable(dst);
        if (dst is Dictionary<string, string> ds)
        {
            if (value is not string s)
                throw new GoFunctionException("reflect.Value.SetMapIndex: value of type " + (GoType.Of(value)?.Name ?? "interface {}") + " is not assignable to type string");
            ds[(string)key] = s;
            return;
        }
        dst[key] = value;
    }
}
