using System.Collections.Concurrent;
using HelmSharp.Rendering;
using NUnit.Framework;

namespace HelmSharp.Tests.Api;

/// <summary>The one-call and compile-once entry points against helm's goldens, in both helm versions.</summary>
public class RenderApiTests
{
    private static RenderOptions Options(string chart, string set, HelmVersion version) => ApiTestData.Options(chart, set, version);

    [TestCase("mcp-mesh-agent", "development", HelmVersion.V4)]
    [TestCase("mcp-mesh-agent", "development", HelmVersion.V3)]
    [TestCase("capabilities-release", "dump-chart", HelmVersion.V4)]
    [TestCase("capabilities-release", "dump-chart", HelmVersion.V3)]
    public void RendersAPathInOneCall(string chart, string set, HelmVersion version)
    {
        var result = HelmChart.Render(ApiTestData.Chart(chart), Options(chart, set, version));
        Assert.That(result.Output, Is.EqualTo(ApiTestData.GoldenOut(chart, set, (int)version)));
    }

    [TestCase(HelmVersion.V4)]
    [TestCase(HelmVersion.V3)]
    public void RendersFilesInMemory(HelmVersion version)
    {
        var files = ApiTestData.Files("mcp-mesh-agent");
        var result = HelmChart.Render(files, Options("mcp-mesh-agent", "development", version));
        Assert.That(result.Output, Is.EqualTo(ApiTestData.GoldenOut("mcp-mesh-agent", "development", (int)version)));

        var text = files.ToDictionary(f => f.Path, f => System.Text.Encoding.UTF8.GetString(f.Data));
        Assert.That(HelmChart.Render(text, Options("mcp-mesh-agent", "development", version)).Output, Is.EqualTo(result.Output));
    }

    [Test]
    public void OutputBytesAreHelmsStdoutEvenWhenNotUtf8([Values] HelmVersion version)
    {
        // The root chart's crds/ file is Latin-1: helm prints its bytes as they are (golden from helm, regen-charts.py).
        var golden = File.ReadAllBytes(Path.Combine(ApiTestData.Root, "testdata", "golden", "files-binary", "crds.helm" + (int)version + ".out"));
        var result = HelmChart.Render(ApiTestData.Chart("files-binary"), new RenderOptions { HelmVersion = version, IncludeCrds = true });
        Assert.That(result.GetOutputBytes(), Is.EqualTo(golden));
        Assert.That(System.Text.Encoding.UTF8.GetBytes(result.Output), Is.Not.EqualTo(golden)); // why the method exists
    }

    [Test]
    public void TheVersionIsChosenOnceAndChecked()
    {
        Assert.That(new RenderOptions().HelmVersion, Is.EqualTo(HelmVersion.V4));
        Assert.That(() => new RenderOptions { HelmVersion = (HelmVersion)5 }, Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new RenderOptions { HelmVersion = default }, Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => HelmChart.Load(ApiTestData.Chart("mcp-mesh-agent"), (HelmVersion)2), Throws.TypeOf<ArgumentOutOfRangeException>());
        // The low-level request no longer turns 5 into 4 and 2 into 3.
        var chart = HelmChart.Load(ApiTestData.Chart("mcp-mesh-agent"));
        foreach (var major in new[] { 5, 2, 0 })
        {
            Assert.That(() => HelmTemplate.Render(chart, new TemplateRequest { HelmMajor = major }), Throws.TypeOf<ArgumentOutOfRangeException>(), major.ToString());
            // Nor do the lower-level entry points that take the major as a number.
            Assert.That(() => HelmSharp.Charts.ChartLoader.Load(ApiTestData.Chart("mcp-mesh-agent"), major), Throws.TypeOf<ArgumentOutOfRangeException>(), major.ToString());
            Assert.That(() => new HelmSharp.Values.ValueOptions().MergeValues(major), Throws.TypeOf<ArgumentOutOfRangeException>(), major.ToString());
            Assert.That(() => HelmSharp.Helm.HelmFunctions.For(major), Throws.TypeOf<ArgumentOutOfRangeException>(), major.ToString());
        }
        Assert.That(HelmSharp.Helm.HelmFunctions.For(HelmVersion.V3), Is.SameAs(HelmSharp.Helm.HelmFunctions.For(3)));
        Assert.That(() => HelmSharp.Helm.HelmFunctions.For((HelmVersion)5), Throws.TypeOf<ArgumentOutOfRangeException>());
        // The engine's options take the version as the enum too, checked the same way; V3 changes the engine (no range over integers).
        Assert.That(new HelmSharp.Template.TemplateOptions().HelmVersion, Is.EqualTo(HelmVersion.V4));
        Assert.That(() => new HelmSharp.Template.TemplateOptions { HelmVersion = (HelmVersion)5 }, Throws.TypeOf<ArgumentOutOfRangeException>());
        var v3 = new HelmSharp.Template.TemplateSet(HelmSharp.Helm.HelmFunctions.For(HelmVersion.V3), new HelmSharp.Template.TemplateOptions { HelmVersion = HelmVersion.V3 });
        v3.Parse("r", "{{ range 3 }}{{ . }}{{ end }}");
        Assert.That(() => v3.Execute("r", null), Throws.TypeOf<HelmSharp.Template.TemplateExecException>().With.Message.Contains("range can't iterate over 3"));
        var v4 = new HelmSharp.Template.TemplateSet(HelmSharp.Helm.HelmFunctions.For(HelmVersion.V4), new HelmSharp.Template.TemplateOptions { HelmVersion = HelmVersion.V4 });
        v4.Parse("r", "{{ range 3 }}{{ . }}{{ end }}");
        Assert.That(v4.Execute("r", null), Is.EqualTo("012"));
    }

