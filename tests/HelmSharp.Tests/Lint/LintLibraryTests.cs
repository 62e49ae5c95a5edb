using HelmSharp.Lint;
using HelmSharp.Values;
using NUnit.Framework;

namespace HelmSharp.Tests.Lint;

/// <summary>
/// The lint library API (<see cref="HelmLint"/>): typed findings with the places helm names, strictness, and the
/// whole command's text, checked against the helm goldens of testdata/lint.
/// </summary>
[TestFixture]
[NonParallelizable] // relative chart paths: the working directory is the repository root
public sealed class LintLibraryTests
{
    private static string Chart(string name) => Path.Combine(LintGoldenTests.Root, "testdata", "lint", "charts", name);

    private static string Golden(string name) => File.ReadAllText(Path.Combine(LintGoldenTests.Root, "testdata", "lint", "golden", name));

    [Test]
    public void ReadmeExampleGivesTypedFindings()
    {
        // The values as RenderOptions takes them (both are ChartOptions): --set is merged by the lint itself.
        var options = new LintOptions { HelmVersion = HelmVersion.V4, Strict = true, Set = { "replicas=two" } };
        ChartLintResult r = HelmLint.LintChart(Chart("values-schema"), options);

        Assert.That(r.Linted, Is.True);
        Assert.That(r.Failed, Is.True);
        var schema = r.Messages.Single(m => m.Path == "values.yaml");
        Assert.That(schema.Severity, Is.EqualTo(LintSeverity.Error));
        Assert.That(schema.Text, Is.EqualTo("- at '/replicas': got string, want integer\n"));
        Assert.That(schema.ToString(), Is.EqualTo("[ERROR] values.yaml: - at '/replicas': got string, want integer\n"));
        Assert.That(r.Errors, Does.Contain(schema.Text));
    }

    [Test]
    public void ValuesMayBeDotNetObjects()
    {
        // The same finding with the values given as a .NET object instead of --set (converted as RenderOptions.Values is).
        var options = new LintOptions { HelmVersion = HelmVersion.V4, Strict = true, Values = new { replicas = "two" } };
        var schema = HelmLint.LintChart(Chart("values-schema"), options).Messages.Single(m => m.Path == "values.yaml");
        Assert.That(schema.Text, Is.EqualTo("- at '/replicas': got string, want integer\n"));
        var bad = new LintOptions { Values = new { replicas = new MemoryStream() } };
        Assert.That(() => HelmLint.LintChart(Chart("values-schema"), bad),
            Throws.TypeOf<ValuesException>().With.Message.EqualTo("cannot convert System.IO.MemoryStream at .replicas to a value: it is not data"));
        Assert.That(() => new LintOptions { HelmVersion = (HelmVersion)5 }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void RenderErrorsNameTheTemplateLineAndColumn()
    {
        var r = HelmLint.LintChart(Chart("template-exec-error"), new LintOptions { HelmVersion = HelmVersion.V3 });
        var m = r.Messages.Single(x => x.Path == "templates/");
        Assert.Multiple(() =>
        {
            Assert.That(m.Severity, Is.EqualTo(LintSeverity.Error));
            Assert.That(m.File, Is.EqualTo("template-exec-error/templates/cm.yaml"));
            Assert.That(m.Line, Is.EqualTo(4));
            Assert.That(m.Column, Is.EqualTo(18));
        });

        var parse = HelmLint.LintChart(Chart("template-parse-error"), new LintOptions()).Messages.Single(x => x.Path == "templates/");
        Assert.That((parse.File, parse.Line, parse.Column), Is.EqualTo(("template-parse-error/templates/cm.yaml", (int?)5, (int?)null)));
    }

    [Test]
    public void YamlErrorsNameTheTemplateAndLine()
    {
        var r = HelmLint.LintChart(Chart("template-yaml-error"), new LintOptions());
        var m = r.Messages.Single(x => x.Path == "templates/a.yaml");
        Assert.That(m.Text, Does.StartWith("unable to parse YAML: error converting YAML to JSON: yaml: line 4:"));
        Assert.That((m.File, m.Line), Is.EqualTo(("templates/a.yaml", (int?)4)));
        // helm stops checking templates at the first document that does not parse: b.yaml is never looked at.
        Assert.That(r.Messages.Any(x => x.Path == "templates/b.yaml"), Is.False);
    }

    [Test]
    public void StrictTurnsWarningsIntoFailures()
    {
        var lenient = HelmLint.LintChart(Chart("template-deprecated"), new LintOptions());
        var strict = HelmLint.LintChart(Chart("template-deprecated"), new LintOptions { Strict = true });
        Assert.That(lenient.Messages, Has.Some.Matches<LintMessage>(m => m.Severity == LintSeverity.Warning));
        Assert.That(lenient.Failed, Is.False);
        Assert.That(strict.Failed, Is.True);
        Assert.That(strict.Errors, Has.Count.EqualTo(strict.Messages.Count(m => m.Severity >= LintSeverity.Warning)));
    }

    [Test]
    public void LintModeLogsRequiredAndFailInsteadOfFailing()
    {
        var r4 = HelmLint.LintChart(Chart("template-required-fail"), new LintOptions { HelmVersion = HelmVersion.V4 });
        Assert.That(r4.Failed, Is.False);
        Assert.That(r4.Log, Does.Contain("level=WARN msg=\"missing required value\" message=\"a name is required\""));
        Assert.That(r4.Log, Does.Contain("level=WARN msg=\"missing required values\" message=\"host must not be empty\""));
        var r3 = HelmLint.LintChart(Chart("template-required-fail"), new LintOptions { HelmVersion = HelmVersion.V3 });
        Assert.That(r3.Log, Does.Contain("engine.go:227: [INFO] Fail: enabled must be true: set it with --set enabled=true"));
    }

    [Test]
    public void RunPrintsWhatHelmPrints()
    {
        RepoWorkingDirectory.Run(() =>
        {
            var report = HelmLint.Run(["testdata/lint/charts/good", "testdata/lint/charts/minimal", "testdata/lint/charts/chartfile-errors"], new LintOptions());
            Assert.That(report.Output, Is.EqualTo(Golden("multiple.helm4.out")));
            Assert.That(report.Failed, Is.True);
            Assert.That("Error: " + report.Summary + "\n", Is.EqualTo(Golden("multiple.helm4.err")));
            Assert.That(report.Charts.Select(c => c.Failed), Is.EqualTo(new[] { false, false, true }));
        });
    }

    [Test]
    public void SubchartsAreFoundInGoWalkOrder()
    {
        RepoWorkingDirectory.Run(() =>
        {
            var paths = HelmLint.WithSubcharts(["testdata/lint/charts/with-subcharts/"]);
            Assert.That(paths, Is.EqualTo(new[]
            {
                "testdata/lint/charts/with-subcharts/",
                "testdata/lint/charts/with-subcharts/charts/_skipped",
                "testdata/lint/charts/with-subcharts/charts/child",
                "testdata/lint/charts/with-subcharts/charts/child/charts/grandchild",
                "testdata/lint/charts/with-subcharts/charts/packaged-0.2.0.tgz",
            }));
        });
    }

    [Test]
    public void PathsThatAreNotChartsFailCleanly()
    {
        var r = HelmLint.LintChart("testdata/lint/charts/does-not-exist", new LintOptions());
        Assert.That(r.Linted, Is.False);
        Assert.That(r.Errors, Is.EqualTo(new[] { "unable to check Chart.yaml file in chart: stat testdata/lint/charts/does-not-exist/Chart.yaml: no such file or directory" }));
        Assert.That(r.Messages, Is.Empty);
    }
}
