using HelmSharp.Rendering;
using HelmSharp.Template;
using NUnit.Framework;
using static HelmSharp.Tests.Safety.Hostile;

namespace HelmSharp.Tests.Safety;

/// <summary>Cancellation of endless renders, output caps, and concurrent renders of one loaded chart.</summary>
[TestFixture]
public class ConcurrencyAndLimitsTests
{
    [Test]
    public void CancellationStopsAnEndlessRender()
    {
        // 10^10 empty iterations: helm v4.1.4 was still running after 25 s (it has no way to stop).
        var chart = Tpl("x: {{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}");
        var (ex, token) = Bounded(() =>
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try { HelmTemplate.Render(chart, new TemplateRequest(), cts.Token); return (null, cts.Token); }
            catch (OperationCanceledException e) { return ((OperationCanceledException?)e, cts.Token); }
        }, seconds: 60);
        // The render stopped because of our token (not by finishing, not by another limit).
        Assert.That(ex, Is.Not.Null);
        Assert.That(ex!.CancellationToken, Is.EqualTo(token));
    }

    [Test]
    public void CancellationStopsEndlessIncludeLoops()
    {
        var chart = Mem(4, ("templates/_h.tpl", "{{ define \"h\" }}{{ range until 1000 }}{{ end }}{{ end }}"),
            ("templates/a.yaml", "x: {{ range until 10000000 }}{{ include \"h\" . }}{{ end }}"));
        var ex = Bounded(() =>
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try { HelmTemplate.Render(chart, new TemplateRequest(), cts.Token); return null; }
            catch (OperationCanceledException e) { return e; }
        }, seconds: 60);
        Assert.That(ex, Is.Not.Null);
    }

    [Test]
    public void RunawayOutputHitsTheCap()
    {
        // helm v4.1.4 would build ~1 GB here before YAML parsing; we stop at the output cap.
        var chart = Tpl("{{ range until 1000000 }}" + new string('x', 1000) + "{{ end }}");
        var req = new TemplateRequest { EngineOptions = new TemplateOptions { MaxOutputBytes = 10 << 20 } };
        Assert.That(RenderError(chart, req), Is.EqualTo("template: output exceeds the limit of 10485760 bytes"));
    }

    [Test]
    public void DefaultOutputCapStopsRunawayOutput()
    {
        var chart = Tpl("{{ range until 1000000 }}" + new string('x', 1000) + "{{ end }}");
        Assert.That(RenderError(chart), Is.EqualTo("template: output exceeds the limit of 268435456 bytes"));
    }

    [Test]
    public void ConcurrentRendersOfOneChartMatchSerialRenders()
    {
        var chart = Mem(4,
            ("values.yaml", "name: base\nitems: [a, b]\nnested: {k: v}\n"),
            ("templates/_helpers.tpl", "{{ define \"c.label\" }}{{ .Values.name }}-{{ len .Values.items }}{{ end }}"),
            ("templates/a.yaml", "{{ $_ := set .Values \"touched\" .Values.name }}name: {{ include \"c.label\" . }}\nitems:\n{{ toYaml .Values.items | indent 2 }}\ntpl: {{ tpl \"{{ .Values.name | upper }}\" . }}\nnested: {{ .Values.nested | toJson }}\n"),
            ("templates/b.yaml", "touched: {{ .Values.touched | default \"none\" | quote }}\nsum: {{ add (len .Values.items) 1 }}\n"));
        Dictionary<string, object?> ValuesFor(int i) => new()
        {
            ["name"] = "n" + i,
            ["items"] = Enumerable.Range(0, i % 5).Select(k => (object?)("i" + k)).ToArray(),
            ["nested"] = new Dictionary<string, object?> { ["k"] = (double)i },
        };
        const int n = 24;
        var serial = new string[n];
        for (int i = 0; i < n; i++) serial[i] = HelmTemplate.Render(chart, new TemplateRequest { Values = ValuesFor(i) }).Output;
        Assert.That(serial[3], Does.Contain("name: n3-3\n"));
        Assert.That(serial.Distinct().Count(), Is.EqualTo(n));

        var parallel = new string[n * 4];
        Bounded(() =>
        {
            Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
                k => parallel[k] = HelmTemplate.Render(chart, new TemplateRequest { Values = ValuesFor(k % n) }).Output);
            return 0;
        });
        for (int k = 0; k < parallel.Length; k++) Assert.That(parallel[k], Is.EqualTo(serial[k % n]), "render " + k);
        // helm renders b.yaml before a.yaml (reverse-sorted paths), so `set .Values` in a.yaml is not seen by b.yaml,
        // and no render mutates the loaded chart's own values.
        Assert.That(serial[3], Does.Contain("touched: \"none\""));
        Assert.That(chart.Values.ContainsKey("touched"), Is.False);
    }

    [Test]
    public void HostileShowOnlyPatternIsLinear()
    {
        // helm v4.1.4 template x c --show-only 'templates/*a*a…*b' (40 stars) answers at once:
        var longName = "templates/" + new string('a', 200) + ".yaml";
        var chart = Mem(4, ("templates/a.yaml", "x: 1"), (longName, "y: 1"));
        var pattern = "templates/" + string.Concat(Enumerable.Repeat("*a", 40)) + "*b";
        var req = new TemplateRequest();
        req.ShowOnly.Add(pattern);
        Assert.That(RenderError(chart, req, seconds: 30), Is.EqualTo("could not find template " + pattern + " in chart"));
        // and ordinary patterns still select (helm v4.1.4 --show-only 'templates/a*' prints both documents).
        var ok = new TemplateRequest();
        ok.ShowOnly.Add("templates/a*");
        Assert.That(Render(chart, ok), Is.EqualTo("---\n# Source: c/templates/a.yaml\nx: 1\n---\n# Source: c/" + longName + "\ny: 1\n"));
    }
}
