using HelmSharp.Go;
using NUnit.Framework;

namespace HelmSharp.Tests.Go;

/// <summary>fmt.Sprint / Sprintln and value printing; expectations from helm v4.1.4 (template in comments).</summary>
public class SprintTests
{
    [Test]
    public void SprintSpacing()
    {
        // {{ print 1 2 "a" "b" 3 nil 4.5 true (list 1) "x" (dict "a" nil) }}
        Assert.That(GoFormat.Sprint((nint)1, (nint)2, "a", "b", (nint)3, null, 4.5, true, new object?[] { (nint)1 }, "x", new Dictionary<string, object?> { ["a"] = null }),
            Is.EqualTo("1 2ab3 <nil> 4.5 true [1]xmap[a:<nil>]"));
        // {{ print }} / {{ print nil nil }} / {{ print "a" nil "b" }}
        Assert.That(GoFormat.Sprint(), Is.EqualTo(""));
        Assert.That(GoFormat.Sprint(null, null), Is.EqualTo("<nil> <nil>"));
        Assert.That(GoFormat.Sprint("a", null, "b"), Is.EqualTo("a<nil>b"));
        // {{ println 1 "a" nil }}
        Assert.That(GoFormat.Sprintln((nint)1, "a", null), Is.EqualTo("1 a <nil>\n"));
    }

