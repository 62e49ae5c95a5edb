using System.Text.Json.Nodes;

namespace HelmSharp.Values;

/// <summary>
/// Finds <c>$ref</c> cycles that never consume the instance (e.g. <c>{"$ref":"#"}</c>) before the schema
/// library sees them: such a schema recurses forever (helm 3 dies with a Go stack overflow; helm 4 reports
/// santhosh-tekuri's "causing reference cycle" error, whose text this reproduces).
/// </summary>
internal static class SchemaCycles
{
    private const int MaxDepth = 1000;
    private const string BaseUrl = "file:///values.schema.json#";

    /// <summary>The helm 4 error line for the first cycle found, or null.</summary>
    public static string? Find(JsonNode? schemaRoot, JsonNode? instance)
    {
        if (schemaRoot is not JsonObject) return null;
        var walker = new Walker(schemaRoot);
        return walker.Visit(schemaRoot, "", "", instance, "", new List<(string Ptr, string Path)>(), 0);
    }

    private sealed class Walker(JsonNode root)
    {
        private readonly HashSet<string> _done = new(StringComparer.Ordinal);

        public string? Visit(JsonNode? schema, string ptr, string kwPath, JsonNode? inst, string instLoc, List<(string Ptr, string Path)> scope, int depth)
        {
            if (schema is not JsonObject obj) return null;
            if (depth > MaxDepth)
                return $"- at '{instLoc}': schema nesting at {kwPath} exceeds the maximum depth of {MaxDepth}\n";
            foreach (var s in scope)
                if (string.Equals(s.Ptr, ptr, StringComparison.Ordinal))
                    return $"- at '{instLoc}': both {kwPath} and {s.Path} resolve to \"{BaseUrl}{ptr}\" causing reference cycle\n";
            var key = ptr + "\u0000" + instLoc;
            if (_done.Contains(key)) return null;
            scope.Add((ptr, kwPath));
            try
            {
                string? err;
                // In-place applicators: same instance location, the scope grows.
                if (obj["$ref"] is JsonValue rv && rv.TryGetValue<string>(out var r) && r.StartsWith('#') && (r.Length == 1 || r[1] == '/'))
                {
                    var target = ResolvePointer(r.Substring(1), out var canon);
                    if (target != null && (err = Visit(target, canon, kwPath + "/$ref", inst, instLoc, scope, depth + 1)) != null) return err;
                }
                foreach (var kw in (ReadOnlySpan<string>)["allOf", "anyOf", "oneOf"])
                    if (obj[kw] is JsonArray arr)
                        for (int i = 0; i < arr.Count; i++)
                            if ((err = Visit(arr[i], ptr + "/" + kw + "/" + i, kwPath + "/" + kw + "/" + i, inst, instLoc, scope, depth + 1)) != null) return err;
                foreach (var kw in (ReadOnlySpan<string>)["not", "if", "then", "else"])
                    if (obj[kw] is JsonObject sub && (err = Visit(sub, ptr + "/" + kw, kwPath + "/" + kw, inst, instLoc, scope, depth + 1)) != null) return err;

                // Applicators that descend into the instance start a fresh scope.
                if (inst is JsonObject io)
                {
                    var props = obj["properties"] as JsonObject;
                    foreach (var (name, child) in io)
                    {
                        var childLoc = instLoc + "/" + Escape(name);
                        if (props != null && props[name] is JsonNode ps)
                        {
                            if ((err = Visit(ps, ptr + "/properties/" + Escape(name), kwPath + "/properties/" + Escape(name), child, childLoc, [], depth + 1)) != null) return err;
                        }
                        else if (obj["additionalProperties"] is JsonObject ap)
                        {
                            if ((err = Visit(ap, ptr + "/additionalProperties", kwPath + "/additionalProperties", child, childLoc, [], depth + 1)) != null) return err;
                        }
                    }
                }
                else if (inst is JsonArray ia && obj["items"] is JsonObject items)
                {
                    for (int i = 0; i < ia.Count; i++)
                        if ((err = Visit(items, ptr + "/items", kwPath + "/items", ia[i], instLoc + "/" + i, [], depth + 1)) != null) return err;
                }
                _done.Add(key);
                return null;
            }
            finally { scope.RemoveAt(scope.Count - 1); }
        }

        private JsonNode? ResolvePointer(string fragment, out string canonical)
        {
            canonical = Uri.UnescapeDataString(fragment);
            JsonNode? cur = root;
            if (canonical.Length == 0) return cur;
            foreach (var raw in canonical.Substring(1).Split('/'))
            {
                var seg = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (cur is JsonObject o) cur = o[seg];
                else if (cur is JsonArray a && int.TryParse(seg, out var i) && i >= 0 && i < a.Count) cur = a[i];
                else return null;
            }
            return cur;
        }

        private static string Escape(string s) => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }
}
