using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HelmSharp.Go;
using HelmSharp.Go.Time;

namespace HelmSharp.Values;

/// <summary>
/// Turns the values a .NET program holds into the Go values the engine works on, once, where they enter
/// (render values, template data). The rules are documented on <see cref="HelmSharp.ChartOptions.Values"/>.
/// </summary>
/// <remarks>
/// Two modes. For chart values every map becomes <c>map[string]interface {}</c> and every list
/// <c>[]interface {}</c>, the shapes a values file gives, so coalescing, <c>set</c>, <c>merge</c> and
/// <c>toYaml</c> treat them as they treat values from a file. For the standalone engine's data, values already in
/// the engine's Go model (typed arrays such as <c>string[]</c> = <c>[]string</c>, <c>Dictionary&lt;K, V&gt;</c> =
/// <c>map[K]V</c>, <see cref="IGoValue"/>) keep their Go type and only foreign types are converted.
/// Scalars keep their Go type in both (a C# <c>int</c> is Go's <c>int32</c>, <c>long</c> is <c>int64</c>,
/// <c>double</c> is <c>float64</c>). Values already in the model are returned as they are (no copy).
/// </remarks>
internal static class DotNetValues
{
    /// <summary>Deepest nesting converted (as deep as helm's own values handling goes).</summary>
    internal const int MaxDepth = 10_000;

    /// <summary>Most elements read from one sequence (an endless <see cref="IEnumerable"/> must not hang the render).</summary>
    internal const int MaxSequenceLength = 1 << 20;

    /// <summary>
    /// The user values of a render in the values shapes; <paramref name="values"/> itself when nothing in it needs
    /// converting. Throws <see cref="ValuesException"/> naming the value and the type it cannot convert.
    /// </summary>
    public static Dictionary<string, object?>? ToValuesMap(Dictionary<string, object?>? values) =>
        values == null ? null : (Dictionary<string, object?>)new Converter(valuesMode: true).Convert(values, 0, null)!;

    /// <summary>
    /// A .NET object given as a whole set of values (a dictionary, an object with properties, JSON) as a
    /// <c>map[string]interface {}</c>; null stays null. Anything that is not a map is a <see cref="ValuesException"/>.
    /// </summary>
    public static Dictionary<string, object?>? ToValuesMap(object? values)
    {
        var converted = new Converter(valuesMode: true).Convert(values, 0, null);
        return converted switch
        {
            null => null,
            Dictionary<string, object?> m => m,
            IGoValue g when g is IDictionary<string, object?> d && g.GoType.Kind == GoKind.Map => new Dictionary<string, object?>(d, StringComparer.Ordinal),
            _ => throw new ValuesException($"values must be a map (a dictionary, an object with properties or a JSON object), not {Describe(values!.GetType())}"),
        };
    }

    /// <summary>Template data for the standalone engine: Go-model values as they are, foreign .NET values converted.</summary>
    public static object? ToTemplateData(object? data) => new Converter(valuesMode: false).Convert(data, 0, null);

