using System.Text;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Values;
using NUnit.Framework;

namespace HelmSharp.Tests.Values;

/// <summary>
/// A chart whose loaded default values are given to its one render (<see cref="Chart.GiveValuesToOneRender"/>, the CLI):
/// coalescing and the templates then work on the loaded defaults instead of a copy. The output must be the same as a
/// chart rendered the ordinary way, a chart not given must never be changed by its renders, and a given chart
/// rendered once more (a render that runs again) must get its defaults as loaded.
/// </summary>
[TestFixture]
public class GivenValuesTests
{
    private const string ParentChart = "apiVersion: v2\nname: top\nversion: 1.0.0\n";

    private static Chart Load(int major, params (string Name, string Text)[] files)
    {
        var list = new List<KeyValuePair<string, byte[]>>();
        if (!files.Any(f => f.Name == "Chart.yaml")) list.Add(new("Chart.yaml", Encoding.UTF8.GetBytes(ParentChart)));
        foreach (var (n, t) in files) list.Add(new(n, Encoding.UTF8.GetBytes(t)));
        return ChartLoader.LoadFiles(list, major);
    }

    // The templates change .Values in place (set, unset, merge, mergeOverwrite, append through set) and print it:
    // helm renders the files in reverse order of their paths, so z-print.yaml shows .Values before a-mutate.yaml changes it.
    private const string Mutate =
        "{{- $_ := set .Values.nested \"added\" \"yes\" }}\n" +
        "{{- $_ := unset .Values.nested \"drop\" }}\n" +
        "{{- $_ := merge .Values.deep (dict \"a\" (dict \"m\" \"merged\")) }}\n" +
        "{{- $_ := mergeOverwrite .Values.deep (dict \"a\" (dict \"b\" \"changed\")) }}\n" +
        "{{- $_ := set .Values \"list\" (append .Values.list \"more\") }}\n" +
        "after: {{ toJson .Values }}\n";
    private const string Print = "before: {{ toJson .Values }}\n";
    private const string DefaultValues =
        "nested: {keep: 1, drop: 2, inner: {x: 1}}\ndeep: {a: {b: orig, c: [1, 2]}}\nlist: [a, b]\nglobal: {g: {h: 1}, s: top}\n";

    private static Chart MutatingChart(int major) =>
        Load(major, ("values.yaml", DefaultValues), ("templates/a-mutate.yaml", Mutate), ("templates/z-print.yaml", Print));

    // A dependency enabled twice under two aliases (its defaults are one map shared by both copies), a dependency with
    // exports imported by the parent, globals with nested tables in both: each subchart template changes its .Values.
    private static Chart TreeChart(int major)
    {
        const string sub = "apiVersion: v2\nname: sub\nversion: 0.1.0\n";
        const string subTemplate =
            "{{- $_ := set .Values.shared \"seen\" (printf \"%s+%v\" .Chart.Name (.Values.shared.seen | default \"\")) }}\n" +
            "{{- $_ := set .Values.global.g \"from\" .Chart.Name }}\n" +
            "{{ .Chart.Name }}: {{ toJson .Values }}\n";
        return Load(major,
            ("Chart.yaml", ParentChart + "dependencies:\n- name: sub\n  version: 0.1.0\n  alias: one\n- name: sub\n  version: 0.1.0\n  alias: two\n" +
                           "- name: lib\n  version: 0.1.0\n  import-values: [data]\n"),
            ("values.yaml", DefaultValues),
            ("templates/a-mutate.yaml", Mutate), ("templates/z-print.yaml", Print),
            ("charts/sub/Chart.yaml", sub),
            ("charts/sub/values.yaml", "shared: {base: true, drop: x}\nglobal: {g: {sub: 1}}\n"),
            ("charts/sub/templates/t.yaml", subTemplate),
            ("charts/lib/Chart.yaml", "apiVersion: v2\nname: lib\nversion: 0.1.0\n"),
            ("charts/lib/values.yaml", "exports: {data: {exported: {k: v}}}\nown: {z: 1}\n"),
            ("charts/lib/templates/t.yaml", "lib: {{ toJson .Values }}\n{{ $_ := set .Values.own \"z\" 2 }}"));
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (int major in new[] { 4, 3 })
        {
            yield return new TestCaseData(major, "mutating", null).SetName($"Mutating chart, no user values, helm {major}");
            yield return new TestCaseData(major, "mutating", "nested: {keep: null, inner: {y: 2}}\ndeep: {a: {c: null}}\nglobal: {g: {u: 1}}\n")
                .SetName($"Mutating chart, user values with nulls, helm {major}");
            yield return new TestCaseData(major, "tree", null).SetName($"Aliased, imported and global subcharts, helm {major}");
            yield return new TestCaseData(major, "tree", "one: {shared: {drop: null}}\nglobal: {g: {u: 1}}\n")
                .SetName($"Aliased, imported and global subcharts with user values, helm {major}");
            // helm 4 writes the nulls of one alias's values into the defaults it coalesces: two must not see them
            yield return new TestCaseData(major, "tree", "one: {shared: {newkey: null}}\ntwo: {shared: {drop: null}}\n")
                .SetName($"Aliased subcharts with user nulls, helm {major}");
        }
    }

