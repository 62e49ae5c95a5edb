using NUnit.Framework;
using HelmSharp.Charts;
using HelmSharp.Tests.Charts;
using HelmSharp.Values;

namespace HelmSharp.Tests.Values;

public class CoalesceTests
{
    private static Chart Parent(int major, string parentValues, string deps = "dependencies:\n- name: sub\n  version: \"*\"\n  condition: sub.enabled\n") =>
        ChartLoadingTests.Mem(major,
            ("Chart.yaml", "apiVersion: v2\nname: p\nversion: 0.1.0\n" + deps),
            ("values.yaml", parentValues),
            ("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.0.0\n"),
            ("charts/sub/values.yaml", "yy: 1\nt:\n  a: 1\n"));

    [Test]
    public void UserNullDeletesDefaultAndGlobalsFlowDown()
    {
        // helm v4 template p --set ptab.keep=null: {"ptab":{"inner":null}, "sub":{"global":{},...}}
        var c = Parent(4, "ptab:\n  inner: null\n  keep: 1\nglobal:\n  g: 1\n");
        var user = new Dictionary<string, object?> { ["ptab"] = new Dictionary<string, object?> { ["keep"] = null } };
        var rv = ChartValues.ToRenderValues(c, user, 4);
        var ptab = (Dictionary<string, object?>)rv.Values["ptab"]!;
        Assert.That(ptab.ContainsKey("keep"), Is.False);
        Assert.That(ptab.ContainsKey("inner"), Is.True);
        var sub = (Dictionary<string, object?>)rv.Values["sub"]!;
        Assert.That(sub["yy"], Is.EqualTo(1.0));
        Assert.That(((Dictionary<string, object?>)sub["global"]!)["g"], Is.EqualTo(1.0));
        Assert.That(rv.Values.GoType.Name, Is.EqualTo("common.Values"));
        Assert.That(new HelmValues(3).GoType.Name, Is.EqualTo("chartutil.Values"));
    }

    [Test]
    public void ConditionDisablesDependency()
    {
        var c = Parent(4, "sub:\n  enabled: false\n");
        var rv = ChartValues.ToRenderValues(c, null, 4);
        Assert.That(rv.Chart.Dependencies, Is.Empty);
        Assert.That(c.Dependencies, Has.Count.EqualTo(1), "input chart untouched");
        var on = ChartValues.ToRenderValues(c, new() { ["sub"] = new Dictionary<string, object?> { ["enabled"] = true } }, 4);
        Assert.That(on.Chart.Dependencies.Single().ChartFullPath(), Is.EqualTo("p/charts/sub"));
    }

    [Test]
    public void AliasAndImportValues()
    {
        var c = ChartLoadingTests.Mem(4,
            ("Chart.yaml", "apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: \"1.x\"\n  alias: other\n  import-values:\n  - data\n  - child: t\n    parent: fromchild\n"),
            ("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.0.0\n"),
            ("charts/sub/values.yaml", "exports:\n  data:\n    exported: yes\nt:\n  a: 1\n"));
        var rv = ChartValues.ToRenderValues(c, null, 4);
        Assert.That(rv.Chart.Dependencies.Single().Name, Is.EqualTo("other"));
        Assert.That(rv.Values["exported"], Is.EqualTo(true));
        Assert.That(((Dictionary<string, object?>)rv.Values["fromchild"]!)["a"], Is.EqualTo(1.0));
        Assert.That(rv.Values.ContainsKey("other"), Is.True);
    }

    [Test]
    public void MissingDependency()
    {
        var c = ChartLoadingTests.Mem(4, ("Chart.yaml", "apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n- name: a\n  version: 1.0.0\n- name: b\n  version: 1.0.0\n"));
        var ex = Assert.Throws<ChartException>(() => ChartValues.ToRenderValues(c, null, 4));
        Assert.That(ex!.Message, Does.EndWith("found in Chart.yaml, but missing in charts/ directory: a, b"));
    }

    // helm template p --set sub=x (v4 wraps the error, v3 does not)
    [TestCase(4, "chart dependencies processing failed: type mismatch on sub: %!t(string=x)")]
    [TestCase(3, "type mismatch on sub: %!t(string=x)")]
    public void TypeMismatchOnSubchart(int major, string message)
    {
        var c = Parent(major, "");
        var ex = Assert.Throws<ValuesException>(() => ChartValues.ToRenderValues(c, new() { ["sub"] = "x" }, major));
        Assert.That(ex!.Message, Is.EqualTo(message));
    }

