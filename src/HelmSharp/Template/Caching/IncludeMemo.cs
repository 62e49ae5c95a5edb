using System.Runtime.CompilerServices;
using HelmSharp.Go;
using HelmSharp.Template.Exec;
using HelmSharp.Template.Functions;

namespace HelmSharp.Template.Caching;

/// <summary>
/// The caching <c>include</c> layer. <see cref="Wrap"/> returns a copy of a function registry whose
/// <c>include</c> memoizes its output per execution (one <see cref="TemplateSet.Execute(string, object?, CancellationToken)"/>)
/// and whose functions report to a per-execution <see cref="MemoState"/> what they declared at registration
/// (<see cref="FunctionEffects"/>; no function is known here by name):
/// <list type="bullet">
/// <item>an <c>include</c> result is stored only when its execution called no impure function — one reading outside
/// its arguments (rand*, uuidv4, now and the date family, gen*, bcrypt, lookup, …) or one that declares nothing — and
/// mutated no object that existed before it started (mutations of objects it created itself — <c>dict</c>,
/// <c>deepCopy</c>, <c>fromYaml</c> … — are allowed);</item>
/// <item>every mutation, wherever it happens, advances an epoch and a stored result is reused only in
/// the epoch it was stored in, so nothing reachable from its argument can have changed;</item>
/// <item>the key is (namespace of templates, name, argument), where the argument is compared by identity,
/// by value for scalars, or — for a small <c>map[string]interface{}</c> such as <c>(dict "root" $ "x" 1)</c> —
/// entry by entry in order with the same rule.</item>
/// </list>
/// The output is byte-identical to executing without the layer (proved by the cache equivalence tests).
/// </summary>
internal static class IncludeMemo
{
    /// <summary>The maximum include nesting (current depth + depth below a stored result) at which results are reused; far below helm's 1000-per-name and the engine's nested-execution limits.</summary>
    internal const int MaxMemoDepth = 200;

    private static readonly ConditionalWeakTable<FunctionRegistry, FunctionRegistry> s_wrapped = new();

    /// <summary>The memoizing variant of <paramref name="inner"/> (cached per registry instance).</summary>
    public static FunctionRegistry Wrap(FunctionRegistry inner) => s_wrapped.GetValue(inner, Build);

    private static FunctionRegistry Build(FunctionRegistry inner)
    {
        var r = inner.Clone();
        foreach (var name in inner.Names.ToArray())
        {
            if (!inner.TryGet(name, out var f)) continue;
            // The builtins the executor runs itself (and, or, call) keep their identity: the executor recognizes them
            // by reference. and/or are pure; call runs a function value, and no value of a helm render is one.
            if (Builtins.ExecutedSpecially(f)) continue;
            var e = f.Effects;
            var wrapped = e.Has(FunctionEffects.IncludesTemplate) ? WrapInclude(f)
                : e.Has(FunctionEffects.RendersText) ? WrapNested(f)
                : e.IsImpure() ? WrapImpure(f)
                : e.Has(FunctionEffects.MutatesArgument) ? WrapMutator(f)
                : e.Has(FunctionEffects.CreatesValue) ? WrapCreator(f)
                : null;
            if (wrapped != null) r.Add(wrapped);
        }
        return r.Freeze();
    }

    // Undeclared or reading outside its arguments: no include result that called it is stored.
    private static GoFunction WrapImpure(GoFunction f)
    {
        var body = f.RawBody;
        return Replace(f, (ctx, a) => { MemoState.Get(ctx)?.Impure(); return body(ctx, a); });
    }

    // Writes into its first argument (into the maps nested in it too when MutatesDeep). The first argument keeps its
    // deep freshness when the function stores only scalars in it (StoresArguments: set with a scalar value) or
    // does not recurse (unset, sortAlpha).
    private static GoFunction WrapMutator(GoFunction f)
    {
        var body = f.RawBody;
        bool deep = f.Effects.Has(FunctionEffects.MutatesDeep);
        bool stores = f.Effects.Has(FunctionEffects.StoresArguments);
        return Replace(f, (ctx, a) =>
        {
            var st = MemoState.Get(ctx);
            if (st != null && a.Length > 0 && a[0] != null)
                st.Mutated(a[0]!, deep, keepsDeep: stores ? StoresOnlyScalars(a) : !deep);
            return body(ctx, a);
        });
    }

