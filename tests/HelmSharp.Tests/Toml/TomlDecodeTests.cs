using HelmSharp.Json;
using HelmSharp.Toml;
using NUnit.Framework;

namespace HelmSharp.Tests.Toml;

/// <summary>fromToml conformance: documents decoded by helm v4.1.4 and re-encoded with toJson (template in each comment).</summary>
public class TomlDecodeTests
{
    private static TestCaseData Doc(string expectedJson, string toml) => new TestCaseData(toml).Returns(expectedJson).SetName("FromToml#" + (s_n++).ToString());
    private static TestCaseData Err(string expected, string toml) => new TestCaseData(toml).Returns(expected).SetName("FromTomlError#" + (s_n++).ToString());
    private static int s_n;

    public static IEnumerable<TestCaseData> Docs() => new[]
    {
        // {{ fromToml "a = 1\nb = -0\nc = +5\nd = 1_000_000\ne = 0xDEAD_beef\nf = 0o755\ng = 0b1101\n" | toJson }}
        Doc("{\"a\":1,\"b\":0,\"c\":5,\"d\":1000000,\"e\":3735928559,\"f\":493,\"g\":13}", "a = 1\nb = -0\nc = +5\nd = 1_000_000\ne = 0xDEAD_beef\nf = 0o755\ng = 0b1101\n"),
        // {{ fromToml "f1 = +1.0\nf2 = 3.1415\nf3 = -0.01\nf4 = 5e+22\nf5 = 1e06\nf6 = -2E-2\nf7 = 6.626e-34\nf8 = 224_617.445_991\nf9 = -0.0\nf11 = 1e1_0\n" | toJson }}
        Doc("{\"f1\":1,\"f11\":10000000000,\"f2\":3.1415,\"f3\":-0.01,\"f4\":5e+22,\"f5\":1000000,\"f6\":-0.02,\"f7\":6.626e-34,\"f8\":224617.445991,\"f9\":-0}", "f1 = +1.0\nf2 = 3.1415\nf3 = -0.01\nf4 = 5e+22\nf5 = 1e06\nf6 = -2E-2\nf7 = 6.626e-34\nf8 = 224_617.445_991\nf9 = -0.0\nf11 = 1e1_0\n"),
        // {{ fromToml "s1 = \"tab\\there\"\ns2 = 'C:\\\\path'\ns3 = \"\"\"\nRoses are red\n  Violets\"\"\"\ns4 = \"\"\"a\\\n\n   b\"\"\"\ns5 = '''\nraw \\n\n'''\ns6 = \"\"\"q\"\"\\\"\"\"\"\ns7 = \"\\U0001F600\\u00e9\"\n" | toJson }}
        Doc("{\"s1\":\"tab\\there\",\"s2\":\"C:\\\\\\\\path\",\"s3\":\"Roses are red\\n  Violets\",\"s4\":\"ab\",\"s5\":\"raw \\\\n\\n\",\"s6\":\"q\\\"\\\"\\\"\",\"s7\":\"\ud83d\ude00\u00e9\"}", "s1 = \"tab\\there\"\ns2 = 'C:\\\\path'\ns3 = \"\"\"\nRoses are red\n  Violets\"\"\"\ns4 = \"\"\"a\\\n\n   b\"\"\"\ns5 = '''\nraw \\n\n'''\ns6 = \"\"\"q\"\"\\\"\"\"\"\ns7 = \"\\U0001F600\\u00e9\"\n"),
        // {{ fromToml "[a]\nx = 1\n[a.b]\ny = 2\n[c.d.e]\nz = 3\n[c]\nw = 4\n" | toJson }}
        Doc("{\"a\":{\"b\":{\"y\":2},\"x\":1},\"c\":{\"d\":{\"e\":{\"z\":3}},\"w\":4}}", "[a]\nx = 1\n[a.b]\ny = 2\n[c.d.e]\nz = 3\n[c]\nw = 4\n"),
        // {{ fromToml "name = { first = \"Tom\", last = \"P\" }\npoint = {x=1,y=2}\nanimal = { type.name = \"pug\" }\nempty = {}\n" | toJson }}
        Doc("{\"animal\":{\"type\":{\"name\":\"pug\"}},\"empty\":{},\"name\":{\"first\":\"Tom\",\"last\":\"P\"},\"point\":{\"x\":1,\"y\":2}}", "name = { first = \"Tom\", last = \"P\" }\npoint = {x=1,y=2}\nanimal = { type.name = \"pug\" }\nempty = {}\n"),
        // {{ fromToml "a = [ [1, 2], [\"a\", \"b\"], [] ]\nb = [\n  1,\n  2, # c\n]\nc = [ {x = 1}, {y = [1, {z = 2}]} ]\n" | toJson }}
        Doc("{\"a\":[[1,2],[\"a\",\"b\"],[]],\"b\":[1,2],\"c\":[{\"x\":1},{\"y\":[1,{\"z\":2}]}]}", "a = [ [1, 2], [\"a\", \"b\"], [] ]\nb = [\n  1,\n  2, # c\n]\nc = [ {x = 1}, {y = [1, {z = 2}]} ]\n"),
        // {{ fromToml "[[fruit]]\nname = \"apple\"\n[fruit.physical]\ncolor = \"red\"\n[[fruit.variety]]\nname = \"red delicious\"\n[[fruit.variety]]\nname = \"granny smith\"\n[[fruit]]\nname = \"banana\"\n[[fruit.variety]]\nname = \"plantain\"\n" | toJson }}
        Doc("{\"fruit\":[{\"name\":\"apple\",\"physical\":{\"color\":\"red\"},\"variety\":[{\"name\":\"red delicious\"},{\"name\":\"granny smith\"}]},{\"name\":\"banana\",\"variety\":[{\"name\":\"plantain\"}]}]}", "[[fruit]]\nname = \"apple\"\n[fruit.physical]\ncolor = \"red\"\n[[fruit.variety]]\nname = \"red delicious\"\n[[fruit.variety]]\nname = \"granny smith\"\n[[fruit]]\nname = \"banana\"\n[[fruit.variety]]\nname = \"plantain\"\n"),
        // {{ fromToml "site.\"google.com\" = true\n\"a b\".c = 1\n'lit'.d = 2\n3.14 = \"pi\"\n" | toJson }}
        Doc("{\"3\":{\"14\":\"pi\"},\"a b\":{\"c\":1},\"lit\":{\"d\":2},\"site\":{\"google.com\":true}}", "site.\"google.com\" = true\n\"a b\".c = 1\n'lit'.d = 2\n3.14 = \"pi\"\n"),
        // {{ fromToml "# only comment\n\n  \n" | toJson }}
        Doc("{}", "# only comment\n\n  \n"),
        // {{ fromToml "a.b.c = 1\na.b.d = 2\na.e = 3\n" | toJson }}
        Doc("{\"a\":{\"b\":{\"c\":1,\"d\":2},\"e\":3}}", "a.b.c = 1\na.b.d = 2\na.e = 3\n"),
        // {{ fromToml "x = 1 # trailing\n[t] # c\ny = \"#not\"\n" | toJson }}
        Doc("{\"t\":{\"y\":\"#not\"},\"x\":1}", "x = 1 # trailing\n[t] # c\ny = \"#not\"\n"),
        // {{ fromToml "d1 = 1979-05-27 07:32:00Z\nd2 = 1979-05-27T00:32:00.999999-07:00\nd3 = 1979-05-27T07:32:00.123456789\n" | toJson }}
        Doc("{\"d1\":\"1979-05-27T07:32:00Z\",\"d2\":\"1979-05-27T00:32:00.999999-07:00\",\"d3\":\"1979-05-27T07:32:00.123456789Z\"}", "d1 = 1979-05-27 07:32:00Z\nd2 = 1979-05-27T00:32:00.999999-07:00\nd3 = 1979-05-27T07:32:00.123456789\n"),
    };

