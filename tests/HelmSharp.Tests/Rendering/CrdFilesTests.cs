using HelmSharp.Rendering;
using HelmSharp.Tests.Conformance;
using NUnit.Framework;

namespace HelmSharp.Tests.Rendering;

/// <summary>
/// <see cref="TemplateResult.Crds"/> lists the <c>crds/</c> files of the chart and its subcharts; their content is decoded
/// only when it is printed (<c>--include-crds</c>) or read (<see cref="CrdFiles"/>), not by every render.
/// </summary>
[TestFixture]
public class CrdFilesTests
{
    private static TemplateRequest Request(bool includeCrds) => new() { ReleaseName = "golden", IncludeCrds = includeCrds };

    private static CrdFiles Crds(TemplateResult r) => (CrdFiles)r.Crds;

    [Test]
    public void ARenderThatDoesNotPrintTheCrdsDoesNotDecodeThem([Values] bool compiled)
    {
        var chart = RenderedDocumentTests.Load("crds-hooks");
        var cc = HelmChart.Compile(chart);
        TemplateResult Render(bool includeCrds) => compiled ? cc.Render(Request(includeCrds)) : HelmTemplate.Render(chart, Request(includeCrds));

        var quiet = Crds(Render(false));
        Assert.That(quiet.Count, Is.EqualTo(4));
        for (int i = 0; i < quiet.Count; i++) Assert.That(quiet.IsDecoded(i), Is.False, quiet.Path(i));

        var printed = Render(true);
        for (int i = 0; i < Crds(printed).Count; i++) Assert.That(Crds(printed).IsDecoded(i), Is.True, Crds(printed).Path(i));

        // Read later, the content is what --include-crds prints, in the same order.
        Assert.That(quiet, Is.EqualTo(printed.Crds));
        Assert.That(printed.Output, Does.StartWith(string.Concat(quiet.Select(c => $"---\n# Source: {c.Key}\n{c.Value}\n"))));
    }

    [Test]
    public void TheCrdsAreTheChartsThenTheSubchartsYamlAndJsonFilesAsGoStrings()
    {
        var crds = Crds(HelmTemplate.Render(RenderedDocumentTests.Load("crds-hooks"), Request(false)));
        Assert.That(crds.Select(c => c.Key), Is.EquivalentTo(new[]
        {
            "crds-hooks/crds/nested/multi.yml", "crds-hooks/crds/widgets.yaml", "crds-hooks/crds/Json.JSON",
            "crds-hooks/charts/sub/crds/subthings.yaml",
        }));
        Assert.That(crds.Path(crds.Count - 1), Is.EqualTo("crds-hooks/charts/sub/crds/subthings.yaml"), "subcharts come after the chart");
        foreach (var (path, text) in crds)
        {
            var file = Path.Combine(Corpus.RepoRoot, "testdata", "charts", "crds-hooks", path["crds-hooks/".Length..]);
            Assert.That(text, Is.EqualTo(HelmSharp.Go.GoUtf8.GetString(File.ReadAllBytes(file))), path);
        }
    }
}
