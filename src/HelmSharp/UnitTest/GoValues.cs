using System.Globalization;
using HelmSharp.Go;

namespace HelmSharp.UnitTest;

/// <summary>
/// The values the helm-unittest plugin works with are what go-yaml v3 decodes into <c>interface{}</c>: Go <c>int</c>
/// (<see cref="long"/>), <c>uint64</c> (<see cref="ulong"/>), <c>float64</c> (<see cref="double"/>), <c>string</c>,
/// <c>bool</c>, <c>nil</c>, <c>map[string]interface{}</c> (<see cref="Dictionary{TKey,TValue}"/>) and
/// <c>[]interface{}</c> (<see cref="List{T}"/>). This class holds the Go operations the plugin applies to them.
/// </summary>
internal static class GoValues
{
    /// <summary>Nesting beyond which values are not compared or walked (the YAML layer stops at 10,000 levels already).</summary>
    private const int MaxDepth = 20000;

    /// <summary>
    /// Go's <c>reflect.DeepEqual</c> (types must match: <c>1</c> and <c>1.0</c> differ): the template engine's, which walks
    /// these values too (maps as dictionaries, <c>[]interface {}</c> as lists, NaN unequal to itself).
    /// </summary>
    public static bool DeepEqual(object? a, object? b) => HelmSharp.Sprig.SprigValues.DeepEqual(a, b);

    /// <summary>Go's <c>reflect.TypeOf(v).String()</c> ("" for nil, which the plugin reports as an empty type).</summary>
    public static string TypeName(object? v) => v switch
    {
        null => "",
        string => "string",
        bool => "bool",
        long => "int",
        ulong => "uint64",
        double => "float64",
        Dictionary<string, object?> => "map[string]interface {}",
        List<object?> => "[]interface {}",
        _ => GoFormat.TypeName(v),
    };

    /// <summary>Go's <c>fmt.Sprintf("%v", v)</c>.</summary>
    public static string Sprint(object? v) => v switch
    {
        null => "<nil>",
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d => GoStrconv.FormatFloat(d, 'g', -1, 64),
        _ => GoFormat.FormatValue(ToGoShape(v)),
    };

    // GoFormat knows maps and slices as the template engine holds them; lists of the value model are object?[] there.
    private static object? ToGoShape(object? v) => v switch
    {
        List<object?> l => l.Select(ToGoShape).ToArray(),
        Dictionary<string, object?> m => m.ToDictionary(kv => kv.Key, kv => ToGoShape(kv.Value), StringComparer.Ordinal),
        _ => v,
    };

    /// <summary>
    /// The plugin's <c>IsNullOrEmpty</c> test: nil, an empty map or slice, or a value equal to its type's zero value
    /// (<c>""</c>, <c>0</c>, <c>0.0</c>, <c>false</c>).
    /// </summary>
    public static bool IsEmpty(object? v) => v switch
    {
        null => true,
        Dictionary<string, object?> m => m.Count == 0,
        List<object?> l => l.Count == 0,
        string s => s.Length == 0,
        bool b => !b,
        long l => l == 0,
        ulong u => u == 0,
        double d => d == 0, // -0.0 == 0.0 for DeepEqual in Go as well
        _ => false,
    };

    /// <summary>
    /// The plugin's <c>common.TrustedMarshalYAML</c>: leading newlines removed from every string, then a go-yaml v3
    /// encoder with indent 2.
    /// </summary>
    public static string MarshalYaml(object? v)
    {
        try { return HelmSharp.Yaml.GoYaml.MarshalPretty(StackGuard.Run(v, static x => Copy(x, 0, static y => y is string s ? s.TrimStart('\n') : y))); }
        catch (HelmSharp.Yaml.GoYamlException e) { throw new UnitTestException(e.Message); }
    }

    /// <summary>A deep copy of a value tree (maps and lists copied, scalars shared).</summary>
    public static object? DeepCopy(object? v) => StackGuard.Run(v, static x => Copy(x, 0, static y => y));

    /// <summary>A copy of a value tree (maps and lists copied) with every other value through <paramref name="leaf"/>.</summary>
    private static object? Copy(object? v, int depth, Func<object?, object?> leaf)
    {
        if (depth > MaxDepth) throw new UnitTestException("value nesting too deep");
        switch (v)
        {
            case Dictionary<string, object?> m:
                {
                    var r = new Dictionary<string, object?>(m.Count, StringComparer.Ordinal);
                    foreach (var (k, x) in m) r[k] = Copy(x, depth + 1, leaf);
                    return r;
                }
            case List<object?> l:
                {
                    var r = new List<object?>(l.Count);
                    foreach (var x in l) r.Add(Copy(x, depth + 1, leaf));
                    return r;
                }
            default: return leaf(v);
        }
    }
}

/// <summary>An error of the unit-test runner (a suite that cannot be read, a value that cannot be handled); the message is the plugin's text where it has one.</summary>
public sealed class UnitTestException(string message) : HelmSharpException(message);
