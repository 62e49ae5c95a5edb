using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Values;
using HelmSharp.Yaml;

namespace HelmSharp.Cli;

/// <summary>
/// The <c>helmsharp</c> command line: <c>template [NAME] [CHART] [flags]</c> prints what <c>helm template</c> prints
/// (<c>--helm3</c>: as helm v3.17.3), with helm's help, usage errors and exit codes.
/// </summary>
public static class Program
{
    /// <summary>helm's global flags that helmsharp has, and its own <c>--helm3</c>.</summary>
    internal static readonly FlagSpec[] GlobalFlags =
    [
        new("debug", null, FlagKind.Bool, "enable verbose output"),
        new("namespace", 'n', FlagKind.String, "namespace scope for this request"),
        new("helm3", null, FlagKind.Bool, "render as helm v3.17.3 does (default: as helm v4.1.4)"),
    ];

    /// <summary>helm's values flags (<c>-f</c> and the <c>--set</c> family), shared by <c>template</c> and <c>lint</c>.</summary>
    internal static readonly FlagSpec[] ValuesFlags =
    [
        new("values", 'f', FlagKind.StringSlice, "specify values in a YAML file or a URL (can specify multiple)"),
        new("set", null, FlagKind.StringArray, "set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)"),
        new("set-string", null, FlagKind.StringArray, "set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)"),
        new("set-file", null, FlagKind.StringArray, "set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)"),
        new("set-json", null, FlagKind.StringArray, "set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2 or using json format: {\"key1\": jsonval1, \"key2\": \"jsonval2\"})") { Major = 4 },
        new("set-json", null, FlagKind.StringArray, "set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2)") { Major = 3 },
        new("set-literal", null, FlagKind.StringArray, "set a literal STRING value on the command line"),
    ];

    private static readonly string[] s_waitStrategies = ["watcher", "hookOnly", "legacy", "true", "false"];

    private static readonly FlagSpec[] s_templateFlags =
    [
        .. ValuesFlags,
        new("kube-version", null, FlagKind.String, "Kubernetes version used for Capabilities.KubeVersion"),
        new("api-versions", 'a', FlagKind.StringSlice, "Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)") { Major = 4 },
        new("api-versions", 'a', FlagKind.StringSlice, "Kubernetes api versions used for Capabilities.APIVersions") { Major = 3 },
        new("include-crds", null, FlagKind.Bool, "include CRDs in the templated output"),
        new("skip-crds", null, FlagKind.Bool, "if set, no CRDs will be installed. By default, CRDs are installed if not already present"),
        new("skip-tests", null, FlagKind.Bool, "skip tests from templated output"),
        new("no-hooks", null, FlagKind.Bool, "prevent hooks from running during install"),
        new("show-only", 's', FlagKind.StringArray, "only show manifests rendered from the given templates"),
        new("output-dir", null, FlagKind.String, "writes the executed templates to files in output-dir instead of stdout"),
        new("release-name", null, FlagKind.Bool, "use release name in the output-dir path."),
        new("is-upgrade", null, FlagKind.Bool, "set .Release.IsUpgrade instead of .Release.IsInstall"),
        new("skip-schema-validation", null, FlagKind.Bool, "if set, disables JSON schema validation"),
        new("render-subchart-notes", null, FlagKind.Bool, "if set, render subchart notes along with the parent"),
        new("validate", null, FlagKind.Bool, "validate your manifests against the Kubernetes cluster you are currently pointing at. This is the same validation performed on an install") { Major = 3 },
        new("validate", null, FlagKind.Bool) { Major = 4, Hidden = true }, // deprecated in helm 4
        new("disable-openapi-validation", null, FlagKind.Bool, "if set, the installation process will not validate rendered templates against the Kubernetes OpenAPI Schema"),
        new("dependency-update", null, FlagKind.Bool, "update dependencies if they are missing before installing the chart"),
        new("devel", null, FlagKind.Bool, "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored"),
        new("enable-dns", null, FlagKind.Bool, "enable DNS lookups when rendering templates"),
        new("create-namespace", null, FlagKind.Bool, "create the release namespace if not present"),
        new("atomic", null, FlagKind.Bool, "if set, the installation process deletes the installation on failure. The --wait flag will be set automatically if --atomic is used") { Major = 3 },
        new("atomic", null, FlagKind.Bool) { Major = 4, Hidden = true }, // deprecated in helm 4
        new("wait", null, FlagKind.Bool, "if set, will wait until all Pods, PVCs, Services, and minimum number of Pods of a Deployment, StatefulSet, or ReplicaSet are in a ready state before marking the release as successful. It will wait for as long as --timeout") { Major = 3 },
        new("wait", null, FlagKind.OptionalString, "if specified, wait until resources are ready (up to --timeout). Values: 'watcher', 'hookOnly', and 'legacy'.")
        {
            Major = 4, VarName = "WaitStrategy", NoOptDefault = "watcher", DefaultText = "hookOnly",
            Validate = v => s_waitStrategies.Contains(v) ? null : $"invalid wait input \"{v}\". Valid inputs are watcher, hookOnly, and legacy",
        },
        new("version", null, FlagKind.String, "specify a version constraint for the chart version to use. This constraint can be a specific tag (e.g. 1.1.1) or it may reference a valid range (e.g. ^2.0.0). If this is not specified, the latest version is used"),
        new("description", null, FlagKind.String, "add a custom description"),
        new("generate-name", 'g', FlagKind.Bool, "generate the name (and omit the NAME parameter)"),
        new("name-template", null, FlagKind.String, "specify template used to name the release"),
        // HelmSharp's diagnostics: helm has none of these, so they stay out of the help text helm's is checked against
        // (README, "Diagnostics").
        new("call-stack", null, FlagKind.Bool) { Hidden = true },
        new("profile", null, FlagKind.Bool) { Hidden = true },
        new("profile-json", null, FlagKind.String) { Hidden = true },
        new("show-computed-values", null, FlagKind.Bool) { Hidden = true },
    ];