    [Test]
    public void ACompiledChartRendersBothVersionsAndManyEnvironmentsInParallel()
    {
        var compiled = HelmChart.Compile(ApiTestData.Chart("mcp-mesh-agent"));
        var sets = Directory.GetFiles(Path.Combine(ApiTestData.Root, "testdata", "charts", "mcp-mesh-agent.values"), "*.yaml")
            .Select(Path.GetFileNameWithoutExtension).Select(s => s!).Where(s => ApiTestData.Succeeds("mcp-mesh-agent", s, 4)).ToList();
        Assert.That(sets, Has.Count.GreaterThan(2));
        var work = sets.SelectMany(s => new[] { (s, HelmVersion.V4), (s, HelmVersion.V3) }).SelectMany(w => new[] { w, w }).ToList();
        var results = new ConcurrentBag<(string Set, HelmVersion Version, string Output)>();
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, w =>
            results.Add((w.Item1, w.Item2, compiled.Render(Options("mcp-mesh-agent", w.Item1, w.Item2)).Output)));
        Assert.That(results, Has.Count.EqualTo(work.Count));
        foreach (var (set, version, output) in results)
            Assert.That(output, Is.EqualTo(ApiTestData.GoldenOut("mcp-mesh-agent", set, (int)version)), $"{set} {version}");
        Assert.That(compiled.GetChart(HelmVersion.V3), Is.Not.SameAs(compiled.GetChart(HelmVersion.V4)), "each version loads the chart its own way");
        Assert.That(compiled.Chart, Is.SameAs(compiled.GetChart(HelmVersion.V4)));
    }

    [Test]
    public void ACompiledChartLoadsAsEachVersionLoads()
    {
        // A directory without Chart.yaml: helm 4 stops before reading it, helm 3 fails in the loader; the messages are
        // what the binaries printed for `helm template x testdata/cli` (scripts/regen-cli.py).
        CompiledChart compiled;
        var saved = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = ApiTestData.Root;
            compiled = HelmChart.Compile("testdata/cli");
            foreach (var version in new[] { HelmVersion.V4, HelmVersion.V3 })
            {
                var expected = CliMessage("template-not-a-chart", (int)version);
                Assert.That(() => compiled.Render(new RenderOptions { HelmVersion = version }),
                    Throws.TypeOf<HelmSharp.Charts.ChartException>().With.Message.EqualTo(expected), version.ToString());
                Assert.That(() => HelmChart.Render("testdata/cli", new RenderOptions { HelmVersion = version }),
                    Throws.TypeOf<HelmSharp.Charts.ChartException>().With.Message.EqualTo(expected), version.ToString());
            }
        }
        finally { Environment.CurrentDirectory = saved; }
    }

    private static string CliMessage(string name, int major)
    {
        var path = Path.Combine(ApiTestData.Root, "testdata", "cli", "cli.expected.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var c = doc.RootElement.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name && c.GetProperty("major").GetInt32() == major);
        var stderr = c.GetProperty("stderr").GetString()!;
        return stderr["Error: ".Length..].TrimEnd('\n').Replace("<ROOT>", ApiTestData.Root);
    }

    [Test]
    public void ACompiledChartFromFilesMatchesTheGolden()
    {
        var compiled = HelmChart.Compile(ApiTestData.Files("mcp-mesh-agent"));
        for (int i = 0; i < 2; i++)
            Assert.That(compiled.Render(Options("mcp-mesh-agent", "development", HelmVersion.V4)).Output,
                Is.EqualTo(ApiTestData.GoldenOut("mcp-mesh-agent", "development", 4)));
    }
}