    public static IEnumerable<TestCaseData> Errors() => new[]
    {
        // {{ (fromToml "a = 01").Error }}
        Err("toml: line 1 (last key \"a\"): Invalid integer \"01\": cannot have leading zeroes", "a = 01"),
        // {{ (fromToml "a = 1__0").Error }}
        Err("toml: line 1 (last key \"a\"): Invalid integer \"1__0\": underscores must be surrounded by digits", "a = 1__0"),
        // {{ (fromToml "a = 0x").Error }}
        Err("toml: line 1 (last key \"a\"): not a hexadecimal number: '0x\u0000'", "a = 0x"),
        // {{ (fromToml "a = 1.").Error }}
        Err("toml: line 1 (last key \"a\"): Invalid float \"1.\": '.' must be followed by one or more digits", "a = 1."),
        // {{ (fromToml "a = .5").Error }}
        Err("toml: line 1 (last key \"a\"): floats must start with a digit, not '.'", "a = .5"),
        // {{ (fromToml "a = \"\\q\"").Error }}
        Err("toml: line 1 (last key \"a\"): invalid escape in string '\\q'", "a = \"\\q\""),
        // {{ (fromToml "a = \"x\ny\"").Error }}
        Err("toml: line 1 (last key \"a\"): strings cannot contain newlines", "a = \"x\ny\""),
        // {{ (fromToml "[a]\n[a]").Error }}
        Err("toml: line 2: Key 'a' has already been defined.", "[a]\n[a]"),
        // {{ (fromToml "a = {x=1}\n[a]").Error }}
        Err("toml: line 2: Key 'a' has already been defined.", "a = {x=1}\n[a]"),
        // {{ (fromToml "a = [1,,2]").Error }}
        Err("toml: line 1 (last key \"a\"): unexpected comma", "a = [1,,2]"),
        // {{ (fromToml "a = {x=1,}").Error }}
        Err("<no value>", "a = {x=1,}"),
        // {{ (fromToml "a.b = 1\n[a.b]").Error }}
        Err("toml: line 2 (last key \"a\"): Key 'a.b' has already been defined.", "a.b = 1\n[a.b]"),
        // {{ (fromToml "[a.b]\n[a]\n[a.b]").Error }}
        Err("toml: line 3 (last key \"a\"): Key 'a.b' has already been defined.", "[a.b]\n[a]\n[a.b]"),
        // {{ (fromToml "a = 1979-05-27T25:00:00").Error }}
        Err("toml: line 1 (last key \"a\"): invalid datetime: \"1979-05-27T25:00:00\"", "a = 1979-05-27T25:00:00"),
        // {{ (fromToml "a = +0x1").Error }}
        Err("toml: line 1 (last key \"a\"): cannot use sign with non-decimal numbers: '+0x'", "a = +0x1"),
        // {{ (fromToml "k = \"abc").Error }}
        Err("toml: line 1 (last key \"k\"): unexpected EOF; expected '\"'", "k = \"abc"),
        // {{ (fromToml "k = '''abc").Error }}
        Err("toml: line 1 (last key \"k\"): unexpected EOF; expected \"'''\"", "k = '''abc"),
        // {{ (fromToml "k = \"\"\"abc").Error }}
        Err("toml: line 1 (last key \"k\"): unexpected EOF; expected '\"\"\"'", "k = \"\"\"abc"),
        // {{ (fromToml "[[a]]\na = 1\n[a]").Error }}
        Err("toml: line 3: Key 'a' has already been defined.", "[[a]]\na = 1\n[a]"),
        // {{ (fromToml "a = [1 2]").Error }}
        Err("toml: line 1 (last key \"a\"): expected a comma (',') or array terminator (']'), but got '2'", "a = [1 2]"),
        // {{ (fromToml "x = {a = 1 b = 2}").Error }}
        Err("toml: line 1 (last key \"x.a\"): expected a comma or an inline table terminator '}', but got 'b' instead", "x = {a = 1 b = 2}"),
        // {{ (fromToml " = 1").Error }}
        Err("toml: line 1: unexpected '=': key name appears blank", " = 1"),
        // {{ (fromToml "a b = 1").Error }}
        Err("toml: line 1: expected '.' or '=', but got 'b' instead", "a b = 1"),
        // {{ (fromToml "a = 1\n\n\nb = ").Error }}
        Err("toml: line 4 (last key \"b\"): unexpected EOF; expected value", "a = 1\n\n\nb = "),
        // {{ (fromToml "a = 1e").Error }}
        Err("toml: line 1 (last key \"a\"): Invalid float value: \"1e\"", "a = 1e"),
        // {{ (fromToml "a = _1").Error }}
        Err("toml: line 1 (last key \"a\"): expected value but found '_' instead", "a = _1"),
        // {{ (fromToml "a = 1_").Error }}
        Err("toml: line 1 (last key \"a\"): Invalid integer \"1_\": underscores must be surrounded by digits", "a = 1_"),
        // {{ (fromToml "a = truee").Error }}
        Err("toml: line 1 (last key \"a\"): expected value but found \"truee\" instead", "a = truee"),
        // {{ (fromToml "a = nan1").Error }}
        Err("toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got '1' instead", "a = nan1"),
    };

