using System.Text;
using System.Text.RegularExpressions;
using HelmSharp.Charts;
using HelmSharp.Rendering.Objects;
using HelmSharp.Semver;
using HelmSharp.Template;
using HelmSharp.Template.Caching;
using HelmSharp.Values;
using HelmSharp.Yaml;

namespace HelmSharp.Rendering;

/// <summary>helm's <c>template</c> command as a library call.</summary>
/// <remarks>
/// One render is four steps: validate the request and the chart (<see cref="Validate"/>), compute the values
/// (<see cref="ComputeValues"/>), run the templates (<see cref="RunEngine"/>, <see cref="RenderEngine"/>) and assemble
/// what helm prints from the rendered files (<see cref="OutputAssembler"/>, <c>Rendering/Output/</c>).
/// </remarks>
internal static partial class HelmTemplate
{
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex ReleaseNameRegex();

    /// <summary>Output cap per template file when <see cref="TemplateRequest.EngineOptions"/> sets none (helm has none and runs out of memory).</summary>
    internal const long DefaultMaxOutputBytes = 256L * 1024 * 1024;

    /// <summary>Renders <paramref name="chart"/> as <c>helm template</c> does. Throws <see cref="HelmTemplateException"/> with helm's message.</summary>
    public static TemplateResult Render(Chart chart, TemplateRequest request, CancellationToken cancellationToken = default) =>
        RenderWith(chart, request, null, cancellationToken);

    /// <summary>
    /// The whole render runs as one job on the engine's large-stack worker: the per-template executions,
    /// <c>include</c> and <c>tpl</c> then run inline on it instead of handing each template to the worker
    /// and waiting (a thread wake-up per template file dominated the render of large charts).
    /// </summary>
    /// <remarks>
    /// A compiled chart first renders sharing its decoded documents (see <see cref="SharedValues"/>); when the render
    /// writes into one it is abandoned before the write, sharing stops for good and the render runs again.
    /// </remarks>
    internal static TemplateResult RenderWith(Chart chart, TemplateRequest request, RenderCaches? caches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(request);
        if (request.HelmMajor is not (3 or 4))
            throw new ArgumentOutOfRangeException(nameof(request), request.HelmMajor, "TemplateRequest.HelmMajor must be 4 (helm v4.1.4) or 3 (helm v3.17.3).");
        try
        {
            try { return TemplateSet.RunWithLargeStack(() => RenderOnWorker(chart, request, caches, cancellationToken)); }
            catch (SharedValueWriteException) when (caches != null)
            {
                caches.StopSharing();
                return TemplateSet.RunWithLargeStack(() => RenderOnWorker(chart, request, caches, cancellationToken));
            }
        }
        catch (Exception e) when (e is not (HelmSharpException or OperationCanceledException or OutOfMemoryException))
        {
            // Whatever else goes wrong inside a render reaches the caller as a render error (the message unchanged).
            throw new HelmTemplateException(e.Message, [], null, e);
        }
    }

    /// <summary>
    /// <c>helm template --output-dir</c>: writes the CRDs (with <see cref="TemplateRequest.IncludeCrds"/>),
    /// manifests and hooks of <paramref name="result"/> as helm does (one file per source template,
    /// each document as <c>---\n# Source: …\n…\n</c>; hooks are appended to existing files) and returns
    /// what helm prints on stdout: a <c>wrote PATH</c> line per document, then the empty manifest line.
    /// </summary>
    /// <param name="result">A successful render.</param>
    /// <param name="request">The request it was rendered from.</param>
    /// <param name="outputDir">The directory as given (helm joins it to the file name textually).</param>
    /// <param name="useReleaseName"><c>--release-name</c>: manifests and hooks go under <c>outputDir/NAME</c>.</param>
    public static string WriteOutputDir(TemplateResult result, TemplateRequest request, string outputDir, bool useReleaseName) =>
        OutputDir.Write(result, request, outputDir, useReleaseName);

