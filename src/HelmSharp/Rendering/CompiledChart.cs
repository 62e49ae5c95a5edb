using HelmSharp.Charts;
using HelmSharp.Helm;
using HelmSharp.Template.Caching;
using HelmSharp.Template.Functions;
using HelmSharp.Values;

namespace HelmSharp.Rendering;

/// <summary>The caches a compiled chart shares between renders: one parse cache per helm major, and the function map (memoizing or not).</summary>
internal sealed class RenderCaches(bool memoizeIncludes)
{
    private readonly ParseCache _parses4 = new(), _parses3 = new();

    public bool MemoizeIncludes { get; } = memoizeIncludes;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HelmSharp.Yaml.ManifestHead> _heads = new(StringComparer.Ordinal);
    private long _headChars;

    /// <summary><see cref="HelmSharp.Yaml.GoYaml.DecodeManifestHead"/> cached by document text (a pure function of it; errors are not cached).</summary>
    public HelmSharp.Yaml.ManifestHead ManifestHead(ReadOnlySpan<char> text, string goTypeName)
    {
        if (_heads.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var h)) return h;
        var doc = text.ToString();
        h = HelmSharp.Yaml.GoYaml.DecodeManifestHead(doc, goTypeName);
        if (Interlocked.Read(ref _headChars) < 64L << 20 && _heads.TryAdd(doc, h)) Interlocked.Add(ref _headChars, doc.Length);
        return h;
    }

    public ParseCache Parses(int helmMajor) => helmMajor >= 4 ? _parses4 : _parses3;

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<byte[], string> _texts = new();

    /// <summary>A template file's text, decoded once per compiled chart (a compiled chart's files do not change).</summary>
    public string TemplateText(HelmSharp.Charts.ChartFile file) =>
        _texts.GetValue(file.Data, static data => HelmSharp.Go.GoUtf8.GetString(data));

    /// <summary>From now on decoded documents are handed out as private copies (a render wrote into a shared one).</summary>
    public void StopSharing()
    {
        _parses4.ShareDecoded = false;
        _parses3.ShareDecoded = false;
    }

    /// <summary>True while decoded documents and coalesced values are shared between executions (see <see cref="SharedValues"/>).</summary>
    public bool SharesDecoded => _parses4.ShareDecoded && _parses3.ShareDecoded;

    // The values of the last render: coalescing is a function of the chart, the user values, the major version and
    // the schema switch, and the chart of a compiled chart does not change.
    // Result is null until the same inputs come a second time (a one-shot render keeps and shares nothing).
    private sealed record ValuesEntry(int Major, bool SkipSchema, Dictionary<string, object?>? User, RenderValues? Result);
    private ValuesEntry? _values;

    /// <summary>
    /// <see cref="ChartValues.ToRenderValues"/>, computed once for the same inputs while values are shared: from the second
    /// render with the same inputs on, each render gets its own top-level map over the shared (registered, see
    /// <see cref="SharedValues"/>) nested values. Once sharing has stopped, every render coalesces afresh.
    /// </summary>
    public RenderValues RenderValues(Chart chart, Dictionary<string, object?>? user, int major, bool skipSchema)
    {
        if (!SharesDecoded) return ChartValues.ToRenderValues(chart, user, major, skipSchema);
        var e = Volatile.Read(ref _values);
        bool seen = e != null && e.Major == major && e.SkipSchema == skipSchema && ValueEquality.Equal(e.User, user);
        if (seen && e!.Result is { } shared) return shared with { Values = new HelmValues(shared.Values, major) };
        if (!seen)
        {
            var first = ChartValues.ToRenderValues(chart, user, major, skipSchema);
            // Keep a private copy of the user values as the key (the caller may change its maps).
            Volatile.Write(ref _values, new ValuesEntry(major, skipSchema, user == null ? null : ValueMerge.DeepCopyMap(user), null));
            return first;
        }
        // Coalesce a private copy of the user values, so nothing shared aliases the caller's maps.
        var rv = ChartValues.ToRenderValues(chart, user == null ? null : ValueMerge.DeepCopyMap(user), major, skipSchema);
        SharedValues.Share(rv.Values);
        Volatile.Write(ref _values, e! with { Result = rv });
        return rv with { Values = new HelmValues(rv.Values, major) };
    }

    // The template plan (and parsed templates) of the last processed chart: the same object while its values are cached
    // (see RenderValues), and reused for another processed copy of the same tree (new values that enable and disable the
    // same dependencies, see TemplatePlan.Fits).
    private sealed record PlanEntry(Chart Chart, int Major, RenderEngine.TemplatePlan Plan);
    private PlanEntry? _plan;

    /// <summary>The plan kept for the last processed chart (tests: whether renders reuse it).</summary>
    internal RenderEngine.TemplatePlan? LastPlan => Volatile.Read(ref _plan)?.Plan;

    /// <summary>The templates of a processed chart tree (<paramref name="charts"/>, see <see cref="RenderEngine.TemplatePlan.Charts"/>) in execution order (kept for the last one).</summary>
    public RenderEngine.TemplatePlan Plan(List<Chart> charts, int major)
    {
        var processed = charts[^1];
        if (Volatile.Read(ref _plan) is { } p && p.Major == major)
        {
            if (ReferenceEquals(p.Chart, processed)) return p.Plan;
            if (p.Plan.Fits(charts))
            {
                Volatile.Write(ref _plan, p with { Chart = processed });
                return p.Plan;
            }
        }
        var plan = RenderEngine.TemplatePlan.Build(charts, major, this);
        Volatile.Write(ref _plan, new PlanEntry(processed, major, plan));
        return plan;
    }

    private int _renders;

    /// <summary>Counts a render; returns how many came before it.</summary>
    public int NextRender() => Interlocked.Increment(ref _renders) - 1;

    // Include memos of finished renders, reused (cleared, their tables keep their size) by later ones.
    private readonly System.Collections.Concurrent.ConcurrentBag<MemoState> _memos = [];

    private readonly IncludeAdmission _admission = new();

    /// <summary>The define names whose <c>include</c> results are currently not stored (see <see cref="IncludeAdmission"/>).</summary>
    public IReadOnlyCollection<string> ColdIncludes => _admission.Cold;

    public bool ColdFileIncludes => _admission.ColdFiles;

    public MemoState RentMemo()
    {
        var m = _memos.TryTake(out var pooled) ? pooled : new MemoState();
        _admission.Begin(m);
        return m;
    }

    /// <summary>Called when a render that used <paramref name="memo"/> succeeded (before it is returned).</summary>
    public void RenderDone(MemoState memo) => _admission.End(memo);

    public void ReturnMemo(MemoState memo)
    {
        memo.Reset();
        if (_memos.Count < Environment.ProcessorCount) _memos.Add(memo);
    }

    public FunctionRegistry Functions(int helmMajor)
    {
        var f = HelmFunctions.For(helmMajor);
        return MemoizeIncludes ? IncludeMemo.Wrap(f) : f;
    }
}
