using HelmSharp.Rendering;
using HelmSharp.Template;
using HelmSharp.Values;

namespace HelmSharp;

/// <summary>
/// Everything about one render but the chart: the helm version to reproduce, the release, the values and
/// <c>helm template</c>'s switches. One object for <see cref="HelmChart.Render(string, RenderOptions?, CancellationToken)"/>
/// and <see cref="CompiledChart.Render(RenderOptions?, CancellationToken)"/>; the defaults are <c>helm template</c>'s.
/// </summary>
/// <remarks>
/// Values are merged in helm's order: the chart's <c>values.yaml</c>, then <see cref="ValueFiles"/>, then
/// <see cref="Values"/> (as if it were one more values file), then <see cref="SetJson"/>, <see cref="Set"/>,
/// <see cref="SetString"/>, <see cref="SetFile"/>, <see cref="SetLiteral"/>.
/// An options object may be shared by concurrent renders as long as nobody changes it meanwhile.
/// </remarks>
public sealed class RenderOptions
{
    private HelmVersion _helmVersion = HelmVersion.V4;

    /// <summary>The helm release to reproduce (default <see cref="HelmVersion.V4"/>); an undefined value throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public HelmVersion HelmVersion
    {
        get => _helmVersion;
        set { value.Major(nameof(value)); _helmVersion = value; }
    }

    /// <summary>The release name (<c>.Release.Name</c>; helm's <c>release-name</c> when none is given).</summary>
    public string ReleaseName { get; set; } = "release-name";

    /// <summary><c>.Release.Namespace</c> (<c>-n/--namespace</c>).</summary>
    public string Namespace { get; set; } = "default";

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

    /// <summary><c>--is-upgrade</c>: <c>.Release.IsUpgrade</c> instead of <c>.Release.IsInstall</c>.</summary>
    public bool IsUpgrade { get; set; }

    /// <summary><c>--kube-version</c> (<c>.Capabilities.KubeVersion</c>).</summary>
    public string? KubeVersion { get; set; }

    /// <summary><c>-a/--api-versions</c>: extra <c>.Capabilities.APIVersions</c>.</summary>
    public IList<string> ApiVersions { get; } = new List<string>();

    /// <summary><c>--include-crds</c>: put the <c>crds/</c> files into the output.</summary>
    public bool IncludeCrds { get; set; }

    /// <summary><c>--skip-tests</c>: leave test hooks out of the output.</summary>
    public bool SkipTests { get; set; }

    /// <summary><c>--no-hooks</c>: leave hooks out of the output.</summary>
    public bool NoHooks { get; set; }

    /// <summary><c>-s/--show-only</c>: only the manifests of these templates.</summary>
    public IList<string> ShowOnly { get; } = new List<string>();

    /// <summary><c>--skip-schema-validation</c>.</summary>
    public bool SkipSchemaValidation { get; set; }

    /// <summary><c>--render-subchart-notes</c>: <see cref="TemplateResult.Notes"/> includes the subcharts' notes.</summary>
    public bool RenderSubchartNotes { get; set; }

    /// <summary>Engine limits and clock (<see cref="TemplateOptions.MaxOutputBytes"/>, <see cref="TemplateOptions.Clock"/> …); the render sets the rest.</summary>
    public TemplateOptions? EngineOptions { get; set; }

    /// <summary>The helm major version number (3 or 4).</summary>
    internal int HelmMajor => _helmVersion.Major();

    /// <summary>The low-level request these options describe, with the values merged (reads the values files).</summary>
    internal TemplateRequest ToRequest()
    {
        int major = HelmMajor;
        var request = new TemplateRequest
        {
            HelmMajor = major,
            ReleaseName = ReleaseName ?? throw new ArgumentNullException(nameof(ReleaseName)),
            Namespace = Namespace ?? throw new ArgumentNullException(nameof(Namespace)),
            IsUpgrade = IsUpgrade,
            KubeVersion = KubeVersion,
            IncludeCrds = IncludeCrds,
            SkipTests = SkipTests,
            NoHooks = NoHooks,
            SkipSchemaValidation = SkipSchemaValidation,
            RenderSubchartNotes = RenderSubchartNotes,
            EngineOptions = EngineOptions,
        };
        request.ApiVersions.AddRange(ApiVersions);
        request.ShowOnly.AddRange(ShowOnly);
        var values = new ValueOptions { ObjectValues = DotNetValues.ToValuesMap(Values) };
        values.ValueFiles.AddRange(ValueFiles);
        values.Values.AddRange(Set);
        values.StringValues.AddRange(SetString);
        values.FileValues.AddRange(SetFile);
        values.JsonValues.AddRange(SetJson);
        values.LiteralValues.AddRange(SetLiteral);
        request.Values = values.MergeValues(major);
        return request;
    }
}
