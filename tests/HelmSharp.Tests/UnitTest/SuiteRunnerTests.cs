using System.Xml.Linq;
using HelmSharp.UnitTest;
using NUnit.Framework;

namespace HelmSharp.Tests.UnitTest;

/// <summary>
/// Runs the unit-test reductions in <c>testdata/unittest</c> (and the best-practices guide's chart) through
/// <see cref="SuiteRunner"/> and the <c>test</c> command. The outcomes expected are the helm-unittest plugin's for
/// the same suites; its own example suites are compared by <c>scripts/unittest-conformance.py</c>.
/// </summary>
[TestFixture]
public class SuiteRunnerTests
{
    private static string Root => HelmSharp.Tests.Charts.Golden.ChartGoldenTests.RepositoryRoot();

    private static UnitTestReport Run(string chart, Action<UnitTestOptions>? configure = null, string? cwd = null)
    {
        var o = new UnitTestOptions { WorkingDirectory = cwd ?? Root };
        configure?.Invoke(o);
        return SuiteRunner.Run([chart], o);
    }

    private static Dictionary<string, string> Outcomes(UnitTestReport r)
    {
        var d = new Dictionary<string, string>();
        foreach (var s in r.Suites)
            foreach (var t in s.Tests)
                if (t != null) d[s.DisplayName + " / " + t.DisplayName] = t.Passed ? "passed" : t.Skipped ? "skipped" : "failed";
        return d;
    }

    [Test]
    public void EveryAssertionTypePasses()
    {
        var r = Run("testdata/unittest/assertions");
        Assert.That(r.Output, Does.Contain("Charts:      1 passed, 1 total\nTest Suites: 4 passed, 4 total\nTests:       22 passed, 1 skipped, 23 total\n"), r.Output);
        Assert.That(r.Passed, Is.True);
        Assert.That(Outcomes(r)["deployment / is skipped"], Is.EqualTo("skipped"));
        Assert.That(r.Output, Does.Contain(" PASS  deployment\ttestdata/unittest/assertions/tests/deployment_test.yaml\n\t- SKIPPED 'is skipped'\n"));
        Assert.That(r.Output, Does.StartWith("\n### Chart [ assertions ] testdata/unittest/assertions\n\n"));
        Assert.That(r.Output, Does.Match(@"\nTime:        [0-9.]+(s|ms|µs)\n\n$"));
    }

    [Test]
    public void TheBestPracticesGuidesSuiteRuns()
    {
        // the user's guide (shared/seed) suite, with the templates deployment.yaml includes listed
        var r = Run("testdata/charts/seed-guide");
        Assert.That(r.Passed, Is.True, r.Output);
        Assert.That(r.Output, Does.Contain(" PASS  test deployment\ttestdata/charts/seed-guide/tests/deployment_test.yaml\n"));
        Assert.That(r.Output, Does.Contain("Tests:       3 passed, 3 total\n"));
        Assert.That(Outcomes(r).Values, Is.EqualTo(new[] { "passed", "passed", "passed" }));

        // as printed in the guide it lists deployment.yaml alone: the plugin renders only the listed templates, so the
        // include of configmap.yaml fails each test as it does in the plugin (its issues #53/#293/#324)
        var asWritten = Run("testdata/charts/seed-guide", o => o.TestFiles.Add("tests/guide-as-written/*_test.yaml"));
        Assert.That(asWritten.Passed, Is.False);
        Assert.That(asWritten.Output, Does.Contain("\t\tError: template: mcp-mesh-agent/templates/deployment.yaml:33:28: executing \"mcp-mesh-agent/templates/deployment.yaml\" at <include (print $.Template.BasePath \"/configmap.yaml\") .>: error calling include: template: no template \"mcp-mesh-agent/templates/configmap.yaml\" associated with template \"gotpl\"\n"));
        Assert.That(asWritten.Output, Does.Contain("Tests:       3 failed, 3 errored, 0 passed, 3 total\n"));
    }

