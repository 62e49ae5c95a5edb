using HelmSharp.Yaml;
using NUnit.Framework;

namespace HelmSharp.Tests.Yaml;

[TestFixture]
public class GoYamlApiTests
{
    private static Dictionary<string, object?> Map(params (string k, object? v)[] kv)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in kv) d[k] = v;
        return d;
    }

    private static Dictionary<string, object?> SampleDict() => Map(
        ("i", 42L), ("s", "1.5"), ("big", 9007199254740993L), ("neg", -7L), ("f", 1e6),
        ("l", new object?[] { 42L, (nint)2, (nint)3 }), ("m", Map()), ("n", null), ("t", true));

    // helm template c ./c --set i=42,s=1.5,big=9007199254740993,neg=-7 --set-json f=1e6 with
    // {{ toYaml (dict "i" .Values.i "s" .Values.s "big" .Values.big "neg" .Values.neg "f" .Values.f
    //    "l" (list .Values.i 2 3) "m" (dict) "n" nil "t" true) }}   (helm v4.1.4, output + trimmed "\n")
    [Test]
    public void MarshalGoTypedValues() =>
        Assert.That(GoYaml.Marshal(SampleDict()), Is.EqualTo(
            "big: 9007199254740993\nf: 1000000\ni: 42\nl:\n- 42\n- 2\n- 3\nm: {}\n\"n\": null\nneg: -7\ns: \"1.5\"\nt: true\n"));

    // same with toYamlPretty and an extra "e" (list)
    [Test]
    public void MarshalPrettyGoTypedValues()
    {
        var d = SampleDict();
        d["e"] = Array.Empty<object?>();
        Assert.That(GoYaml.MarshalPretty(d), Is.EqualTo(
            "big: 9007199254740993\ne: []\nf: 1e+06\ni: 42\nl:\n  - 42\n  - 2\n  - 3\nm: {}\n\"n\": null\nneg: -7\ns: \"1.5\"\nt: true\n"));
    }

    // {{ list (toYaml (list)) (toYaml (dict)) (toYaml nil) (toYaml "s") (toYaml 3) (toYaml 1.5) (toYaml "")
    //    (toYaml "a\nb") (toYaml (list (list))) | toJson }} → ["[]","{}","null","s","3","1.5","\"\"","|-\n  a\n  b","- []"]
    [TestCase(new object?[0], "[]")]
    [TestCase(null, "null")]
    [TestCase("s", "s")]
    [TestCase(3, "3")]
    [TestCase(1.5, "1.5")]
    [TestCase("", "\"\"")]
    [TestCase("a\nb", "|-\n  a\n  b")]
    public void MarshalTopLevelScalars(object? value, string expected)
    {
        if (value is int i) value = (nint)i;
        Assert.That(GoYaml.Marshal(value), Is.EqualTo(expected + "\n"));
    }

    [Test]
    public void MarshalEmptyMapAndNestedEmptyList()
    {
        Assert.That(GoYaml.Marshal(Map()), Is.EqualTo("{}\n"));
        Assert.That(GoYaml.Marshal(new object?[] { Array.Empty<object?>() }), Is.EqualTo("- []\n"));
    }

    // {{ list (toYamlPretty (list)) (toYamlPretty (dict)) (toYamlPretty nil) (toYamlPretty "s") (toYamlPretty 3)
    //    (toYamlPretty 1.5) (toYamlPretty "") (toYamlPretty "a\nb") (toYamlPretty 1000000.0) (toYamlPretty "yes")
    //    (toYamlPretty "y") (toYamlPretty (list (list 1 2) (dict "a" (list 1)))) | toJson }}
    // → ["[]","{}","null","s","3","1.5","\"\"","|-\n  a\n  b","1e+06","\"yes\"","\"y\"","- - 1\n  - 2\n- a:\n    - 1"]
    [Test]
    public void MarshalPrettyScalarsAndNesting()
    {
        Assert.That(GoYaml.MarshalPretty(Array.Empty<object?>()), Is.EqualTo("[]\n"));
        Assert.That(GoYaml.MarshalPretty(Map()), Is.EqualTo("{}\n"));
        Assert.That(GoYaml.MarshalPretty(null), Is.EqualTo("null\n"));
        Assert.That(GoYaml.MarshalPretty((nint)3), Is.EqualTo("3\n"));
        Assert.That(GoYaml.MarshalPretty(1.5), Is.EqualTo("1.5\n"));
        Assert.That(GoYaml.MarshalPretty(""), Is.EqualTo("\"\"\n"));
        Assert.That(GoYaml.MarshalPretty("a\nb"), Is.EqualTo("|-\n  a\n  b\n"));
        Assert.That(GoYaml.MarshalPretty(1000000.0), Is.EqualTo("1e+06\n"));
        Assert.That(GoYaml.MarshalPretty("yes"), Is.EqualTo("\"yes\"\n"));
        Assert.That(GoYaml.MarshalPretty("y"), Is.EqualTo("\"y\"\n"));
        var nested = new object?[] { new object?[] { (nint)1, (nint)2 }, Map(("a", new object?[] { (nint)1 })) };
        Assert.That(GoYaml.MarshalPretty(nested), Is.EqualTo("- - 1\n  - 2\n- a:\n    - 1\n"));
    }

    [Test]
    public void MarshalNaNFailsLikeJson()
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.Marshal(Map(("a", double.NaN))));
        Assert.That(ex!.Message, Is.EqualTo("error marshaling into JSON: json: unsupported value: NaN"));
    }

    [Test]
    public void MarshalBytesAsBase64AndTypedSlices()
    {
        Assert.That(GoYaml.Marshal(Map(("b", new byte[] { 104, 105 }))), Is.EqualTo("b: aGk=\n"));
        Assert.That(GoYaml.Marshal(new[] { "a", "true" }), Is.EqualTo("- a\n- \"true\"\n"));
        Assert.That(GoYaml.Marshal(new Dictionary<string, string> { ["k"] = "v" }), Is.EqualTo("k: v\n"));
    }

    [Test]
    public void MarshalSelfReferenceFailsCleanly()
    {
        var d = Map();
        d["self"] = d;
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.Marshal(d));
        Assert.That(ex!.Message, Does.StartWith("error marshaling into JSON: json: unsupported value: encountered a cycle via"));
    }

    // ---------------------------------------------------------------- decoding API

    // Helm 4 values.yaml "a: 1\n---\nb: 2\n---\n- 1\n" → cannot load values.yaml: cannot unmarshal yaml document:
    // error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}
    // (Helm 3 reads only the first document: {"a":1})
    [Test]
    public void UnmarshalAllReadsEveryDocument()
    {
        const string y = "a: 1\n---\nb: 2\n---\n- 1\n";
        Assert.That(GoJsonForTests.Marshal(GoYaml.UnmarshalFirst(y)), Is.EqualTo("{\"a\":1}"));
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalAll(y));
        Assert.That(ex!.Message, Is.EqualTo("cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"));
        Assert.That(GoJsonForTests.Marshal(GoYaml.UnmarshalAll("a: {x: 1, q: 2}\n---\nb: 2\n---\n---\na: {q: 3}\n")),
            Is.EqualTo("{\"a\":{\"q\":3,\"x\":1},\"b\":2}"));
    }

    // Helm 4 errors (after "Error: cannot load values.yaml: "):
    //   "a: 1\n---\n---\nb: 2\n--- \nc: [\n" → cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected node content
    //   "a: 1\n---\nb: x: y\n"               → cannot unmarshal yaml document: error converting YAML to JSON: yaml: mapping values are not allowed in this context
    //   "a: 1\n--- # x\nb: 2\n---\nnull\n---\n\"s\"\n" → cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}
    //   "a: 1\n--- b: 1\n"                   → error reading yaml document: invalid Yaml document separator: b: 1
    //   "a: 1\n  ---\nb: 1\n----\nc: 2\n"    → error reading yaml document: invalid Yaml document separator: -
    [TestCase("a: 1\n---\n---\nb: 2\n--- \nc: [\n", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected node content")]
    [TestCase("a: 1\n---\nb: x: y\n", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: mapping values are not allowed in this context")]
    [TestCase("a: 1\n--- # x\nb: 2\n---\nnull\n---\n\"s\"\n", "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}")]
    [TestCase("a: 1\n--- b: 1\n", "error reading yaml document: invalid Yaml document separator: b: 1")]
    [TestCase("a: 1\n  ---\nb: 1\n----\nc: 2\n", "error reading yaml document: invalid Yaml document separator: -")]
    public void UnmarshalAllErrorsMatchHelm4(string yaml, string expected)
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalAll(yaml));
        Assert.That(ex!.Message, Is.EqualTo(expected));
    }

    // values.yaml with 9 levels of 9 aliases ("billion laughs"): helm v4 → ... yaml: document contains excessive aliasing
    [Test]
    public void AliasBombFailsCleanly()
    {
        var sb = new System.Text.StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        foreach (var c in "bcdefghi")
        {
            sb.Append(c).Append(": &").Append(c).Append(" [");
            for (int i = 0; i < 9; i++) sb.Append(i > 0 ? "," : "").Append('*').Append(prev);
            sb.Append("]\n");
            prev = c;
        }
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalFirst(sb.ToString()));
        Assert.That(ex!.Message, Is.EqualTo("error converting YAML to JSON: yaml: document contains excessive aliasing"));
        // 3 levels are fine: helm prints len .Values.c = 9
        var ok = GoYaml.UnmarshalFirst("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n");
        Assert.That(((object?[])ok["c"]!).Length, Is.EqualTo(9));
    }

    // values.yaml "a: " + 10001×"[" + 10001×"]" → yaml: exceeded max depth of 10000; 9999 levels decode fine.
    [Test]
    public void NestingDepthIsCapped()
    {
        var deep = "a: " + new string('[', 10001) + new string(']', 10001) + "\n";
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalFirst(deep));
        Assert.That(ex!.Message, Is.EqualTo("error converting YAML to JSON: yaml: exceeded max depth of 10000"));
        var ok = GoYaml.UnmarshalFirst("a: " + new string('[', 9999) + new string(']', 9999) + "\n");
        object? v = ok["a"];
        int depth = 0;
        while (v is object?[] { Length: > 0 } arr) { v = arr[0]; depth++; }
        Assert.That(depth, Is.EqualTo(9998));
        // and it re-encodes without overflowing the stack
        Assert.That(GoYaml.Marshal(ok), Does.StartWith("a:\n- - - "));
    }

    // values.yaml "a: .nan" → error converting YAML to JSON: json: unsupported value: NaN
    [Test]
    public void NaNValueFailsTheJsonRoundTrip()
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalFirst("a: .nan\n"));
        Assert.That(ex!.Message, Is.EqualTo("error converting YAML to JSON: json: unsupported value: NaN"));
    }

    // values.yaml "a: \xff" → error converting YAML to JSON: yaml: invalid leading UTF-8 octet; BOM is accepted
    [Test]
    public void ByteInputValidatesUtf8()
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.Unmarshal(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xFF, (byte)'\n' }));
        Assert.That(ex!.Message, Is.EqualTo("error converting YAML to JSON: yaml: invalid leading UTF-8 octet"));
        var ok = GoYaml.Unmarshal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', (byte)'1', (byte)'\n' });
        Assert.That(GoJsonForTests.Marshal(ok), Is.EqualTo("{\"a\":1}"));
    }

    [Test]
    public void UnmarshalArrayAndMapTypeErrors()
    {
        Assert.That(GoYaml.UnmarshalArray("- 1\n- a\n"), Is.EqualTo(new object?[] { 1.0, "a" }));
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalArray("a: 1\n"));
        Assert.That(ex!.Message, Is.EqualTo("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}"));
        // {{ fromYaml "null" | toJson }} → {} ; {{ fromYaml "" | toJson }} → {} ; {{ fromYamlArray "null" | toJson }} → []
        Assert.That(GoYaml.UnmarshalMap("null"), Is.Empty);
        Assert.That(GoYaml.UnmarshalFirst(""), Is.Empty);
        Assert.That(GoYaml.UnmarshalArray("null"), Is.Empty);
        // {{ fromYaml "- a" | toJson }} → {"Error":"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"}
        var ex2 = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalMap("- a"));
        Assert.That(ex2!.Message, Is.EqualTo("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"));
        // {{ fromYaml "a: 1\n---\nb: 2" | toJson }} → {"a":1}
        Assert.That(GoJsonForTests.Marshal(GoYaml.UnmarshalMap("a: 1\n---\nb: 2")), Is.EqualTo("{\"a\":1}"));
    }

    // ---------------------------------------------------------------- manifest heads
    // Each expected message is helm's "YAML parse error on c/templates/x.yaml: <message>" for a template
    // rendering exactly the given document (helm v3.17.3 names the type releaseutil.SimpleHead, v4.1.4 util.SimpleHead).

    [TestCase("x\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type releaseutil.SimpleHead")]
    [TestCase("- a\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type releaseutil.SimpleHead")]
    [TestCase("123\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go value of type releaseutil.SimpleHead")]
    [TestCase("true\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal bool into Go value of type releaseutil.SimpleHead")]
    [TestCase("kind: [a]\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field SimpleHead.kind of type string")]
    [TestCase("apiVersion: {a: 1}\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go struct field SimpleHead.apiVersion of type string")]
    [TestCase("metadata: x\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field SimpleHead.metadata of type struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }")]
    [TestCase("metadata:\n  name: [1]\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field .metadata.name of type string")]
    [TestCase("metadata:\n  annotations:\n    a: [1]\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field .metadata.annotations of type string")]
    [TestCase("metadata:\n  annotations:\n    a: {b: 1}\n    c: [1]\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go struct field .metadata.annotations of type string")]
    [TestCase("metadata:\n  annotations: x\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field .metadata.annotations of type map[string]string")]
    [TestCase("a: b: c\n", "error converting YAML to JSON: yaml: mapping values are not allowed in this context")]
    public void ManifestHeadErrorsMatchHelm(string doc, string expected)
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.DecodeManifestHead(doc));
        Assert.That(ex!.Message, Is.EqualTo(expected));
    }

    [Test]
    public void RawDecodingKeepsYamlTypes()
    {
        var raw = (Dictionary<string, object?>)GoYaml.UnmarshalRaw("version: 1.10\nappVersion: 2\nbig: 18446744073709551615\nok: yes\nname: x\n")!;
        Assert.That(raw["version"], Is.EqualTo(1.1));
        Assert.That(raw["appVersion"], Is.EqualTo(2L));
        Assert.That(raw["big"], Is.EqualTo(18446744073709551615UL));
        Assert.That(GoYaml.CoerceToString(raw["version"]), Is.EqualTo("1.1"));
        Assert.That(GoYaml.CoerceToString(1.0), Is.EqualTo("1"));
        Assert.That(GoYaml.CoerceToString(raw["ok"]), Is.EqualTo("true"));
        Assert.That(GoYaml.JsonKindOf(raw["name"]), Is.EqualTo("string"));
    }

    [Test]
    public void ManifestHeadHelm4TypeName()
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.DecodeManifestHead("x\n", "util.SimpleHead"));
        Assert.That(ex!.Message, Is.EqualTo("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type util.SimpleHead"));
    }

    // These documents render without error in helm (kind: 1 / Kind: Pod with METADATA.NAME are accepted).
    [Test]
    public void ManifestHeadCoercesScalarsAndMatchesKeysCaseInsensitively()
    {
        var h = GoYaml.DecodeManifestHead("kind: 1\napiVersion: 1.0\nmetadata:\n  name: 5\n");
        Assert.That((h.Kind, h.ApiVersion, h.Name, h.HasMetadata), Is.EqualTo(("1", "1", "5", true)));
        h = GoYaml.DecodeManifestHead("Kind: Pod\nMETADATA:\n  NAME: x\n");
        Assert.That((h.Kind, h.Name), Is.EqualTo(("Pod", "x")));
        h = GoYaml.DecodeManifestHead("metadata:\n  name: 1.10\n  annotations:\n    a: 1e6\n    b: null\n    c: true\n    \"helm.sh/hook\": pre-install\n");
        Assert.That(h.Name, Is.EqualTo("1.1"));
        Assert.That(h.Annotations, Is.EqualTo(new Dictionary<string, string> { ["a"] = "1e+06", ["b"] = "", ["c"] = "true", ["helm.sh/hook"] = "pre-install" }));
        h = GoYaml.DecodeManifestHead("# just a comment\n");
        Assert.That((h.Kind, h.HasMetadata, h.Annotations), Is.EqualTo(("", false, (Dictionary<string, string>?)null)));
    }
}

