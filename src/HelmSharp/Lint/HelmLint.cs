using System.Text;
using HelmSharp.Charts;
using HelmSharp.Go;

namespace HelmSharp.Lint;

/// <summary>The settings of a lint run (<c>helm lint</c>'s flags; the values and shared settings are <see cref="ChartOptions"/>'s).</summary>
public sealed class LintOptions : ChartOptions
{
    /// <summary><c>--strict</c>: warnings fail the chart too.</summary>
    public bool Strict { get; set; }
}

/// <summary>The lint of one chart path (helm's <c>action.LintResult</c> for one path).</summary>
public sealed class ChartLintResult
{
    internal ChartLintResult(string path, List<LintMessage> messages, List<string> errors, List<string> log, bool linted)
    {
        Path = path; Messages = messages; Errors = errors; Log = log; Linted = linted;
    }

    /// <summary>The path as given (a chart directory or a <c>.tgz</c>/<c>.tar.gz</c> archive).</summary>
    public string Path { get; }
    /// <summary>Every finding, in helm's rule order.</summary>
    public IReadOnlyList<LintMessage> Messages { get; }
    /// <summary>
    /// What fails the chart: the texts of the findings at or above the tolerance (errors; warnings too with
    /// <see cref="LintOptions.Strict"/>), or the reason the path could not be linted at all.
    /// </summary>
    public IReadOnlyList<string> Errors { get; }
    /// <summary>helm's log lines (stderr) written while linting, in order.</summary>
    public IReadOnlyList<string> Log { get; }
    /// <summary>False when the path was not a chart that could be linted (see <see cref="Errors"/>).</summary>
    public bool Linted { get; }
    /// <summary>True when the chart fails the lint.</summary>
    public bool Failed => Errors.Count > 0;
    /// <summary>helm's <c>HasWarningsOrErrors</c>: a finding above info, or a failure.</summary>
    public bool HasWarningsOrErrors => Messages.Any(m => m.Severity > LintSeverity.Info) || Errors.Count > 0;
}

/// <summary>The result of a whole <c>helm lint</c> command (<see cref="HelmLint.Run"/>).</summary>
public sealed class LintReport
{
    internal LintReport(List<ChartLintResult> charts, string output, string summary, int failed, List<string> log)
    {
        Charts = charts; Output = output; Summary = summary; FailedCount = failed; Log = log;
    }

    /// <summary>Each path linted (subcharts after the paths given, with <c>--with-subcharts</c>).</summary>
    public IReadOnlyList<ChartLintResult> Charts { get; }
    /// <summary>What helm prints on stdout (the summary line included when helm prints it there).</summary>
    public string Output { get; }
    /// <summary><c>N chart(s) linted, M chart(s) failed</c>.</summary>
    public string Summary { get; }
    /// <summary>The number of charts that failed.</summary>
    public int FailedCount { get; }
    /// <summary>True when helm exits with an error (then it prints <c>Error: </c> + <see cref="Summary"/> on stderr).</summary>
    public bool Failed => FailedCount > 0;
    /// <summary>helm's log lines (stderr) in order, before the final error line.</summary>
    public IReadOnlyList<string> Log { get; }
}

