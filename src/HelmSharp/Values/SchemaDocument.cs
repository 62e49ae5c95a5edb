using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelmSharp.Values;

/// <summary>JSON Schema drafts as the two validators helm uses tell them apart.</summary>
internal enum SchemaDraft
{
    Draft4 = 4,
    Draft6 = 6,
    Draft7 = 7,
    Draft2019 = 2019,
    Draft2020 = 2020,
    /// <summary>gojsonschema's default (helm 3) when <c>$schema</c> names no draft it knows: every keyword of drafts 4-7.</summary>
    Hybrid = int.MaxValue,
}

/// <summary>A schema problem found before validation (bad reference, unknown meta-schema, ...): helm's error text.</summary>
internal sealed class SchemaCompileException(string message) : Exception(message);

/// <summary>
/// One parsed values.schema.json: the JSON tree, the draft it is read with, and the index that <c>$ref</c>s resolve
/// through (base URIs from <c>$id</c>/<c>id</c>, anchors, JSON pointers). Both helm modes share it.
/// </summary>
internal sealed class SchemaDocument
{
    public const string RootUrl = "file:///values.schema.json";
    private const int MaxJsonDepth = 10_000;

    private readonly Dictionary<JsonNode, string> _location = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonNode, string> _base = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, JsonNode> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonNode> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<JsonNode, string> _resourceOf = new(ReferenceEqualityComparer.Instance);

    public JsonNode Root { get; }
    public SchemaDraft Draft { get; }

    private SchemaDocument(JsonNode root, SchemaDraft draft, SchemaBudget budget)
    {
        Root = root;
        Draft = draft;
        _resources[RootUrl] = root;
        Index(root, RootUrl, RootUrl, "", 0, budget);
    }

    /// <summary>Parses schema text (already known to be JSON); numbers keep their literal text.</summary>
    public static JsonNode? Parse(string text) =>
        JsonNode.Parse(text, null, new JsonDocumentOptions { MaxDepth = MaxJsonDepth, AllowTrailingCommas = false });

    public static SchemaDocument Create(JsonNode root, SchemaDraft draft, SchemaBudget budget) => new(root, draft, budget);

    /// <summary>The absolute location (<c>file:///values.schema.json#/properties/a</c>) of a schema node.</summary>
    public string LocationOf(JsonNode node) => _location.TryGetValue(node, out var l) ? l : RootUrl + "#";

    /// <summary>The base URI a relative reference inside <paramref name="node"/> resolves against.</summary>
    public string BaseOf(JsonNode node) => _base.TryGetValue(node, out var b) ? b : RootUrl;

    private string IdKeyword => Draft == SchemaDraft.Draft4 ? "id" : "$id";

