using HelmSharp.Go;
using System.Diagnostics;
using System.Text.RegularExpressions;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Rendering.Objects;
using HelmSharp.Template;
using HelmSharp.UnitTest.Validators;
using HelmSharp.Values;
using HelmSharp.Yaml;

namespace HelmSharp.UnitTest;

/// <summary>State shared by every render of one run (the plugin's process-wide state).</summary>
internal sealed class RunState
{
    public required UnitTestOptions Options { get; init; }
    public required string Cwd { get; init; }
    // The plugin sets the Kubernetes version on helm's global DefaultCapabilities: a version a test sets stays the
    // default for the tests after it.
    public string KubeMajor = "1";
    public string KubeMinor = "20";
    public CancellationToken Cancellation;
}

/// <summary>One test job's render and assertions (the plugin's <c>TestJob.RunV3</c>).</summary>
internal static partial class JobRunner
{
    private const int HelmMajor = 3;

    // Split the render error into the file and the message (the plugin's pattern, flags msU: multi-line, dot-all, lazy).
    [GeneratedRegex(@"^(?:.+?: |.+? \()(?:(.+?):\d+?:\d+?).+?(?:.+?>)*?: (.+?)$", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex RenderErrorPattern();

    public static UnitTestJobResult Run(TestJob t, TestSuite suite, Chart chart, SnapshotCache cache, RunState state, bool failFast, int index)
    {
        var sw = Stopwatch.StartNew();
        var result = new UnitTestJobResult { DisplayName = t.Name, Index = index };
        bool requireRenderSuccess = true;
        foreach (var a in t.Assertions) if (a != null) requireRenderSuccess = requireRenderSuccess && a.RequireRenderSuccess;

        Dictionary<string, object?> userValues;
        try { userValues = UserValues(t); }
        catch (Exception e) when (e is UnitTestException or V3YamlException or IOException or UnauthorizedAccessException)
        {
            result.ExecError = e.Message;
            return Done(result, sw);
        }

        var render = Render(t, suite, chart, userValues, requireRenderSuccess, state);
        if (render.Error != null) result.ExecError = render.Error;

        var post = t.PostRenderer.Cmd.Length > 0 ? t.PostRenderer : suite.PostRenderer;
        if (post.Cmd.Length > 0)
        {
            result.ExecError = "post-renderer \"" + post.Cmd + "\" is not supported: HelmSharp does not run external commands";
            return Done(result, sw);
        }

        Dictionary<string, List<Dictionary<string, object?>>> manifests;
        try { manifests = ParseManifests(render.Files, render.Succeeded, render.Chart, suite.IncludeCrds, chart.Name); }
        catch (Exception e) when (e is V3YamlException or UnitTestException)
        {
            result.ExecError = e.Message;
            return Done(result, sw);
        }
        var renderedChartName = chart.Name;
        PolishAssertionsTemplate(t, renderedChartName, render.Files, render.Chart, suite.IncludeCrds);

        uint counter = 0;
        SnapshotCompareResult Compare(object? content, string? match, string? notMatch) => cache.Compare(t.Name, ++counter, content, match, notMatch);
        var cfg = new AssertionConfig(manifests, Compare, render.Succeeded, failFast, render.Error, t.DocumentSelector?.SkipEmptyTemplates ?? false);

        bool pass = false;
        var asserts = new List<UnitTestAssertionResult>();
        for (int idx = 0; idx < t.Assertions.Count; idx++)
        {
            var a = t.Assertions[idx];
            if (a == null) continue;
            var r = AssertionRunner.Assert(a, idx, cfg);
            if (r.Skipped) pass = true;
            asserts.Add(r);
            if (idx == 0) pass = r.Passed;
            pass = pass && r.Passed;
            if (!pass && failFast) break;
        }
        result.Passed = pass;
        result.Assertions = asserts;
        if (asserts.Count > 0) result.Skipped = asserts.All(x => x.Skipped);
        return Done(result, sw);
    }

    private static UnitTestJobResult Done(UnitTestJobResult r, Stopwatch sw)
    {
        r.Duration = sw.Elapsed;
        return r;
    }

    // ------------------------------------------------------------------ values (getUserValues)

    private static List<string> SplitChartRoutes(string route)
    {
        var parts = route.Split('/');
        var routes = new List<string>();
        for (int r = 0; r < parts.Length / 2 + 1; r++) routes.Add(parts[r * 2]);
        return routes;
    }

    private static Dictionary<string, object?> ScopeValuesWithRoutes(List<string> routes, Dictionary<string, object?> values)
    {
        for (int n = routes.Count; n > 1; n--)
        {
            var scoped = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (values.TryGetValue("global", out var g)) scoped["global"] = g;
            scoped[routes[n - 1]] = values;
            values = scoped;
        }
        return values;
    }

    internal static Dictionary<string, object?> UserValues(TestJob t)
    {
        var bas = new Dictionary<string, object?>(StringComparer.Ordinal);
        var routes = SplitChartRoutes(t.ChartRoute);
        foreach (var specified in t.Values)
        {
            var path = Path.IsPathRooted(specified) ? specified : Path.Combine(t.DefinitionDirectory, specified);
            string text;
            try { text = HelmSharp.Go.GoUtf8.GetString(File.ReadAllBytes(path)); }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new UnitTestException("open " + GoPath.Clean(path.Replace('\\', '/')) + ": no such file or directory");
            }
            Dictionary<string, object?> value;
            try
            {
                var docs = V3Yaml.Parse(text);
                value = docs.Count > 0 ? V3Yaml.DecodeMap(docs[0]) : new Dictionary<string, object?>(StringComparer.Ordinal);
            }
            catch (V3YamlException e) { throw new UnitTestException("failed to parse " + specified + ": " + e.Message); }
            bas = SetPath.MergeTables(ScopeValuesWithRoutes(routes, value), bas);
        }
        foreach (var (path, value) in t.GlobalSet)
            bas = SetPath.MergeTables(ScopeValuesWithRoutes(routes, SetPath.Build(GoValues.DeepCopy(value), path)), bas);
        foreach (var (path, value) in t.Set)
            bas = SetPath.MergeTables(ScopeValuesWithRoutes(routes, SetPath.Build(GoValues.DeepCopy(value), path)), bas);
        return bas;
    }

    // ------------------------------------------------------------------ rendering (renderV3Chart)

    internal sealed record RenderResult(Dictionary<string, string>? Files, bool Succeeded, string? Error, Chart? Chart);

    private static readonly Regex s_releaseName = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));

    private static RenderResult Render(TestJob t, TestSuite suite, Chart chart, Dictionary<string, object?> userValues, bool requireRenderSuccess, RunState state)
    {
        // the values go through YAML as helm reads a values file (numbers become float64 …)
        Dictionary<string, object?> values;
        try { values = HelmValuesOf(userValues); }
        catch (Exception e) when (e is UnitTestException or ChartException or GoYamlException or HelmSharp.Json.GoJsonException) { return new(null, false, e.Message, null); }

        if (t.Release.Name.Length > 0 && (t.Release.Name.Length > 53 || !s_releaseName.IsMatch(t.Release.Name)))
            return new(null, false, @"invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53", null);

        Chart processed;
        Dictionary<string, object?> coalesced;
        try
        {
            processed = chart.CloneTree();
            var warnings = new List<string>();
            ChartValues.ProcessDependencies(processed, values, HelmMajor, warnings);
            coalesced = ValueMerge.CoalesceValues(processed, values, HelmMajor, warnings);
            // helm 3.20 (the plugin's library) validates schemas with santhosh-tekuri/jsonschema, as helm 4 does
            if (!suite.SkipSchemaValidation && !state.Options.SkipSchemaValidation) SchemaValidator.ValidateAgainstSchema(processed, coalesced, 4);
        }
        catch (Exception e) when (e is ValuesException or ChartException or GoYamlException or HelmException)
        {
            return new(null, false, e.Message, null);
        }

        if (t.DefaultTemplatesToAssert.Count == 0) t.DefaultTemplatesToAssert = ["**"];
        var filtered = TemplateFilter.CopyChart(t.ChartRoute, processed.Name, t.DefaultTemplatesToAssert, t.DefaultTemplatesToSkip, processed);
        ModifyChartMetadata(filtered, t.Chart);

        var major = t.Capabilities.MajorVersion.Length > 0 ? t.Capabilities.MajorVersion : state.KubeMajor;
        var minor = t.Capabilities.MinorVersion.Length > 0 ? t.Capabilities.MinorVersion : state.KubeMinor;
        state.KubeMajor = major;
        state.KubeMinor = minor;
        var kubeVersion = "v" + major + "." + minor + ".0";
        var caps = new Capabilities(HelmMajor, new KubeVersion(HelmMajor, kubeVersion, kubeVersion, major, minor),
            new VersionSet(HelmMajor, t.Capabilities.ApiVersions ?? []), Capabilities.Create(HelmMajor).HelmVersion);

        var top = new HelmValues(HelmMajor)
        {
            ["Chart"] = ChartObject.Create(filtered.Metadata, true, HelmMajor),
            ["Capabilities"] = caps,
            ["Release"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Name"] = t.Release.Name.Length > 0 ? t.Release.Name : "RELEASE-NAME",
                ["Namespace"] = t.Release.Namespace.Length > 0 ? t.Release.Namespace : "NAMESPACE",
                ["IsUpgrade"] = t.Release.IsUpgrade,
                ["IsInstall"] = !t.Release.IsUpgrade,
                ["Revision"] = (nint)t.Release.Revision,
                ["Service"] = "Helm",
            },
            ["Values"] = new HelmValues(coalesced, HelmMajor),
        };
        var options = new TemplateOptions
        {
            MissingKey = MissingKey.Zero,
            HelmMajor = HelmMajor,
            MaxNestedExecutions = 4000,
            MaxOutputBytes = 256L * 1024 * 1024,
        };
        var functions = FakeCluster.Functions(t.KubernetesProvider);
        var output = new Dictionary<string, string>(StringComparer.Ordinal);
        string? error = null;
        try
        {
            var files = TemplateSet.RunWithLargeStack(() => RenderEngine.Render(filtered, top, HelmMajor, options, state.Cancellation, null, functions));
            try
            {
                foreach (var (path, text) in files.Files) output[path] = text.Exact.ToString();
            }
            finally { files.Release(); }
        }
        catch (HelmException e) { error = e.Message; }

        if (error == null) return new(output, true, null, processed);
        if (requireRenderSuccess) return new(null, false, error, processed);
        var (filePath, content) = ParseRenderError(error);
        if (filePath.Length == 0 && content.Length == 0) return new(null, false, error, processed);
        var raw = GoValues.MarshalYaml(new Dictionary<string, object?>(StringComparer.Ordinal) { ["raw"] = content });
        var baseName = filePath[(filePath.LastIndexOf('/') + 1)..];
        if (baseName.StartsWith('_'))
        {
            foreach (var f in t.DefaultTemplatesToAssert) output[GoPath.Join(t.ChartRoute, TemplateFilter.TemplateFileName(f))] = raw;
        }
        else output[filePath] = raw;
        return new(output, false, null, processed);
    }

    internal static (string File, string Content) ParseRenderError(string message)
    {
        Match m;
        try { m = RenderErrorPattern().Match(message); }
        catch (RegexMatchTimeoutException) { return ("", ""); }
        if (!m.Success) return ("", "");
        var file = m.Groups[1].Value;
        int nl = message.IndexOf('\n');
        return (file, nl >= 0 ? message[(nl + 1)..] : m.Groups[2].Value);
    }

    /// <summary>The plugin hands its values to helm as YAML (<c>sigs.k8s.io/yaml</c>): a JSON round trip.</summary>
    private static Dictionary<string, object?> HelmValuesOf(Dictionary<string, object?> userValues)
    {
        var json = HelmSharp.Json.GoJson.Marshal(ToJsonShape(userValues, 0));
        return ChartLoader.LoadValuesFile(json, HelmMajor);
    }

    private static object? ToJsonShape(object? v, int depth)
    {
        if (depth > 20000) throw new UnitTestException("value nesting too deep");
        switch (v)
        {
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                throw new UnitTestException("json: unsupported value: " + GoValues.Sprint(d));
            case Dictionary<string, object?> m:
                {
                    var r = new Dictionary<string, object?>(m.Count, StringComparer.Ordinal);
                    foreach (var (k, x) in m) r[k] = ToJsonShape(x, depth + 1);
                    return r;
                }
            case List<object?> l:
                {
                    var r = new object?[l.Count];
                    for (int i = 0; i < r.Length; i++) r[i] = ToJsonShape(l[i], depth + 1);
                    return r;
                }
            default: return v;
        }
    }

    private static void ModifyChartMetadata(Chart target, ChartSettings settings)
    {
        if (settings.Version.Length > 0) target.Metadata.Version = settings.Version;
        if (settings.AppVersion.Length > 0) target.Metadata.AppVersion = settings.AppVersion;
        foreach (var d in target.Dependencies)
        {
            if (settings.Version.Length > 0) d.Metadata.Version = settings.Version;
            if (settings.AppVersion.Length > 0) d.Metadata.AppVersion = settings.AppVersion;
        }
    }

    // ------------------------------------------------------------------ manifests

    internal static List<Dictionary<string, object?>> ParseYamlFile(string rendered)
    {
        rendered = SuiteParser.Splitter().Replace(rendered, "\n---\n");
        var docs = V3Yaml.Parse(rendered);
        var res = new List<Dictionary<string, object?>>();
        foreach (var d in docs)
        {
            var m = V3Yaml.DecodeMap(d);
            if (m.Count > 0) res.Add(m);
        }
        return res;
    }

    private static Dictionary<string, List<Dictionary<string, object?>>> ParseManifests(Dictionary<string, string>? files, bool succeeded,
        Chart? processed, bool includeCrds, string chartName)
    {
        var result = new Dictionary<string, List<Dictionary<string, object?>>>(StringComparer.Ordinal);
        if (includeCrds && processed != null)
            foreach (var (name, data) in CrdObjects(processed)) result[name] = ParseYamlFile(data);
        if (files == null) return result;
        foreach (var (f, rendered) in files)
        {
            var file = f.StartsWith(chartName, StringComparison.Ordinal) ? f : GoPath.Join(chartName, f);
            var ext = succeeded ? Path.GetExtension(file) : ".yaml";
            switch (ext)
            {
                case ".yaml":
                case ".yml":
                case ".tpl":
                    result[file] = ParseYamlFile(rendered);
                    break;
                case ".txt":
                    result[file] = [new Dictionary<string, object?>(StringComparer.Ordinal) { ["raw"] = rendered }];
                    break;
            }
        }
        return result;
    }

    /// <summary>helm's <c>chart.CRDObjects()</c>: each CRD file's full path and content (<see cref="Rendering.CrdFiles"/>).</summary>
    internal static IEnumerable<(string Name, string Data)> CrdObjects(Chart c)
    {
        var crds = Rendering.CrdFiles.Collect(c);
        for (int i = 0; i < crds.Count; i++) yield return (crds.Path(i), crds.Text(i));
    }

    // ------------------------------------------------------------------ which templates each assertion looks at

    private static void PolishAssertionsTemplate(TestJob t, string chartName, Dictionary<string, string>? files, Chart? processed, bool includeCrds)
    {
        if (t.ChartRoute.Length == 0) t.ChartRoute = chartName;
        foreach (var a in t.Assertions)
        {
            if (a == null) continue;
            if (t.DocumentIndex is long di) a.DocumentIndex = di;
            a.DocumentSelector ??= t.DocumentSelector;
            List<string> templates;
            bool prefixed = false;
            if (a.Template.Length > 0) templates = [a.Template];
            else if (t.Templates.Count > 0) templates = t.Templates;
            else if (t.Template.Length == 0)
            {
                if (t.DefaultTemplatesToAssert.Any(x => x.Contains('*')))
                {
                    prefixed = true;
                    templates = files != null ? [.. files.Keys] : [];
                    if (includeCrds && processed != null) templates.AddRange(CrdObjects(processed).Select(c => c.Name));
                }
                else templates = t.DefaultTemplatesToAssert;
            }
            else templates = [t.Template];
            a.DefaultTemplates = prefixed ? templates : templates.Select(x => GoPath.Join(t.ChartRoute, TemplateFilter.TemplateFileName(x))).ToList();
        }
    }
}

