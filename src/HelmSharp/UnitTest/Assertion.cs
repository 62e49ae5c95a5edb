using System.Globalization;
using HelmSharp.UnitTest.Validators;

namespace HelmSharp.UnitTest;

/// <summary>
/// Builds assertions from their YAML maps as the plugin's <c>Assertion.UnmarshalYAML</c> does: the options
/// (<c>not</c>, <c>template</c>, <c>documentIndex</c>, <c>documentSelector</c>) and exactly one assertion type whose
/// parameters are decoded the way <c>mapstructure</c> decodes them (case-insensitive names, no type coercion).
/// </summary>
internal static class AssertionFactory
{
    private sealed record TypeDef(Func<IValidator> Create, bool Antonym, bool ExpectRenderSuccess);

    private static readonly Dictionary<string, TypeDef> s_types = new(StringComparer.Ordinal)
    {
        ["matchSnapshot"] = new(() => new MatchSnapshotValidator(), false, true),
        ["matchSnapshotRaw"] = new(() => new MatchSnapshotRawValidator(), false, true),
        ["equal"] = new(() => new EqualValidator(), false, true),
        ["notEqual"] = new(() => new EqualValidator(), true, true),
        ["greaterOrEqual"] = new(() => new OperatorValidator { ComparisonType = "greater" }, false, true),
        ["notGreaterOrEqual"] = new(() => new OperatorValidator { ComparisonType = "greater" }, true, true),
        ["lessOrEqual"] = new(() => new OperatorValidator { ComparisonType = "less" }, false, true),
        ["notLessOrEqual"] = new(() => new OperatorValidator { ComparisonType = "less" }, true, true),
        ["equalRaw"] = new(() => new EqualRawValidator(), false, true),
        ["notEqualRaw"] = new(() => new EqualRawValidator(), true, true),
        ["exists"] = new(() => new ExistsValidator(), false, true),
        ["notExists"] = new(() => new ExistsValidator(), true, true),
        ["matchRegex"] = new(() => new MatchRegexValidator(), false, true),
        ["notMatchRegex"] = new(() => new MatchRegexValidator(), true, true),
        ["matchRegexRaw"] = new(() => new MatchRegexRawValidator(), false, true),
        ["notMatchRegexRaw"] = new(() => new MatchRegexRawValidator(), true, true),
        ["contains"] = new(() => new ContainsValidator(), false, true),
        ["notContains"] = new(() => new ContainsValidator(), true, true),
        ["isKind"] = new(() => new FieldIsValidator("kind", " to be kind"), false, true),
        ["isAPIVersion"] = new(() => new FieldIsValidator("apiVersion", " to be apiVersion"), false, true),
        ["hasDocuments"] = new(() => new HasDocumentsValidator(), false, true),
        ["isSubset"] = new(() => new IsSubsetValidator(), false, true),
        ["isNotSubset"] = new(() => new IsSubsetValidator(), true, true),
        ["isNullOrEmpty"] = new(() => new IsNullOrEmptyValidator(), false, true),
        ["isNotNullOrEmpty"] = new(() => new IsNullOrEmptyValidator(), true, true),
        ["failedTemplate"] = new(() => new FailedTemplateValidator(), false, false),
        ["notFailedTemplate"] = new(() => new FailedTemplateValidator(), true, true),
        ["containsDocument"] = new(() => new ContainsDocumentValidator(), false, true),
        ["lengthEqual"] = new(() => new LengthEqualValidator(), false, true),
        ["notLengthEqual"] = new(() => new LengthEqualValidator(), true, true),
        ["isNull"] = new(() => new ExistsValidator(), true, true),
        ["isNotNull"] = new(() => new ExistsValidator(), false, true),
        ["isEmpty"] = new(() => new IsNullOrEmptyValidator(), false, true),
        ["isNotEmpty"] = new(() => new IsNullOrEmptyValidator(), true, true),
        ["isType"] = new(() => new IsTypeValidator(), false, true),
        ["isNotType"] = new(() => new IsTypeValidator(), true, true),
    };

