using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HelmSharp.Go;

namespace HelmSharp.Values;

/// <summary>
/// helm 4's schema validation: santhosh-tekuri/jsonschema v6 as helm 4.1.4 calls it, rebuilt keyword by keyword in
/// the library's order so that the same errors come out in the same tree ("validation failed" groups, "'allOf' failed"
/// headers, <c>$ref</c> wrappers that vanish when they hold one cause). helm walks object members in Go map order,
/// which is random; here they follow the order of the values, so sibling errors are sorted where helm's vary.
/// </summary>
internal sealed class SchemaHelm4
{
    private sealed class Err(string loc, string msg)
    {
        public string Loc = loc;
        public string Msg = msg;
        public List<Err>? Causes;
        public bool IsGroup;
        public bool IsRef;
    }

    // Value locations (instance pointers) and evaluation scopes are chains to their parent; both only ever hold the
    // path of the evaluation under way, so they live in two stacks of entries that name their parent's index (-1: none),
    // and a location becomes text only for an error. An evaluation pushes its entries and pops them when it returns.
    private string[] _pathTok = new string[64];
    private int[] _pathParent = new int[64];
    private int _pathTop;

    private struct ScopeEntry
    {
        public JsonNode Sch;
        public string RefKeyword;
        public int Vid;
        public int Parent;
    }

    private ScopeEntry[] _scopes = new ScopeEntry[64];
    private int _scopeTop;

    private int PushPath(int parent, string tok)
    {
        if (_pathTop == _pathTok.Length)
        {
            Array.Resize(ref _pathTok, _pathTop * 2);
            Array.Resize(ref _pathParent, _pathTop * 2);
        }
        _pathTok[_pathTop] = tok;
        _pathParent[_pathTop] = parent;
        return _pathTop++;
    }

    private int PushScope(JsonNode sch, string refKeyword, int vid, int parent)
    {
        if (_scopeTop == _scopes.Length) Array.Resize(ref _scopes, _scopeTop * 2);
        _scopes[_scopeTop] = new ScopeEntry { Sch = sch, RefKeyword = refKeyword, Vid = vid, Parent = parent };
        return _scopeTop++;
    }

    /// <summary>
    /// The keywords of one schema object, looked up once per validation instead of once per value it is applied to
    /// (a schema under <c>additionalProperties</c> or <c>items</c> meets thousands of values). Everything here is a
    /// pure function of the schema node; what can fail (<c>$ref</c> resolution, <c>const</c>/<c>enum</c> literals
    /// nested too deep) is computed on first use, at the same point of the walk as before, and only kept once it succeeded.
    /// </summary>
    private sealed class Kw
    {
        public readonly bool HasRefKey, HasConst, UniqueItems, ExclusiveMinimumTrue, ExclusiveMaximumTrue, HasNumberKeywords;
        public readonly HashSet<string>? Types;
        public readonly string TypesWanted = "";
        public readonly JsonNode? Const;
        public readonly JsonArray? Enum;
        public readonly string? Format, Ref, Pattern;
        public JsonNode? RefTarget;
        public readonly int? MinProperties, MaxProperties, MinItems, MaxItems, MinContains, MaxContains, MinLength, MaxLength;
        public readonly List<string>? Required;
        public readonly JsonObject? Dependencies, PatternProperties, DependentSchemas, DependentRequired;
        public readonly Dictionary<string, JsonNode?>? Properties;
        public readonly JsonNode? AdditionalProperties, PropertyNames, Items, AdditionalItems, Contains, Not, If, Then, Else;
        public readonly JsonArray? PrefixItems, AllOf, AnyOf, OneOf;
        public readonly SchemaNumber? Minimum, Maximum, ExclusiveMinimum, ExclusiveMaximum, MultipleOf;
        private object? _const;
        private bool _constDone;
        private List<object?>? _enum;

