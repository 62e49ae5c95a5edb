using NUnit.Framework;
using System.Text;
using HelmSharp.Charts;

namespace HelmSharp.Tests.Charts;

/// <summary>
/// A chart directory's files that loading does not need (<c>crds/</c>, what <c>.Files</c> shows) are read when first
/// used, once; what a render prints is what an eager load prints. The expected outputs below are the files' own bytes
/// as <c>helm template</c> prints them (checked with helm v4.1.4 on the same charts: <c>.Files.Get</c>, <c>b64enc</c> of a
/// binary file, <c>--include-crds</c>, a symbolic link to a directory).
/// </summary>
public class LazyChartFilesTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "hs-lazy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_dir, "templates"));
        Directory.CreateDirectory(Path.Combine(_dir, "crds"));
        Directory.CreateDirectory(Path.Combine(_dir, "files"));
        File.WriteAllText(Path.Combine(_dir, "Chart.yaml"), "apiVersion: v2\nname: lazy\nversion: 0.1.0\n");
        File.WriteAllText(Path.Combine(_dir, "values.yaml"), "pick: files/a.txt\n");
        File.WriteAllText(Path.Combine(_dir, "crds", "w.yaml"), "\uFEFFapiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: w\n");
        File.WriteAllText(Path.Combine(_dir, "files", "a.txt"), "\uFEFFalpha\n");
        File.WriteAllText(Path.Combine(_dir, "files", "unused.txt"), "never read\n");
        File.WriteAllBytes(Path.Combine(_dir, "files", "bin.dat"), [0x00, 0xFF, 0xEF, 0xBB, 0xBF, 0x80, 0x0A]);
        File.WriteAllText(Path.Combine(_dir, "templates", "cm.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: {{ .Files.Get .Values.pick | quote }}\n  bin: {{ .Files.Get \"files/bin.dat\" | b64enc }}\n");
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private const string Expected =
        "---\n# Source: lazy/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: \"alpha\\n\"\n  bin: AP/vu7+ACg==\n";

    private static ChartFile FileNamed(Chart c, string name) => c.Raw.Single(f => f.Name == name);

    [Test]
    public void LoadReadsOnlyWhatLoadingNeeds()
    {
        var c = ChartLoader.Load(_dir);
        Assert.That(FileNamed(c, "Chart.yaml").IsRead, Is.True);
        Assert.That(FileNamed(c, "values.yaml").IsRead, Is.True);
        Assert.That(FileNamed(c, "templates/cm.yaml").IsRead, Is.True);
        Assert.That(c.Files.Select(f => (f.Name, f.IsRead)), Is.EqualTo(new[]
        {
            ("crds/w.yaml", false), ("files/a.txt", false), ("files/bin.dat", false), ("files/unused.txt", false),
        }));
        // The lists share one object per file: reading it through .Files reads it for Raw too.
        Assert.That(c.Files[1], Is.SameAs(FileNamed(c, "files/a.txt")));
        Assert.That(Encoding.UTF8.GetString(c.Files[1].Data), Is.EqualTo("alpha\n"), "BOM dropped, as helm's loader drops it");
        Assert.That(FileNamed(c, "files/a.txt").IsRead, Is.True);
        Assert.That(c.Files[2].Data, Is.EqualTo(new byte[] { 0x00, 0xFF, 0xEF, 0xBB, 0xBF, 0x80, 0x0A }), "bytes kept; only a leading BOM goes");
    }

    [Test]
    public void RenderReadsTheFilesTemplatesReach()
    {
        var compiled = HelmChart.Compile(_dir);
        Assert.That(compiled.Render(new RenderOptions { ReleaseName = "r" }).Output, Is.EqualTo(Expected));
        var c = ChartLoader.Load(_dir);
        HelmChart.Render(c, new RenderOptions { ReleaseName = "r" });
        Assert.That(c.Files.Where(f => f.IsRead).Select(f => f.Name), Is.EqualTo(new[] { "files/a.txt", "files/bin.dat" }));
    }

    [Test]
    public void IncludeCrdsReadsTheCrdFiles()
    {
        var result = HelmChart.Render(_dir, new RenderOptions { ReleaseName = "r", IncludeCrds = true });
        Assert.That(result.Output, Does.StartWith(
            "---\n# Source: lazy/crds/w.yaml\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: w\n"));
        Assert.That(result.Output, Does.EndWith(Expected));
    }

    [Test]
    public void CompiledChartReadsAFileOnceForEveryRender()
    {
        var compiled = HelmChart.Compile(_dir);
        var options = new RenderOptions { ReleaseName = "r" };
        Assert.That(compiled.Render(options).Output, Is.EqualTo(Expected));
        // Gone from disk after the first render: later renders use the bytes read then.
        File.Delete(Path.Combine(_dir, "files", "a.txt"));
        File.Delete(Path.Combine(_dir, "files", "bin.dat"));
        Assert.That(compiled.Render(options).Output, Is.EqualTo(Expected));
    }

    [Test]
    public void ConcurrentFirstRendersOfACompiledChartReadEachFileOnce()
    {
        var compiled = HelmChart.Compile(_dir);
        var outputs = new string[8];
        Parallel.For(0, outputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => outputs[i] = compiled.Render(new RenderOptions { ReleaseName = "r", IncludeCrds = i % 2 == 0 }).Output);
        for (int i = 0; i < outputs.Length; i++)
            Assert.That(outputs[i], i % 2 == 0 ? Does.EndWith(Expected).And.Contains("name: w\n") : Is.EqualTo(Expected));
    }

    [Test]
    public void ConcurrentReadsOfALazyFileShareOneArray()
    {
        var c = ChartLoader.Load(_dir);
        var f = FileNamed(c, "crds/w.yaml");
        var seen = new byte[16][];
        Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => seen[i] = f.Data);
        Assert.That(seen.Distinct().Count(), Is.EqualTo(1));
        Assert.That(Encoding.UTF8.GetString(seen[0]), Does.StartWith("apiVersion:"));
    }

    [Test]
    public void ALazyFileThatCannotBeReadFailsWithHelmsLoadError()
    {
        var c = ChartLoader.Load(_dir);
        var path = Path.Combine(_dir, "files", "unused.txt");
        File.Delete(path);
        var f = c.Files.Single(x => x.Name == "files/unused.txt");
        var ex = Assert.Throws<ChartException>(() => _ = f.Data)!;
        Assert.That(ex.Message, Is.EqualTo("error reading files/unused.txt: open " + path + ": no such file or directory"));
        Assert.That(f.IsRead, Is.False);
    }

    [Test]
    public void AFileNoTemplateReadsMayBeUnreadableAfterLoad()
    {
        // The same chart with the unused file gone after load: the render never asks for it.
        var compiled = HelmChart.Compile(_dir);
        File.Delete(Path.Combine(_dir, "files", "unused.txt"));
        File.Delete(Path.Combine(_dir, "crds", "w.yaml"));
        Assert.That(compiled.Render(new RenderOptions { ReleaseName = "r" }).Output, Is.EqualTo(Expected));
    }

    [Test]
    public void ARenderThatReachesAVanishedFileFailsCleanly()
    {
        var compiled = HelmChart.Compile(_dir);
        File.Delete(Path.Combine(_dir, "files", "a.txt"));
        var ex = Assert.Catch<HelmSharpException>(() => compiled.Render(new RenderOptions { ReleaseName = "r" }))!;
        Assert.That(ex.Message, Does.Contain("error reading files/a.txt: open " + Path.Combine(_dir, "files", "a.txt") + ": no such file or directory"));
    }

    [Test]
    public void SubchartFilesAreLazyToo()
    {
        var sub = Path.Combine(_dir, "charts", "sub");
        Directory.CreateDirectory(Path.Combine(sub, "templates"));
        Directory.CreateDirectory(Path.Combine(sub, "crds"));
        File.WriteAllText(Path.Combine(sub, "Chart.yaml"), "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
        File.WriteAllText(Path.Combine(sub, "crds", "s.yaml"), "kind: CustomResourceDefinition\n");
        File.WriteAllText(Path.Combine(sub, "templates", "s.yaml"), "kind: ConfigMap\ndata: {{ .Files.Get \"crds/s.yaml\" | quote }}\n");
        var c = ChartLoader.Load(_dir);
        var s = c.Dependencies.Single();
        Assert.That(s.Templates.Single().IsRead, Is.True);
        Assert.That(s.Files.Single().Name, Is.EqualTo("crds/s.yaml"));
        Assert.That(s.Files.Single().IsRead, Is.False);
        var output = HelmChart.Render(c, new RenderOptions { ReleaseName = "r", IncludeCrds = true }).Output;
        Assert.That(output, Does.Contain("# Source: lazy/charts/sub/crds/s.yaml\nkind: CustomResourceDefinition\n"));
        Assert.That(output, Does.Contain("data: \"kind: CustomResourceDefinition\\n\""));
        Assert.That(FileNamed(c, "charts/sub/crds/s.yaml").IsRead, Is.True, "the parent's Raw entry shares the subchart's content");
    }

    [Test]
    public void SymbolicLinkToADirectoryIsWalked()
    {
        // helm v4.1.4: a symlinked directory's files are loaded under the link's name.
        var target = _dir + "-target";
        Directory.CreateDirectory(target);
        try
        {
            File.WriteAllText(Path.Combine(target, "x.txt"), "in target\n");
            Directory.CreateSymbolicLink(Path.Combine(_dir, "linked"), target);
            File.CreateSymbolicLink(Path.Combine(_dir, "files", "link.txt"), Path.Combine(target, "x.txt"));
            var c = ChartLoader.Load(_dir);
            Assert.That(Encoding.UTF8.GetString(c.Files.Single(f => f.Name == "linked/x.txt").Data), Is.EqualTo("in target\n"));
            Assert.That(Encoding.UTF8.GetString(c.Files.Single(f => f.Name == "files/link.txt").Data), Is.EqualTo("in target\n"));
        }
        finally { Directory.Delete(target, true); }
    }

    [Test]
    public void BrokenSymbolicLinkFailsTheLoad()
    {
        var link = Path.Combine(_dir, "files", "broken");
        var missing = Path.Combine(_dir, "nope");
        File.CreateSymbolicLink(link, missing);
        // helm v4.1.4 prints the same message.
        Assert.That(Assert.Throws<ChartException>(() => ChartLoader.Load(_dir))!.Message,
            Is.EqualTo("error evaluating symlink " + link + ": lstat " + missing + ": no such file or directory"));
    }

    [Test]
    public void TooLargeLazyFileFailsTheLoad()
    {
        using (var fs = File.Create(Path.Combine(_dir, "files", "big.bin"))) fs.SetLength(ChartLoader.MaxDecompressedFileSize + 1);
        Assert.That(Assert.Throws<ChartException>(() => ChartLoader.Load(_dir))!.Message,
            Is.EqualTo("chart file \"big.bin\" is larger than the maximum file size 5242880"));
    }

    [Test]
    public void InMemoryChartFilesHoldTheirBytes()
    {
        var data = Encoding.UTF8.GetBytes("x");
        var f = new ChartFile("files/x", data);
        Assert.That(f.IsRead, Is.True);
        Assert.That(f.Data, Is.SameAs(data));
        Assert.That(f.Name, Is.EqualTo("files/x"));
        Assert.Throws<ArgumentNullException>(() => _ = new ChartFile("a", null!));
    }
}
