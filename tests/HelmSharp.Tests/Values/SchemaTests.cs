using NUnit.Framework;
using HelmSharp.Tests.Charts;
using HelmSharp.Values;

namespace HelmSharp.Tests.Values;

public class SchemaTests
{
    private const string Schema = "{\"type\":\"object\",\"required\":[\"replicaCount\",\"x\",\"y\"],\"additionalProperties\":false,\n \"properties\":{\"replicaCount\":{\"type\":\"integer\",\"minimum\":2},\"name\":{\"type\":\"string\",\"pattern\":\"^x\",\"enum\":[\"a\",\"b\"],\"minLength\":5},\"extra\":{\"type\":[\"string\",\"null\"]}}}";

    // Printed by: helm template s --set replicaCount=str --set foo=1 --set extra=1 (v4.1.4 and v3.17.3),
    // values.yaml "replicaCount: 1\nname: abc". Sibling properties come in Go map order in helm, so lines are compared as a set.
    [TestCase(4, new[] {
        "- at '': missing properties 'x', 'y'",
        "- at '/replicaCount': got string, want integer",
        "- at '/extra': got number, want null or string",
        "- at '/name': value must be one of 'a', 'b'",
        "- at '': additional properties 'foo' not allowed" })]
    [TestCase(3, new[] {
        "- (root): x is required",
        "- (root): y is required",
        "- (root): Additional property foo is not allowed",
        "- extra: Invalid type. Expected: [string,null], given: integer",
        "- replicaCount: Invalid type. Expected: integer, given: string",
        "- name: name must be one of the following: \"a\", \"b\"",
        "- name: String length must be greater than or equal to 5",
        "- name: Does not match pattern '^x'" })]
    public void ErrorLinesMatchHelm(int major, string[] lines)
    {
        var c = ChartLoadingTests.Mem(major,
            ("Chart.yaml", "apiVersion: v2\nname: s\nversion: 0.1.0\n"),
            ("values.yaml", "replicaCount: 1\nname: abc\n"),
            ("values.schema.json", Schema));
        var o = new ValueOptions();
        o.Values.AddRange(["replicaCount=str", "foo=1", "extra=1"]);
        var ex = Assert.Throws<ValuesException>(() => ChartValues.ToRenderValues(c, o.MergeValues(major), major));
        var msg = ex!.Message;
        const string head = "values don't meet the specifications of the schema(s) in the following chart(s):\ns:\n";
        Assert.That(msg, Does.StartWith(head));
        Assert.That(msg, Does.EndWith("\n"));
        var got = msg.Substring(head.Length).TrimEnd('\n').Split('\n');
        Assert.That(got.OrderBy(x => x, StringComparer.Ordinal), Is.EqualTo(lines.OrderBy(x => x, StringComparer.Ordinal)));
        Assert.That(got[0], Is.EqualTo(lines[0]));
    }

    // helm template fm (values "e: x\nl: []\nz: 1.5") with a draft-07 schema: format is asserted.
    [TestCase(4, new[] { "- at '/l': minItems: got 0, want 1", "- at '/z': got number, want integer", "- at '/e': 'x' is not valid email: missing @" })]
    [TestCase(3, new[] { "- z: Invalid type. Expected: integer, given: number", "- e: Does not match format 'email'", "- l: Array must have at least 1 items" })]
    public void Draft07Format(int major, string[] lines)
    {
        var c = ChartLoadingTests.Mem(major,
            ("Chart.yaml", "apiVersion: v2\nname: fm\nversion: 0.1.0\n"),
            ("values.yaml", "e: x\nl: []\nz: 1.5\n"),
            ("values.schema.json", "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"properties\":{\"e\":{\"type\":\"string\",\"format\":\"email\"},\"l\":{\"minItems\":1},\"z\":{\"type\":\"integer\"}}}"));
        var ex = Assert.Throws<ValuesException>(() => ChartValues.ToRenderValues(c, null, major));
        var got = ex!.Message.Split('\n').Skip(2).Where(l => l.Length > 0);
        Assert.That(got.OrderBy(x => x, StringComparer.Ordinal), Is.EqualTo(lines.OrderBy(x => x, StringComparer.Ordinal)));
    }

    // Default draft 2020-12: format is annotation only in helm 4; helm 3 still asserts it. const messages.
    [TestCase(4, new[] { "- at '/z': value must be 2" })]
    [TestCase(3, new[] { "- e: Does not match format 'email'", "- z: z does not match: 2" })]
    public void DefaultDraftConst(int major, string[] lines)
    {
        var c = ChartLoadingTests.Mem(major,
            ("Chart.yaml", "apiVersion: v2\nname: fm\nversion: 0.1.0\n"),
            ("values.yaml", "e: x\nl: []\nz: 1.5\n"),
            ("values.schema.json", "{\"properties\":{\"e\":{\"type\":\"string\",\"format\":\"email\"},\"l\":{\"maxItems\":0},\"z\":{\"const\":2}}}"));
        var ex = Assert.Throws<ValuesException>(() => ChartValues.ToRenderValues(c, null, major));
        var got = ex!.Message.Split('\n').Skip(2).Where(l => l.Length > 0);
        Assert.That(got.OrderBy(x => x, StringComparer.Ordinal), Is.EqualTo(lines.OrderBy(x => x, StringComparer.Ordinal)));
    }

