using HelmSharp.Go;

namespace HelmSharp.Rendering;

/// <summary>One rendered document of a template file (after splitting): a <see cref="Manifest"/> or a <see cref="Hook"/>.</summary>
/// <remarks>
/// A render keeps every document as a slice of its output (or of its rendered text); <see cref="Content"/> makes the
/// string on first use, <see cref="Text"/> never does.
/// </remarks>
public abstract record RenderedDocument
{
    private ReadOnlyMemory<char> _text;
    private string? _content;

    private protected RenderedDocument(string path, ReadOnlyMemory<char> text, string kind, string name)
    {
        Path = path; _text = text; Kind = kind; Name = name;
    }

    /// <summary>The template path it came from (<c>chart/templates/x.yaml</c>).</summary>
    public string Path { get; init; }

    /// <summary>The document text (trimmed as helm trims it).</summary>
    public string Content
    {
        get => _content ??= _text.ToString();
        init { _content = value; _text = value.AsMemory(); }
    }

    /// <summary>The document text without making a string of it.</summary>
    public ReadOnlyMemory<char> Text => _text;

    /// <summary>The document's <c>kind</c> (empty when it has none).</summary>
    public string Kind { get; init; }

    /// <summary>The document's <c>metadata.name</c>.</summary>
    public string Name { get; init; }

    /// <summary>Points the document at the same text elsewhere (in the joined output), so the render's buffers can be reused.</summary>
    internal void MoveTo(ReadOnlyMemory<char> sameText)
    {
        if (_content == null) _text = sameText;
    }

    /// <summary>Gives the document a string of its own (it is not part of the joined output).</summary>
    internal void Detach() => _text = Content.AsMemory();

    /// <inheritdoc/>
    public virtual bool Equals(RenderedDocument? other) =>
        other is not null && EqualityContract == other.EqualityContract && Path == other.Path && Kind == other.Kind && Name == other.Name
        && _text.Span.SequenceEqual(other._text.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, Kind, Name, string.GetHashCode(_text.Span, StringComparison.Ordinal));
}

/// <summary>A rendered document that is not a hook.</summary>
public sealed record Manifest : RenderedDocument
{
    /// <summary>A manifest of <paramref name="content"/> from the template <paramref name="path"/>.</summary>
    public Manifest(string path, string content, string kind, string name) : base(path, content.AsMemory(), kind, name) { }

    internal Manifest(string path, ReadOnlyMemory<char> text, string kind, string name) : base(path, text, kind, name) { }
}

/// <summary>A hook document (annotated with <c>helm.sh/hook</c>).</summary>
public sealed record Hook : RenderedDocument
{
    /// <summary>A hook of <paramref name="content"/> from the template <paramref name="path"/>.</summary>
    public Hook(string path, string content, string kind, string name, IReadOnlyList<string> events, int weight)
        : this(path, content.AsMemory(), kind, name, events, weight) { }

    internal Hook(string path, ReadOnlyMemory<char> text, string kind, string name, IReadOnlyList<string> events, int weight) : base(path, text, kind, name)
    {
        Events = events; Weight = weight;
    }

    /// <summary>The hook events, lowercased (e.g. <c>pre-install</c>, <c>test</c>).</summary>
    public IReadOnlyList<string> Events { get; init; }

    /// <summary>The <c>helm.sh/hook-weight</c> (0 when absent or invalid).</summary>
    public int Weight { get; init; }
}

/// <summary>helm's manifest handling: <c>SplitManifests</c>, <c>SortManifests</c> and the kind install order.</summary>
internal static class Manifests
{
    /// <summary>helm 3's install order (helm 4 appends the two webhook configuration kinds).</summary>
    private static readonly string[] s_installOrder =
    [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
        "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
        "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
        "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
    ];

    private static readonly Dictionary<string, int> s_order3 = BuildOrder(s_installOrder);
    private static readonly Dictionary<string, int> s_order4 = BuildOrder([.. s_installOrder, "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]);

    private static readonly HashSet<string> s_hookEvents = new(StringComparer.Ordinal)
    {
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
        "pre-rollback", "post-rollback", "test", "test-success",
    };

    private static Dictionary<string, int> BuildOrder(string[] kinds)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < kinds.Length; i++) d[kinds[i]] = i;
        return d;
    }

    /// <summary>The separator helm splits on: <c>(?:^|\s*\n)---\s*</c>, Go's <c>\s</c> being ASCII <c>[\t\n\f\r ]</c>.</summary>
    internal const string SeparatorPattern = @"(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*";

