namespace HelmSharp.Go;

/// <summary>
/// Shared boxes of Go values that are made over and over: the two bools, and the int64s and float64s of the small
/// non-negative integers. A box is immutable and values are compared by value, so which instance holds a value is not
/// observable; sharing them saves an allocation per comparison result, per decoded <c>true</c> or <c>replicas: 1</c>.
/// </summary>
internal static class GoBoxes
{
    /// <summary>The boxed bools.</summary>
    public static readonly object True = true, False = false;

    private const int SmallInts = 1024;
    // filled on first use (two threads may both box a value; either box will do)
    private static readonly object?[] s_int64s = new object?[SmallInts];
    private static readonly object?[] s_float64s = new object?[SmallInts];
    private static readonly object?[] s_ints = new object?[SmallInts + 1];

    /// <summary><paramref name="b"/> boxed (one of two shared boxes).</summary>
    public static object Bool(bool b) => b ? True : False;

    /// <summary><paramref name="v"/> boxed as a long (shared for 0 to 1023).</summary>
    public static object Int64(long v) => (ulong)v < SmallInts ? s_int64s[v] ??= v : v;

    /// <summary><paramref name="v"/> boxed as a Go <c>int</c> (nint; shared for 0 to 1024, the template executor's loop indexes and literals).</summary>
    public static object Int(long v) => (ulong)v < (ulong)s_ints.Length ? s_ints[v] ??= (nint)v : (nint)v;

    /// <summary><paramref name="v"/> as a boxed double (shared for 0 to 1023).</summary>
    public static object Float64(long v) => (ulong)v < SmallInts ? s_float64s[v] ??= (double)v : (double)v;
}