    /// <summary>The assertion types the runner knows.</summary>
    public static IReadOnlyCollection<string> Types => s_types.Keys;

    /// <summary>Creates an assertion from its decoded map (<paramref name="order"/>: the keys in file order).</summary>
    public static Assertion Create(Dictionary<string, object?> def, List<string> order)
    {
        var a = new Assertion
        {
            DocumentIndex = def.GetValueOrDefault("documentIndex") is long di ? di : -1,
            Not = def.GetValueOrDefault("not") is true,
            Template = def.GetValueOrDefault("template") as string ?? "",
        };
        if (def.GetValueOrDefault("documentSelector") is Dictionary<string, object?> ds)
        {
            if (ds.GetValueOrDefault("path") is not string path) throw new UnitTestException("empty 'documentSelector.path' not supported");
            a.DocumentSelector = new DocumentSelector
            {
                Path = path,
                Value = ds.GetValueOrDefault("value"),
                MatchMany = ds.GetValueOrDefault("matchMany") is true,
                SkipEmptyTemplates = ds.GetValueOrDefault("skipEmptyTemplates") is true,
            };
        }
        foreach (var key in order)
        {
            if (!s_types.TryGetValue(key, out var td)) continue;
            if (a.Validator != null) throw new UnitTestException("assertion type `" + a.AssertType + "` and `" + key + "` is declared duplicately");
            var v = td.Create();
            Decode(v, def[key]);
            a.AssertType = key;
            a.Validator = v;
            a.RequireRenderSuccess = td.ExpectRenderSuccess;
            a.Antonym = td.Antonym;
            a.DefaultTemplates = [a.Template];
        }
        if (a.Validator == null)
        {
            foreach (var key in order)
                if (key is not ("template" or "documentIndex" or "not"))
                    throw new UnitTestException("Assertion type `" + key + "` is invalid");
            throw new UnitTestException("no assertion type defined");
        }
        return a;
    }

    // ------------------------------------------------------------------ mapstructure.Decode into the validators

    private sealed class Params(Dictionary<string, object?> map)
    {
        public readonly List<string> Errors = [];

        public bool TryGet(string field, out object? value)
        {
            if (map.TryGetValue(field, out value)) return true;
            foreach (var (k, v) in map)
                if (string.Equals(k, field, StringComparison.OrdinalIgnoreCase)) { value = v; return true; }
            value = null;
            return false;
        }

        private void Unconvertible(string name, string type, object? data) =>
            Errors.Add("'" + name + "' expected type '" + type + "', got unconvertible type '" + GoValues.TypeName(data) + "', value: '" + GoValues.Sprint(data) + "'");

        public string String(string field, string current)
        {
            if (!TryGet(field, out var v) || v == null) return current;
            if (v is string s) return s;
            Unconvertible(field, "string", v);
            return current;
        }

        public bool Bool(string field, bool current)
        {
            if (!TryGet(field, out var v) || v == null) return current;
            if (v is bool b) return b;
            Unconvertible(field, "bool", v);
            return current;
        }

        public long? Int(string field, long? current)
        {
            if (!TryGet(field, out var v) || v == null) return current;
            switch (v)
            {
                case long l: return l;
                case ulong u: return unchecked((long)u);
                case double d: return double.IsNaN(d) ? 0 : (long)d;
            }
            Unconvertible(field, "int", v);
            return current;
        }

        public object? Any(string field, object? current) => TryGet(field, out var v) && v != null ? v : current;

