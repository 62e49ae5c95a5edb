using HelmSharp.Charts;
using HelmSharp.Helm;
using HelmSharp.Rendering;
using HelmSharp.Template;
using HelmSharp.Values;
using NUnit.Framework;

namespace HelmSharp.Tests;

/// <summary>The README's library examples, kept compiling and true.</summary>
public class ReadmeExampleTests
{
    private static string Root() => HelmSharp.Tests.Conformance.Corpus.RepoRoot;

    [Test]
    public void EngineExample()
    {
        var set = new TemplateSet(HelmFunctions.For(4), new TemplateOptions { MissingKey = MissingKey.Zero }, "gotpl");
        set.Parse("hello.tpl", "{{ define \"x\" }}{{ . | upper }}{{ end }}Hi {{ include \"x\" .name }}!");
        string text = set.Execute("hello.tpl", new Dictionary<string, object?> { ["name"] = "helm" });
        Assert.That(text, Is.EqualTo("Hi HELM!"));
    }

    [Test]
    public void ChartExampleMatchesTheGolden()
    {
        var root = Root();
        var chart = ChartLoader.Load(Path.Combine(root, "testdata", "charts", "mcp-mesh-agent"));
        var values = new ValueOptions();
        values.ValueFiles.Add(Path.Combine(root, "testdata", "charts", "mcp-mesh-agent.values", "development.yaml"));
        var request = new TemplateRequest { ReleaseName = "golden", HelmMajor = 4 };
        request.Values = values.MergeValues(request.HelmMajor);
        TemplateResult result = HelmTemplate.Render(chart, request);
        var golden = File.ReadAllText(Path.Combine(root, "testdata", "golden", "mcp-mesh-agent", "development.helm4.out"));
        Assert.That(result.Output, Is.EqualTo(golden));
        Assert.That(result.Manifests.Select(m => m.Kind), Does.Contain("Deployment"));
        Assert.That(result.Notes, Is.Not.Empty);
    }
}