    private static readonly FlagSpec[] s_versionFlags =
    [
        new("short", null, FlagKind.Bool, "print the version number"),
        new("template", null, FlagKind.String, "template for version string format"),
    ];

    /// <summary>
    /// The commands (<c>help</c> is built in). A command registers here with its flags and help texts; the root's
    /// <c>--help</c>, <c>help COMMAND</c> and <c>COMMAND --help</c> are built from these entries, and
    /// scripts/regen-cli.py must list it (its help is then checked against helm's).
    /// </summary>
    /// <remarks>
    /// A command that parses its own arguments sets <see cref="CliCommand.RunArgs"/> instead of <see cref="CliCommand.Run"/> (<c>lint</c>).
    /// </remarks>
    internal static readonly CliCommand[] Commands =
    [
        new()
        {
            Name = "lint", Args = "PATH", Short = "examine a chart for possible issues",
            Long = _ => CliHelp.Text("lint"),
            Flags = LintCommand.Flags, RunArgs = LintCommand.Run,
        },
        new()
        {
            Name = "template", Args = "[NAME] [CHART]", Short = "locally render templates",
            Long = major => CliHelp.Text(major >= 4 ? "template.helm4" : "template.helm3"),
            Flags = s_templateFlags, Run = RunTemplate,
        },
        new()
        {
            Name = "version", Short = "print the helmsharp version information", ShortHelm3 = "print the client version information",
            Long = _ => CliHelp.Text("version"),
            Flags = s_versionFlags, Run = RunVersion,
        },
    ];

    /// <summary>Runs the CLI with <paramref name="args"/>, writing to the given streams; returns the exit code (helm's).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, compiledCache: true);

