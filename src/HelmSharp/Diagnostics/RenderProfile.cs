using HelmSharp.Go;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Template;

namespace HelmSharp.Diagnostics;

/// <summary>Time, allocations and calls of one template (a file, a <c>define</c>, or <c>tpl</c> text) over a render.</summary>
public sealed class TemplateProfileEntry
{
    /// <summary>Made by the library only.</summary>
    internal TemplateProfileEntry() { }

    /// <summary>The template name (a file path, a define name, or <c>gotpl</c> for tpl text).</summary>
    public required string Name { get; init; }
    /// <summary>How it was entered (a define can be entered both ways: one entry per way).</summary>
    public required TemplateFrameKind Kind { get; init; }
    /// <summary>Executions.</summary>
    public int Calls { get; internal set; }
    /// <summary>Wall time including the templates it called.</summary>
    public TimeSpan Total { get; internal set; }
    /// <summary>Wall time less the templates it called.</summary>
    public TimeSpan Self { get; internal set; }
    /// <summary>Bytes allocated on the rendering thread, including the templates it called.</summary>
    public long AllocatedBytes { get; internal set; }
    /// <summary><c>include</c> calls of this name answered from the include memo (no execution, not in <see cref="Calls"/>).</summary>
    public int MemoHits { get; internal set; }
}

/// <summary>One <c>tpl</c> call: its text (cut to 200 characters), wall time and the template it was called from.</summary>
public sealed record TplCall(string Text, TimeSpan Time, string CalledFrom);

/// <summary>
/// What a render spent where: per template file, per <c>define</c> (through include or the template action) and for
/// <c>tpl</c>, with include-memo hits and the slowest tpl calls. Made by <see cref="RenderProfiler"/>.
/// </summary>
public sealed class RenderProfile
{
    /// <summary>Made by the library only.</summary>
    internal RenderProfile() { }

    internal readonly Dictionary<(string, TemplateFrameKind), TemplateProfileEntry> ByKey = [];
    internal readonly List<TplCall> Tpl = [];

    /// <summary>Wall time of the whole render call (chart processing, values, rendering, sorting).</summary>
    public TimeSpan Wall { get; internal set; }
    /// <summary>Bytes the process allocated during the whole render call (all threads: the render runs on a worker).</summary>
    public long AllocatedBytes { get; internal set; }
    /// <summary>Every template executed, by self time, longest first.</summary>
    public IReadOnlyList<TemplateProfileEntry> Templates =>
        [.. ByKey.Values.OrderByDescending(e => e.Self).ThenBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Kind)];
    /// <summary>The slowest tpl calls (at most 10), longest first.</summary>
    public IReadOnlyList<TplCall> SlowestTpl => [.. Tpl.OrderByDescending(t => t.Time).Take(10)];
    /// <summary>include calls answered from the include memo.</summary>
    public int MemoHits => ByKey.Values.Sum(e => e.MemoHits);

    /// <summary>A table for a terminal: the <paramref name="top"/> templates by self time, then the slowest tpl calls.</summary>
    public string ToTable(int top = 25)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("Render profile: ").Append(Wall.TotalMilliseconds.ToString("0.0", ci)).Append(" ms wall, ")
          .Append((AllocatedBytes / 1024.0).ToString("0", ci)).Append(" KiB allocated, ")
          .Append(ByKey.Count.ToString(ci)).Append(" templates, ").Append(MemoHits.ToString(ci)).Append(" include-memo hits\n");
        sb.Append(string.Format(ci, "{0,10} {1,10} {2,7} {3,6} {4,11}  {5}\n", "self ms", "total ms", "calls", "memo", "alloc KiB", "template (kind)"));
        foreach (var e in Templates.Take(top))
            sb.Append(string.Format(ci, "{0,10:0.000} {1,10:0.000} {2,7} {3,6} {4,11:0.0}  {5} ({6})\n", e.Self.TotalMilliseconds, e.Total.TotalMilliseconds,
                e.Calls, e.MemoHits, e.AllocatedBytes / 1024.0, e.Name, e.Kind.ToString().ToLowerInvariant()));
        if (ByKey.Count > top) sb.Append("  … ").Append((ByKey.Count - top).ToString(ci)).Append(" more\n");
        if (Tpl.Count > 0)
        {
            sb.Append("Slowest tpl calls:\n");
            foreach (var t in SlowestTpl)
                sb.Append(string.Format(ci, "{0,10:0.000} ms  from {1}: {2}\n", t.Time.TotalMilliseconds, t.CalledFrom, GoQuote(t.Text)));
        }
        return sb.ToString();
    }

    private static string GoQuote(string s) => HelmSharp.Go.GoStrconv.Quote(s);

    /// <summary>The profile as JSON (times in milliseconds).</summary>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("wallMs", Wall.TotalMilliseconds);
            w.WriteNumber("allocatedBytes", AllocatedBytes);
            w.WriteNumber("includeMemoHits", MemoHits);
            w.WriteStartArray("templates");
            foreach (var e in Templates)
            {
                w.WriteStartObject();
                w.WriteString("name", e.Name);
                w.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
                w.WriteNumber("calls", e.Calls);
                w.WriteNumber("selfMs", e.Self.TotalMilliseconds);
                w.WriteNumber("totalMs", e.Total.TotalMilliseconds);
                w.WriteNumber("allocatedBytes", e.AllocatedBytes);
                w.WriteNumber("memoHits", e.MemoHits);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("slowestTpl");
            foreach (var t in SlowestTpl)
            {
                w.WriteStartObject();
                w.WriteString("text", t.Text);
                w.WriteNumber("ms", t.Time.TotalMilliseconds);
                w.WriteString("calledFrom", t.CalledFrom);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }
}