[TestFixture]
public class GoYamlQuirkTests
{
    // values.yaml: bom: "\ufeffab c", tab: "a\tb\nc", big: 12345678901234567890, nel: "a\u0085b", ls: "x\u2028y"
    // helm v4: out: {{ toYaml .Values | b64enc }} and out: {{ toYamlPretty .Values | b64enc }} (decoded)
    private const string Values = "bom: \"\\ufeffab c\"\ntab: \"a\\tb\\nc\"\nbig: 12345678901234567890\nnel: \"a\\u0085b\"\nls: \"x\\u2028y\"\n";

    [Test]
    public void ToYamlQuirks() =>
        Assert.That(GoYaml.Marshal(GoYaml.UnmarshalFirst(Values)), Is.EqualTo(
            "big: 12345678901234567000\nbom: \"\\uFEFF\\x61\\x62\\x20\\x63\"\nls: 'x\u2028  y'\nnel: a b\ntab: \"a\\tb\\nc\"\n"));

    [Test]
    public void ToYamlPrettyQuirks() =>
        Assert.That(GoYaml.MarshalPretty(GoYaml.UnmarshalFirst(Values)), Is.EqualTo(
            "big: 1.2345678901234567e+19\nbom: \"\\uFEFF\\x61\\x62\\x20\\x63\"\nls: 'x\u2028  y'\nnel: \"a\\Nb\"\ntab: |-\n  a\tb\n  c\n"));

