using System.Security.Cryptography;
using NUnit.Framework;

namespace HelmSharp.Tests.Crypto;

/// <summary>The managed SHA-256 (<see cref="HelmSharp.Crypto.Sha256"/>) against the BCL's and the FIPS 180-4 examples.</summary>
[TestFixture]
public class Sha256Tests
{
    private static string Hex(byte[] data)
    {
        var d = new byte[32];
        Assert.That(HelmSharp.Crypto.Sha256.HashData(data, d), Is.EqualTo(32));
        return Convert.ToHexStringLower(d);
    }

    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void FipsExamples(string text, string digest) =>
        Assert.That(Hex(System.Text.Encoding.ASCII.GetBytes(text)), Is.EqualTo(digest));

    /// <summary>Every length from 0 to 300 bytes (one, two and several blocks; the padding in one or two blocks), and large inputs.</summary>
    [Test]
    public void SameAsTheBclOnEveryLengthAroundTheBlocks()
    {
        var rng = new Random(1234);
        foreach (int n in Enumerable.Range(0, 301).Concat([1000, 4095, 4096, 4097, 65536, 1_000_003]))
        {
            var data = new byte[n];
            rng.NextBytes(data);
            Assert.That(Hex(data), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(data))), $"length {n}");
        }
    }

    /// <summary>End to end: <c>sha256sum</c> in a template, with a non-ASCII string (hashed as its UTF-8 bytes).</summary>
    [Test]
    public void Sha256sumInATemplate()
    {
        var text = "héllo wörld ✓";
        var expected = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.That(HelmSharp.Tests.Sprig.SprigHarness.Render("sha256sum \"" + text + "\""), Is.EqualTo(expected));
    }
}