    /// <summary>The error a <see cref="HelmTemplateException"/> wraps: a plain <see cref="HelmException"/> only carries the message of the one beneath it.</summary>
    internal static Exception Underneath(HelmException e) =>
        e.GetType() == typeof(HelmException) && e.InnerException != null ? e.InnerException : e;

    private static TemplateResult RenderOnWorker(Chart chart, TemplateRequest request, RenderCaches? caches, CancellationToken cancellationToken)
    {
        var log = new List<string>();
        var (userValues, caps) = Validate(chart, request, log);
        var values = ComputeValues(chart, request, userValues, caches, log);
        var files = RunEngine(values, caps, request, caches, log, cancellationToken);
        var phase = RenderPhases.Start();
        // The documents are slices of the rendered files. When those are pooled, the output is joined, the documents
        // then point into it (or get strings of their own) and the buffers go back to the pool.
        try { return OutputAssembler.Assemble(files, values.Chart, request, caches, log); }
        catch (HelmTemplateException e) when (e.InnerException is ManifestYamlException y)
        {
            // Where the invalid line came from is found on demand, by rendering again (see SourceMap).
            e.SetOutputOrigin(SourceMap.Locator(chart, request, y, cancellationToken));
            throw;
        }
        finally { files.Release(); RenderPhases.End(RenderPhases.Phase.Assembly, phase); }
    }

    /// <summary>
    /// What helm checks before it computes values, in its order: the user values (.NET objects become Go values here,
    /// on the large stack: they may nest as deep as a values file may), the chart type, deprecation, the dependencies,
    /// <c>--kube-version</c>/<c>--api-versions</c> and the release name.
    /// </summary>
    private static (Dictionary<string, object?>? UserValues, Capabilities Caps) Validate(Chart chart, TemplateRequest request, List<string> log)
    {
        int major = request.HelmMajor;
        Dictionary<string, object?>? userValues;
        try { userValues = DotNetValues.ToValuesMap(request.Values); }
        catch (ValuesException e) { throw new HelmTemplateException(e.Message, log, null, e); }
        if (!string.Equals(chart.Metadata.Type, "", StringComparison.Ordinal) && !string.Equals(chart.Metadata.Type, "application", StringComparison.Ordinal))
            throw new HelmTemplateException($"{chart.Metadata.Type} charts are not installable", log, null);
        if (chart.Metadata.Deprecated) log.Add(major >= 4 ? "level=WARN msg=\"this chart is deprecated\"" : "WARNING: This chart is deprecated");
        try { ChartValues.CheckDependencies(chart, major); }
        catch (ChartException e) { throw new HelmTemplateException(e.Message, log, null, e); }

        Capabilities caps;
        try { caps = Capabilities.Create(major, request.KubeVersion, request.ApiVersions); }
        catch (HelmException e) { throw new HelmTemplateException(e.Message, log, null, Underneath(e)); }

        if (!ValidReleaseName(request.ReleaseName))
        {
            var msg = $"release name \"{request.ReleaseName}\": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53";
            if (major >= 4)
            {
                log.Add("level=ERROR msg=\"release name check failed\" error=" + GoQuoteForSlog(msg));
                msg = "release name check failed: " + msg;
            }
            throw new HelmTemplateException(msg, log, null);
        }
        return (userValues, caps);
    }

    /// <summary>The values the templates see (<c>.Values</c>, coalesced and schema-checked) and the processed chart, with their warnings logged.</summary>
    private static RenderValues ComputeValues(Chart chart, TemplateRequest request, Dictionary<string, object?>? userValues, RenderCaches? caches, List<string> log)
    {
        int major = request.HelmMajor;
        RenderValues rv;
        var phase = RenderPhases.Start();
        try
        {
            rv = caches != null
                ? caches.RenderValues(chart, userValues, major, request.SkipSchemaValidation)
                : ChartValues.ToRenderValues(chart, userValues, major, request.SkipSchemaValidation);
        }
        catch (Exception e) when (e is ValuesException or ChartException or GoYamlException)
        {
            throw new HelmTemplateException(e.Message, log, null, e);
        }
        RenderPhases.End(RenderPhases.Phase.Values, phase);
        foreach (var w in rv.Warnings) log.Add(HelmLog.Format(w, major));
        return rv;
    }