/// <summary>The state every assertion of a test job shares.</summary>
internal sealed record AssertionConfig(
    Dictionary<string, List<Dictionary<string, object?>>> TemplatesResult,
    Func<object?, string?, string?, SnapshotCompareResult> CompareToSnapshot,
    bool RenderSucceed,
    bool FailFast,
    string? RenderError,
    bool SkipEmptyTemplate);

/// <summary>The plugin's <c>Assertion.Assert</c>: selects the templates and documents, then runs the validator.</summary>
internal static class AssertionRunner
{
    public static UnitTestAssertionResult Assert(Assertion a, int index, AssertionConfig cfg)
    {
        var result = new UnitTestAssertionResult { Index = index, AssertType = a.AssertType, Not = a.Not };
        // the documents of each template the assertion looks at (a template that did not render maps to nothing)
        var templates = new Dictionary<string, List<Dictionary<string, object?>>?>(StringComparer.Ordinal);
        foreach (var t in a.DefaultTemplates) templates[t] = cfg.TemplatesResult.GetValueOrDefault(t);

        Dictionary<string, List<Dictionary<string, object?>>?> selected;
        try { selected = SelectDocuments(a, templates); }
        catch (UnitTestException e)
        {
            result.Passed = false;
            result.FailInfo = ["Error:", e.Message];
            return result;
        }
        var selectedTemplates = selected.Keys.ToList();
        selectedTemplates.Sort(StringComparer.Ordinal);

        if (cfg.SkipEmptyTemplate && selectedTemplates.Count == 0)
        {
            result.Skipped = true;
            result.SkipReason = "skipped as 'documentSelector.skipEmptyTemplates: true' and 'selectedTemplates: empty'";
            result.Passed = true;
            return result;
        }
        if (selectedTemplates.Count == 0)
        {
            if (a.RequireRenderSuccess != cfg.RenderSucceed)
            {
                result.FailInfo = ["Error: rendered manifest is empty"];
                return result;
            }
            var (ok, info) = Validate(a, [], [], cfg);
            result.Passed = ok;
            result.FailInfo = info;
            return result;
        }
        bool passed = false;
        var failInfo = new List<string>();
        for (int i = 0; i < selectedTemplates.Count; i++)
        {
            var template = selectedTemplates[i];
            var (addTemplate, ok, info) = ProcessTemplate(a, template, selected[template] ?? [], cfg);
            if (!ok)
            {
                if (addTemplate) failInfo.Add("Template:\t" + template);
                failInfo.AddRange(info);
            }
            if (i == 0) passed = ok;
            passed = passed && ok;
        }
        result.Passed = passed;
        result.FailInfo = failInfo;
        return result;
    }

