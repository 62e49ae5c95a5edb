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
}
