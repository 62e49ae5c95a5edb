using BenchmarkDotNet.Running;
using HelmSharp.Charts;
using HelmSharp.Rendering;

namespace HelmSharp.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "loop")
        {
            Loop(args.Length > 1 ? args[1] : "large-500", args.Length > 2 ? int.Parse(args[2]) : 20);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>
    /// `loop CHART K`: compiles CHART and renders it K times warm, printing time and bytes allocated per render —
    /// a quick look (or a process to attach a profiler to); BenchmarkDotNet gives the numbers we report.
    /// </summary>
    private static void Loop(string name, int k)
    {
        var compiled = HelmChart.Compile(ChartLoader.Load(BenchCharts.ChartPath(name), 4));
        for (var i = 0; i < k; i++)
        {
            var alloc = GC.GetTotalAllocatedBytes(true);
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var output = compiled.Render(new TemplateRequest()).Output;
            sw.Stop();
            alloc = GC.GetTotalAllocatedBytes(true) - alloc;
            Console.WriteLine($"{name} render {i}: {sw.Elapsed.TotalMilliseconds:F1} ms, {alloc / 1048576.0:F1} MiB allocated, output {output.Length / 1048576.0:F2} Mi chars, " +
                $"GCs {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}, pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms");
        }
    }
}
