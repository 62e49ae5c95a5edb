using HelmSharp.Go;

namespace HelmSharp.Rendering;

/// <summary>helm's <c>SortManifests</c> (hooks, kind install order); the split is <c>ManifestSplit.cs</c>.</summary>
internal static partial class Manifests
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

    /// <summary>A partial: a template file whose base name starts with <c>_</c> (helm renders it only through include/template).</summary>
    internal static bool IsPartial(string path) => path.AsSpan(path.LastIndexOf('/') + 1).StartsWith('_');

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
            for (int d = 0; d < docs.Count; d++)
            {
                var doc = docs[d];
                (string Kind, string Name, IReadOnlyDictionary<string, string>? Annotations) head;
                try { head = decodeHead(doc); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new ManifestYamlException($"YAML parse error on {path}: {e.Message}", path, e)
                    {
                        DocumentIndex = d, Document = doc.ToString(), FileText = content.ToString(),
                    };
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

/// <summary>A rendered manifest helm could not read as YAML: the message names the template file.</summary>
internal sealed class ManifestYamlException(string message, string file, Exception inner) : HelmException(message, inner)
{
    /// <summary>The template file (chart path) whose output failed to parse.</summary>
    public string File { get; } = file;
    /// <summary>The 0-based index of the document that failed among the file's documents (as helm splits them).</summary>
    public int DocumentIndex { get; init; }
    /// <summary>That document's text (what was decoded; helm's <c>yaml: line N</c> counts its lines).</summary>
    public string Document { get; init; } = "";
    /// <summary>The file's rendered text, trimmed as the splitter reads it (to check that a second render made the same).</summary>
    public string FileText { get; init; } = "";
}
