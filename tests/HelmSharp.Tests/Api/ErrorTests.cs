using System.Text.RegularExpressions;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Template;
using HelmSharp.Values;
using NUnit.Framework;

namespace HelmSharp.Tests.Api;

/// <summary>Errors: one base type, helm's message, the place helm names as properties, the engine's error underneath.</summary>
public class ErrorTests
{
    [Test]
    public void EveryPublicExceptionDerivesFromTheBaseType()
    {
        var exceptions = typeof(HelmSharpException).Assembly.GetExportedTypes().Where(t => typeof(Exception).IsAssignableFrom(t)).ToList();
        Assert.That(exceptions, Has.Count.GreaterThan(10));
        foreach (var t in exceptions)
            Assert.That(typeof(HelmSharpException).IsAssignableFrom(t), Is.True, t.FullName);
    }

    private static HelmTemplateException RenderError(string chart, string set, HelmVersion version)
    {
        var options = new RenderOptions { ReleaseName = "golden", HelmVersion = version };
        options.ValueFiles.Add(ApiTestData.ValueSet(chart, set));
        return Assert.Throws<HelmTemplateException>(() => HelmChart.Render(ApiTestData.Chart(chart), options))!;
    }

    // "FILE:LINE:COL" or "FILE:LINE" at the start of helm's message (its first place).
    private static readonly Regex s_place = new(@"^(?:execution error at \(|parse error at \(|template: )?(?<file>[^:\s()]+):(?<line>\d+)(?::(?<col>\d+))?");

    [TestCase(HelmVersion.V4)]
    [TestCase(HelmVersion.V3)]
    public void AParseErrorNamesFileAndLine(HelmVersion version)
    {
        var e = RenderError("err-parse", "default", version);
        Assert.That(e.Message, Is.EqualTo(ApiTestData.GoldenError("err-parse", "default", (int)version)));
        Assert.That(e.InnerException, Is.TypeOf<TemplateParseException>());
        var place = s_place.Match(e.Message);
        Assert.That(place.Success, Is.True, e.Message);
        Assert.That(e.File, Is.EqualTo(place.Groups["file"].Value));
        Assert.That(e.TemplateName, Is.EqualTo("err-parse/templates/cm.yaml"));
        Assert.That(e.Line, Is.EqualTo(int.Parse(place.Groups["line"].Value)));
        Assert.That(e.Column, Is.Null);
    }

    [TestCase("err-fail", "bad-mode", HelmVersion.V4)]
    [TestCase("err-fail", "too-many", HelmVersion.V3)]
    [TestCase("err-exec-nested", "nil-pointer", HelmVersion.V4)]
    [TestCase("err-exec-nested", "out-of-range", HelmVersion.V3)]
    [TestCase("err-exec-nested", "wrong-arg-type", HelmVersion.V4)]
    public void AnExecutionErrorNamesTheFirstPlaceOfHelmsMessage(string chart, string set, HelmVersion version)
    {
        var e = RenderError(chart, set, version);
        Assert.That(e.Message, Is.EqualTo(ApiTestData.GoldenError(chart, set, (int)version)));
        var inner = e.InnerException as TemplateExecException;
        Assert.That(inner, Is.Not.Null, e.InnerException?.GetType().Name);
        var place = s_place.Match(e.Message);
        Assert.That(place.Success, Is.True, e.Message);
        Assert.That(e.File, Is.EqualTo(place.Groups["file"].Value));
        Assert.That(e.Line, Is.EqualTo(int.Parse(place.Groups["line"].Value)));
        Assert.That(e.Column, Is.EqualTo(int.Parse(place.Groups["col"].Value)));
        Assert.That(e.TemplateName, Is.EqualTo(inner!.TemplateName));
        Assert.That(e.TemplateName, Is.EqualTo(chart + "/templates/" + (chart == "err-fail" ? "validate.yaml" : "cm.yaml")));
    }