        public Kw(JsonObject s)
        {
            HasRefKey = s.ContainsKey("$ref");
            if (s["type"] is { } tn && SchemaHelm4.Types(tn) is { Count: > 0 } types)
            {
                Types = types;
                TypesWanted = string.Join(" or ", new[] { "null", "boolean", "number", "integer", "string", "array", "object" }.Where(types.Contains));
            }
            HasConst = s.TryGetPropertyValue("const", out Const);
            Enum = s["enum"] as JsonArray;
            if (s["format"] is JsonValue fv && fv.TryGetValue<string>(out var format)) Format = format;
            if (s["$ref"] is JsonValue rv && rv.TryGetValue<string>(out var reference)) Ref = reference;
            if (s["pattern"] is JsonValue pv && pv.TryGetValue<string>(out var pattern)) Pattern = pattern;
            MinProperties = IntVal(s, "minProperties");
            MaxProperties = IntVal(s, "maxProperties");
            MinItems = IntVal(s, "minItems");
            MaxItems = IntVal(s, "maxItems");
            MinContains = IntVal(s, "minContains");
            MaxContains = IntVal(s, "maxContains");
            MinLength = IntVal(s, "minLength");
            MaxLength = IntVal(s, "maxLength");
            if (s["required"] is JsonArray) Required = Strings(s["required"]);
            Dependencies = s["dependencies"] as JsonObject;
            if (s["properties"] is JsonObject props)
            {
                Properties = new Dictionary<string, JsonNode?>(props.Count, StringComparer.Ordinal);
                foreach (var (name, _) in props)
                    if (props.TryGetPropertyValue(name, out var ps)) Properties[name] = ps;
            }
            PatternProperties = s["patternProperties"] as JsonObject;
            AdditionalProperties = s["additionalProperties"];
            PropertyNames = s["propertyNames"];
            DependentSchemas = s["dependentSchemas"] as JsonObject;
            DependentRequired = s["dependentRequired"] as JsonObject;
            UniqueItems = s["uniqueItems"] is JsonValue uv && uv.GetValueKind() == JsonValueKind.True;
            Items = s["items"];
            AdditionalItems = s["additionalItems"];
            PrefixItems = s["prefixItems"] as JsonArray;
            Contains = s["contains"];
            Minimum = Num(s, "minimum");
            Maximum = Num(s, "maximum");
            ExclusiveMinimum = Num(s, "exclusiveMinimum");
            ExclusiveMaximum = Num(s, "exclusiveMaximum");
            ExclusiveMinimumTrue = s["exclusiveMinimum"] is JsonValue nb && nb.GetValueKind() == JsonValueKind.True;
            ExclusiveMaximumTrue = s["exclusiveMaximum"] is JsonValue xb && xb.GetValueKind() == JsonValueKind.True;
            MultipleOf = Num(s, "multipleOf");
            HasNumberKeywords = Minimum != null || Maximum != null || ExclusiveMinimum != null || ExclusiveMaximum != null || MultipleOf != null;
            Not = s["not"];
            AllOf = s["allOf"] as JsonArray;
            AnyOf = s["anyOf"] as JsonArray;
            OneOf = s["oneOf"] as JsonArray;
            If = s["if"];
            Then = s["then"];
            Else = s["else"];
        }

        private static SchemaNumber? Num(JsonObject s, string kw) =>
            s[kw] is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? new SchemaNumber(n.ToJsonString()) : null;

        public object? ConstValue()
        {
            if (!_constDone) { _const = SchemaValues.FromNode(Const); _constDone = true; }
            return _const;
        }

        public List<object?> EnumMembers() => _enum ??= Enum!.Select(x => SchemaValues.FromNode(x)).ToList();
    }

    private readonly Dictionary<JsonObject, Kw> _keywords = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, GoRegexp> _regexes = new(StringComparer.Ordinal);
    private readonly Stack<List<Err>> _errorLists = new();

    private Kw K(JsonObject s)
    {
        if (!_keywords.TryGetValue(s, out var k)) _keywords[s] = k = new Kw(s);
        return k;
    }

    // The error list of one evaluation: reused when it ends empty or with one error (a group keeps its list).
    private List<Err> RentErrors() => _errorLists.TryPop(out var l) ? l : [];

    private void ReturnErrors(List<Err> l)
    {
        l.Clear();
        _errorLists.Push(l);
    }

    private readonly SchemaDocument _doc;
    private readonly SchemaBudget _budget;

    private SchemaHelm4(SchemaDocument doc, SchemaBudget budget) { _doc = doc; _budget = budget; }

    /// <summary>The error text helm 4 prints under the chart name (without the trailing extra line break), or null when valid.</summary>
    public static string? Validate(SchemaDocument doc, object? values, SchemaBudget budget)
    {
        var v = new SchemaHelm4(doc, budget);
        var err = v.Run(doc.Root, values, -1, v.PushScope(doc.Root, "", 0, -1), false, 0);
        if (err == null) return null;
        var causes = err.IsGroup ? err.Causes! : [err];
        var sb = new StringBuilder();
        foreach (var c in causes) Display(c, sb, 1);
        // helm strips the library's first line "jsonschema validation failed with ..." and its line break
        return sb.ToString().TrimStart('\n');
    }