    [Test]
    public void TypedSlices()
    {
        // {{ printf "%v|%s|%q|%x|%T" (splitList "," "a,b") ... }} → [a b]|[a b]|["a" "b"]|[61 62]|[]string
        string[] s = ["a", "b"];
        Assert.That(GoFormat.Sprintf("%v|%s|%q|%x|%T", s, s, s, s, s), Is.EqualTo("[a b]|[a b]|[\"a\" \"b\"]|[61 62]|[]string"));
        // {{ printf "%v|%d|%T" (until 3) (until 3) (until 3) }} → [0 1 2]|[0 1 2]|[]int
        nint[] u = [0, 1, 2];
        Assert.That(GoFormat.Sprintf("%v|%d|%T", u, u, u), Is.EqualTo("[0 1 2]|[0 1 2]|[]int"));
        // {{ printf "%v" (dict "a" (dict "b" (list nil (dict)))) }}; {{ printf "%s" (list nil) }}; {{ printf "%d" (dict "a" "x") }}
        Assert.That(GoFormat.FormatValue(new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = new object?[] { null, new Dictionary<string, object?>() } } }),
            Is.EqualTo("map[a:map[b:[<nil> map[]]]]"));
        Assert.That(GoFormat.Sprintf("%s", new object?[] { new object?[] { null } }), Is.EqualTo("[<nil>]"));
        Assert.That(GoFormat.Sprintf("%d", new Dictionary<string, object?> { ["a"] = "x" }), Is.EqualTo("map[%!d(string=a):%!d(string=x)]"));
    }

    // Bytes nested in a map or a list (a chart's files when .Files or $ is printed) take FmtBytes' loop for v and d; Go
    // prints them element by element through fmtInteger with the same flags, as it prints a []interface{} of uint8.
    [TestCase("%v")]
    [TestCase("%d")]
    [TestCase("%5v|%-4d|%03d|%+d|% v")]
    [TestCase("%.2d|%6.3v")]
    [TestCase("%#v")]
    public void NestedBytesPrintAsTheirElements(string format)
    {
        byte[] bytes = [0, 7, 10, 99, 100, 200, 255];
        object?[] boxed = [.. bytes.Select(x => (object?)x)];
        int n = format.Split('|').Length;
        object?[] Args(object? inner, bool asMap) =>
            [.. Enumerable.Repeat(asMap ? new Dictionary<string, object?> { ["f"] = inner } : (object?)new object?[] { inner }, n)];
        foreach (bool asMap in new[] { true, false })
        {
            if (format == "%#v")
            {
                // Nested %#v keeps the element path: Go writes []uint8{0x0, 0x7, …}.
                Assert.That(GoFormat.Sprintf(format, Args(bytes, asMap)), Does.Contain("[]uint8{0x0, 0x7, 0xa, 0x63, 0x64, 0xc8, 0xff}"));
                continue;
            }
            Assert.That(GoFormat.Sprintf(format, Args(bytes, asMap)), Is.EqualTo(GoFormat.Sprintf(format, Args(boxed, asMap))), asMap ? "map" : "list");
        }
    }

    [Test]
    public void BytesAndOtherKinds()
    {
        byte[] b = [0x68, 0x69];
        // Go: fmt.Sprintf("%v|%s|%x|%X|%q|%T|%#v", []byte("hi"), ...)
        Assert.That(GoFormat.Sprintf("%v|%s|%x|%X|%q|%T|%#v", b, b, b, b, b, b, b), Is.EqualTo("[104 105]|hi|6869|6869|\"hi\"|[]uint8|[]byte{0x68, 0x69}"));
        Assert.That(GoFormat.Sprintf("%v %v %v %v %v", (byte)7, (ushort)8, 9u, 10UL, (nuint)11), Is.EqualTo("7 8 9 10 11"));
        Assert.That(GoFormat.Sprintf("%#v %#x %T %T", 10UL, (short)-3, (sbyte)1, 1.5f), Is.EqualTo("0xa -0x3 int8 float32"));
        Assert.That(GoFormat.Sprint(0.1f), Is.EqualTo("0.1"));
        Assert.That(GoFormat.Sprintf("%.3f", 0.1f), Is.EqualTo("0.100"));
        Assert.That(GoFormat.FormatValue(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }), Is.EqualTo("map[a:1 b:2]"));
        Assert.That(GoFormat.TypeName(new Dictionary<string, string>()), Is.EqualTo("map[string]string"));
        Assert.That(GoFormat.TypeName(null), Is.EqualTo("<nil>"));
    }

    private sealed class Version(string s) : IGoValue, IGoStringer
    {
        public GoType GoType { get; } = GoType.PointerTo(GoType.Struct("semver.Version"));
        public string GoString() => s;
    }

    private sealed class Meta(bool pointer) : IGoStruct
    {
        public GoType GoType { get; } = pointer ? GoType.PointerTo(GoType.Struct("chart.Metadata")) : GoType.Struct("chart.Metadata");
        public bool TryGetField(string name, out object? value) { value = null; return false; }
        public IEnumerable<KeyValuePair<string, object?>> Fields => new KeyValuePair<string, object?>[]
        {
            new("Name", "web"), new("Version", "1.0"), new("Tags", new object?[] { "x" }), new("Extra", null),
        };
    }

    [Test]
    public void StringersAndStructs()
    {
        // {{ printf "%v|%+v|%T" (semver "1.2.3") ... }} → 1.2.3|1.2.3|*semver.Version
        var v = new Version("1.2.3");
        Assert.That(GoFormat.Sprintf("%v|%+v|%T|%s|%q|%v", v, v, v, v, v, new object?[] { v }), Is.EqualTo("1.2.3|1.2.3|*semver.Version|1.2.3|\"1.2.3\"|[1.2.3]"));
        Assert.That(GoFormat.FormatValue(new Dictionary<string, object?> { ["v"] = v }), Is.EqualTo("map[v:1.2.3]"));
        // Go: a struct prints {f1 f2}, %+v {Name:f1}, a pointer to struct &{...} at top level.
        Assert.That(GoFormat.FormatValue(new Meta(false)), Is.EqualTo("{web 1.0 [x] <nil>}"));
        Assert.That(GoFormat.Sprintf("%+v", new Meta(true)), Is.EqualTo("&{Name:web Version:1.0 Tags:[x] Extra:<nil>}"));
        Assert.That(GoFormat.Sprintf("%T", new Meta(true)), Is.EqualTo("*chart.Metadata"));
    }

    [Test]
    public void HexFloats()
    {
        // {{ printf "%x|%x|%.2x|%X|%#x|%x|%.0x|%x" 3.5 0.1 0.1 -0.1 1.0 0.0 1.5 5e-324 }}
        Assert.That(GoFormat.Sprintf("%x|%x|%.2x|%X|%#x|%x|%.0x|%x", 3.5, 0.1, 0.1, -0.1, 1.0, 0.0, 1.5, 5e-324),
            Is.EqualTo("0x1.cp+01|0x1.999999999999ap-04|0x1.9ap-04|-0X1.999999999999AP-04|0x1.0000p+00|0x0p+00|0x1p+01|0x1p-1074"));
    }

    [Test]
    public void DeepNestingIsBounded()
    {
        object? v = null;
        for (int i = 0; i < 20000; i++) v = new object?[] { v };
        Assert.That(() => GoFormat.FormatValue(v), Throws.InstanceOf<InvalidOperationException>());
    }
}
