using HelmSharp.Go;
using System.Diagnostics;
using HelmSharp.Charts;
using HelmSharp.Rendering;

namespace HelmSharp.UnitTest;

/// <summary>Settings of a unit-test run (the helm-unittest plugin's flags).</summary>
public sealed class UnitTestOptions
{
    /// <summary>Glob patterns of suite files, relative to each chart (<c>-f/--file</c>); <c>tests/*_test.yaml</c> when empty. <c>**</c> matches any number of directories.</summary>
    public List<string> TestFiles { get; } = [];
    /// <summary>Values files applied to every suite (<c>-v/--values</c>), after the suites' own.</summary>
    public List<string> ValuesFiles { get; } = [];
    /// <summary>Rewrite snapshot files with the current output (<c>-u/--update-snapshot</c>).</summary>
    public bool UpdateSnapshot { get; set; }
    /// <summary>Also run the suites of subcharts under <c>charts/</c> (<c>-s/--with-subchart</c>, on by default).</summary>
    public bool WithSubChart { get; set; } = true;
    /// <summary>Reject unknown fields in suite files (<c>--strict</c>).</summary>
    public bool Strict { get; set; }
    /// <summary>Stop at the first failure (<c>-q/--failfast</c>).</summary>
    public bool FailFast { get; set; }
    /// <summary>Skip <c>values.schema.json</c> validation (<c>--skip-schema-validation</c>).</summary>
    public bool SkipSchemaValidation { get; set; }
    /// <summary>A chart (relative to each chart) whose rendered templates are test suites (<c>--chart-tests-path</c>).</summary>
    public string? ChartTestsPath { get; set; }
    /// <summary>ANSI colours in the report (<c>--color</c>).</summary>
    public bool Color { get; set; }
    /// <summary>Result file format (<c>-t/--output-type</c>): <c>JUnit</c> or <c>XUnit</c> (the default).</summary>
    public string OutputType { get; set; } = "XUnit";
    /// <summary>Where to write the result file (<c>-o/--output-file</c>); none when null.</summary>
    public string? OutputFile { get; set; }
    /// <summary>The directory paths in the report are relative to (the process's current directory by default).</summary>
    public string? WorkingDirectory { get; set; }
    /// <summary>The clock for the result file's timestamps (the current time by default).</summary>
    public Func<DateTime>? Clock { get; set; }
}

/// <summary>
/// Runs helm-unittest suites (<c>tests/*_test.yaml</c>) in process: each test renders the chart with its values as the
/// plugin does (helm 3 template semantics) and checks the assertions; the report is the plugin's (PASS/FAIL lines and
/// the Charts/Test Suites/Tests/Snapshot/Time summary).
/// </summary>
public static class SuiteRunner
{
    /// <summary>Runs the suites of every chart in <paramref name="chartPaths"/>, writing the report to <paramref name="output"/>.</summary>
    public static UnitTestReport Run(IEnumerable<string> chartPaths, UnitTestOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chartPaths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var paths = chartPaths.ToList();
        return HelmSharp.Go.StackGuard.Run((paths, options, output, cancellationToken),
            static a => new Engine(a.options, a.output, a.cancellationToken).Run(a.paths));
    }

    /// <summary>Runs and returns the report with its text in <see cref="UnitTestReport.Output"/>.</summary>
    public static UnitTestReport Run(IEnumerable<string> chartPaths, UnitTestOptions options, CancellationToken cancellationToken = default)
    {
        var sw = new StringWriter();
        var r = Run(chartPaths, options, sw, cancellationToken);
        r.Output = sw.ToString();
        return r;
    }

    private sealed class Engine(UnitTestOptions options, TextWriter output, CancellationToken ct)
    {
        private readonly ReportPrinter _printer = new(output, options.Color);
        private readonly UnitTestReport _report = new();
        private readonly List<UnitTestSuiteResult> _suites = [];
        private int _snapshotFailedSuites;
        private readonly RunState _state = new()
        {
            Options = options,
            Cwd = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory),
        };