    /// <summary>
    /// Runs the CLI; with <paramref name="compiledCache"/> false the chart is rendered by the plain
    /// <see cref="HelmTemplate.Render(HelmSharp.Charts.Chart, TemplateRequest, CancellationToken)"/> instead of
    /// through <see cref="HelmChart.Compile(Chart, bool)"/> (the output is the same; used to prove it).
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool compiledCache)
    {
        if (args.Length > 0 && args[0] == "unittest") return UnitTestCommand.Run(args[1..], stdout, stderr);
        int major = args.Contains("--helm3") || args.Contains("--helm3=true") ? 3 : 4;
        int at = CommandIndex(args);
        try
        {
            if (at < 0)
            {
                // No command: cobra's root is not runnable, so it prints its help (flags are still checked).
                var rootFlags = new FlagParser(GlobalFlags.Append(CliHelp.HelpFlag(CliHelp.ProgramName)).Where(f => f.AppliesTo(major))).Parse(args);
                if (rootFlags.Positionals.Count > 0) return UnknownCommand(rootFlags.Positionals[0], stderr);
                stdout.Write(CliHelp.Root(Commands, GlobalFlags, major));
                return 0;
            }
            var name = args[at];
            var rest = args.Take(at).Concat(args.Skip(at + 1)).ToList();
            if (name == "help") return Help(rest, major, stdout, stderr);
            var command = Commands.FirstOrDefault(c => c.Name == name);
            if (command == null) return UnknownCommand(name, stderr);
            var flags = new FlagParser(command.Flags.Concat(GlobalFlags).Append(CliHelp.HelpFlag(command.Name)).Where(f => f.AppliesTo(major))).Parse(rest);
            if (flags.Bool("help"))
            {
                stdout.Write(CliHelp.Command(command, GlobalFlags, major));
                return 0;
            }
            if (command.RunArgs != null) return command.RunArgs(rest, stdout, stderr);
            return command.Run!(new Invocation(flags, major, stdout, stderr, compiledCache));
        }
        catch (UsageException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            return 1;
        }
    }

    /// <summary>
    /// The index of the command name (cobra's <c>stripFlags</c>): the first argument that is not a flag or the value of
    /// one; a flag without <c>=</c> takes the next argument as its value unless it is a switch; -1 when there is none.
    /// </summary>
    private static int CommandIndex(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--") return -1;
            if (a.StartsWith('-'))
            {
                if (a.Contains('=') || a is "--debug" or "--helm3" or "--help" or "-h") continue;
                if (a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2) i++;
                continue;
            }
            if (a.Length > 0) return i;
        }
        return -1;
    }

    private static int UnknownCommand(string name, TextWriter stderr)
    {
        stderr.WriteLine($"Error: unknown command \"{name}\" for \"{CliHelp.ProgramName}\"");
        stderr.WriteLine($"Run '{CliHelp.ProgramName} --help' for usage.");
        return 1;
    }

    /// <summary>cobra's <c>help [command]</c>.</summary>
    private static int Help(List<string> args, int major, TextWriter stdout, TextWriter stderr)
    {
        var topics = new FlagParser(GlobalFlags.Append(CliHelp.HelpFlag("help")).Where(f => f.AppliesTo(major))).Parse(args).Positionals;
        if (topics.Count == 0) { stdout.Write(CliHelp.Root(Commands, GlobalFlags, major)); return 0; }
        if (topics[0] == "help") { stdout.Write(CliHelp.HelpCommand(GlobalFlags, major)); return 0; }
        var command = Commands.FirstOrDefault(c => c.Name == topics[0]);
        if (command != null) { stdout.Write(CliHelp.Command(command, GlobalFlags, major)); return 0; }
        // cobra prints this on stderr (its Printf), with Go's %#q of the argument list, and succeeds.
        stderr.WriteLine("Unknown help topic [" + string.Join(" ", topics.Select(t => t.Contains('`') ? HelmSharp.Go.GoStrconv.Quote(t) : "`" + t + "`")) + "]");
        stderr.Write(CliHelp.Root(Commands, GlobalFlags, major, withLong: false, withHelpFlag: false));
        return 0;
    }

    /// <summary>
    /// The version line: helm's <c>version.BuildInfo{…}</c> with helmsharp's fields (its version and commit, the helm
    /// release it reproduces, the .NET it runs on).
    /// </summary>
    private static int RunVersion(Invocation inv)
    {
        if (inv.Flags.Positionals.Count > 0)
        {
            inv.Stderr.WriteLine($"Error: \"{CliHelp.ProgramName} version\" accepts no arguments\n\nUsage:  {CliHelp.ProgramName} version [flags]");
            return 1;
        }
        var info = BuildInfo(inv.HelmMajor);
        if (inv.Flags.Last("template") is { Length: > 0 } text)
        {
            try
            {
                var registry = new HelmSharp.Template.Functions.FunctionRegistry();
                HelmSharp.Template.Functions.Builtins.Register(registry);
                var set = new HelmSharp.Template.TemplateSet(registry.Freeze(), new HelmSharp.Template.TemplateOptions { HelmMajor = inv.HelmMajor, MaxOutputBytes = 1 << 20 }, "_");
                set.Parse("_", text);
                inv.Stdout.Write(set.Execute("_", info.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)));
                return 0;
            }
            catch (HelmSharpException e)
            {
                inv.Stderr.WriteLine("Error: " + e.Message);
                return 1;
            }
        }
        if (inv.Flags.Bool("short"))
        {
            var version = info[0].Value;
            var commit = info[1].Value;
            inv.Stdout.WriteLine(commit.Length >= 7 ? version + "+g" + commit[..7] : version);
            return 0;
        }
        inv.Stdout.WriteLine("version.BuildInfo{" + string.Join(", ", info.Select(kv => kv.Key + ":" + HelmSharp.Go.GoStrconv.Quote(kv.Value))) + "}");
        return 0;
    }

    /// <summary>The version fields, in the order <c>version</c> prints them.</summary>
    internal static List<KeyValuePair<string, string>> BuildInfo(int helmMajor)
    {
        // "0.1.0+<commit>": the SDK appends the source revision (SourceLink) to the informational version.
        var informational = typeof(Program).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0";
        int plus = informational.IndexOf('+');
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "" : informational[(plus + 1)..];
        return
        [
            new("Version", "v" + version),
            new("GitCommit", commit),
            new("HelmVersion", helmMajor >= 4 ? "v4.1.4" : "v3.17.3"),
            new("DotNetVersion", Environment.Version.ToString()),
        ];
    }

    private static int RunTemplate(Invocation inv)
    {
        var (args, major, stdout, stderr, compiledCache) = (inv.Flags, inv.HelmMajor, inv.Stdout, inv.Stderr, inv.CompiledCache);
        bool debug = args.Bool("debug");
        bool callStack = args.Bool("call-stack");
        var log = new List<string>();
        try
        {
            var writeOutput = Template(args, major, log, stdout, compiledCache);
            foreach (var l in log) stderr.WriteLine(l);
            var phase = RenderPhases.Start();
            if (stdout is GoBytesWriter bytes) bytes.WriteLater(writeOutput); // encoded straight into the output at the end
            else writeOutput(stdout);
            RenderPhases.End(RenderPhases.Phase.Write, phase);
            return 0;
        }
        catch (UsageException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            if (e.ShowUsage) stderr.WriteLine("\nUsage:  " + CliHelp.UseLine(Commands.Single(c => c.Name == "template")));
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
                if (callStack) WriteCallStack(e, stderr);
                return 1;
            }
            stderr.WriteLine("Error: " + e.Message + (e.PartialManifest != null ? "\n\nUse --debug flag to render out invalid YAML" : ""));
            if (callStack) WriteCallStack(e, stderr);
            return 1;
        }
        catch (Exception e) when (e is HelmSharpException or IOException or UnauthorizedAccessException)
        {
            foreach (var l in log) stderr.WriteLine(l);
            stderr.WriteLine("Error: " + e.Message);
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Last resort: whatever the chart does, the CLI reports an error instead of dying with a stack trace.
            foreach (var l in log) stderr.WriteLine(l);
            stderr.WriteLine("Error: " + e.Message);
            return 1;
        }
    }

    /// <summary>
    /// --call-stack: the template call stack of an execution error, or for a rendered manifest that is not YAML the
    /// template positions that wrote the line helm names (<see cref="HelmTemplateException.OutputOrigin"/>), after
    /// helm's own error line.
    /// </summary>
    private static void WriteCallStack(HelmTemplateException e, TextWriter stderr)
    {
        if (e.OutputOrigin is { } origin)
        {
            foreach (var line in origin.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) stderr.WriteLine(line);
            return;
        }
        if (e.CallStack.Count == 0) return;
        stderr.WriteLine("Template call stack (innermost first):");
        foreach (var f in e.CallStack) stderr.WriteLine("  " + f);
    }

    /// <summary>Renders; returns what writes the output (the caller first writes the log, as helm does).</summary>
    private static Action<TextWriter> Template(FlagParser.Result flags, int major, List<string> log, TextWriter stdout, bool compiledCache)
    {
        var pos = flags.Positionals;
        if (pos.Count == 0) throw new UsageException($"\"{CliHelp.ProgramName} template\" requires at least 1 argument", showUsage: true);
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

        // helm finds the chart before it reads the values.
        var chartPath = ChartLocator.Locate(pos[^1]);

        var valueOptions = new ValueOptions();
        valueOptions.ValueFiles.AddRange(flags.All("values"));
        valueOptions.Values.AddRange(flags.All("set"));
        valueOptions.StringValues.AddRange(flags.All("set-string"));
        valueOptions.FileValues.AddRange(flags.All("set-file"));
        valueOptions.JsonValues.AddRange(flags.All("set-json"));
        valueOptions.LiteralValues.AddRange(flags.All("set-literal"));
        request.Values = valueOptions.MergeValues(major);

        var chart = ChartLoader.Load(chartPath, major);
        // the chart is rendered once (below, on one path) and not read afterwards: coalescing may take its loaded defaults as they are
        chart.GiveValuesToOneRender(major);
        // --show-computed-values: the values the templates would see, as helm install --dry-run=client --debug prints them
        if (flags.Bool("show-computed-values"))
        {
            var section = HelmSharp.Diagnostics.ComputedValues.Section(chart, request);
            return w => w.Write(section);
        }
        Func<Chart, TemplateRequest, TemplateResult> render = compiledCache
            ? (c, r) => HelmChart.Compile(c).Render(r)
            : (c, r) => HelmTemplate.Render(c, r);
        // --profile: a table of what each template cost, on stderr after helm's log; --profile-json FILE: the same as JSON
        var profileJson = flags.Last("profile-json");
        if (flags.Bool("profile") || !string.IsNullOrEmpty(profileJson))
        {
            var plain = render;
            bool table = flags.Bool("profile");
            render = (c, r) =>
            {
                HelmSharp.Diagnostics.RenderProfile? profile = null;
                try { return HelmSharp.Diagnostics.RenderProfiler.Run(() => plain(c, r), out profile); }
                finally
                {
                    if (profile != null && table) log.Add(profile.ToTable().TrimEnd('\n'));
                    if (profile != null && !string.IsNullOrEmpty(profileJson)) File.WriteAllText(profileJson, profile.ToJson());
                }
            };
        }
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
/// (<see cref="HelmSharp.Go.GoUtf8"/>): strings are kept as they are (a render result's joined output is held anyway),
/// spans (pieces of an output that is not joined) are encoded as they come into shared chunks, and a render's output
/// can be handed over as a writer to call at the end (<see cref="WriteLater"/>), so that its pieces go straight from
/// the render's text to the stream. Everything goes through one buffer (8 KiB, growing to 64 KiB), written whenever it fills: an output of
/// thousands of pieces costs a handful of <c>write</c> calls, not one per piece.
/// </summary>
internal sealed class GoBytesWriter : TextWriter
{
    private const int ChunkBytes = 16 * 1024;
    private readonly List<(object Piece, int Length)> _pieces = []; // strings, chunks of encoded bytes, deferred writers
    private byte[]? _chunk; // the chunk spans are encoded into, the last of _pieces while it has room
    private int _chunkUsed;

    public GoBytesWriter() => NewLine = "\n";

    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        _pieces.Add((value, value.Length));
        _chunk = null;
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty) return;
        int count = HelmSharp.Go.GoUtf8.GetByteCount(buffer);
        if (_chunk is null || _chunk.Length - _chunkUsed < count)
        {
            _chunk = new byte[Math.Max(ChunkBytes, count)];
            _chunkUsed = 0;
            _pieces.Add((_chunk, 0));
        }
        HelmSharp.Go.GoUtf8.Encode(buffer, _chunk.AsSpan(_chunkUsed, count));
        _chunkUsed += count;
        _pieces[^1] = (_chunk, _chunkUsed);
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <summary>
    /// Keeps <paramref name="write"/> in this place of the output and calls it in <see cref="CopyTo"/>, with a writer that
    /// encodes what it is given straight into the output (what it writes must stay valid until then).
    /// </summary>
    public void WriteLater(Action<TextWriter> write)
    {
        _pieces.Add((write, 0));
        _chunk = null;
    }

    public void CopyTo(Stream stream)
    {
        var sink = new Sink(stream);
        foreach (var (piece, length) in _pieces)
        {
            switch (piece)
            {
                case byte[] encoded: sink.Add(encoded.AsSpan(0, length)); break;
                case string text: sink.Add(text.AsSpan()); break;
                case Action<TextWriter> write: write(sink); break;
            }
        }
        sink.Flush();
    }

    /// <summary>
    /// Encodes text (each write on its own, as Go bytes) and bytes into a buffer that is written to the stream when full.
    /// The buffer starts at 8 KiB and doubles at each write up to 64 KiB: a small chart's output does not pay for (fresh,
    /// page-faulted) memory it never uses.
    /// </summary>
    private sealed class Sink(Stream stream) : TextWriter
    {
        private const int MaxBuffer = 64 * 1024;
        private byte[] _buffer = new byte[8 * 1024];
        private int _used;

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => Add(new ReadOnlySpan<char>(in value));

        public override void Write(string? value) => Add(value.AsSpan());

        public override void Write(ReadOnlySpan<char> buffer) => Add(buffer);

        public override void Write(char[] buffer, int index, int count) => Add(buffer.AsSpan(index, count));

        public void Add(ReadOnlySpan<byte> bytes)
        {
            while (!bytes.IsEmpty)
            {
                if (_used == _buffer.Length) Flush();
                int n = Math.Min(bytes.Length, _buffer.Length - _used);
                bytes[..n].CopyTo(_buffer.AsSpan(_used));
                _used += n;
                bytes = bytes[n..];
            }
        }

        public void Add(ReadOnlySpan<char> chars)
        {
            while (!chars.IsEmpty)
            {
                // as many characters as surely fit (a character is at most 3 bytes; a surrogate pair 4 for 2)
                int n = Math.Min(chars.Length, (_buffer.Length - _used) / 3);
                if (n < chars.Length && n > 0 && char.IsHighSurrogate(chars[n - 1])) n--; // keep a surrogate pair together
                if (n == 0) { Flush(); continue; }
                var slice = chars[..n];
                int count = HelmSharp.Go.GoUtf8.GetByteCount(slice);
                HelmSharp.Go.GoUtf8.Encode(slice, _buffer.AsSpan(_used, count));
                _used += count;
                chars = chars[n..];
            }
        }

        public override void Flush()
        {
            if (_used == 0) return;
            stream.Write(_buffer, 0, _used);
            _used = 0;
            if (_buffer.Length < MaxBuffer) _buffer = new byte[_buffer.Length * 2];
        }
    }
}