    [Test]
    public void AManifestYamlErrorNamesTheFile()
    {
        var e = RenderError("err-bad-yaml", "broken", HelmVersion.V4);
        Assert.That(e.Message, Is.EqualTo(ApiTestData.GoldenError("err-bad-yaml", "broken", 4)));
        Assert.That(e.File, Is.EqualTo("err-bad-yaml/templates/cm.yaml"));
        Assert.That(e.Line, Is.Null, "the line helm names is the document's, not the template's");
        Assert.That(e.InnerException?.InnerException, Is.InstanceOf<HelmSharp.Yaml.GoYamlException>());
    }

    [Test]
    public void ChartAndValuesErrorsAreTypedAndCarryHelmsMessage()
    {
        var chart = Assert.Throws<ChartException>(() => HelmChart.Render(ApiTestData.Chart("err-chartyaml-missing-name")))!;
        Assert.That(chart.Message, Is.EqualTo(ApiTestData.GoldenError("err-chartyaml-missing-name", "default", 4)));

        var options = new RenderOptions();
        options.ValueFiles.Add(ApiTestData.ValueSet("err-values-file", "bad-yaml"));
        var values = Assert.Throws<ValuesException>(() => HelmChart.Render(ApiTestData.Chart("err-values-file"), options))!;
        // helm's message names the path as given on its command line (relative); ours names it as given here.
        Assert.That(values.Message, Is.EqualTo(ApiTestData.GoldenError("err-values-file", "bad-yaml", 4)
            .Replace("testdata/charts/err-values-file.values/bad-yaml.yaml", ApiTestData.ValueSet("err-values-file", "bad-yaml"))));

        var release = Assert.Throws<HelmTemplateException>(() => HelmChart.Render(ApiTestData.Chart("err-values-file"), new RenderOptions { ReleaseName = "Bad_Release" }))!;
        Assert.That(release.Message, Is.EqualTo(ApiTestData.GoldenError("err-values-file", "bad-release-name", 4)));
        Assert.That(release.File, Is.Null);
        Assert.That(release.Log, Has.Count.EqualTo(1));
    }

    [TestCase("template-values-directory")]
    [TestCase("template-set-file-directory")]
    [TestCase("template-set-file-missing")]
    public void AnUnreadableValuesFileIsAValuesExceptionWithHelmsMessage(string cliCase)
    {
        // helm's message for the same arguments, recorded from the binaries by scripts/regen-cli.py (paths as given).
        var path = Path.Combine(ApiTestData.Root, "testdata", "cli", "cli.expected.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var c = doc.RootElement.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == cliCase && c.GetProperty("major").GetInt32() == 4);
        var args = c.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray();
        var expected = c.GetProperty("stderr").GetString()!["Error: ".Length..].TrimEnd('\n');
        var options = new RenderOptions();
        var dir = Path.Combine(ApiTestData.Root, "testdata", "cli");
        if (args[3] == "-f") options.ValueFiles.Add(dir);
        else options.SetFile.Add(args[4].Replace("testdata/cli", dir));
        Assert.That(() => HelmChart.Render(ApiTestData.Chart("empty-output"), options),
            Throws.TypeOf<ValuesException>().With.Message.EqualTo(expected.Replace("testdata/cli", dir)));
    }

    public static IEnumerable<TestCaseData> MissingCharts()
    {
        // helm's messages for missing chart paths, recorded from the binaries by scripts/regen-cli.py.
        var path = Path.Combine(ApiTestData.Root, "testdata", "cli", "cli.expected.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            if (!name.StartsWith("template-missing-", StringComparison.Ordinal) || c.GetProperty("major").GetInt32() != 4) continue;
            var stderr = c.GetProperty("stderr").GetString()!;
            yield return new TestCaseData(c.GetProperty("args")[2].GetString()!, stderr["Error: ".Length..].TrimEnd('\n')).SetName("AMissingChartIsHelmsMessage(" + name + ")");
        }
    }

    [TestCaseSource(nameof(MissingCharts))]
    public void AMissingChartIsHelmsMessage(string path, string message)
    {
        Assert.That(() => HelmChart.Render(path), Throws.TypeOf<ChartException>().With.Message.EqualTo(message));
        Assert.That(() => HelmChart.Compile(path), Throws.TypeOf<ChartException>().With.Message.EqualTo(message));
        Assert.That(() => HelmChart.Load(path), Throws.TypeOf<ChartException>().With.Message.EqualTo(message));
    }
}
