using System.Runtime.CompilerServices;
using HelmSharp.Go;
using HelmSharp.Template.Exec;
using HelmSharp.Template.Functions;

namespace HelmSharp.Template.Caching;

/// <summary>
/// The state of <see cref="IncludeMemo"/>: one per execution, or — when a chart render keeps one for all its
/// template files (<see cref="RenderContext.Memo"/>) — one per render. Between the files of a render helm
/// changes one thing the memo does not see as a mutation: the <c>Template</c> entry of each chart's top-level
/// object (<c>$</c>, a "root"). Results are therefore tagged with whether their execution could have read it:
/// a root's <c>Template</c> field (or a method or missing key of a root), or a root reaching a function that does not declare
/// it only passes its arguments on (<see cref="FunctionEffects.PassesArguments"/>: <c>include</c>, <c>tpl</c>, <c>dict</c>, <c>list</c>, <c>tuple</c>) — directly or inside a container built or changed by a call
/// that was handed one (such containers are tracked) — or being printed or ranged over. Such results are reused only
/// within the same template file (<see cref="NextFile"/>); the others across files, while no mutation happened.
/// </summary>
internal sealed class MemoState : IExecutionObserver
{
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
    // Containers that may hold a root, by identity. Held weakly: one that nothing else references can never be read
    // again, and one may be large — (dict "value" .x .y "context" $) has an odd count, so it is keyed by the printed
    // root, every chart file as bytes in decimal (bitnami envoy-gateway: ~10 M characters per call, six calls).
    private readonly ConditionalWeakTable<object, object?> _holdsRoot = new();
    private bool _anyHoldsRoot;
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

    /// <summary>The render's memo (made on first use when the render's caller keeps none); null in a context of other origin.</summary>
    public static MemoState? Get(IFunctionContext ctx) => ctx.Render is { } render ? render.Memo ??= new MemoState() : null;

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
        _anyHoldsRoot = false;
        _seq = _epoch = _file = _cacheEpoch = 0;
    }

    /// <summary>Registers a chart's top-level object, whose <c>Template</c> entry changes from file to file.</summary>
    public void AddRoot(object root) => _roots.Add(root);

    /// <summary>Registers a container that holds roots from the start (e.g. <c>.Subcharts</c>).</summary>
    public void AddRootHolder(object container) => HoldsRootFrom(container);

    private void HoldsRootFrom(object container)
    {
        _holdsRoot.TryAdd(container, null);
        _anyHoldsRoot = true;
    }

    /// <summary>The next template file starts (its roots' <c>Template</c> entries were just replaced).</summary>
    public void NextFile() => _file++;

    /// <summary>Something outside the template functions changed values (e.g. subchart values reconciled).</summary>
    public void ExternalMutation() => _epoch++;

    private bool IsRoot(object o)
    {
        foreach (var r in _roots) if (ReferenceEquals(r, o)) return true;
        return false;
    }

    private bool HoldsRoot(object? o) => o != null && (IsRoot(o) || (_anyHoldsRoot && _holdsRoot.TryGetValue(o, out _)));

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
        foreach (var a in args) if (IsContainer(a)) HoldsRootFrom(a!);
        if (IsContainer(result)) HoldsRootFrom(result!);
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

    /// <summary>
    /// The most characters of map keys an include's argument may have to be looked up or stored. Keys of real charts are
    /// names; a longer one is a printed value: <c>(dict "value" .x .y "context" $)</c> has an odd count, so <c>$</c> —
    /// every chart file printed as decimal bytes — becomes a key (bitnami envoy-gateway: ~10 M characters).
    /// </summary>
    internal const int MaxKeyChars = 4096;
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

        /// <summary>
        /// Makes this (probe) key describe the call; its entry buffer is reused. Null (the call is neither looked up nor
        /// stored) when the keys of a map it would snapshot together exceed <see cref="MaxKeyChars"/>: a stored key would
        /// hold them for the render and every lookup would hash them, for a result no ordinary chart reuses.
        /// </summary>
        public MemoKey? Fill(object ns, string name, object? data)
        {
            if (data != null && data.GetType() == typeof(Dictionary<string, object?>) && ((Dictionary<string, object?>)data).Count <= MaxSnapshotEntries)
            {
                long chars = 0;
                foreach (var k in ((Dictionary<string, object?>)data).Keys) chars += k.Length;
                if (chars > MaxKeyChars) return null;
            }
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
