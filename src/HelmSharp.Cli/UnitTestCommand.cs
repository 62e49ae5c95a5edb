using HelmSharp.UnitTest;

namespace HelmSharp.Cli;

/// <summary>
/// <c>unittest CHART [...]</c> (helm-unittest's <c>helm unittest</c>): runs helm-unittest suites (<c>tests/*_test.yaml</c>) in process, with the plugin's flags,
/// report and exit code (1 when a chart fails).
/// </summary>
internal static class UnitTestCommand
{
    private static readonly FlagSpec[] s_flags =
    [
        new("file", 'f', FlagKind.StringArray),
        new("values", 'v', FlagKind.StringArray),
        new("update-snapshot", 'u', FlagKind.Bool),
        new("with-subchart", 's', FlagKind.Bool),
        new("strict", null, FlagKind.Bool),
        new("color", null, FlagKind.Bool),
        new("output-file", 'o', FlagKind.String),
        new("output-type", 't', FlagKind.String),
        new("chart-tests-path", null, FlagKind.String),
        new("failfast", 'q', FlagKind.Bool),
        new("debugPlugin", 'd', FlagKind.Bool),
        new("skip-schema-validation", null, FlagKind.Bool),
        new("help", 'h', FlagKind.Bool),
    ];

    internal const string Usage = """
        Usage:
          helmsharp unittest [flags] CHART [...]

        Runs helm-unittest suites (tests/*_test.yaml) against each chart.

        Flags:
              --chart-tests-path string    a chart (relative to CHART) whose rendered templates are test suites
              --color                      colour the report (default: when stdout is a terminal)
          -f, --file stringArray           glob paths of test files, relative to CHART (default tests/*_test.yaml)
          -q, --failfast                   stop at the first failing test
          -o, --output-file string         write the results to this file
          -t, --output-type string         result file format: JUnit or XUnit (default "XUnit")
              --skip-schema-validation     do not validate values against values.schema.json
              --strict                     reject unknown fields in test suites
          -u, --update-snapshot            rewrite snapshot files with the current output
          -v, --values stringArray         values files applied to every suite
          -s, --with-subchart              also run the suites of charts under charts/ (default true)
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        FlagParser.Result r;
        try { r = new FlagParser(s_flags).Parse(args); }
        catch (UsageException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            stderr.WriteLine(Usage);
            return 1;
        }
        if (r.Bool("help"))
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        if (r.Positionals.Count == 0)
        {
            stderr.WriteLine("Error: requires at least 1 arg(s), only received 0");
            stderr.WriteLine(Usage);
            return 1;
        }
        var options = new UnitTestOptions
        {
            UpdateSnapshot = r.Bool("update-snapshot"),
            WithSubChart = !r.Bools.TryGetValue("with-subchart", out var sub) || sub,
            Strict = r.Bool("strict"),
            FailFast = r.Bool("failfast"),
            SkipSchemaValidation = r.Bool("skip-schema-validation"),
            ChartTestsPath = r.Last("chart-tests-path"),
            OutputFile = r.Last("output-file") is { Length: > 0 } file ? file : null,
            OutputType = r.Last("output-type") ?? "XUnit",
            Color = r.Bools.TryGetValue("color", out var color) ? color : DefaultColor(stdout),
        };
        options.TestFiles.AddRange(r.All("file"));
        options.ValuesFiles.AddRange(r.All("values"));
        try
        {
            var report = SuiteRunner.Run(r.Positionals, options, stdout);
            return report.Passed ? 0 : 1;
        }
        catch (UnitTestException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            return 1;
        }
    }

    // fatih/color: colour when stdout is a terminal, NO_COLOR is unset and TERM is not "dumb"
    private static bool DefaultColor(TextWriter stdout) =>
        !Console.IsOutputRedirected &&
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && Environment.GetEnvironmentVariable("TERM") != "dumb";
}
