using System.Collections.Concurrent;

namespace HelmSharp.Go;

/// <summary>
/// A Go type, as far as templates can observe it: its printed name (<c>%T</c>), kind, element and
/// key types, and for named types the underlying type (which decides assignability).
/// </summary>
/// <remarks>
/// The primitive mapping between .NET and Go values (no wrappers on the hot path):
/// <list type="table">
/// <item><term><c>null</c></term><description>nil (no type: <see cref="Of"/> returns null)</description></item>
/// <item><term><c>bool</c>, <c>string</c>, <c>double</c>, <c>float</c></term><description><c>bool</c>, <c>string</c>, <c>float64</c>, <c>float32</c></description></item>
/// <item><term><c>nint</c>, <c>long</c>, <c>int</c>, <c>short</c>, <c>sbyte</c></term><description><c>int</c> (64-bit like Go), <c>int64</c>, <c>int32</c>, <c>int16</c>, <c>int8</c></description></item>
/// <item><term><c>nuint</c>, <c>ulong</c>, <c>uint</c>, <c>ushort</c>, <c>byte</c></term><description><c>uint</c>, <c>uint64</c>, <c>uint32</c>, <c>uint16</c>, <c>uint8</c></description></item>
/// <item><term><c>T[]</c></term><description><c>[]T</c> (so <c>object?[]</c> is <c>[]interface {}</c>, <c>string[]</c> is <c>[]string</c>, <c>byte[]</c> is <c>[]uint8</c>)</description></item>
/// <item><term><c>Dictionary&lt;string, T&gt;</c> (exact type)</term><description><c>map[string]T</c></description></item>
/// <item><term><see cref="IGoValue"/></term><description>whatever its <see cref="IGoValue.GoType"/> says (named types, structs, pointers)</description></item>
/// </list>
/// </remarks>
public sealed class GoType
{
    private static readonly ConcurrentDictionary<Type, GoType> s_clr = new();
    private static readonly ConcurrentDictionary<string, GoType> s_unnamed = new();

    /// <summary>The type's name as Go's <c>%T</c> prints it.</summary>
    public string Name { get; }
    /// <summary>The type's kind.</summary>
    public GoKind Kind { get; }
    /// <summary>Element type of slices, arrays, maps and pointers.</summary>
    public GoType? Elem { get; }
    /// <summary>Key type of maps.</summary>
    public GoType? Key { get; }
    /// <summary>For a named type: its underlying unnamed type. For unnamed types: this type.</summary>
    public GoType Underlying { get; }
    /// <summary>True for named (defined) types such as <c>chartutil.Values</c> or <c>int</c>.</summary>
    public bool IsNamed { get; }
    /// <summary>The .NET type that carries values of this Go type, where there is one.</summary>
    public Type? ClrType { get; }

