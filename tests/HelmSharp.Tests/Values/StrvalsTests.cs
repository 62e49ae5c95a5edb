using NUnit.Framework;
using HelmSharp.Values;

namespace HelmSharp.Tests.Values;

// Expectations from: /work/main/.helm/v4/helm template c1 --set '<line>' with a template printing
// `{{ toJson .Values }} {{ typeOf .Values.a }}` (values.yaml: x: 1).
public class StrvalsTests
{
    private static Dictionary<string, object?> Set(string line)
    {
        var d = new Dictionary<string, object?>();
        Strvals.ParseInto(line, d);
        return d;
    }

    [Test]
    public void TypeInference()
    {
        var d = Set("a=1,b=true,c=null,d=1.5,e=0123,f=-3,g=TRUE");
        Assert.That(d["a"], Is.EqualTo(1L));
        Assert.That(d["a"], Is.TypeOf<long>());
        Assert.That(d["b"], Is.EqualTo(true));
        Assert.That(d.ContainsKey("c") && d["c"] == null, Is.True);
        Assert.That(d["d"], Is.EqualTo("1.5"));
        Assert.That(d["e"], Is.EqualTo("0123"));
        Assert.That(d["f"], Is.EqualTo(-3L));
        Assert.That(d["g"], Is.EqualTo(true));
    }

    [Test]
    public void ListsAndEscapes()
    {
        var d = Set("l[0]=x,l[2]=y");
        Assert.That((object?[])d["l"]!, Is.EqualTo(new object?[] { "x", null, "y" }));
        d = Set("l={x, y},m=a\\,b");
        Assert.That((object?[])d["l"]!, Is.EqualTo(new object?[] { "x", " y" }));
        Assert.That(d["m"], Is.EqualTo("a,b"));
    }

    [TestCase("a", "key \"a\" has no value")]
    [TestCase("a,b=1", "key \"a\" has no value (cannot end with ,)")]
    [TestCase("a.=1", "key map \"a\" has no value")]
    [TestCase("l[0]x=1", "unexpected data at end of array index: ['x']")]
    [TestCase("a[70000]=1", "index of 70000 is greater than maximum supported index of 65536")]
    public void Errors(string line, string message)
    {
        var opts = new ValueOptions();
        opts.Values.Add(line);
        var ex = Assert.Throws<ValuesException>(() => opts.MergeValues());
        Assert.That(ex!.Message, Is.EqualTo("failed parsing --set data: " + message));
    }

    [Test]
    public void NestingLimit()
    {
        var line = string.Join(".", Enumerable.Range(0, 40).Select(i => "k" + i)) + "=1";
        var ex = Assert.Throws<ValuesException>(() => Set(line));
        Assert.That(ex!.Message, Is.EqualTo("value name nested level is greater than maximum supported nested level of 30"));
    }

    [Test]
    public void SetJsonAndLiteral()
    {
        var opts = new ValueOptions();
        opts.JsonValues.Add("a={\"b\":[1,2]},c=");
        opts.LiteralValues.Add("l.b=x,y=z");
        var d = opts.MergeValues();
        var a = (Dictionary<string, object?>)d["a"]!;
        Assert.That((object?[])a["b"]!, Is.EqualTo(new object?[] { 1.0, 2.0 }));
        Assert.That(d.ContainsKey("c") && d["c"] == null, Is.True);
        Assert.That(((Dictionary<string, object?>)d["l"]!)["b"], Is.EqualTo("x,y=z"));
    }

    [Test]
    public void SetJsonWholeObjectHelm4AndError()
    {
        var opts = new ValueOptions();
        opts.JsonValues.Add("{\"x\":{\"y\":1}}");
        var d = opts.MergeValues(4);
        Assert.That(((Dictionary<string, object?>)d["x"]!)["y"], Is.EqualTo(1.0));
        var bad = new ValueOptions();
        bad.JsonValues.Add("a=[1");
        Assert.That(Assert.Throws<ValuesException>(() => bad.MergeValues())!.Message, Is.EqualTo("failed parsing --set-json data a=[1"));
    }