    private static bool StoresOnlyScalars(object?[] a)
    {
        if (a.Length < 2) return false;
        for (int i = 1; i < a.Length; i++) if (!IsScalar(a[i])) return false;
        return true;
    }

    // Returns a new container (every container nested in it new too when CreatesDeep); a decoder of text also shares
    // its decoded trees between calls with the same text (see Decode).
    private static GoFunction WrapCreator(GoFunction f)
    {
        var body = f.RawBody;
        bool deep = f.Effects.Has(FunctionEffects.CreatesDeep);
        if (f.Effects.Has(FunctionEffects.DecodesText))
        {
            var function = f.Name;
            return Replace(f, (ctx, a) =>
            {
                var result = Decode(ctx, function, a, body);
                if (result != null && !IsScalar(result)) MemoState.Get(ctx)?.Created(result, deep);
                return result;
            });
        }
        return Replace(f, (ctx, a) =>
        {
            var result = body(ctx, a);
            if (result != null && !IsScalar(result)) MemoState.Get(ctx)?.Created(result, deep);
            return result;
        });
    }

    // Runs a named template with its second argument as dot: the memoized call itself.
    // (A function of other origin that returns its string is given a sink body that appends it.)
    private static GoFunction WrapInclude(GoFunction f)
    {
        var inner = SinkBodyOf(f);
        var plain = f.RawBody;
        // The string form returns a stored result's string itself (later calls find decoded copies of it by reference).
        return new GoFunction(f.Name, [.. f.Parameters], f.IsVariadic, (ctx, a, sink) =>
            {
                if (MemoState.Get(ctx) is { } st) st.Include(ctx, a, inner, sink);
                else inner(ctx, a, sink);
            }, f.ReturnsError, f.Effects,
            (ctx, a) => MemoState.Get(ctx) is { } st ? st.Include(ctx, new FunctionArgs(a), inner, null) : plain(ctx, a))
        { TakesText = f.TakesText, TransientArgs = f.TransientArgs };
    }

    // Renders text as a template: not stored, but a frame for what it reads and writes.
    private static GoFunction WrapNested(GoFunction f)
    {
        var inner = SinkBodyOf(f);
        return new GoFunction(f.Name, [.. f.Parameters], f.IsVariadic, (ctx, a, sink) =>
            {
                if (MemoState.Get(ctx) is { } st) st.Nested(ctx, a, inner, sink);
                else inner(ctx, a, sink);
            }, f.ReturnsError, f.Effects)
        { TakesText = f.TakesText, TransientArgs = f.TransientArgs };
    }

    private static GoSinkBody SinkBodyOf(GoFunction f)
    {
        if (f.SinkBody is { } sink) return sink;
        var body = f.RawBody;
        return (ctx, a, sb) => sb.Append(body(ctx, a.Values) as string);
    }

    // fromYaml/fromJson are functions of their text: decode once per compiled chart. The first caller gets its own
    // tree; later ones get the cached master itself while the chart shares (see SharedValues), else a deep clone.
    private static object? Decode(IFunctionContext ctx, string function, object?[] a, GoFunctionBody body)
    {
        if (ctx.Render?.Set.SharedParseCache is not { } cache || a.Length != 1 || a[0] is not string text) return body(ctx, a);
        // The text is often the very string a memoized include returned before: found by reference, not by content.
        var st = MemoState.Get(ctx);
        bool share = cache.ShareDecoded;
        if (share && st != null && st.TryGetDecoded(function, text, out var known)) return known;
        if (cache.TryGetDecoded(function, text, out var master))
        {
            if (!share) return Clone(master);
            st?.KeepDecoded(function, text, master);
            return master;
        }
        var result = body(ctx, a);
        if (Cloneable(result, 0))
        {
            var copy = Clone(result);
            SharedValues.Share(copy);
            cache.AddDecoded(function, text, copy);
        }
        return result;
    }

