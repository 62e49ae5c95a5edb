using HelmSharp.Charts;
using HelmSharp.Go;

namespace HelmSharp.Values;

/// <summary>Map merging, deep copying and coalescing exactly as helm's chartutil / common/util do it.</summary>
internal static class ValueMerge
{
    private const int MaxDepth = 10000;

    /// <summary>helm 3 <c>mergeMaps</c> (values options): recursive map merge, later wins, non-maps replace.</summary>
    public static Dictionary<string, object?> MergeMapsSimple(Dictionary<string, object?> a, Dictionary<string, object?> b, int depth = 0)
    {
        if (!StackGuard.OnBigStack) return StackGuard.Run((a, b, depth), static x => MergeMapsSimple(x.a, x.b, x.depth));
        if (depth > MaxDepth || !StackGuard.Check()) throw new ValuesException("values nesting is too deep");
        var outm = new Dictionary<string, object?>(a);
        foreach (var (k, v) in b)
        {
            if (v is Dictionary<string, object?> vm && outm.TryGetValue(k, out var bv) && bv is Dictionary<string, object?> bvm)
            {
                outm[k] = MergeMapsSimple(bvm, vm, depth + 1);
                continue;
            }
            outm[k] = v;
        }
        return outm;
    }

    /// <summary>helm 4.1 <c>loader.MergeMaps</c>: the same recursive merge (lists are replaced, verified against helm v4.1.4).</summary>
    public static Dictionary<string, object?> MergeMaps(Dictionary<string, object?> a, Dictionary<string, object?> b) => MergeMapsSimple(a, b);

    /// <summary>Deep copy of maps and lists (copystructure), scalars shared.</summary>
    public static object? DeepCopy(object? v, int depth = 0)
    {
        if (!StackGuard.OnBigStack) return StackGuard.Run((v, depth), static x => DeepCopy(x.v, x.depth));
        if (depth > MaxDepth || !StackGuard.Check()) throw new ValuesException("values nesting is too deep");
        switch (v)
        {
            case HelmValues hv:
            {
                var d = new Dictionary<string, object?>(hv.Count);
                foreach (var (k, x) in hv) d[k] = DeepCopy(x, depth + 1);
                return d;
            }
            case Dictionary<string, object?> m when m.GetType() == typeof(Dictionary<string, object?>):
            {
                // The copy constructor copies the entries with their hashes; only nested containers are replaced.
                var d = new Dictionary<string, object?>(m, m.Comparer);
                foreach (var (k, x) in m) if (x is Dictionary<string, object?> or object?[]) d[k] = DeepCopy(x, depth + 1);
                return d;
            }
            case Dictionary<string, object?> m:
            {
                var d = new Dictionary<string, object?>(m.Count);
                foreach (var (k, x) in m) d[k] = DeepCopy(x, depth + 1);
                return d;
            }
            case object?[] l when v.GetType() == typeof(object[]):
            {
                var n = new object?[l.Length];
                for (int i = 0; i < l.Length; i++) n[i] = DeepCopy(l[i], depth + 1);
                return n;
            }
            default: return v;
        }
    }

    internal static Dictionary<string, object?> DeepCopyMap(Dictionary<string, object?>? m) =>
        m == null ? new Dictionary<string, object?>() : (Dictionary<string, object?>)DeepCopy(m)!;

    private static bool IsTable(object? v) => v is Dictionary<string, object?> && v.GetType() == typeof(Dictionary<string, object?>);

    private static string Concat(string a, string b) => a.Length == 0 ? b : a + "." + b;

    /// <summary>
    /// helm's <c>CoalesceValues(chart, vals)</c>: a deep copy of <paramref name="vals"/> merged over
    /// the chart's defaults and, recursively, its subcharts'. <paramref name="warnings"/> receives helm's log lines.
    /// </summary>
    /// <remarks><c>owned</c>: charts of the tree whose <see cref="Chart.Values"/> are a private, alias-free tree that nothing
    /// reads after this call (made by <see cref="ChartValues.ProcessDependencies"/> for this render): those are merged in
    /// place instead of copied first. Null: every chart's defaults are copied, as helm does.</remarks>
    public static Dictionary<string, object?> CoalesceValues(Chart chart, Dictionary<string, object?>? vals, int helmMajor, List<string>? warnings = null, HashSet<Chart>? owned = null) =>
        StackGuard.Run((chart, vals, helmMajor, warnings, owned), static x => Coalesce(x.chart, DeepCopyMap(x.vals), "", false, x.helmMajor, x.warnings ?? [], 0, x.owned));