    private static (bool, bool, List<string>) ProcessTemplate(Assertion a, string template, List<Dictionary<string, object?>> selectedDocs, AssertionConfig cfg)
    {
        bool exists = cfg.TemplatesResult.TryGetValue(template, out var rendered);
        if (!exists && a.RequireRenderSuccess)
            return (false, false, ["Error:", template.Length > 0
                ? "\ttemplate \"" + template + "\" not exists or not selected in test suite"
                : "\tassertion.template must be given if testsuite.templates is empty"]);
        rendered ??= [];
        if (a.RequireRenderSuccess != cfg.RenderSucceed)
        {
            if (rendered.Count > 0) return (true, false, ["Error: Invalid rendering: " + GoValues.Sprint(rendered[0].GetValueOrDefault("raw"))]);
            return (true, false, ["Error: rendered manifest is empty"]);
        }
        var (ok, info) = Validate(a, rendered, selectedDocs, cfg);
        return (true, ok, info);
    }

    private static (bool, List<string>) Validate(Assertion a, List<Dictionary<string, object?>> docs, List<Dictionary<string, object?>> selected, AssertionConfig cfg)
    {
        var ctx = new ValidateContext
        {
            Docs = docs,
            SelectedDocs = selected,
            Negative = a.Not != a.Antonym,
            CompareToSnapshot = cfg.CompareToSnapshot,
            RenderError = cfg.RenderError,
            FailFast = cfg.FailFast,
        };
        try { return a.Validator!.Validate(ctx); }
        catch (UnitTestException e) { return (false, Common.Error(-1, -1, e.Message)); }
    }