    private static void Display(Err e, StringBuilder sb, int indent)
    {
        bool skip = e.IsRef && e.Causes is { Count: 1 };
        if (!skip)
        {
            sb.Append('\n');
            for (int i = 0; i < indent - 1; i++) sb.Append("  ");
            sb.Append("- at ").Append(Quote(e.Loc)).Append(": ").Append(e.Msg);
            indent++;
        }
        if (e.Causes != null) foreach (var c in e.Causes) Display(c, sb, indent);
    }

    internal static string Quote(string s)
    {
        var q = HelmSharp.Go.GoStrconv.Quote(s);
        q = q.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
        return "'" + q[1..^1] + "'";
    }

    private string Ptr(int vloc)
    {
        if (vloc < 0) return "";
        var toks = new List<string>();
        for (var p = vloc; p >= 0; p = _pathParent[p]) toks.Add(_pathTok[p]);
        var sb = new StringBuilder();
        for (int i = toks.Count - 1; i >= 0; i--) sb.Append('/').Append(SchemaValues.Escape(toks[i]));
        return sb.ToString();
    }

    private int Draft => (int)_doc.Draft;

    private Err? Run(JsonNode sch, object? v, int vloc, int scp, bool boolResult, int depth)
    {
        _budget.Step(depth);
        if (sch is JsonValue bv && bv.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return bv.GetValueKind() == JsonValueKind.True ? null : Error(vloc, "false schema");
        if (sch is not JsonObject s) return null;

        // reference cycle: the same schema reached again for the same value
        for (var p = _scopes[scp].Parent; p >= 0 && _scopes[p].Vid == _scopes[scp].Vid; p = _scopes[p].Parent)
            if (ReferenceEquals(_scopes[p].Sch, _scopes[scp].Sch))
                return Error(vloc, $"both {KwLoc(scp)} and {KwLoc(p)} resolve to \"{_doc.LocationOf(sch)}\" causing reference cycle");

        var k = K(s);
        var t = SchemaValues.TypeOf(v);
        bool refOnly = Draft < 2019 && k.HasRefKey;

        if (!refOnly)
        {
            // type
            if (k.Types is { } types)
            {
                bool ok = types.Contains(t) || (types.Contains("integer") && t == "number" && SchemaValues.IsWhole(v));
                if (!ok) return Error(vloc, "got " + t + ", want " + k.TypesWanted);
            }
            // const
            if (Draft >= 6 && k.HasConst)
            {
                var want = k.ConstValue();
                if (!SchemaValues.JsonEquals(v, want))
                    return Error(vloc, want is object?[] or Dictionary<string, object?> ? "'const' failed" : "value must be " + Display(want));
            }
            // enum
            if (k.Enum != null)
            {
                var members = k.EnumMembers();
                if (!AnyEquals(members, v))
                {
                    if (members.Any(m => m is object?[] or Dictionary<string, object?>)) return Error(vloc, "'enum' failed");
                    if (members.Count == 1) return Error(vloc, "value must be " + Display(members[0]));
                    return Error(vloc, "value must be one of " + string.Join(", ", members.Select(Display)));
                }
            }
            // format (asserted before draft 2019-09 only)
            if (Draft < 2019 && k.Format is { } format)
            {
                var ferr = SchemaFormats.Helm4(format, v);
                if (ferr != null) return Error(vloc, Display(v) + " is not valid " + format + ": " + ferr);
            }
        }

        // $ref
        Err? refErr = null;
        if (k.Ref is { } reference)
        {
            var target = k.RefTarget ??= _doc.Resolve(s, reference).Target;
            refErr = ValidateRef(target, v, vloc, scp, "$ref", boolResult, depth);
            if (refOnly) return refErr;
        }
        var errors = RentErrors();
        if (refErr != null) errors.Add(refErr);

        switch (v)
        {
            case Dictionary<string, object?> obj: ObjValidate(k, obj, vloc, scp, boolResult, depth, errors); break;
            case object?[] arr: ArrValidate(k, arr, vloc, scp, boolResult, depth, errors); break;
            case string str: StrValidate(k, str, vloc, errors); break;
            default: if (SchemaValues.IsNumber(v)) NumValidate(k, v!, vloc, errors); break;
        }

        if (errors.Count == 0 || !boolResult) CondValidate(k, v, vloc, scp, boolResult, depth, errors);

        switch (errors.Count)
        {
            case 0: ReturnErrors(errors); return null;
            case 1: var only = errors[0]; ReturnErrors(errors); return only;
            default:
                var g = Error(vloc, "validation failed");
                g.IsGroup = true;
                g.Causes = errors;
                return g;
        }
    }

    // (not a lambda in Run: one capturing its parameter v made Run allocate a closure on every call)
    private static bool AnyEquals(List<object?> members, object? v)
    {
        foreach (var m in members) if (SchemaValues.JsonEquals(v, m)) return true;
        return false;
    }

    private Err Error(int vloc, string msg)
    {
        _budget.Error();
        return new Err(Ptr(vloc), msg);
    }

    private string KwLoc(int sc)
    {
        var loc = "";
        while (_scopes[sc].Parent >= 0)
        {
            var e = _scopes[sc];
            if (e.RefKeyword.Length > 0) loc = "/" + SchemaValues.Escape(e.RefKeyword) + loc;
            else
            {
                var cur = _doc.LocationOf(e.Sch);
                var parent = _doc.LocationOf(_scopes[e.Parent].Sch);
                loc = (cur.StartsWith(parent, StringComparison.Ordinal) ? cur[parent.Length..] : cur) + loc;
            }
            sc = e.Parent;
        }
        return loc;
    }

    private static HashSet<string>? Types(JsonNode tn)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (tn is JsonValue tv && tv.TryGetValue<string>(out var one)) set.Add(one);
        else if (tn is JsonArray ta) foreach (var x in ta) if (x is JsonValue xv && xv.TryGetValue<string>(out var xs)) set.Add(xs);
        set.RemoveWhere(x => x is not ("null" or "boolean" or "number" or "integer" or "string" or "array" or "object"));
        return set;
    }

