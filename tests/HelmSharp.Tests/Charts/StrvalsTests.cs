using NUnit.Framework;
using HelmSharp.Values;

namespace HelmSharp.Tests.Charts;

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
}
