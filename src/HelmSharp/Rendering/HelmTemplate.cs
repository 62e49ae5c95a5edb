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

/// <summary>The result of <see cref="HelmTemplate.Render"/>.</summary>
public sealed class TemplateResult
{
    private readonly OutputText _output;

    internal TemplateResult(OutputText output, List<Manifest> manifests, List<Hook> hooks, List<KeyValuePair<string, string>> crds, string notes, List<string> log)
    {
        _output = output; Manifests = manifests; Hooks = hooks; Crds = crds; Notes = notes; Log = log;
    }
    /// <summary>Exactly what <c>helm template</c> prints on stdout (joined into one string on first use).</summary>
    /// <remarks>
    /// helm prints bytes, and a chart may put bytes that are not valid UTF-8 into its output (a Latin-1 file in
    /// <c>crds/</c>, a raw string literal, <c>b64dec</c> of binary data). The string holds Go's bytes the way every Go
    /// string of the library does: a byte that is not part of valid UTF-8 is the lone surrogate U+DC00+byte (see
    /// <see cref="HelmSharp.Go.GoUtf8"/>). For valid UTF-8 output (nearly every chart) this is the plain text; to get
    /// helm's exact bytes use <see cref="HelmSharp.Go.GoUtf8.GetBytes(string)"/> (what the CLI writes), not
    /// <c>Encoding.UTF8</c>, which would turn each such byte into U+FFFD.
    /// </remarks>
    public string Output => _output.ToString();

    /// <summary>Writes <see cref="Output"/> to <paramref name="writer"/> piece by piece, without building the joined string (with the same escapes as <see cref="Output"/>).</summary>
    public void WriteOutput(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _output.WriteTo(writer);
    }
    /// <summary>The rendered manifests in install order.</summary>
    public IReadOnlyList<Manifest> Manifests { get; }
    /// <summary>The hooks (tests included), kind-sorted.</summary>
    public IReadOnlyList<Hook> Hooks { get; }
    /// <summary>CRD files (path, raw content as a Go string, see <see cref="Output"/>), included in <see cref="Output"/> only with <see cref="TemplateRequest.IncludeCrds"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Crds { get; }
    /// <summary>The rendered <c>NOTES.txt</c> of the root chart (helm template does not print it).</summary>
    public string Notes { get; }
    /// <summary>helm's warning/info lines, as it writes them to stderr.</summary>
    public IReadOnlyList<string> Log { get; }
}

/// <summary>
/// A failed <c>helm template</c>: <see cref="Exception.Message"/> is helm's error text (after <c>Error: </c>).
/// </summary>
/// <remarks>
/// <see cref="Exception.InnerException"/> is the error underneath: the template engine's
/// <see cref="TemplateParseException"/>/<see cref="TemplateExecException"/> (or <see cref="TemplateLimitException"/>)
/// for a template error, the <see cref="ChartException"/>, <see cref="ValuesException"/> or YAML error otherwise.
/// Where helm's message names a place, <see cref="TemplateName"/>, <see cref="File"/>, <see cref="Line"/> and
/// <see cref="Column"/> give it: the first place the message names (for an error inside an <c>include</c>d define,
/// the call site in the template being rendered; the inner exception's chain holds the rest).
/// </remarks>
public sealed class HelmTemplateException : HelmException
{
    /// <summary>Creates the error: helm's message, the warning lines before it, the partial output and the error underneath.</summary>
    public HelmTemplateException(string message, IReadOnlyList<string> log, string? partialManifest, Exception? innerException = null)
        : base(message, innerException)
    {
        Log = log;
        PartialManifest = partialManifest;
        switch (innerException)
        {
            case TemplateParseException p:
                TemplateName = p.TemplateName; File = p.TemplateName; Line = p.Line;
                break;
            case TemplateExecException x:
                TemplateName = x.TemplateName; File = x.File;
                if (x.Line > 0) { Line = x.Line; Column = x.Column; }
                break;
            case ManifestYamlException y:
                File = y.File;
                break;
        }
    }

    /// <summary>
    /// For a template execution error, the include/<c>template</c>/<c>tpl</c> call stack (innermost first, see
    /// <see cref="TemplateExecException.CallStack"/>); empty otherwise. helm prints no such thing: it is HelmSharp's.
    /// </summary>
    public IReadOnlyList<HelmSharp.Template.TemplateFrame> CallStack => (InnerException as HelmSharp.Template.TemplateExecException)?.CallStack ?? [];

