using HelmSharp.Go;
using HelmSharp.Template.Functions;
using HelmSharp.Toml;
using NUnit.Framework;

namespace HelmSharp.Tests.Toml;

/// <summary>TOML conformance; expectations produced by helm v4.1.4 (`{{ toToml ... }}` / `fromToml`, template in each comment).</summary>
public class GoTomlTests
{
    private static TestCaseData Enc(string expected, object? value) =>
        new TestCaseData(value).Returns(expected).SetName("ToToml#" + (s_n++).ToString());
    private static int s_n;

    public static IEnumerable<TestCaseData> EncodeCases() => new[]
    {
        // {{ toToml (dict "a" 1 "b" 3.0 "c" "x\"y\n" "d" (list 1 2) "e" (dict "f" true "g" (dict "h" 1.5)) "k" (list (dict "x" 1) (dict "y" 2)) "aa" nil "z" (list ) "key with space" "v" "m" (list (list 1 2) (list "a")) "e1" 1e21 "e2" 1e-7 "neg" -0.0 "big" 123456789.0 "i64" (int64 5) "mixed" (list 1 "a") "emptyd" (dict )) }}
        Enc("a = 1\nb = 3.0\nbig = 1.23456789e+08\nc = \"x\\\"y\\n\"\nd = [1, 2]\ne1 = 1e+21\ne2 = 1e-07\ni64 = 5\n\"key with space\" = \"v\"\nm = [[1, 2], [\"a\"]]\nmixed = [1, \"a\"]\nneg = -0.0\nz = []\n\n[e]\n  f = true\n  [e.g]\n    h = 1.5\n\n[emptyd]\n\n[[k]]\n  x = 1\n\n[[k]]\n  y = 2\n", new Dictionary<string, object?>{["a"]=(nint)(1), ["b"]=3.0d, ["c"]="x\"y\n", ["d"]=new object?[]{(nint)(1), (nint)(2)}, ["e"]=new Dictionary<string, object?>{["f"]=true, ["g"]=new Dictionary<string, object?>{["h"]=1.5d}}, ["k"]=new object?[]{new Dictionary<string, object?>{["x"]=(nint)(1)}, new Dictionary<string, object?>{["y"]=(nint)(2)}}, ["aa"]=null, ["z"]=new object?[]{}, ["key with space"]="v", ["m"]=new object?[]{new object?[]{(nint)(1), (nint)(2)}, new object?[]{"a"}}, ["e1"]=1e21d, ["e2"]=1e-7d, ["neg"]=-0.0d, ["big"]=123456789.0d, ["i64"]=5L, ["mixed"]=new object?[]{(nint)(1), "a"}, ["emptyd"]=new Dictionary<string, object?>{}}),
        // {{ toToml (dict "a" (list 1 nil)) }}
        Enc("toml: cannot encode array with nil element", new Dictionary<string, object?>{["a"]=new object?[]{(nint)(1), null}}),
        // {{ toToml "x" }}
        Enc("\"x\"", "x"),
        // {{ toToml (list 1 2) }}
        Enc("[1, 2]", new object?[]{(nint)(1), (nint)(2)}),
        // {{ toToml (dict "" 1 "a.b" 2 "c-d_e" 3 "é" 4 "q\"" (dict "x" 1)) }}
        Enc("\"\" = 1\n\"a.b\" = 2\nc-d_e = 3\n\"\u00e9\" = 4\n\n[\"q\\\"\"]\n  x = 1\n", new Dictionary<string, object?>{[""]=(nint)(1), ["a.b"]=(nint)(2), ["c-d_e"]=(nint)(3), ["é"]=(nint)(4), ["q\""]=new Dictionary<string, object?>{["x"]=(nint)(1)}}),
        // {{ toToml (dict "a" (list (list (dict "x" 1 "y" (list 1)) (dict "z" "w")))) }}
        Enc("a = [[{x = 1, y = [1]}, {z = \"w\"}]]\n", new Dictionary<string, object?>{["a"]=new object?[]{new object?[]{new Dictionary<string, object?>{["x"]=(nint)(1), ["y"]=new object?[]{(nint)(1)}}, new Dictionary<string, object?>{["z"]="w"}}}}),
        // {{ toToml (dict "l" (list (dict "a" 1 "s" (dict "t" 2) "arr" (list (dict "q" 1))))) }}
        Enc("[[l]]\n  a = 1\n\n  [[l.arr]]\n    q = 1\n  [l.s]\n    t = 2\n", new Dictionary<string, object?>{["l"]=new object?[]{new Dictionary<string, object?>{["a"]=(nint)(1), ["s"]=new Dictionary<string, object?>{["t"]=(nint)(2)}, ["arr"]=new object?[]{new Dictionary<string, object?>{["q"]=(nint)(1)}}}}}),
        // {{ toToml (dict "f32" (float64 "NaN") "i" (float64 "-Inf") "p" (float64 "+Inf") "s" "\u0001\u007f\t" "u" 1.5e300 "t" 0.1 "h" 100000.0 "mil" 1000000.0) }}
        Enc("f32 = nan\nh = 100000.0\ni = -inf\nmil = 1e+06\np = inf\ns = \"\\u0001\\u007f\\t\"\nt = 0.1\nu = 1.5e+300\n", new Dictionary<string, object?>{["f32"]=double.NaN, ["i"]=double.NegativeInfinity, ["p"]=double.PositiveInfinity, ["s"]="\u0001\u007f\t", ["u"]=1.5e300d, ["t"]=0.1d, ["h"]=100000.0d, ["mil"]=1000000.0d}),
        // {{ toToml (dict "m" (dict "a" (dict "b" (dict "c" 1))) "n" 1) }}
        Enc("n = 1\n\n[m]\n  [m.a]\n    [m.a.b]\n      c = 1\n", new Dictionary<string, object?>{["m"]=new Dictionary<string, object?>{["a"]=new Dictionary<string, object?>{["b"]=new Dictionary<string, object?>{["c"]=(nint)(1)}}}, ["n"]=(nint)(1)}),
        // {{ toToml (dict "a" (list (dict "x" 1) 2)) }}
        Enc("a = [{x = 1}, 2]\n", new Dictionary<string, object?>{["a"]=new object?[]{new Dictionary<string, object?>{["x"]=(nint)(1)}, (nint)(2)}}),
        // {{ toToml (dict "a" (list 1 (dict "x" 1))) }}
        Enc("a = [1, {x = 1}]\n", new Dictionary<string, object?>{["a"]=new object?[]{(nint)(1), new Dictionary<string, object?>{["x"]=(nint)(1)}}}),
        // {{ toToml (dict "a" (list (dict "x" nil))) }}
        Enc("[[a]]\n", new Dictionary<string, object?>{["a"]=new object?[]{new Dictionary<string, object?>{["x"]=null}}}),
        // {{ toToml (dict "x" (dict "y" nil)) }}
        Enc("[x]\n", new Dictionary<string, object?>{["x"]=new Dictionary<string, object?>{["y"]=null}}),
        // {{ toToml (dict "x" (dict "y" nil) "z" 1) }}
        Enc("z = 1\n\n[x]\n", new Dictionary<string, object?>{["x"]=new Dictionary<string, object?>{["y"]=null}, ["z"]=(nint)(1)}),
        // {{ toToml (dict "t" (dict "in" (dict "a" 1 "b" (dict "c" 2)))) }}
        Enc("[t]\n  [t.in]\n    a = 1\n    [t.in.b]\n      c = 2\n", new Dictionary<string, object?>{["t"]=new Dictionary<string, object?>{["in"]=new Dictionary<string, object?>{["a"]=(nint)(1), ["b"]=new Dictionary<string, object?>{["c"]=(nint)(2)}}}}),
        // {{ toToml (dict "arr" (list (dict "m" (dict "n" 1) "k" 1)) "x" 2) }}
        Enc("x = 2\n\n[[arr]]\n  k = 1\n  [arr.m]\n    n = 1\n", new Dictionary<string, object?>{["arr"]=new object?[]{new Dictionary<string, object?>{["m"]=new Dictionary<string, object?>{["n"]=(nint)(1)}, ["k"]=(nint)(1)}}, ["x"]=(nint)(2)}),
        // {{ toToml (dict ) }}
        Enc("", new Dictionary<string, object?>{}),
        // {{ toToml (list (dict "a" 1)) }}
        Enc("toml: top-level values must be Go maps or structs", new object?[]{new Dictionary<string, object?>{["a"]=(nint)(1)}}),
    };