    private static bool Cloneable(object? v, int depth)
    {
        if (depth > 64) return false;
        if (IsScalar(v)) return true;
        if (v!.GetType() == typeof(Dictionary<string, object?>))
        {
            foreach (var kv in (Dictionary<string, object?>)v) if (!Cloneable(kv.Value, depth + 1)) return false;
            return true;
        }
        if (v.GetType() == typeof(object?[]))
        {
            foreach (var e in (object?[])v) if (!Cloneable(e, depth + 1)) return false;
            return true;
        }
        return false;
    }

    // Only called on values accepted by Cloneable: exact maps, exact []interface{}, immutable scalars.
    private static object? Clone(object? v)
    {
        if (v is null || IsScalar(v)) return v;
        if (v.GetType() == typeof(Dictionary<string, object?>))
        {
            var src = (Dictionary<string, object?>)v;
            // The copy constructor copies the entries with their hashes; only nested containers are replaced.
            var d = new Dictionary<string, object?>(src, src.Comparer);
            foreach (var kv in src) if (!IsScalar(kv.Value)) d[kv.Key] = Clone(kv.Value);
            return d;
        }
        var arr = (object?[])v;
        var copy = new object?[arr.Length];
        for (int i = 0; i < arr.Length; i++) copy[i] = Clone(arr[i]);
        return copy;
    }

    // The same function with another body and the same declarations.
    private static GoFunction Replace(GoFunction f, GoFunctionBody body) =>
        // The wrapper's body must run: the original's sink body is not carried over.
        new(f.Name, [.. f.Parameters], f.IsVariadic, body, f.ReturnsError, f.Effects) { TransientArgs = f.TransientArgs };

    internal static bool IsScalar(object? v) => v is null or string or bool or double or float or nint or long or int or short or sbyte or nuint or ulong or uint or ushort or byte;
}

/// <summary>
/// The state of <see cref="IncludeMemo"/>: one per execution, or — when a chart render keeps one for all its
/// template files (<see cref="TemplateSet.MemoScope"/>) — one per render. Between the files of a render helm
/// changes one thing the memo does not see as a mutation: the <c>Template</c> entry of each chart's top-level
/// object (<c>$</c>, a "root"). Results are therefore tagged with whether their execution could have read it:
/// a root's <c>Template</c> field (or a method or missing key of a root), or a root reaching a function that does not declare
/// it only passes its arguments on (<see cref="FunctionEffects.PassesArguments"/>: <c>include</c>, <c>tpl</c>, <c>dict</c>, <c>list</c>, <c>tuple</c>) — directly or inside a container built or changed by a call
/// that was handed one (such containers are tracked) — or being printed or ranged over. Such results are reused only
/// within the same template file (<see cref="NextFile"/>); the others across files, while no mutation happened.
/// </summary>
internal sealed class MemoState : IExecutionObserver
{
    private const string StateKey = "helmsharp.includeMemo";
    private const int MaxSnapshotEntries = 16;

    private sealed class Frame
    {
        public long StartSeq;
        public bool Tainted;
        public bool ReadsTemplate;
        public int Below;
    }

    // Frames are reused: one is live only between Push and the end of the call that pushed it.
    private readonly Stack<Frame> _freeFrames = new();

    private Frame Push()
    {
        var f = _freeFrames.Count > 0 ? _freeFrames.Pop() : new Frame();
        f.StartSeq = _seq; f.Tainted = false; f.ReadsTemplate = false; f.Below = 0;
        _frames.Add(f);
        return f;
    }

    private void Release(Frame f)
    {
        if (_freeFrames.Count < 256) _freeFrames.Push(f);
    }