    private void Index(JsonNode node, string baseUri, string resource, string pointer, int depth, SchemaBudget budget)
    {
        budget.Step(depth);
        if (node is JsonObject obj)
        {
            var id = IdOf(obj);
            if (id != null && pointer.Length > 0)
            {
                var abs = Combine(baseUri, id);
                var (doc, frag) = Split(abs);
                if (frag.Length == 0 || Draft >= SchemaDraft.Draft2019 && Draft != SchemaDraft.Hybrid)
                {
                    baseUri = doc;
                    resource = doc;
                    _resources.TryAdd(doc, obj);
                    pointer = "";
                }
                else if (!frag.StartsWith('/'))
                {
                    // draft 4-7: "$id": "#name" is a plain-name anchor
                    _anchors.TryAdd(Split(baseUri).doc + "#" + frag, obj);
                }
            }
            else if (id != null)
            {
                var (doc, _) = Split(Combine(RootUrl, id));
                if (doc != RootUrl) { _resources.TryAdd(doc, obj); baseUri = doc; resource = doc; }
            }
            if (Draft is >= SchemaDraft.Draft2019 and not SchemaDraft.Hybrid)
            {
                if (obj["$anchor"] is JsonValue av && av.TryGetValue<string>(out var anchor)) _anchors.TryAdd(resource + "#" + anchor, obj);
                if (obj["$dynamicAnchor"] is JsonValue dv && dv.TryGetValue<string>(out var danchor)) _anchors.TryAdd(resource + "#" + danchor, obj);
            }
            _location[obj] = resource + "#" + pointer;
            _base[obj] = baseUri;
            _resourceOf[obj] = resource;
            foreach (var (k, v) in obj)
            {
                if (v == null || k is "enum" or "const" or "default" or "examples") continue;
                Index(v, baseUri, resource, pointer + "/" + Escape(k), depth + 1, budget);
            }
        }
        else if (node is JsonArray arr)
        {
            for (int i = 0; i < arr.Count; i++)
                if (arr[i] is { } item) Index(item, baseUri, resource, pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), depth + 1, budget);
        }
        else
        {
            _location[node] = resource + "#" + pointer;
            _base[node] = baseUri;
        }
    }

    private string? IdOf(JsonObject obj)
    {
        // draft 4-7: every other keyword of a "$ref" object is ignored, "$id" included
        if (Draft is <= SchemaDraft.Draft7 && obj.ContainsKey("$ref")) return null;
        if (Draft == SchemaDraft.Hybrid)
        {
            if (obj["id"] is JsonValue hv && hv.TryGetValue<string>(out var hid)) return hid;
        }
        return obj[IdKeyword] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    /// <summary>
    /// Resolves a <c>$ref</c> found in <paramref name="from"/>: the target schema node and its absolute location.
    /// Throws <see cref="SchemaCompileException"/> with helm 4's text when the target does not exist or is remote.
    /// </summary>
    public (JsonNode Target, string Location) Resolve(JsonNode from, string reference)
    {
        var abs = Combine(BaseOf(from), reference);
        var (doc, frag) = Split(abs);
        if (!_resources.TryGetValue(doc, out var resource))
            throw new SchemaCompileException(RemoteError(doc));
        if (frag.Length == 0) return (resource, doc + "#");
        if (frag.StartsWith('/'))
        {
            JsonNode? cur = resource;
            foreach (var raw in frag[1..].Split('/'))
            {
                var seg = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (cur is JsonObject o && o.TryGetPropertyValue(seg, out var next) && next != null) cur = next;
                else if (cur is JsonArray a && int.TryParse(seg, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count && a[i] != null) cur = a[i];
                else throw new SchemaCompileException($"json-pointer in \"{doc}#{frag}\" not found");
            }
            return (cur!, LocationOf(cur!));
        }
        if (_anchors.TryGetValue(doc + "#" + frag, out var anchored)) return (anchored, LocationOf(anchored));
        throw new SchemaCompileException($"anchor in \"{doc}#{frag}\" not found in schema \"{doc}\"");
    }

    /// <summary>helm 4's text for a document it would have to fetch (HelmSharp never reads files or the network for a schema).</summary>
    public static string RemoteError(string url)
    {
        var scheme = url.IndexOf(':') is var c and > 0 ? url[..c] : "";
        return scheme switch
        {
            "http" or "https" => $"failing loading \"{url}\": HTTP request failed for {url}: remote schemas are not fetched by HelmSharp",
            "file" => $"failing loading \"{url}\": open {Uri.UnescapeDataString(url["file://".Length..])}: no such file or directory",
            _ => $"failing loading \"{url}\": no URLLoader registered for \"{url}\"",
        };
    }

    public static (string doc, string frag) Split(string url)
    {
        int h = url.IndexOf('#');
        return h < 0 ? (url, "") : (url[..h], url[(h + 1)..]);
    }

    /// <summary>RFC 3986 reference resolution, kept textual (no normalisation beyond what Go's url.ResolveReference does).</summary>
    public static string Combine(string baseUri, string reference)
    {
        if (reference.Length == 0) return Split(baseUri).doc;
        if (reference.StartsWith('#')) return Split(baseUri).doc + reference;
        if (Uri.TryCreate(reference, UriKind.Absolute, out var absRef) && reference.Contains(':', StringComparison.Ordinal)) return absRef.IsFile ? reference : reference;
        if (Uri.TryCreate(Split(baseUri).doc, UriKind.Absolute, out var b) && Uri.TryCreate(b, reference, out var r))
        {
            var s = r.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path | UriComponents.Query, UriFormat.UriEscaped);
            if (r.Scheme == "file" && !s.StartsWith("file:///", StringComparison.Ordinal)) s = "file:///" + s["file://".Length..].TrimStart('/');
            int h = reference.IndexOf('#');
            return h >= 0 ? s + reference[h..] : s;
        }
        return reference;
    }

    public static string Escape(string s) => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    // ---- drafts ----

    /// <summary>
    /// helm 4 (santhosh-tekuri/jsonschema v6): the draft a root <c>$schema</c> selects. json-schema.org's
    /// <c>/schema</c> means the latest draft (2020-12); http and https spellings are the same; an empty fragment is
    /// allowed. Anything else would be loaded as a meta-schema: URNs give the permissive schema (and a warning), other
    /// URLs are fetched by helm, which HelmSharp does not do (clean error in helm's words).
    /// </summary>
    public static SchemaDraft DraftForHelm4(JsonNode? root, out string? urnWarning)
    {
        urnWarning = null;
        if (root is not JsonObject obj || !obj.TryGetPropertyValue("$schema", out var sv)) return SchemaDraft.Draft2020;
        if (sv is not JsonValue jv || !jv.TryGetValue<string>(out var url))
            throw new SchemaCompileException(
                "\"file:///values.schema.json#\" is not valid against metaschema: jsonschema validation failed with 'https://json-schema.org/draft/2020-12/schema#'\n" +
                "- at '': 'allOf' failed\n  - at '/$schema': got " + JsonTypeName(sv) + ", want string");
        var (doc, frag) = Split(url);
        var known = KnownMeta(doc);
        if (known != null && frag.Length == 0) return known.Value;
        if (known != null) return known.Value; // a pointer into a bundled meta-schema names that meta-schema's draft
        if (doc.StartsWith("urn:", StringComparison.Ordinal))
        {
            urnWarning = doc;
            return SchemaDraft.Draft2020;
        }
        if (doc.Length == 0) return SchemaDraft.Draft2020;
        throw new SchemaCompileException(RemoteError(doc));
    }

    private static SchemaDraft? KnownMeta(string doc)
    {
        string u = doc;
        if (u.StartsWith("http://", StringComparison.Ordinal)) u = u[7..];
        else if (u.StartsWith("https://", StringComparison.Ordinal)) u = u[8..];
        else return null;
        return u switch
        {
            "json-schema.org/schema" => SchemaDraft.Draft2020,
            "json-schema.org/draft/2020-12/schema" => SchemaDraft.Draft2020,
            "json-schema.org/draft/2019-09/schema" => SchemaDraft.Draft2019,
            "json-schema.org/draft-07/schema" => SchemaDraft.Draft7,
            "json-schema.org/draft-06/schema" => SchemaDraft.Draft6,
            "json-schema.org/draft-04/schema" => SchemaDraft.Draft4,
            _ => null,
        };
    }

    /// <summary>
    /// helm 3 (xeipuuv/gojsonschema v1.2.0): only the exact http URLs of drafts 4, 6 and 7 (with or without an
    /// empty fragment) select a draft; every other <c>$schema</c> (json-schema.org/schema, https spellings, 2019-09,
    /// 2020-12, unknown URLs) leaves the "hybrid" default, which understands the keywords of all three.
    /// </summary>
    public static SchemaDraft DraftForHelm3(JsonNode? root)
    {
        if (root is not JsonObject obj || !obj.TryGetPropertyValue("$schema", out var sv)) return SchemaDraft.Hybrid;
        if (sv is not JsonValue jv || !jv.TryGetValue<string>(out var url))
            throw new SchemaCompileException("$schema must be of type string");
        if (url.EndsWith('#')) url = url[..^1];
        return url switch
        {
            "http://json-schema.org/draft-04/schema" => SchemaDraft.Draft4,
            "http://json-schema.org/draft-06/schema" => SchemaDraft.Draft6,
            "http://json-schema.org/draft-07/schema" => SchemaDraft.Draft7,
            _ => SchemaDraft.Hybrid,
        };
    }

    public static string JsonTypeName(JsonNode? n) => n?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "number",
    };
}
