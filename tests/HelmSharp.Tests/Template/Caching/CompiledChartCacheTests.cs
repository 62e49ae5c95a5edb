using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Template.Caching;
using HelmSharp.Tests.Conformance;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Caching;

/// <summary>
/// The caches of a compiled chart that go beyond parsing. A compiled chart hands the same decoded <c>fromYaml</c>/<c>fromJson</c> tree to every decode of the same text
/// (<see cref="SharedValues"/>). A template that writes into such a tree aborts the render, which runs again with
/// private copies: the output must still be helm's (goldens of testdata/charts/shared-decode come from the binary).
/// </summary>
public sealed class CompiledChartCacheTests
{
    private static string Golden(string chart, string set) =>
        File.ReadAllText(Path.Combine(Corpus.RepoRoot, "testdata", "golden", chart, set + ".helm4.out"));

    private static string ChartDir(string chart) => Path.Combine(Corpus.RepoRoot, "testdata", "charts", chart);

    private static CompiledChart Compile(string chart) => HelmChart.Compile(ChartLoader.Load(ChartDir(chart), 4));

    // The user values of a value set (its -f file), merged as the CLI does.
    private static Dictionary<string, object?> Values(string chart, string set)
    {
        var opts = new HelmSharp.Values.ValueOptions();
        opts.ValueFiles.Add(Path.Combine(ChartDir(chart) + ".values", set + ".yaml"));
        return opts.MergeValues(4);
    }

    // Renders the compiled chart `renders` times (with fresh user values from `values` when given); each output must be
    // helm's golden of the value set, and `check` runs after each render.
    private static void RendersGolden(CompiledChart compiled, string chart, string set, int renders,
        Func<Dictionary<string, object?>>? values = null, Action<int>? check = null)
    {
        for (int i = 0; i < renders; i++)
        {
            var request = new TemplateRequest { ReleaseName = "golden", Values = values?.Invoke() };
            Assert.That(compiled.Render(request).Output, Is.EqualTo(Golden(chart, set)), "render " + i);
            check?.Invoke(i);
        }
    }

    [Test]
    public void WritingIntoASharedTree_RendersAgainWithCopies()
    {
        var compiled = Compile("shared-decode");
        Assert.That(compiled.SharesDecodedDocuments, Is.True);
        RendersGolden(compiled, "shared-decode", "default", 3,
            check: _ => Assert.That(compiled.SharesDecodedDocuments, Is.False, "a write into a shared tree stops sharing"));
    }

    [Test]
    public void ReadOnlyChart_KeepsSharing()
    {
        var compiled = Compile("large-20");
        RendersGolden(compiled, "large-20", "default", 3);
        Assert.That(compiled.SharesDecodedDocuments, Is.True);
    }

    /// <summary>
    /// In the large chart each resource's define is included once per component (never reused) while the values
    /// define is reused: after the first (profiling) render only the former (and the included template files) stop
    /// being stored, and the renders with and without storing them are helm's output.
    /// </summary>
    [Test]
    public void NeverReusedIncludes_StopBeingStored_OutputUnchanged()
    {
        var compiled = Compile("large-20");
        Assert.That(compiled.ColdIncludes, Is.Empty);
        Assert.That(compiled.ColdFileIncludes, Is.False);
        RendersGolden(compiled, "large-20", "default", 20, check: i =>
        {
            Assert.That(compiled.ColdIncludes, Is.EquivalentTo(new[] { "platform.deployment", "platform.service" }), "render " + i);
            // Each deployment includes its own configmap file for a checksum: one name per component, never reused.
            Assert.That(compiled.ColdFileIncludes, Is.True, "render " + i);
        });
    }

    /// <summary>
    /// A compiled chart hands every render the same <c>.Template</c> object per file (helm makes a fresh map per file
    /// and render); a template writing into it must make the render run again with fresh ones — the next renders must
    /// not see the writes (goldens of testdata/charts/template-writes come from the binary).
    /// </summary>
    [Test]
    public void WritesIntoTemplateObjects_StopSharing_OutputUnchanged()
    {
        var compiled = Compile("template-writes");
        RendersGolden(compiled, "template-writes", "default", 4);
        Assert.That(compiled.SharesDecodedDocuments, Is.False);
        var reading = Compile("memo-hazards");
        RendersGolden(reading, "memo-hazards", "default", 3);
        Assert.That(reading.SharesDecodedDocuments, Is.True, "reading .Template keeps sharing");
    }

    /// <summary>
    /// A subchart's top-level writes reach the parent's (shared) values map when the engine reconciles them: that is a
    /// write into shared values too, so the next render of the compiled chart must not see it.
    /// </summary>
    [TestCase("default")]
    [TestCase("preset")]
    public void SubchartWritesIntoParentValues_DoNotLeakIntoTheNextRender(string set)
    {
        RendersGolden(Compile("subchart-writes"), "subchart-writes", set, 3, () => Values("subchart-writes", set));
    }