    // Bytes: what the execution added to the render's output-limit count, re-added on every reuse so that
    // the limit trips exactly as it would without the cache. File: the template file it may depend on, or -1.
    // Seq: the creation clock when it was stored (only objects created before can have been read by it).
    // (Every stored result belongs to the current epoch: older ones are dropped, see DropStaleResults.)
    // Text: the result; Output: the same as a string, made only when a caller needs one (a result written straight into
    // an output is kept in the memo's text arena instead).
    private readonly record struct Entry(string? Output, ReadOnlyMemory<char> Text, int Below, long Bytes, long File, long Seq);

    // The text of stored results that were written into an output (pooled arrays, released when the memo is reset).
    private readonly TextArena _texts = new();

    private readonly List<object> _roots = [];
    private readonly HashSet<object> _holdsRoot = new(ReferenceEqualityComparer.Instance);
    private long _file;

    // Objects created while an include/tpl frame is active (newest last); cleared when no frame is active,
    // since an object created before a frame starts is external to it, as an unregistered one is.
    private const int MaxFresh = 4096;
    private readonly List<(object Obj, long Seq, bool Deep)> _fresh = [];
    private readonly List<Frame> _frames = [];
    private readonly Dictionary<MemoKey, Entry> _cache = [];
    private readonly MemoKey _probe = new();
    // The stored keys in store order (so in Seq order), for dropping the results stored since a given Seq.
    private readonly List<(MemoKey Key, long Seq)> _stored = [];
    private int _storedHead; // entries before it were evicted (oldest first, see Store)
    private long _seq, _epoch, _cacheEpoch;

    public static MemoState? Get(IFunctionContext ctx)
    {
        if (ctx.Render is not { } render) return null;
        if (render.Set.MemoScope is { } scope) return scope;
        var rs = ctx.RenderState;
        if (rs.TryGetValue(StateKey, out var o) && o is MemoState s) return s;
        s = new MemoState();
        rs[StateKey] = s;
        return s;
    }

    // ---- render scope: roots, files, mutations the memo cannot see ----

    /// <summary>Forgets everything (keeping the collections' capacity), so a render can reuse the state of an earlier one.</summary>
    public void Reset()
    {
        foreach (var d in _decodedByText.Values) d.Clear();
        _cold = null;
        _coldFiles = false;
        _profile = null;
        _fresh.Clear();
        _frames.Clear();
        _cache.Clear();
        _stored.Clear();
        _storedHead = 0;
        _cachedChars = 0;
        _texts.Release();
        _roots.Clear();
        _holdsRoot.Clear();
        _seq = _epoch = _file = _cacheEpoch = 0;
    }

    /// <summary>Registers a chart's top-level object, whose <c>Template</c> entry changes from file to file.</summary>
    public void AddRoot(object root) => _roots.Add(root);

    /// <summary>Registers a container that holds roots from the start (e.g. <c>.Subcharts</c>).</summary>
    public void AddRootHolder(object container) => _holdsRoot.Add(container);

    /// <summary>The next template file starts (its roots' <c>Template</c> entries were just replaced).</summary>
    public void NextFile() => _file++;

    /// <summary>Something outside the template functions changed values (e.g. subchart values reconciled).</summary>
    public void ExternalMutation() => _epoch++;

    private bool IsRoot(object o)
    {
        foreach (var r in _roots) if (ReferenceEquals(r, o)) return true;
        return false;
    }

    private bool HoldsRoot(object? o) => o != null && (IsRoot(o) || (_holdsRoot.Count > 0 && _holdsRoot.Contains(o)));

    private void TemplateRead()
    {
        foreach (var f in _frames) f.ReadsTemplate = true;
    }

    void IExecutionObserver.Field(object receiver, string name)
    {
        if (_frames.Count == 0 || !IsRoot(receiver)) return;
        if (name == "Template" || receiver is not System.Collections.IDictionary d || !d.Contains(name)) TemplateRead();
    }

