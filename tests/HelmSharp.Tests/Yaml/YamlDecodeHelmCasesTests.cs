using HelmSharp.Yaml;
using NUnit.Framework;

namespace HelmSharp.Tests.Yaml;

// Expected values below were produced by the pinned helm binaries:
//   chart c with values.yaml = <input> and templates/x.yaml = "out: |\n{{ .Values | toJson | indent 2 }}"
//   `helm template c ./c` (v3.17.3; v4.1.4 prints the same after its "cannot unmarshal yaml document: " prefix)
// Error expectations are helm's message after "Error: cannot load values.yaml: ".
[TestFixture]
public class YamlDecodeHelmCasesTests
{
    public static IEnumerable<TestCaseData> ErrorCases()
    {
        yield return new TestCaseData("a: b: c\n", "error converting YAML to JSON: yaml: mapping values are not allowed in this context").SetName("Error_e1");
        yield return new TestCaseData("a: &x [*x]\n", "error converting YAML to JSON: yaml: anchor 'x' value contains itself").SetName("Error_e11");
        yield return new TestCaseData("a: !!int abc\n", "error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!int").SetName("Error_e12");
        yield return new TestCaseData("a:\n\u0009- b\n", "error converting YAML to JSON: yaml: line 2: found character that cannot start any token").SetName("Error_e13");
        yield return new TestCaseData("x\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}").SetName("Error_e14");
        yield return new TestCaseData("\"a\n  b\": 1\nc: %x\n", "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context").SetName("Error_e16");
        yield return new TestCaseData("a: b\n  c: d\n", "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context").SetName("Error_e17");
        yield return new TestCaseData("a:\n  - b\n  c: d\n", "error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator").SetName("Error_e18");
        yield return new TestCaseData("<<: 1\n", "error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value").SetName("Error_e19");
        yield return new TestCaseData("a: 1\nb\nc: 2\n", "error converting YAML to JSON: yaml: line 3: could not find expected ':'").SetName("Error_e2");
        yield return new TestCaseData("? [1,2]\n: x\n", "error converting YAML to JSON: yaml: invalid map key: []interface {}{1, 2}").SetName("Error_e21");
        yield return new TestCaseData("~: 1\n", "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1").SetName("Error_e22");
        yield return new TestCaseData("a: `x\n", "error converting YAML to JSON: yaml: found character that cannot start any token").SetName("Error_e24");
        yield return new TestCaseData("a: \"\\q\"\n", "error converting YAML to JSON: yaml: found unknown escape character").SetName("Error_e25");
        yield return new TestCaseData("a: |\n  x\n y\n", "error converting YAML to JSON: yaml: line 2: did not find expected key").SetName("Error_e27");
        yield return new TestCaseData("a:\n  b: 1\n c: 2\n", "error converting YAML to JSON: yaml: line 2: did not find expected key").SetName("Error_e3");
        yield return new TestCaseData("a: [1, 2]]\n", "error converting YAML to JSON: yaml: did not find expected key").SetName("Error_e31");
        yield return new TestCaseData("\"x\"\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}").SetName("Error_e37");
        yield return new TestCaseData("a: @x\n", "error converting YAML to JSON: yaml: found character that cannot start any token").SetName("Error_e4");
        yield return new TestCaseData("a: 1\n b: 2\n", "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context").SetName("Error_e40");
        yield return new TestCaseData("- a\nb: c\n", "error converting YAML to JSON: yaml: line 1: did not find expected '-' indicator").SetName("Error_e43");
        yield return new TestCaseData("a: \"x\"y\n", "error converting YAML to JSON: yaml: did not find expected key").SetName("Error_e44");
        yield return new TestCaseData("a: 'x\n", "error converting YAML to JSON: yaml: line 2: found unexpected end of stream").SetName("Error_e45");
        yield return new TestCaseData("- 1\n- 2\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}").SetName("Error_e5");
        yield return new TestCaseData("a:\n  b:\n    c: [1, {d: e}]\n    f: !!null x\n", "error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!null").SetName("Error_e50");
        yield return new TestCaseData("a: \"abc\n", "error converting YAML to JSON: yaml: line 2: found unexpected end of stream").SetName("Error_e6");
        yield return new TestCaseData("a: [1, 2\n", "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'").SetName("Error_e7");
        yield return new TestCaseData("a: {b: 1\n", "error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'").SetName("Error_e8");
        yield return new TestCaseData("a: *x\n", "error converting YAML to JSON: yaml: unknown anchor 'x' referenced").SetName("Error_e9");
        yield return new TestCaseData("a: 1\nb\n", "error converting YAML to JSON: yaml: line 3: could not find expected ':'").SetName("Error_f1");
        yield return new TestCaseData("a: 1\nb\n\n# x\n\n  c: 2\n", "error converting YAML to JSON: yaml: line 4: could not find expected ':'").SetName("Error_f2");
        yield return new TestCaseData("a:\n  x: 1\n  b\n  c: 2\n", "error converting YAML to JSON: yaml: line 4: could not find expected ':'").SetName("Error_f3");
        yield return new TestCaseData("a: 1\nb c\nd: 1\n", "error converting YAML to JSON: yaml: line 3: could not find expected ':'").SetName("Error_f4");
        yield return new TestCaseData("a: .nan\n", "error converting YAML to JSON: json: unsupported value: NaN").SetName("Error_f5");
        yield return new TestCaseData("a: 1\nb: [\n", "error converting YAML to JSON: yaml: line 2: did not find expected node content").SetName("Error_f6");
        yield return new TestCaseData("a:\n  - x\n  y\n", "error converting YAML to JSON: yaml: line 4: could not find expected ':'").SetName("Error_f7");
        yield return new TestCaseData("a: \"x\"\n  b: 2\n", "error converting YAML to JSON: yaml: line 1: did not find expected key").SetName("Error_f8");
    }

