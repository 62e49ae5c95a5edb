using System.Text;
using HelmSharp.Charts;
using HelmSharp.Helm;
using HelmSharp.Rendering;
using HelmSharp.Template;
using NUnit.Framework;

namespace HelmSharp.Tests.Diagnostics;

/// <summary>
/// The template call stack an execution error carries (<see cref="TemplateExecException.CallStack"/>,
/// <see cref="HelmTemplateException.CallStack"/>, the CLI's <c>--call-stack</c>): include chains, the
/// <c>template</c> action, <c>tpl</c>, subcharts. helm prints no call stack, so there is no oracle line to
/// compare with: the frames are checked against the positions in the test charts themselves.
/// </summary>
[TestFixture]
public class CallStackTests
{
    internal static Chart Load(int major, params (string Name, string Text)[] files) =>
        ChartLoader.LoadFiles(files.Select(f => new KeyValuePair<string, byte[]>(f.Name, Encoding.UTF8.GetBytes(f.Text))), major);

    private const string ChartYaml = "apiVersion: v2\nname: c\nversion: 0.1.0\n";

    private static readonly (string, string)[] Chain =
    [
        ("Chart.yaml", ChartYaml),
        ("values.yaml", "text: \"x-{{ required \\\"need .Values.missing\\\" .Values.missing }}\"\n"),
        ("templates/_h.tpl",
            "{{- define \"c.outer\" -}}\n" +
            "name: {{ include \"c.inner\" . }}\n" +
            "{{- end -}}\n" +
            "{{- define \"c.inner\" -}}\n" +
            "{{ template \"c.leaf\" . }}\n" +
            "{{- end -}}\n" +
            "{{- define \"c.leaf\" -}}\n" +
            "{{ tpl .Values.text . }}\n" +
            "{{- end -}}\n"),
        ("templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n{{ include \"c.outer\" . | indent 2 }}\n"),
    ];

    private static HelmTemplateException RenderError(Chart chart, int major = 4)
    {
        var request = new TemplateRequest { ReleaseName = "r", HelmMajor = major };
        return Assert.Throws<HelmTemplateException>(() => HelmTemplate.Render(chart, request))!;
    }

    private static string[] Lines(IReadOnlyList<TemplateFrame> stack) => stack.Select(f => f.ToString()).ToArray();

    [Test]
    public void IncludeTemplateAndTplChain([Values(4, 3)] int major)
    {
        var e = RenderError(Load(major, Chain), major);
        Assert.That(Lines(e.CallStack), Is.EqualTo(new[]
        {
            "at gotpl (tpl) gotpl:1:5 <required \"need .Values.missing\" .Values.missing>",
            "at c.leaf (template) c/templates/_h.tpl:8:3 <tpl .Values.text .>",
            "at c.inner (include) c/templates/_h.tpl:5:12 <{{template \"c.leaf\" .}}>",
            "at c.outer (include) c/templates/_h.tpl:2:9 <include \"c.inner\" .>",
            "at c/templates/cm.yaml (file) c/templates/cm.yaml:4:3 <include \"c.outer\" .>",
        }));
        Assert.That(e.CallStack[0].Kind, Is.EqualTo(TemplateFrameKind.Tpl));
        Assert.That(e.CallStack[4].File, Is.EqualTo("c/templates/cm.yaml"));
    }

    [Test]
    public void SubchartDefineCalledFromTheParent()
    {
        var chart = Load(4,
            ("Chart.yaml", ChartYaml),
            ("templates/a.yaml", "a: 1\n{{ include \"sub.name\" (dict \"n\" 1) }}\n"),
            ("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n"),
            ("charts/sub/templates/_x.tpl", "{{ define \"sub.name\" }}\n  {{- fail (printf \"bad %d\" .n) }}\n{{ end }}\n"),
            ("charts/sub/templates/s.yaml", "s: {{ .Values.x | default 2 }}\n"));
        var e = RenderError(chart);
        Assert.That(Lines(e.CallStack), Is.EqualTo(new[]
        {
            "at sub.name (include) c/charts/sub/templates/_x.tpl:2:6 <fail (printf \"bad %d\" .n)>",
            "at c/templates/a.yaml (file) c/templates/a.yaml:2:3 <include \"sub.name\" (dict \"n\" 1)>",
        }));
    }

