using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HelmSharp.Charts;
using Json.Schema;

namespace HelmSharp.Values;

/// <summary>
/// Validates coalesced values against each chart's <c>values.schema.json</c> and reports failures
/// in helm's format (helm 4: santhosh-tekuri/jsonschema style; helm 3: gojsonschema style).
/// </summary>
public static class SchemaValidator
{
    /// <summary>
    /// helm's <c>ValidateAgainstSchema</c>: the root chart's schema against <paramref name="values"/>, then every
    /// dependency's schema against <c>values[dep]</c>. Throws <see cref="ValuesException"/> with helm's message.
    /// </summary>
    public static void ValidateAgainstSchema(Chart chart, Dictionary<string, object?> values, int helmMajor = 4)
    {
        var sb = new StringBuilder();
        HelmSharp.Go.StackGuard.Run((chart, values, helmMajor, sb), static a => Validate(a.chart, a.values, a.helmMajor, a.sb, 0));
        if (sb.Length > 0)
            throw new ValuesException("values don't meet the specifications of the schema(s) in the following chart(s):\n" + sb);
    }

    private static void Validate(Chart chart, Dictionary<string, object?> values, int major, StringBuilder sb, int depth)
    {
        if (depth > 256) return;
        if (chart.Schema != null)
        {
            var err = ValidateOne(chart.Schema, values, major);
            if (err != null) sb.Append(chart.Name).Append(":\n").Append(err);
        }
        foreach (var sub in chart.Dependencies)
        {
            if (!values.TryGetValue(sub.Name, out var sv) || sv == null) continue;
            if (sv is Dictionary<string, object?> sm) Validate(sub, sm, major, sb, depth + 1);
            else sb.Append(sub.Name).Append(":\ninvalid type for values: expected object (map), got ").Append(Strvals.GoTypeName(sv)).Append('\n');
        }
    }

    /// <summary>
    /// A schema file that is not JSON fails that chart's validation with the JSON decoder's error, as in helm (whose
    /// decoder reads a stream: an empty file is "EOF", a cut-off one "unexpected EOF"); null when it is JSON.
    /// </summary>
    private static string? SchemaSyntaxError(byte[] schemaBytes)
    {
        var text = Encoding.UTF8.GetString(schemaBytes);
        if (text.AsSpan().Trim(" \t\r\n").IsEmpty) return "EOF";
        try { HelmSharp.Json.GoJson.Unmarshal(text); }
        catch (HelmSharp.Json.GoJsonException e)
        {
            return e.Message == "unexpected end of JSON input" ? "unexpected EOF" : e.Message;
        }
        return null;
    }