    internal static string Display(object? v) => v switch
    {
        string s => Quote(s),
        object?[] or Dictionary<string, object?> => "value",
        null => "<nil>",
        bool b => b ? "true" : "false",
        SchemaNumber n => n.Text,
        double d => HelmSharp.Go.GoFormat.Sprint(d),
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private Err? Self(JsonNode sch, object? v, int vloc, int scp, string refKw, bool boolResult, int depth)
    {
        var err = Run(sch, v, vloc, PushScope(sch, refKw, _scopes[scp].Vid, scp), boolResult, depth + 1);
        _scopeTop--;
        return err;
    }

    private Err? Val(JsonNode sch, object? v, int vloc, string tok, int scp, bool boolResult, int depth)
    {
        var err = Run(sch, v, PushPath(vloc, tok), PushScope(sch, "", _scopes[scp].Vid + 1, scp), boolResult, depth + 1);
        _scopeTop--;
        _pathTop--;
        return err;
    }

    private Err? ValidateRef(JsonNode target, object? v, int vloc, int scp, string kw, bool boolResult, int depth)
    {
        var err = Self(target, v, vloc, scp, kw, boolResult, depth);
        if (err == null) return null;
        var refErr = Error(vloc, "validation failed");
        refErr.IsRef = true;
        refErr.Causes = err.IsGroup ? err.Causes : [err];
        return refErr;
    }

    private static int? IntVal(JsonObject s, string kw) =>
        s[kw] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? (int)Math.Clamp(d, int.MinValue, int.MaxValue) : null;

    private static List<string> Strings(JsonNode? n) =>
        n is JsonArray a ? a.Select(x => x is JsonValue xv && xv.TryGetValue<string>(out var s) ? s : null).Where(x => x != null).Select(x => x!).ToList() : [];

    private static List<string>? Missing(Dictionary<string, object?> obj, List<string> reqd)
    {
        List<string>? missing = null;
        foreach (var r in reqd) if (!obj.ContainsKey(r)) (missing ??= []).Add(r);
        return missing;
    }

    private static string JoinQuoted(IEnumerable<string> xs) => string.Join(", ", xs.Select(Quote));

    private void ObjValidate(Kw k, Dictionary<string, object?> obj, int vloc, int scp, bool boolResult, int depth, List<Err> errors)
    {
        if (k.MinProperties is { } minP && obj.Count < minP) errors.Add(Error(vloc, $"minProperties: got {SchemaHelm4Numbers.Int(obj.Count)}, want {SchemaHelm4Numbers.Int(minP)}"));
        if (k.MaxProperties is { } maxP && obj.Count > maxP) errors.Add(Error(vloc, $"maxProperties: got {SchemaHelm4Numbers.Int(obj.Count)}, want {SchemaHelm4Numbers.Int(maxP)}"));
        if (k.Required is { } required && Missing(obj, required) is { } missing)
            errors.Add(Error(vloc, missing.Count == 1 ? "missing property " + Quote(missing[0]) : "missing properties " + JoinQuoted(missing)));
        if (boolResult && errors.Count > 0) return;

        if (k.Dependencies is { } deps)
            foreach (var (pname, dep) in deps)
            {
                if (!obj.ContainsKey(pname) || dep == null) continue;
                if (dep is JsonArray) { if (Missing(obj, Strings(dep)) is { } m) errors.Add(Error(vloc, $"properties {JoinQuoted(m)} required, if {Quote(pname)} exists")); }
                else if (Self(dep, obj, vloc, scp, "", false, depth) is { } e) errors.Add(e);
            }

        var props = k.Properties;
        var patterns = k.PatternProperties;
        var additional = k.AdditionalProperties;
        List<string>? additionalProps = null;
        foreach (var (pname, pvalue) in obj)
        {
            if (boolResult && errors.Count > 0) return;
            bool evaluated = false;
            if (props != null && props.TryGetValue(pname, out var ps) && ps != null)
            {
                evaluated = true;
                if (Val(ps, pvalue, vloc, pname, scp, boolResult, depth) is { } e) errors.Add(e);
            }
            if (patterns != null)
                foreach (var (regex, psch) in patterns)
                {
                    if (psch == null || !SchemaFormats.Matches(Regex(regex), pname)) continue;
                    evaluated = true;
                    if (Val(psch, pvalue, vloc, pname, scp, boolResult, depth) is { } e) errors.Add(e);
                }
            if (!evaluated && additional != null)
            {
                if (additional is JsonValue av && av.GetValueKind() is JsonValueKind.False) (additionalProps ??= []).Add(pname);
                else if (additional is JsonObject && Val(additional, pvalue, vloc, pname, scp, boolResult, depth) is { } e) errors.Add(e);
            }
        }
        if (additionalProps != null) errors.Add(Error(vloc, "additional properties " + JoinQuoted(additionalProps) + " not allowed"));
        if (Draft == 4) return;

        if (k.PropertyNames is { } pn)
            foreach (var pname in obj.Keys)
            {
                // validated as a document of its own: the error and its causes sit at '' whatever the object's location
                var e = Run(pn, pname, -1, PushScope(pn, "", 0, -1), boolResult, depth + 1);
                _scopeTop--;
                if (e == null) continue;
                var h = Error(-1, "invalid propertyName " + Quote(pname));
                h.Causes = e.IsGroup ? e.Causes : [e];
                errors.Add(h);
            }
        if (Draft == 6 || Draft < 2019) return;

        if (k.DependentSchemas is { } ds)
            foreach (var (pname, sch) in ds)
                if (sch != null && obj.ContainsKey(pname) && Self(sch, obj, vloc, scp, "", false, depth) is { } e) errors.Add(e);
        if (k.DependentRequired is { } dr)
            foreach (var (pname, reqd) in dr)
                if (obj.ContainsKey(pname) && Missing(obj, Strings(reqd)) is { } m)
                    errors.Add(Error(vloc, $"properties {JoinQuoted(m)} required, if {Quote(pname)} exists"));
    }

    private StringBuilder? _keyText; // uniqueItems: the canonical key of an item is built here

    private void ArrValidate(Kw k, object?[] arr, int vloc, int scp, bool boolResult, int depth, List<Err> errors)
    {
        if (k.MinItems is { } minI && arr.Length < minI) errors.Add(Error(vloc, $"minItems: got {SchemaHelm4Numbers.Int(arr.Length)}, want {SchemaHelm4Numbers.Int(minI)}"));
        if (k.MaxItems is { } maxI && arr.Length > maxI) errors.Add(Error(vloc, $"maxItems: got {SchemaHelm4Numbers.Int(arr.Length)}, want {SchemaHelm4Numbers.Int(maxI)}"));
        if (k.UniqueItems && arr.Length > 1)
        {
            // the first later item equal to an earlier one, as santhosh-tekuri reports it (hashing: linear time)
            var first = new Dictionary<string, int>(arr.Length, StringComparer.Ordinal);
            var keyText = _keyText ??= new StringBuilder();
            for (int i = 0; i < arr.Length; i++)
            {
                _budget.Step(depth);
                var key = SchemaValues.CanonicalKey(arr[i], keyText);
                if (first.TryGetValue(key, out var j)) { errors.Add(Error(vloc, $"items at {j} and {i} are equal")); break; }
                first[key] = i;
            }
        }
        if (Draft < 2020)
        {
            int evaluated = 0;
            var items = k.Items;
            if (items is JsonArray ia)
            {
                int min = Math.Min(arr.Length, ia.Count);
                for (int i = 0; i < min; i++) if (ia[i] != null && Val(ia[i]!, arr[i], vloc, SchemaValues.IntText(i), scp, boolResult, depth) is { } e) errors.Add(e);
                evaluated = min;
                var additional = k.AdditionalItems;
                if (additional is JsonValue av && av.GetValueKind() == JsonValueKind.False && evaluated != arr.Length)
                    errors.Add(Error(vloc, $"last {arr.Length - evaluated} additionalItem(s) not allowed"));
                else if (additional is JsonObject)
                    for (int i = evaluated; i < arr.Length; i++)
                        if (Val(additional, arr[i], vloc, SchemaValues.IntText(i - evaluated), scp, boolResult, depth) is { } e) errors.Add(e);
            }
            else if (items != null)
            {
                for (int i = 0; i < arr.Length; i++) if (Val(items, arr[i], vloc, SchemaValues.IntText(i), scp, boolResult, depth) is { } e) errors.Add(e);
            }
        }
        else
        {
            var prefix = k.PrefixItems;
            int evaluated = Math.Min(prefix?.Count ?? 0, arr.Length);
            for (int i = 0; i < evaluated; i++) if (prefix![i] != null && Val(prefix[i]!, arr[i], vloc, SchemaValues.IntText(i), scp, boolResult, depth) is { } e) errors.Add(e);
            if (k.Items is { } items2020)
                for (int i = evaluated; i < arr.Length; i++)
                    if (Val(items2020, arr[i], vloc, SchemaValues.IntText(i - evaluated), scp, boolResult, depth) is { } e) errors.Add(e);
        }
        if (Draft >= 6 && k.Contains is { } contains)
        {
            var cerrs = new List<Err>();
            var matched = new List<int>();
            for (int i = 0; i < arr.Length; i++)
            {
                if (Val(contains, arr[i], vloc, SchemaValues.IntText(i), scp, boolResult, depth) is { } e) cerrs.Add(e);
                else matched.Add(i);
            }
            int? minC = Draft >= 2019 ? k.MinContains : null;
            int? maxC = Draft >= 2019 ? k.MaxContains : null;
            if (minC != null)
            {
                if (matched.Count < minC)
                {
                    var msg = matched.Count == 0 ? $"min {minC} items required to match contains schema, but none matched"
                        : $"min {minC} items required to match contains schema, but matched {matched.Count} items at {string.Join(" ", matched)}";
                    var g = Error(vloc, msg); g.Causes = cerrs; errors.Add(g);
                }
            }
            else if (matched.Count == 0)
            {
                var g = Error(vloc, "no items match contains schema"); g.Causes = cerrs; errors.Add(g);
            }
            if (maxC != null && matched.Count > maxC)
                errors.Add(Error(vloc, $"max {maxC} items required to match contains schema, but matched {matched.Count} items at {string.Join(" ", matched)}"));
        }
    }

    private void StrValidate(Kw k, string str, int vloc, List<Err> errors)
    {
        var minL = k.MinLength;
        var maxL = k.MaxLength;
        if (minL != null || maxL != null)
        {
            int len = SchemaValues.RuneCount(str);
            if (minL != null && len < minL) errors.Add(Error(vloc, $"minLength: got {SchemaHelm4Numbers.Int(len)}, want {SchemaHelm4Numbers.Int(minL.Value)}"));
            if (maxL != null && len > maxL) errors.Add(Error(vloc, $"maxLength: got {SchemaHelm4Numbers.Int(len)}, want {SchemaHelm4Numbers.Int(maxL.Value)}"));
        }
        if (k.Pattern is { } pattern && !SchemaFormats.Matches(Regex(pattern), str))
            errors.Add(Error(vloc, Quote(str) + " does not match pattern " + Quote(pattern)));
    }

    private GoRegexp Regex(string pattern)
    {
        if (!_regexes.TryGetValue(pattern, out var re)) _regexes[pattern] = re = SchemaFormats.CompileRegex(pattern, _budget);
        return re;
    }

    private void NumValidate(Kw k, object v, int vloc, List<Err> errors)
    {
        if (!k.HasNumberKeywords) return;
        var minimum = k.Minimum;
        var maximum = k.Maximum;
        SchemaNumber? exMin, exMax;
        if (k.ExclusiveMaximumTrue) { exMax = maximum; maximum = null; } else exMax = k.ExclusiveMaximum;
        if (k.ExclusiveMinimumTrue) { exMin = minimum; minimum = null; } else exMin = k.ExclusiveMinimum;
        string G(object x) => SchemaHelm4Numbers.Float(x);
        if (minimum != null && SchemaValues.Compare(v, minimum) < 0) errors.Add(Error(vloc, $"minimum: got {G(v)}, want {G(minimum)}"));
        if (maximum != null && SchemaValues.Compare(v, maximum) > 0) errors.Add(Error(vloc, $"maximum: got {G(v)}, want {G(maximum)}"));
        if (exMin != null && SchemaValues.Compare(v, exMin) <= 0) errors.Add(Error(vloc, $"exclusiveMinimum: got {G(v)}, want {G(exMin)}"));
        if (exMax != null && SchemaValues.Compare(v, exMax) >= 0) errors.Add(Error(vloc, $"exclusiveMaximum: got {G(v)}, want {G(exMax)}"));
        if (k.MultipleOf is { } mul && !SchemaValues.IsMultiple(v, mul)) errors.Add(Error(vloc, $"multipleOf: got {G(v)}, want {G(mul)}"));
    }

    private void CondValidate(Kw k, object? v, int vloc, int scp, bool boolResult, int depth, List<Err> errors)
    {
        if (k.Not is { } not && Self(not, v, vloc, scp, "", true, depth) == null) errors.Add(Error(vloc, "'not' failed"));
        if (k.AllOf is { Count: > 0 } allOf)
        {
            var errs = new List<Err>();
            foreach (var sch in allOf)
                if (sch != null && Self(sch, v, vloc, scp, "", false, depth) is { } e) { errs.Add(e); if (boolResult) break; }
            if (errs.Count > 0) { var g = Error(vloc, "'allOf' failed"); g.Causes = errs; errors.Add(g); }
        }
        if (k.AnyOf is { Count: > 0 } anyOf)
        {
            var errs = new List<Err>();
            bool matched = false;
            foreach (var sch in anyOf)
            {
                if (sch == null) continue;
                if (Self(sch, v, vloc, scp, "", false, depth) is { } e) errs.Add(e);
                else { matched = true; break; }
            }
            if (!matched) { var g = Error(vloc, "'anyOf' failed"); g.Causes = errs; errors.Add(g); }
        }
        if (k.OneOf is { Count: > 0 } oneOf)
        {
            int matched = -1;
            var errs = new List<Err>();
            for (int i = 0; i < oneOf.Count; i++)
            {
                if (oneOf[i] is not { } sch) continue;
                var e = Self(sch, v, vloc, scp, "", matched != -1, depth);
                if (e != null) { if (matched == -1) errs.Add(e); }
                else if (matched == -1) matched = i;
                else { errors.Add(Error(vloc, $"'oneOf' failed, subschemas {matched}, {i} matched")); break; }
            }
            if (matched == -1) { var g = Error(vloc, "'oneOf' failed, none matched"); g.Causes = errs; errors.Add(g); }
        }
        if (Draft >= 7 && k.If is { } ifs)
        {
            if (Self(ifs, v, vloc, scp, "", true, depth) == null)
            {
                if (k.Then is { } then && Self(then, v, vloc, scp, "", false, depth) is { } e) errors.Add(e);
            }
            else if (k.Else is { } els && Self(els, v, vloc, scp, "", false, depth) is { } e) errors.Add(e);
        }
    }
}

/// <summary>Numbers as helm 4's messages print them (golang.org/x/text message printer, English).</summary>
internal static class SchemaHelm4Numbers
{
    public static string Int(long i) => SchemaValidator.Localized(i);

    public static string Float(object x) => SchemaValidator.Localized(x is SchemaNumber n ? n.Double : SchemaValues.ToDouble(x));
}