    public static IEnumerable<TestCaseData> OkCases()
    {
        yield return new TestCaseData("a: 1\na: 2\n", "{\"a\":2}").SetName("Ok_e10");
        yield return new TestCaseData("a: 1\n---\nb: 2\n---\n- 1\n", "{\"a\":1}").SetName("Ok_e15");
        yield return new TestCaseData("a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n", "{\"a\":{\"x\":1},\"b\":{\"true\":2,\"x\":1}}").SetName("Ok_e20");
        yield return new TestCaseData("1.5: a\n2: b\ntrue: c\n0x10: d\n1e3: e\n", "{\"1.5\":\"a\",\"1000\":\"e\",\"16\":\"d\",\"2\":\"b\",\"true\":\"c\"}").SetName("Ok_e23");
        yield return new TestCaseData("key: value\n  - item\n", "{\"key\":\"value - item\"}").SetName("Ok_e28");
        yield return new TestCaseData("a: 1\n...\nb: 2\n", "{\"a\":1}").SetName("Ok_e32");
        yield return new TestCaseData("---\n", "{}").SetName("Ok_e33");
        yield return new TestCaseData("", "{}").SetName("Ok_e34");
        yield return new TestCaseData("# c\n", "{}").SetName("Ok_e35");
        yield return new TestCaseData("null\n", "{}").SetName("Ok_e36");
        yield return new TestCaseData("a: !!binary aGVsbG8=\nb: !foo bar\nc: !!str 12\nd: !!float 3\n", "{\"a\":\"hello\",\"b\":\"bar\",\"c\":\"12\",\"d\":3}").SetName("Ok_e38");
        yield return new TestCaseData("a: &x 1\nb: &x 2\nc: *x\n", "{\"a\":1,\"b\":2,\"c\":2}").SetName("Ok_e39");
        yield return new TestCaseData("a: [a, b: c, d]\n", "{\"a\":[\"a\",{\"b\":\"c\"},\"d\"]}").SetName("Ok_e41");
        yield return new TestCaseData("a: {b, c: d}\n", "{\"a\":{\"b\":null,\"c\":\"d\"}}").SetName("Ok_e42");
        yield return new TestCaseData("a: \"\\x00\"\n", "{\"a\":\"\\u0000\"}").SetName("Ok_e48");
        yield return new TestCaseData("a: >\n  x\n  y\n\n  z\nb: |+\n  k\n\n", "{\"a\":\"x y\\nz\\n\",\"b\":\"k\\n\\n\"}").SetName("Ok_e49");
        yield return new TestCaseData("i1: 010\ni2: 0x1F\ni3: 0o17\ni4: 0b101\ni5: -0b101\ni6: 1_000\ni7: +5\ni8: -0\ni9: 9223372036854775807\ni10: 9223372036854775808\ni11: 18446744073709551616\ni12: 0x_1F\nf1: 1.5\nf2: .5\nf3: 5.\nf4: 1e3\nf5: -1.5E-3\nf6: 1.0\nf8: 1_0.5\nb1: y\nb2: N\nb3: off\nb4: On\nb5: TRUE\nb6: tRue\nn1: ~\nn2: Null\nn3:\nn4: nULL\nt1: 2001-12-14\nt2: 2001-12-14t21:59:43.10-05:00\nt3: 2001-12-14 21:59:43.10\ns1: 0x\ns2: 1.2.3\ns3: 12:30\ns4: 0b2\ns5: 08\ns6: 1e\ns8: .\ns9: +\ns10: 0o\nk:\n  010: a\n  0.5: b\n  1e3: c\n  -1: d\n  yes: e\n  off: f\n  2001-01-01: g\n  12345678.9: h\n  .inf: i\n  0.1: j\n", "{\"b1\":true,\"b2\":false,\"b3\":false,\"b4\":true,\"b5\":true,\"b6\":\"tRue\",\"f1\":1.5,\"f2\":0.5,\"f3\":5,\"f4\":1000,\"f5\":-0.0015,\"f6\":1,\"f8\":10.5,\"i1\":8,\"i10\":9223372036854776000,\"i11\":18446744073709552000,\"i12\":31,\"i2\":31,\"i3\":15,\"i4\":5,\"i5\":-5,\"i6\":1000,\"i7\":5,\"i8\":0,\"i9\":9223372036854776000,\"k\":{\"-1\":\"d\",\".inf\":\"i\",\"0.1\":\"j\",\"0.5\":\"b\",\"1.2345679e+07\":\"h\",\"1000\":\"c\",\"2001-01-01\":\"g\",\"8\":\"a\",\"false\":\"f\",\"true\":\"e\"},\"n1\":null,\"n2\":null,\"n3\":null,\"n4\":\"nULL\",\"s1\":\"0x\",\"s10\":\"0o\",\"s2\":\"1.2.3\",\"s3\":\"12:30\",\"s4\":\"0b2\",\"s5\":8,\"s6\":\"1e\",\"s8\":\".\",\"s9\":\"+\",\"t1\":\"2001-12-14\",\"t2\":\"2001-12-14t21:59:43.10-05:00\",\"t3\":\"2001-12-14 21:59:43.10\"}").SetName("Ok_r1");
    }

    [TestCaseSource(nameof(ErrorCases))]
    public void ValuesErrorsMatchHelm(string yaml, string expected)
    {
        var ex = Assert.Throws<GoYamlException>(() => GoYaml.UnmarshalFirst(yaml));
        Assert.That(ex!.Message, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(OkCases))]
    public void ValuesDecodeMatchesHelmToJson(string yaml, string expectedJson)
    {
        var v = GoYaml.UnmarshalFirst(yaml);
        Assert.That(GoJsonForTests.Marshal(v), Is.EqualTo(expectedJson));
    }
}