    // {{ mustToYaml .Values }} with values {"a\u0085b": 1} → error calling mustToYaml: yaml: line 1: did not find expected ',' or '}'
    // with values x: "\x7f"                                → error calling mustToYaml: yaml: control characters are not allowed
    // with (dict "a" (float64 "NaN"))                       → error calling mustToYaml: error marshaling into JSON: json: unsupported value: NaN
    [Test]
    public void MarshalJsonToYamlFailures()
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.Marshal(GoYaml.UnmarshalFirst("{\"a\\u0085b\": 1}\n")));
        Assert.That(ex!.Message, Is.EqualTo("yaml: line 1: did not find expected ',' or '}'"));
        ex = Assert.Throws<GoYamlException>(() => GoYaml.Marshal(GoYaml.UnmarshalFirst("x: \"\\x7f\"\n")));
        Assert.That(ex!.Message, Is.EqualTo("yaml: control characters are not allowed"));
    }

    // values.yaml "a: |\n  x\n\ty\nb: 1\n" → helm v4: ... error converting YAML to JSON: yaml: line 3: found a tab character where an indentation space is expected
    [Test]
    public void TabInBlockScalarIndentation()
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalFirst("a: |\n  x\n\ty\nb: 1\n"));
        Assert.That(ex!.Message, Is.EqualTo("error converting YAML to JSON: yaml: line 3: found a tab character where an indentation space is expected"));
    }

    // Go strconv.FormatFloat(f, 'g', -1, 64) / (.., 32)
    [TestCase(1e6, 64, "1e+06")]
    [TestCase(123456.0, 64, "123456")]
    [TestCase(1.5e-7, 64, "1.5e-07")]
    [TestCase(0.0001, 64, "0.0001")]
    [TestCase(0.00001, 64, "1e-05")]
    [TestCase(-2.5, 64, "-2.5")]
    [TestCase(1e21, 64, "1e+21")]
    [TestCase(0.1, 32, "0.1")]
    [TestCase(1.1, 32, "1.1")]
    [TestCase(16777217.0, 32, "1.6777216e+07")]
    public void FormatFloatG(double f, int bits, string expected) =>
        Assert.That(YamlFloat.FormatG(f, bits), Is.EqualTo(expected));
}