    void IExecutionObserver.Call(GoFunction fn, object?[] args, object? result)
    {
        bool any = false;
        foreach (var a in args)
            if (a is not (null or string) && HoldsRoot(a)) { any = true; break; }
        if (!any) return;
        if (!fn.Effects.Has(FunctionEffects.PassesArguments)) TemplateRead();
        // Whatever container took part may now hold a root (dict/list results, set/merge targets, …).
        foreach (var a in args) if (IsContainer(a)) _holdsRoot.Add(a!);
        if (IsContainer(result)) _holdsRoot.Add(result!);
    }

    void IExecutionObserver.Read(object? value)
    {
        if (_frames.Count > 0 && HoldsRoot(value)) TemplateRead();
    }

    private static bool IsContainer(object? o) => o is System.Collections.IDictionary or System.Collections.IList or IGoStruct;

    // ---- frames ----

    public void Impure()
    {
        foreach (var f in _frames) f.Tainted = true;
    }

    public void Created(object o, bool deep)
    {
        ++_seq;
        if (_frames.Count > 0 && _fresh.Count < MaxFresh) _fresh.Add((o, _seq, deep));
    }

    public void Mutated(object target, bool deepOp, bool keepsDeep)
    {
        if (_frames.Count > 0)
        {
            for (int i = _fresh.Count - 1; i >= 0; i--)
            {
                var info = _fresh[i];
                if (!ReferenceEquals(info.Obj, target)) continue;
                if (deepOp && !info.Deep) break;
                foreach (var f in _frames) if (f.StartSeq >= info.Seq) f.Tainted = true;
                if (info.Deep && !keepsDeep) _fresh[i] = (info.Obj, info.Seq, false);
                // An object made inside the active frames (e.g. the deepCopy a define merges into) can only have been
                // read by results stored since it was made: those go, the rest of the cache stays valid.
                DropResultsSince(info.Seq);
                return;
            }
            Impure();
        }
        _epoch++;
    }

    private void DropResultsSince(long seq)
    {
        while (_stored.Count > _storedHead && _stored[^1].Seq >= seq)
        {
            var (key, stored) = _stored[^1];
            _stored.RemoveAt(_stored.Count - 1);
            Forget(key, stored);
        }
    }

    private void Forget(MemoKey key, long seq)
    {
        if (_cache.TryGetValue(key, out var e) && e.Seq == seq)
        {
            _cache.Remove(key);
            _cachedChars -= e.Text.Length;
        }
    }

    // Stores a result; beyond RetainedChars the oldest results go first (a render's reuse is mostly local, and what
    // the memo holds outlives young collections and adds to the peak memory of a one-shot render).
    private void Store(MemoKey key, Entry entry)
    {
        if (_cache.TryGetValue(key, out var old)) _cachedChars -= old.Text.Length;
        _cache[key] = entry;
        _stored.Add((key, entry.Seq));
        _cachedChars += entry.Text.Length;
        while (_cachedChars > RetainedChars && _storedHead < _stored.Count - 1)
        {
            var (oldest, seq) = _stored[_storedHead];
            _stored[_storedHead++] = default;
            Forget(oldest, seq);
        }
        if (_storedHead > 1024 && _storedHead > _stored.Count / 2)
        {
            _stored.RemoveRange(0, _storedHead);
            _storedHead = 0;
        }
    }

    /// <summary>A nested execution that is not stored (<c>tpl</c>): it still counts as a frame for what it reads and writes.</summary>
    public void Nested(IFunctionContext ctx, FunctionArgs args, GoSinkBody body, System.Text.StringBuilder sink)
    {
        var frame = Push();
        try { body(ctx, args, sink); }
        finally { Pop(frame); Release(frame); }
    }

    // Shared decoded masters (see IncludeMemo.Decode) per decoding function, by the identity of the text they were
    // decoded from.
    private readonly Dictionary<string, Dictionary<string, object?>> _decodedByText = new(StringComparer.Ordinal);

    public bool TryGetDecoded(string function, string text, out object? master)
    {
        master = null;
        return _decodedByText.TryGetValue(function, out var d) && d.TryGetValue(text, out master);
    }

