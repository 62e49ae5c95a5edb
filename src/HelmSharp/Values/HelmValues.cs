using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Functions;
using HelmSharp.Yaml;

namespace HelmSharp.Values;

/// <summary>
/// Helm's named values map type (<c>chartutil.Values</c> in helm 3, <c>common.Values</c> in helm 4):
/// the type of <c>.Values</c> in templates. Nested maps are plain <c>map[string]interface {}</c>
/// (<see cref="Dictionary{TKey,TValue}"/> of exactly that type). Its methods <c>YAML</c>,
/// <c>Table</c>, <c>AsMap</c>, <c>Encode</c> and <c>PathValue</c> shadow keys of the same name.
/// </summary>
internal sealed class HelmValues : Dictionary<string, object?>, IGoMethods, ICloneable
{
    private static readonly GoType s_helm3 = GoType.Named("chartutil.Values", GoType.MapStringInterface);
    private static readonly GoType s_helm4 = GoType.Named("common.Values", GoType.MapStringInterface);

    /// <summary>Creates an empty values map for the given helm major version (3 or 4).</summary>
    public HelmValues(int helmMajor = 4) : base(StringComparer.Ordinal) => HelmMajor = helmMajor;

    /// <summary>Creates a values map holding the entries of <paramref name="source"/> (shallow copy).</summary>
    public HelmValues(IDictionary<string, object?> source, int helmMajor = 4) : base(source, StringComparer.Ordinal) => HelmMajor = helmMajor;

    /// <summary>A shallow copy of the same named type (lets Sprig's <c>deepCopy</c> keep <c>common.Values</c>).</summary>
    public object Clone() => new HelmValues(this, HelmMajor);

    /// <summary>The helm major version whose type name this value carries.</summary>
    public int HelmMajor { get; }

    /// <summary>The Go type name as <c>%T</c> prints it for this helm version.</summary>
    public static GoType TypeFor(int helmMajor) => helmMajor == 3 ? s_helm3 : s_helm4;

    /// <inheritdoc/>
    public GoType GoType => HelmMajor == 3 ? s_helm3 : s_helm4;

    /// <summary><c>Values.YAML()</c>: the map encoded as YAML (<c>sigs.k8s.io/yaml.Marshal</c>).</summary>
    public string ToYaml() => GoYaml.Marshal(AsMap());

    /// <summary><c>Values.AsMap()</c>: the entries as a plain <c>map[string]interface {}</c> (same nested objects).</summary>
    public Dictionary<string, object?> AsMap()
    {
        var d = new Dictionary<string, object?>(Count, StringComparer.Ordinal);
        foreach (var kv in this) d[kv.Key] = kv.Value;
        return d;
    }

    /// <summary>
    /// <c>Values.Table(name)</c>: the table at a dotted path. Throws <see cref="ValuesException"/>
    /// with helm's <c>"x" is not a table</c> when an element is missing or not a map.
    /// </summary>
    public HelmValues Table(string name)
    {
        var (table, err) = TryTable(this, name, HelmMajor);
        if (err != null) throw new ValuesException(err);
        return table;
    }

    internal static (HelmValues table, string? error) TryTable(IDictionary<string, object?> root, string name, int helmMajor)
    {
        IDictionary<string, object?> cur = root;
        foreach (var part in name.Split('.'))
        {
            if (!cur.TryGetValue(part, out var v))
                return (Wrap(cur, helmMajor), "\"" + part + "\" is not a table");
            if (v is Dictionary<string, object?> d) { cur = d; continue; }
            return (new HelmValues(helmMajor), "\"" + part + "\" is not a table");
        }
        return (Wrap(cur, helmMajor), null);
    }

    private static HelmValues Wrap(IDictionary<string, object?> d, int helmMajor) =>
        d as HelmValues ?? new HelmValues(d, helmMajor);

    /// <summary>
    /// <c>Values.PathValue(path)</c>: the non-table value at a dotted path. Throws
    /// <see cref="ValuesException"/> (<c>YAML path cannot be empty</c>, <c>"k" is not a value</c>).
    /// </summary>
    public object? PathValue(string path)
    {
        var (ok, value, err) = TryPathValue(this, path);
        if (!ok) throw new ValuesException(err!);
        return value;
    }

    internal static (bool ok, object? value, string? error) TryPathValue(IDictionary<string, object?> root, string path)
    {
        if (path.Length == 0) return (false, null, "YAML path cannot be empty");
        var parts = path.Split('.');
        if (parts.Length == 1)
        {
            if (root.TryGetValue(parts[0], out var v) && v is not Dictionary<string, object?>) return (true, v, null);
            return (false, null, "\"" + parts[0] + "\" is not a value");
        }
        var key = parts[^1];
        IDictionary<string, object?> cur = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (cur.TryGetValue(parts[i], out var v) && v is Dictionary<string, object?> d) cur = d;
            else return (false, null, "\"" + key + "\" is not a value");
        }
        if (cur.TryGetValue(key, out var k) && k is not Dictionary<string, object?>) return (true, k, null);
        return (false, null, "\"" + key + "\" is not a value");
    }

    /// <inheritdoc/>
    public bool TryGetMethod(string name, out GoMethod method)
    {
        switch (name)
        {
            case "YAML":
                method = new GoMethod("YAML", [], _ =>
                {
                    try { return ToYaml(); }
                    catch (GoYamlException e) { throw new GoFunctionException(e.Message); }
                }, returnsError: true);
                return true;
            case "AsMap":
                method = new GoMethod("AsMap", [], _ => AsMap());
                return true;
            case "Table":
                method = new GoMethod("Table", [GoType.String], a =>
                {
                    var (t, err) = TryTable(this, (string)a[0]!, HelmMajor);
                    if (err != null) throw new GoFunctionException(err);
                    return t;
                }, returnsError: true);
                return true;
            case "PathValue":
                method = new GoMethod("PathValue", [GoType.String], a =>
                {
                    var (ok, v, err) = TryPathValue(this, (string)a[0]!);
                    if (!ok) throw new GoFunctionException(err!);
                    return v;
                }, returnsError: true);
                return true;
            case "Encode":
                // Encode(w io.Writer) error: no template value can be an io.Writer.
                method = new GoMethod("Encode", [GoType.Named("io.Writer", GoType.Interface)],
                    _ => throw new GoFunctionException("Encode needs an io.Writer"), returnsError: true);
                return true;
        }
        method = null!;
        return false;
    }
}

/// <summary>An error from values handling (parsing <c>--set</c>, coalescing, tables), carrying helm's message.</summary>
public class ValuesException : HelmSharpException
{
    /// <summary>Creates the error with helm's exact message text.</summary>
    public ValuesException(string message) : base(message) { }
    /// <summary>Creates the error with helm's exact message text and a cause.</summary>
    public ValuesException(string message, Exception inner) : base(message, inner) { }
}