[TestFixture]
public class GoYamlSafetyTests
{
    // Shared references in template-built values (e.g. a list holding the same list 100 times, 6 deep)
    // would expand to 10^12 nodes; Go runs out of memory, we fail cleanly and quickly.
    [Test]
    public void ExponentialSharingFailsCleanly()
    {
        object? v = "x";
        for (int level = 0; level < 6; level++)
        {
            var arr = new object?[100];
            for (int i = 0; i < arr.Length; i++) arr[i] = v;
            v = arr;
        }
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.Marshal(v));
        Assert.That(ex!.Message, Is.EqualTo("yaml: value too large to encode"));
        var pretty = Assert.Throws<GoYamlException>(() => GoYaml.MarshalPretty(v));
        Assert.That(pretty!.Message, Is.EqualTo("yaml: value too large to encode"));
    }
}

[TestFixture]
public class GoYamlTabTests
{
    // values.yaml contents → helm v4 "Error: cannot load values.yaml: cannot unmarshal yaml document: <message>"
    [TestCase("\tdepth: 10\n", "error converting YAML to JSON: yaml: found character that cannot start any token")]
    [TestCase("env:\n  ZETA: last\n  MIDDLE: \"x\"\ndefaults:\n\t  resources:\n    limits: {cpu: 500m}\n", "error converting YAML to JSON: yaml: line 5: found character that cannot start any token")]
    [TestCase("name: edge\nmissingMap: {}\n\temitExtra: false\n", "error converting YAML to JSON: yaml: line 3: found character that cannot start any token")]
    [TestCase("hookOnly: false\n\tenabled: false\n", "error converting YAML to JSON: yaml: line 2: found a tab character that violates indentation")]
    [TestCase("broken: false\n\t", "error converting YAML to JSON: yaml: line 2: found a tab character that violates indentation")]
    [TestCase("a:\n\t- b\n", "error converting YAML to JSON: yaml: line 2: found character that cannot start any token")]
    public void LeadingTabsFailLikeLibyaml(string yaml, string expected)
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalFirst(yaml));
        Assert.That(ex!.Message, Is.EqualTo(expected));
    }

    // tabs inside flow collections, quoted scalars and after content are fine (helm decodes these)
    [Test]
    public void TabsElsewhereAreAccepted()
    {
        var v = GoYaml.UnmarshalFirst("a: [1,\n\t2]\nb: \"x\n\ty\"\nc: d\t# comment\n");
        Assert.That(GoJsonForTests.Marshal(v), Is.EqualTo("{\"a\":[1,2],\"b\":\"x y\",\"c\":\"d\"}"));
    }
}

