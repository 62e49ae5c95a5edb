using System.Text;
using HelmSharp.Charts;
using HelmSharp.Tests.Charts;
using HelmSharp.Values;
using NUnit.Framework;

namespace HelmSharp.Tests.Values;

/// <summary>
/// Schemas and values that would make a validator run away end with a clean error that names the limit
/// (<see cref="SchemaLimits"/>), in both helm modes; legitimate recursive schemas still validate.
/// </summary>
public class SchemaLimitsTests
{
    private static Chart Chart(string schema) =>
        ChartLoadingTests.Mem(4, ("Chart.yaml", "apiVersion: v2\nname: s\nversion: 0.1.0\n"), ("values.schema.json", schema));

    private static string Fail(string schema, Dictionary<string, object?> values, int major, SchemaLimits? limits = null)
    {
        var ex = Assert.Throws<ValuesException>(() => SchemaValidator.ValidateAgainstSchema(Chart(schema), values, major, limits));
        return ex!.Message;
    }

    /// <summary>40 levels of anyOf over two references each: 2^40 evaluations unless something stops it.</summary>
    private static string ExponentialSchema()
    {
        var sb = new StringBuilder("{\"definitions\": {");
        for (int i = 0; i < 40; i++)
            sb.Append($"\"d{i}\": {{\"anyOf\": [{{\"$ref\": \"#/definitions/d{i + 1}\"}}, {{\"$ref\": \"#/definitions/d{i + 1}\"}}]}}, ");
        sb.Append("\"d40\": {\"type\": \"string\"}}, \"$ref\": \"#/definitions/d0\"}");
        return sb.ToString();
    }

    [TestCase(4)]
    [TestCase(3)]
    public void ExponentialSchemaStopsAtTheStepLimit(int major)
    {
        var limits = new SchemaLimits { Steps = 100_000 };
        Assert.That(Fail(ExponentialSchema(), new() { ["a"] = 1L }, major, limits),
            Is.EqualTo("schema validation stopped: more than 100000 evaluation steps"));
    }

    [TestCase(4)]
    [TestCase(3)]
    public void CancellationStopsValidation(int major)
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(Fail(ExponentialSchema(), new() { ["a"] = 1L }, major, new SchemaLimits { Cancellation = cts.Token }),
            Is.EqualTo("schema validation stopped: cancelled"));
    }

    [TestCase(4)]
    [TestCase(3)]
    public void TimeBudgetStopsValidation(int major)
    {
        Assert.That(Fail(ExponentialSchema(), new() { ["a"] = 1L }, major, new SchemaLimits { Time = TimeSpan.Zero }),
            Is.EqualTo("schema validation stopped: time budget of 0s exceeded"));
    }

    private static Dictionary<string, object?> Nested(int depth)
    {
        var root = new Dictionary<string, object?>();
        var cur = root;
        for (int i = 0; i < depth; i++) { var next = new Dictionary<string, object?>(); cur["n"] = next; cur = next; }
        cur["leaf"] = 1L;
        return root;
    }

    [TestCase(4)]
    [TestCase(3)]
    public void DeepValuesUnderARecursiveSchemaStopAtTheDepthLimit(int major)
    {
        // {"additionalProperties": {"$ref": "#"}} follows the values down: 5000 levels is past the default depth.
        Assert.That(Fail("{\"type\": \"object\", \"additionalProperties\": {\"$ref\": \"#\"}}", Nested(5000), major),
            Is.EqualTo("schema validation stopped: nesting deeper than 2000 levels"));
    }

    [TestCase(4, "- at '/n/n/n/n/n/leaf': got number, want string\n")]
    [TestCase(3, "- n.n.n.n.n.leaf: Invalid type. Expected: string, given: integer\n")]
    public void RecursiveSchemaWithinTheLimitsValidates(int major, string line)
    {
        var schema = "{\"definitions\": {\"node\": {\"type\": \"object\", \"properties\": {\"n\": {\"$ref\": \"#/definitions/node\"}, \"leaf\": {\"type\": \"string\"}}}}, \"$ref\": \"#/definitions/node\"}";
        Assert.That(Fail(schema, Nested(5), major), Is.EqualTo("values don't meet the specifications of the schema(s) in the following chart(s):\ns:\n" + line));
    }

    [TestCase(4)]
    [TestCase(3)]
    public void ManyErrorsStopAtTheErrorLimit(int major)
    {
        var values = new Dictionary<string, object?>();
        for (int i = 0; i < 50; i++) values["k" + i] = "x";
        Assert.That(Fail("{\"additionalProperties\": {\"type\": \"integer\"}}", values, major, new SchemaLimits { Errors = 10 }),
            Is.EqualTo("schema validation stopped: more than 10 errors"));
    }

    [TestCase(4, "- at '/s': 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' does not match pattern '^(a+)+$'\n")]
    [TestCase(3, "- s: Does not match pattern '^(a+)+$'\n")]
    public void CatastrophicPatternsMatchInLinearTime(int major, string line)
    {
        // A backtracking engine needs 2^100 steps for this; Go's RE2 (and GoRegexp's non-backtracking engine) does not.
        var values = new Dictionary<string, object?> { ["s"] = new string('a', 100) + "!" };
        Assert.That(Fail("{\"properties\": {\"s\": {\"pattern\": \"^(a+)+$\"}}}", values, major),
            Is.EqualTo("values don't meet the specifications of the schema(s) in the following chart(s):\ns:\n" + line));
    }

    [TestCase(4, "- at '/l': items at 1 and 99999 are equal\n")]
    [TestCase(3, "- l: array items[1,99999] must be unique\n")]
    public void UniqueItemsOnALargeArrayIsLinear(int major, string line)
    {
        var items = new object?[100_000];
        for (int i = 0; i < items.Length; i++) items[i] = (long)i;
        items[^1] = 1.0; // equal to the number 1 at index 1
        Assert.That(Fail("{\"properties\": {\"l\": {\"uniqueItems\": true}}}", new() { ["l"] = items }, major),
            Is.EqualTo("values don't meet the specifications of the schema(s) in the following chart(s):\ns:\n" + line));
    }

    [TestCase(4)]
    [TestCase(3)]
    public void DeeplyNestedSchemaDocumentIsBounded(int major)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) sb.Append("{\"not\": ");
        sb.Append("{}");
        for (int i = 0; i < 3000; i++) sb.Append('}');
        Assert.That(Fail(sb.ToString(), new() { ["a"] = 1L }, major), Does.StartWith("schema validation stopped: nesting deeper than 2000 levels"));
    }
}
