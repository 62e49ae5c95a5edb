using System.Text;
using HelmSharp.Rendering;
using NUnit.Framework;
using static HelmSharp.Tests.Safety.Hostile;

namespace HelmSharp.Tests.Safety;

/// <summary>Unbounded recursion and deep nesting in templates: helm's error where helm finishes, a clean error where helm dies.</summary>
[TestFixture]
public class RecursionAttackTests
{
    private static (int Rc, string Out, string Err) CliChart(string template, params string[] extra)
    {
        var dir = WriteChart(("templates/a.yaml", template));
        try { return RunCli(["template", "x", dir, .. extra]); }
        finally { Delete(dir); }
    }

    // helm v4.1.4 and v3.17.3 `helm template x c` print byte-identical stderr for these three charts
    // (lengths and SHA-256 of helm's stderr recorded from the pinned binaries).
    [TestCase("{{ define \"t\" }}{{ include \"t\" . }}{{ end }}{{ include \"t\" . }}", 92331, "e077bbf94f23883434f4e3f6a60f53bac76f6d079e16fa0ffb2baab5aaf194b0")]
    [TestCase("{{ define \"t\" }}{{ include \"t\" . }}{{ end }}{{ tpl \"{{ include \\\"t\\\" . }}\" . }}", 92490, "77840e39202ddae428c84a5f2d57dcc3905a09d6b77e82ea2464c376a01b9cdc")]
    [TestCase("{{ define \"t\" }}{{ tpl \"{{ include \\\"t\\\" . }}\" . }}{{ end }}{{ include \"t\" . }}", 251490, "2d442da406ea928cebae30ffd51a39275d8bd8cc653c326ee18844ab715fa823")]
    public void IncludeRecursionIsHelmsNestedReferenceError(string template, int helmLength, string helmSha)
    {
        foreach (var flags in new[] { Array.Empty<string>(), ["--helm3"] })
        {
            var (rc, stdout, stderr) = CliChart(template, flags);
            Assert.That(rc, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty, "nothing half-written");
            Assert.That(stderr, Does.StartWith("Error: template: c/templates/a.yaml:1:"));
            Assert.That(stderr, Does.EndWith("error calling include: rendering template has a nested reference name: t: unable to execute template\n\nUse --debug flag to render out invalid YAML\n"));
            Assert.That(stderr.Length, Is.EqualTo(helmLength));
            Assert.That(Sha256(stderr), Is.EqualTo(helmSha));
        }
    }

    [Test]
    public void TemplateRecursionIsGosMaxDepthError()
    {
        const string t = "{{ define \"t\" }}{{ template \"t\" . }}{{ end }}{{ template \"t\" . }}";
        // helm v4.1.4 template x c
        var (rc, stdout, stderr) = CliChart(t);
        Assert.That((rc, stdout), Is.EqualTo((1, "")));
        Assert.That(stderr, Is.EqualTo("Error: c/templates/a.yaml:1:28\n  executing \"t\" at <{{template \"t\" .}}>:\n    exceeded maximum template depth (100000)\n\nUse --debug flag to render out invalid YAML\n"));
        // helm v3.17.3 template x c
        (rc, stdout, stderr) = CliChart(t, "--helm3");
        Assert.That((rc, stdout), Is.EqualTo((1, "")));
        Assert.That(stderr, Is.EqualTo("Error: template: c/templates/a.yaml:1:28: executing \"t\" at <{{template \"t\" .}}>: exceeded maximum template depth (100000)\n\nUse --debug flag to render out invalid YAML\n"));
    }

    [Test]
    public void TplCallingTplForeverIsACleanError()
    {
        // helm v4.1.4 and v3.17.3: each tpl starts a fresh Go template state, so this recurses until the
        // goroutine stack limit kills the process (still running after 20s under `timeout`). We stop cleanly.
        var c = Tpl("x: {{ tpl .Values.s . }}", "s: \"{{ tpl .Values.s . }}\"\n");
        Assert.That(RenderError(c), Is.EqualTo("template: gotpl: exceeded maximum template depth (100000)"));
        var (rc, stdout, stderr) = Bounded(() =>
        {
            var dir = WriteChart(("templates/a.yaml", "x: {{ tpl .Values.s . }}"), ("values.yaml", "s: \"{{ tpl .Values.s . }}\"\n"));
            try { return RunCli("template", "x", dir); } finally { Delete(dir); }
        });
        Assert.That((rc, stdout), Is.EqualTo((1, "")));
        Assert.That(stderr, Is.EqualTo("Error: template: gotpl: exceeded maximum template depth (100000)\n\nUse --debug flag to render out invalid YAML\n"));
    }

