using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace HelmSharp.Rendering;

/// <summary>
/// Where a render's time goes: a process-wide sum of the time spent in each phase of <c>helm template</c>
/// (load, values/schema, parse, execute, YAML checks, sort/assembly, write), for benchmarks and the whole-process
/// comparison script. Off unless <see cref="Enabled"/> (or the environment variable <c>HELMSHARP_PHASES=1</c>);
/// when off, a phase mark costs one static read.
/// </summary>
/// <remarks>
/// Phases nest: parse is timed inside the engine's render and the YAML checks (manifest heads) inside the
/// assembly; <see cref="Milliseconds"/> reports each exclusive of the phases inside it. <c>tpl</c> parses run
/// during execution and count as execution. Each phase is timed twice: wall time, and (on Linux) the CPU time of
/// the thread that ran it, which a loaded machine does not inflate.
/// </remarks>
internal static class RenderPhases
{
    /// <summary>The phases, in the order a render goes through them.</summary>
    public enum Phase
    {
        /// <summary>Reading the chart (files, archive, Chart.yaml, .helmignore).</summary>
        Load,
        /// <summary>Dependencies, values coalescing and schema validation.</summary>
        Values,
        /// <summary>Parsing the template files.</summary>
        Parse,
        /// <summary>Executing the templates (including <c>tpl</c>), exclusive of <see cref="Parse"/>.</summary>
        Execute,
        /// <summary>Decoding the manifest heads (kind, name, hook annotations) of the rendered documents.</summary>
        Yaml,
        /// <summary>Splitting, sorting and joining the output, exclusive of <see cref="Yaml"/>.</summary>
        Assembly,
        /// <summary>Writing the output (the CLI).</summary>
        Write,
    }

    private static readonly long[] s_ticks = new long[7];
    private static readonly long[] s_cpuNs = new long[7];
    private static bool s_noThreadClock = !OperatingSystem.IsLinux();

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec value);

    // CLOCK_THREAD_CPUTIME_ID: the CPU time of the calling thread; 0 where unavailable.
    private static long ThreadCpuNs()
    {
        if (s_noThreadClock) return 0;
        try { return ClockGetTime(3, out var t) == 0 ? t.Seconds * 1_000_000_000 + t.Nanoseconds : 0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_noThreadClock = true;
            return 0;
        }
    }

    /// <summary>Whether phases are timed.</summary>
    public static bool Enabled { get; set; } = Environment.GetEnvironmentVariable("HELMSHARP_PHASES") == "1";

    /// <summary>The start of a phase (from <see cref="Start"/>); default when timing is off.</summary>
    public readonly struct Mark
    {
        internal Mark(long wall, long cpu) { Wall = wall; Cpu = cpu; }
        internal long Wall { get; }
        internal long Cpu { get; }
    }

    /// <summary>Marks the start of a phase: pass the result to <see cref="End"/> on the same thread.</summary>
    public static Mark Start() => Enabled ? new Mark(Stopwatch.GetTimestamp(), ThreadCpuNs()) : default;

    /// <summary>Adds the time since <paramref name="start"/> (from <see cref="Start"/>) to <paramref name="phase"/>.</summary>
    public static void End(Phase phase, Mark start)
    {
        if (start.Wall == 0) return;
        Interlocked.Add(ref s_ticks[(int)phase], Stopwatch.GetTimestamp() - start.Wall);
        if (start.Cpu != 0) Interlocked.Add(ref s_cpuNs[(int)phase], ThreadCpuNs() - start.Cpu);
    }

    /// <summary>Forgets every sum.</summary>
    public static void Reset()
    {
        for (int i = 0; i < s_ticks.Length; i++) { Interlocked.Exchange(ref s_ticks[i], 0); Interlocked.Exchange(ref s_cpuNs[i], 0); }
    }

    /// <summary>The wall time of each phase so far in milliseconds, exclusive of the phases nested in it.</summary>
    public static IReadOnlyDictionary<Phase, double> Milliseconds() => Exclusive(s_ticks, 1000.0 / Stopwatch.Frequency);

    /// <summary>The CPU time of the thread that ran each phase, in milliseconds (0 where the thread clock is unavailable).</summary>
    public static IReadOnlyDictionary<Phase, double> CpuMilliseconds() => Exclusive(s_cpuNs, 1e-6);

    private static Dictionary<Phase, double> Exclusive(long[] sums, double scale)
    {
        var t = new long[sums.Length];
        for (int i = 0; i < t.Length; i++) t[i] = Interlocked.Read(ref sums[i]);
        t[(int)Phase.Execute] -= t[(int)Phase.Parse];
        t[(int)Phase.Assembly] -= t[(int)Phase.Yaml];
        var r = new Dictionary<Phase, double>();
        foreach (Phase p in Enum.GetValues<Phase>()) r[p] = Math.Max(0, t[(int)p]) * scale;
        return r;
    }

    /// <summary>
    /// Three lines: <c>phases_ms load=… values=… parse=… execute=… yaml=… assembly=… write=…</c> (wall),
    /// <c>phases_cpu_ms …</c>, and <c>gc allocated_mb=… gen0=… gen1=… gen2=… pause_ms=…</c> for the whole process so far.
    /// </summary>
    public static string Report() =>
        Line("phases_ms", Milliseconds()) + "\n" + Line("phases_cpu_ms", CpuMilliseconds()) + "\n" + GcLine();

    private static string GcLine() => string.Create(CultureInfo.InvariantCulture,
        $"gc allocated_mb={GC.GetTotalAllocatedBytes() / 1048576.0:F1} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F1}");

    private static string Line(string head, IReadOnlyDictionary<Phase, double> values)
    {
        var sb = new StringBuilder(head);
        foreach (var (p, ms) in values)
            sb.Append(' ').Append(p.ToString().ToLowerInvariant()).Append('=').Append(ms.ToString("F1", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
