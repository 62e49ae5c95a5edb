using System.Text;
using System.Text.RegularExpressions;
using HelmSharp.Charts;
using HelmSharp.Go;
using HelmSharp.Rendering;
using HelmSharp.Rendering.Objects;
using HelmSharp.Template;
using HelmSharp.Values;
using HelmSharp.Yaml;

namespace HelmSharp.Lint;

/// <summary>
/// helm's <c>rules.Templates</c>: renders the chart in lint mode (release <c>test-release</c>; <c>required</c> and
/// <c>fail</c> only log) and checks every template of the chart: its extension, and for YAML templates each rendered
/// document (it must parse; name rules per kind, deprecated APIs, selectors of workloads, List annotations).
/// </summary>
internal static partial class TemplateRules
{
    private const string TemplatesDir = "templates/";

    [GeneratedRegex("\"?helm\\.sh/hook\"?:[\t\n\f\r ]+crd-install", RegexOptions.CultureInvariant)]
    private static partial Regex CrdHookSearch();

    [GeneratedRegex(@"\.Release\.Time", RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseTimeSearch();

    public static void Run(Linter linter, string ns, Dictionary<string, object?> values, string? kubeVersion, bool skipSchemaValidation,
        CancellationToken ct)
    {
        int major = linter.HelmMajor;
        var templatesPath = linter.Join("templates");
        if (major >= 4)
        {
            bool exists = Directory.Exists(templatesPath) || System.IO.File.Exists(templatesPath);
            if (!linter.Run(LintSeverity.Warning, TemplatesDir, exists ? null : "directory does not exist")) return;
            if (!linter.Run(LintSeverity.Error, TemplatesDir, Directory.Exists(templatesPath) ? null : "not a directory")) return;
        }
        else if (!linter.Run(LintSeverity.Warning, TemplatesDir, System.IO.File.Exists(templatesPath) ? "not a directory" : null)) return;

        Chart chart;
        try { chart = ChartLoader.Load(linter.ChartDir, major); }
        catch (ChartException e) { linter.Run(LintSeverity.Error, TemplatesDir, e.Message); return; }

        var caps = Capabilities.Create(major, kubeVersion);
        var warnings = new List<string>();
        void Flush()
        {
            foreach (var w in warnings) linter.Log.Add(HelmLog.Format(w, major));
            warnings.Clear();
        }

        // lint ignores a failure to process the dependencies or to coalesce (helm returns without a finding).
        var processed = chart.CloneTree();
        Dictionary<string, object?> cvals;
        try
        {
            ChartValues.ProcessDependencies(processed, values, major, warnings);
            cvals = ValueMerge.CoalesceValues(processed, values, major, warnings);
        }
        catch (Exception e) when (e is ValuesException or ChartException)
        {
            Flush();
            return;
        }
        // ToRenderValuesWithSchemaValidation coalesces once more, then validates.
        Dictionary<string, object?> coalesced;
        try
        {
            coalesced = ValueMerge.CoalesceValues(processed, cvals, major, warnings);
            Flush();
            if (!skipSchemaValidation) SchemaValidator.ValidateAgainstSchema(processed, coalesced, major);
        }
        catch (Exception e) when (e is ValuesException or ChartException)
        {
            Flush();
            linter.Run(LintSeverity.Error, TemplatesDir, e.Message);
            return;
        }

        var top = new HelmValues(major)
        {
            ["Chart"] = ChartObject.Create(processed.Metadata, true, major),
            ["Capabilities"] = caps,
            ["Release"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Name"] = "test-release",
                ["Namespace"] = ns,
                ["IsUpgrade"] = false,
                ["IsInstall"] = false,
                ["Revision"] = (nint)0,
                ["Service"] = "Helm",
            },
            ["Values"] = new HelmValues(coalesced, major),
        };
        var options = new TemplateOptions
        {
            MissingKey = MissingKey.Zero,
            HelmMajor = major,
            MaxNestedExecutions = 4000,
            MaxOutputBytes = HelmTemplate.DefaultMaxOutputBytes,
        };
        Dictionary<string, string> rendered;
        try
        {
            rendered = TemplateSet.RunWithLargeStack(() =>
            {
                var files = RenderEngine.Render(processed, top, major, options, ct, null, lintLog: linter.Log);
                try
                {
                    var map = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (path, text) in files.Files) map[path] = text.Exact.ToString();
                    return map;
                }
                finally { files.Release(); }
            });
        }
        catch (HelmException e)
        {
            linter.Run(LintSeverity.Error, TemplatesDir, WithTemplateLocation(e.Message));
            return;
        }

        foreach (var template in chart.Templates)
        {
            var fileName = template.Name;
            linter.Run(LintSeverity.Error, fileName, ValidateAllowedExtension(fileName));
            if (major < 4)
            {
                var source = Encoding.UTF8.GetString(template.Data);
                linter.Run(LintSeverity.Warning, fileName, CrdHookSearch().IsMatch(source)
                    ? "manifest is a crd-install hook. This hook is no longer supported in v3 and all CRDs should also exist the crds/ directory at the top level of the chart" : null);
                linter.Run(LintSeverity.Error, fileName, ReleaseTimeSearch().IsMatch(source)
                    ? ".Release.Time has been removed in v3, please replace with the `now` function in your templates" : null);
                if (GoPath.Ext(fileName) != ".yaml") continue; // helm 3 skips .yml files here
            }
            else
            {
                var ext = GoPath.Ext(fileName).ToLowerInvariant();
                if (ext is not (".yaml" or ".yml")) continue;
            }

            var content = rendered.GetValueOrDefault(GoPath.Clean(chart.Name + "/" + fileName), "");
            if (GoUnicode.TrimSpace(content).Length == 0) continue;
            linter.Run(LintSeverity.Warning, fileName, ValidateTopIndentLevel(content));

            var decoder = new K8sYamlDecoder(content, major);
            while (true)
            {
                K8sObject? obj;
                try
                {
                    if (!decoder.Next(out obj)) break;
                }
                catch (K8sDecodeException e)
                {
                    // A document that does not parse ends the template checks (helm returns here).
                    linter.Run(LintSeverity.Error, fileName, new LintProblem("unable to parse YAML: " + e.Message, fileName, e.Line));
                    return;
                }
                if (obj == null) continue;
                linter.Run(LintSeverity.Warning, fileName, ValidateMetadataName(obj));
                linter.Run(LintSeverity.Warning, fileName, K8sDeprecations.Check(obj.ApiVersion, obj.Kind, caps.KubeVersion.Major, caps.KubeVersion.Minor, major));
                linter.Run(LintSeverity.Error, fileName, ValidateMatchSelector(obj, content));
                linter.Run(LintSeverity.Error, fileName, ValidateListAnnotations(obj, content, major));
            }
        }
    }

    private static string? ValidateAllowedExtension(string fileName)
    {
        var ext = GoPath.Ext(fileName);
        return ext is ".yaml" or ".yml" or ".tpl" or ".txt" ? null : $"file extension '{ext}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt";
    }

    // bufio.Scanner's default limit: a line longer than this stops the scan with "token too long".
    private const int MaxScanTokenSize = 64 * 1024;

    /// <summary>helm's <c>validateTopIndentLevel</c>: the first non-blank line must not start with a space or tab.</summary>
    private static string? ValidateTopIndentLevel(string content)
    {
        int pos = 0;
        while (pos < content.Length)
        {
            int nl = content.IndexOf('\n', pos);
            var line = nl < 0 ? content[pos..] : content[pos..nl];
            if (Encoding.UTF8.GetByteCount(line) >= MaxScanTokenSize) return "bufio.Scanner: token too long";
            pos = nl < 0 ? content.Length : nl + 1;
            if (line.EndsWith('\r')) line = line[..^1];
            if (GoUnicode.TrimSpace(line).Length == 0) continue;
            if (line.StartsWith(' ') || line.StartsWith('\t'))
                return $"document starts with an illegal indent: {GoStrconv.Quote(line)}, which may cause parsing problems";
            return null;
        }
        return null;
    }

    private static string? ValidateMetadataName(K8sObject obj)
    {
        var errs = K8sValidation.ValidateName(obj.Kind, obj.Name);
        if (errs.Count == 0) return null;
        return $"object name does not conform to Kubernetes naming requirements: {GoStrconv.Quote(obj.Name)}: {K8sValidation.Aggregate(obj.Name, errs)}";
    }

    private static string? ValidateMatchSelector(K8sObject obj, string manifest)
    {
        if (obj.Kind is not ("Deployment" or "ReplicaSet" or "DaemonSet" or "StatefulSet")) return null;
        if (manifest.Contains("matchLabels", StringComparison.Ordinal) || manifest.Contains("matchExpressions", StringComparison.Ordinal)) return null;
        return $"a {obj.Kind} must contain matchLabels or matchExpressions, and {GoStrconv.Quote(obj.Name)} does not";
    }

    /// <summary>
    /// helm's <c>validateListAnnotations</c>: for a <c>List</c>, the file's first document is read as
    /// <c>{items: [{metadata: {annotations}}]}</c>; an item annotated <c>helm.sh/resource-policy</c> is an error.
    /// </summary>
    private static string? ValidateListAnnotations(K8sObject obj, string manifest, int major)
    {
        if (obj.Kind != "List") return null;
        object? doc;
        try { doc = GoYaml.UnmarshalRaw(manifest); }
        catch (GoYamlException e) { return "unable to parse YAML: " + e.Message; }
        var itemsType = "[]struct { Metadata struct { Annotations map[string]string } }";
        if (doc is not Dictionary<string, object?> top)
            return doc == null ? null : "unable to parse YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                + GoYaml.JsonKindOf(doc) + " into Go value of type struct { Items " + itemsType + " }";
        bool found = false;
        foreach (var (key, items) in top)
        {
            if (!string.Equals(key, "items", StringComparison.OrdinalIgnoreCase) || items is not object?[] list) continue;
            foreach (var item in list)
            {
                if (item is not Dictionary<string, object?> im) continue;
                foreach (var (mk, md) in im)
                {
                    if (!string.Equals(mk, "metadata", StringComparison.OrdinalIgnoreCase) || md is not Dictionary<string, object?> mm) continue;
                    foreach (var (ak, ann) in mm)
                        if (string.Equals(ak, "annotations", StringComparison.OrdinalIgnoreCase) && ann is Dictionary<string, object?> am
                            && am.ContainsKey("helm.sh/resource-policy"))
                            found = true;
                }
            }
        }
        if (!found) return null;
        return (major >= 4 ? "a" : "A") + "nnotation 'helm.sh/resource-policy' within List objects are ignored";
    }

    [GeneratedRegex(@"^(?:template: )?(?<file>[^\s:()]+):(?<line>\d+)(?::(?<col>\d+))?", RegexOptions.CultureInvariant)]
    private static partial Regex ExecLocation();

    [GeneratedRegex(@"^parse error (?:at|in) \((?<file>[^:()]+)(?::(?<line>\d+))?\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParseLocation();

    [GeneratedRegex(@"^execution error at \((?<file>[^:()]+):(?<line>\d+):(?<col>\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex FailLocation();

    /// <summary>A render error with the template file, line and column its text names.</summary>
    private static LintProblem WithTemplateLocation(string message)
    {
        foreach (var re in new[] { ParseLocation(), FailLocation(), ExecLocation() })
        {
            var m = re.Match(message);
            if (!m.Success) continue;
            int? line = m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
            int? col = m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
            return new LintProblem(message, m.Groups["file"].Value, line, col);
        }
        return new LintProblem(message);
    }
}