    internal static JsonNode? ToNode(object? v, int depth = 0)
    {
        if (depth > 10000 || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new ValuesException("values nesting is too deep");
        switch (v)
        {
            case null: return null;
            case bool b: return JsonValue.Create(b);
            case string s: return JsonValue.Create(s);
            case double d: return JsonValue.Create(d);
            case long l: return JsonValue.Create(l);
            case int i: return JsonValue.Create(i);
            case Dictionary<string, object?> m:
            {
                var o = new JsonObject();
                foreach (var (k, x) in m) o[k] = ToNode(x, depth + 1);
                return o;
            }
            case object?[] a:
            {
                var arr = new JsonArray();
                foreach (var x in a) arr.Add(ToNode(x, depth + 1));
                return arr;
            }
            default: return JsonValue.Create(v.ToString());
        }
    }

    private static string? CanonicalMetaSchema(string uri)
    {
        var u = uri.Trim();
        if (u.StartsWith("https://", StringComparison.Ordinal)) u = "http://" + u[8..];
        u = u.TrimEnd('#');
        return u switch
        {
            "http://json-schema.org/draft-06/schema" => "http://json-schema.org/draft-06/schema#",
            "http://json-schema.org/draft-07/schema" => "http://json-schema.org/draft-07/schema#",
            "http://json-schema.org/draft/2019-09/schema" => "https://json-schema.org/draft/2019-09/schema",
            "http://json-schema.org/draft/2020-12/schema" => "https://json-schema.org/draft/2020-12/schema",
            _ => null,
        };
    }

    private static string? ValidateOne(byte[] schemaBytes, Dictionary<string, object?> values, int major)
    {
        JsonSchema schema;
        JsonNode? schemaNode;
        if (SchemaSyntaxError(schemaBytes) is { } syntax) return syntax; // helm adds no line break after it
        try
        {
            var text = Encoding.UTF8.GetString(schemaBytes);
            schemaNode = JsonNode.Parse(text);
            if (schemaNode is JsonObject so && so["$schema"] is JsonValue mv && mv.TryGetValue<string>(out var meta)
                && CanonicalMetaSchema(meta) is { } canonical && canonical != meta)
            {
                // helm's validators know the meta-schemas under their https / no-fragment spellings too.
                so["$schema"] = canonical;
                text = so.ToJsonString();
            }
            schema = JsonSchema.FromText(text);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or JsonSchemaException or ArgumentException or InvalidOperationException)
        {
            throw new ValuesException("unable to validate schema: " + e.Message, e);
        }
        var built = ToNode(values);
        var instance = built == null ? null : JsonNode.Parse(built.ToJsonString());
        // A $ref cycle that never consumes the instance recurses forever in the schema library.
        var cycle = SchemaCycles.Find(schemaNode, instance);
        if (cycle != null) return cycle;
        EvaluationResults res;
        try
        {
            // helm 4 (santhosh-tekuri) asserts "format" only for drafts before 2019-09; helm 3 (gojsonschema) always does.
            var draft = (schemaNode as JsonObject)?["$schema"] is JsonValue sv && sv.TryGetValue<string>(out var ds) ? ds : "";
            bool assertFormat = major == 3 || draft.Contains("draft-04", StringComparison.Ordinal) || draft.Contains("draft-06", StringComparison.Ordinal) || draft.Contains("draft-07", StringComparison.Ordinal);
            res = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = assertFormat });
        }
        catch (Exception e) when (e is JsonSchemaException or InvalidOperationException or RefResolutionException)
        {
            throw new ValuesException(e.Message, e);
        }
        if (res.IsValid) return null;
        // Collect (location, keyword, message) in evaluation order.
        var errs = new List<(string loc, string kw, string msg)>();
        var additional = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        IEnumerable<EvaluationResults> details = res.Details.Count > 0 ? res.Details : [res];
        foreach (var d in details)
        {
            if (d.Errors == null || d.Errors.Count == 0) continue;
            var loc = d.InstanceLocation.ToString();
            var evalPath = d.EvaluationPath.ToString();
            if (evalPath.EndsWith("/additionalProperties", StringComparison.Ordinal) && loc.Length > 0)
            {
                int slash = loc.LastIndexOf('/');
                var parent = loc.Substring(0, slash);
                var prop = loc.Substring(slash + 1).Replace("~1", "/").Replace("~0", "~");
                if (!additional.TryGetValue(parent, out var l)) { additional[parent] = l = []; errs.Add((parent, "additionalProperties", "")); }
                l.Add(prop);
                continue;
            }
            foreach (var (kw, _) in d.Errors)
            {
                var inst = Resolve(instance, d.InstanceLocation);
                var sch = ResolveSchema(schemaNode, d.SchemaLocation);
                var msg = major == 3 ? Message3(kw, loc, inst, sch) : Message4(kw, inst, sch);
                if (string.IsNullOrEmpty(msg)) continue;
                errs.Add((loc, kw, msg));
            }
        }
        if (errs.Count == 0) return null;
        // Fill in additionalProperties messages.
        for (int i = 0; i < errs.Count; i++)
        {
            if (errs[i].kw != "additionalProperties" || errs[i].msg.Length != 0) continue;
            var names = additional[errs[i].loc];
            var m = major == 3
                ? string.Join("\n- ", names.Select(n => Field3(errs[i].loc) + ": Additional property " + n + " is not allowed"))
                : "additional properties " + string.Join(", ", names.Select(n => "'" + n + "'")) + " not allowed";
            errs[i] = (errs[i].loc, errs[i].kw, m);
        }
        // v4 (santhosh-tekuri): enum/const failure hides the other keyword errors of the same location.
        if (major != 3)
        {
            var hidden = new HashSet<string>(errs.Where(e => e.kw is "enum" or "const").Select(e => e.loc), StringComparer.Ordinal);
            errs = errs.Where(e => !hidden.Contains(e.loc) || e.kw is "enum" or "const").ToList();
        }
        var locs = new List<string>();
        foreach (var e in errs) if (!locs.Contains(e.loc)) locs.Add(e.loc);
        string? ParentOf(string l)
        {
            string? best = null;
            foreach (var o in locs)
                if (o != l && (o.Length == 0 ? l.Length > 0 : l.StartsWith(o + "/", StringComparison.Ordinal)) && (best == null || o.Length > best.Length)) best = o;
            return best;
        }
        var sb = new StringBuilder();
        void Emit(string loc, int depth)
        {
            if (depth > 1000) return;
            var mine = errs.Where(e => e.loc == loc).OrderBy(e => Priority(e.kw, major)).ToList();
            foreach (var e in mine) if (major == 3 || e.kw != "additionalProperties") Line(e);
            foreach (var child in locs) if (ParentOf(child) == loc) Emit(child, depth + 1);
            if (major != 3) foreach (var e in mine) if (e.kw == "additionalProperties") Line(e);
        }
        void Line((string loc, string kw, string msg) e)
        {
            if (major == 3) sb.Append("- ").Append(e.msg).Append('\n');
            else sb.Append("- at '").Append(e.loc).Append("': ").Append(e.msg).Append('\n');
        }
        foreach (var l in locs) if (ParentOf(l) == null) Emit(l, 0);
        return sb.ToString();
    }

    private static int Priority(string kw, int major) => kw switch
    {
        "required" => 0,
        "additionalProperties" => major == 3 ? 1 : 100,
        "type" => 2,
        "enum" => 3,
        "const" => 4,
        "minLength" => 5,
        "maxLength" => 6,
        "pattern" => 7,
        "format" => 8,
        _ => 50,
    };

    private static JsonNode? Resolve(JsonNode? root, global::Json.Pointer.JsonPointer p)
    {
        var cur = root;
        foreach (var seg in p)
        {
            if (cur is JsonObject o) cur = o[seg];
            else if (cur is JsonArray a && int.TryParse(seg, out var i) && i < a.Count) cur = a[i];
            else return null;
        }
        return cur;
    }

    private static JsonNode? ResolveSchema(JsonNode? root, Uri loc)
    {
        var frag = loc.Fragment;
        if (frag.StartsWith('#')) frag = frag.Substring(1);
        frag = Uri.UnescapeDataString(frag);
        JsonNode? cur = root;
        foreach (var raw in frag.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var seg = raw.Replace("~1", "/").Replace("~0", "~");
            if (cur is JsonObject o) cur = o[seg];
            else if (cur is JsonArray a && int.TryParse(seg, out var i) && i < a.Count) cur = a[i];
            else return null;
        }
        return cur;
    }

    private static string TypeOf(JsonNode? n)
    {
        if (n == null) return "null";
        switch (n.GetValueKind())
        {
            case System.Text.Json.JsonValueKind.Object: return "object";
            case System.Text.Json.JsonValueKind.Array: return "array";
            case System.Text.Json.JsonValueKind.String: return "string";
            case System.Text.Json.JsonValueKind.True:
            case System.Text.Json.JsonValueKind.False: return "boolean";
            case System.Text.Json.JsonValueKind.Number:
                var d = n.GetValue<double>();
                return Math.Floor(d) == d && !double.IsInfinity(d) ? "integer" : "number";
            default: return "null";
        }
    }

    private static string Quote(JsonNode? n) => n?.GetValueKind() == System.Text.Json.JsonValueKind.String ? "'" + n.GetValue<string>() + "'" : Num(n);

    private static string Num(JsonNode? n)
    {
        if (n == null) return "null";
        if (n.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            var d = n.GetValue<double>();
            return d.ToString("R", CultureInfo.InvariantCulture);
        }
        return n.ToJsonString();
    }

    private static string Num4(JsonNode? n) =>
        n != null && n.GetValueKind() == System.Text.Json.JsonValueKind.Number ? Localized(n.GetValue<double>()) : Num(n);

    /// <summary>
    /// A number as helm 4's jsonschema messages print it (golang.org/x/text message printer, English):
    /// %g's choice between fixed and exponent form, digit grouping, exponents as <c>×10⁰⁶</c>.
    /// </summary>
    internal static string Localized(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) return d.ToString(CultureInfo.InvariantCulture);
        var sb = new System.Text.StringBuilder();
        if (d < 0 || (d == 0 && double.IsNegative(d))) { sb.Append('-'); d = -d; }
        // shortest round-trip digits and decimal-point position (value = 0.digits × 10^dp)
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        string mant = shortest; int e10 = 0;
        int ei = shortest.IndexOfAny(['E', 'e']);
        if (ei >= 0) { mant = shortest[..ei]; e10 = int.Parse(shortest[(ei + 1)..], CultureInfo.InvariantCulture); }
        int dot = mant.IndexOf('.');
        string intPart = dot < 0 ? mant : mant[..dot], frac = dot < 0 ? "" : mant[(dot + 1)..];
        string all = intPart + frac;
        int dp = intPart.Length + e10;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') { lead++; dp--; }
        string digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0) { digits = "0"; dp = 1; }
        int nd = digits.Length, exp = dp - 1, eprec = 6;
        if (eprec > nd && nd >= dp) eprec = nd;
        if (exp < -4 || exp >= eprec)
        {
            sb.Append(digits[0]);
            if (nd > 1) sb.Append('.').Append(digits, 1, nd - 1);
            sb.Append("×10");
            const string sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
            if (exp < 0) sb.Append('⁻');
            var es = Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
            if (es.Length < 2) es = "0" + es;
            foreach (var c in es) sb.Append(sup[c - '0']);
            return sb.ToString();
        }
        string ip, fp;
        if (dp <= 0) { ip = "0"; fp = new string('0', -dp) + digits; }
        else if (dp >= nd) { ip = digits + new string('0', dp - nd); fp = ""; }
        else { ip = digits[..dp]; fp = digits[dp..]; }
        for (int i = 0; i < ip.Length; i++)
        {
            if (i > 0 && (ip.Length - i) % 3 == 0) sb.Append(',');
            sb.Append(ip[i]);
        }
        if (fp.Length > 0) sb.Append('.').Append(fp);
        return sb.ToString();
    }

    private static string? Message4(string kw, JsonNode? inst, JsonNode? sch)
    {
        JsonNode? kv = (sch as JsonObject)?[kw];
        switch (kw)
        {
            case "type":
            {
                var got = TypeOf(inst);
                if (got == "integer") got = "number";
                var want = kv is JsonArray ta ? string.Join(" or ", ta.Select(x => x!.GetValue<string>()).OrderBy(x => x, StringComparer.Ordinal)) : kv?.GetValue<string>() ?? "";
                return "got " + got + ", want " + want;
            }
            case "required":
            {
                var missing = new List<string>();
                if (kv is JsonArray ra && inst is JsonObject io)
                    foreach (var r in ra) { var s = r!.GetValue<string>(); if (!io.ContainsKey(s)) missing.Add(s); }
                return missing.Count == 1 ? "missing property '" + missing[0] + "'" : "missing properties " + string.Join(", ", missing.Select(m => "'" + m + "'"));
            }
            case "additionalProperties":
            {
                var extra = new List<string>();
                if (inst is JsonObject io && sch is JsonObject so)
                {
                    var props = so["properties"] as JsonObject;
                    foreach (var (k, _) in io) if (props == null || !props.ContainsKey(k)) extra.Add(k);
                }
                return "additional properties " + string.Join(", ", extra.Select(m => "'" + m + "'")) + " not allowed";
            }
            case "enum":
                return "value must be one of " + string.Join(", ", (kv as JsonArray ?? []).Select(Quote));
            case "const": return "value must be " + Quote(kv);
            case "minimum": return "minimum: got " + Num4(inst) + ", want " + Num4(kv);
            case "maximum": return "maximum: got " + Num4(inst) + ", want " + Num4(kv);
            case "exclusiveMinimum": return "exclusiveMinimum: got " + Num4(inst) + ", want " + Num4(kv);
            case "exclusiveMaximum": return "exclusiveMaximum: got " + Num4(inst) + ", want " + Num4(kv);
            case "multipleOf": return "multipleOf: got " + Num4(inst) + ", want " + Num4(kv);
            case "minLength": return "minLength: got " + Localized(inst?.GetValue<string>().EnumerateRunes().Count() ?? 0) + ", want " + Num4(kv);
            case "maxLength": return "maxLength: got " + Localized(inst?.GetValue<string>().EnumerateRunes().Count() ?? 0) + ", want " + Num4(kv);
            case "minItems": return "minItems: got " + Localized((inst as JsonArray)?.Count ?? 0) + ", want " + Num4(kv);
            case "maxItems": return "maxItems: got " + Localized((inst as JsonArray)?.Count ?? 0) + ", want " + Num4(kv);
            case "pattern": return Quote(inst) + " does not match pattern " + Quote(kv);
            case "format":
            {
                var f = kv?.GetValue<string>() ?? "";
                var sv = inst?.GetValueKind() == System.Text.Json.JsonValueKind.String ? inst.GetValue<string>() : "";
                if (f == "email" && !sv.Contains('@')) return Quote(inst) + " is not valid email: missing @";
                return Quote(inst) + " is not valid " + f;
            }
            case "properties": case "items": case "allOf": case "$ref": case "prefixItems": return null;
            default: return kw;
        }
    }

    private static string Field3(string loc) => loc.Length == 0 ? "(root)" : loc.TrimStart('/').Replace('/', '.');

    private static string? Message3(string kw, string loc, JsonNode? inst, JsonNode? sch)
    {
        JsonNode? kv = (sch as JsonObject)?[kw];
        var field = Field3(loc);
        switch (kw)
        {
            case "type":
            {
                var want = kv is JsonArray ta ? "[" + string.Join(",", ta.Select(x => x!.GetValue<string>())) + "]" : kv?.GetValue<string>() ?? "";
                return field + ": Invalid type. Expected: " + want + ", given: " + TypeOf(inst);
            }
            case "required":
            {
                var sb = new List<string>();
                if (kv is JsonArray ra && inst is JsonObject io)
                    foreach (var r in ra) { var s = r!.GetValue<string>(); if (!io.ContainsKey(s)) sb.Add(field + ": " + s + " is required"); }
                return string.Join("\n- ", sb);
            }
            case "additionalProperties":
            {
                var sb = new List<string>();
                if (inst is JsonObject io && sch is JsonObject so)
                {
                    var props = so["properties"] as JsonObject;
                    foreach (var (k, _) in io) if (props == null || !props.ContainsKey(k)) sb.Add(field + ": Additional property " + k + " is not allowed");
                }
                return string.Join("\n- ", sb);
            }
            case "enum":
                return field + ": " + field.Split('.')[^1] + " must be one of the following: " + string.Join(", ", (kv as JsonArray ?? []).Select(x => x?.ToJsonString() ?? "null"));
            case "minimum": return field + ": Must be greater than or equal to " + Num(kv);
            case "maximum": return field + ": Must be less than or equal to " + Num(kv);
            case "minLength": return field + ": String length must be greater than or equal to " + Num(kv);
            case "maxLength": return field + ": String length must be less than or equal to " + Num(kv);
            case "pattern": return field + ": Does not match pattern '" + kv?.GetValue<string>() + "'";
            case "format": return field + ": Does not match format '" + kv?.GetValue<string>() + "'";
            case "const": return field + ": " + field.Split('.')[^1] + " does not match: " + (kv?.ToJsonString() ?? "null");
            case "minItems": return field + ": Array must have at least " + Num(kv) + " items";
            case "maxItems": return field + ": Array must have at most " + Num(kv) + " items";
            case "properties": case "items": case "allOf": case "$ref": return null;
            default: return field + ": " + kw;
        }
    }
}