    /// <summary>
    /// helm's <c>SplitManifests</c>: trims the text, splits on <see cref="SeparatorPattern"/>, drops empty
    /// pieces and trims each one. Returns the documents in order.
    /// </summary>
    public static List<string> Split(string bigFile)
    {
        var docs = new List<ReadOnlyMemory<char>>();
        Split(bigFile.AsMemory(), docs);
        return docs.ConvertAll(static d => d.ToString()); // a piece that is the whole string stays that string
    }

    /// <summary><see cref="Split(string)"/> into <paramref name="docs"/>, the pieces being slices of <paramref name="bigFile"/>.</summary>
    internal static void Split(ReadOnlyMemory<char> bigFile, List<ReadOnlyMemory<char>> docs)
    {
        var s = bigFile.Span;
        var (start, end) = GoUnicode.TrimSpaceBounds(s, 0, s.Length);
        // Go's regexp.Split(s, -1) over the trimmed text (which differs from .NET's at the edges), keeping
        // the non-empty pieces, each trimmed: the pieces are cut out once, already trimmed.
        if (start == end) return;
        int beg = start, last = start, pos = start;
        while (NextSeparator(s, pos, end, start, out int mStart, out int mEnd))
        {
            last = mStart;
            if (mEnd != start) AddTrimmed(docs, bigFile, beg, mStart);
            beg = pos = mEnd;
        }
        if (last != end) AddTrimmed(docs, bigFile, beg, end);
    }

    /// <summary>
    /// The leftmost match of <see cref="SeparatorPattern"/> in <paramref name="s"/>[<paramref name="from"/>, <paramref name="end"/>),
    /// <c>^</c> being <paramref name="origin"/>; a scan for <c>"\n---"</c> instead of a regex run over every character.
    /// A match of the second alternative ends its white-space run at the <c>\n</c> that precedes <c>---</c> and starts
    /// where that run starts, so the first <c>"\n---"</c> gives the leftmost match.
    /// </summary>
    internal static bool NextSeparator(ReadOnlySpan<char> s, int from, int end, int origin, out int matchStart, out int matchEnd)
    {
        if (from == origin && end - from >= 3 && s[from] == '-' && s[from + 1] == '-' && s[from + 2] == '-')
        {
            matchStart = from;
            matchEnd = SkipSeparatorSpace(s, from + 3, end);
            return true;
        }
        int q = s[from..end].IndexOf("\n---".AsSpan(), StringComparison.Ordinal);
        if (q < 0) { matchStart = matchEnd = -1; return false; }
        q += from;
        int p = q;
        while (p > from && IsSeparatorSpace(s[p - 1])) p--;
        matchStart = p;
        matchEnd = SkipSeparatorSpace(s, q + 4, end);
        return true;
    }

    private static bool IsSeparatorSpace(char c) => c is '\t' or '\n' or '\f' or '\r' or ' ';

    private static int SkipSeparatorSpace(ReadOnlySpan<char> s, int i, int end)
    {
        while (i < end && IsSeparatorSpace(s[i])) i++;
        return i;
    }

    private static void AddTrimmed(List<ReadOnlyMemory<char>> docs, ReadOnlyMemory<char> s, int from, int to)
    {
        if (from == to) return;
        var (a, b) = GoUnicode.TrimSpaceBounds(s.Span, from, to);
        docs.Add(s[a..b]);
    }

    /// <summary>A partial: a template file whose base name starts with <c>_</c> (helm renders it only through include/template).</summary>
    internal static bool IsPartial(string path) => path.AsSpan(path.LastIndexOf('/') + 1).StartsWith('_');

    /// <summary>Go's <c>strings.TrimSpace</c>; kept for the CLI until it calls <see cref="GoUnicode.TrimSpace"/>.</summary>
    public static string GoTrimSpace(string s) => GoUnicode.TrimSpace(s);

    /// <summary>
    /// helm's <c>SortManifests</c>: files in byte order (partials and whitespace-only files skipped),
    /// each split into documents whose head is decoded with <paramref name="decodeHead"/>;
    /// hooks and plain manifests, each stably sorted by kind.
    /// </summary>
    /// <param name="files">Rendered files, path → content.</param>
    /// <param name="helmMajor">3 or 4 (install order differs).</param>
    /// <param name="decodeHead">Decodes a document's head (kind, name, annotations); throws with the YAML error text.</param>
    /// <param name="skippedUnknownHook">Told the annotation of each hook dropped for an unknown event.</param>
    public static (List<Hook> Hooks, List<Manifest> Generic) Sort(
        IReadOnlyDictionary<string, string> files, int helmMajor,
        Func<string, (string Kind, string Name, IReadOnlyDictionary<string, string>? Annotations)> decodeHead,
        Action<string>? skippedUnknownHook = null) =>
        Sort(files.Select(static kv => (kv.Key, kv.Value.AsMemory())).ToList(), helmMajor, doc => decodeHead(doc.ToString()), skippedUnknownHook);

