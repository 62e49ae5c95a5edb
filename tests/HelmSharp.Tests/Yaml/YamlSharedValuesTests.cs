using System.Text;
using HelmSharp.Yaml;
using NUnit.Framework;

namespace HelmSharp.Tests.Yaml;

/// <summary>
/// What the reader shares between values to allocate less (issue 16): the strings of short scalars (the scanner's
/// <c>ShortStrings</c> table), the boxes of bools and small integers, and mappings built from their pairs at once.
/// Every document here is also decoded through the node path (<c>ParseFirst</c> + <c>DecodeDocument</c>, which builds
/// its own strings and boxes): the values, their types and the key order must be the same.
/// </summary>
[TestFixture]
public class YamlSharedValuesTests
{
    private static string NodePath(string yaml, bool raw) =>
        Dump(YamlDecoder.DecodeDocument(YamlDecoder.ParseFirst(yaml, out var depth), depth, raw));

    private static object? Direct(string yaml, bool raw)
    {
        Assert.That(YamlDecoder.TryDecodeDirect(yaml, raw, YamlDecoder.DirectFilter.All, out var v), Is.True);
        return v;
    }

    private static void AsNodePath(string yaml)
    {
        foreach (var raw in new[] { false, true })
            Assert.That(Dump(Direct(yaml, raw)), Is.EqualTo(NodePath(yaml, raw)), "raw=" + raw);
    }