    private static Dictionary<string, List<Dictionary<string, object?>>?> SelectDocuments(Assertion a, Dictionary<string, List<Dictionary<string, object?>>?> docs)
    {
        if (a.DocumentSelector is { Path.Length: > 0 } ds) return DocumentSelection.Select(ds, docs);
        if (a.DocumentIndex != -1)
        {
            var res = new Dictionary<string, List<Dictionary<string, object?>>?>(StringComparer.Ordinal);
            foreach (var (template, manifests) in docs)
            {
                var count = manifests?.Count ?? 0;
                if (a.DocumentIndex >= count || a.DocumentIndex < 0 && count + a.DocumentIndex < 0)
                    throw new UnitTestException("document index " + a.DocumentIndex + " is out of range");
                // a negative index panics in the plugin; here it counts from the end
                res[template] = [manifests![(int)(a.DocumentIndex >= 0 ? a.DocumentIndex : count + a.DocumentIndex)]];
            }
            return res;
        }
        return docs;
    }
}

/// <summary>The plugin's <c>DocumentSelector.SelectDocuments</c>.</summary>
internal static class DocumentSelection
{
    public static Dictionary<string, List<Dictionary<string, object?>>?> Select(DocumentSelector ds, Dictionary<string, List<Dictionary<string, object?>>?> byTemplate)
    {
        var matching = new Dictionary<string, List<Dictionary<string, object?>>?>(StringComparer.Ordinal);
        int total = 0;
        foreach (var (template, manifests) in byTemplate)
        {
            var filtered = SelectIn(ds, manifests ?? []);
            total += filtered.Count;
            if (!ds.MatchMany && total > 1) throw new UnitTestException("multiple indexes found");
            if (filtered.Count > 0 || !ds.SkipEmptyTemplates) matching[template] = filtered;
        }
        return matching;
    }

    private static List<Dictionary<string, object?>> SelectIn(DocumentSelector ds, List<Dictionary<string, object?>> docs)
    {
        var selected = new List<Dictionary<string, object?>>();
        foreach (var doc in docs)
        {
            if (!IsMatching(ds, doc)) continue;
            if (!ds.MatchMany && selected.Count > 0) throw new UnitTestException("multiple indexes found");
            selected.Add(doc);
        }
        if (ds.SkipEmptyTemplates || selected.Count > 0) return selected;
        throw new UnitTestException("document not found");
    }

    private static bool IsMatching(DocumentSelector ds, Dictionary<string, object?> doc)
    {
        foreach (var v in ValuePath.Get(doc, ds.Path))
            if (ds.Value == null || GoValues.DeepEqual(ds.Value, v)) return true;
        return false;
    }
}