        public UnitTestReport Run(List<string> chartPaths)
        {
            _state.Cancellation = ct;
            var sw = Stopwatch.StartNew();
            bool allPassed = true;
            foreach (var chartPath in chartPaths)
            {
                ct.ThrowIfCancellationRequested();
                Chart chart;
                try { chart = ChartLoader.Load(Resolve(chartPath), 3); }
                catch (Exception e) when (e is ChartException or IOException or UnauthorizedAccessException or HelmSharp.Yaml.GoYamlException)
                {
                    _printer.PrintErroredChartHeader(e.Message);
                    CountChart(false, true);
                    allPassed = false;
                    if (options.FailFast) break;
                    continue;
                }
                List<TestSuite> suites;
                try { suites = GetSuites(chartPath, chart.Name, chart, null); }
                catch (UnitTestException e)
                {
                    _printer.PrintErroredChartHeader(e.Message);
                    CountChart(false, true);
                    allPassed = false;
                    if (options.FailFast) break;
                    continue;
                }
                _printer.PrintChartHeader(chart.Name, chartPath);
                bool chartPassed = RunSuitesOfChart(suites, chart);
                CountChart(chartPassed, false);
                allPassed = allPassed && chartPassed;
            }
            if (options.OutputFile != null)
            {
                var type = XmlReports.Normalize(options.OutputType);
                try
                {
                    var file = Resolve(options.OutputFile);
                    var dir = Path.GetDirectoryName(Path.GetFullPath(file));
                    if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                    if (type.Length > 0)
                        File.WriteAllText(file, XmlReports.Write(type, _suites, (options.Clock ?? (() => DateTime.Now))(), Environment.MachineName.ToLowerInvariant()));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { _printer.PrintErroredChartHeader(e.Message); }
            }
            _printer.PrintSnapshotSummary(_report.Snapshots.Failed, _snapshotFailedSuites);
            _printer.PrintSummary(_report, sw.Elapsed);
            _report.Passed = allPassed;
            _report.Suites = _suites;
            return _report;
        }

        private string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(_state.Cwd, path);

        private void CountChart(bool passed, bool errored)
        {
            if (passed) _report.Charts.Passed++;
            else
            {
                _report.Charts.Failed++;
                if (errored) _report.Charts.Errored++;
            }
        }

        // ------------------------------------------------------------------ finding suites

        private List<string> GetFiles(string chartPath, IEnumerable<string> patterns, bool absolute)
        {
            var files = new List<string>();
            var basePath = chartPath + "/";
            string? previous = null;
            foreach (var pattern in patterns)
            {
                if (pattern == previous) continue; // slices.Compact
                previous = pattern;
                if (Path.IsPathRooted(pattern)) { files.Add(pattern); continue; }
                var filePath = pattern.Contains(basePath, StringComparison.Ordinal) ? pattern : GoPath.Join(basePath, pattern);
                var rooted = Path.IsPathRooted(filePath);
                foreach (var m in Glob(filePath)) files.Add(m);
            }
            if (absolute)
                for (int i = 0; i < files.Count; i++) files[i] = Path.GetFullPath(Resolve(files[i]));
            return files;
        }

        // globs relative to the working directory (the plugin's process directory)
        private List<string> Glob(string pattern)
        {
            if (Path.IsPathRooted(pattern)) return GoGlob.Glob(pattern);
            var prefix = _state.Cwd.TrimEnd('/') + "/";
            return GoGlob.Glob(prefix + pattern).Select(p => p.StartsWith(prefix, StringComparison.Ordinal) ? p[prefix.Length..] : Path.GetRelativePath(_state.Cwd, p)).ToList();
        }

        private List<TestSuite> GetTestSuites(string chartPath, string chartRoute)
        {
            var patterns = options.TestFiles.Count > 0 ? options.TestFiles : ["tests/*_test.yaml"];
            var testFiles = GetFiles(chartPath, patterns, false);
            var valueFiles = GetFiles("", options.ValuesFiles, true);
            var rendered = new List<TestSuite>();
            if (!string.IsNullOrEmpty(options.ChartTestsPath))
            {
                var testsPath = GoPath.Join(chartPath, options.ChartTestsPath);
                if (Directory.Exists(Resolve(testsPath))) rendered = RenderedSuites.Render(Resolve(testsPath), testsPath, chartRoute, options.Strict, valueFiles, _state);
            }
            var result = new List<TestSuite>();
            foreach (var file in testFiles)
            {
                var (suites, err) = SuiteParser.ParseFile(Resolve(file), chartRoute, options.Strict, valueFiles, _state.Cwd);
                if (err != null)
                {
                    HandleSuiteResult(new UnitTestSuiteResult { FilePath = Path.GetRelativePath(_state.Cwd, Path.GetFullPath(Resolve(file))), ExecError = err.Message });
                    throw new UnitTestException(err.Message);
                }
                result.AddRange(suites);
            }
            result.AddRange(rendered);
            return result;
        }

        private List<TestSuite> GetSuites(string chartPath, string chartRoute, Chart chart, Dictionary<string, object?>? merged)
        {
            var suites = GetTestSuites(chartPath, chartRoute);
            if (!options.WithSubChart) return suites;
            merged ??= MergedValues(chart, chartPath);
            foreach (var sub in chart.Dependencies)
            {
                if (merged != null && !SubchartEnabled(chart, sub, merged)) continue;
                try { suites.AddRange(GetSuites(GoPath.Join(chartPath, "charts", sub.Metadata.Name), GoPath.Join(chartRoute, "charts", sub.Metadata.Name), sub, merged)); }
                catch (UnitTestException) { /* the plugin logs a warning and goes on */ }
            }
            return suites;
        }

        private Dictionary<string, object?>? MergedValues(Chart chart, string chartPath)
        {
            var bas = (Dictionary<string, object?>)GoValues.DeepCopy(ToPlain(chart.Values))!;
            foreach (var f in options.ValuesFiles)
            {
                var path = Path.IsPathRooted(f) ? f : Resolve(GoPath.Join(chartPath, f));
                try
                {
                    var docs = V3Yaml.Parse(HelmSharp.Go.GoUtf8.GetString(File.ReadAllBytes(path)));
                    var value = docs.Count > 0 ? V3Yaml.DecodeMap(docs[0]) : new Dictionary<string, object?>(StringComparer.Ordinal);
                    bas = SetPath.MergeTables(value, bas);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or V3YamlException) { return null; }
            }
            return bas;
        }

        // chart default values use the template engine's shapes (object?[] lists); the condition checks need maps only
        private static object? ToPlain(object? v) => v switch
        {
            Dictionary<string, object?> m => m.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value), StringComparer.Ordinal),
            object?[] a => a.Select(ToPlain).ToList(),
            _ => v,
        };

        private static bool SubchartEnabled(Chart parent, Chart sub, Dictionary<string, object?> values)
        {
            var deps = parent.Metadata.Dependencies;
            if (deps == null) return true;
            ChartDependency? dep = null;
            foreach (var d in deps)
            {
                if (d == null) continue;
                var name = d.Alias.Length > 0 ? d.Alias : d.Name;
                if (name == sub.Metadata.Name) { dep = d; break; }
            }
            if (dep == null) return true;
            if (dep.Condition.Length > 0) return ConditionEnabled(dep.Condition, values);
            if (dep.Tags is { Length: > 0 } tags)
            {
                if (values.GetValueOrDefault("tags") is not Dictionary<string, object?> tv) return values.ContainsKey("tags") ? true : true;
                foreach (var t in tags)
                    if (tv.GetValueOrDefault(t) is true) return true;
                return false;
            }
            return true;
        }

        private static bool ConditionEnabled(string path, Dictionary<string, object?> values)
        {
            var parts = path.Split('.');
            Dictionary<string, object?>? current = values;
            for (int i = 0; i < parts.Length; i++)
            {
                if (current == null || !current.TryGetValue(parts[i], out var next)) return true;
                if (i == parts.Length - 1) return next is bool b ? b : true;
                current = next as Dictionary<string, object?>;
                if (current == null) return true;
            }
            return true;
        }

        // ------------------------------------------------------------------ running

        private bool RunSuitesOfChart(List<TestSuite> suites, Chart chart)
        {
            bool chartPassed = true;
            foreach (var suite in suites)
            {
                ct.ThrowIfCancellationRequested();
                SnapshotCache cache;
                try { cache = SnapshotCache.ForSuite(suite.SnapshotFileBase, options.UpdateSnapshot); }
                catch (Exception e) when (e is UnitTestException or IOException or UnauthorizedAccessException)
                {
                    HandleSuiteResult(new UnitTestSuiteResult { FilePath = suite.DefinitionFile, ExecError = e.Message });
                    chartPassed = false;
                    continue;
                }
                suite.SkipSchemaValidation = options.SkipSchemaValidation;
                var result = RunSuite(suite, chart, cache);
                chartPassed = chartPassed && result.Passed;
                HandleSuiteResult(result);
                _suites.Add(result);
                try { cache.StoreIfNeeded(); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or UnitTestException)
                {
                    HandleSuiteResult(new UnitTestSuiteResult { FilePath = suite.DefinitionFile + "_" + suite.SnapshotId, ExecError = e.Message });
                    chartPassed = false;
                }
                if (!chartPassed && result.FailFast) break;
            }
            return chartPassed;
        }

        private UnitTestSuiteResult RunSuite(TestSuite s, Chart chart, SnapshotCache cache)
        {
            foreach (var t in s.Tests)
            {
                if (t == null) continue;
                t.ChartRoute = s.ChartRoute;
                t.DefinitionFile = s.DefinitionFile;
                t.DefinitionDirectory = Path.GetDirectoryName(s.AbsolutePath) ?? ".";
                SuiteParser.PolishRelease(s, t);
                SuiteParser.PolishCapabilities(s, t);
                SuiteParser.PolishKubernetesProvider(s, t);
                SuiteParser.PolishChart(s, t);
                SuiteParser.PolishSkip(s, t);
                t.GlobalSet = s.Set;
                if (s.Values.Count > 0) t.Values = [.. s.Values, .. t.Values];
                if (s.Templates.Count > 0) t.DefaultTemplatesToAssert = s.Templates;
                if (s.ExcludeTemplates.Count > 0) t.DefaultTemplatesToSkip = s.ExcludeTemplates;
            }
            var result = new UnitTestSuiteResult { DisplayName = s.Name, FilePath = s.DefinitionFile };
            var jobResults = new UnitTestJobResult?[s.Tests.Count];
            bool pass = false, failFast = false;
            int skipped = 0;
            for (int idx = 0; idx < s.Tests.Count; idx++)
            {
                ct.ThrowIfCancellationRequested();
                var t = s.Tests[idx];
                if (t == null) continue;
                if (t.SkipReason.Length > 0)
                {
                    jobResults[idx] = new UnitTestJobResult { DisplayName = t.Name, Index = idx, Skipped = true };
                    skipped++;
                    if (idx == 0) pass = true;
                }
                else
                {
                    var jr = JobRunner.Run(t, s, chart, cache, _state, options.FailFast, idx);
                    jobResults[idx] = jr;
                    if (idx == 0) pass = jr.Passed;
                    pass = pass && jr.Passed;
                }
                if (!pass && options.FailFast)
                {
                    failFast = true;
                    break;
                }
            }
            result.Passed = pass;
            result.FailFast = failFast;
            result.Tests = jobResults;
            result.Skipped = skipped == s.Tests.Count;
            result.SnapshotCreated = (int)cache.InsertedCount;
            result.SnapshotFailed = (int)cache.FailedCount;
            result.SnapshotTotal = (int)cache.CurrentCount;
            result.SnapshotVanished = (int)cache.VanishedCount;
            return result;
        }

        private void HandleSuiteResult(UnitTestSuiteResult r)
        {
            _printer.PrintSuite(r);
            if (r.Skipped) _report.TestSuites.Skipped++;
            else if (r.Passed) _report.TestSuites.Passed++;
            else
            {
                _report.TestSuites.Failed++;
                if (r.ExecError != null) _report.TestSuites.Errored++;
                if (r.SnapshotFailed > 0) _snapshotFailedSuites++;
            }
            _report.Snapshots.Failed += r.SnapshotFailed;
            _report.Snapshots.Passed += r.SnapshotTotal - r.SnapshotFailed;
            foreach (var t in r.Tests)
            {
                if (t == null) continue;
                if (t.Passed) _report.Tests.Passed++;
                else if (t.Skipped) _report.Tests.Skipped++;
                else
                {
                    _report.Tests.Failed++;
                    if (t.ExecError != null) _report.Tests.Errored++;
                }
            }
        }
    }
}