        public List<string> StringList(string field, List<string> current)
        {
            if (!TryGet(field, out var v) || v == null) return current;
            if (v is not List<object?> list)
            {
                Errors.Add("'" + field + "': source data must be an array or slice, got " + Kind(v));
                return current;
            }
            var res = new List<string>();
            for (int i = 0; i < list.Count; i++)
            {
                if (list[i] is string s) res.Add(s);
                else if (list[i] == null) res.Add("");
                else Unconvertible(field + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", "string", list[i]);
            }
            return res;
        }

        public string? Pattern(string field)
        {
            if (!TryGet(field, out var v) || v == null) return null;
            if (v is not Dictionary<string, object?> m)
            {
                Errors.Add("'" + field + "' expected a map, got '" + Kind(v) + "'");
                return null;
            }
            var inner = new Params(m);
            var s = inner.String("Pattern", "");
            foreach (var e in inner.Errors) Errors.Add(e.Replace("'Pattern'", "'" + field + ".Pattern'", StringComparison.Ordinal));
            return s;
        }
    }

    private static string Kind(object? v) => v switch
    {
        string => "string",
        bool => "bool",
        long => "int",
        ulong => "uint64",
        double => "float64",
        List<object?> => "slice",
        Dictionary<string, object?> => "map",
        _ => "invalid",
    };

    private static void Decode(IValidator v, object? data)
    {
        if (data == null) return;
        if (data is not Dictionary<string, object?> map) throw new UnitTestException("'' expected a map, got '" + Kind(data) + "'");
        var p = new Params(map);
        if (v is PathValidator pv) pv.Path = p.String("Path", pv.Path);
        switch (v)
        {
            case EqualValidator e:
                e.Value = p.Any("Value", e.Value);
                e.DecodeBase64 = p.Bool("DecodeBase64", e.DecodeBase64);
                break;
            case EqualRawValidator e: e.Value = p.String("Value", e.Value); break;
            case MatchRegexValidator e:
                e.Pattern = p.String("Pattern", e.Pattern);
                e.DecodeBase64 = p.Bool("DecodeBase64", e.DecodeBase64);
                break;
            case MatchRegexRawValidator e: e.Pattern = p.String("Pattern", e.Pattern); break;
            case ContainsValidator e:
                e.Content = p.Any("Content", e.Content);
                e.Count = p.Int("Count", e.Count);
                e.Any = p.Bool("Any", e.Any);
                break;
            case ContainsDocumentValidator e:
                e.Kind = p.String("Kind", e.Kind);
                e.APIVersion = p.String("APIVersion", e.APIVersion);
                e.Name = p.String("Name", e.Name);
                e.Namespace = p.String("Namespace", e.Namespace);
                e.Any = p.Bool("Any", e.Any);
                break;
            case OperatorValidator e:
                e.Value = p.Any("Value", e.Value);
                break;
            case FailedTemplateValidator e:
                e.ErrorMessage = p.String("ErrorMessage", e.ErrorMessage);
                e.ErrorPattern = p.String("ErrorPattern", e.ErrorPattern);
                break;
            case HasDocumentsValidator e:
                e.Count = p.Int("Count", e.Count) ?? 0;
                e.FilterAware = p.Bool("FilterAware", e.FilterAware);
                break;
            case FieldIsValidator e: e.Of = p.String("Of", e.Of); break;
            case IsSubsetValidator e:
                e.Content = p.Any("Content", e.Content);
                break;
            case IsTypeValidator e:
                e.Type = p.String("Type", e.Type);
                break;
            case LengthEqualValidator e:
                e.Paths = p.StringList("Paths", e.Paths);
                e.Count = p.Int("Count", e.Count);
                break;
            case MatchSnapshotValidator e:
                e.MatchRegexPattern = p.Pattern("MatchRegex");
                e.NotMatchRegexPattern = p.Pattern("NotMatchRegex");
                break;
        }
        if (p.Errors.Count > 0)
        {
            var points = p.Errors.Select(e => "* " + e).ToList();
            points.Sort(StringComparer.Ordinal);
            throw new UnitTestException(p.Errors.Count.ToString(CultureInfo.InvariantCulture) + " error(s) decoding:\n\n" + string.Join("\n", points));
        }
    }
}