    // helm's toToml returns the encoder error text as its output.
    [TestCaseSource(nameof(EncodeCases))]
    public string ToToml(object? value)
    {
        try { return GoToml.Marshal(value); }
        catch (GoTomlException e) { return e.Message; }
    }

    [Test]
    public void HelmV3Compat()
    {
        // helm v3.17.3: {{ toToml (dict "a" 123456789.0 "b" 1e-7 "c" 3.0 "d" (float64 "NaN") "e" (float64 "-Inf") "f" 0.1 "g" (list 1e21 2.5) "h" -0.0) }}
        var v = new Dictionary<string, object?>
        {
            ["a"] = 123456789.0, ["b"] = 1e-7, ["c"] = 3.0, ["d"] = double.NaN, ["e"] = double.NegativeInfinity,
            ["f"] = 0.1, ["g"] = new object?[] { 1e21, 2.5 }, ["h"] = -0.0,
        };
        Assert.That(GoToml.Marshal(v, helmMajor: 3), Is.EqualTo("a = 123456789.0\nb = 0.0000001\nc = 3.0\nd = nan\ne = -inf\nf = 0.1\ng = [1000000000000000000000.0, 2.5]\nh = -0.0\n"));
        // helm v4.1.4, same template
        Assert.That(GoToml.Marshal(v), Is.EqualTo("a = 1.23456789e+08\nb = 1e-07\nc = 3.0\nd = nan\ne = -inf\nf = 0.1\ng = [1e+21, 2.5]\nh = -0.0\n"));
        // helm v3.17.3: {{ (fromToml "a = {x=1,}").Error }}
        Assert.That(() => GoToml.Unmarshal("a = {x=1,}", helmMajor: 3), Throws.TypeOf<GoTomlException>().With.Message.EqualTo("toml: line 1 (last key \"a.x\"): trailing comma not allowed in inline tables"));
    }

