using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Values;
using HelmSharp.Yaml;

namespace HelmSharp.Lint;

/// <summary>
/// helm's <c>rules.ValuesWithOverrides</c>: values.yaml must parse, and — coalesced with the user's values the way
/// helm does it here (top level only, like <c>--reuse-values</c>) — meet values.schema.json.
/// </summary>
internal static class ValuesRules
{
    private const string File = "values.yaml";

    public static void Run(Linter linter, Dictionary<string, object?> overrides, bool skipSchemaValidation)
    {
        var vf = linter.Join(File);
        if (!linter.Run(LintSeverity.Info, File, System.IO.File.Exists(vf) || Directory.Exists(vf) ? null : "file does not exist")) return;
        linter.Run(LintSeverity.Error, File, ValidateValuesFile(linter, vf, overrides, skipSchemaValidation));
    }

    private static LintProblem? ValidateValuesFile(Linter linter, string path, Dictionary<string, object?> overrides, bool skipSchemaValidation)
    {
        int major = linter.HelmMajor;
        Dictionary<string, object?> values;
        try { values = ReadValuesFile(path, major); }
        catch (Exception e) when (e is IOException or GoYamlException or ChartException)
        {
            return new LintProblem("unable to parse YAML: " + e.Message, File, K8sYamlDecoder.YamlLine(e.Message));
        }

        // helm coalesces into a new top-level map that shares the user's nested maps (and writes into them).
        var warnings = new List<string>();
        var coalesced = ValueMerge.CoalesceTables(new Dictionary<string, object?>(), overrides, major, warnings);
        coalesced = ValueMerge.CoalesceTables(coalesced, values, major, warnings);
        foreach (var w in warnings) linter.Log.Add(HelmLog.Format(w, major));

        byte[] schema;
        try { schema = System.IO.File.ReadAllBytes(linter.Join("values.schema.json")); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { schema = []; }
        if (schema.Length == 0) return null;
        if (skipSchemaValidation && major >= 4) return null;
        return ValidateAgainstSingleSchema(coalesced, schema, major) is { } err ? new LintProblem(err) : null;
    }

    /// <summary><c>ReadValuesFile</c>: the first YAML document as a map (an empty document: an empty map).</summary>
    internal static Dictionary<string, object?> ReadValuesFile(string path, int major)
    {
        var text = ChartfileRules.ReadText(path);
        var doc = GoYaml.Unmarshal(text);
        return doc switch
        {
            null => new Dictionary<string, object?>(),
            Dictionary<string, object?> d => d,
            _ => throw new GoYamlException("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + GoYaml.JsonKindOf(doc)
                + " into Go value of type " + (major >= 4 ? "common.Values" : "chartutil.Values")),
        };
    }

    /// <summary><c>ValidateAgainstSingleSchema</c>: helm's list of schema errors, or null when the values conform.</summary>
    internal static string? ValidateAgainstSingleSchema(Dictionary<string, object?> values, byte[] schema, int major)
    {
        // The schema validator reports per chart ("NAME:\n" + errors) under a common header; one chart, header cut off.
        const string name = "lint";
        var chart = new Chart { Metadata = { Name = name }, Schema = schema };
        try
        {
            SchemaValidator.ValidateAgainstSchema(chart, values, major);
            return null;
        }
        catch (ValuesException e)
        {
            const string header = "values don't meet the specifications of the schema(s) in the following chart(s):\n" + name + ":\n";
            return e.Message.StartsWith(header, StringComparison.Ordinal) ? e.Message[header.Length..] : e.Message;
        }
    }
}
