using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Tests.Conformance;
using NUnit.Framework;

namespace HelmSharp.Tests.Rendering;

/// <summary>
/// A render keeps the rendered files in pooled buffers and its documents as slices (see <c>RenderedFiles</c>): once
/// the output is joined they must point into it — or own their text when they are not part of it (hooks under
/// <c>--no-hooks</c>, tests under <c>--skip-tests</c>) — because the buffers are reused by the next render.
/// </summary>
[TestFixture]
public class RenderedDocumentTests
{
    internal static Chart Load(string chart) => ChartLoader.Load(Path.Combine(Corpus.RepoRoot, "testdata", "charts", chart), 4);

    private static TemplateRequest Request(bool noHooks, bool skipTests, bool includeCrds) =>
        new() { ReleaseName = "golden", NoHooks = noHooks, SkipTests = skipTests, IncludeCrds = includeCrds };

    private static List<(string Path, string Content, string Kind, string Name)> Documents(TemplateResult r) =>
        [.. r.Manifests.Select(m => (m.Path, m.Text.ToString(), m.Kind, m.Name)), .. r.Hooks.Select(h => (h.Path, h.Text.ToString(), h.Kind, h.Name))];

    [Test]
    public void DocumentsKeepTheirTextWhileLaterRendersReuseTheBuffers([Values] bool noHooks, [Values] bool skipTests, [Values] bool compiled)
    {
        var chart = Load("crds-hooks");
        var cc = HelmChart.Compile(chart);
        TemplateResult Render() => compiled ? cc.Render(Request(noHooks, skipTests, false)) : HelmTemplate.Render(chart, Request(noHooks, skipTests, false));

        var reference = Render();
        var expected = Documents(reference); // read before any other render
        Assert.That(expected.Count(d => d.Kind == "Pod"), Is.GreaterThan(0), "the chart has test hooks");

        var subject = Render();
        // Other renders (other charts, the same chart) take the pooled buffers and write their own text into them.
        var others = new[] { "large-20", "webapp", "crds-hooks" }.Select(c => HelmChart.Compile(Load(c))).ToList();
        for (int i = 0; i < 3; i++)
            foreach (var o in others)
                Assert.That(o.Render(Request(false, false, true)).Output, Is.Not.Empty);

        Assert.That(Documents(subject), Is.EqualTo(expected));
        Assert.That(subject.Output, Is.EqualTo(reference.Output));
    }

    /// <summary>
    /// A compiled chart's later renders pool their buffers: their documents are slices of the joined output. A one-shot
    /// render (and a compiled chart's first) keeps its buffers: documents and output pieces point into them, nothing
    /// is copied, and the output is joined only when asked for.
    /// </summary>
    [Test]
    public void DocumentsPointIntoTheOutputOrTheRendersOwnText()
    {
        var cc = HelmChart.Compile(Load("crds-hooks"));
        var first = cc.Render(Request(false, false, false));
        var second = cc.Render(Request(false, false, false));
        var oneShot = HelmTemplate.Render(Load("crds-hooks"), Request(false, false, false));
        var output = second.Output;
        foreach (var d in second.Manifests.Cast<RenderedDocument>().Concat(second.Hooks))
        {
            Assert.That(System.Runtime.InteropServices.MemoryMarshal.TryGetString(d.Text, out var text, out var start, out var length), Is.True, d.Path);
            Assert.That(text, Is.SameAs(output), d.Path);
            Assert.That(output.Substring(start, length), Is.EqualTo(d.Content));
        }
        foreach (var r in new[] { first, oneShot })
        {
            foreach (var d in r.Manifests.Cast<RenderedDocument>().Concat(r.Hooks))
                Assert.That(System.Runtime.InteropServices.MemoryMarshal.TryGetString(d.Text, out _, out _, out _), Is.False, d.Path);
            Assert.That(r.Output, Is.EqualTo(output));
        }
    }

    [Test]
    public void DocumentsCompareByText()
    {
        var a = new Manifest("c/templates/a.yaml", "kind: A", "A", "a");
        var b = new Manifest("c/templates/a.yaml", string.Concat("kind: ", "A"), "A", "a");
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a, Is.Not.EqualTo(b with { Name = "b" }));
        string[] events = ["test"];
        Assert.That(new Hook("p", "x", "Pod", "t", events, 1), Is.EqualTo(new Hook("p", string.Concat("", "x"), "Pod", "t", events, 1)));
        Assert.That(new Hook("p", "x", "Pod", "t", events, 1), Is.Not.EqualTo(new Hook("p", "x", "Pod", "t", events, 2)));
    }
}
