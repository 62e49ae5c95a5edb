using System.Text.RegularExpressions;
using HelmSharp.Rendering;
using NUnit.Framework;

namespace HelmSharp.Tests.Rendering;

/// <summary>
/// <see cref="Manifests.Split"/> finds helm's separator with a scan instead of a regex: it must split exactly as
/// Go's <c>regexp.Split</c> on the same pattern does (a regex-based reference, the implementation the chart corpus was
/// first verified with, written out here).
/// </summary>
[TestFixture]
public class ManifestSplitTests
{
    private static readonly Regex s_separator = new(Manifests.SeparatorPattern, RegexOptions.CultureInvariant);

    private static List<string> Reference(string bigFile)
    {
        var docs = new List<string>();
        var trimmed = Manifests.GoTrimSpace(bigFile);
        var pieces = new List<string>();
        if (trimmed.Length == 0) pieces.Add("");
        else
        {
            int beg = 0, end = 0;
            foreach (Match m in s_separator.Matches(trimmed))
            {
                end = m.Index;
                if (m.Index + m.Length != 0) pieces.Add(trimmed[beg..end]);
                beg = m.Index + m.Length;
            }
            if (end != trimmed.Length) pieces.Add(trimmed[beg..]);
        }
        foreach (var d in pieces)
            if (d.Length != 0) docs.Add(Manifests.GoTrimSpace(d));
        return docs;
    }

    private static readonly string[] s_alphabet = ["-", "--", "---", "\n", "\n---", " ", "\t", "\r", "\f", "\v", "a", "k: v", "#"];

    [Test]
    public void SplitsAsTheRegexDoes()
    {
        var rng = new Random(4242);
        for (int round = 0; round < 20000; round++)
        {
            int n = rng.Next(0, 12);
            var parts = new string[n];
            for (int i = 0; i < n; i++) parts[i] = s_alphabet[rng.Next(s_alphabet.Length)];
            var text = string.Concat(parts);
            Assert.That(Manifests.Split(text), Is.EqualTo(Reference(text)), "text: " + HelmSharp.Go.GoStrconv.Quote(text));
        }
    }

    [TestCase("---\na: 1\n---\nb: 2\n", new[] { "a: 1", "b: 2" })]
    [TestCase("a: 1\n  \n---  \n\n---\nb: 2", new[] { "a: 1", "---\nb: 2" })] // the first separator ate the newline before the second ---
    [TestCase("a: 1\n----\nb: 2", new[] { "a: 1", "-\nb: 2" })]
    [TestCase("a: '---'\nb: x---y", new[] { "a: '---'\nb: x---y" })]
    public void KnownSplits(string text, string[] expected) => Assert.That(Manifests.Split(text), Is.EqualTo(expected));
}
