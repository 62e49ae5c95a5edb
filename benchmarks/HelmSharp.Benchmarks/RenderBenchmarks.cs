using BenchmarkDotNet.Attributes;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Template;
using HelmSharp.Helm;

namespace HelmSharp.Benchmarks;

/// <summary>Locates charts: the synthetic large charts are generated on demand with scripts/gen-large-chart.py.</summary>
internal static class BenchCharts
{
    public static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(System.IO.Path.Combine(dir, "HelmSharp.sln"))) dir = System.IO.Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }

    public static string ChartPath(string name)
    {
        var root = RepoRoot();
        if (name.StartsWith("large-", StringComparison.Ordinal))
        {
            var n = name["large-".Length..];
            var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "helmsharp-bench", name);
            if (!Directory.Exists(dir))
            {
                var psi = new System.Diagnostics.ProcessStartInfo("python3") { UseShellExecute = false };
                psi.ArgumentList.Add(System.IO.Path.Combine(root, "scripts", "gen-large-chart.py"));
                psi.ArgumentList.Add(n);
                psi.ArgumentList.Add(dir);
                using var p = System.Diagnostics.Process.Start(psi)!;
                p.WaitForExit();
                if (p.ExitCode != 0) throw new InvalidOperationException("gen-large-chart.py failed");
            }
            return dir;
        }
        return System.IO.Path.Combine(root, "testdata", "charts", name);
    }
}

/// <summary>Parse, cold load+render and warm render of a compiled chart for the synthetic large charts.</summary>
[MemoryDiagnoser]
public class LargeChartBenchmarks
{
    [Params(50, 500, 2000)]
    public int N;

    private string _dir = "";
    private Chart _chart = null!;
    private List<(string Name, string Text)> _templates = [];
    private CompiledChart _compiled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = BenchCharts.ChartPath("large-" + N);
        _chart = ChartLoader.Load(_dir, 4);
        _templates = [];
        Collect(_chart, _templates);
        _compiled = HelmChart.Compile(_chart);
        _compiled.Render(new TemplateRequest());
    }

    private static void Collect(Chart c, List<(string, string)> into)
    {
        foreach (var t in c.Templates) into.Add((c.ChartFullPath() + "/" + t.Name, System.Text.Encoding.UTF8.GetString(t.Data)));
        foreach (var d in c.Dependencies) Collect(d, into);
    }

    /// <summary>Parsing every template of the chart into one set (no cache).</summary>
    [Benchmark]
    public int Parse()
    {
        var set = new TemplateSet(HelmFunctions.For(4), new TemplateOptions()) { RootName = "gotpl" };
        foreach (var (name, text) in _templates) set.Parse(name, text);
        return set.Names.Count();
    }

    /// <summary>What one CLI run does in-process: load from disk, compile, render once.</summary>
    [Benchmark]
    public int ColdLoadAndRender() => HelmChart.Compile(ChartLoader.Load(_dir, 4)).Render(new TemplateRequest()).Output.Length;

    /// <summary>Rendering an already compiled chart again (another release of the same chart).</summary>
    [Benchmark]
    public int WarmRender() => _compiled.Render(new TemplateRequest()).Output.Length;

    private int _revision;

    /// <summary>
    /// Rendering an already compiled chart again with new values every time (what a deploy tool does per release: one
    /// component's image tag changes), so the coalesced values cannot be reused and everything value-derived is rendered anew.
    /// </summary>
    [Benchmark]
    public int WarmNewValues() => _compiled.Render(NewValuesRequest(++_revision)).Output.Length;

    /// <summary>A request whose user values set <c>components.svc-001.image.tag</c> to a tag made of <paramref name="revision"/>.</summary>
    internal static TemplateRequest NewValuesRequest(int revision) => new()
    {
        Values = new Dictionary<string, object?>
        {
            ["components"] = new Dictionary<string, object?>
            {
                ["svc-001"] = new Dictionary<string, object?>
                {
                    ["image"] = new Dictionary<string, object?> { ["tag"] = "2.0." + revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
            },
        },
    };
}

/// <summary>Cold and warm renders of the testdata charts.</summary>
[MemoryDiagnoser]
public class TestdataChartBenchmarks
{
    [Params("webapp", "deps-advanced", "tpl-heavy", "umbrella", "sprig-realworld", "large-20")]
    public string Chart = "";

    private string _dir = "";
    private CompiledChart _compiled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = BenchCharts.ChartPath(Chart);
        _compiled = HelmChart.Compile(ChartLoader.Load(_dir, 4));
        _compiled.Render(new TemplateRequest());
    }

    [Benchmark]
    public int ColdLoadAndRender() => HelmChart.Compile(ChartLoader.Load(_dir, 4)).Render(new TemplateRequest()).Output.Length;

    [Benchmark]
    public int WarmRender() => _compiled.Render(new TemplateRequest()).Output.Length;
}

/// <summary>
/// The README's chart (testdata/charts/mcp-mesh-agent with its development values, the README's first command),
/// compiled once and rendered again: with the same values (the coalesced values are shared from the second render
/// on), and with new values every time (the values a deploy tool would pass: the development values with an
/// image tag that changes per render, so nothing value-derived can be reused).
/// </summary>
[MemoryDiagnoser]
public class ReadmeChartBenchmarks
{
    private CompiledChart _compiled = null!;
    private Dictionary<string, object?> _values = null!;
    private int _revision;

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchCharts.RepoRoot();
        _compiled = HelmChart.Compile(ChartLoader.Load(System.IO.Path.Combine(root, "testdata", "charts", "mcp-mesh-agent"), 4));
        _values = HelmSharp.Yaml.GoYaml.UnmarshalMap(File.ReadAllText(System.IO.Path.Combine(root, "testdata", "charts", "mcp-mesh-agent.values", "development.yaml")));
        WarmSameValues();
        WarmNewValues();
    }

    [Benchmark]
    public int WarmSameValues() => _compiled.Render(new TemplateRequest { ReleaseName = "my-release", Values = _values }).Output.Length;

    [Benchmark]
    public int WarmNewValues()
    {
        var values = new Dictionary<string, object?>(_values)
        {
            ["image"] = new Dictionary<string, object?>
            {
                ["repository"] = "mcp-mesh/agent",
                ["tag"] = "1.0." + (++_revision).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["pullPolicy"] = "Always",
            },
        };
        return _compiled.Render(new TemplateRequest { ReleaseName = "my-release", Values = values }).Output.Length;
    }
}