    /// <summary>helm's <c>MergeValues(chart, vals)</c>: like coalescing, but nulls are preserved.</summary>
    public static Dictionary<string, object?> MergeValues(Chart chart, Dictionary<string, object?>? vals, int helmMajor, List<string>? warnings = null) =>
        StackGuard.Run((chart, vals, helmMajor, warnings), static x => Coalesce(x.chart, DeepCopyMap(x.vals), "", true, x.helmMajor, x.warnings ?? [], 0, null));

    private static Dictionary<string, object?> Coalesce(Chart ch, Dictionary<string, object?> dest, string prefix, bool merge, int major, List<string> warn, int depth, HashSet<Chart>? owned)
    {
        if (depth > 256) throw new ValuesException("chart dependency nesting is too deep");
        CoalesceValuesOf(ch, dest, prefix, merge, major, warn, owned);
        return CoalesceDeps(ch, dest, prefix, merge, major, warn, depth, owned);
    }

    private static Dictionary<string, object?> CoalesceDeps(Chart ch, Dictionary<string, object?> dest, string prefix, bool merge, int major, List<string> warn, int depth, HashSet<Chart>? owned)
    {
        foreach (var sub in ch.Dependencies)
        {
            if (!dest.TryGetValue(sub.Name, out var c)) dest[sub.Name] = new Dictionary<string, object?>();
            else if (!IsTable(c))
                throw new ValuesException("type mismatch on " + sub.Name + ": %!t(" + GoTypeName(c) + "=" + GoV(c) + ")");
            var dvmap = (Dictionary<string, object?>)dest[sub.Name]!;
            var subPrefix = Concat(prefix, ch.Name);
            CoalesceGlobals(dvmap, dest, subPrefix, major, warn);
            dest[sub.Name] = Coalesce(sub, dvmap, subPrefix, merge, major, warn, depth + 1, owned);
        }
        return dest;
    }

    private static string GoTypeName(object? c) => Strvals.GoTypeName(c);

    // Go's %v of a value in helm's warnings (maps as map[k:v …], sorted).
    private static string GoV(object? v) => HelmSharp.Go.GoFormat.Sprint(v);

    private static void CoalesceGlobals(Dictionary<string, object?> dest, Dictionary<string, object?> src, string prefix, int major, List<string> warn)
    {
        Dictionary<string, object?> dg, sg;
        if (!dest.TryGetValue("global", out var destglob)) dg = new();
        else if (IsTable(destglob)) dg = (Dictionary<string, object?>)destglob!;
        else { warn.Add("warning: skipping globals because destination global is not a table."); return; }
        if (!src.TryGetValue("global", out var srcglob)) sg = new();
        else if (IsTable(srcglob)) sg = (Dictionary<string, object?>)srcglob!;
        else { warn.Add("warning: skipping globals because source global is not a table."); return; }
        foreach (var (key, val) in sg)
        {
            if (IsTable(val))
            {
                var vv = new Dictionary<string, object?>((Dictionary<string, object?>)val!);
                if (!dg.TryGetValue(key, out var destv)) dg[key] = vv;
                else if (!IsTable(destv)) warn.Add($"Conflict: cannot merge map onto non-map for \"{key}\". Skipping.");
                else
                {
                    CoalesceTablesFullKey(vv, (Dictionary<string, object?>)destv!, Concat(prefix, key), true, major, warn, 0);
                    dg[key] = vv;
                }
            }
            else if (dg.TryGetValue(key, out var dv) && IsTable(dv)) warn.Add($"key {key} is table. Skipping");
            else dg[key] = val;
        }
        dest["global"] = dg;
    }

