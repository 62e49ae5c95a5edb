using BenchmarkDotNet.Attributes;
using HelmSharp.Charts;
using HelmSharp.Helm;
using HelmSharp.Template;
using HelmSharp.Values;

namespace HelmSharp.Benchmarks;

/// <summary>
/// Two phases of a render on their own, for the shapes where they weigh most: <c>Values</c> is what the values phase
/// does (dependencies, coalescing, schema validation: <see cref="ChartValues.ToRenderValues"/>), <c>Parse</c> parses
/// every template file of the chart into a fresh set without any cache (the parse phase of a one-shot render).
/// </summary>
[MemoryDiagnoser]
public class PhaseBenchmarks
{
    [Params("bigvalues", "toyaml", "include", "tpl")]
    public string Shape = "";

    [Params(2000)]
    public int N;

    private Chart _chart = null!;
    private readonly List<(string Name, string Text)> _templates = [];

    [GlobalSetup]
    public void Setup()
    {
        _chart = ChartLoader.Load(BenchShapes.ChartPath(Shape, N), 4);
        _templates.Clear();
        Collect(_chart, _templates);
    }

    private static void Collect(Chart c, List<(string, string)> into)
    {
        foreach (var d in c.Dependencies) Collect(d, into);
        foreach (var t in c.Templates) into.Add((c.ChartFullPath() + "/" + t.Name, HelmSharp.Go.GoUtf8.GetString(t.Data)));
    }

    /// <summary>Coalescing the chart's values (no user values) and validating them against its schema.</summary>
    [Benchmark]
    public int Values() => TemplateSet.RunWithLargeStack(() => ChartValues.ToRenderValues(_chart, null, 4).Values.Count);

    /// <summary>Parsing every template file into one set.</summary>
    [Benchmark]
    public int Parse() => TemplateSet.RunWithLargeStack(() =>
    {
        var set = new TemplateSet(HelmFunctions.For(4), new TemplateOptions()) { RootName = "gotpl" };
        foreach (var (name, text) in _templates) set.Parse(name, text);
        return set.Names.Count();
    });
}
