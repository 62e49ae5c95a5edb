using HelmSharp.Go;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Rendering.Objects;
using HelmSharp.Template;
using HelmSharp.Values;

namespace HelmSharp.UnitTest;

/// <summary>
/// <c>--chart-tests-path</c>: a helm chart whose rendered templates are test suites (each must have a <c>suite</c>
/// name; several suites in one template get snapshot files <c>NAME_0.snap</c>, <c>NAME_1.snap</c> …).
/// </summary>
internal static class RenderedSuites
{
    public static List<TestSuite> Render(string dir, string displayDir, string chartRoute, bool strict, List<string> valueFiles, RunState state)
    {
        if (!File.Exists(Path.Combine(dir, "Chart.yaml")))
            throw new UnitTestException("stat " + GoPath.Join(displayDir, "Chart.yaml") + ": no such file or directory");
        Chart chart;
        Dictionary<string, string> rendered;
        try
        {
            chart = ChartLoader.Load(dir, 3);
            var rv = ChartValues.ToRenderValues(chart, new Dictionary<string, object?>(), 3, skipSchemaValidation: false);
            var kube = "v" + state.KubeMajor + "." + state.KubeMinor + ".0";
            var caps = new Capabilities(3, new KubeVersion(3, kube, kube, state.KubeMajor, state.KubeMinor), new VersionSet(3, []), Capabilities.Create(3).HelmVersion);
            var top = new HelmValues(3)
            {
                ["Chart"] = ChartObject.Create(rv.Chart.Metadata, true, 3),
                ["Capabilities"] = caps,
                ["Release"] = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["Name"] = "TEST-SUITE-RELEASE",
                    ["Namespace"] = "NAMESPACE",
                    ["IsUpgrade"] = false,
                    ["IsInstall"] = false,
                    ["Revision"] = (nint)1,
                    ["Service"] = "Helm",
                },
                ["Values"] = rv.Values,
            };
            var options = new TemplateOptions { MissingKey = MissingKey.Zero, HelmMajor = 3, MaxNestedExecutions = 4000, MaxOutputBytes = 256L * 1024 * 1024 };
            var files = TemplateSet.RunWithLargeStack(() => RenderEngine.Render(rv.Chart, top, 3, options, state.Cancellation, null));
            rendered = new Dictionary<string, string>(StringComparer.Ordinal);
            try { foreach (var (p, t) in files.Files) rendered[p] = t.Exact.ToString(); }
            finally { files.Release(); }
        }
        catch (Exception e) when (e is ChartException or ValuesException or HelmException or HelmSharp.Yaml.GoYamlException)
        {
            throw new UnitTestException(e.Message);
        }
        var errors = new List<string>();
        var suites = new List<TestSuite>();
        var names = rendered.Keys.ToList();
        names.Sort(StringComparer.Ordinal);
        foreach (var templateName in names)
        {
            var template = rendered[templateName];
            if (template.Trim().Length == 0)
            {
                errors.Add("test suite template (" + templateName + ") file did not render a manifest");
                continue;
            }
            int at = templateName.IndexOf(chart.Name, StringComparison.Ordinal);
            var relative = at >= 0 ? templateName.Remove(at, chart.Name.Length) : templateName;
            var path = Path.Combine(dir, relative.TrimStart('/'));
            int before = suites.Count, realIdx = -1;
            var subErrors = new List<string>();
            var parts = SuiteParser.Splitter().Split(template);
            for (int idx = 0; idx < parts.Length; idx++)
            {
                if (parts[idx].Trim().Length == 0) continue;
                realIdx++;
                var (suite, err) = SuiteParser.CreateSuite(path, chartRoute, parts[idx], strict, valueFiles, fromRender: true, state.Cwd);
                if (err != null)
                {
                    subErrors.Add("chart " + idx + " error: " + err.Message);
                    continue;
                }
                if (suite == null) continue;
                if (suite.SnapshotId.Length == 0) suite.SnapshotId = realIdx.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var t in suite.Tests)
                {
                    if (t == null) continue;
                    SuiteParser.PolishSkip(suite, t);
                    SuiteParser.PolishChart(suite, t);
                    SuiteParser.PolishCapabilities(suite, t);
                }
                suites.Add(suite);
            }
            if (subErrors.Count > 0) errors.Add("test suite template (" + templateName + ") error: " + string.Join("\n", subErrors));
            if (before == suites.Count) errors.Add("test suite template (" + templateName + ") file did not render a manifest");
        }
        if (errors.Count > 0) throw new UnitTestException(string.Join("\n", errors));
        return suites;
    }
}