    private GoType(string name, GoKind kind, GoType? elem, GoType? key, GoType? underlying, bool named, Type? clr)
    {
        Name = name; Kind = kind; Elem = elem; Key = key; Underlying = underlying ?? this; IsNamed = named; ClrType = clr;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

#pragma warning disable CS1591
    public static readonly GoType Interface = new("interface {}", GoKind.Interface, null, null, null, false, typeof(object));
    public static readonly GoType Bool = Basic("bool", GoKind.Bool, typeof(bool));
    public static readonly GoType String = Basic("string", GoKind.String, typeof(string));
    public static readonly GoType Int = Basic("int", GoKind.Int, typeof(nint));
    public static readonly GoType Int8 = Basic("int8", GoKind.Int8, typeof(sbyte));
    public static readonly GoType Int16 = Basic("int16", GoKind.Int16, typeof(short));
    public static readonly GoType Int32 = Basic("int32", GoKind.Int32, typeof(int));
    public static readonly GoType Int64 = Basic("int64", GoKind.Int64, typeof(long));
    public static readonly GoType Uint = Basic("uint", GoKind.Uint, typeof(nuint));
    public static readonly GoType Uint8 = Basic("uint8", GoKind.Uint8, typeof(byte));
    public static readonly GoType Uint16 = Basic("uint16", GoKind.Uint16, typeof(ushort));
    public static readonly GoType Uint32 = Basic("uint32", GoKind.Uint32, typeof(uint));
    public static readonly GoType Uint64 = Basic("uint64", GoKind.Uint64, typeof(ulong));
    public static readonly GoType Float32 = Basic("float32", GoKind.Float32, typeof(float));
    public static readonly GoType Float64 = Basic("float64", GoKind.Float64, typeof(double));
    public static readonly GoType Complex128 = Basic("complex128", GoKind.Complex128, typeof(System.Numerics.Complex));
    public static readonly GoType SliceInterface = SliceOf(Interface);
    public static readonly GoType SliceString = SliceOf(String);
    public static readonly GoType SliceInt = SliceOf(Int);
    public static readonly GoType SliceUint8 = SliceOf(Uint8);
    public static readonly GoType MapStringInterface = MapOf(String, Interface);
    public static readonly GoType MapStringString = MapOf(String, String);
#pragma warning restore CS1591

    static GoType() => s_clr[typeof(object)] = Interface;

    private static GoType Basic(string name, GoKind kind, Type clr)
    {
        var t = new GoType(name, kind, null, null, null, true, clr);
        s_clr[clr] = t;
        return t;
    }

    /// <summary>The unnamed slice type <c>[]elem</c>.</summary>
    public static GoType SliceOf(GoType elem)
    {
        var name = "[]" + elem.Name;
        return s_unnamed.GetOrAdd(name, n => new GoType(n, GoKind.Slice, elem, null, null, false, null));
    }

    /// <summary>The unnamed map type <c>map[key]elem</c>.</summary>
    public static GoType MapOf(GoType key, GoType elem)
    {
        var name = "map[" + key.Name + "]" + elem.Name;
        return s_unnamed.GetOrAdd(name, n => new GoType(n, GoKind.Map, elem, key, null, false, null));
    }

    /// <summary>The unnamed pointer type <c>*elem</c>.</summary>
    public static GoType PointerTo(GoType elem) => new("*" + elem.Name, GoKind.Pointer, elem, null, null, false, null);

    /// <summary>A named (defined) type, e.g. <c>chartutil.Values</c> over <c>map[string]interface {}</c>.</summary>
    public static GoType Named(string name, GoType underlying) =>
        new(name, underlying.Kind, underlying.Elem, underlying.Key, underlying.Underlying, true, null);

    /// <summary>A named struct type (fields are reached through <see cref="IGoStruct"/>).</summary>
    public static GoType Struct(string name) => new(name, GoKind.Struct, null, null, null, true, null);

    /// <summary>The Go type of a value carried by the .NET object <paramref name="value"/>; null for nil.</summary>
    public static GoType? Of(object? value)
    {
        switch (value)
        {
            case null: return null;
            case string: return String;
            case bool: return Bool;
            case double: return Float64;
            case long: return Int64;
            case nint: return Int;
            case IGoValue g: return g.GoType;
            case object?[] a when a.GetType() == typeof(object[]): return SliceInterface;
            case Dictionary<string, object?> d when d.GetType() == typeof(Dictionary<string, object?>): return MapStringInterface;
        }
        return FromClr(value.GetType());
    }

    /// <summary>The Go type for a .NET type under the primitive mapping, or a synthetic type named after the .NET type.</summary>
    public static GoType FromClr(Type t)
    {
        if (s_clr.TryGetValue(t, out var known)) return known;
        if (t.IsArray && t.GetArrayRank() == 1) return s_clr.GetOrAdd(t, SliceOf(FromClr(t.GetElementType()!)));
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var a = t.GetGenericArguments();
            return s_clr.GetOrAdd(t, MapOf(FromClr(a[0]), FromClr(a[1])));
        }
        var g = new GoType(t.Name, GoKind.Struct, null, null, null, true, t);
        return s_clr.GetOrAdd(t, g);
    }

    /// <summary>True when the type's zero value is nil.</summary>
    public bool CanBeNil => Kind.CanBeNil();

    /// <summary>
    /// Go's <c>AssignableTo</c>: identical types; identical underlying types where at least one is
    /// unnamed; anything to <c>interface {}</c>.
    /// </summary>
    public bool IsAssignableTo(GoType target)
    {
        if (ReferenceEquals(this, target) || target.Kind == GoKind.Interface) return true;
        if (Name == target.Name && IsNamed == target.IsNamed) return true;
        if (IsNamed && target.IsNamed) return false;
        return Underlying.Name == target.Underlying.Name;
    }

    /// <summary>The Go zero value of this type as a .NET object (nil for nillable kinds).</summary>
    public object? ZeroValue => Kind switch
    {
        GoKind.Bool => false,
        GoKind.String => "",
        GoKind.Int => (nint)0,
        GoKind.Int8 => (sbyte)0,
        GoKind.Int16 => (short)0,
        GoKind.Int32 => 0,
        GoKind.Int64 => 0L,
        GoKind.Uint => (nuint)0,
        GoKind.Uint8 => (byte)0,
        GoKind.Uint16 => (ushort)0,
        GoKind.Uint32 => 0u,
        GoKind.Uint64 => 0UL,
        GoKind.Float32 => 0f,
        GoKind.Float64 => 0d,
        GoKind.Complex128 => System.Numerics.Complex.Zero,
        _ => null,
    };
}
