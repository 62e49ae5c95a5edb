using System.Collections;
using HelmSharp.Go;

namespace HelmSharp.Template.Exec;

/// <summary>
/// The executor's marker for a nil <c>interface {}</c> value that is still "valid" in reflect terms
/// (a missing key under missingkey=zero, a nil element of <c>[]interface {}</c>). Field access on it
/// fails with <c>nil pointer evaluating interface {}.X</c>; pipelines turn it into plain nil.
/// </summary>
internal sealed class NilInterface
{
    public static readonly NilInterface Value = new();
    private NilInterface() { }
    public override string ToString() => "<nil>";
}

/// <summary>Sentinel for "no final pipeline value" (Go's <c>missingVal</c>).</summary>
internal sealed class MissingValue
{
    public static readonly MissingValue Value = new();
    private MissingValue() { }
}

/// <summary>Go value helpers for the executor and builtins: kinds, truth, containers.</summary>
internal static class GoValues
{
    /// <summary>reflect Kind of a (non-sentinel) value; Invalid for null.</summary>
    public static GoKind KindOf(object? v)
    {
        switch (v)
        {
            case null: return GoKind.Invalid;
            case string: return GoKind.String;
            case bool: return GoKind.Bool;
            case double: return GoKind.Float64;
            case long: return GoKind.Int64;
            case nint: return GoKind.Int;
            case int: return GoKind.Int32;
            case NilInterface: return GoKind.Interface;
            case IGoValue g: return g.GoType.Kind;
            case Array: return GoKind.Slice;
            case IDictionary: return GoKind.Map;
        }
        return GoType.Of(v)?.Kind ?? GoKind.Invalid;
    }

    /// <summary>Go's <c>isTrue</c> after <c>indirectInterface</c>.</summary>
    public static (bool Truth, bool Ok) IsTrue(object? v)
    {
        switch (v)
        {
            case null: return (false, true);
            case NilInterface: return (false, true);
            case bool b: return (b, true);
            case string s: return (s.Length > 0, true);
            case nint n: return (n != 0, true);
            case long l: return (l != 0, true);
            case double d: return (d != 0, true);
            case int i: return (i != 0, true);
            case Array a: return (a.Length > 0, true);
            case IDictionary m: return (m.Count > 0, true);
        }
        var k = KindOf(v);
        switch (k)
        {
            case GoKind.Int8: case GoKind.Int16: case GoKind.Int32: case GoKind.Int64: case GoKind.Int:
                return (ToInt64(v) != 0, true);
            case GoKind.Uint: case GoKind.Uint8: case GoKind.Uint16: case GoKind.Uint32: case GoKind.Uint64: case GoKind.Uintptr:
                return (ToUint64(v) != 0, true);
            case GoKind.Float32: case GoKind.Float64:
                return (ToDouble(v) != 0, true);
            case GoKind.Complex64: case GoKind.Complex128:
                return (v is System.Numerics.Complex c ? c != System.Numerics.Complex.Zero : true, true);
            case GoKind.Struct: return (true, true);
            case GoKind.Map: case GoKind.Slice: case GoKind.Array: case GoKind.String:
            {
                int len = Len(v);
                return (len > 0, true);
            }
            case GoKind.Pointer: case GoKind.Interface: case GoKind.Func: case GoKind.Chan:
                return (true, true);
        }
        return (false, false);
    }

    public static bool Truth(object? v) => IsTrue(v).Truth;

    public static int Len(object? v) => v switch
    {
        string s => HelmSharp.Go.GoUtf8.GetByteCount(s),
        Array a => a.Length,
        IDictionary d => d.Count,
        ICollection c => c.Count,
        _ => 0,
    };

    public static long ToInt64(object? v) => v switch
    {
        nint n => n, long l => l, int i => i, short s => s, sbyte b => b,
        nuint n => (long)n, ulong u => (long)u, uint u => u, ushort u => u, byte b => b,
        _ => 0,
    };