    public void KeepDecoded(string function, string text, object? master)
    {
        if (!_decodedByText.TryGetValue(function, out var d))
            _decodedByText[function] = d = new Dictionary<string, object?>(ReferenceEqualityComparer.Instance);
        if (d.Count < 4096) d[text] = master;
    }

    // Admission (see IncludeAdmission): names whose results are not stored in this render, and the per-name counts
    // of a profiling render.
    private HashSet<string>? _cold;
    private Dictionary<string, (int Stores, int Hits)>? _profile;

    /// <summary>Starts a render that stores no results of the <paramref name="cold"/> names, or counts stores and hits per name when <paramref name="profile"/>.</summary>
    /// <remarks>With <paramref name="coldFiles"/>, results of including a template file (not a define) are not stored either.</remarks>
    public void Admit(HashSet<string>? cold, bool coldFiles, bool profile)
    {
        _cold = cold;
        _coldFiles = coldFiles;
        _profile = profile ? new Dictionary<string, (int, int)>(StringComparer.Ordinal) : null;
        _fileProfile = default;
    }

    /// <summary>The per-name counts of a profiling render (null otherwise).</summary>
    public IReadOnlyDictionary<string, (int Stores, int Hits)>? Profile => _profile;

    /// <summary>
    /// The counts of a profiling render for all included template files together: a chart includes a file mostly once
    /// per caller (<c>include (print $.Template.BasePath "/configmap.yaml") . | sha256sum</c>), under a name of its
    /// own each time, so per-name counts never see that such results are not reused.
    /// </summary>
    public (int Stores, int Hits) FileProfile => _fileProfile;

    private bool _coldFiles;
    private (int Stores, int Hits) _fileProfile;

    // A template file's own tree is named after the file (a define's after the define).
    private static bool IsFileTemplate(IFunctionContext ctx, string name) =>
        ctx.Namespace?.Lookup(name) is { } t && t.Name == t.ParseName;

    private bool Cold(IFunctionContext ctx, string name) =>
        _cold != null && _cold.Contains(name) || _coldFiles && IsFileTemplate(ctx, name);

    private void Count(IFunctionContext ctx, string name, bool hit)
    {
        if (IsFileTemplate(ctx, name)) _fileProfile = hit ? (_fileProfile.Stores, _fileProfile.Hits + 1) : (_fileProfile.Stores + 1, _fileProfile.Hits);
        var profile = _profile!;
        var (stores, hits) = profile.GetValueOrDefault(name);
        profile[name] = hit ? (stores, hits + 1) : (stores + 1, hits);
    }