/// <summary>
/// Profiles renders: <see cref="Render"/> renders as <see cref="HelmTemplate.Render"/> and returns what each template
/// cost. The engine reports to the profiler of the rendering thread (handed on to the large-stack worker a render
/// runs on); without one, its hooks cost a null check.
/// </summary>
public static class RenderProfiler
{
    [ThreadStatic] private static Recorder? t_active;

    // The thread's profiler goes with a job to the large-stack worker (Go/StackGuard knows nothing of profiling).
    static RenderProfiler() => StackGuard.RegisterAmbient(() => t_active, r => Swap((Recorder?)r));

    internal static Recorder? Active => t_active;

    /// <summary>Makes <paramref name="r"/> the thread's profiler; returns the previous one.</summary>
    internal static Recorder? Swap(Recorder? r)
    {
        var old = t_active;
        t_active = r;
        return old;
    }

    /// <summary>Renders <paramref name="chart"/> as <see cref="HelmTemplate.Render"/> does and profiles it.</summary>
    /// <exception cref="HelmTemplateException">As <see cref="HelmTemplate.Render"/>; <paramref name="profile"/> then holds what ran before the error.</exception>
    internal static TemplateResult Render(Chart chart, TemplateRequest request, out RenderProfile profile, CancellationToken cancellationToken = default) =>
        Run(() => HelmTemplate.Render(chart, request, cancellationToken), out profile);

    /// <summary>Runs <paramref name="render"/> (any rendering call of the library) under a profiler.</summary>
    public static T Run<T>(Func<T> render, out RenderProfile profile)
    {
        var rec = new Recorder();
        profile = rec.Profile;
        var saved = Swap(rec);
        long t0 = Stopwatch.GetTimestamp(), a0 = GC.GetTotalAllocatedBytes(precise: false);
        try { return render(); }
        finally
        {
            Swap(saved);
            profile.Wall = Stopwatch.GetElapsedTime(t0);
            profile.AllocatedBytes = GC.GetTotalAllocatedBytes(precise: false) - a0;
        }
    }

    /// <summary>The engine's side: executions entered and left in stack order, on one thread at a time.</summary>
    internal sealed class Recorder
    {
        public readonly RenderProfile Profile = new();
        private readonly Stack<(long Start, long Alloc, long Children)> _open = new();
        private readonly Stack<string> _names = new();

        public void Enter(string name)
        {
            _open.Push((Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread(), 0));
            _names.Push(name);
        }

        public void Leave(string name, TemplateFrameKind kind, string? tplText)
        {
            if (_open.Count == 0) return;
            var (start, alloc, children) = _open.Pop();
            _names.Pop();
            long elapsed = Stopwatch.GetTimestamp() - start;
            if (_open.Count > 0)
            {
                var p = _open.Pop();
                _open.Push((p.Start, p.Alloc, p.Children + elapsed));
            }
            var e = Entry(name, kind);
            e.Calls++;
            e.Total += Stopwatch.GetElapsedTime(0, elapsed);
            e.Self += Stopwatch.GetElapsedTime(0, elapsed - children);
            e.AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - alloc;
            if (tplText != null)
                Profile.Tpl.Add(new TplCall(tplText.Length > 200 ? tplText[..200] : tplText, Stopwatch.GetElapsedTime(0, elapsed),
                    _names.Count > 0 ? _names.Peek() : ""));
        }

        public void MemoHit(string name) => Entry(name, TemplateFrameKind.Include).MemoHits++;

        private TemplateProfileEntry Entry(string name, TemplateFrameKind kind)
        {
            if (!Profile.ByKey.TryGetValue((name, kind), out var e))
                Profile.ByKey[(name, kind)] = e = new TemplateProfileEntry { Name = name, Kind = kind };
            return e;
        }
    }
}