    [Test]
    public void FailuresAreReportedAsThePluginReportsThem()
    {
        var r = Run("testdata/unittest/assertions", o => o.TestFiles.Add("tests_failed/*_test.yaml"));
        Assert.That(r.Passed, Is.False);
        var outcome = Outcomes(r);
        Assert.That(outcome.Values, Is.All.EqualTo("failed"));
        Assert.That(outcome, Has.Count.EqualTo(5));
        Assert.That(r.Output, Does.Contain("""
             FAIL  failing on purpose	testdata/unittest/assertions/tests_failed/failing_test.yaml
            	- equal fails with a diff

            		- asserts[0] `equal` fail
            			Template:	assertions/templates/deployment.yaml
            			DocumentIndex:	0
            			ValuesIndex:	0
            			Path:	spec.template.spec.containers[0].image
            			Expected to equal:
            				nginx:latest
            			Actual:
            				nginx:stable
            			Diff:
            				--- Expected
            				+++ Actual
            				@@ -1,2 +1,2 @@
            				-nginx:latest
            				+nginx:stable

            		- asserts[1] `notEqual` fail
            			Template:	assertions/templates/deployment.yaml
            			DocumentIndex:	0
            			ValuesIndex:	0
            			Path:	spec.replicas
            			Expected NOT to equal:
            				2

            """.Replace("\r\n", "\n")));
        Assert.That(r.Output, Does.Contain("\t\t- asserts[0] `isKind` fail\n\t\t\tError:\n\t\t\t\ttemplate \"assertions/templates/absent.yaml\" not exists or not selected in test suite\n"));
        Assert.That(r.Output, Does.Contain("\t\t\tPath:\tspec.selector expected to exists\n"));
        Assert.That(r.Output, Does.Contain("\t\t\tError:\n\t\t\t\tunknown path nothing.here\n"));
        // a render error is the test's execution error, in helm 3's words
        Assert.That(r.Output, Does.Contain("\t- a render error fails the test\n\t\tError: template: assertions/templates/deployment.yaml:25:28: executing \"assertions/templates/deployment.yaml\" at <.Values.image.repository>: can't evaluate field repository in type interface {}\n"));
        Assert.That(r.Output, Does.Contain("Tests:       5 failed, 1 errored, 0 passed, 5 total\n"));
    }

    [Test]
    public void SubchartSuitesRunOnTheirOwnRouteUnlessDisabled()
    {
        var r = Run("testdata/unittest/umbrella");
        Assert.That(r.Passed, Is.True, r.Output);
        Assert.That(r.Suites.Select(s => s.DisplayName), Is.EquivalentTo(new[] { "umbrella", "child chart, tested on its own route" }));
        var without = Run("testdata/unittest/umbrella", o => o.WithSubChart = false);
        Assert.That(without.Suites.Select(s => s.DisplayName), Is.EqualTo(new[] { "umbrella" }));
    }