    /// <summary><see cref="Sort(IReadOnlyDictionary{string, string}, int, Func{string, ValueTuple{string, string, IReadOnlyDictionary{string, string}}}, Action{string})"/> over texts held as memory (the list is sorted in place); the documents are slices of them.</summary>
    internal static (List<Hook> Hooks, List<Manifest> Generic) Sort(
        List<(string Path, ReadOnlyMemory<char> Text)> files, int helmMajor,
        Func<ReadOnlyMemory<char>, (string Kind, string Name, IReadOnlyDictionary<string, string>? Annotations)> decodeHead,
        Action<string>? skippedUnknownHook = null)
    {
        var hooks = new List<Hook>();
        var generic = new List<Manifest>();
        var sorted = files; // sorted in place
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        var docs = new List<ReadOnlyMemory<char>>();
        foreach (var (path, content) in sorted)
        {
            if (IsPartial(path)) continue;
            docs.Clear();
            Split(content, docs); // nothing for a blank file
            foreach (var doc in docs)
            {
                (string Kind, string Name, IReadOnlyDictionary<string, string>? Annotations) head;
                try { head = decodeHead(doc); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new ManifestYamlException($"YAML parse error on {path}: {e.Message}", path, e);
                }
                if (head.Annotations == null || !head.Annotations.TryGetValue("helm.sh/hook", out var hookTypes))
                {
                    generic.Add(new Manifest(path, doc, head.Kind, head.Name));
                    continue;
                }
                var events = new List<string>();
                bool unknown = false;
                foreach (var raw in hookTypes.Split(','))
                {
                    var e = GoUnicode.TrimSpace(raw).ToLowerInvariant();
                    if (!s_hookEvents.Contains(e)) { unknown = true; break; }
                    events.Add(e == "test-success" ? "test" : e); // helm maps the legacy name to HookTest
                }
                if (unknown) { skippedUnknownHook?.Invoke(hookTypes); continue; }
                int weight = 0;
                if (head.Annotations.TryGetValue("helm.sh/hook-weight", out var w) && int.TryParse(w, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed)) weight = parsed;
                hooks.Add(new Hook(path, doc, head.Kind, head.Name, events, weight));
            }
        }
        var order = helmMajor >= 4 ? s_order4 : s_order3;
        return (StableSortByKind(hooks, h => h.Kind, order), StableSortByKind(generic, m => m.Kind, order));
    }

    private static List<T> StableSortByKind<T>(List<T> items, Func<T, string> kind, Dictionary<string, int> order)
    {
        // Go's sort.SliceStable with lessByKind: known kinds by install order, unknown kinds last in
        // byte order of the kind, ties keep their input order. Each item's rank is looked up once.
        var keyed = new (int Rank, string Kind, int Index)[items.Count];
        for (int i = 0; i < keyed.Length; i++)
        {
            var k = kind(items[i]);
            keyed[i] = (order.TryGetValue(k, out var rank) ? rank : int.MaxValue, k, i);
        }
        Array.Sort(keyed, static (x, y) =>
        {
            if (x.Rank != y.Rank) return x.Rank.CompareTo(y.Rank);
            if (x.Rank == int.MaxValue)
            {
                var c = string.CompareOrdinal(x.Kind, y.Kind);
                if (c != 0) return c;
            }
            return x.Index.CompareTo(y.Index);
        });
        var sorted = new List<T>(keyed.Length);
        foreach (var k in keyed) sorted.Add(items[k.Index]);
        return sorted;
    }
}

/// <summary>An error of the helm layer (values, charts, manifests) carrying helm's message text.</summary>
public class HelmException : HelmSharpException
{
    /// <summary>Creates the error with helm's exact message text.</summary>
    public HelmException(string message) : base(message) { }
    /// <summary>Creates the error with helm's exact message text and the error underneath.</summary>
    public HelmException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A rendered manifest helm could not read as YAML: the message names the template file.</summary>
internal sealed class ManifestYamlException(string message, string file, Exception inner) : HelmException(message, inner)
{
    /// <summary>The template file (chart path) whose output failed to parse.</summary>
    public string File { get; } = file;
}