    [Test]
    public void SchemaErrorsHelm4()
    {
        // helm v4 template s --set replicaCount=str: "- at '/replicaCount': got string, want integer"
        var c = ChartLoadingTests.Mem(4,
            ("Chart.yaml", "apiVersion: v2\nname: s\nversion: 0.1.0\n"),
            ("values.yaml", "replicaCount: 1\n"),
            ("values.schema.json", "{\"type\":\"object\",\"properties\":{\"replicaCount\":{\"type\":\"integer\"}}}"));
        var ex = Assert.Throws<ValuesException>(() => ChartValues.ToRenderValues(c, new() { ["replicaCount"] = "str" }, 4));
        Assert.That(ex!.Message, Is.EqualTo("values don't meet the specifications of the schema(s) in the following chart(s):\ns:\n- at '/replicaCount': got string, want integer\n"));
        Assert.DoesNotThrow(() => ChartValues.ToRenderValues(c, new() { ["replicaCount"] = 3L }, 4));
    }

    [Test]
    public void PathValueAndTable()
    {
        var v = new HelmValues(4) { ["a"] = new Dictionary<string, object?> { ["b"] = 1.0 } };
        Assert.That(v.PathValue("a.b"), Is.EqualTo(1.0));
        Assert.That(Assert.Throws<ValuesException>(() => v.PathValue("a"))!.Message, Is.EqualTo("\"a\" is not a value"));
        Assert.That(Assert.Throws<ValuesException>(() => v.Table("x"))!.Message, Is.EqualTo("\"x\" is not a table"));
        Assert.That(v.Table("a")["b"], Is.EqualTo(1.0));
    }
}

public class NullSemanticsTests
{
    private static readonly (string, string)[] s_files =
    [
        ("Chart.yaml", "apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: \"*\"\n"),
        ("values.yaml", "pnull: null\nptab:\n  inner: null\n  keep: 1\n"),
        ("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.0.0\n"),
        ("charts/sub/values.yaml", "y: null\nt:\n  n: null\n  a: 1\n"),
    ];

    // helm template p --set sub.x=null --set sub.t.z=null --set unknown=null --set ptab.keep=null
    // with templates `{{ toJson .Values }}` in p and sub.
    [TestCase(4, "{\"pnull\":null,\"ptab\":{\"inner\":null},\"sub\":{\"global\":{},\"t\":{\"a\":1,\"false\":null,\"z\":null},\"x\":null},\"unknown\":null}")]
    [TestCase(3, "{\"pnull\":null,\"ptab\":{\"inner\":null},\"sub\":{\"global\":{},\"t\":{\"a\":1,\"z\":null},\"x\":null},\"unknown\":null}")]
    public void MatchesHelm(int major, string expected)
    {
        var c = ChartLoadingTests.Mem(major, s_files);
        var opts = new HelmSharp.Values.ValueOptions();
        opts.Values.AddRange(["sub.x=null", "sub.t.z=null", "unknown=null", "ptab.keep=null"]);
        var rv = HelmSharp.Values.ChartValues.ToRenderValues(c, opts.MergeValues(major), major);
        Assert.That(TestJson.Of(rv.Values), Is.EqualTo(expected));
    }

    // Same chart without the Chart.yaml dependency entry (no import processing), helm v4 and v3 agree.
    [TestCase(4)]
    [TestCase(3)]
    public void UndeclaredSubchart(int major)
    {
        var files = s_files.ToArray();
        files[0] = ("Chart.yaml", "apiVersion: v2\nname: q\nversion: 0.1.0\n");
        var c = ChartLoadingTests.Mem(major, files);
        var opts = new HelmSharp.Values.ValueOptions();
        opts.Values.AddRange(["sub.x=null", "sub.t.z=null"]);
        var rv = HelmSharp.Values.ChartValues.ToRenderValues(c, opts.MergeValues(major), major);
        Assert.That(TestJson.Of(rv.Values), Is.EqualTo("{\"pnull\":null,\"ptab\":{\"inner\":null,\"keep\":1},\"sub\":{\"global\":{},\"t\":{\"a\":1,\"false\":null,\"z\":null},\"true\":null,\"x\":null}}"));
    }
}