    /// <summary>
    /// <c>include</c> through the memo, its result written by <paramref name="body"/>. With a <paramref name="sink"/> the
    /// result is appended to it (a result to be stored is then copied from there into the memo's text arena) and null is
    /// returned; without one the result is returned as a string (a stored result's own string on a hit).
    /// </summary>
    public string? Include(IFunctionContext ctx, FunctionArgs args, GoSinkBody body, System.Text.StringBuilder? sink)
    {
        var name = (string)args[0]!;
        var data = args[1];
        var probe = Cold(ctx, name) ? null : _probe.Fill(ctx.Namespace!, name, data);
        int depth = _frames.Count;
        var render = ctx.Render!; // a MemoState exists only for a context of the executor (see Get)
        DropStaleResults();
        if (probe != null && _cache.TryGetValue(probe, out var hit) && (hit.File < 0 || hit.File == _file)
            && depth + hit.Below < IncludeMemo.MaxMemoDepth)
        {
            if (sink == null && hit.Output == null)
            {
                // A caller needs the string of a result kept as text: made once (the probe still finds the stored key).
                hit = hit with { Output = hit.Text.ToString() };
                _cache[probe] = hit;
            }
            probe.Clear();
            if (depth > 0) { var p = _frames[^1]; p.Below = Math.Max(p.Below, hit.Below + 1); }
            if (hit.File >= 0) TemplateRead();
            if (_profile != null) Count(ctx, name, hit: true);
            HelmSharp.Diagnostics.RenderProfiler.Active?.MemoHit(name); // diagnostics hook
            // The limit trips as inside the include's execution (an include error); when the bytes were written
            // by nested includes, the plain engine's message nests one "error calling include" per level instead.
            try { render.CountOutput(hit.Bytes); }
            catch (TemplateLimitException e) { throw new GoFunctionException(e.Message, e); }
            if (sink != null)
            {
                sink.Append(hit.Text.Span);
                return null;
            }
            return hit.Output;
        }
        var key = probe?.Freeze();
        probe?.Clear();
        var frame = Push();
        long before = render.BytesWritten;
        var output = sink ?? OutputBuffers.Rent(); // a caller that needs the string gets what was written here
        string? result = null;
        try
        {
            int start = output.Length;
            try { body(ctx, args, output); }
            finally { Pop(frame); }
            int length = output.Length - start;
            if (sink == null) result = output.ToString();
            if (key != null && !frame.Tainted && depth + frame.Below < IncludeMemo.MaxMemoDepth)
            {
                DropStaleResults();
                if (length <= RetainedChars)
                {
                    // A result written into an output is copied into the arena while it has room (else it becomes a string).
                    var s = result;
                    var text = s != null ? s.AsMemory()
                        : _texts.Length + length <= RetainedChars ? _texts.Append(output, start, length)
                        : (s = output.ToString(start, length)).AsMemory();
                    Store(key, new Entry(s, text, frame.Below, render.BytesWritten - before, frame.ReadsTemplate ? _file : -1, _seq));
                    if (_profile != null) Count(ctx, name, hit: false);
                }
            }
        }
        finally
        {
            if (sink == null) OutputBuffers.Return(output);
        }
        Release(frame);
        return result;
    }

    /// <summary>
    /// Every stored result was made in epoch <c>_cacheEpoch</c> and may be reused only in that epoch: once a mutation
    /// has advanced the epoch none can be, so they are dropped (before every lookup and store).
    /// </summary>
    private void DropStaleResults()
    {
        if (_cacheEpoch == _epoch) return;
        if (_cache.Count > 0) { _cache.Clear(); _stored.Clear(); _storedHead = 0; }
        _cachedChars = 0;
        _cacheEpoch = _epoch;
    }

    /// <summary>The most characters of include results kept at once (the oldest results are dropped beyond it).</summary>
    internal const long RetainedChars = 1L << 20;
    private long _cachedChars;

    private void Pop(Frame frame)
    {
        _frames.RemoveAt(_frames.Count - 1);
        if (_frames.Count == 0) _fresh.Clear();
        if (_frames.Count > 0) { var p = _frames[^1]; p.Below = Math.Max(p.Below, frame.Below + 1); }
    }

    /// <summary>
    /// (namespace, name, argument) compared as described on <see cref="IncludeMemo"/>. Lookups fill the state's one
    /// reusable probe (<see cref="Fill"/>), so a hit allocates nothing; a miss turns it into a stored key with
    /// <see cref="Freeze"/>, taken before the include runs (the argument's entries as they were when it was called).
    /// </summary>
    private sealed class MemoKey : IEquatable<MemoKey>
    {
        private object _ns = null!;
        private string _name = "";
        private object? _arg;
        private KeyValuePair<string, object?>[]? _entries; // null: the argument itself is the key
        private int _count;
        private int _hash;

        /// <summary>Makes this (probe) key describe the call; its entry buffer is reused.</summary>
        public MemoKey Fill(object ns, string name, object? data)
        {
            _ns = ns; _name = name;
            var h = new HashCode();
            h.Add(RuntimeHelpers.GetHashCode(ns));
            h.Add(name);
            if (data != null && data.GetType() == typeof(Dictionary<string, object?>) && ((Dictionary<string, object?>)data).Count <= MaxSnapshotEntries)
            {
                var d = (Dictionary<string, object?>)data;
                var buf = _entries;
                if (buf == null || buf.Length < d.Count) buf = _entries = new KeyValuePair<string, object?>[MaxSnapshotEntries];
                int i = 0;
                foreach (var kv in d) { buf[i++] = kv; h.Add(kv.Key); h.Add(ValueHash(kv.Value)); }
                _count = i;
                _arg = null;
            }
            else
            {
                _count = -1;
                _arg = data;
                h.Add(ValueHash(data));
            }
            _hash = h.ToHashCode();
            return this;
        }

