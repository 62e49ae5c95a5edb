using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelmSharp.Values;

/// <summary>
/// helm 3's schema validation: xeipuuv/gojsonschema v1.2.0 as helm 3.17.3 calls it, rebuilt in the library's order
/// (type first and alone, then anyOf/oneOf/allOf/not/dependencies/if, the type's own keywords, const/enum, and the
/// properties last), with its scores for picking the anyOf/oneOf branch whose errors are shown and its message texts.
/// gojsonschema keeps <c>properties</c> in Go map order, so the order of errors from sibling properties is random in
/// helm 3; here it is the schema's order (object members by sorted name).
/// </summary>
internal sealed class SchemaHelm3
{
    private sealed class Result
    {
        public readonly List<string> Errors = [];
        public int Score;
        public bool Valid => Errors.Count == 0;
        public void Merge(Result o) { Errors.AddRange(o.Errors); Score += o.Score; }
    }

    private readonly SchemaDocument _doc;
    private readonly SchemaBudget _budget;

    private SchemaHelm3(SchemaDocument doc, SchemaBudget budget) { _doc = doc; _budget = budget; }

    public static string? Validate(SchemaDocument doc, object? values, SchemaBudget budget)
    {
        var v = new SchemaHelm3(doc, budget);
        v.CheckSchema(doc.Root, 0, new HashSet<JsonNode>(ReferenceEqualityComparer.Instance));
        var r = new Result();
        v.Recursive(doc.Root, values, r, [], 0);
        if (r.Valid) return null;
        var sb = new StringBuilder();
        foreach (var e in r.Errors) sb.Append("- ").Append(e).Append('\n');
        return sb.ToString();
    }

    private SchemaDraft Draft => _doc.Draft;

    /// <summary>The parse-time checks of gojsonschema that helm users meet (bad regexes, unresolvable references).</summary>
    private void CheckSchema(JsonNode node, int depth, HashSet<JsonNode> seen)
    {
        _budget.Step(depth);
        if (node is not JsonObject s || !seen.Add(node)) return;
        if (s["pattern"] is JsonValue pv && pv.TryGetValue<string>(out var pat))
        {
            try { HelmSharp.Go.GoRegexp.Compile(pat); }
            catch (HelmSharp.Go.GoRegexpSyntaxException) { throw new SchemaCompileException("pattern must be a valid regex"); }
        }
        if (s["$ref"] is JsonValue rv && rv.TryGetValue<string>(out var reference))
        {
            try { _doc.Resolve(s, reference); }
            catch (SchemaCompileException)
            {
                var (doc, frag) = SchemaDocument.Split(SchemaDocument.Combine(_doc.BaseOf(s), reference));
                // gojsonschema fetches a remote document (helm prints Go's net/http error after `Get "URL": `); we never do
                if (doc.StartsWith("http://", StringComparison.Ordinal) || doc.StartsWith("https://", StringComparison.Ordinal))
                    throw new SchemaCompileException($"Get \"{doc}\": remote schemas are not fetched by HelmSharp");
                if (doc != SchemaDocument.RootUrl) throw new SchemaCompileException($"Reference {reference} must be canonical");
                var seg = frag.TrimStart('/').Split('/')[0];
                throw new SchemaCompileException($"Object has no key '{Uri.UnescapeDataString(seg)}'");
            }
            return;
        }
        foreach (var (k, v) in s)
            if (v != null && k is not ("enum" or "const" or "default" or "examples")) CheckSchema(v, depth + 1, seen);
    }

    private static string Field(List<string> ctx) => ctx.Count == 0 ? "(root)" : string.Join(".", ctx);

    private void Add(Result r, List<string> ctx, string description)
    {
        _budget.Error();
        r.Errors.Add(Field(ctx) + ": " + description);
        r.Score -= 2;
    }

    private Result Sub(JsonNode sch, object? v, List<string> ctx, int depth)
    {
        var r = new Result();
        Recursive(sch, v, r, ctx, depth + 1);
        return r;
    }

    private static string TypeOf(object? v) => v switch
    {
        null => "null",
        bool => "boolean",
        string => "string",
        Dictionary<string, object?> => "object",
        object?[] => "array",
        _ => SchemaValues.IsWhole(v) ? "integer" : "number",
    };