    /// <summary>
    /// Many renders of one compiled chart at once, with two value sets in turn (so values are computed, kept and shared
    /// while other renders run), for a chart that only reads shared trees and for charts whose renders write into them
    /// (one render's fallback stops sharing while others still hold shared trees): every output is the uncached one.
    /// </summary>
    [TestCase("large-20", "default", "tuned")]
    [TestCase("shared-decode", "default", "other")]
    [TestCase("subchart-writes", "default", "preset")]
    public void ConcurrentRendersOfOneCompiledChart_MatchUncached(string chart, string set1, string set2)
    {
        var sets = new[] { set1, set2 };
        var uncached = sets.Select(s => HelmTemplate.Render(ChartLoader.Load(ChartDir(chart), 4), new TemplateRequest { ReleaseName = "golden", Values = Values(chart, s) })).ToArray();
        var expected = uncached.Select(r => r.Output).ToArray();
        var expectedDocs = uncached.Select(Documents).ToArray();
        Assert.That(expected[0], Is.Not.EqualTo(expected[1]));
        var compiled = Compile(chart);
        var results = new TemplateResult[48];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            k => results[k] = compiled.Render(new TemplateRequest { ReleaseName = "golden", Values = Values(chart, sets[k % 2]) }));
        // Read only now, after all renders: every result's documents must still hold their own text (renders reuse
        // pooled text arrays once their output is joined).
        for (int k = 0; k < results.Length; k++)
        {
            Assert.That(results[k].Output, Is.EqualTo(expected[k % 2]), "render " + k);
            Assert.That(Documents(results[k]), Is.EqualTo(expectedDocs[k % 2]), "documents of render " + k);
        }
    }

    /// <summary>
    /// New values every render (coalesced afresh: a new processed copy of the chart each time) that enable the same
    /// dependencies reuse the compiled chart's template plan — its parsed templates and <c>.Template</c> objects — and the
    /// output is the uncached one.
    /// </summary>
    [Test]
    public void NewValuesWithTheSameDependencies_ReuseTheTemplatePlan()
    {
        var chart = "large-20";
        var sets = new[] { "default", "tuned" };
        var expected = sets.Select(s => HelmTemplate.Render(ChartLoader.Load(ChartDir(chart), 4), new TemplateRequest { ReleaseName = "golden", Values = Values(chart, s) }).Output).ToArray();
        Assert.That(expected[0], Is.Not.EqualTo(expected[1]));
        var compiled = Compile(chart);
        object? plan = null;
        for (int i = 0; i < 6; i++)
        {
            // Alternating sets: the user values differ from the previous render's every time, so none are shared.
            Assert.That(compiled.Render(new TemplateRequest { ReleaseName = "golden", Values = Values(chart, sets[i % 2]) }).Output, Is.EqualTo(expected[i % 2]), "render " + i);
            Assert.That(compiled.LastTemplatePlan, Is.Not.Null);
            if (i == 0) plan = compiled.LastTemplatePlan;
            else Assert.That(compiled.LastTemplatePlan, Is.SameAs(plan), "render " + i + " planned the templates again");
        }
    }

    /// <summary>
    /// New values that enable other dependencies (conditions and tags of testdata/charts/deps-advanced) give another chart
    /// tree: the plan is made for it, and every output is helm's (goldens from the binary).
    /// </summary>
    [Test]
    public void NewValuesThatChangeTheDependencies_PlanTheTemplatesAgain()
    {
        var chart = "deps-advanced";
        var compiled = Compile(chart);
        var plans = new List<object?>();
        foreach (var set in new[] { "default", "all-on", "default", "all-on", "all-on" })
        {
            Assert.That(compiled.Render(new TemplateRequest { ReleaseName = "golden", Values = Values(chart, set) }).Output, Is.EqualTo(Golden(chart, set)), set);
            plans.Add(compiled.LastTemplatePlan);
        }
        Assert.That(plans[1], Is.Not.SameAs(plans[0]), "all-on enables more subcharts than default");
        Assert.That(plans[2], Is.Not.SameAs(plans[1]));
        Assert.That(plans[4], Is.SameAs(plans[3]), "the same values again keep the plan");
    }

    private static List<string> Documents(TemplateResult r) =>
        [.. r.Manifests.Select(m => m.Path + "\n" + m.Text.ToString()), .. r.Hooks.Select(h => h.Path + "\n" + h.Text.ToString())];

    [Test]
    public void SharedTreesRefuseWrites_FreshOnesDoNot()
    {
        var shared = new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = (nint)1 }, ["l"] = new object?[] { "x" } };
        var fresh = new Dictionary<string, object?> { ["a"] = (nint)1 };
        SharedValues.Share(shared);
        Assert.That(SharedValues.IsShared(shared), Is.True);
        Assert.That(SharedValues.IsShared(shared["a"]!), Is.True, "nested maps are shared too");
        Assert.That(SharedValues.IsShared(shared["l"]!), Is.True, "and lists");
        Assert.That(SharedValues.IsShared(fresh), Is.False);
        Assert.Throws<SharedValueWriteException>(() => SharedValues.CheckWritable(shared["a"]!));
        Assert.DoesNotThrow(() => SharedValues.CheckWritable(fresh));
    }
}
