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
/// The values and the settings every chart operation shares are <see cref="ChartOptions"/>'s.
/// An options object may be shared by concurrent renders as long as nobody changes it meanwhile.
/// </remarks>
public sealed class RenderOptions : ChartOptions
{
    /// <summary>The release name (<c>.Release.Name</c>; helm's <c>release-name</c> when none is given).</summary>
    public string ReleaseName { get; set; } = "release-name";

    /// <summary><c>--is-upgrade</c>: <c>.Release.IsUpgrade</c> instead of <c>.Release.IsInstall</c>.</summary>
    public bool IsUpgrade { get; set; }

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

    /// <summary><c>--render-subchart-notes</c>: <see cref="TemplateResult.Notes"/> includes the subcharts' notes.</summary>
    public bool RenderSubchartNotes { get; set; }

    /// <summary>Engine limits and clock (<see cref="TemplateOptions.MaxOutputBytes"/>, <see cref="TemplateOptions.Clock"/> …); the render sets the rest.</summary>
    public TemplateOptions? EngineOptions { get; set; }

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
        request.Values = MergeValues();
        return request;
    }
}
