using System.Text.Json;
using HelmSharp.Diagnostics;
using HelmSharp.Rendering;
using HelmSharp.Template;
using NUnit.Framework;

namespace HelmSharp.Tests.Diagnostics;

/// <summary>
/// <see cref="RenderProfiler"/>: call counts per template file, define (include / template action) and tpl, include-memo
/// hits, the tpl calls, the table and JSON, and that profiling changes nothing in the output. No timing is asserted
/// beyond its consistency (self ≤ total).
/// </summary>
[TestFixture]
public class RenderProfileTests
{
    private static readonly (string, string)[] Files =
    [
        ("Chart.yaml", "apiVersion: v2\nname: p\nversion: 0.1.0\n"),
        ("values.yaml", "greeting: \"hi {{ .Release.Name }}\"\nitems: [a, b, c]\n"),
        ("templates/_h.tpl",
            "{{- define \"p.name\" -}}{{ .Chart.Name }}{{- end -}}\n" +
            "{{- define \"p.label\" -}}app: {{ include \"p.name\" . }}{{- end -}}\n" +
            "{{- define \"p.item\" -}}- {{ . }}{{- end -}}\n"),
        ("templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include \"p.name\" . }}\n  labels:\n    {{ include \"p.label\" . }}\n" +
            "data:\n  greeting: {{ tpl .Values.greeting . | quote }}\n  list: |\n{{- range .Values.items }}\n    {{ template \"p.item\" . }}\n{{- end }}\n"),
        ("templates/other.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include \"p.name\" . }}-s\n"),
    ];

    private static TemplateRequest Request() => new() { ReleaseName = "rel", HelmMajor = 4 };

    [Test]
    public void CountsEveryExecutionByTemplateAndKind()
    {
        var chart = CallStackTests.Load(4, Files);
        var plain = HelmTemplate.Render(chart, Request()).Output;
        var result = RenderProfiler.Render(chart, Request(), out var profile);
        Assert.That(result.Output, Is.EqualTo(plain), "profiling changes nothing in the output");

        var byKey = profile.Templates.ToDictionary(e => (e.Name, e.Kind), e => e);
        Assert.That(byKey[("p/templates/cm.yaml", TemplateFrameKind.File)].Calls, Is.EqualTo(1));
        Assert.That(byKey[("p/templates/other.yaml", TemplateFrameKind.File)].Calls, Is.EqualTo(1));
        Assert.That(byKey[("p.label", TemplateFrameKind.Include)].Calls, Is.EqualTo(1));
        // p.name: included from cm.yaml, from p.label and from other.yaml (each either executed or answered by the memo)
        var name = byKey[("p.name", TemplateFrameKind.Include)];
        Assert.That(name.Calls + name.MemoHits, Is.EqualTo(3));
        Assert.That(byKey[("p.item", TemplateFrameKind.Template)].Calls, Is.EqualTo(3));
        Assert.That(byKey[("gotpl", TemplateFrameKind.Tpl)].Calls, Is.EqualTo(1));
        Assert.That(profile.SlowestTpl.Select(t => (t.Text, t.CalledFrom)), Is.EqualTo(new[] { ("hi {{ .Release.Name }}", "p/templates/cm.yaml") }));
        foreach (var e in profile.Templates)
        {
            Assert.That(e.Self, Is.LessThanOrEqualTo(e.Total), e.Name);
            Assert.That(e.AllocatedBytes, Is.GreaterThanOrEqualTo(0), e.Name);
        }
        // the file's total time includes its includes: at least the sum of its callees' self times is not checked (clock
        // resolution), but the self time of the file is its total less the callees
        var cm = byKey[("p/templates/cm.yaml", TemplateFrameKind.File)];
        Assert.That(cm.Total - cm.Self, Is.GreaterThanOrEqualTo(TimeSpan.Zero));
    }

    [Test]
    public void TableAndJson()
    {
        RenderProfiler.Render(CallStackTests.Load(4, Files), Request(), out var profile);
        var table = profile.ToTable();
        Assert.That(table, Does.StartWith("Render profile: "));
        Assert.That(table, Does.Contain("   self ms   total ms   calls   memo   alloc KiB  template (kind)\n"));
        Assert.That(table, Does.Contain("  p.item (template)\n"));
        Assert.That(table, Does.Contain("Slowest tpl calls:\n"));
        Assert.That(table, Does.Contain(" ms  from p/templates/cm.yaml: \"hi {{ .Release.Name }}\"\n"));

        using var doc = JsonDocument.Parse(profile.ToJson());
        var templates = doc.RootElement.GetProperty("templates").EnumerateArray().ToList();
        Assert.That(templates.Select(t => t.GetProperty("name").GetString() + "/" + t.GetProperty("kind").GetString()),
            Is.SupersetOf(new[] { "p/templates/cm.yaml/file", "p.label/include", "p.item/template", "gotpl/tpl" }));
        Assert.That(templates.Single(t => t.GetProperty("name").GetString() == "p.item").GetProperty("calls").GetInt32(), Is.EqualTo(3));
        Assert.That(doc.RootElement.GetProperty("slowestTpl")[0].GetProperty("text").GetString(), Is.EqualTo("hi {{ .Release.Name }}"));
    }

    [Test]
    public void OnlyTheProfiledRenderIsRecordedAndAFailedOneKeepsWhatRan()
    {
        var chart = CallStackTests.Load(4, Files);
        RenderProfiler.Render(chart, Request(), out var first);
        HelmTemplate.Render(chart, Request()); // not profiled: nothing is added to the earlier profile
        RenderProfiler.Render(chart, Request(), out var second);
        Assert.That(first.Templates.Sum(e => e.Calls), Is.EqualTo(second.Templates.Sum(e => e.Calls)));

        var broken = CallStackTests.Load(4, ("Chart.yaml", "apiVersion: v2\nname: b\nversion: 0.1.0\n"),
            ("templates/a.yaml", "{{ define \"b.x\" }}{{ fail \"no\" }}{{ end }}a: {{ include \"b.x\" . }}\n"));
        RenderProfile? partial = null;
        Assert.Throws<HelmTemplateException>(() => RenderProfiler.Render(broken, Request(), out partial));
        Assert.That(partial!.Templates.Select(e => (e.Name, e.Kind, e.Calls)), Is.EquivalentTo(new[]
        {
            ("b/templates/a.yaml", TemplateFrameKind.File, 1), ("b.x", TemplateFrameKind.Include, 1),
        }));
    }

    [Test]
    public void CliWritesTheTableOnStderrAndTheJsonFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "helmsharp-profile-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var (name, text) in Files)
            {
                var path = Path.Combine(dir, "p", name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }
            var (_, plainOut, plainErr) = CallStackTests.Cli("template", "rel", Path.Combine(dir, "p"));
            var json = Path.Combine(dir, "profile.json");
            var (code, stdout, stderr) = CallStackTests.Cli("template", "rel", Path.Combine(dir, "p"), "--profile", "--profile-json", json);
            Assert.That(code, Is.EqualTo(0));
            Assert.That(stdout, Is.EqualTo(plainOut));
            Assert.That(plainErr, Is.Empty);
            Assert.That(stderr, Does.StartWith("Render profile: "));
            Assert.That(stderr, Does.Contain("  p/templates/cm.yaml (file)\n"));
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            Assert.That(doc.RootElement.GetProperty("templates").GetArrayLength(), Is.GreaterThanOrEqualTo(5));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }
}
