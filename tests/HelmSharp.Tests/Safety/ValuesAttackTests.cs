using System.Text;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Values;
using NUnit.Framework;
using static HelmSharp.Tests.Safety.Hostile;

namespace HelmSharp.Tests.Safety;

/// <summary>Hostile values: deep YAML/JSON, alias bombs, --set/--set-json abuse, recursive schemas.</summary>
[TestFixture]
public class ValuesAttackTests
{
    private static string Billion()
    {
        var sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        const string names = "abcdefghi";
        for (int i = 1; i < names.Length; i++)
            sb.Append(names[i]).Append(": &").Append(names[i]).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + names[i - 1], 9))).Append("]\n");
        return sb.ToString();
    }

    private static (int Rc, string Out, string Err) CliWith(string template, string? values, params string[] extra)
    {
        var files = new List<(string, string)> { ("templates/a.yaml", template) };
        if (values != null) files.Add(("values.yaml", values));
        var dir = WriteChart([.. files]);
        try { return RunCli(["template", "x", dir, .. extra]); }
        finally { Delete(dir); }
    }

    /// <summary>helm v4 prefixes values.yaml decode errors with "cannot unmarshal yaml document: "; helm v3 does not.</summary>
    private static string ValuesError(int major, string yamlError) =>
        "cannot load values.yaml: " + (major == 3 ? "" : "cannot unmarshal yaml document: ") + "error converting YAML to JSON: " + yamlError;

    [Test]
    public void BillionLaughsInValuesYaml()
    {
        // helm v4.1.4 and v3.17.3 template x c (values.yaml = 9 levels of 9 aliases)
        foreach (var major in new[] { 4, 3 })
        {
            var ex = Bounded(() => Assert.Catch(() => Tpl("x: 1", Billion(), major)));
            Assert.That(ex!.Message, Is.EqualTo(ValuesError(major, "yaml: document contains excessive aliasing")));
        }
    }

    [Test]
    public void BillionLaughsInFromYaml()
    {
        // helm v4.1.4: fromYaml returns {"Error": ...}: `len` prints 1 and the JSON is 85 bytes long.
        var values = "s: " + System.Text.Json.JsonSerializer.Serialize(Billion()) + "\n";
        Assert.That(Render(Tpl("x: {{ fromYaml .Values.s | len }}", values)), Is.EqualTo(Doc("x: 1")));
        Assert.That(Render(Tpl("x: {{ fromYaml .Values.s | toJson | len }}", values)), Is.EqualTo(Doc("x: 85")));
    }

    [Test]
    public void HundredThousandLevelsOfFlowYaml()
    {
        // helm v4.1.4 and v3.17.3: values.yaml `a: [[[...]]]` / `a: {a: {a: ...}}` 100000 deep
        foreach (var major in new[] { 4, 3 })
            foreach (var values in new[] { "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n",
                                           "a: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string('}', 100_000) + "\n" })
            {
                var ex = Bounded(() => Assert.Catch(() => Tpl("x: 1", values, major)));
                Assert.That(ex!.Message, Is.EqualTo(ValuesError(major, "yaml: exceeded max depth of 10000")));
            }
    }

    [Test]
    public void HundredThousandLevelsOfBlockSequences()
    {
        // helm v4.1.4: values.yaml `a:` then `- - - ... a` on one line (block sequences nest without indentation).
        foreach (var depth in new[] { 10_001, 100_000 })
        {
            var values = "a:\n" + string.Concat(Enumerable.Repeat("- ", depth)) + "a\n";
            var ex = Bounded(() => Assert.Catch(() => Tpl("x: 1", values)));
            Assert.That(ex!.Message, Is.EqualTo(ValuesError(4, "yaml: line 2: exceeded max depth of 10000")));
        }
        // 9000 levels are fine: helm v4.1.4 prints `x: 18009` for `.Values | toJson | len`.
        var ok = "a:\n" + string.Concat(Enumerable.Repeat("- ", 9000)) + "a\n";
        Assert.That(Render(Tpl("x: {{ .Values | toJson | len }}", ok)), Is.EqualTo(Doc("x: 18009")));
    }

    [Test]
    public void DeepBlockYaml()
    {
        // helm v4.1.4: 2000 nested block mappings render; `.Values | toJson | len` is 12004.
        var sb = new StringBuilder("a:\n");
        for (int i = 1; i < 2000; i++) sb.Append(' ', 2 * i).Append("a:\n");
        Assert.That(Render(Tpl("x: {{ .Values | toJson | len }}", sb.ToString())), Is.EqualTo(Doc("x: 12004")));
        // 3000 levels exceed helm's 5 MiB file limit (helm v4.1.4 on the chart directory):
        for (int i = 2000; i < 3000; i++) sb.Append(' ', 2 * i).Append("a:\n");
        var (rc, stdout, stderr) = CliWith("x: 1", sb.ToString());
        Assert.That((rc, stdout), Is.EqualTo((1, "")));
        Assert.That(stderr, Is.EqualTo("Error: chart file \"values.yaml\" is larger than the maximum file size 5242880\n"));
    }

    [Test]
    public void DeepJsonInFromJson()
    {
        // helm v4.1.4 (Go's encoding/json stops at 10000 nested containers)
        var values = "s: \"" + new string('[', 100_000) + new string(']', 100_000) + "\"\n";
        Assert.That(Render(Tpl("x: {{ fromJson .Values.s | toJson }}", values)), Is.EqualTo(Doc("x: {\"Error\":\"invalid character '[' exceeded max depth\"}")));
        Assert.That(Render(Tpl("x: {{ fromJsonArray .Values.s | toJson }}", values)), Is.EqualTo(Doc("x: [\"invalid character '[' exceeded max depth\"]")));
    }

    [Test]
    public void DeepSetJson()
    {
        // helm v4.1.4 and v3.17.3 template x c --set-json a=<N nested arrays>; the template is `x: {{ .Values | toJson | len }}`.
        const string t = "x: {{ .Values | toJson | len }}";
        var ok = "a=" + new string('[', 9999) + new string(']', 9999);
        var (rc, stdout, stderr) = CliWith(t, null, "--set-json", ok);
        Assert.That((rc, stdout, stderr), Is.EqualTo((0, Doc("x: 20004"), "")));
        var tooDeep = "a=" + new string('[', 10001) + new string(']', 10001);
        foreach (var flags in new[] { Array.Empty<string>(), ["--helm3"] })
        {
            (rc, stdout, stderr) = CliWith(t, null, ["--set-json", tooDeep, .. flags]);
            Assert.That((rc, stdout), Is.EqualTo((1, "")));
            Assert.That(stderr, Is.EqualTo("Error: failed parsing --set-json data " + tooDeep + "\n"));
        }
        var huge = "a=" + new string('[', 60000) + new string(']', 60000);
        (rc, stdout, stderr) = CliWith(t, null, "--set-json", huge);
        Assert.That((rc, stdout, stderr), Is.EqualTo((1, "", "Error: failed parsing --set-json data " + huge + "\n")));
    }

    [TestCase("a[99999999]=1", "Error: failed parsing --set data: index of 99999999 is greater than maximum supported index of 65536\n")]
    [TestCase("a[65537]=1", "Error: failed parsing --set data: index of 65537 is greater than maximum supported index of 65536\n")]
    [TestCase("a[0][0][99999]=1", "Error: failed parsing --set data: index of 99999 is greater than maximum supported index of 65536\n")]
    [TestCase("a[9223372036854775807]=1", "Error: failed parsing --set data: index of 9223372036854775807 is greater than maximum supported index of 65536\n")]
    [TestCase("a[-1]=1", "Error: failed parsing --set data: negative -1 index not allowed\n")]
    [TestCase("a[99999999999999999999]=1", "Error: failed parsing --set data: error parsing index: strconv.Atoi: parsing \"99999999999999999999\": value out of range\n")]
    public void EnormousSetIndexes(string set, string helmStderr)
    {
        // helm v4.1.4 template x c --set ...
        var (rc, stdout, stderr) = CliWith("x: {{ .Values | toJson | len }}", null, "--set", set);
        Assert.That((rc, stdout, stderr), Is.EqualTo((1, "", helmStderr)));
    }

    [Test]
    public void LargestSetIndexIsAllowed()
    {
        // helm v4.1.4 template x c --set a[65536]=1: a list of 65537 entries, toJson length 327689.
        var (rc, stdout, stderr) = CliWith("x: {{ .Values | toJson | len }}", null, "--set", "a[65536]=1");
        Assert.That((rc, stdout, stderr), Is.EqualTo((0, Doc("x: 327689"), "")));
    }

    [Test]
    public void DeepSetPaths()
    {
        // helm v4.1.4 template x c --set a.a.a....=1 (30000 names; the OS caps one argument at 128 KiB)
        var deep = string.Join(".", Enumerable.Repeat("a", 30000)) + "=1";
        var (rc, stdout, stderr) = CliWith("x: 1", null, "--set", deep);
        Assert.That((rc, stdout, stderr), Is.EqualTo((1, "", "Error: failed parsing --set data: value name nested level is greater than maximum supported nested level of 30\n")));
        // 100000 names through the API
        var opts = new ValueOptions();
        opts.Values.Add(string.Join(".", Enumerable.Repeat("a", 100_000)) + "=1");
        var ex = Bounded(() => Assert.Catch<ValuesException>(() => opts.MergeValues()));
        Assert.That(ex!.Message, Is.EqualTo("failed parsing --set data: value name nested level is greater than maximum supported nested level of 30"));
    }

    [Test]
    public void SchemaReferringToItself()
    {
        // helm v4.1.4 template x c with values.schema.json {"$ref":"#"}; helm v3.17.3 dies of a Go stack overflow,
        // where helm-3 mode stops at the schema depth limit with a clean error.
        foreach (var major in new[] { 4, 3 })
        {
            var c = Mem(major, ("templates/a.yaml", "x: 1"), ("values.yaml", "a: 1\n"), ("values.schema.json", "{\"$ref\": \"#\"}"));
            Assert.That(RenderError(c, new TemplateRequest { HelmMajor = major }), Is.EqualTo(major == 4
                ? "values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '': both /$ref and  resolve to \"file:///values.schema.json#\" causing reference cycle\n"
                : "schema validation stopped: nesting deeper than 2000 levels"));
        }
    }

    [Test]
    public void SchemaWithMutuallyRecursiveDefinitions()
    {
        // helm v4.1.4 template x c
        var schema = "{\"definitions\": {\"x\": {\"$ref\": \"#/definitions/y\"}, \"y\": {\"$ref\": \"#/definitions/x\"}}, \"$ref\": \"#/definitions/x\"}";
        var c = Mem(4, ("templates/a.yaml", "x: 1"), ("values.yaml", "a: {b: 1}\n"), ("values.schema.json", schema));
        Assert.That(RenderError(c), Is.EqualTo(
            "values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '': both /$ref/$ref/$ref and /$ref resolve to \"file:///values.schema.json#/definitions/x\" causing reference cycle\n"));
    }

    [Test]
    public void RecursiveSchemaThatConsumesTheInstanceStillValidates()
    {
        // helm v4.1.4 template x c: a recursive node type is legitimate; values a.a.a = 1 fail with this message.
        var schema = "{\"definitions\": {\"n\": {\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/definitions/n\"}}}}, \"$ref\": \"#/definitions/n\"}";
        var c = Mem(4, ("templates/a.yaml", "x: 1"), ("values.yaml", "a: {a: {a: 1}}\n"), ("values.schema.json", schema));
        Assert.That(RenderError(c), Is.EqualTo(
            "values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '/a/a/a': got number, want object\n"));
    }

    [TestCase(4, "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'")]
    [TestCase(3, "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'")]
    public void MalformedValuesFileIsACleanError(int major, string helm)
    {
        // helm v4.1.4 / v3.17.3 template … -f bad.yaml with `a: [1, 2` / `b: }` (testdata/golden/err-values-file/bad-yaml.helm{4,3}.err);
        // YamlDotNet failed here with an InvalidOperationException that escaped the library.
        var path = Path.Combine(Path.GetTempPath(), "hs-safety-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, "a: [1, 2\nb: }\n");
        try
        {
            var opts = new ValueOptions();
            opts.ValueFiles.Add(path);
            var ex = Bounded(() => Assert.Catch<ValuesException>(() => opts.MergeValues(major)));
            Assert.That(ex!.Message, Is.EqualTo("failed to parse " + path + ": " + helm));
        }
        finally { File.Delete(path); }
    }
}
