using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Template.Caching;
using HelmSharp.Tests.Conformance;
using NUnit.Framework;

namespace HelmSharp.Tests.Caching;

/// <summary>
/// The caches of a compiled chart that go beyond parsing. A compiled chart hands the same decoded <c>fromYaml</c>/<c>fromJson</c> tree to every decode of the same text
/// (<see cref="SharedValues"/>). A template that writes into such a tree aborts the render, which runs again with
/// private copies: the output must still be helm's (goldens of testdata/charts/shared-decode come from the binary).
/// </summary>
public sealed class CompiledChartCacheTests
{
    private static string Golden(string chart, string set) =>
        File.ReadAllText(Path.Combine(Corpus.RepoRoot, "testdata", "golden", chart, set + ".helm4.out"));

    private static CompiledChart Compile(string chart) =>
        HelmChart.Compile(ChartLoader.Load(Path.Combine(Corpus.RepoRoot, "testdata", "charts", chart), 4));

    [Test]
    public void WritingIntoASharedTree_RendersAgainWithCopies()
    {
        var compiled = Compile("shared-decode");
        Assert.That(compiled.SharesDecodedDocuments, Is.True);
        for (int i = 0; i < 3; i++)
        {
            var r = compiled.Render(new TemplateRequest { ReleaseName = "golden" });
            Assert.That(r.Output, Is.EqualTo(Golden("shared-decode", "default")), "render " + i);
            Assert.That(compiled.SharesDecodedDocuments, Is.False, "a write into a shared tree stops sharing");
        }
    }

    [Test]
    public void ReadOnlyChart_KeepsSharing()
    {
        var compiled = Compile("large-20");
        for (int i = 0; i < 3; i++)
        {
            var r = compiled.Render(new TemplateRequest { ReleaseName = "golden" });
            Assert.That(r.Output, Is.EqualTo(Golden("large-20", "default")), "render " + i);
        }
        Assert.That(compiled.SharesDecodedDocuments, Is.True);
    }

    /// <summary>
    /// In the large chart each resource's define is included once per component (never reused) while the values
    /// define is reused: after the first (profiling) render only the former stops being stored, and the renders
    /// with and without storing it are helm's output.
    /// </summary>
    [Test]
    public void NeverReusedIncludes_StopBeingStored_OutputUnchanged()
    {
        var compiled = Compile("large-20");
        Assert.That(compiled.ColdIncludes, Is.Empty);
        for (int i = 0; i < 20; i++)
        {
            var r = compiled.Render(new TemplateRequest { ReleaseName = "golden" });
            Assert.That(r.Output, Is.EqualTo(Golden("large-20", "default")), "render " + i);
            Assert.That(compiled.ColdIncludes, Is.EquivalentTo(new[] { "platform.deployment", "platform.service" }), "render " + i);
        }
    }

    /// <summary>
    /// A subchart's top-level writes reach the parent's (shared) values map when the engine reconciles them: that is a
    /// write into shared values too, so the next render of the compiled chart must not see it.
    /// </summary>
    [TestCase("default")]
    [TestCase("preset")]
    public void SubchartWritesIntoParentValues_DoNotLeakIntoTheNextRender(string set)
    {
        var compiled = Compile("subchart-writes");
        var opts = new HelmSharp.Values.ValueOptions();
        opts.ValueFiles.Add(Path.Combine(Corpus.RepoRoot, "testdata", "charts", "subchart-writes.values", set + ".yaml"));
        for (int i = 0; i < 3; i++)
        {
            var r = compiled.Render(new TemplateRequest { ReleaseName = "golden", Values = opts.MergeValues(4) });
            Assert.That(r.Output, Is.EqualTo(Golden("subchart-writes", set)), "render " + i);
        }
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
        var dir = Path.Combine(Corpus.RepoRoot, "testdata", "charts", chart);
        Dictionary<string, object?> Values(string set)
        {
            var opts = new HelmSharp.Values.ValueOptions();
            opts.ValueFiles.Add(Path.Combine(dir + ".values", set + ".yaml"));
            return opts.MergeValues(4);
        }
        var sets = new[] { set1, set2 };
        var expected = sets.Select(s => HelmTemplate.Render(ChartLoader.Load(dir, 4), new TemplateRequest { ReleaseName = "golden", Values = Values(s) }).Output).ToArray();
        Assert.That(expected[0], Is.Not.EqualTo(expected[1]));
        var compiled = HelmChart.Compile(ChartLoader.Load(dir, 4));
        var outputs = new string[48];
        Parallel.For(0, outputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            k => outputs[k] = compiled.Render(new TemplateRequest { ReleaseName = "golden", Values = Values(sets[k % 2]) }).Output);
        for (int k = 0; k < outputs.Length; k++) Assert.That(outputs[k], Is.EqualTo(expected[k % 2]), "render " + k);
    }

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