/// <summary>
/// <c>helm lint</c> as a library: <see cref="LintChart"/> checks one chart directory or archive with every rule of
/// helm's <c>pkg/lint</c> (Chart.yaml, values and schema, templates rendered in lint mode, dependencies, and in helm 4
/// CRDs); <see cref="Run"/> is the whole command (several paths, <c>--with-subcharts</c>, <c>--quiet</c>, the summary).
/// </summary>
public static class HelmLint
{
    /// <summary>Lints one chart path as <c>helm lint PATH</c> does (helm's <c>action.Lint.Run</c> for one path).</summary>
    public static ChartLintResult LintChart(string path, LintOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        int major = options.HelmMajor;
        var log = new List<string>();
        var values = Template.TemplateSet.RunWithLargeStack(options.MergeValues);
        string? tempDir = null;
        try
        {
            string chartPath;
            if (path.EndsWith(".tgz", StringComparison.Ordinal) || path.EndsWith(".tar.gz", StringComparison.Ordinal))
            {
                tempDir = MakeTempDir();
                var extracted = ExtractArchive(path, tempDir, major, out var error);
                if (extracted == null) return Unlinted(path, error!, log);
                chartPath = extracted;
            }
            else chartPath = path;

            var chartYaml = GoPath.Join(chartPath, "Chart.yaml");
            if (!File.Exists(chartYaml) && !Directory.Exists(chartYaml))
                return Unlinted(path, "unable to check Chart.yaml file in chart: stat " + chartYaml + ": " + StatError(chartPath), log);

            var linter = new Linter(GoAbs(chartPath), major, log);
            // The rules run on the engine's large-stack worker: rendering and schema validation recurse as deeply as
            // the chart makes them (as in Go, whose stacks grow).
            Template.TemplateSet.RunWithLargeStack(() =>
            {
                ChartfileRules.Run(linter);
                ValuesRules.Run(linter, values, options.SkipSchemaValidation);
                TemplateRules.Run(linter, options.Namespace, values, options.KubeVersion, options.SkipSchemaValidation, cancellationToken);
                DependencyRules.Run(linter);
                if (major >= 4) CrdRules.Run(linter);
                return true;
            });

            var tolerance = options.Strict ? LintSeverity.Warning : LintSeverity.Error;
            var errors = linter.Messages.Where(m => m.Severity >= tolerance).Select(m => m.Text).ToList();
            return new ChartLintResult(path, linter.Messages, errors, log, linted: true);
        }
        finally
        {
            if (tempDir != null)
            {
                try { Directory.Delete(tempDir, recursive: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>
    /// The whole <c>helm lint PATH...</c> command: every path (and, with <paramref name="withSubcharts"/>, every chart
    /// directory and archive found under each path's <c>charts/</c>), helm's stdout text and summary.
    /// </summary>
    public static LintReport Run(IEnumerable<string> paths, LintOptions options, bool withSubcharts = false, bool quiet = false,
        CancellationToken cancellationToken = default)
    {
        var list = paths.ToList();
        if (withSubcharts) list = WithSubcharts(list);
        var output = new StringBuilder();
        var results = new List<ChartLintResult>();
        var log = new List<string>();
        int failed = 0, errorsOrWarnings = 0;
        foreach (var p in list)
        {
            var r = LintChart(p, options, cancellationToken);
            results.Add(r);
            log.AddRange(r.Log);
            bool has = r.HasWarningsOrErrors;
            if (has) errorsOrWarnings++;
            if (quiet && !has) continue;
            output.Append("==> Linting ").Append(p).Append('\n');
            if (r.Messages.Count == 0)
                foreach (var e in r.Errors) output.Append("Error ").Append(e).Append('\n');
            foreach (var m in r.Messages)
                if (!quiet || m.Severity > LintSeverity.Info) output.Append(m).Append('\n');
            if (r.Failed) failed++;
            output.Append('\n');
        }
        var summary = $"{list.Count} chart(s) linted, {failed} chart(s) failed";
        if (failed == 0 && (!quiet || errorsOrWarnings > 0)) output.Append(summary).Append('\n');
        return new LintReport(results, output.ToString(), summary, failed, log);
    }

    /// <summary>
    /// <c>--with-subcharts</c>: after the given paths, every directory holding a <c>Chart.yaml</c> and every
    /// <c>.tgz</c>/<c>.tar.gz</c> under each path's <c>charts/</c>, in Go's lexical walk order (symlinks not followed).
    /// </summary>
    public static List<string> WithSubcharts(IReadOnlyList<string> paths)
    {
        var result = new List<string>(paths);
        foreach (var p in paths)
        {
            var root = GoPath.Join(p, "charts");
            Walk(root, result, 0);
        }
        return result;
    }

    private static void Walk(string path, List<string> into, int depth)
    {
        if (depth > 256) return;
        FileSystemInfo info = Directory.Exists(path) && new DirectoryInfo(path).LinkTarget == null ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists && !(info is FileInfo fi && fi.LinkTarget != null)) return;
        if (info.Name == "Chart.yaml") into.Add(GoPath.Dir(path));
        else if (path.EndsWith(".tgz", StringComparison.Ordinal) || path.EndsWith(".tar.gz", StringComparison.Ordinal)) into.Add(path);
        if (info is not DirectoryInfo) return;
        List<string> names;
        try { names = Directory.EnumerateFileSystemEntries(path).Select(e => System.IO.Path.GetFileName(e)).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        names.Sort(StringComparer.Ordinal);
        foreach (var n in names) Walk(path + "/" + n, into, depth + 1);
    }

    private static ChartLintResult Unlinted(string path, string error, List<string> log) => new(path, [], [error], log, linted: false);

    private static string StatError(string chartPath)
    {
        // stat DIR/Chart.yaml fails with ENOTDIR when a component is a regular file.
        var full = GoPath.Clean(chartPath);
        string? cur = full;
        while (!string.IsNullOrEmpty(cur))
        {
            if (File.Exists(cur)) return "not a directory";
            if (Directory.Exists(cur)) break;
            cur = System.IO.Path.GetDirectoryName(cur);
        }
        return "no such file or directory";
    }

    // ---- archives (helm's lintChart: chartutil.Expand into a temporary directory) ----

    private static readonly Random s_random = new();

    private static string MakeTempDir()
    {
        var tmp = Environment.GetEnvironmentVariable("TMPDIR");
        if (string.IsNullOrEmpty(tmp)) tmp = "/tmp";
        if (OperatingSystem.IsWindows()) tmp = System.IO.Path.GetTempPath();
        for (int i = 0; ; i++)
        {
            uint n;
            lock (s_random) n = (uint)s_random.NextInt64(0, uint.MaxValue);
            var dir = GoPath.Join(tmp, "helm-lint" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Directory.Exists(dir) || File.Exists(dir)) continue;
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string? ExtractArchive(string path, string tempDir, int major, out string? error)
    {
        error = null;
        List<ChartFile> files;
        try
        {
            using var fs = File.OpenRead(path);
            try { files = ChartLoader.ReadArchiveFiles(fs); }
            catch (ChartException e) { error = "unable to extract tarball: " + e.Message; return null; }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = "unable to open tarball: open " + path + ": " + (e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : e.Message);
            return null;
        }
        string chartName = "";
        foreach (var file in files)
        {
            var (name, data) = (file.Name, file.Data);
            if (name != "Chart.yaml") continue;
            var m = new ChartMetadata();
            try { m.ApplyYaml(ChartYaml.LoadFirst(Encoding.UTF8.GetString(data)), major); }
            catch (Exception e) when (e is ChartException or Yaml.GoYamlException)
            {
                error = "unable to extract tarball: cannot load Chart.yaml: " + e.Message;
                return null;
            }
            chartName = m.Name;
        }
        if (chartName.Length == 0) { error = "unable to extract tarball: chart name not specified"; return null; }
        if (chartName is "." or ".." || chartName.Contains('/'))
        {
            error = major >= 4
                ? "unable to extract tarball: chart name " + Go.GoStrconv.Quote(chartName) + (chartName.Contains('/') ? " must not contain path separators" : " is not allowed")
                : "unable to extract tarball: chart name " + Go.GoStrconv.Quote(chartName) + " is not allowed";
            return null;
        }
        var chartDir = GoPath.Join(tempDir, chartName);
        foreach (var file in files)
        {
            var (name, data) = (file.Name, file.Data);
            var outPath = GoPath.Join(chartDir, GoPath.Clean("/" + name).TrimStart('/'));
            var dir = System.IO.Path.GetDirectoryName(outPath);
            if (dir != null) Directory.CreateDirectory(dir);
            File.WriteAllBytes(outPath, data);
        }
        return chartDir;
    }

    /// <summary>Go's <c>filepath.Abs</c> (slash-separated paths).</summary>
    internal static string GoAbs(string p) => GoPath.Clean(p.StartsWith('/') ? p : Environment.CurrentDirectory + "/" + p);
}
