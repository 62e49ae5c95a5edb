using HelmSharp.Charts;
using HelmSharp.Lint;
using HelmSharp.Rendering;
using HelmSharp.Values;
using HelmSharp.Yaml;

namespace HelmSharp.Cli;

/// <summary><c>lint PATH... [flags]</c>: prints what <c>helm lint</c> prints, with its exit code.</summary>
internal static class LintCommand
{
    private static readonly FlagSpec[] s_flags =
    [
        new("values", 'f', FlagKind.StringSlice),
        new("set", null, FlagKind.StringArray),
        new("set-string", null, FlagKind.StringArray),
        new("set-file", null, FlagKind.StringArray),
        new("set-json", null, FlagKind.StringArray),
        new("set-literal", null, FlagKind.StringArray),
        new("namespace", 'n', FlagKind.String),
        new("kube-version", null, FlagKind.String),
        new("strict", null, FlagKind.Bool),
        new("with-subcharts", null, FlagKind.Bool),
        new("quiet", null, FlagKind.Bool),
        new("skip-schema-validation", null, FlagKind.Bool),
        new("debug", null, FlagKind.Bool),
        new("helm3", null, FlagKind.Bool),
    ];

    /// <summary>Runs <c>lint</c> with the arguments after the command name; returns helm's exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        int major = args.Contains("--helm3") ? 3 : 4;
        try
        {
            var flags = new FlagParser(s_flags).Parse(args);
            var paths = flags.Positionals.ToList();
            if (paths.Count == 0)
            {
                if (major >= 4) throw new UsageException("\"helm lint\" requires at least 1 argument", showUsage: true);
                paths.Add(".");
            }
            var kubeVersion = flags.Last("kube-version");
            if (!string.IsNullOrEmpty(kubeVersion)) HelmSharp.Rendering.Objects.KubeVersion.Parse(kubeVersion, major);
            else kubeVersion = null;

            var valueOptions = new ValueOptions();
            valueOptions.ValueFiles.AddRange(flags.All("values"));
            valueOptions.Values.AddRange(flags.All("set"));
            valueOptions.StringValues.AddRange(flags.All("set-string"));
            valueOptions.FileValues.AddRange(flags.All("set-file"));
            valueOptions.JsonValues.AddRange(flags.All("set-json"));
            valueOptions.LiteralValues.AddRange(flags.All("set-literal"));
            if (flags.Bool("with-subcharts")) paths = HelmLint.WithSubcharts(paths);
            var options = new LintOptions
            {
                HelmMajor = major,
                Namespace = flags.Last("namespace") is { Length: > 0 } ns ? ns : "default",
                KubeVersion = kubeVersion,
                Strict = flags.Bool("strict"),
                SkipSchemaValidation = flags.Bool("skip-schema-validation"),
                Values = valueOptions.MergeValues(major),
            };

            var report = HelmLint.Run(paths, options, withSubcharts: false, quiet: flags.Bool("quiet"));
            foreach (var l in report.Log) stderr.WriteLine(l);
            stdout.Write(report.Output);
            if (!report.Failed) return 0;
            stderr.WriteLine("Error: " + report.Summary);
            return 1;
        }
        catch (UsageException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            if (e.ShowUsage) stderr.WriteLine("\nUsage:  helm lint PATH [flags]");
            return 1;
        }
        catch (Exception e) when (e is HelmException or ChartException or ValuesException or GoYamlException or IOException)
        {
            stderr.WriteLine("Error: " + e.Message);
            return 1;
        }
        catch (Exception e)
        {
            // Last resort: whatever the chart does, the CLI reports an error instead of dying with a stack trace.
            stderr.WriteLine("Error: " + e.Message);
            return 1;
        }
    }
}