    // Which draft each helm reads a root "$schema" as (checked against the binaries by testdata/charts/schema-draft-uri):
    // helm 4 (santhosh-tekuri/jsonschema v6) knows json-schema.org's URLs in http and https spellings, /schema is the
    // latest draft; helm 3 (gojsonschema v1.2.0) knows only the exact http URLs of drafts 4, 6 and 7.
    [TestCase("", 2020, "H")]
    [TestCase("http://json-schema.org/schema#", 2020, "H")]
    [TestCase("https://json-schema.org/schema#", 2020, "H")]
    [TestCase("http://json-schema.org/schema", 2020, "H")]
    [TestCase("http://json-schema.org/draft-04/schema#", 4, 4)]
    [TestCase("http://json-schema.org/draft-04/schema", 4, 4)]
    [TestCase("https://json-schema.org/draft-04/schema#", 4, "H")]
    [TestCase("http://json-schema.org/draft-06/schema#", 6, 6)]
    [TestCase("http://json-schema.org/draft-07/schema#", 7, 7)]
    [TestCase("https://json-schema.org/draft-07/schema", 7, "H")]
    [TestCase("https://json-schema.org/draft/2019-09/schema", 2019, "H")]
    [TestCase("https://json-schema.org/draft/2020-12/schema", 2020, "H")]
    [TestCase("urn:example:meta", 2020, "H")]
    public void DraftPerMode(string url, object helm4, object helm3)
    {
        var root = SchemaDocument.Parse(url.Length == 0 ? "{}" : "{\"$schema\": \"" + url + "\"}");
        static string Name(SchemaDraft d) => d == SchemaDraft.Hybrid ? "H" : ((int)d).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(Name(SchemaDocument.DraftForHelm4(root, out _)), Is.EqualTo(helm4.ToString()));
        Assert.That(Name(SchemaDocument.DraftForHelm3(root)), Is.EqualTo(helm3.ToString()));
    }

    // helm 4 loads any other "$schema" as a meta-schema (helm 3 ignores it): these are helm 4's texts (the http one up
    // to the network error, which HelmSharp replaces because it never fetches).
    [TestCase("my-meta.json", "failing loading \"my-meta.json\": no URLLoader registered for \"my-meta.json\"")]
    [TestCase("file:///nonexist/meta.json", "failing loading \"file:///nonexist/meta.json\": open /nonexist/meta.json: no such file or directory")]
    [TestCase("http://example.invalid/meta#", "failing loading \"http://example.invalid/meta\": HTTP request failed for http://example.invalid/meta: remote schemas are not fetched by HelmSharp")]
    public void UnknownMetaSchemaInHelm4(string url, string message)
    {
        var root = SchemaDocument.Parse("{\"$schema\": \"" + url + "\"}");
        var ex = Assert.Throws<SchemaCompileException>(() => SchemaDocument.DraftForHelm4(root, out _));
        Assert.That(ex!.Message, Is.EqualTo(message));
        Assert.That(SchemaDocument.DraftForHelm3(root), Is.EqualTo(SchemaDraft.Hybrid));
    }

    // A "$ref" into a remote document: both helms try to fetch it; helm 3 prints `Get "URL": ` and Go's network error,
    // helm 4 `failing loading "URL": HTTP request failed for URL: ` and the error (seen in the real-chart corpus, DataDog's
    // private-action-runner, on a machine without network). HelmSharp never fetches and says so after helm's prefix.
    [TestCase(3, "Get \"https://example.invalid/defs.json\": remote schemas are not fetched by HelmSharp")]
    [TestCase(4, "failing loading \"https://example.invalid/defs.json\": HTTP request failed for https://example.invalid/defs.json: remote schemas are not fetched by HelmSharp")]
    public void RemoteRefIsNotFetched(int major, string line)
    {
        var c = ChartLoadingTests.Mem(major,
            ("Chart.yaml", "apiVersion: v2\nname: rr\nversion: 0.1.0\n"),
            ("values.yaml", "a: {}\n"),
            ("values.schema.json", "{\"properties\":{\"a\":{\"$ref\":\"https://example.invalid/defs.json#/definitions/x\"}}}"));
        var ex = Assert.Throws<ValuesException>(() => ChartValues.ToRenderValues(c, null, major));
        Assert.That(ex!.Message.Split('\n'), Does.Contain(line));
    }
}