    private static Chart Make(string kind, int major) => kind == "tree" ? TreeChart(major) : MutatingChart(major);

    private static TemplateRequest Request(int major, string? user) => new()
    {
        HelmMajor = major,
        Values = user == null ? null : HelmSharp.Yaml.GoYaml.UnmarshalMap(user),
    };

    private static string Render(Chart chart, int major, string? user) => HelmTemplate.Render(chart, Request(major, user)).Output;

    [TestCaseSource(nameof(Cases))]
    public void GivenChartRendersAsAnOrdinaryChart(int major, string kind, string? user)
    {
        var expected = Render(Make(kind, major), major, user);
        Assert.That(expected, Does.Contain("added"));
        var given = Make(kind, major);
        given.GiveValuesToOneRender(major);
        Assert.That(Render(given, major, user), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Cases))]
    public void GivenChartRenderedAgainGetsItsDefaultsAsLoaded(int major, string kind, string? user)
    {
        var expected = Render(Make(kind, major), major, user);
        var given = Make(kind, major);
        given.GiveValuesToOneRender(major);
        Assert.That(Render(given, major, user), Is.EqualTo(expected));
        Assert.That(Render(given, major, user), Is.EqualTo(expected), "second render");
        Assert.That(HelmChart.Compile(given).Render(new RenderOptions { HelmVersion = major == 3 ? HelmVersion.V3 : HelmVersion.V4 }).Output,
            Is.EqualTo(Render(Make(kind, major), major, null)), "compiled render without user values");
    }

    [Test]
    public void GivenRenderWorksOnTheLoadedDefaults()
    {
        // What makes it cheap: no copy of the defaults (the chart's own maps received the templates' changes).
        var chart = MutatingChart(4);
        chart.GiveValuesToOneRender(4);
        Render(chart, 4, null);
        Assert.That(((Dictionary<string, object?>)chart.Values["nested"]!).ContainsKey("added"), Is.True);
    }

    [Test]
    public void ChartNotGivenIsNeverChangedByItsRenders()
    {
        foreach (var kind in new[] { "mutating", "tree" })
        {
            var chart = Make(kind, 4);
            var defaults = ValueMerge.DeepCopyMap(chart.Values);
            var first = Render(chart, 4, null);
            Assert.That(Render(chart, 4, null), Is.EqualTo(first), kind);
            var compiled = HelmChart.Compile(chart);
            Assert.That(compiled.Render().Output, Is.EqualTo(first), kind + " compiled");
            Assert.That(compiled.Render().Output, Is.EqualTo(first), kind + " compiled, second render");
            Assert.That(HelmChart.Render(chart).Output, Is.EqualTo(first), kind + " HelmChart.Render");
            Assert.That(ValueEquality.Equal(chart.Values, defaults), Is.True, kind + ": the chart's defaults changed");
        }
    }

    [Test]
    public void ReplacedValuesAreNotTaken()
    {
        var chart = MutatingChart(4);
        chart.GiveValuesToOneRender(4);
        chart.Values = HelmSharp.Yaml.GoYaml.UnmarshalMap(DefaultValues);
        var mine = chart.Values;
        var first = Render(chart, 4, null);
        Assert.That(Render(chart, 4, null), Is.EqualTo(first));
        Assert.That(chart.Values, Is.SameAs(mine));
        Assert.That(((Dictionary<string, object?>)mine["nested"]!).ContainsKey("added"), Is.False);
    }

    [Test]
    public void CliRenderThatRunsAgainGetsTheLoadedDefaults()
    {
        // a-mutate.yaml changes the defaults, then writes into a decoded document the compiled chart shares: the
        // render is abandoned and runs again, and z-print.yaml (rendered first) must see the defaults as loaded.
        var dir = Path.Combine(Path.GetTempPath(), "helmsharp-given-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "templates"));
            File.WriteAllText(Path.Combine(dir, "Chart.yaml"), ParentChart);
            File.WriteAllText(Path.Combine(dir, "values.yaml"), DefaultValues);
            File.WriteAllText(Path.Combine(dir, "templates/a-mutate.yaml"),
                Mutate + "{{- $d := fromYaml \"k: 1\" }}{{- $e := fromYaml \"k: 1\" }}{{- $_ := set $e \"w\" 2 }}\nk: {{ toJson $e }}\n");
            File.WriteAllText(Path.Combine(dir, "templates/z-print.yaml"), Print);
            var outputs = new List<string>();
            foreach (bool cache in new[] { false, true })
            {
                var stdout = new StringWriter { NewLine = "\n" };
                var stderr = new StringWriter { NewLine = "\n" };
                Assert.That(HelmSharp.Cli.Program.Run(["template", "x", dir], stdout, stderr, compiledCache: cache), Is.Zero, stderr.ToString());
                outputs.Add(stdout.ToString());
            }
            Assert.That(outputs[1], Is.EqualTo(outputs[0]));
            Assert.That(outputs[0], Does.Contain("before: {\"deep\":{\"a\":{\"b\":\"orig\",\"c\":[1,2]}},\"global\":{\"g\":{\"h\":1},\"s\":\"top\"},\"list\":[\"a\",\"b\"],\"nested\":{\"drop\":2,\"inner\":{\"x\":1},\"keep\":1}}"));
        }
        finally { Directory.Delete(dir, true); }
    }
}