    [Test]
    public void SnapshotsAreWrittenComparedAndUpdated()
    {
        var dir = Path.Combine(Path.GetTempPath(), "helmsharp-unittest-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyDirectory(Path.Combine(Root, "testdata/unittest/assertions"), dir);
            void Files(UnitTestOptions o) => o.TestFiles.Add("tests_snapshot/*_test.yaml");
            var first = Run(dir, Files);
            Assert.That(first.Passed, Is.True, first.Output);
            Assert.That(first.Output, Does.Contain("Snapshot:    4 passed, 4 total\n"));
            var snap = Path.Combine(dir, "tests_snapshot/__snapshot__/snapshot_test.yaml.snap");
            var text = File.ReadAllText(snap);
            // go-yaml v3's encoding of map[string]map[uint]string: tests sorted, each value a literal block
            Assert.That(text, Does.StartWith("checks patterns in the snapshot:\n  1: |\n    app.conf: |\n      listen = 80\n"));
            Assert.That(text, Does.Contain("matches the notes snapshot:\n  1: |\n    |\n      Thank you for installing assertions.\n"));
            Assert.That(text, Does.Contain("matches the configmap snapshot:\n  1: |\n    apiVersion: v1\n    data:\n"));
            Assert.That(text, Does.Contain("\n  2: |\n    app.conf: |\n"));

            Assert.That(Run(dir, Files).Passed, Is.True);
            Assert.That(File.ReadAllText(snap), Is.EqualTo(text));

            File.WriteAllText(Path.Combine(dir, "values.yaml"), File.ReadAllText(Path.Combine(dir, "values.yaml")).Replace("port: 80", "port: 81"));
            var changed = Run(dir, Files);
            Assert.That(changed.Passed, Is.False);
            Assert.That(changed.Output, Does.Contain("\t\t- asserts[1] `matchSnapshot` fail\n\t\t\tTemplate:\tassertions/templates/configmap.yaml\n\t\t\tDocumentIndex:\t0\n\t\t\tValuesIndex:\t0\n\t\t\tPath:\tdata\n\t\t\tExpected to match snapshot 2:\n\t\t\t\t--- Expected\n\t\t\t\t+++ Actual\n\t\t\t\t@@ -1,3 +1,3 @@\n\t\t\t\t app.conf: |\n\t\t\t\t-  listen = 80\n\t\t\t\t+  listen = 81\n\t\t\t\t   mode   = clusterip\n"));
            Assert.That(changed.Output, Does.Contain("\t- checks patterns in the snapshot\n\n\t\t- asserts[0] `matchSnapshot` fail\n\t\t\tTemplate:\tassertions/templates/configmap.yaml\n\t\t\tDocumentIndex:\t0\n\t\t\tValuesIndex:\t0\n\t\t\tExpected pattern 'listen = 80' not found in snapshot:\n\t\t\t\tapp.conf: |\n\t\t\t\t  listen = 80\n"));
            Assert.That(changed.Output, Does.Contain("Snapshot Summary: 2 snapshot failed in 1 test suite. Check changes and use `-u` to update snapshot.\n"));
            Assert.That(changed.Output, Does.Contain("Snapshot:    2 failed, 2 passed, 4 total\n"));
            Assert.That(File.ReadAllText(snap), Is.EqualTo(text), "a failed comparison does not rewrite the file");

            var updated = Run(dir, o => { Files(o); o.UpdateSnapshot = true; });
            // the plugin's Cache.Compare: an updating run passes every comparison, the regex checks included
            Assert.That(updated.Passed, Is.True, updated.Output);
            Assert.That(updated.Output, Does.Contain(" PASS  snapshots"));
            Assert.That(File.ReadAllText(snap), Does.Contain("listen = 81"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void ResultFilesInJUnitAndXUnit()
    {
        var dir = Path.Combine(Path.GetTempPath(), "helmsharp-unittest-" + Guid.NewGuid().ToString("N"));
        try
        {
            var junit = Path.Combine(dir, "out/junit.xml");
            Run("testdata/unittest/assertions", o =>
            {
                o.TestFiles.Add("tests_failed/*_test.yaml");
                o.OutputType = "JUnit";
                o.OutputFile = junit;
                o.Clock = () => new DateTime(2024, 5, 6, 7, 8, 9);
            });
            var text = File.ReadAllText(junit);
            Assert.That(text, Does.StartWith("<testsuites>\n\t<testsuite id=\"0\" tests=\"5\" failures=\"4\" errors=\"1\" package=\"\" time=\""));
            var doc = XDocument.Parse(text);
            var suite = doc.Root!.Element("testsuite")!;
            Assert.That(suite.Attribute("name")!.Value, Is.EqualTo("failing on purpose"));
            Assert.That(suite.Attribute("timestamp")!.Value, Is.EqualTo("2024-05-06T07:08:09"));
            Assert.That(suite.Element("properties")!.Element("property")!.Attribute("value")!.Value, Is.EqualTo("1.6"));
            var cases = suite.Elements("testcase").ToList();
            Assert.That(cases.Select(c => c.Attribute("name")!.Value), Is.EqualTo(new[]
            {
                "equal fails with a diff", "kind, count and existence fail", "a missing template fails", "arrays and regexes fail", "a render error fails the test",
            }));
            Assert.That(cases[0].Element("failure")!.Attribute("message")!.Value, Is.EqualTo("Failed"));
            Assert.That(cases[0].Element("failure")!.Value, Does.StartWith(" - asserts[0] `equal` fail , Template:assertions/templates/deployment.yaml , DocumentIndex:0 , ValuesIndex:0 , Path:spec.template.spec.containers[0].image , Expected to equal: , nginx:latest ,"));
            Assert.That(cases[4].Element("error")!.Value, Does.StartWith("template: assertions/templates/deployment.yaml:25:28:"));

            var xunit = Path.Combine(dir, "xunit.xml");
            Run("testdata/unittest/assertions", o => o.OutputFile = xunit);
            var asm = XDocument.Parse(File.ReadAllText(xunit)).Root!.Elements("assembly").ToList();
            Assert.That(asm.Select(a => a.Attribute("name")!.Value), Does.Contain("testdata/unittest/assertions/tests/deployment_test.yaml"));
            var skipped = asm.Single(a => a.Attribute("name")!.Value.EndsWith("deployment_test.yaml", StringComparison.Ordinal));
            Assert.That(skipped.Attribute("skipped")!.Value, Is.EqualTo("1"));
            Assert.That(skipped.Attribute("passed")!.Value, Is.EqualTo("5"));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void SuiteErrorsStopTheChart()
    {
        var dir = Path.Combine(Path.GetTempPath(), "helmsharp-unittest-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyDirectory(Path.Combine(Root, "testdata/unittest/assertions"), dir);
            File.WriteAllText(Path.Combine(dir, "tests/zz_test.yaml"), "suite: broken\ntemplates:\n  - configmap.yaml\ntests:\n  - it: x\n    documents: 1\n    asserts:\n      - isKind:\n          of: ConfigMap\n");
            var lax = Run(dir);
            Assert.That(lax.Output, Does.Contain(" PASS  broken\t"), "unknown fields are ignored without --strict");
            var strict = Run(dir, o => o.Strict = true);
            Assert.That(strict.Passed, Is.False);
            Assert.That(strict.Output, Does.Contain(" FAIL  \t"));
            Assert.That(strict.Output, Does.Contain("\t- Execution Error: \n\t\tyaml: unmarshal errors:\n  line 6: field documents not found in type unittest.TestJob\n"));
            Assert.That(strict.Output, Does.Contain("\n### Error:  yaml: unmarshal errors:\n  line 6: field documents not found in type unittest.TestJob\n"));
            Assert.That(strict.Output, Does.Contain("Charts:      1 failed, 1 errored, 0 passed, 1 total\n"));

            File.WriteAllText(Path.Combine(dir, "tests/zz_test.yaml"), "suite: broken\ntests:\n  - it: x\n    asserts:\n      - isKnd:\n          of: Pod\n");
            Assert.That(Run(dir).Output, Does.Contain("Assertion type `isKnd` is invalid"));
            File.WriteAllText(Path.Combine(dir, "tests/zz_test.yaml"), "suite: broken\ntests:\n  - it: x\n    asserts: []\n");
            Assert.That(Run(dir).Output, Does.Contain("\n### Error:  no asserts found\n"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void CliRunsSuitesAndExitsWithThePluginsCode()
    {
        var saved = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Root;
            var (exit, stdout, _) = Cli("unittest", "testdata/unittest/assertions");
            Assert.That(exit, Is.EqualTo(0), stdout);
            Assert.That(stdout, Does.Contain("Tests:       22 passed, 1 skipped, 23 total\n"));
            (exit, stdout, _) = Cli("unittest", "-f", "tests_failed/*_test.yaml", "--color", "testdata/unittest/assertions");
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(stdout, Does.Contain("\u001b[41;37m FAIL \u001b[0m \u001b[1mfailing on purpose\u001b[0m\t\u001b[2mtestdata/unittest/assertions/tests_failed/\u001b[0mfailing_test.yaml\n"));
            var (e2, _, err) = Cli("unittest");
            Assert.That(e2, Is.EqualTo(1));
            Assert.That(err, Does.StartWith("Error: requires at least 1 arg(s), only received 0\n"));
        }
        finally { Environment.CurrentDirectory = saved; }
    }

    private static (int, string, string) Cli(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = HelmSharp.Cli.Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    internal static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }
}
