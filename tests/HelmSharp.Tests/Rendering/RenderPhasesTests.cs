using NUnit.Framework;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Tests.Conformance;

namespace HelmSharp.Tests.Rendering;

/// <summary>The phase-timing hook the comparison script reads (HELMSHARP_PHASES=1): off by default, and when on every phase of a render is timed.</summary>
[NonParallelizable] // process-wide sums and switch
public class RenderPhasesTests
{
    [Test]
    public void OffByDefaultAndTimesEveryRenderPhaseWhenOn()
    {
        Assert.That(RenderPhases.Enabled, Is.False, "HELMSHARP_PHASES is not set in test runs");
        var path = Path.Combine(Corpus.RepoRoot, "testdata", "charts", "webapp");
        RenderPhases.Reset();
        HelmTemplate.Render(ChartLoader.Load(path, 4), new TemplateRequest());
        Assert.That(RenderPhases.Milliseconds().Values, Is.All.EqualTo(0.0), "nothing is timed while off");

        RenderPhases.Enabled = true;
        try
        {
            var result = HelmTemplate.Render(ChartLoader.Load(path, 4), new TemplateRequest());
            Assert.That(result.Manifests, Is.Not.Empty);
            var ms = RenderPhases.Milliseconds();
            foreach (var p in new[] { RenderPhases.Phase.Load, RenderPhases.Phase.Values, RenderPhases.Phase.Parse, RenderPhases.Phase.Execute, RenderPhases.Phase.Yaml, RenderPhases.Phase.Assembly })
                Assert.That(ms[p], Is.GreaterThan(0.0), p.ToString());
            Assert.That(ms[RenderPhases.Phase.Write], Is.EqualTo(0.0), "the library writes nothing");
            if (OperatingSystem.IsLinux())
                Assert.That(RenderPhases.CpuMilliseconds()[RenderPhases.Phase.Execute], Is.GreaterThan(0.0), "the thread's CPU clock");
            Assert.That(RenderPhases.Report(), Does.Match(@"^phases_ms load=\d+\.\d (values=\d+\.\d )(parse=\d+\.\d )(execute=\d+\.\d )(yaml=\d+\.\d )(assembly=\d+\.\d )write=0\.0\nphases_cpu_ms load="));
        }
        finally
        {
            RenderPhases.Enabled = false;
            RenderPhases.Reset();
        }
    }
}
