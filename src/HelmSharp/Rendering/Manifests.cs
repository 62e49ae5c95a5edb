namespace HelmSharp.Rendering;

/// <summary>One rendered document of a template file, after splitting.</summary>
/// <param name="Path">The template path it came from (<c>chart/templates/x.yaml</c>).</param>
/// <param name="Content">The document text (trimmed as helm trims it).</param>
/// <param name="Kind">The document's <c>kind</c> (empty when it has none).</param>
/// <param name="Name">The document's <c>metadata.name</c>.</param>
public sealed record Manifest(string Path, string Content, string Kind, string Name);

/// <summary>A hook document (annotated with <c>helm.sh/hook</c>).</summary>
/// <param name="Path">The template path it came from.</param>
/// <param name="Content">The document text.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Name">Its name.</param>
/// <param name="Events">The hook events, lowercased (e.g. <c>pre-install</c>, <c>test</c>).</param>
/// <param name="Weight">The <c>helm.sh/hook-weight</c> (0 when absent or invalid).</param>
public sealed record Hook(string Path, string Content, string Kind, string Name, IReadOnlyList<string> Events, int Weight);

/// <summary>helm's manifest handling: <c>SplitManifests</c>, <c>SortManifests</c> and the kind install order.</summary>
public static class Manifests
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
        var docs = new List<string>();
        var (start, end) = TrimBounds(bigFile, 0, bigFile.Length);
        // Go's regexp.Split(s, -1) over the trimmed text (which differs from .NET's at the edges), keeping
        // the non-empty pieces, each trimmed: the pieces are cut out once, already trimmed.
        if (start == end) return docs;
        int beg = start, last = start, pos = start;
        while (NextSeparator(bigFile, pos, end, start, out int mStart, out int mEnd))
        {
            last = mStart;
            if (mEnd != start) AddTrimmed(docs, bigFile, beg, mStart);
            beg = pos = mEnd;
        }
        if (last != end) AddTrimmed(docs, bigFile, beg, end);
        return docs;
    }

    /// <summary>
    /// The leftmost match of <see cref="SeparatorPattern"/> in <paramref name="s"/>[<paramref name="from"/>, <paramref name="end"/>),
    /// <c>^</c> being <paramref name="origin"/>; a scan for <c>"\n---"</c> instead of a regex run over every character.
    /// A match of the second alternative ends its white-space run at the <c>\n</c> that precedes <c>---</c> and starts
    /// where that run starts, so the first <c>"\n---"</c> gives the leftmost match.
    /// </summary>
    internal static bool NextSeparator(string s, int from, int end, int origin, out int matchStart, out int matchEnd)
    {
        if (from == origin && end - from >= 3 && s[from] == '-' && s[from + 1] == '-' && s[from + 2] == '-')
        {
            matchStart = from;
            matchEnd = SkipSeparatorSpace(s, from + 3, end);
            return true;
        }
        int q = s.AsSpan(from, end - from).IndexOf("\n---".AsSpan(), StringComparison.Ordinal);
        if (q < 0) { matchStart = matchEnd = -1; return false; }
        q += from;
        int p = q;
        while (p > from && IsSeparatorSpace(s[p - 1])) p--;
        matchStart = p;
        matchEnd = SkipSeparatorSpace(s, q + 4, end);
        return true;
    }

    private static bool IsSeparatorSpace(char c) => c is '\t' or '\n' or '\f' or '\r' or ' ';

    private static int SkipSeparatorSpace(string s, int i, int end)
    {
        while (i < end && IsSeparatorSpace(s[i])) i++;
        return i;
    }

    private static void AddTrimmed(List<string> docs, string s, int from, int to)
    {
        if (from == to) return;
        var (a, b) = TrimBounds(s, from, to);
        docs.Add(a == 0 && b == s.Length ? s : s[a..b]);
    }

    private static (int Start, int End) TrimBounds(string s, int start, int end)
    {
        while (start < end && IsGoSpace(s[start])) start++;
        while (end > start && IsGoSpace(s[end - 1])) end--;
        return (start, end);
    }

    /// <summary>Go's <c>strings.TrimSpace</c> (Unicode white space).</summary>
    public static string GoTrimSpace(string s)
    {
        var (start, end) = TrimBounds(s, 0, s.Length);
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    /// <summary>True when <paramref name="s"/> is only Go white space (<c>strings.TrimSpace(s) == ""</c>).</summary>
    public static bool IsGoBlank(string s) => TrimBounds(s, 0, s.Length).Start == s.Length;

    internal static bool IsGoSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\u0085' or '\u00A0' || (c > 0xff && char.IsWhiteSpace(c));

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
        Action<string>? skippedUnknownHook = null)
    {
        var hooks = new List<Hook>();
        var generic = new List<Manifest>();
        var paths = files.Keys.ToList();
        paths.Sort(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var content = files[path];
            if (path.AsSpan(path.LastIndexOf('/') + 1).StartsWith('_')) continue;
            if (IsGoBlank(content)) continue;
            foreach (var doc in Split(content))
            {
                (string Kind, string Name, IReadOnlyDictionary<string, string>? Annotations) head;
                try { head = decodeHead(doc); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new HelmException($"YAML parse error on {path}: {e.Message}");
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
                    var e = GoTrimSpace(raw).ToLowerInvariant();
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
public class HelmException(string message) : Exception(message);