    /// <summary>
    /// Runs the templates of the processed chart with helm's top-level objects; first, as helm does when it renders,
    /// checks the chart's <c>kubeVersion</c> against the capabilities.
    /// </summary>
    private static RenderedFiles RunEngine(RenderValues rv, Capabilities caps, TemplateRequest request, RenderCaches? caches, List<string> log, CancellationToken cancellationToken,
        HelmSharp.Template.Exec.OutputRecorder? recorder = null)
    {
        int major = request.HelmMajor;
        var top = new HelmValues(major)
        {
            ["Chart"] = ChartObject.Create(rv.Chart.Metadata, true, major),
            ["Capabilities"] = caps,
            ["Release"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Name"] = request.ReleaseName,
                ["Namespace"] = request.Namespace,
                ["IsUpgrade"] = request.IsUpgrade,
                ["IsInstall"] = !request.IsUpgrade,
                ["Revision"] = (nint)1,
                ["Service"] = "Helm",
            },
            ["Values"] = rv.Values,
        };

        var processed = rv.Chart;
        var kubeConstraint = processed.Metadata.KubeVersion;
        if (kubeConstraint.Length > 0 && !IsCompatibleRange(kubeConstraint, caps.KubeVersion.PointerString()))
            throw new HelmTemplateException($"chart requires kubeVersion: {kubeConstraint} which is incompatible with Kubernetes {caps.KubeVersion.PointerString()}", log, "");

        var engineOptions = request.EngineOptions ?? new TemplateOptions();
        engineOptions = new TemplateOptions
        {
            MissingKey = MissingKey.Zero,
            HelmMajor = major,
            MaxExecDepth = engineOptions.MaxExecDepth,
            // include's 1000-per-name limit interleaved with tpl needs ~2000 nested executions to report helm's error.
            MaxNestedExecutions = request.EngineOptions?.MaxNestedExecutions ?? 4000,
            MaxOutputBytes = engineOptions.MaxOutputBytes ?? DefaultMaxOutputBytes,
            Clock = engineOptions.Clock,
            PipeText = engineOptions.PipeText,
        };
        RenderedFiles files;
        var phase = RenderPhases.Start();
        try { files = RenderEngine.Render(processed, top, major, engineOptions, cancellationToken, caches, recorder: recorder); }
        catch (HelmException e) { throw new HelmTemplateException(e.Message, log, "", Underneath(e)); }
        RenderPhases.End(RenderPhases.Phase.Execute, phase);
        return files;
    }

    /// <summary>
    /// Renders the templates again as <see cref="Render"/> did (a one-shot render: no caches, values computed afresh),
    /// recording the execution of <paramref name="recorder"/>'s target file; the rendered files are dropped.
    /// </summary>
    internal static void RenderRecorded(Chart chart, TemplateRequest request, HelmSharp.Template.Exec.OutputRecorder recorder, CancellationToken cancellationToken)
    {
        var log = new List<string>();
        var (userValues, caps) = Validate(chart, request, log);
        var values = ComputeValues(chart, request, userValues, null, log);
        RunEngine(values, caps, request, null, log, cancellationToken, recorder).Release();
    }

    private static bool ValidReleaseName(string name) => name.Length > 0 && name.Length <= 53 && ReleaseNameRegex().IsMatch(name);

    private static bool IsCompatibleRange(string constraint, string version)
    {
        if (!SemverVersion.TryParse(version, out var v, out _)) return false;
        try { return SemverConstraints.Parse(constraint).Check(v); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }

    private static string GoQuoteForSlog(string s) => HelmSharp.Go.GoStrconv.Quote(s);
}