    // {{ toToml nil }} → error calling toToml: reflect: call of reflect.Value.Type on zero Value
    [Test]
    public void ToTomlNilPanics() =>
        Assert.That(() => GoToml.Marshal(null), Throws.TypeOf<GoFunctionException>().With.Message.EqualTo("reflect: call of reflect.Value.Type on zero Value"));

    [Test]
    public void FromTomlDocument()
    {
        // {{ $m := fromToml "..." }}{{ $m }}|{{ typeOf $m.n }}|{{ typeOf $m.a.b }}
        const string doc = "# c\ns = \"a\\tb\\u00e9\"\nl = 'lit\\n'\nml = \"\"\"\nx\\\n  y\"\"\"\nmll = '''\nr\\aw'''\nn = -17\nh = 0xff\no = 0o17\nb = 0b101\nu = 1_000\nf = -3.5e-2\ninf = -inf\narr = [ 1, # c\n 2, ]\nit = {a = 1, b.c = \"d\"}\n\"q k\" = true\n[t.u]\nx = 1\n[t]\ny = 2\n[[a.b]]\nz = 1\n[[a.b]]\nz = 2\n[a.b.c]\nw = 3\n";
        var m = GoToml.Unmarshal(doc);
        Assert.That(GoFormat.FormatValue(m), Is.EqualTo("map[a:map[b:[map[z:1] map[c:map[w:3] z:2]]] arr:[1 2] b:5 f:-0.035 h:255 inf:-Inf it:map[a:1 b:map[c:d]] l:lit\\n ml:xy mll:r\\aw n:-17 o:15 q k:true s:a\tbé t:map[u:map[x:1] y:2] u:1000]"));
        Assert.That(GoFormat.TypeName(m["n"]), Is.EqualTo("int64"));
        Assert.That(GoFormat.TypeName(((Dictionary<string, object?>)m["a"]!)["b"]), Is.EqualTo("[]map[string]interface {}"));
    }

