using HelmSharp.Values;

namespace HelmSharp;

/// <summary>
/// What every operation on a chart shares (<see cref="RenderOptions"/> for <c>helm template</c>, <see cref="Lint.LintOptions"/>
/// for <c>helm lint</c>): the helm version to reproduce, the namespace and Kubernetes version, and the user's values.
/// </summary>
/// <remarks>
/// Values are merged in helm's order: the chart's <c>values.yaml</c>, then <see cref="ValueFiles"/>, then
/// <see cref="Values"/> (as if it were one more values file), then <see cref="SetJson"/>, <see cref="Set"/>,
/// <see cref="SetString"/>, <see cref="SetFile"/>, <see cref="SetLiteral"/>.
/// </remarks>
public abstract class ChartOptions
{
    private protected ChartOptions() { }

    private HelmVersion _helmVersion = HelmVersion.V4;

    /// <summary>The helm release to reproduce (default <see cref="HelmVersion.V4"/>); an undefined value throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public HelmVersion HelmVersion
    {
        get => _helmVersion;
        set { value.Major(nameof(value)); _helmVersion = value; }
    }

    /// <summary><c>.Release.Namespace</c> (<c>-n/--namespace</c>).</summary>
    public string Namespace { get; set; } = "default";

    /// <summary><c>--kube-version</c> (<c>.Capabilities.KubeVersion</c>).</summary>
    public string? KubeVersion { get; set; }

    /// <summary><c>--skip-schema-validation</c>.</summary>
    public bool SkipSchemaValidation { get; set; }

    /// <summary>
    /// Values as a .NET object, merged after <see cref="ValueFiles"/> and before the <c>--set</c> family: an
    /// <see cref="System.Collections.IDictionary"/> or <c>IDictionary&lt;string, object?&gt;</c>, an object (a record,
    /// a class, an anonymous object) read by its public properties, or a System.Text.Json <c>JsonElement</c>/<c>JsonNode</c> object.
    /// </summary>
    /// <remarks>
    /// <para>The values are converted once, when the render starts, into the values helm works on:</para>
    /// <list type="bullet">
    /// <item>dictionaries (any <see cref="System.Collections.IDictionary"/>, <c>IDictionary&lt;string, object?&gt;</c>,
    /// <c>IReadOnlyDictionary&lt;string, object?&gt;</c>) become <c>map[string]interface {}</c>; keys must be strings,
    /// chars, integers, enums or GUIDs (written as text);</item>
    /// <item>lists, arrays, sets and any other <see cref="System.Collections.IEnumerable"/> become <c>[]interface {}</c>
    /// (<c>byte[]</c> stays <c>[]uint8</c>, which <c>toYaml</c> writes as base64, as Go does);</item>
    /// <item>other objects become <c>map[string]interface {}</c> of their public readable properties, by property name
    /// (so name them as the chart does: <c>replicaCount</c>, or use <c>[JsonPropertyName]</c>); properties that are
    /// null are left out, so they do not delete the chart's defaults (put a null in a dictionary to delete a key, as in
    /// helm); <c>[JsonIgnore]</c> is honoured. Fields are not read;</item>
    /// <item>numbers keep their Go type: <c>int</c> is <c>int32</c>, <c>long</c> <c>int64</c>, <c>double</c>
    /// <c>float64</c>, <c>float</c> <c>float32</c>, unsigned types <c>uint…</c>; <c>decimal</c> becomes <c>float64</c>.
    /// (A values file gives <c>float64</c> for every number: <c>{{ .Values.port }}</c> prints the same either way,
    /// but <c>printf "%d"</c> works only on the integers.) JSON numbers (<c>JsonElement</c>) are <c>float64</c>, as
    /// Go's encoding/json reads them;</item>
    /// <item>strings, bools and null as they are; <c>char</c>, enums (their name), <see cref="Guid"/>, <see cref="Uri"/>
    /// and <see cref="Version"/> as text; <see cref="DateTime"/>, <see cref="DateTimeOffset"/>, <see cref="DateOnly"/>,
    /// <see cref="TimeOnly"/> as ISO 8601 text (as System.Text.Json writes them); <see cref="TimeSpan"/> as a Go
    /// duration (<c>1m30s</c>, what Kubernetes fields expect).</item>
    /// </list>
    /// <para>Anything else (delegates, streams, tasks, objects without public properties, multi-dimensional
    /// arrays, a graph that contains itself) is a <see cref="ValuesException"/> naming the type and where it is
    /// (<c>.image.tags[2]</c>). Objects are read with reflection: in a trimmed or NativeAOT app keep their properties
    /// (or pass dictionaries).</para>
    /// </remarks>
    public object? Values { get; set; }

    /// <summary><c>-f/--values</c>: values files (YAML) merged in order.</summary>
    public IList<string> ValueFiles { get; } = new List<string>();

    /// <summary><c>--set</c> lines (<c>image.tag=1.2.3,replicas=2</c>).</summary>
    public IList<string> Set { get; } = new List<string>();

    /// <summary><c>--set-string</c> lines.</summary>
    public IList<string> SetString { get; } = new List<string>();

    /// <summary><c>--set-file</c> lines (<c>key=path</c>).</summary>
    public IList<string> SetFile { get; } = new List<string>();

    /// <summary><c>--set-json</c> lines.</summary>
    public IList<string> SetJson { get; } = new List<string>();

    /// <summary><c>--set-literal</c> lines.</summary>
    public IList<string> SetLiteral { get; } = new List<string>();

    /// <summary>The helm major version number (3 or 4).</summary>
    internal int HelmMajor => _helmVersion.Major();

    /// <summary>The user's values merged in helm's order (reads the values files): helm's <c>Options.MergeValues</c>.</summary>
    internal Dictionary<string, object?> MergeValues()
    {
        var values = new ValueOptions { ObjectValues = DotNetValues.ToValuesMap(Values) };
        values.ValueFiles.AddRange(ValueFiles);
        values.Values.AddRange(Set);
        values.StringValues.AddRange(SetString);
        values.FileValues.AddRange(SetFile);
        values.JsonValues.AddRange(SetJson);
        values.LiteralValues.AddRange(SetLiteral);
        return values.MergeValues(HelmMajor);
    }
}