    /// <summary>Warning/info lines written before the error.</summary>
    public IReadOnlyList<string> Log { get; }
    /// <summary>What was rendered before the failure (helm shows it with <c>--debug</c>); null when no release existed yet.</summary>
    public string? PartialManifest { get; }
    /// <summary>The template that failed: a file's chart path (<c>mychart/templates/deployment.yaml</c>) or, while executing a define, its name; null when the error is not in a template.</summary>
    public string? TemplateName { get; }
    /// <summary>The chart path of the file helm's message names (<c>mychart/templates/deployment.yaml</c>); null when it names none.</summary>
    public string? File { get; }
    /// <summary>The 1-based line in <see cref="File"/>; null when helm's message names none.</summary>
    public int? Line { get; }
    /// <summary>The column in <see cref="Line"/> as Go counts it (0-based, in bytes); null for parse errors, which name none.</summary>
    public int? Column { get; }
}

/// <summary>helm's <c>template</c> command as a library call.</summary>
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

    /// <summary>The error a <see cref="HelmTemplateException"/> wraps: a plain <see cref="HelmException"/> only carries the message of the one beneath it.</summary>
    private static Exception Underneath(HelmException e) =>
        e.GetType() == typeof(HelmException) && e.InnerException != null ? e.InnerException : e;

    private static TemplateResult RenderOnWorker(Chart chart, TemplateRequest request, RenderCaches? caches, CancellationToken cancellationToken)
    {
        int major = request.HelmMajor;
        var log = new List<string>();
        // .NET collections and objects in the user values become the engine's Go values once, here (on the large stack:
        // values may nest as deep as a values file may).
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
        phase = RenderPhases.Start();
        try { files = RenderEngine.Render(processed, top, major, engineOptions, cancellationToken, caches); }
        catch (HelmException e) { throw new HelmTemplateException(e.Message, log, "", Underneath(e)); }
        RenderPhases.End(RenderPhases.Phase.Execute, phase);
        phase = RenderPhases.Start();
        // The documents are slices of the rendered files. When those are pooled, the output is joined, the documents
        // then point into it (or get strings of their own) and the buffers go back to the pool.
        try { return Assemble(files, processed, request, caches, major, log); }
        finally { files.Release(); RenderPhases.End(RenderPhases.Phase.Assembly, phase); }
    }

    private static TemplateResult Assemble(RenderedFiles files, Chart processed, TemplateRequest request, RenderCaches? caches, int major, List<string> log)
    {
        var notes = new StringBuilder();
        var rootNotes = processed.Name + "/templates/NOTES.txt";
        static bool IsNotes(string path) => path.EndsWith("NOTES.txt", StringComparison.Ordinal);
        foreach (var (k, f) in files.Files)
        {
            if (!IsNotes(k) || !(request.RenderSubchartNotes || k == rootNotes)) continue;
            if (notes.Length > 0) notes.Append('\n');
            notes.Append(f.Exact.Span);
        }
        files.RemoveAll(IsNotes);

        List<Hook> hooks; List<Manifest> manifests;
        try
        {
            // The Go type named in a decoding error: releaseutil.SimpleHead in helm 3, util.SimpleHead in helm 4.
            var headType = major >= 4 ? "util.SimpleHead" : "releaseutil.SimpleHead";
            (hooks, manifests) = Manifests.Sort(files.Trimmed(), major, doc =>
            {
                var yaml = RenderPhases.Start();
                var h = caches != null ? caches.ManifestHead(doc.Span, headType) : GoYaml.DecodeManifestHead(doc.ToString(), headType);
                RenderPhases.End(RenderPhases.Phase.Yaml, yaml);
                return (h.Kind, h.Name, h.Annotations);
            }, skipped => log.Add(major >= 4
                ? $"level=INFO msg=\"skipping unknown hooks\" hookTypes={SlogValue(skipped)}"
                : $"manifest_sorter.go:190: info: skipping unknown hook: {HelmSharp.Go.GoStrconv.Quote(skipped)}"));
        }
        catch (HelmException e)
        {
            var dump = new StringBuilder();
            foreach (var (name, f) in files.Files)
            {
                if (f.Trimmed.IsEmpty) continue;
                dump.Append("---\n# Source: ").Append(name).Append('\n').Append(f.Exact.Span).Append('\n');
            }
            throw new HelmTemplateException(e.Message, log, dump.ToString(), Underneath(e));
        }

        var crds = new List<KeyValuePair<string, string>>();
        CollectCrds(processed, crds);
        // helm: strings.TrimSpace(joined manifests) + "\n" + hooks.
        var output = new OutputText(5 * (manifests.Count + hooks.Count + crds.Count) + 1);
        var placed = new List<(RenderedDocument Doc, int Piece)>(manifests.Count + hooks.Count);
        if (request.IncludeCrds)
            foreach (var crd in crds) AddDocument(output, crd.Key, crd.Value.AsMemory(), files.Pooled);
        foreach (var m in manifests) placed.Add((m, AddDocument(output, m.Path, m.Text, files.Pooled)));
        output.EndTrimmedPart();
        output.Add("\n");
        foreach (var h in hooks)
        {
            if (request.NoHooks || request.SkipTests && h.Events.Contains("test")) { if (files.Pooled) h.Detach(); }
            else placed.Add((h, AddDocument(output, h.Path, h.Text, files.Pooled)));
        }
        // With pooled buffers, every document in the output points into it from now on (the others have strings of
        // their own); otherwise they keep pointing into the render's own buffers and the output is joined on demand.
        if (files.Pooled)
        {
            foreach (var (doc, piece) in placed)
            {
                if (output.InJoined(piece, out var text)) doc.MoveTo(text);
                else doc.Detach();
            }
        }
        if (request.ShowOnly.Count > 0) output = OutputText.Of(ShowOnly(output.ToString(), request.ShowOnly, log));
        return new TemplateResult(output, manifests, hooks, crds, notes.ToString(), log);
    }

    // "---\n# Source: PATH\n" by path string: a compiled chart's repeated renders use the same path strings every time.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string> s_sourceLines = new();

    // Adds a document's separator, source line and text; returns the index of the text's piece. With
    // cacheSourceLine (repeated renders) the source line is one cached piece, else three pieces as they are.
    private static int AddDocument(OutputText output, string path, ReadOnlyMemory<char> content, bool cacheSourceLine)
    {
        if (cacheSourceLine) output.Add(s_sourceLines.GetValue(path, static p => "---\n# Source: " + p + "\n"));
        else
        {
            output.Add("---\n# Source: ");
            output.Add(path);
            output.Add("\n");
        }
        int piece = output.Add(content);
        output.Add("\n");
        return piece;
    }

    private static string ShowOnly(string text, List<string> patterns, List<string> log)
    {
        var docs = Manifests.Split(text);
        var rendered = new StringBuilder();
        var re = new Regex("# Source: [^/]+/(.+)");
        foreach (var raw in patterns)
        {
            var f = raw.Replace('\\', '/');
            bool missing = true;
            foreach (var doc in docs)
            {
                var m = re.Match(doc);
                if (!m.Success) continue;
                if (!HelmSharp.Go.GoPath.Match(f, m.Groups[1].Value)) continue;
                rendered.Append("---\n").Append(doc).Append('\n');
                missing = false;
            }
            if (missing) throw new HelmTemplateException($"could not find template {raw} in chart", log, null);
        }
        return rendered.ToString();
    }

    private static void CollectCrds(Chart c, List<KeyValuePair<string, string>> crds)
    {
        var full = c.ChartFullPath();
        foreach (var f in c.Files)
        {
            if (!f.Name.StartsWith("crds/", StringComparison.Ordinal)) continue;
            var ext = Path.GetExtension(f.Name).ToLowerInvariant();
            if (ext is not (".yaml" or ".yml" or ".json")) continue;
            crds.Add(new(full + "/" + f.Name, HelmSharp.Go.GoUtf8.GetString(f.Data)));
        }
        foreach (var d in c.Dependencies) CollectCrds(d, crds);
    }

    private static bool ValidReleaseName(string name) => name.Length > 0 && name.Length <= 53 && ReleaseNameRegex().IsMatch(name);

    private static bool IsCompatibleRange(string constraint, string version)
    {
        if (!SemverVersion.TryParse(version, out var v, out _)) return false;
        try { return SemverConstraints.Parse(constraint).Check(v); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }

    /// <summary>slog's text handler quoting of a string value.</summary>
    internal static string SlogValue(string s)
    {
        if (s.Length == 0) return "\"\"";
        foreach (var r in s.EnumerateRunes())
            if (r.Value <= ' ' || r.Value == '=' || r.Value == '"' || r.Value == 0x7f || !Rune.IsLetterOrDigit(r) && r.Value > 0x7f && Rune.IsWhiteSpace(r))
                return HelmSharp.Go.GoStrconv.Quote(s);
        return s;
    }

    private static string GoQuoteForSlog(string s) => HelmSharp.Go.GoStrconv.Quote(s);
}
