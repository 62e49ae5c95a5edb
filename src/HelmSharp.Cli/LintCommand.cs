using HelmSharp.Charts;
using HelmSharp.Lint;
using HelmSharp.Rendering;
using HelmSharp.Values;
using HelmSharp.Yaml;

namespace HelmSharp.Cli;

/// <summary><c>lint PATH... [flags]</c>: prints what <c>helm lint</c> prints, with its exit code.</summary>
internal static class LintCommand
{
    /// <summary><c>lint</c>'s own flags, with helm's descriptions (<c>--help</c>); the global ones are <see cref="Program.GlobalFlags"/>.</summary>
    internal static readonly FlagSpec[] Flags =
    [
        .. Program.ValuesFlags,
        new("kube-version", null, FlagKind.String, "Kubernetes version used for capabilities and deprecation checks"),
        new("strict", null, FlagKind.Bool, "fail on lint warnings"),
        new("with-subcharts", null, FlagKind.Bool, "lint dependent charts"),
        new("quiet", null, FlagKind.Bool, "print only warnings and errors"),
        new("skip-schema-validation", null, FlagKind.Bool, "if set, disables JSON schema validation"),
    ];

    /// <summary>Runs <c>lint</c> with the arguments after the command name; returns helm's exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        int major = args.Contains("--helm3") || args.Contains("--helm3=true") ? 3 : 4;
        try
        {
            var flags = new FlagParser(Flags.Concat(Program.GlobalFlags).Where(f => f.AppliesTo(major))).Parse(args);
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
                HelmVersion = (HelmVersion)major,
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