public class TagsAndConditionsTests
{
    // apiVersion v1 chart with requirements.yaml (a: tags [front]; b: tags [back], condition b.on,x.y).
    // Expected from helm v4/v3 template v1 <args> printing {{ range .Chart.Dependencies }}{{ .Name }},{{ end }} and the .Files keys.
    [TestCase(4, "", "a,b")]
    [TestCase(3, "", "a,b")]
    [TestCase(4, "tags.front=false", "b")]
    [TestCase(4, "tags.back=false,b.on=true", "a,b")]
    [TestCase(3, "tags.front=false,tags.back=true", "b")]
    [TestCase(4, "x.y=false", "a")]
    public void EnabledDependencies(int major, string set, string expected)
    {
        var c = ChartLoadingTests.Mem(major,
            ("Chart.yaml", "apiVersion: v1\nname: v1c\nversion: 0.1.0\n"),
            ("requirements.yaml", "dependencies:\n- name: a\n  version: 1.0.0\n  tags: [front]\n- name: b\n  version: 1.0.0\n  tags: [back]\n  condition: b.on,x.y\n"),
            ("charts/a/Chart.yaml", "apiVersion: v1\nname: a\nversion: 1.0.0\n"),
            ("charts/b/Chart.yaml", "apiVersion: v1\nname: b\nversion: 1.0.0\n"));
        Assert.That(c.Files.Select(f => f.Name), Is.EqualTo(new[] { "requirements.yaml" }));
        var o = new HelmSharp.Values.ValueOptions();
        if (set.Length > 0) o.Values.Add(set);
        var rv = HelmSharp.Values.ChartValues.ToRenderValues(c, o.MergeValues(major), major);
        Assert.That(string.Join(",", rv.Chart.Metadata.Dependencies!.Select(d => d!.Name)), Is.EqualTo(expected));
        Assert.That(string.Join(",", rv.Chart.Dependencies.Select(d => d.Name)), Is.EqualTo(expected));
    }
}

public class GlobalsTests
{
    // helm v4/v3 template g --set sub.global.m.b=2 --set sub.global.g=5 --set sub.global.m.c=9 with {{ toJson .Values }}
    [TestCase(4)]
    [TestCase(3)]
    public void ParentGlobalsWin(int major)
    {
        var c = ChartLoadingTests.Mem(major,
            ("Chart.yaml", "apiVersion: v2\nname: g\nversion: 0.1.0\n"),
            ("values.yaml", "global:\n  g: 1\n  m:\n    a: 1\n    c: 1\n"),
            ("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.0.0\n"),
            ("charts/sub/values.yaml", "global:\n  s: 1\n  g: 0\n  m:\n    a: 0\n    d: 0\nown: 1\n"));
        var o = new HelmSharp.Values.ValueOptions();
        o.Values.AddRange(["sub.global.m.b=2", "sub.global.g=5", "sub.global.m.c=9"]);
        var rv = HelmSharp.Values.ChartValues.ToRenderValues(c, o.MergeValues(major), major);
        Assert.That(TestJson.Of(rv.Values), Is.EqualTo("{\"global\":{\"g\":1,\"m\":{\"a\":1,\"c\":1}},\"sub\":{\"global\":{\"g\":1,\"m\":{\"a\":1,\"b\":2,\"c\":1,\"d\":0},\"s\":1},\"own\":1}}"));
    }
}

public class AliasTests
{
    private static readonly (string, string)[] s_files =
    [
        ("Chart.yaml", "apiVersion: v2\nname: al\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: \"~1.0\"\n  alias: a1\n- name: sub\n  version: \">=1.0.0 <2\"\n  alias: a2\n  condition: a2.on\n- name: sub\n  version: \"2.x\"\n  alias: a3\n"),
        ("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.0.5\n"),
        ("charts/sub/values.yaml", "v: 1\n"),
    ];

    // helm v4 template al --set a2.on=false / helm v3 template al, printing {{ toJson .Values }} and BasePath per chart.
    [TestCase(4, "a2.on=false", "a1", "{\"a1\":{\"global\":{},\"v\":1},\"a2\":{\"on\":false}}")]
    [TestCase(3, "", "a1,a2", "{\"a1\":{\"global\":{},\"v\":1},\"a2\":{\"global\":{},\"v\":1}}")]
    public void AliasesCopyTheChart(int major, string set, string charts, string json)
    {
        var c = ChartLoadingTests.Mem(major, s_files);
        var o = new HelmSharp.Values.ValueOptions();
        if (set.Length > 0) o.Values.Add(set);
        var rv = HelmSharp.Values.ChartValues.ToRenderValues(c, o.MergeValues(major), major);
        Assert.That(string.Join(",", rv.Chart.Dependencies.Select(d => d.Name)), Is.EqualTo(charts));
        Assert.That(rv.Chart.Dependencies[0].ChartFullPath(), Is.EqualTo("al/charts/a1"));
        Assert.That(TestJson.Of(rv.Values), Is.EqualTo(json));
        Assert.That(c.Dependencies.Single().Name, Is.EqualTo("sub"), "loaded chart unchanged");
    }
}
