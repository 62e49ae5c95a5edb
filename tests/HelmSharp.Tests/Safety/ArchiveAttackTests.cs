using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using HelmSharp.Charts;
using NUnit.Framework;
using static HelmSharp.Tests.Safety.Hostile;

namespace HelmSharp.Tests.Safety;

/// <summary>Hostile .tgz charts: traversal, absolute paths, links, gzip bombs, oversized and very many files.</summary>
[TestFixture]
public class ArchiveAttackTests
{
    private sealed class Zeros(long size) : Stream
    {
        private readonly long _size = size;
        private long _left = size;
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _size;
        public override long Position { get => _size - _left; set => _left = _size - value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => Position + offset, _ => _size + offset };
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static byte[] Tgz(Action<TarWriter> add)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        using (var tw = new TarWriter(gz, TarEntryFormat.Ustar, leaveOpen: true))
        {
            File(tw, "c/Chart.yaml", Hostile.ChartYaml);
            add(tw);
        }
        return ms.ToArray();
    }

    private static void File(TarWriter tw, string name, string text) =>
        tw.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });

    private static void Big(TarWriter tw, string name, long size) =>
        tw.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new Zeros(size) });

    private static void Link(TarWriter tw, TarEntryType type, string name, string target) =>
        tw.WriteEntry(new UstarTarEntry(type, name) { LinkName = target });

    /// <summary>Runs the CLI on the archive written to a temp file.</summary>
    private static (int Rc, string Out, string Err) CliArchive(byte[] tgz, params string[] extra)
    {
        var path = Path.Combine(Path.GetTempPath(), "hs-safety-" + Guid.NewGuid().ToString("N") + ".tgz");
        System.IO.File.WriteAllBytes(path, tgz);
        try { return RunCli(["template", "x", path, .. extra]); }
        finally { System.IO.File.Delete(path); }
    }

    private static void AssertFails(byte[] tgz, string helm3Message)
    {
        // helm v4.1.4 wraps every archive failure; helm v3.17.3 prints the reason.
        Assert.That(CliArchive(tgz), Is.EqualTo((1, "", "Error: unable to load chart archive\n")));
        Assert.That(CliArchive(tgz, "--helm3"), Is.EqualTo((1, "", "Error: " + helm3Message + "\n")));
        var ex = Bounded(() => Assert.Catch<ChartException>(() => ChartLoader.LoadArchive(new MemoryStream(tgz), 3)));
        Assert.That(ex!.Message, Is.EqualTo(helm3Message));
    }

    [Test]
    public void PathTraversalInsideTheChartIsRejected()
    {
        var tgz = Tgz(tw => { File(tw, "c/templates/../../../evil.yaml", "x: 1\n"); File(tw, "c/templates/a.yaml", "a: 1\n"); });
        AssertFails(tgz, "chart illegally references parent directory");
    }

    [Test]
    public void LeadingDotDotAndAbsoluteNamesLoseTheirFirstComponent()
    {
        // helm v4.1.4 and v3.17.3: the first path component is dropped, so `../evil.yaml` becomes `evil.yaml` and
        // `/etc/evil.yaml` becomes `etc/evil.yaml` (plain chart files); only templates/a.yaml renders.
        foreach (var first in new[] { "../evil.yaml", "/etc/evil.yaml" })
        {
            var tgz = Tgz(tw => { File(tw, first, "x: 1\n"); File(tw, "c/templates/a.yaml", "a: 1\n"); });
            Assert.That(CliArchive(tgz), Is.EqualTo((0, Doc("a: 1"), "")));
            Assert.That(CliArchive(tgz, "--helm3"), Is.EqualTo((0, Doc("a: 1"), "")));
        }
    }

    [TestCase(TarEntryType.SymbolicLink)]
    [TestCase(TarEntryType.HardLink)]
    public void LinkEntriesAreNeverFollowed(TarEntryType type)
    {
        // helm v4.1.4: a link entry templates/a.yaml -> /etc/passwd is an empty template; only b.yaml renders.
        var tgz = Tgz(tw => { Link(tw, type, "c/templates/a.yaml", "/etc/passwd"); File(tw, "c/templates/b.yaml", "b: 1\n"); });
        Assert.That(CliArchive(tgz), Is.EqualTo((0, "---\n# Source: c/templates/b.yaml\nb: 1\n", "")));
        var chart = ChartLoader.LoadArchive(new MemoryStream(tgz));
        Assert.That(chart.Templates.Single(t => t.Name == "templates/a.yaml").Data, Is.Empty);
    }

    [Test]
    public void GzipBombIsStoppedAtTheChartSizeLimit()
    {
        // 300 MiB of zeros compress to ~300 KB; helm v3.17.3 checks the 100 MiB chart budget first.
        var tgz = Tgz(tw => Big(tw, "c/templates/z.yaml", 300L << 20));
        Assert.That(tgz.Length, Is.LessThan(2 << 20));
        AssertFails(tgz, "decompressed chart is larger than the maximum file size 104857600");
    }

    [Test]
    public void ManyMediumFilesExceedTheChartSizeLimit()
    {
        var tgz = Tgz(tw => { for (int i = 0; i < 30; i++) Big(tw, $"c/files/z{i:D2}.txt", 4L << 20); });
        AssertFails(tgz, "decompressed chart is larger than the maximum file size 104857600");
    }

    [Test]
    public void OversizedFileIsRejected()
    {
        var tgz = Tgz(tw => File(tw, "c/templates/a.yaml", new string('#', 6 << 20)));
        AssertFails(tgz, "decompressed chart file \"c/templates/a.yaml\" is larger than the maximum file size 5242880");
    }

    [Test]
    public void GarbageArchivesAreCleanErrors()
    {
        // helm v3.17.3: a truncated gzip stream is "unexpected EOF"; helm v4.1.4 wraps it.
        AssertFails([0x1f, 0x8b, 0x08, 0x00, (byte)'g', (byte)'a', (byte)'r', (byte)'b', (byte)'a', (byte)'g', (byte)'e'], "unexpected EOF");
    }

    [Test]
    public void TwentyThousandTinyTemplatesRender()
    {
        // helm v4.1.4 template x many.tgz (templates/f00000.yaml .. f19999.yaml, each `kN: 1`):
        // 948890 bytes, SHA-256 below.
        var tgz = Tgz(tw => { for (int i = 0; i < 20000; i++) File(tw, $"c/templates/f{i:D5}.yaml", $"k{i}: 1\n"); });
        var (rc, stdout, stderr) = CliArchive(tgz);
        Assert.That((rc, stderr), Is.EqualTo((0, "")));
        Assert.That(stdout.Length, Is.EqualTo(948890));
        Assert.That(Sha256(stdout), Is.EqualTo("d8b3eb583bc616f1d9f4944d7dd6ec8701619534b7f431ee0c033013787476d6"));
    }
}