    private void Recursive(JsonNode sch, object? v, Result r, List<string> ctx, int depth)
    {
        _budget.Step(depth);
        if (sch is JsonValue bv && bv.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (Draft == SchemaDraft.Draft4) throw new SchemaCompileException("Invalid JSON, expected: schema");
            if (bv.GetValueKind() == JsonValueKind.False) Add(r, ctx, "False always fails validation");
            return;
        }
        if (sch is not JsonObject s) return;
        if (s["$ref"] is JsonValue rv && rv.TryGetValue<string>(out var reference))
        {
            Recursive(_doc.Resolve(s, reference).Target, v, r, ctx, depth + 1);
            return;
        }
        var types = TypeList(s);
        var given = TypeOf(v);
        if (types.Count > 0)
        {
            bool ok = types.Contains(given) || (given == "integer" && types.Contains("number"));
            if (!ok)
            {
                Add(r, ctx, "Invalid type. Expected: " + (types.Count == 1 ? types[0] : "[" + string.Join(",", types) + "]") + ", given: " + given);
                return;
            }
        }
        ValidateSchema(s, v, r, ctx, depth);
        switch (v)
        {
            case Dictionary<string, object?> obj:
                ValidateObject(s, obj, r, ctx, depth);
                ValidateCommon(s, v, r, ctx);
                if (s["properties"] is JsonObject props)
                    foreach (var (name, ps) in props)
                        if (ps != null && obj.TryGetValue(name, out var child))
                            Recursive(ps, child, r, [.. ctx, name], depth + 1);
                break;
            case object?[] arr:
                ValidateArray(s, arr, r, ctx, depth);
                ValidateCommon(s, v, r, ctx);
                break;
            case string str:
                ValidateCommon(s, v, r, ctx);
                ValidateString(s, str, r, ctx);
                break;
            case null:
            case bool:
                ValidateCommon(s, v, r, ctx);
                break;
            default:
                ValidateNumber(s, v, r, ctx);
                ValidateCommon(s, v, r, ctx);
                break;
        }
        r.Score++;
    }

    // The type list and the marshalled enum members of each schema object, read once (reading a string of a JsonNode
    // decodes it anew each time: a values file of thousands of items made as many strings per keyword).
    private readonly Dictionary<JsonObject, List<string>> _types = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonArray, List<string>> _enums = new(ReferenceEqualityComparer.Instance);

    private List<string> TypeList(JsonObject s)
    {
        if (!_types.TryGetValue(s, out var l)) _types[s] = l = ReadTypeList(s);
        return l;
    }

    private static List<string> ReadTypeList(JsonObject s)
    {
        var l = new List<string>();
        if (s["type"] is JsonValue tv && tv.TryGetValue<string>(out var one)) l.Add(one);
        else if (s["type"] is JsonArray ta) foreach (var x in ta) if (x is JsonValue xv && xv.TryGetValue<string>(out var xs) && !l.Contains(xs)) l.Add(xs);
        return l;
    }

    private bool AtLeast6 => Draft != SchemaDraft.Draft4;

    private void ValidateSchema(JsonObject s, object? v, Result r, List<string> ctx, int depth)
    {
        if (s["anyOf"] is JsonArray anyOf && anyOf.Count > 0)
        {
            bool ok = false;
            Result? best = null;
            foreach (var sch in anyOf)
            {
                if (ok || sch == null) continue;
                var sub = Sub(sch, v, ctx, depth);
                ok = sub.Valid;
                if (!ok && (best == null || sub.Score > best.Score)) best = sub;
            }
            if (!ok)
            {
                Add(r, ctx, "Must validate at least one schema (anyOf)");
                if (best != null) r.Merge(best);
            }
        }
        if (s["oneOf"] is JsonArray oneOf && oneOf.Count > 0)
        {
            int n = 0;
            Result? best = null;
            foreach (var sch in oneOf)
            {
                if (sch == null) continue;
                var sub = Sub(sch, v, ctx, depth);
                if (sub.Valid) n++;
                else if (n == 0 && (best == null || sub.Score > best.Score)) best = sub;
            }
            if (n != 1)
            {
                Add(r, ctx, "Must validate one and only one schema (oneOf)");
                if (n == 0 && best != null) r.Merge(best);
            }
        }
        if (s["allOf"] is JsonArray allOf && allOf.Count > 0)
        {
            int n = 0;
            foreach (var sch in allOf)
            {
                if (sch == null) continue;
                var sub = Sub(sch, v, ctx, depth);
                if (sub.Valid) n++;
                r.Merge(sub);
            }
            if (n != allOf.Count) Add(r, ctx, "Must validate all the schemas (allOf)");
        }
        if (s["not"] is { } not && Sub(not, v, ctx, depth).Valid) Add(r, ctx, "Must not validate the schema (not)");
        if (s["dependencies"] is JsonObject deps && v is Dictionary<string, object?> obj)
            foreach (var key in obj.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                if (!deps.TryGetPropertyValue(key, out var dep) || dep == null) continue;
                if (dep is JsonArray da)
                {
                    foreach (var d in da)
                        if (d is JsonValue dv && dv.TryGetValue<string>(out var ds) && !obj.ContainsKey(ds)) Add(r, ctx, "Has a dependency on " + ds);
                }
                else Recursive(dep, v, r, ctx, depth + 1);
            }
        if (Draft is SchemaDraft.Draft7 or SchemaDraft.Hybrid && s["if"] is { } ifs)
        {
            bool ifValid = Sub(ifs, v, ctx, depth).Valid;
            if (ifValid && s["then"] is { } then)
            {
                var sub = Sub(then, v, ctx, depth);
                if (!sub.Valid) { Add(r, ctx, "Must validate \"then\" as \"if\" was valid"); r.Merge(sub); }
            }
            if (!ifValid && s["else"] is { } els)
            {
                var sub = Sub(els, v, ctx, depth);
                if (!sub.Valid) { Add(r, ctx, "Must validate \"else\" as \"if\" was not valid"); r.Merge(sub); }
            }
        }
        r.Score++;
    }