[TestFixture]
public class GoYamlHookTests
{
    private sealed class Meta : HelmSharp.Go.IGoJsonMarshaler, HelmSharp.Go.IGoValue
    {
        public HelmSharp.Go.GoType GoType { get; } = HelmSharp.Go.GoType.Struct("chart.Metadata");
        public object? ToJsonValue() => new Dictionary<string, object?> { ["name"] = "c", ["version"] = "0.1.0", ["apiVersion"] = "v2" };
    }

    // toYaml goes through encoding/json, so a struct marshals as its JSON form (natural key order applies)
    [Test]
    public void MarshalUsesJsonForm() =>
        Assert.That(GoYaml.Marshal(new Dictionary<string, object?> { ["chart"] = new Meta() }),
            Is.EqualTo("chart:\n  apiVersion: v2\n  name: c\n  version: 0.1.0\n"));
}

[TestFixture]
public class GoYamlAliasChainTests
{
    private static string Chain(int anchors, int depth)
    {
        var sb = new System.Text.StringBuilder();
        for (int k = 0; k < anchors; k++)
        {
            sb.Append('a').Append(k).Append(": &a").Append(k).Append(' ');
            sb.Append(new string('[', depth));
            sb.Append(k == 0 ? "1" : "*a" + (k - 1));
            sb.Append(new string(']', depth)).Append('\n');
        }
        return sb.ToString();
    }