    [Test]
    public void FromTomlDateTimes()
    {
        // {{ $m := fromToml "a = [{x=1}]\n...[t]\nd = 1979-05-27T07:32:00Z\nld = 1979-05-27\nlt = 07:32:00\nldt = 1979-05-27T07:32:00.5\n..." }} printed each value
        var t = GoToml.Unmarshal("d = 1979-05-27T07:32:00Z\nld = 1979-05-27\nlt = 07:32:00\nldt = 1979-05-27T07:32:00.5\nf=1e3\ni=0x1F\n");
        Assert.That(GoFormat.FormatValue(t), Is.EqualTo("map[d:1979-05-27 07:32:00 +0000 UTC f:1000 i:31 ld:1979-05-27 00:00:00 +0000 date-local ldt:1979-05-27 07:32:00.5 +0000 datetime-local lt:0000-01-01 07:32:00 +0000 time-local]"));
        Assert.That(GoFormat.TypeName(t["d"]), Is.EqualTo("time.Time"));
        // {{ (fromToml "d = 1979-05-27T07:32:00.25-07:00").d }}
        Assert.That(GoFormat.FormatValue(GoToml.Unmarshal("d = 1979-05-27T07:32:00.25-07:00")["d"]), Is.EqualTo("1979-05-27 07:32:00.25 -0700 -0700"));
        // {{ toToml (fromToml "d = 1979-05-27T07:32:00.25-07:00\nld = 1979-05-27\nlt = 07:32:00\nldt = 1979-05-27T07:32:00\n") }}
        Assert.That(GoToml.Marshal(GoToml.Unmarshal("d = 1979-05-27T07:32:00.25-07:00\nld = 1979-05-27\nlt = 07:32:00\nldt = 1979-05-27T07:32:00\n")),
            Is.EqualTo("d = 1979-05-27T07:32:00.25-07:00\nld = 1979-05-27\nldt = 1979-05-27T07:32:00\nlt = 07:32:00\n"));
        // a = [{x=1}] is []interface {}; [[b]] is []map[string]interface {}
        var arrs = GoToml.Unmarshal("a = [{x=1}]\n[[b]]\ny=2\n");
        Assert.That(GoFormat.TypeName(arrs["a"]), Is.EqualTo("[]interface {}"));
        Assert.That(GoFormat.TypeName(arrs["b"]), Is.EqualTo("[]map[string]interface {}"));
    }

    [Test]
    public void DateTimesToJson()
    {
        // {{ fromToml "d = 1979-05-27T07:32:00.25-07:00\nld = 1979-05-27\nlt = 07:32:00\nldt = 1979-05-27T07:32:00\nz=1979-05-27T07:32:00Z" | toJson }}
        var m = GoToml.Unmarshal("d = 1979-05-27T07:32:00.25-07:00\nld = 1979-05-27\nlt = 07:32:00\nldt = 1979-05-27T07:32:00\nz=1979-05-27T07:32:00Z");
        Assert.That(HelmSharp.Json.GoJson.Marshal(m),
            Is.EqualTo("{\"d\":\"1979-05-27T07:32:00.25-07:00\",\"ld\":\"1979-05-27T00:00:00Z\",\"ldt\":\"1979-05-27T07:32:00Z\",\"lt\":\"0000-01-01T07:32:00Z\",\"z\":\"1979-05-27T07:32:00Z\"}"));
    }

    // {{ (fromToml "INPUT").Error }} (helm v4.1.4)
    [TestCase("a = ", "toml: line 1 (last key \"a\"): unexpected EOF; expected value")]
    [TestCase("a = 1\na = 2", "toml: line 2 (last key \"a\"): Key 'a' has already been defined.")]
    [TestCase("[x", "toml: line 1: expected '.' or ']' to end table name, but got '\\x00' instead")]
    [TestCase("a = 1x", "toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead")]
    [TestCase("= 1", "toml: line 1: unexpected '=': key name appears blank")]
    [TestCase("x = [1,", "toml: line 1 (last key \"x\"): unexpected EOF; expected value")]
    [TestCase("a = 'b", "toml: line 1 (last key \"a\"): unexpected EOF; expected \"'\"")]
    [TestCase("a = tru", "toml: line 1 (last key \"a\"): expected value but found \"tru\" instead")]
    [TestCase("a = 99999999999999999999", "toml: line 1 (last key \"a\"): 99999999999999999999 is out of range for int64")]
    [TestCase("a = 1979-13-27", "toml: line 1 (last key \"a\"): invalid datetime: \"1979-13-27\"")]
    [TestCase("[[a]]\n[a]", "toml: line 2: Key 'a' has already been defined.")]
    public void FromTomlErrors(string toml, string message) =>
        Assert.That(() => GoToml.Unmarshal(toml), Throws.TypeOf<GoTomlException>().With.Message.EqualTo(message));
}