    [Test]
    public void TenThousandParensRenderAndOneMoreIsGosParseError()
    {
        // helm v4.1.4: 10000 nested parens print `x: 1`; 10001 fail with the error below.
        Assert.That(Render(Tpl("x: {{ " + new string('(', 10000) + "1" + new string(')', 10000) + " }}")), Is.EqualTo(Doc("x: 1")));
        var (rc, stdout, stderr) = CliChart("{{ " + new string('(', 10001) + "1" + new string(')', 10001) + " }}");
        Assert.That((rc, stdout), Is.EqualTo((1, "")));
        Assert.That(stderr, Is.EqualTo("Error: parse error at (c/templates/a.yaml:1): max expression depth exceeded\n\nUse --debug flag to render out invalid YAML\n"));
    }

    [Test]
    public void NineThousandNestedIfsRender()
    {
        // helm v4.1.4 prints `x: y`.
        var sb = new StringBuilder("x: ");
        for (int i = 0; i < 9000; i++) sb.Append("{{if 1}}");
        sb.Append('y');
        for (int i = 0; i < 9000; i++) sb.Append("{{end}}");
        Assert.That(Render(Tpl(sb.ToString())), Is.EqualTo(Doc("x: y")));
    }

    [TestCase("{{if 1}}", 100_001)]
    [TestCase("{{with 1}}", 1_000_000)]
    [TestCase("{{block \"b\" .}}", 100_001)]
    public void AbsurdControlNestingIsACleanParseError(string open, int depth)
    {
        // Deviation: Go has no limit on nested actions. helm v4.1.4 renders 100000 and 500000 nested ifs (using
        // ~0.3 and ~1.1 GB) and dies at 700000 and 1000000 ("runtime: goroutine stack exceeds 1000000000-byte
        // limit", "fatal error: stack overflow", exit 2); we stop beyond 100000 levels with a clean parse error.
        // (testdata/charts/deep-nesting holds helm's output for 20000 and 100000 levels.)
        var sb = new StringBuilder();
        for (int i = 0; i < depth; i++) sb.Append(open);
        sb.Append('x');
        for (int i = 0; i < depth; i++) sb.Append("{{end}}");
        Assert.That(RenderError(Tpl(sb.ToString())),
            Is.EqualTo("parse error at (c/templates/a.yaml:1): exceeded maximum nesting depth of if/range/with/block (100000)"));
    }

    [Test]
    public void SelfReferentialDictionaries()
    {
        // helm v4.1.4: toJson/toYaml of a dict containing itself print `x:` (the encoder error becomes "").
        Assert.That(Render(Tpl("{{ $d := dict }}{{ $_ := set $d \"s\" $d }}x: {{ $d | toJson }}")), Is.EqualTo(Doc("x:")));
        Assert.That(Render(Tpl("{{ $d := dict }}{{ $_ := set $d \"s\" $d }}x: {{ $d | toYaml }}")), Is.EqualTo(Doc("x:")));
        // helm v4.1.4: `mergeOverwrite (dict) $d | len` with $d.a.s = $d prints `x: 1`.
        Assert.That(Render(Tpl("{{ $d := dict \"a\" (dict) }}{{ $_ := set $d.a \"s\" $d }}x: {{ mergeOverwrite (dict) $d | len }}")), Is.EqualTo(Doc("x: 1")));
        // helm v4.1.4 dies here ("runtime: goroutine stack exceeds 1000000000-byte limit ... fatal error: stack overflow")
        // or never finishes (deepCopy); we report clean errors.
        Assert.That(RenderError(Tpl("{{ $d := dict }}{{ $_ := set $d \"s\" $d }}x: {{ $d }}")),
            Is.EqualTo("template: c/templates/a.yaml: fmt: value nesting too deep to print"));
        Assert.That(RenderError(Tpl("{{ $d := dict }}{{ $_ := set $d \"s\" (list $d) }}x: {{ $d | toString }}")),
            Does.StartWith("template: c/templates/a.yaml:1:59: executing \"c/templates/a.yaml\" at <toString>: error calling toString: "));
        Assert.That(RenderError(Tpl("{{ $d := dict }}{{ $_ := set $d \"s\" $d }}x: {{ deepCopy $d | len }}")),
            Does.StartWith("template: c/templates/a.yaml:1:47: executing \"c/templates/a.yaml\" at <deepCopy $d>: error calling deepCopy: "));
    }
}
