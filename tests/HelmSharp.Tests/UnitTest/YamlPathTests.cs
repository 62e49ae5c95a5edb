using HelmSharp.UnitTest;
using HelmSharp.UnitTest.Validators;
using NUnit.Framework;

namespace HelmSharp.Tests.UnitTest;

/// <summary>
/// The <c>path</c> syntax of helm-unittest assertions (vmware-labs/yaml-jsonpath v0.3.2) over manifests as the plugin
/// sees them (encoded and decoded again by go-yaml v3). Expected values follow the library's documented semantics;
/// error texts are its lexer's.
/// </summary>
[TestFixture]
public class YamlPathTests
{
    internal static Dictionary<string, object?> Manifest(string yaml) => V3Yaml.DecodeMap(V3Yaml.Parse(yaml)[0]);

    private const string Doc = """
        metadata:
          name: web
          labels:
            app.kubernetes.io/name: web
            "quote'd": yes
        spec:
          replicas: 1.0
          ratio: 0.5
          big: 1000000.0
          items:
            - name: a
              n: 1
            - name: b
              n: 2
              flag: true
            - name: c
              n: 3
          map:
            b: 3
            a10: 2
            a2: 1
        """;

    private static List<object?> Get(string path) => ValuePath.Get(Manifest(Doc), path);

    [TestCase("metadata.name", "web")]
    [TestCase("$.metadata.name", "web")]
    [TestCase("metadata.labels['app.kubernetes.io/name']", "web")]
    [TestCase("metadata.labels[\"app.kubernetes.io/name\"]", "web")]
    [TestCase("metadata.labels['quote\\'d']", "yes")]
    [TestCase("spec.items[0].name", "a")]
    [TestCase("spec.items[-1].name", "c")]
    [TestCase("spec.items[?(@.name == 'b')].n", 2L)]
    [TestCase("spec.items[?(@.name == \"b\")].n", 2L)]
    [TestCase("spec.items[?(@.flag)].name", "b")]
    [TestCase("spec.items[?(@.n > 2)].name", "c")]
    [TestCase("spec.items[?(@.n >= 2 && @.name =~ /^c/)].name", "c")]
    public void FindsOneValue(string path, object expected)
    {
        Assert.That(Get(path), Is.EqualTo(new object?[] { expected }));
    }

    [TestCase("spec.items[*].name", new[] { "a", "b", "c" })]
    [TestCase("spec.items[0:2].name", new[] { "a", "b" })]
    [TestCase("spec.items[::-1].name", new[] { "c", "b", "a" })]
    [TestCase("spec.items[0,2].name", new[] { "a", "c" })]
    [TestCase("spec.items[?(@.n < 2 || @.name == 'c')].name", new[] { "a", "c" })]
    [TestCase("spec.items[?(!@.flag)].name", new[] { "a", "c" })]
    [TestCase("$..items[*].name", new[] { "a", "b", "c" })]
    [TestCase("spec.items.*.name", new[] { "a", "b", "c" })]
    public void FindsSeveralValues(string path, string[] expected)
    {
        Assert.That(Get(path), Is.EqualTo(expected));
    }

    [Test]
    public void MapChildrenComeInGoYamlV3KeyOrder()
    {
        // go-yaml v3 sorts keys with digits compared as numbers: a2 < a10 < b
        Assert.That(Get("spec.map.*"), Is.EqualTo(new object?[] { 1L, 2L, 3L }));
        Assert.That(Get("spec.map[*]~"), Is.EqualTo(new object?[] { "a2", "a10", "b" }));
        Assert.That(Get("metadata.name~"), Is.EqualTo(new object?[] { "name" }));
    }

    [Test]
    public void RecursiveDescentVisitsDepthFirst()
    {
        Assert.That(Get("$..name"), Is.EqualTo(new object?[] { "web", "a", "b", "c" }));
    }

    [Test]
    public void AFloatWithoutFractionReadsBackAsAnInteger()
    {
        // the manifest is encoded by go-yaml v3 ("1") and decoded again: an int, while 0.5 and 1e+06 stay floats
        Assert.That(Get("spec.replicas"), Is.EqualTo(new object?[] { 1L }));
        Assert.That(Get("spec.ratio"), Is.EqualTo(new object?[] { 0.5 }));
        Assert.That(Get("spec.big"), Is.EqualTo(new object?[] { 1000000.0 }));
        Assert.That(Get("")[0], Is.InstanceOf<Dictionary<string, object?>>());
    }

    [TestCase("spec.nothing")]
    [TestCase("spec.items[7]")]
    [TestCase("metadata.name.first")]
    [TestCase("spec.items[?(@.n == 'x')]")]
    public void FindsNothing(string path)
    {
        Assert.That(Get(path), Is.Empty);
    }

    [TestCase("a.", "child name missing at position 2, following \"a.\"")]
    [TestCase("a[", "unmatched [ at position 2, following \"a[\"")]
    [TestCase("spec[first]", "invalid array index [first] before position 11: non-integer array index")]
    [TestCase("a[]", "subscript missing from [] before position 3")]
    [TestCase("a[1:2:0]", "invalid array index [1:2:0] before position 8: array index step value must be non-zero")]
    [TestCase("a['b", "unmatched \"'\" at position 4, following \"a['b\"")]
    [TestCase("a[?(@.b =~ c)]", "regular expression does not start with / at position 11, following \"=~ \"")]
    public void ReportsSyntaxErrors(string path, string message)
    {
        var e = Assert.Throws<UnitTestException>(() => Get(path));
        Assert.That(e!.Message, Is.EqualTo(message));
    }
}
