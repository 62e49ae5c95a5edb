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
        new("generate-name", 'g', FlagKind.Bool),
        new("name-template", null, FlagKind.String),
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
        if (args.Length > 0 && args[0] == "lint") return LintCommand.Run(args[1..], stdout, stderr);
        if (args.Length == 0 || args[0] != "template")
        {
            stderr.WriteLine("usage: helmsharp template [NAME] [CHART] [flags]");
            return 1;
        }
        int major = args.Contains("--helm3") ? 3 : 4;
        bool debug = args.Contains("--debug") || args.Contains("--debug=true");
        var log = new List<string>();
        try
        {
            var writeOutput = Template(args.Skip(1).ToList(), major, log, stdout, compiledCache);
            foreach (var l in log) stderr.WriteLine(l);
            var phase = RenderPhases.Start();
            writeOutput(stdout);
            RenderPhases.End(RenderPhases.Phase.Write, phase);
            return 0;
        }
        catch (UsageException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            if (e.ShowUsage) stderr.WriteLine("\nUsage:  helm template [NAME] [CHART] [flags]");
            return 1;
        }
        catch (HelmTemplateException e)
        {
            foreach (var l in log) stderr.WriteLine(l);
            foreach (var l in e.Log) stderr.WriteLine(l);
            if (debug)
            {
                // helm prints whatever release manifest exists (the raw rendered files on a YAML
                // error, nothing on a render error), then returns the bare error.
                if (e.PartialManifest != null) stdout.Write(Manifests.GoTrimSpace(e.PartialManifest) + "\n");
                stderr.WriteLine("Error: " + e.Message);
                return 1;
            }
            stderr.WriteLine("Error: " + e.Message + (e.PartialManifest != null ? "\n\nUse --debug flag to render out invalid YAML" : ""));
            return 1;
        }
        catch (Exception e) when (e is HelmException or ChartException or ValuesException or GoYamlException or IOException)
        {
            foreach (var l in log) stderr.WriteLine(l);
            stderr.WriteLine("Error: " + e.Message);
            return 1;
        }
        catch (Exception e)
        {
            // Last resort: whatever the chart does, the CLI reports an error instead of dying with a stack trace.
            foreach (var l in log) stderr.WriteLine(l);
            stderr.WriteLine("Error: " + e.Message);
            return 1;
        }
    }

    /// <summary>Renders; returns what writes the output (the caller first writes the log, as helm does).</summary>
    private static Action<TextWriter> Template(List<string> args, int major, List<string> log, TextWriter stdout, bool compiledCache)
    {
        var flags = new FlagParser(s_templateFlags).Parse(args);
        var pos = flags.Positionals;
        if (pos.Count == 0) throw new UsageException("\"helm template\" requires at least 1 argument", showUsage: true);
        if (pos.Count > 2) throw new UsageException("expected at most two arguments, unexpected arguments: " + string.Join(", ", pos.Skip(2)));

        // helm's Install.NameAndChart
        var nameTemplate = flags.Last("name-template") ?? "";
        if (pos.Count == 2 && flags.Bool("generate-name")) throw new HelmException("cannot set --generate-name and also specify a name");
        if (pos.Count == 2 && nameTemplate.Length > 0) throw new HelmException("cannot set --name-template and also specify a name");
        var releaseName = pos.Count == 2 ? pos[0] : "release-name";
        if (nameTemplate.Length > 0)
        {
            try { releaseName = HelmTemplate.ExpandNameTemplate(nameTemplate, major); }
            catch (HelmSharp.Template.TemplateException e) { throw new HelmException(e.Message); }
        }

        var request = new TemplateRequest
        {
            HelmMajor = major,
            ReleaseName = releaseName,
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
        Func<Chart, TemplateRequest, TemplateResult> render = compiledCache
            ? (c, r) => HelmChart.Compile(c).Render(r)
            : (c, r) => HelmTemplate.Render(c, r);
        var outputDir = flags.Last("output-dir");
        if (!string.IsNullOrEmpty(outputDir))
        {
            // helm writes every file first; --show-only then searches the (now empty) release manifest.
            var showOnly = request.ShowOnly.ToList();
            request.ShowOnly.Clear();
            var rendered = render(chart, request);
            log.AddRange(rendered.Log);
            var wrote = HelmTemplate.WriteOutputDir(rendered, request, outputDir, flags.Bool("release-name"));
            if (showOnly.Count == 0) return w => w.Write(wrote);
            stdout.Write(wrote[..^1]);
            stdout.Flush();
            throw new HelmTemplateException($"could not find template {showOnly[0]} in chart", [], null);
        }
        var result = render(chart, request);
        log.AddRange(result.Log);
        return result.WriteOutput;
    }

    private static int Main(string[] args)
    {
        // Go strings are bytes: invalid UTF-8 produced by a template is carried through .NET strings
        // escaped (GoUtf8) and must reach the terminal as the raw bytes helm would write.
        // Both streams are buffered (as bytes) and written at the end, stderr first, as helm orders them.
        var stdout = new GoBytesWriter();
        var stderr = new GoBytesWriter();
        int code = Run(args, stdout, stderr);
        using (var err = Console.OpenStandardError()) stderr.CopyTo(err);
        var phase = RenderPhases.Start();
        using (var output = Console.OpenStandardOutput()) stdout.CopyTo(output);
        RenderPhases.End(RenderPhases.Phase.Write, phase);
        if (RenderPhases.Enabled) Console.Error.WriteLine(RenderPhases.Report()); // HELMSHARP_PHASES=1 (scripts/compare-bench.sh)
        return code;
    }
}

/// <summary>
/// A text writer that keeps what is written and writes it at the end as the bytes Go would write
/// (<see cref="HelmSharp.Go.GoUtf8"/>): strings are kept as they are (a render result's joined output is held anyway)
/// and encoded slice by slice into one small buffer at the end; spans (pieces of an output that is not joined) are
/// encoded as they come.
/// </summary>
internal sealed class GoBytesWriter : TextWriter
{
    private const int SliceChars = 16 * 1024;
    private readonly List<object> _pieces = []; // strings and encoded bytes

    public GoBytesWriter() => NewLine = "\n";

    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value)) _pieces.Add(value);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty) return;
        var bytes = new byte[HelmSharp.Go.GoUtf8.GetByteCount(buffer)];
        HelmSharp.Go.GoUtf8.Encode(buffer, bytes);
        _pieces.Add(bytes);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public void CopyTo(Stream stream)
    {
        var bytes = new byte[3 * SliceChars]; // a character is at most 3 bytes (a surrogate pair: 4 for 2)
        foreach (var p in _pieces)
        {
            if (p is byte[] encoded) { stream.Write(encoded); continue; }
            var rest = ((string)p).AsSpan();
            while (!rest.IsEmpty)
            {
                int n = Math.Min(SliceChars, rest.Length);
                if (n < rest.Length && char.IsHighSurrogate(rest[n - 1])) n--; // keep a surrogate pair together
                var slice = rest[..n];
                int count = HelmSharp.Go.GoUtf8.GetByteCount(slice);
                HelmSharp.Go.GoUtf8.Encode(slice, bytes.AsSpan(0, count));
                stream.Write(bytes, 0, count);
                rest = rest[n..];
            }
        }
    }
}
