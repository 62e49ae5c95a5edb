using System.Text.Json;
using HelmSharp.Go;
using HelmSharp.Template;
using HelmSharp.Template.Functions;

namespace HelmSharp.Tests.Template;

/// <summary>
/// A minimal stand-in for Helm's render of one file (root "gotpl", missingkey=zero, file
/// mychart/templates/x.yaml, &lt;no value&gt; stripped), with a handful of functions declared with
/// their real Go signatures (upper, b64enc, trunc, list, dict, typeOf, include, tpl).
/// </summary>
internal static class EngineTestHost
{
    public const string File = "mychart/templates/x.yaml";

    public static FunctionRegistry Functions { get; } = BuildFunctions();

    private static FunctionRegistry BuildFunctions()
    {
        var reg = new FunctionRegistry();
        Builtins.Register(reg);
        reg.Add(new GoFunction("upper", [GoType.String], false, (_, a) => ((string)a[0]!).ToUpperInvariant()));
        reg.Add(new GoFunction("b64enc", [GoType.String], false, (_, a) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes((string)a[0]!))));
        reg.Add(new GoFunction("trunc", [GoType.Int, GoType.String], false, (_, a) => (string)a[1]!));
        reg.Add(new GoFunction("list", [GoType.Interface], true, (_, a) => a.ToArray()));
        reg.Add(new GoFunction("dict", [GoType.Interface], true, (_, a) =>
        {
            var d = new Dictionary<string, object?>();
            for (int i = 0; i + 1 < a.Length; i += 2) d[(string)a[i]!] = a[i + 1];
            return d;
        }));
        reg.Add(new GoFunction("typeOf", [GoType.Interface], false, (_, a) => GoType.Of(a[0])?.Name ?? "<nil>"));
        reg.Add(new GoFunction("include", [GoType.String, GoType.Interface], false, (c, a) => c.ExecuteTemplate((string)a[0]!, a[1]), true));
        reg.Add(new GoFunction("tpl", [GoType.String, GoType.Interface], false, (c, a) =>
        {
            var text = (string)a[0]!;
            try { return c.ParseAndExecute("gotpl", text, a[1]).Replace("<no value>", ""); }
            catch (TemplateParseException e) { throw new GoFunctionException("cannot parse template " + GoStrconv.Quote(text) + ": " + e.Message); }
            catch (TemplateExecException e) { throw new GoFunctionException("error during tpl function execution for " + GoStrconv.Quote(text) + ": " + e.Message); }
        }, true));
        return reg.Freeze();
    }

    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToArray(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetDouble(), // YAML numbers reach templates as float64 in Helm
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static TemplateSet NewSet(int helmMajor = 4, MissingKey missingKey = MissingKey.Zero) =>
        new(Functions, new TemplateOptions { MissingKey = missingKey, HelmMajor = helmMajor }, "gotpl");

    public static Dictionary<string, object?> Data(string valuesJson) => new()
    {
        ["Values"] = FromJson(JsonDocument.Parse(valuesJson).RootElement),
        ["Template"] = new Dictionary<string, object?> { ["Name"] = File, ["BasePath"] = "mychart/templates" },
    };

    /// <summary>Renders like helm: returns the output with &lt;no value&gt; removed.</summary>
    public static string Render(string template, string valuesJson = "{}", int helmMajor = 4)
    {
        var set = NewSet(helmMajor);
        set.Parse(File, template);
        return set.Execute(File, Data(valuesJson)).Replace("<no value>", "");
    }
}