    public static ulong ToUint64(object? v) => v switch
    {
        nuint n => n, ulong u => u, uint u => u, ushort u => u, byte b => b,
        nint n => (ulong)n, long l => (ulong)l, int i => (ulong)i, short s => (ulong)s, sbyte b => (ulong)b,
        _ => 0,
    };

    public static double ToDouble(object? v) => v switch { double d => d, float f => f, _ => 0 };

    /// <summary>Go's <c>%v</c> for messages; delegates to the fmt port.</summary>
    public static string Sprint(object? v) => v switch
    {
        null => "<nil>",
        NilInterface => "<nil>",
        string s => s,
        _ => GoFormat.Sprint(v),
    };

    /// <summary>Go type name as reflect prints it.</summary>
    public static string TypeName(object? v) => v is NilInterface ? "interface {}" : GoType.Of(v)?.Name ?? "<nil>";

    /// <summary>True for values that carry a map the executor can index by string key.</summary>
    public static bool TryMapLookup(object receiver, string key, out bool isMap, out object? value, out bool found, out GoType? elemType)
    {
        isMap = true; elemType = null;
        switch (receiver)
        {
            case Dictionary<string, object?> d:
                found = d.TryGetValue(key, out value);
                elemType = GoType.Interface;
                if (found && value == null) value = NilInterface.Value;
                return true;
            case Dictionary<string, string> ds:
            {
                found = ds.TryGetValue(key, out var sv);
                value = sv; elemType = GoType.String;
                return true;
            }
        }
        if (receiver is IDictionary id && KindOf(receiver) == GoKind.Map)
        {
            var mt = GoType.Of(receiver);
            if (mt?.Key != null && mt.Key.Kind != GoKind.String && mt.Key.Kind != GoKind.Interface) { isMap = false; value = null; found = false; return false; }
            elemType = mt?.Elem ?? GoType.Interface;
            if (id.Contains(key)) { found = true; value = id[key]; }
            else { found = false; value = null; }
            if (found && value == null && elemType.Kind == GoKind.Interface) value = NilInterface.Value;
            return true;
        }
        isMap = false; value = null; found = false;
        return false;
    }

    /// <summary>Sorted (fmtsort order) entries of a map value.</summary>
    public static List<KeyValuePair<object, object?>> SortedEntries(IDictionary d, GoType? elemType)
    {
        var list = new List<KeyValuePair<object, object?>>(d.Count);
        bool iface = elemType == null || elemType.Kind == GoKind.Interface;
        foreach (DictionaryEntry e in d)
            list.Add(new KeyValuePair<object, object?>(e.Key, iface && e.Value == null ? NilInterface.Value : e.Value));
        list.Sort((a, b) => CompareKeys(a.Key, b.Key));
        return list;
    }

    public static int CompareKeys(object? a, object? b)
    {
        if (a is string sa && b is string sb) return CompareStrings(sa, sb);
        var ka = KindOf(a); var kb = KindOf(b);
        if (ka.IsSignedInt() && kb.IsSignedInt()) return ToInt64(a).CompareTo(ToInt64(b));
        if (ka.IsUnsignedInt() && kb.IsUnsignedInt()) return ToUint64(a).CompareTo(ToUint64(b));
        if (ka.IsFloat() && kb.IsFloat()) return ToDouble(a).CompareTo(ToDouble(b));
        if (a is bool ba && b is bool bb) return ba.CompareTo(bb);
        return 0;
    }

    /// <summary>Bytewise (UTF-8) string order, as Go compares strings.</summary>
    public static int CompareStrings(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y) continue;
            // Surrogates (U+10000+) sort after U+E000..U+FFFF in UTF-8.
            bool sx = char.IsSurrogate(x), sy = char.IsSurrogate(y);
            if (sx != sy) return sx ? 1 : -1;
            return x < y ? -1 : 1;
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>A Go int from a .NET int (Go's <c>reflect.ValueOf(i)</c>).</summary>
    public static object GoInt(long i) => (nint)i;
}