    private static void CoalesceValuesOf(Chart c, Dictionary<string, object?> v, string prefix, bool merge, int major, List<string> warn, HashSet<Chart>? owned)
    {
        var subPrefix = Concat(prefix, c.Name);
        var vc = owned != null && c.Values != null && owned.Contains(c) ? c.Values : DeepCopyMap(c.Values);
        foreach (var (key, val) in vc)
        {
            if (v.TryGetValue(key, out var value))
            {
                if (value == null && !merge) v.Remove(key);
                else if (IsTable(value))
                {
                    if (!IsTable(val))
                    {
                        if (val != null) warn.Add($"warning: skipped value for {subPrefix}.{key}: Not a table.");
                    }
                    else
                    {
                        bool m = merge;
                        foreach (var sub in c.Dependencies) if (sub.Name == key) { m = true; break; }
                        CoalesceTablesFullKey((Dictionary<string, object?>)value!, (Dictionary<string, object?>)val!, Concat(subPrefix, key), m, major, warn, 0);
                    }
                }
            }
            else
            {
                v[key] = val;
            }
        }
    }

    /// <summary>helm's <c>CoalesceTables(dst, src)</c>: dst wins, nulls in dst delete src keys.</summary>
    public static Dictionary<string, object?> CoalesceTables(Dictionary<string, object?>? dst, Dictionary<string, object?>? src, int helmMajor = 4) =>
        StackGuard.Run((dst, src, helmMajor), static x => CoalesceTablesFullKey(x.dst, x.src, "", false, x.helmMajor, [], 0)!);

    /// <summary><see cref="CoalesceTables(Dictionary{string, object?}?, Dictionary{string, object?}?, int)"/> keeping helm's warning lines.</summary>
    internal static Dictionary<string, object?> CoalesceTables(Dictionary<string, object?>? dst, Dictionary<string, object?>? src, int helmMajor, List<string> warnings) =>
        CoalesceTablesFullKey(dst, src, "", false, helmMajor, warnings, 0)!;

    /// <summary>helm's <c>MergeTables(dst, src)</c>: dst wins, nulls preserved.</summary>
    public static Dictionary<string, object?> MergeTables(Dictionary<string, object?>? dst, Dictionary<string, object?>? src, int helmMajor = 4) =>
        StackGuard.Run((dst, src, helmMajor), static x => CoalesceTablesFullKey(x.dst, x.src, "", true, x.helmMajor, [], 0)!);

    private static Dictionary<string, object?>? CoalesceTablesFullKey(Dictionary<string, object?>? dst, Dictionary<string, object?>? src, string prefix, bool merge, int major, List<string> warn, int depth)
    {
        if (depth > MaxDepth || !StackGuard.Check()) throw new ValuesException("values nesting is too deep");
        if (src == null) return dst;
        if (dst == null) return src;
        // helm 4.1: a user null deletes a key only when the chart default was a non-nil value
        // (srcOriginalNonNil); helm 3.17 deletes whenever both sides have the key and dst is nil.
        HashSet<string>? srcNonNil = null;
        if (major != 3)
        {
            srcNonNil = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, val) in src) if (val != null) srcNonNil.Add(key);
            foreach (var (key, val) in dst) if (val == null) src[key] = null;
        }
        foreach (var (key, val) in src)
        {
            var fullkey = Concat(prefix, key);
            bool ok = dst.TryGetValue(key, out var dv);
            if (ok && !merge && dv == null && (srcNonNil == null || srcNonNil.Contains(key))) dst.Remove(key);
            else if (!ok) dst[key] = val;
            else if (IsTable(val))
            {
                if (IsTable(dv)) CoalesceTablesFullKey((Dictionary<string, object?>)dv!, (Dictionary<string, object?>)val!, fullkey, merge, major, warn, depth + 1);
                else warn.Add($"warning: cannot overwrite table with non table for {fullkey} ({GoV(val)})");
            }
            else if (IsTable(dv) && val != null)
                warn.Add($"warning: destination for {fullkey} is a table. Ignoring non-table value ({GoV(val)})");
        }
        return dst;
    }
}
