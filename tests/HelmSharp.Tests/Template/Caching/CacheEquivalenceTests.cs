using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Tests.Charts.Golden;
using HelmSharp.Tests.Conformance;
using HelmSharp.Values;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Caching;

/// <summary>
/// Proves that the compiled-chart cache and the caching include layer never change the output: every
/// case of the conformance corpus and every chart/value set of testdata/charts is rendered through the
/// CLI with the caches off (plain <see cref="HelmTemplate.Render(Chart, TemplateRequest, CancellationToken)"/>)
/// and on (<see cref="HelmChart.Compile"/> with include memoization), and exit code, stdout and stderr
/// must be byte-identical.
/// </summary>
[TestFixture]
[NonParallelizable] // chart arguments are relative to the repository root, as in the golden tests
public sealed class CacheEquivalenceTests
{

    public static IEnumerable<TestCaseData> CorpusCases()
    {
        foreach (var c in Corpus.LoadAll())
            foreach (int major in new[] { 4, 3 })
                if (c.Spec.RunsOn(major))
                    yield return new TestCaseData(c, major).SetArgDisplayNames(c.Spec.SourceFile, c.Spec.Name, "helm" + major);
    }

    [TestCaseSource(nameof(CorpusCases))]
    public void ConformanceCase_CacheOnEqualsCacheOff(CorpusCase c, int major)
    {
        string tmp = CaseChart.NewTempDir();
        try
        {
            string chartDir = Path.Combine(tmp, "case");
            CaseChart.Write(c.Spec, chartDir);
            var args = new List<string> { "template", "case", chartDir };
            args.AddRange(c.Spec.Args);
            if (major == 3) args.Add("--helm3");
            AssertSame([.. args], c.Spec.ToString());
        }
        finally
        {
            CaseChart.TryDelete(tmp);
        }
    }

    public static IEnumerable<TestCaseData> ChartCases()
    {
        foreach (var tc in ChartGoldenTests.Cases())
        {
            var g = (ChartGoldenTests.GoldenCase)tc.Arguments[0]!;
            yield return new TestCaseData(g).SetName($"CacheEquivalence({g.Chart}/{g.ValueSet}/helm{g.HelmMajor})");
        }
    }

    [TestCaseSource(nameof(ChartCases))]
    public void Chart_CacheOnEqualsCacheOff(ChartGoldenTests.GoldenCase c)
    {
        var args = ChartGoldenTests.BuildArgs(Corpus.RepoRoot, c);
        RepoWorkingDirectory.Run(() => AssertSame(args, c.ToString()));
    }

    /// <summary>
    /// One compiled chart rendered many times (every value set, both majors, twice each, other release
    /// names) gives exactly what a fresh uncached render gives each time: nothing leaks between renders.
    /// </summary>
    [TestCase("webapp")]
    [TestCase("large-20")]
    [TestCase("deps-advanced")]
    public void CompiledChart_ReusedAcrossRenders_MatchesUncached(string chartName)
    {
        var root = Corpus.RepoRoot;
        var dir = Path.Combine(root, "testdata", "charts", chartName);
        Assert.That(Directory.Exists(dir), Is.True, dir);
        var sets = Directory.GetFiles(dir + ".values", "*.yaml");
        Array.Sort(sets, StringComparer.Ordinal);
        Assert.That(sets, Is.Not.Empty);
        foreach (int major in new[] { 4, 3 })
        {
            var chart = ChartLoader.Load(dir, major);
            var compiled = HelmChart.Compile(chart);
            for (int round = 0; round < 2; round++)
            {
                foreach (var set in sets)
                {
                    foreach (var release in new[] { "golden", "other-" + round })
                    {
                        var opts = new ValueOptions();
                        opts.ValueFiles.Add(set);
                        TemplateRequest Request() => new() { HelmMajor = major, ReleaseName = release, Values = opts.MergeValues(major) };
                        var expected = Outcome(() => HelmTemplate.Render(ChartLoader.Load(dir, major), Request()));
                        var actual = Outcome(() => compiled.Render(Request()));
                        Assert.That(actual, Is.EqualTo(expected), $"{chartName} {Path.GetFileName(set)} helm{major} round {round} release {release}");
                    }
                }
            }
        }
    }

    private static string Outcome(Func<TemplateResult> render)
    {
        try
        {
            var r = render();
            return "OK\n" + r.Output + "\n--log--\n" + string.Join('\n', r.Log) + "\n--notes--\n" + r.Notes;
        }
        catch (HelmTemplateException e)
        {
            return "ERR\n" + e.Message + "\n" + string.Join('\n', e.Log);
        }
    }

    private static (int Exit, string Out, string Err) RunCli(string[] args, bool cache)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        try
        {
            int exit = HelmSharp.Cli.Program.Run(args, stdout, stderr, compiledCache: cache);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A crash outside the caches (e.g. in YAML loading) must at least crash the same way both times.
            return (-1, stdout.ToString(), stderr.ToString() + "\n<<" + e.GetType().FullName + ": " + e.Message + ">>");
        }
    }

    private static void AssertSame(string[] args, string what)
    {
        var off = RunCli(args, cache: false);
        var on = RunCli(args, cache: true);
        if (on == off) return;
        // A case whose output is not deterministic (rand*, uuidv4, now, gen*) differs between
        // uncached runs too (three are compared); then only the exit code must agree.
        var off2 = RunCli(args, cache: false);
        var off3 = RunCli(args, cache: false);
        if (off2 == off && off3 == off)
        {
            Assert.Multiple(() =>
            {
                Assert.That(on.Exit, Is.EqualTo(off.Exit), what + " exit");
                Assert.That(on.Out, Is.EqualTo(off.Out), what + " stdout");
                Assert.That(on.Err, Is.EqualTo(off.Err), what + " stderr");
            });
        }
        else Assert.That(on.Exit, Is.EqualTo(off.Exit), what + " exit (non-deterministic output)");
    }
}