    /// <summary>Many distinct short scalars: most fall into slots that held another string before.</summary>
    [Test]
    public void DistinctShortScalarsThatShareSlotsKeepTheirText()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 20000; i++)
            sb.Append('k').Append(i).Append(": ['v").Append(i).Append("', \"w").Append(i * 7).Append("\", x").Append(i % 97).Append("]\n");
        var yaml = sb.ToString();
        AsNodePath(yaml);
        var m = (Dictionary<string, object?>)Direct(yaml, false)!;
        Assert.That(m, Has.Count.EqualTo(20000));
        var row = (object?[])m["k12345"]!;
        Assert.That(row, Is.EqualTo(new object?[] { "v12345", "w86415", "x26" }));
        // a second read gives the same values (the table now holds the other strings)
        Assert.That(Dump(Direct(yaml, true)), Is.EqualTo(NodePath(yaml, true)));
    }

    /// <summary>Strings are shared up to 32 characters; longer ones are made each time, all with their own text.</summary>
    [TestCase(31)]
    [TestCase(32)]
    [TestCase(33)]
    [TestCase(200)]
    public void ScalarLengthsAroundTheSharedLimit(int n)
    {
        string plain = new string('p', n - 1) + "z", quoted = new string('q', n - 1) + "'";
        var yaml = $"a: {plain}\nb: {plain}\nc: '{quoted.Replace("'", "''", StringComparison.Ordinal)}'\nd: \"{quoted}\"\n{plain}: x\n";
        AsNodePath(yaml);
        var m = (Dictionary<string, object?>)Direct(yaml, false)!;
        Assert.That(m["a"], Is.EqualTo(plain));
        Assert.That(m["c"], Is.EqualTo(quoted));
        Assert.That(m["d"], Is.EqualTo(quoted));
        Assert.That(m[plain], Is.EqualTo("x"));
        Assert.That(ReferenceEquals(m["a"], m["b"]), Is.EqualTo(n <= 32), "shared below the limit only");
    }

    /// <summary>Repeated keys and values are one string each (what keeps the decoded values small).</summary>
    [Test]
    public void RepeatedKeysAndValuesAreOneString()
    {
        const string yaml = "- name: web\n  image: nginx\n  port: 80\n- name: web\n  image: 'nginx'\n  port: 80\n- {name: \"web\", image: nginx}\n";
        AsNodePath(yaml);
        var items = (object?[])Direct(yaml, false)!;
        var maps = items.Cast<Dictionary<string, object?>>().ToArray();
        string Key(Dictionary<string, object?> d, string k) => d.Keys.First(x => x == k);
        Assert.That(ReferenceEquals(Key(maps[0], "name"), Key(maps[1], "name")), Is.True);
        Assert.That(ReferenceEquals(Key(maps[0], "name"), Key(maps[2], "name")), Is.True);
        Assert.That(ReferenceEquals(maps[0]["image"], maps[1]["image"]), Is.True, "plain and single-quoted: the same text");
        Assert.That(ReferenceEquals(maps[0]["name"], maps[2]["name"]), Is.True, "plain and double-quoted");
        Assert.That(ReferenceEquals(maps[0]["port"], maps[1]["port"]), Is.True, "the box of 80.0");
    }

    /// <summary>Quoted scalars are shared by their decoded text: escapes, folded lines and multi-byte characters.</summary>
    [TestCase("a: \"x\\ty\"\nb: \"x\ty\"\nc: 'x\ty'\n")]
    [TestCase("a: \"\\u00e9t\\u00e9\"\nb: été\nc: 'été'\n")]
    [TestCase("a: \"\\U0001F600\"\nb: \uD83D\uDE00\nc: \"\uD83D\uDE00\"\n")]
    [TestCase("a: 'it''s'\nb: \"it's\"\nc: it's\n")]
    [TestCase("a: \"fold\n  ed\"\nb: 'fold\n\n  ed'\nc: fold ed\nd: \"fold\\\n  ed\"\n")]
    [TestCase("a: \"\"\nb: ''\nc:\nd: \"\\0\"\n")]
    [TestCase("a: x\r\nb: 'x'\r\nc: \"x\r\n  y\"\r\n")]
    [TestCase("\uFEFFa: x\nb: 'x'\n")]
    [TestCase("a: |\n  x\nb: >\n  x\nc: x\n")]
    [TestCase("a: [x, 'x', \"x\", {x: x}]\n")]
    public void QuotedAndPlainScalarsAsTheNodePath(string yaml)
    {
        AsNodePath(yaml);
    }

    /// <summary>Around the reader's 512-byte chunks: scalars that straddle a chunk end, with multi-byte characters.</summary>
    [Test]
    public void ScalarsAcrossChunkBoundaries()
    {
        for (int pad = 0; pad < 40; pad++)
        {
            var sb = new StringBuilder();
            sb.Append("p: ").Append('x', 480 + pad).Append('\n');
            for (int i = 0; i < 30; i++) sb.Append("k").Append(i).Append(": 'é").Append(i).Append("'\n  ").Append("n").Append(i).Append(": ü\n");
            var yaml = sb.ToString().Replace("\n  n", "\nn", StringComparison.Ordinal);
            foreach (var raw in new[] { false, true })
                Assert.That(Dump(Direct(yaml, raw)), Is.EqualTo(NodePath(yaml, raw)), "pad=" + pad);
        }
    }

    /// <summary>Mappings are built from their pairs at the end: duplicates keep the first key's place and take the last value.</summary>
    [TestCase("a: 1\nb: {x: 1, q: 2, x: 3}\nc: 2\na: 4\n", "{a:d4616189618054758400,b:{x:d4613937818241073152,q:d4611686018427387904,},c:d4611686018427387904,}")]
    [TestCase("- {a: 1, a: [2, {b: 3, b: 4}], c: 5}\n- []\n- {}\n", "[{a:[d4611686018427387904,{b:d4616189618054758400,},],c:d4617315517961601024,},[],{},]")]
    [TestCase("k: 1\n1: k\ntrue: k\n1.5: k\nk: 2\n", "{k:d4611686018427387904,1:s\"k\",true:s\"k\",1.5:s\"k\",}")]
    public void MappingsKeepFirstPlaceAndLastValue(string yaml, string expected)
    {
        Assert.That(Dump(Direct(yaml, false)), Is.EqualTo(expected));
        AsNodePath(yaml);
    }

    /// <summary>Wide and deep mappings and sequences interleaved (the pair and item stacks grow past their first size).</summary>
    [Test]
    public void WideAndNestedCollections()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 300; i++)
        {
            sb.Append("m").Append(i).Append(":\n");
            for (int j = 0; j < 40; j++) sb.Append("  k").Append(j).Append(": [").Append(j).Append(", {z: ").Append(i).Append("}]\n");
            sb.Append("  k0: last\n");
        }
        AsNodePath(sb.ToString());
        var m = (Dictionary<string, object?>)Direct(sb.ToString(), true)!;
        var inner = (Dictionary<string, object?>)m["m299"]!;
        Assert.That(inner.Keys.First(), Is.EqualTo("k0"));
        Assert.That(inner["k0"], Is.EqualTo("last"));
        Assert.That(inner, Has.Count.EqualTo(40));
    }

    /// <summary>Shared boxes give the node path's types and values on both sides of their range.</summary>
    [Test]
    public void BoxedNumbersAndBools()
    {
        AsNodePath("a: [0o17, 017, 1_000, 0b101, -0x10, +12, 1e3, 12e-1]\n");
        const string yaml = "a: [0, 1, 1023, 1024, -1, -0, 0x10, 9223372036854775807, 18446744073709551615, 2.0, true, yes, false, off]\n";
        AsNodePath(yaml);
        var raw = (object?[])((Dictionary<string, object?>)Direct(yaml, true)!)["a"]!;
        Assert.That(raw, Is.EqualTo(new object?[] { 0L, 1L, 1023L, 1024L, -1L, 0L, 16L, long.MaxValue, ulong.MaxValue, 2.0, true, true, false, false }));
        Assert.That(raw.Take(5).Select(x => x!.GetType()), Is.All.EqualTo(typeof(long)));
        var json = (object?[])((Dictionary<string, object?>)Direct(yaml, false)!)["a"]!;
        Assert.That(json.Take(6), Is.EqualTo(new object?[] { 0.0, 1.0, 1023.0, 1024.0, -1.0, 0.0 }));
        Assert.That(BitConverter.DoubleToInt64Bits((double)json[5]!), Is.Zero, "-0 is +0 as go-yaml's int");
    }

    /// <summary>Manifest heads over documents with repeated short strings read as the node path reads them.</summary>
    [Test]
    public void ManifestHeadsWithSharedStrings()
    {
        const string doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v1\n  annotations: {kind: v1, name: 'ConfigMap'}\ndata:\n  v1: kind\n  apiVersion: v1\n";
        foreach (var type in new[] { "util.SimpleHead", "releaseutil.SimpleHead" })
        {
            var a = GoYaml.DecodeManifestHeadVia(doc, type, direct: true);
            var b = GoYaml.DecodeManifestHeadVia(doc, type, direct: false);
            Assert.That((a.ApiVersion, a.Kind, a.Name), Is.EqualTo((b.ApiVersion, b.Kind, b.Name)));
            Assert.That((a.ApiVersion, a.Kind, a.Name), Is.EqualTo(("v1", "ConfigMap", "v1")));
            Assert.That(a.Annotations, Is.EqualTo(b.Annotations));
        }
    }

    private static string Dump(object? v) => YamlValueDump.Dump(v);
}
