using HelmSharp.Cli;
using HelmSharp.Go;
using NUnit.Framework;

namespace HelmSharp.Tests.Cli;

/// <summary>The CLI buffers its streams as Go bytes (<see cref="GoBytesWriter"/>): invalid UTF-8 carried through .NET strings comes out as the raw bytes.</summary>
[TestFixture]
public class GoBytesWriterTests
{
    [Test]
    public void WritesGoBytesInOrder()
    {
        var invalid = GoUtf8.GetString(new byte[] { 0x61, 0xff, 0x62 }); // "a\xffb"
        var w = new GoBytesWriter();
        w.Write("é-");
        w.Write(invalid.AsSpan());
        w.WriteLine("!");
        w.Write('z');
        var ms = new MemoryStream();
        w.CopyTo(ms);
        Assert.That(ms.ToArray(), Is.EqualTo(new byte[] { 0xc3, 0xa9, (byte)'-', 0x61, 0xff, 0x62, (byte)'!', (byte)'\n', (byte)'z' }));
    }

    /// <summary>Long texts are encoded in slices: a surrogate pair or an escaped byte at any slice boundary comes out whole.</summary>
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void LongTextsAreTheSameBytesWhereverTheSlicesEnd(int shift)
    {
        var invalid = GoUtf8.GetString(new byte[] { 0xff });
        var text = new string('a', 16 * 1024 - 1 - shift) + "😀" + invalid + string.Concat(Enumerable.Repeat("é😀x" + invalid, 20000));
        var w = new GoBytesWriter();
        w.Write(text);
        var ms = new MemoryStream();
        w.CopyTo(ms);
        Assert.That(ms.ToArray(), Is.EqualTo(GoUtf8.GetBytes(text)));
    }

    /// <summary>
    /// Thousands of pieces (strings and spans, mixed) reach the stream as the bytes of their concatenation in a few
    /// large writes: one <c>write</c> call per piece made the CLI's write phase cost 8 ms for a 229 KB output.
    /// </summary>
    [Test]
    public void ManyPiecesAreWrittenInFewLargeWrites()
    {
        var invalid = GoUtf8.GetString(new byte[] { 0xfe });
        var w = new GoBytesWriter();
        var expected = new System.Text.StringBuilder();
        for (int i = 0; i < 6000; i++)
        {
            var piece = $"line {i}: é😀{invalid}" + new string('x', i % 50) + "\n";
            if (i % 3 == 0) w.Write(piece.AsSpan()); else if (i % 3 == 1) w.Write(piece); else w.Write(piece.ToCharArray(), 0, piece.Length);
            expected.Append(piece);
        }
        w.Write(new string('y', 200_000).AsSpan()); // a span larger than a chunk
        expected.Append('y', 200_000);
        var stream = new CountingStream();
        w.CopyTo(stream);
        Assert.That(stream.ToArray(), Is.EqualTo(GoUtf8.GetBytes(expected.ToString())));
        // the buffer grows 8 -> 16 -> 32 -> 64 KiB: three small writes, then one per 64 KiB
        Assert.That(stream.Writes, Is.LessThanOrEqualTo(stream.Length / (64 * 1024) + 4));
    }

    /// <summary>A writer handed over with <see cref="GoBytesWriter.WriteLater"/> runs at the end, in its place among the other pieces.</summary>
    [Test]
    public void DeferredWritersRunInTheirPlace()
    {
        var invalid = GoUtf8.GetString(new byte[] { 0x80 });
        var w = new GoBytesWriter();
        int calls = 0;
        w.Write("a");
        w.WriteLater(t => { calls++; t.Write("b" + invalid); t.Write("😀".AsSpan()); t.Write('c'); });
        w.Write("d".AsSpan());
        w.WriteLater(t => { calls++; t.Write(new string('e', 100_000).AsSpan()); });
        Assert.That(calls, Is.EqualTo(0));
        var stream = new CountingStream();
        w.CopyTo(stream);
        Assert.That(calls, Is.EqualTo(2));
        Assert.That(stream.ToArray(), Is.EqualTo(GoUtf8.GetBytes("ab" + invalid + "😀cd" + new string('e', 100_000))));
        Assert.That(stream.Writes, Is.EqualTo(4)); // 8 + 16 + 32 KiB, then the rest
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }
        public override void Write(byte[] buffer, int offset, int count) { Writes++; base.Write(buffer, offset, count); }
        public override void Write(ReadOnlySpan<byte> buffer) { Writes++; base.Write(buffer); }
    }

    /// <summary>End to end: the CLI's stdout bytes for a chart whose files are not UTF-8 are the bytes helm printed.</summary>
    [TestCase("crds")]
    [TestCase("get")]
    public void ChartFilesComeOutAsHelmsBytes(string valueSet)
    {
        var root = HelmSharp.Tests.Conformance.Corpus.RepoRoot;
        var chart = Path.Combine(root, "testdata", "charts", "files-binary");
        var args = new List<string> { "template", "golden", chart, "-f", Path.Combine(root, "testdata", "charts", "files-binary.values", valueSet + ".yaml") };
        if (valueSet == "crds") args.Add("--include-crds");
        var stdout = new GoBytesWriter();
        var stderr = new GoBytesWriter();
        Assert.That(Program.Run([.. args], stdout, stderr), Is.EqualTo(0));
        var ms = new MemoryStream();
        stdout.CopyTo(ms);
        // testdata/golden/files-binary/<set>.helm4.out: helm v4.1.4's stdout (scripts/regen-charts.py)
        var helm = File.ReadAllBytes(Path.Combine(root, "testdata", "golden", "files-binary", valueSet + ".helm4.out"));
        Assert.That(ms.ToArray(), Is.EqualTo(helm));
    }
}