    /// <summary>A step of the path to the value being converted (printed only in error messages).</summary>
    private sealed class PathStep(PathStep? parent, string? key, int index)
    {
        public override string ToString()
        {
            var steps = new List<PathStep>();
            for (var s = this; s != null; s = s.Parent) steps.Add(s);
            steps.Reverse();
            var sb = new StringBuilder();
            foreach (var s in steps)
            {
                if (s.Key != null) sb.Append('.').Append(s.Key);
                else sb.Append('[').Append(s.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            return sb.ToString();
        }

        public PathStep? Parent { get; } = parent;
        public string? Key { get; } = key;
        public int Index { get; } = index;
    }

    private static string Where(PathStep? path) => path == null ? "the top level" : path.ToString();

    private sealed class Converter(bool valuesMode)
    {
        // The reference-type containers on the path being converted (a graph that refers back to itself is an error).
        private readonly HashSet<object> _open = new(ReferenceEqualityComparer.Instance);

        public object? Convert(object? v, int depth, PathStep? path)
        {
            switch (v)
            {
                case null:
                case string or bool or double or long or nint:
                case int or short or sbyte or nuint or ulong or uint or ushort or byte or float or Complex:
                case IGoValue:
                case byte[]:
                    return v;
                case Dictionary<string, object?> m when m.GetType() == typeof(Dictionary<string, object?>):
                    return Enter(m, depth, path, static (c, x, d, p) => c.WalkMap((Dictionary<string, object?>)x, d, p));
                case object?[] a when a.GetType() == typeof(object[]):
                    return Enter(a, depth, path, static (c, x, d, p) => c.WalkArray((object?[])x, d, p));
                case char c:
                    return c.ToString();
                case decimal m:
                    return (double)m;
                case Half h:
                    return (float)h;
                case Int128 i:
                    return i >= long.MinValue && i <= long.MaxValue ? (long)i : i <= ulong.MaxValue ? (ulong)i : throw OutOfRange(v, path);
                case UInt128 u:
                    return u <= ulong.MaxValue ? (ulong)u : throw OutOfRange(v, path);
                case BigInteger b:
                    return b >= long.MinValue && b <= long.MaxValue ? (long)b : b >= 0 && b <= ulong.MaxValue ? (ulong)b : throw OutOfRange(v, path);
                case Enum e:
                    return e.ToString();
                case DateTime t:
                    return t.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK", CultureInfo.InvariantCulture);
                case DateTimeOffset t:
                    return t.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
                case DateOnly d:
                    return d.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
                case TimeOnly t:
                    return t.ToString("HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture);
                case TimeSpan s:
                    return s.Ticks is > long.MaxValue / 100 or < long.MinValue / 100 ? throw OutOfRange(v, path) : GoDuration.Format(s.Ticks * 100);
                case Guid g:
                    return g.ToString("D");
                case Uri u:
                    return u.OriginalString;
                case Version ver:
                    return ver.ToString();
                case JsonElement je:
                    return FromJson(je, depth, path);
                case JsonDocument jd:
                    return FromJson(jd.RootElement, depth, path);
                case JsonNode jn:
                    return Enter(jn, depth, path, static (c, x, d, p) => c.FromJsonNode((JsonNode)x, d, p));
                case Delegate or MemberInfo or Assembly or Module or Task or Stream or CancellationToken or WaitHandle or IntPtr or UIntPtr or Pointer:
                    throw Unsupported(v.GetType(), path, "it is not data");
            }
            var type = v.GetType();
            if (!valuesMode && IsTypedModelValue(type)) return v;
            if (type.IsArray && type.GetArrayRank() != 1) throw Unsupported(type, path, "only one-dimensional arrays are lists");
            return v switch
            {
                IDictionary<string, object?> or IReadOnlyDictionary<string, object?> or IDictionary =>
                    Enter(v, depth, path, static (c, x, d, p) => c.FromDictionary(x, d, p)),
                IEnumerable e => Enter(e, depth, path, static (c, x, d, p) => c.FromSequence((IEnumerable)x, d, p)),
                _ => Enter(v, depth, path, static (c, x, d, p) => c.FromProperties(x, d, p)),
            };
        }

        private object? Enter(object container, int depth, PathStep? path, Func<Converter, object, int, PathStep?, object?> walk)
        {
            if (depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                throw new ValuesException($"values nesting is too deep (at {Where(path)})");
            bool tracked = !container.GetType().IsValueType;
            if (tracked && !_open.Add(container))
                throw new ValuesException($"cannot convert {Describe(container.GetType())} at {Where(path)} to a value: it contains itself");
            try { return walk(this, container, depth + 1, path); }
            finally { if (tracked) _open.Remove(container); }
        }

        // Copy-on-write walks: the same object back when no entry changed.
        private object WalkMap(Dictionary<string, object?> m, int depth, PathStep? path)
        {
            Dictionary<string, object?>? copy = null;
            foreach (var (k, x) in m)
            {
                var c = Convert(x, depth, new PathStep(path, k, 0));
                if (ReferenceEquals(c, x) && copy == null) continue;
                copy ??= new Dictionary<string, object?>(m, m.Comparer);
                copy[k] = c;
            }
            return copy ?? m;
        }

        private object WalkArray(object?[] a, int depth, PathStep? path)
        {
            object?[]? copy = null;
            for (int i = 0; i < a.Length; i++)
            {
                var c = Convert(a[i], depth, new PathStep(path, null, i));
                if (ReferenceEquals(c, a[i])) continue;
                copy ??= (object?[])a.Clone();
                copy[i] = c;
            }
            return copy ?? a;
        }

        private Dictionary<string, object?> FromDictionary(object d, int depth, PathStep? path)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            void Add(object? key, object? value)
            {
                var k = KeyString(key, d, path);
                if (!result.TryAdd(k, null))
                    throw new ValuesException($"cannot convert {Describe(d.GetType())} at {Where(path)} to a map: two keys are \"{k}\"");
                result[k] = Convert(value, depth, new PathStep(path, k, 0));
            }
            switch (d)
            {
                case IDictionary<string, object?> g: foreach (var (k, x) in g) Add(k, x); break;
                case IReadOnlyDictionary<string, object?> r: foreach (var (k, x) in r) Add(k, x); break;
                default: foreach (DictionaryEntry e in (IDictionary)d) Add(e.Key, e.Value); break;
            }
            return result;
        }

        private object?[] FromSequence(IEnumerable e, int depth, PathStep? path)
        {
            var list = e is ICollection c ? new List<object?>(Math.Min(c.Count, MaxSequenceLength)) : new List<object?>();
            foreach (var x in e)
            {
                if (list.Count == MaxSequenceLength)
                    throw new ValuesException($"cannot convert {Describe(e.GetType())} at {Where(path)} to a list: it has more than {MaxSequenceLength} elements");
                list.Add(Convert(x, depth, new PathStep(path, null, list.Count)));
            }
            return [.. list];
        }

        private Dictionary<string, object?> FromProperties(object o, int depth, PathStep? path)
        {
            var type = o.GetType();
            var readers = Readers(type);
            if (readers.Length == 0) throw Unsupported(type, path, "it has no public properties");
            var result = new Dictionary<string, object?>(readers.Length, StringComparer.Ordinal);
            foreach (var r in readers)
            {
                object? value;
                try { value = r.Get(o); }
                catch (TargetInvocationException e) when (e.InnerException != null)
                {
                    throw new ValuesException($"cannot read {Describe(type)}.{r.Property} at {Where(path)}: {e.InnerException.Message}", e.InnerException);
                }
                if (r.Skip(value)) continue;
                if (!result.TryAdd(r.Name, null))
                    throw new ValuesException($"cannot convert {Describe(type)} at {Where(path)} to a map: two properties are named \"{r.Name}\"");
                result[r.Name] = Convert(value, depth, new PathStep(path, r.Name, 0));
            }
            return result;
        }

        private object? FromJson(JsonElement e, int depth, PathStep? path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                {
                    if (depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                        throw new ValuesException($"values nesting is too deep (at {Where(path)})");
                    var m = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var p in e.EnumerateObject()) m[p.Name] = FromJson(p.Value, depth + 1, new PathStep(path, p.Name, 0)); // the last duplicate wins, as in Go
                    return m;
                }
                case JsonValueKind.Array:
                {
                    if (depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                        throw new ValuesException($"values nesting is too deep (at {Where(path)})");
                    var a = new object?[e.GetArrayLength()];
                    int i = 0;
                    foreach (var x in e.EnumerateArray()) { a[i] = FromJson(x, depth + 1, new PathStep(path, null, i)); i++; }
                    return a;
                }
                case JsonValueKind.String: return e.GetString();
                // JSON numbers are float64, as Go's encoding/json (and so a values file or --set-json) reads them.
                case JsonValueKind.Number: return e.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                default: return null;
            }
        }

        private object? FromJsonNode(JsonNode n, int depth, PathStep? path)
        {
            switch (n)
            {
                case JsonObject o:
                {
                    var m = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var (k, x) in o) m[k] = x == null ? null : Convert(x, depth, new PathStep(path, k, 0));
                    return m;
                }
                case JsonArray a:
                {
                    var l = new object?[a.Count];
                    for (int i = 0; i < l.Length; i++) l[i] = a[i] is { } x ? Convert(x, depth, new PathStep(path, null, i)) : null;
                    return l;
                }
                case JsonValue v:
                    if (v.TryGetValue<JsonElement>(out var je)) return FromJson(je, depth, path);
                    return v.TryGetValue<object>(out var clr) ? Convert(clr, depth, path) : null;
                default:
                    return null;
            }
        }

        private static string KeyString(object? key, object map, PathStep? path) => key switch
        {
            string s => s,
            char c => c.ToString(),
            Enum e => e.ToString(),
            Guid g => g.ToString("D"),
            sbyte or byte or short or ushort or int or uint or long or ulong or nint or nuint or Int128 or UInt128 or BigInteger =>
                ((IFormattable)key).ToString(null, CultureInfo.InvariantCulture),
            _ => throw new ValuesException(
                $"cannot convert {Describe(map.GetType())} at {Where(path)} to a map: a key of type {(key == null ? "null" : Describe(key.GetType()))} is not a string"),
        };
    }

    /// <summary>Typed arrays and dictionaries the engine models as Go typed slices and maps (<c>[]string</c>, <c>map[string]int64</c> …).</summary>
    private static bool IsTypedModelValue(Type t)
    {
        if (t.IsArray) return t.GetArrayRank() == 1 && IsGoScalar(t.GetElementType()!);
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            // map[K]V and map[K]interface {} (whose values are taken as they are).
            var a = t.GetGenericArguments();
            return IsGoScalar(a[0]) && (IsGoScalar(a[1]) || a[1] == typeof(object));
        }
        return false;
    }