    // helm v3.17.3: {{ (fromToml "INPUT").Error }}
    [TestCase("k = \"abc", "toml: line 0 (last key \"k\"): unexpected EOF; expected '\"'")]
    [TestCase("a = 1\n\n\nb = ", "toml: line 3 (last key \"b\"): unexpected EOF; expected value")]
    [TestCase("[x", "toml: line 0: expected '.' or ']' to end table name, but got '\\x00' instead")]
    [TestCase("a = 0x", "toml: line 1 (last key \"a\"): not a hexidecimal number: '0x\0'")]
    [TestCase("a = 01", "toml: line 1 (last key \"a\"): Invalid integer \"01\": cannot have leading zeroes")]
    public void DecodeErrorV3(string toml, string message) =>
        Assert.That(() => GoToml.Unmarshal(toml, helmMajor: 3), Throws.TypeOf<GoTomlException>().With.Message.EqualTo(message));

    [TestCaseSource(nameof(Docs))]
    public string Decode(string toml) => GoJson.Marshal(GoToml.Unmarshal(toml));

    // helm prints <no value> for .Error when decoding succeeded.
    [TestCaseSource(nameof(Errors))]
    public string DecodeError(string toml)
    {
        try { GoToml.Unmarshal(toml); return "<no value>"; }
        catch (GoTomlException e) { return e.Message; }
    }
}
