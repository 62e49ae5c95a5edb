using HelmSharp.Template;

namespace HelmSharp.Rendering;

/// <summary>The settings of one <c>helm template</c> run (everything but the chart and the value sources).</summary>
internal sealed class TemplateRequest
{
    /// <summary>The release name (<c>release-name</c> when none is given, as helm does).</summary>
    public string ReleaseName { get; set; } = "release-name";
    /// <summary><c>.Release.Namespace</c>.</summary>
    public string Namespace { get; set; } = "default";
    /// <summary>Emulated helm major version: 4 (v4.1.4) or 3 (v3.17.3); any other number is rejected by the render.</summary>
    public int HelmMajor { get; set; } = 4;
    /// <summary><c>--is-upgrade</c>.</summary>
    public bool IsUpgrade { get; set; }
    /// <summary><c>--kube-version</c>.</summary>
    public string? KubeVersion { get; set; }
    /// <summary><c>-a/--api-versions</c>.</summary>
    public List<string> ApiVersions { get; } = [];
    /// <summary><c>--include-crds</c>.</summary>
    public bool IncludeCrds { get; set; }
    /// <summary><c>--skip-tests</c>.</summary>
    public bool SkipTests { get; set; }
    /// <summary><c>--no-hooks</c>.</summary>
    public bool NoHooks { get; set; }
    /// <summary><c>-s/--show-only</c> patterns.</summary>
    public List<string> ShowOnly { get; } = [];
    /// <summary><c>--skip-schema-validation</c>.</summary>
    public bool SkipSchemaValidation { get; set; }
    /// <summary><c>--render-subchart-notes</c>.</summary>
    public bool RenderSubchartNotes { get; set; }
    /// <summary>
    /// User values (already merged from <c>-f</c> and the <c>--set</c> family). Nested .NET collections and objects are
    /// converted as <see cref="HelmSharp.ChartOptions.Values"/> describes.
    /// </summary>
    public Dictionary<string, object?>? Values { get; set; }
    /// <summary>Engine options (limits, clock); <see cref="TemplateOptions.MissingKey"/> and <see cref="TemplateOptions.HelmMajor"/> are set by the renderer.</summary>
    public TemplateOptions? EngineOptions { get; set; }
}
