using HelmSharp.Charts;
using HelmSharp.Diagnostics;
using HelmSharp.Rendering;
using HelmSharp.Values;
using NUnit.Framework;

namespace HelmSharp.Tests.Diagnostics;

/// <summary>
/// <see cref="ComputedValues"/> and the CLI's <c>--show-computed-values</c> against helm 4's
/// <c>helm install --dry-run=client --debug</c> COMPUTED VALUES for every chart and value set of testdata/charts
/// (testdata/computed-values, written by scripts/regen-computed-values.py from the pinned binary).
/// </summary>
[TestFixture]
public class ComputedValuesTests
{
    private static string Root => HelmSharp.Tests.Charts.Golden.ChartGoldenTests.RepositoryRoot();

    public static IEnumerable<TestCaseData> Cases()
    {
        var dir = Path.Combine(HelmSharp.Tests.Charts.Golden.ChartGoldenTests.RepositoryRoot(), "testdata", "computed-values");
        foreach (var chartDir in Directory.GetDirectories(dir).OrderBy(d => d, StringComparer.Ordinal))
            foreach (var f in Directory.GetFiles(chartDir, "*.helm4.txt").OrderBy(f => f, StringComparer.Ordinal))
            {
                var chart = Path.GetFileName(chartDir);
                var set = Path.GetFileName(f)[..^".helm4.txt".Length];
                yield return new TestCaseData(chart, set).SetName($"ComputedValues({chart}/{set})");
            }
    }

    [TestCaseSource(nameof(Cases))]
    public void MatchesHelmInstallDebug(string chartName, string set)
    {
        var expected = File.ReadAllText(Path.Combine(Root, "testdata", "computed-values", chartName, set + ".helm4.txt"));
        var saved = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Root; // value files and chart paths as the regeneration script gives them
            // The public API: the options a render takes, the chart as HelmChart loads it.
            var options = new RenderOptions { ReleaseName = "golden", ValueFiles = { Path.Combine("testdata", "charts", chartName + ".values", set + ".yaml") } };
            var chart = HelmChart.Load(Path.Combine("testdata", "charts", chartName));
            Assert.That(ComputedValues.Section(chart, options), Is.EqualTo(expected));
        }
        finally { Environment.CurrentDirectory = saved; }
    }

    [Test]
    public void CliPrintsTheSection()
    {
        var saved = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Root;
            var expected = File.ReadAllText(Path.Combine("testdata", "computed-values", "seed-guide", "production.helm4.txt"));
            var (code, stdout, stderr) = CallStackTests.Cli("template", "golden", "testdata/charts/seed-guide", "-f", "testdata/charts/seed-guide.values/production.yaml", "--show-computed-values");
            Assert.That(code, Is.EqualTo(0), stderr);
            Assert.That(stdout, Is.EqualTo(expected));
        }
        finally { Environment.CurrentDirectory = saved; }
    }
}