    // 40 anchors × 100 levels, each ending in an alias to the previous one: expansion recurses ~4000
    // levels deep although the document is only 100 deep; helm v4 accepts this values.yaml.
    [Test]
    public void DeepAliasChainsDoNotOverflowTheStack()
    {
        object? v = null;
        Assert.DoesNotThrow(() => v = GoYaml.UnmarshalFirst(Chain(40, 100)));
        Assert.That(((Dictionary<string, object?>)v!).Count, Is.EqualTo(40));
    }

    // 40 anchors × 250 levels nests past encoding/json's limit: helm v4 →
    // ... error unmarshaling JSON: while decoding JSON: invalid character '[' exceeded max depth
    [Test]
    public void AliasExpansionPastJsonDepthFails()
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalFirst(Chain(40, 250)));
        Assert.That(ex!.Message, Is.EqualTo("error unmarshaling JSON: while decoding JSON: invalid character '[' exceeded max depth"));
    }

    // 60 anchors × 300 levels: helm v4 → ... yaml: document contains excessive aliasing
    [Test]
    public void LongerChainsHitTheAliasLimit()
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalFirst(Chain(60, 300)));
        Assert.That(ex!.Message, Is.EqualTo("error converting YAML to JSON: yaml: document contains excessive aliasing"));
    }
}