    private static bool IsGoScalar(Type t) =>
        t == typeof(string) || t == typeof(bool) || t == typeof(double) || t == typeof(float) || t == typeof(long) || t == typeof(int)
        || t == typeof(short) || t == typeof(sbyte) || t == typeof(nint) || t == typeof(ulong) || t == typeof(uint) || t == typeof(ushort)
        || t == typeof(byte) || t == typeof(nuint);

    private sealed record PropertyReader(string Name, string Property, Func<object, object?> Get, Func<object?, bool> Skip);

    private static readonly ConcurrentDictionary<Type, PropertyReader[]> s_readers = new();

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Objects given as values are read by their public properties; a trimmed app must keep them (documented on RenderOptions.Values).")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "As above: a property's value type is only used for its default value.")]
    private static PropertyReader[] Readers(Type type) => s_readers.GetOrAdd(type, static t =>
    {
        var readers = new List<PropertyReader>();
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetMethod is not { IsPublic: true } || p.GetIndexParameters().Length > 0) continue;
            var ignore = p.GetCustomAttribute<JsonIgnoreAttribute>();
            var condition = ignore?.Condition ?? JsonIgnoreCondition.WhenWritingNull;
            if (condition == JsonIgnoreCondition.Always) continue;
            var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name;
            object? zero = condition == JsonIgnoreCondition.WhenWritingDefault && p.PropertyType.IsValueType
                ? RuntimeHelpers.GetUninitializedObject(p.PropertyType) : null;
            Func<object?, bool> skip = condition switch
            {
                JsonIgnoreCondition.Never => static _ => false,
                JsonIgnoreCondition.WhenWritingDefault => x => x == null || zero != null && zero.Equals(x),
                _ => static x => x == null,
            };
            readers.Add(new PropertyReader(name, p.Name, p.GetValue, skip));
        }
        return [.. readers];
    });

    private static ValuesException Unsupported(Type type, PathStep? path, string why) =>
        new($"cannot convert {Describe(type)} at {Where(path)} to a value: {why}");

    private static ValuesException OutOfRange(object v, PathStep? path) =>
        new($"cannot convert {Describe(v.GetType())} {v} at {Where(path)} to a value: out of range");

    /// <summary>A type as C# writes it (<c>List&lt;String&gt;</c>, <c>an anonymous type</c>).</summary>
    internal static string Describe(Type t)
    {
        if (t.Name.Contains("AnonymousType", StringComparison.Ordinal)) return "an anonymous type";
        if (t.IsArray) return Describe(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]";
        if (!t.IsGenericType) return t.FullName ?? t.Name;
        var name = t.GetGenericTypeDefinition().FullName ?? t.Name;
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        return name + "<" + string.Join(", ", t.GetGenericArguments().Select(Describe)) + ">";
    }
}
