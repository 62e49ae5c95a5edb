using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Values;
using HelmSharp.Yaml;

namespace HelmSharp.Cli;

/// <summary>The sample renderer: <c>template [NAME] [CHART] [flags]</c>, printing what <c>helm template</c> prints.</summary>
public static class Program
{
    private static readonly FlagSpec[] s_templateFlags =
    [
        new("values", 'f', FlagKind.StringSlice),
        new("set", null, FlagKind.StringArray),
        new("set-string", null, FlagKind.StringArray),
        new("set-file", null, FlagKind.StringArray),
        new("set-json", null, FlagKind.StringArray),
        new("set-literal", null, FlagKind.StringArray),
        new("namespace", 'n', FlagKind.String),
        new("kube-version", null, FlagKind.String),
        new("api-versions", 'a', FlagKind.StringSlice),
        new("include-crds", null, FlagKind.Bool),
        new("skip-crds", null, FlagKind.Bool),
        new("skip-tests", null, FlagKind.Bool),
        new("no-hooks", null, FlagKind.Bool),
        new("show-only", 's', FlagKind.StringArray),
        new("output-dir", null, FlagKind.String),
        new("release-name", null, FlagKind.Bool),
        new("is-upgrade", null, FlagKind.Bool),
        new("skip-schema-validation", null, FlagKind.Bool),
        new("render-subchart-notes", null, FlagKind.Bool),
        new("debug", null, FlagKind.Bool),
        new("validate", null, FlagKind.Bool),
        new("disable-openapi-validation", null, FlagKind.Bool),
        new("dependency-update", null, FlagKind.Bool),
        new("devel", null, FlagKind.Bool),
        new("enable-dns", null, FlagKind.Bool),
        new("create-namespace", null, FlagKind.Bool),
        new("atomic", null, FlagKind.Bool),
        new("wait", null, FlagKind.Bool),
        new("version", null, FlagKind.String),
        new("description", null, FlagKind.String),
        new("helm3", null, FlagKind.Bool),
    ];

    /// <summary>Runs the CLI with <paramref name="args"/>, writing to the given streams; returns the exit code (helm's).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, compiledCache: true);

    /// <summary>
    /// Runs the CLI; with <paramref name="compiledCache"/> false the chart is rendered by the plain
    /// <see cref="HelmTemplate.Render(HelmSharp.Charts.Chart, TemplateRequest, CancellationToken)"/> instead of
    /// through <see cref="HelmChart.Compile"/> (the output is the same; used to prove it).
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool compiledCache)
    {
        if (args.Length == 0 || args[0] != "template")
        {
            stderr.WriteLine("usage: helmsharp template [NAME] [CHART] [flags]");
            return 1;
        }
        int major = args.Contains("--helm3") ? 3 : 4;
        var log = new List<string>();
        try
        {
            var text = Template(args.Skip(1).ToList(), major, log, compiledCache);
            foreach (var l in log) stderr.WriteLine(l);
            stdout.Write(text);
            return 0;
        }
        catch (UsageException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            if (e.ShowUsage) stderr.WriteLine("\nUsage:  helm template [NAME] [CHART] [flags]\n");
            return 1;
        }
        catch (HelmTemplateException e)
        {
            foreach (var l in log) stderr.WriteLine(l);
            foreach (var l in e.Log) stderr.WriteLine(l);
            stderr.WriteLine("Error: " + e.Message + (e.PartialManifest != null ? "\n\nUse --debug flag to render out invalid YAML" : ""));
            return 1;
        }
        catch (Exception e) when (e is HelmException or ChartException or ValuesException or GoYamlException or IOException)
        {
            foreach (var l in log) stderr.WriteLine(l);
            stderr.WriteLine("Error: " + e.Message);
            return 1;
        }
    }

    private static string Template(List<string> args, int major, List<string> log, bool compiledCache)
    {
        var flags = new FlagParser(s_templateFlags).Parse(args);
        var pos = flags.Positionals;
        if (pos.Count == 0) throw new UsageException("\"helm template\" requires at least 1 argument", showUsage: true);
        if (pos.Count > 2) throw new UsageException("expected at most two arguments, unexpected arguments: " + string.Join(", ", pos.Skip(2)));

        var request = new TemplateRequest
        {
            HelmMajor = major,
            ReleaseName = pos.Count == 2 ? pos[0] : "release-name",
            Namespace = flags.Last("namespace") ?? "default",
            IsUpgrade = flags.Bool("is-upgrade"),
            KubeVersion = flags.Last("kube-version"),
            IncludeCrds = flags.Bool("include-crds"),
            SkipTests = flags.Bool("skip-tests"),
            NoHooks = flags.Bool("no-hooks"),
            SkipSchemaValidation = flags.Bool("skip-schema-validation"),
            RenderSubchartNotes = flags.Bool("render-subchart-notes"),
        };
        request.ApiVersions.AddRange(flags.All("api-versions"));
        request.ShowOnly.AddRange(flags.All("show-only"));
        if (request.KubeVersion != null)
        {
            try { HelmSharp.Rendering.Objects.KubeVersion.Parse(request.KubeVersion, major); }
            catch (HelmException e) { throw new UsageException(e.Message); }
        }

        var chartPath = pos[^1];
        if (!Directory.Exists(chartPath) && !File.Exists(chartPath))
            throw new HelmException("non-absolute URLs should be in form of repo_name/path_to_chart, got: " + chartPath);

        var valueOptions = new ValueOptions();
        valueOptions.ValueFiles.AddRange(flags.All("values"));
        valueOptions.Values.AddRange(flags.All("set"));
        valueOptions.StringValues.AddRange(flags.All("set-string"));
        valueOptions.FileValues.AddRange(flags.All("set-file"));
        valueOptions.JsonValues.AddRange(flags.All("set-json"));
        valueOptions.LiteralValues.AddRange(flags.All("set-literal"));
        request.Values = valueOptions.MergeValues(major);

        var chart = ChartLoader.Load(chartPath, major);
        var result = compiledCache ? HelmChart.Compile(chart).Render(request) : HelmTemplate.Render(chart, request);
        log.AddRange(result.Log);
        return result.Output;
    }

    private static int Main(string[] args)
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false, NewLine = "\n" };
        using var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true, NewLine = "\n" };
        return Run(args, stdout, stderr);
    }
}
