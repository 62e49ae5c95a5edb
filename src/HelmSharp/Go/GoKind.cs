namespace HelmSharp.Go;

/// <summary>Go's <c>reflect.Kind</c>: the kind of a Go value as the template engine and Sprig see it.</summary>
public enum GoKind
{
    /// <summary>No value (a nil interface, a missing map key).</summary>
    Invalid,
#pragma warning disable CS1591
    Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
    Float32, Float64, Complex64, Complex128, Array, Chan, Func, Interface, Map, Pointer, Slice,
    String, Struct, UnsafePointer,
#pragma warning restore CS1591
}

/// <summary>Helpers on <see cref="GoKind"/>.</summary>
internal static class GoKindExtensions
{
    /// <summary>Go's <c>Kind.String()</c> (e.g. <c>float64</c>, <c>map</c>, <c>ptr</c>).</summary>
    public static string GoName(this GoKind k) => k switch
    {
        GoKind.Invalid => "invalid",
        GoKind.Pointer => "ptr",
        GoKind.UnsafePointer => "unsafe.Pointer",
        _ => k.ToString().ToLowerInvariant(),
    };

    /// <summary>True for int, int8 … int64.</summary>
    public static bool IsSignedInt(this GoKind k) => k is >= GoKind.Int and <= GoKind.Int64;
    /// <summary>True for uint, uint8 … uintptr.</summary>
    public static bool IsUnsignedInt(this GoKind k) => k is >= GoKind.Uint and <= GoKind.Uintptr;
    /// <summary>True for float32 and float64.</summary>
    public static bool IsFloat(this GoKind k) => k is GoKind.Float32 or GoKind.Float64;
    /// <summary>True for kinds whose zero value is nil.</summary>
    public static bool CanBeNil(this GoKind k) => k is GoKind.Chan or GoKind.Func or GoKind.Interface or GoKind.Map or GoKind.Pointer or GoKind.Slice or GoKind.UnsafePointer;
}
