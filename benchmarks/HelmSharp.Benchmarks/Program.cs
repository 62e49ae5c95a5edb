using BenchmarkDotNet.Running;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Yaml;

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
        if (args.Length > 0 && args[0] == "allocs")
        {
            AllocTypes.Run(args.Length > 1 ? args[1] : "large-500", args.Length > 2 ? int.Parse(args[2]) : 20);
            return;
        }
        if (args.Length > 0 && args[0] == "profile")
        {
            // `profile CHART K`: the render profile (calls, memo hits per template) of the K-th warm render of CHART.
            var compiled = HelmChart.Compile(ChartLoader.Load(BenchCharts.ChartPath(args[1]), 4));
            for (int i = 1; i < int.Parse(args[2]); i++) compiled.Render(new TemplateRequest());
            HelmSharp.Diagnostics.RenderProfiler.Run(() => compiled.Render(new TemplateRequest()), out var profile);
            Console.Write(profile.ToTable());
            return;
        }
        if (args.Length > 0 && args[0] == "parse")
        {
            var b = new LargeChartBenchmarks { N = int.Parse(args[1]) };
            b.Setup();
            for (int i = 0; i < 15; i++)
            {
                int g0 = GC.CollectionCount(0), g2 = GC.CollectionCount(2);
                var sw = System.Diagnostics.Stopwatch.StartNew();
                b.Parse();
                Console.WriteLine($"parse N={b.N}: {sw.Elapsed.TotalMilliseconds:F1} ms, GCs {GC.CollectionCount(0) - g0}/{GC.CollectionCount(2) - g2}");
            }
            return;
        }
        if (args.Length > 0 && args[0] == "phase-alloc")
        {
            // `phase-alloc [shape...]`: bytes allocated (whole process, precise) and time of PhaseBenchmarks.Values and
            // .Parse per shape at N=2000, best of 5 after a warm-up.
            var shapes = args.Length > 1 ? args[1..] : ["bigvalues", "toyaml", "include", "tpl", "range"];
            foreach (var shape in shapes)
            {
                var b = new PhaseBenchmarks { Shape = shape, N = 2000 };
                b.Setup();
                foreach (var (label, run) in new (string, Func<int>)[] { ("values", b.Values), ("parse", b.Parse) })
                {
                    run();
                    double best = double.MaxValue;
                    long bytes = 0;
                    for (int i = 0; i < 5; i++)
                    {
                        GC.Collect();
                        long a0 = GC.GetTotalAllocatedBytes(true);
                        var sw = System.Diagnostics.Stopwatch.StartNew();
                        run();
                        best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
                        bytes = GC.GetTotalAllocatedBytes(true) - a0;
                    }
                    Console.WriteLine($"{shape}-2000 {label}: {bytes / 1048576.0:F1} MiB allocated, best {best:F1} ms");
                }
            }
            return;
        }
        if (args.Length > 0 && args[0] == "yaml")
        {
            // `yaml INPUT [runs]`: quick timing of YamlReadBenchmarks.Read (INPUT: values-3mb, manifests-large-500, digits-8mb)
            var y = new YamlReadBenchmarks { Input = args.Length > 1 ? args[1] : "values-3mb" };
            y.Setup();
            if (args.Length > 3 && args[3] == "events")
            {
                Events(y.Input, int.Parse(args[2]));
                return;
            }
            if (args.Length > 3 && args[3] == "phases")
            {
                var text = YamlInputs.LargeValues(3 << 20);
                for (int i = 0; i < 4; i++)
                {
                    var sw0 = System.Diagnostics.Stopwatch.StartNew();
                    var docs = GoYaml.SplitDocuments(text);
                    var t1 = sw0.Elapsed.TotalMilliseconds;
                    var p = new HelmSharp.Yaml.Reader.YamlParser(docs[0]);
                    int events = 0;
                    while (p.Parse().Type != HelmSharp.Yaml.Reader.YamlEventType.None) events++;
                    var t2 = sw0.Elapsed.TotalMilliseconds;
                    var root = YamlDecoder.ParseFirst(docs[0], out int depth);
                    var t3 = sw0.Elapsed.TotalMilliseconds;
                    YamlDecoder.DecodeDocument(root, depth);
                    var t4 = sw0.Elapsed.TotalMilliseconds;
                    Console.WriteLine($"split {t1:F0} ms, events {t2 - t1:F0} ms ({events}), compose {t3 - t2:F0} ms, decode {t4 - t3:F0} ms");
                }
                return;
            }
            for (int i = 0, runs = args.Length > 2 ? int.Parse(args[2]) : 5; i < runs; i++)
            {
                long a0 = GC.GetAllocatedBytesForCurrentThread();
                var proc = System.Diagnostics.Process.GetCurrentProcess();
                var cpu0 = proc.TotalProcessorTime;
                var sw = System.Diagnostics.Stopwatch.StartNew();
                y.Read();
                var wall = sw.Elapsed.TotalMilliseconds;
                proc.Refresh();
                Console.WriteLine($"{y.Input}: {wall:F1} ms, {(proc.TotalProcessorTime - cpu0).TotalMilliseconds:F0} ms CPU (all threads), {(GC.GetAllocatedBytesForCurrentThread() - a0) / 1048576.0:F1} MiB allocated");
            }
            return;
        }
        if (args.Length > 0 && args[0] == "mem")
        {
            Mem(args.Length > 1 ? args[1] : "large-2000");
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>`yaml heads-SHAPE-2000 RUNS events`: the parser's events alone, then the direct head and full decodes (best of the runs).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Events(string input, int runs)
    {
        // heads-*: the parser's events alone, then the direct head decode (thread CPU, best of the runs)
        var docs = YamlInputs.ShapeManifests(input["heads-".Length..input.LastIndexOf('-')], 2000);
        double best1 = 1e9, best2 = 1e9, best3 = 1e9;
        for (int i = 0; i < runs; i++)
        {
            var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            int events = 0;
            foreach (var d in docs)
            {
                var p = new HelmSharp.Yaml.Reader.YamlParser(d);
                while (p.Parse().Type != HelmSharp.Yaml.Reader.YamlEventType.None) events++;
                p.Release();
            }
            var t1 = System.Diagnostics.Stopwatch.GetTimestamp();
            int nodePath = 0;
        foreach (var d in docs) if (!YamlDecoder.TryDecodeDirect(d, true, YamlDecoder.DirectFilter.ManifestHead, out _)) nodePath++;
            var t2 = System.Diagnostics.Stopwatch.GetTimestamp();
            foreach (var d in docs) YamlDecoder.TryDecodeDirect(d, true, YamlDecoder.DirectFilter.All, out _);
            var t3 = System.Diagnostics.Stopwatch.GetTimestamp();
            best1 = Math.Min(best1, (t1 - t0) * 1000.0 / System.Diagnostics.Stopwatch.Frequency);
            best2 = Math.Min(best2, (t2 - t1) * 1000.0 / System.Diagnostics.Stopwatch.Frequency);
            best3 = Math.Min(best3, (t3 - t2) * 1000.0 / System.Diagnostics.Stopwatch.Frequency);
            if (i == 0) Console.WriteLine($"{docs.Count} docs, {docs.Sum(x => x.Length) / 1048576.0:F2} Mi chars, {events} events, {nodePath} take the node path");
        }
        Console.WriteLine($"best: events {best1:F1} ms, direct head {best2:F1} ms, direct full {best3:F1} ms");
    }

    /// <summary>`mem CHART`: live managed memory after each stage of one cold render (what a CLI run holds).</summary>
    private static void Mem(string name)
    {
        static string Live()
        {
            var info = GC.GetGCMemoryInfo();
            return $"{GC.GetTotalMemory(false) / 1048576.0:F1} MiB heap, committed {info.TotalCommittedBytes / 1048576.0:F1} MiB, " +
                   $"allocated so far {GC.GetTotalAllocatedBytes() / 1048576.0:F1} MiB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, " +
                   $"working set {Environment.WorkingSet / 1048576.0:F1} MiB";
        }
        var path = BenchCharts.ChartPath(name);
        Console.WriteLine("start: " + Live());
        var chart = ChartLoader.Load(path, 4);
        Console.WriteLine("loaded: " + Live());
        var compiled = HelmChart.Compile(chart);
        var result = compiled.Render(new TemplateRequest());
        Console.WriteLine($"rendered ({result.Output.Length / 1048576.0:F2} Mi chars): " + Live());
        result = null;
        Console.WriteLine("result dropped: " + Live());
        GC.KeepAlive(compiled);
        compiled = null;
        Console.WriteLine("compiled chart dropped: " + Live());
        GC.KeepAlive(chart);
        Console.WriteLine($"peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F1} MiB");
    }

    /// <summary>
    /// `loop CHART K`: compiles CHART and renders it K times warm, printing time and bytes allocated per render and,
    /// at the end, the median wall time and the process CPU time per render over the last three quarters — a quick
    /// look (or a process to attach a profiler to); BenchmarkDotNet gives the numbers we report.
    /// </summary>
    private static void Loop(string name, int k)
    {
        // NOMEMO=1: without the include memo; GCINFO=1: the last young collection after each render; NEWVALUES=1: new user
        // values every render (LargeChartBenchmarks.WarmNewValues).
        bool newValues = Environment.GetEnvironmentVariable("NEWVALUES") == "1";
        var chart = ChartLoader.Load(BenchCharts.ChartPath(name), 4);
        var compiled = HelmChart.Compile(chart, memoizeIncludes: Environment.GetEnvironmentVariable("NOMEMO") != "1");
        var proc = System.Diagnostics.Process.GetCurrentProcess();
        TimeSpan cpu0 = default;
        var wall = new System.Diagnostics.Stopwatch();
        var times = new List<double>();
        for (var i = 0; i < k; i++)
        {
            if (i == k / 4) { proc.Refresh(); cpu0 = proc.TotalProcessorTime; wall.Start(); HelmSharp.Rendering.RenderPhases.Reset(); }
            var alloc = GC.GetTotalAllocatedBytes(true);
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var output = compiled.Render(newValues ? LargeChartBenchmarks.NewValuesRequest(i) : new TemplateRequest()).Output;
            sw.Stop();
            if (i >= k / 4) times.Add(sw.Elapsed.TotalMilliseconds);
            if (Environment.GetEnvironmentVariable("GCINFO") == "1")
            {
                var e = GC.GetGCMemoryInfo(GCKind.Ephemeral);
                Console.WriteLine($"  last ephemeral GC #{e.Index} gen{e.Generation}: promoted {e.PromotedBytes / 1048576.0:F2} MiB, pause {e.PauseDurations[0].TotalMilliseconds:F1} ms, heap {e.HeapSizeBytes / 1048576.0:F1} MiB");
            }
            alloc = GC.GetTotalAllocatedBytes(true) - alloc;
            Console.WriteLine($"{name} render {i}: {sw.Elapsed.TotalMilliseconds:F1} ms, {alloc / 1048576.0:F2} MiB allocated, output {output.Length} chars " +
                $"(allocated = {alloc / (2.0 * output.Length):F2}x its UTF-16 size, {alloc / (double)HelmSharp.Go.GoUtf8.GetByteCount(output):F2}x its UTF-8 size), " +
                $"GCs {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}, pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms");
        }
        proc.Refresh();
        if (HelmSharp.Rendering.RenderPhases.Enabled) Console.WriteLine(HelmSharp.Rendering.RenderPhases.Report() + $" (sums over the last {k - k / 4} renders)");
        times.Sort();
        var n = k - k / 4;
        Console.WriteLine($"{name}: last {n} renders: median {times[n / 2]:F1} ms, fastest {times[0]:F1} ms, mean {wall.Elapsed.TotalMilliseconds / n:F1} ms wall, " +
            $"{(proc.TotalProcessorTime - cpu0).TotalMilliseconds / n:F1} ms CPU (all threads) per render");
    }
}