        /// <summary>A stored key equal to this probe (the probe keeps its buffer for the next lookup).</summary>
        public MemoKey Freeze() => new()
        {
            _ns = _ns, _name = _name, _arg = _arg, _count = _count, _hash = _hash,
            _entries = _count < 0 ? null : _entries.AsSpan(0, _count).ToArray(),
        };

        /// <summary>Forgets what the probe refers to.</summary>
        public void Clear()
        {
            if (_entries != null) Array.Clear(_entries);
            _ns = null!; _arg = null; _name = "";
        }

        private static int ValueHash(object? v) =>
            v == null ? 0 : IncludeMemo.IsScalar(v) ? HashCode.Combine(v.GetType(), v) : RuntimeHelpers.GetHashCode(v);

        private static bool Same(object? a, object? b)
        {
            if (ReferenceEquals(a, b)) return true;
            if (a == null || b == null) return false;
            return IncludeMemo.IsScalar(a) && a.GetType() == b.GetType() && a.Equals(b);
        }

        public bool Equals(MemoKey? o)
        {
            if (o is null || o._hash != _hash || !ReferenceEquals(o._ns, _ns) || !string.Equals(o._name, _name, StringComparison.Ordinal) || o._count != _count) return false;
            if (_count < 0) return Same(_arg, o._arg);
            for (int i = 0; i < _count; i++)
                if (!string.Equals(_entries![i].Key, o._entries![i].Key, StringComparison.Ordinal) || !Same(_entries[i].Value, o._entries[i].Value)) return false;
            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as MemoKey);
        public override int GetHashCode() => _hash;
    }
}

/// <summary>
/// Which <c>include</c> results a compiled chart's renders store. A stored result costs memory for the whole render
/// (and garbage-collector work, since it outlives young collections); a define whose results are never reused — the
/// one that renders a whole resource, say — is better not stored. Every 16th render stores everything and counts, per
/// define name, results stored and reused; the renders in between skip the names stored at least 16 times and never
/// reused. Only what is cached changes, never what is rendered.
/// </summary>
internal sealed class IncludeAdmission
{
    private const int ProfileEvery = 16;
    private const int MinStores = 16;
    private int _renders;
    private HashSet<string>? _cold;
    private volatile bool _coldFiles;

    /// <summary>Prepares <paramref name="memo"/> for a render.</summary>
    public void Begin(MemoState memo)
    {
        bool profile = (Interlocked.Increment(ref _renders) - 1) % ProfileEvery == 0;
        memo.Admit(profile ? null : Volatile.Read(ref _cold), !profile && _coldFiles, profile);
    }

    /// <summary>The names not stored by the renders between profiling ones (empty before any profile).</summary>
    public IReadOnlyCollection<string> Cold => (IReadOnlyCollection<string>?)Volatile.Read(ref _cold) ?? [];

    /// <summary>True when results of including template files are not stored (none was reused in the last profile).</summary>
    public bool ColdFiles => _coldFiles;

    /// <summary>Learns from a finished render (a profiling one).</summary>
    public void End(MemoState memo)
    {
        if (memo.Profile is not { } profile) return;
        var cold = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, (stores, hits)) in profile)
            if (hits == 0 && stores >= MinStores) cold.Add(name);
        Volatile.Write(ref _cold, cold.Count > 0 ? cold : null);
        var (fileStores, fileHits) = memo.FileProfile;
        _coldFiles = fileHits == 0 && fileStores >= MinStores;
    }
}