    [Test]
    public void ErrorsOutsideAnyCallHaveOneFrameAndNonExecErrorsNone()
    {
        var e = RenderError(Load(4, ("Chart.yaml", ChartYaml), ("templates/a.yaml", "x: {{ .Values.a.b.c }}\n")));
        // the one frame is the failing node, at the position of Go's own message (checked against helm elsewhere)
        var exec = (TemplateExecException)e.InnerException!;
        Assert.That(e.Message, Does.StartWith("c/templates/a.yaml:" + exec.Line + ":" + exec.Column + "\n  executing"), "helm 4's trace");
        Assert.That(Lines(e.CallStack), Is.EqualTo(new[] { $"at c/templates/a.yaml (file) c/templates/a.yaml:{exec.Line}:{exec.Column} <.Values.a.b.c>" }));

        var parse = RenderError(Load(4, ("Chart.yaml", ChartYaml), ("templates/a.yaml", "x: {{ .Values.a \n")));
        Assert.That(parse.CallStack, Is.Empty);
    }

    [Test]
    public void TheEngineOnItsOwnAndARecoveredErrorLeavesNoFrames()
    {
        var set = new TemplateSet(HelmFunctions.For(4), new TemplateOptions { MissingKey = MissingKey.Zero }, "gotpl");
        set.Parse("t.tpl", "{{ define \"x\" }}{{ template \"y\" . }}{{ end }}{{ define \"y\" }}{{ index . 5 }}{{ end }}A{{ include \"x\" .list }}");
        var e = Assert.Throws<TemplateExecException>(() => set.Execute("t.tpl", new Dictionary<string, object?> { ["list"] = new object?[] { 1 } }))!;
        Assert.That(Lines(e.CallStack), Is.EqualTo(new[]
        {
            "at y (template) t.tpl:1:64 <index . 5>",
            "at x (include) t.tpl:1:28 <{{template \"y\" .}}>",
            "at t.tpl (file) t.tpl:1:89 <include \"x\" .list>",
        }));
        // the states go back to their pools: a later error in the same thread starts a fresh stack
        var again = Assert.Throws<TemplateExecException>(() => set.Execute("t.tpl", new Dictionary<string, object?> { ["list"] = new object?[] { 1 } }))!;
        Assert.That(again.CallStack, Has.Count.EqualTo(3));
        Assert.That(set.Execute("t.tpl", new Dictionary<string, object?> { ["list"] = new object?[] { 1, 2, 3, 4, 5, 6 } }), Is.EqualTo("A6"));
    }

    [Test]
    public void CliPrintsTheStackAfterHelmsLineOnlyWithTheFlag()
    {
        var dir = Path.Combine(Path.GetTempPath(), "helmsharp-callstack-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var (name, text) in Chain)
            {
                var path = Path.Combine(dir, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }
            var (code, _, err) = Cli("template", dir);
            Assert.That(code, Is.EqualTo(1));
            Assert.That(err, Does.Not.Contain("call stack"));
            var helmLine = err;
            (code, _, err) = Cli("template", dir, "--call-stack");
            Assert.That(code, Is.EqualTo(1));
            Assert.That(err, Does.StartWith(helmLine), "helm's own error text comes first, unchanged");
            Assert.That(err[helmLine.Length..], Is.EqualTo(
                "Template call stack (innermost first):\n" +
                "  at gotpl (tpl) gotpl:1:5 <required \"need .Values.missing\" .Values.missing>\n" +
                "  at c.leaf (template) c/templates/_h.tpl:8:3 <tpl .Values.text .>\n" +
                "  at c.inner (include) c/templates/_h.tpl:5:12 <{{template \"c.leaf\" .}}>\n" +
                "  at c.outer (include) c/templates/_h.tpl:2:9 <include \"c.inner\" .>\n" +
                "  at c/templates/cm.yaml (file) c/templates/cm.yaml:4:3 <include \"c.outer\" .>\n"));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }

    internal static (int, string, string) Cli(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = HelmSharp.Cli.Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