    // helm v4 template c1 --set '<line>' printing {{ toJson .Values }} (values.yaml "x: 1" removed here)
    [TestCase("a[0][1]=x,a[0][0]=y", "{\"a\":[[\"y\",\"x\"]]}")]
    [TestCase("a[1].b=1,a[0]=z", "{\"a\":[\"z\",{\"b\":1}]}")]
    [TestCase("a={}", "{\"a\":[\"\"]}")]
    [TestCase("a.b\\.c=1", "{\"a\":{\"b.c\":1}}")]
    [TestCase("a=x\\", "{\"a\":\"x\"}")]
    [TestCase("a[0]", "{\"a\":[]}")]
    [TestCase("=1", "{}")]
    [TestCase("a={1,true,null}", "{\"a\":[1,true,null]}")]
    public void MoreShapes(string line, string json) => Assert.That(TestJson.Of(Set(line)), Is.EqualTo(json));

    [TestCase("a=1,a.b=2", "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}")]
    [TestCase("a=null,a[0]=1", "unable to parse key: interface conversion: interface {} is nil, not []interface {}")]
    [TestCase("a[-1]=1", "negative -1 index not allowed")]
    [TestCase("a[x]=1", "error parsing index: strconv.Atoi: parsing \"x\": invalid syntax")]
    [TestCase("a={a,b", "list must terminate with '}'")]
    [TestCase("a=1,,b=2", "key \"\" has no value (cannot end with ,)")]
    public void MoreErrors(string line, string message) =>
        Assert.That(Assert.Throws<ValuesException>(() => Set(line))!.Message, Is.EqualTo(message));

    [Test]
    public void SetStringAndSetFile()
    {
        var o = new ValueOptions();
        o.StringValues.Add("a=1,b=true");
        o.FileValues.Add("f=f.txt");
        o.ValueFileContents["f.txt"] = "hello\n";
        Assert.That(TestJson.Of(o.MergeValues()), Is.EqualTo("{\"a\":\"1\",\"b\":\"true\",\"f\":\"hello\\n\"}"));
        var bad = new ValueOptions();
        bad.FileValues.Add("a=/nonexistent-dir/nofile.txt");
        Assert.That(Assert.Throws<ValuesException>(() => bad.MergeValues())!.Message, Is.EqualTo("failed parsing --set-file data: open /nonexistent-dir/nofile.txt: no such file or directory"));
    }
}

public class StrvalsHostileInputTests
{
    [Test]
    public void DeepListObjectChainFailsCleanly()
    {
        var line = string.Concat(Enumerable.Repeat("a[0].", 200000)) + "b=1";
        var ex = Assert.Throws<ValuesException>(() => Strvals.Parse(line));
        Assert.That(ex!.Message, Is.EqualTo("value name nested level is greater than maximum supported nested level of 30"));
    }

    [Test]
    public void DeepJsonFailsCleanly()
    {
        var o = new ValueOptions();
        o.JsonValues.Add("a=" + new string('[', 200000));
        Assert.That(Assert.Throws<ValuesException>(() => o.MergeValues())!.Message, Does.StartWith("failed parsing --set-json data a=[[["));
    }
}

public class ValueOrderTests
{
    // helm v4/v3 template c1 --set a=1 --set-json a=2 --set-literal b=lit --set-string b=str --set-file c=f.txt --set-string c=s
    // prints {"a":1,"b":"lit","c":"hello\n","x":1}: order is -f, --set-json, --set, --set-string, --set-file, --set-literal.
    [TestCase(4)]
    [TestCase(3)]
    public void FlagOrder(int major)
    {
        var o = new ValueOptions();
        o.Values.Add("a=1");
        o.JsonValues.Add("a=2");
        o.LiteralValues.Add("b=lit");
        o.StringValues.AddRange(["b=str", "c=s"]);
        o.FileValues.Add("c=f.txt");
        o.ValueFileContents["f.txt"] = "hello\n";
        Assert.That(TestJson.Of(o.MergeValues(major)), Is.EqualTo("{\"a\":1,\"b\":\"lit\",\"c\":\"hello\\n\"}"));
    }
}
