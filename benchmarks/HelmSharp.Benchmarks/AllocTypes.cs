using System.Diagnostics.Tracing;
using HelmSharp.Charts;
using HelmSharp.Rendering;

namespace HelmSharp.Benchmarks;

/// <summary>
/// `allocs CHART K`: renders CHART warm K times and prints what the runtime's allocation sampling saw (one GCAllocationTick
/// per ~100 KB allocated, with the type of the object that crossed it), by type: where a warm render's bytes go. A sample,
/// not an exact count; read it together with `loop`.
/// </summary>
internal sealed class AllocTypes : EventListener
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private bool _on;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventName == null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload == null) return;
        string type = "?";
        long amount = 0, size = 0;
        for (int i = 0; i < e.PayloadNames!.Count; i++)
        {
            if (e.PayloadNames[i] == "TypeName") type = e.Payload[i] as string ?? "?";
            else if (e.PayloadNames[i] == "AllocationAmount64") amount = Convert.ToInt64(e.Payload[i]);
            else if (e.PayloadNames[i] == "ObjectSize") size = Convert.ToInt64(e.Payload[i]);
        }
        if (type is "System.String" or "System.Collections.Generic.Dictionary`2[System.String,System.Object]" or "Entry[System.String,System.Object][]")
            type += size switch { < 64 => " <64 B", < 256 => " <256 B", < 1024 => " <1 KiB", < 4096 => " <4 KiB", < 85000 => " <85 KB", _ => " LOH" };
        lock (_bytes) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }

    public static void Run(string name, int k)
    {
        var compiled = HelmChart.Compile(ChartLoader.Load(BenchCharts.ChartPath(name), 4));
        bool nv = Environment.GetEnvironmentVariable("NEWVALUES") == "1";
        for (int i = 0; i < 4; i++) compiled.Render(nv ? LargeChartBenchmarks.NewValuesRequest(-i) : new TemplateRequest());
        using var l = new AllocTypes();
        Thread.Sleep(200);
        long a0 = GC.GetTotalAllocatedBytes(true);
        l._on = true;
        for (int i = 0; i < k; i++) compiled.Render(nv ? LargeChartBenchmarks.NewValuesRequest(i) : new TemplateRequest());
        l._on = false;
        long total = GC.GetTotalAllocatedBytes(true) - a0;
        Console.WriteLine($"{name}: {total / (double)k / 1024:F0} KiB per render (exact), sampled by type:");
        lock (l._bytes)
        {
            long sampled = l._bytes.Values.Sum();
            foreach (var (t, b) in l._bytes.OrderByDescending(x => x.Value).Take(40))
                Console.WriteLine($"  {b / (double)k / 1024,9:F0} KiB  {100.0 * b / sampled,5:F1} %  {t}");
        }
    }
}