    /// <summary>gojsonschema compares enum/const members as JSON texts re-encoded without json.Number.</summary>
    private static string Marshal(object? v) => HelmSharp.Json.GoJson.Marshal(Plain(v));

    private static object? Plain(object? v) => v switch
    {
        SchemaNumber n => n.Double,
        long or int => SchemaValues.ToDouble(v),
        Dictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Plain(kv.Value), StringComparer.Ordinal),
        object?[] a => a.Select(Plain).ToArray(),
        _ => v,
    };

    private void ValidateCommon(JsonObject s, object? v, Result r, List<string> ctx)
    {
        if (AtLeast6 && s.TryGetPropertyValue("const", out var cn))
        {
            var want = Marshal(SchemaValues.FromNode(cn));
            if (Marshal(v) != want) Add(r, ctx, Field(ctx) + " does not match: " + want);
        }
        if (s["enum"] is JsonArray en && en.Count > 0)
        {
            if (!_enums.TryGetValue(en, out var allowed)) _enums[en] = allowed = en.Select(x => Marshal(SchemaValues.FromNode(x))).ToList();
            if (!allowed.Contains(Marshal(v))) Add(r, ctx, Field(ctx) + " must be one of the following: " + string.Join(", ", allowed));
        }
        r.Score++;
    }

    private static int? IntVal(JsonObject s, string kw) =>
        s[kw] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? (int)Math.Clamp(d, int.MinValue, int.MaxValue) : null;

    private void ValidateArray(JsonObject s, object?[] arr, Result r, List<string> ctx, int depth)
    {
        var items = s["items"];
        if (items is JsonArray ia)
        {
            int n = Math.Min(ia.Count, arr.Length);
            for (int i = 0; i < n; i++) if (ia[i] != null) r.Merge(Sub(ia[i]!, arr[i], [.. ctx, SchemaValues.IntText(i)], depth));
            if (ia.Count < arr.Length)
            {
                var add = s["additionalItems"];
                if (add is JsonValue av && av.GetValueKind() == JsonValueKind.False) Add(r, ctx, "No additional items allowed on array");
                else if (add is JsonObject)
                    for (int i = ia.Count; i < arr.Length; i++) r.Merge(Sub(add, arr[i], [.. ctx, SchemaValues.IntText(i)], depth));
            }
        }
        else if (items != null)
            for (int i = 0; i < arr.Length; i++) r.Merge(Sub(items, arr[i], [.. ctx, SchemaValues.IntText(i)], depth));
        if (IntVal(s, "minItems") is { } min && arr.Length < min) Add(r, ctx, $"Array must have at least {min} items");
        if (IntVal(s, "maxItems") is { } max && arr.Length > max) Add(r, ctx, $"Array must have at most {max} items");
        if (s["uniqueItems"] is JsonValue uv && uv.GetValueKind() == JsonValueKind.True)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int j = 0; j < arr.Length; j++)
            {
                var key = Marshal(arr[j]);
                if (seen.TryGetValue(key, out var i)) Add(r, ctx, $"array items[{i},{j}] must be unique");
                seen[key] = j;
            }
        }
        if (AtLeast6 && s["contains"] is { } contains)
        {
            bool one = false;
            Result? best = null;
            for (int i = 0; i < arr.Length; i++)
            {
                var sub = Sub(contains, arr[i], [.. ctx, SchemaValues.IntText(i)], depth);
                if (sub.Valid) { one = true; break; }
                if (best == null || sub.Score > best.Score) best = sub;
            }
            if (!one) { Add(r, ctx, "At least one of the items must match"); if (best != null) r.Merge(best); }
        }
        r.Score++;
    }

    private void ValidateObject(JsonObject s, Dictionary<string, object?> obj, Result r, List<string> ctx, int depth)
    {
        if (IntVal(s, "minProperties") is { } min && obj.Count < min) Add(r, ctx, $"Must have at least {min} properties");
        if (IntVal(s, "maxProperties") is { } max && obj.Count > max) Add(r, ctx, $"Must have at most {max} properties");
        if (s["required"] is JsonArray req)
            foreach (var x in req)
                if (x is JsonValue xv && xv.TryGetValue<string>(out var name))
                {
                    if (obj.ContainsKey(name)) r.Score++;
                    else Add(r, ctx, name + " is required");
                }
        var props = s["properties"] as JsonObject;
        var patterns = s["patternProperties"] as JsonObject;
        var additional = s["additionalProperties"];
        foreach (var key in obj.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            bool found = props != null && props.ContainsKey(key);
            bool pp = false;
            if (patterns != null)
            {
                foreach (var (re, psch) in patterns)
                {
                    if (psch == null || !SchemaFormats.Matches(SchemaFormats.CompileRegex(re, _budget), key)) continue;
                    pp = true;
                    r.Merge(Sub(psch, obj[key], [.. ctx, key], depth));
                }
                if (pp) r.Score++;
            }
            if (!found && !pp)
            {
                if (additional is JsonValue av && av.GetValueKind() == JsonValueKind.False) Add(r, ctx, "Additional property " + key + " is not allowed");
                else if (additional is JsonObject) r.Merge(Sub(additional, obj[key], [.. ctx, key], depth));
            }
        }
        if (AtLeast6 && s["propertyNames"] is { } pn)
            foreach (var key in obj.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                var sub = Sub(pn, key, ctx, depth);
                if (!sub.Valid) { Add(r, ctx, $"Property name of \"{key}\" does not match"); r.Merge(sub); }
            }
        r.Score++;
    }

    private void ValidateString(JsonObject s, string str, Result r, List<string> ctx)
    {
        if (IntVal(s, "minLength") is { } min && SchemaValues.RuneCount(str) < min) Add(r, ctx, $"String length must be greater than or equal to {min}");
        if (IntVal(s, "maxLength") is { } max && SchemaValues.RuneCount(str) > max) Add(r, ctx, $"String length must be less than or equal to {max}");
        if (s["pattern"] is JsonValue pv && pv.TryGetValue<string>(out var pattern) && !SchemaFormats.Matches(SchemaFormats.CompileRegex(pattern, _budget), str))
            Add(r, ctx, "Does not match pattern '" + pattern + "'");
        if (s["format"] is JsonValue fv && fv.TryGetValue<string>(out var format) && !SchemaFormats.Helm3(format, str))
            Add(r, ctx, "Does not match format '" + format + "'");
        r.Score++;
    }

    /// <summary>A number as gojsonschema's messages print it: *big.Float through text/template, %g with 10 digits.</summary>
    internal static string BigFloat(SchemaNumber n) =>
        // fmt's %v on a *big.Float is %g with the shortest digits, as strconv's; big.Float has no negative zero.
        n.Double == 0 ? "0" : HelmSharp.Go.GoStrconv.FormatFloat(n.Double, 'g', -1, 64);

    private void ValidateNumber(JsonObject s, object v, Result r, List<string> ctx)
    {
        SchemaNumber? Num(string kw) => s[kw] is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? new SchemaNumber(n.ToJsonString()) : null;
        var minimum = Num("minimum");
        var maximum = Num("maximum");
        SchemaNumber? exMin = null, exMax = null;
        if (s["exclusiveMaximum"] is JsonValue xb && xb.GetValueKind() == JsonValueKind.True) { if (Draft is SchemaDraft.Draft4 or SchemaDraft.Hybrid) { exMax = maximum; maximum = null; } }
        else if (AtLeast6) exMax = Num("exclusiveMaximum");
        if (s["exclusiveMinimum"] is JsonValue nb && nb.GetValueKind() == JsonValueKind.True) { if (Draft is SchemaDraft.Draft4 or SchemaDraft.Hybrid) { exMin = minimum; minimum = null; } }
        else if (AtLeast6) exMin = Num("exclusiveMinimum");
        if (Num("multipleOf") is { } mul && !SchemaValues.IsMultiple(v, mul)) Add(r, ctx, "Must be a multiple of " + BigFloat(mul));
        if (maximum != null && SchemaValues.Compare(v, maximum) > 0) Add(r, ctx, "Must be less than or equal to " + BigFloat(maximum));
        if (exMax != null && SchemaValues.Compare(v, exMax) >= 0) Add(r, ctx, "Must be less than " + BigFloat(exMax));
        if (minimum != null && SchemaValues.Compare(v, minimum) < 0) Add(r, ctx, "Must be greater than or equal to " + BigFloat(minimum));
        if (exMin != null && SchemaValues.Compare(v, exMin) <= 0) Add(r, ctx, "Must be greater than " + BigFloat(exMin));
        r.Score++;
    }
}
