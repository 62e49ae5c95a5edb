using HelmSharp.Rendering;
using NUnit.Framework;

namespace HelmSharp.Tests.Rendering;

/// <summary>
/// The output is kept as pieces and written without joining (<see cref="OutputText"/>); it must equal helm's
/// <c>strings.TrimSpace(manifests) + rest</c> computed on the joined string, whatever white space the pieces hold.
/// </summary>
[TestFixture]
public class OutputTextTests
{
    private static readonly string[] s_alphabet = ["", " ", "\n", "\t \n", "\u00A0", "\u2003", "a", "b c", " x ", "\n---\n", "é", "\U0001F600"];

    private static string Reference(List<string> trimmed, List<string> rest) =>
        Manifests.GoTrimSpace(string.Concat(trimmed)) + string.Concat(rest);

    [Test]
    public void WritingThePiecesEqualsTrimmingTheJoinedText()
    {
        var rng = new Random(12345);
        for (int round = 0; round < 5000; round++)
        {
            var trimmed = new List<string>();
            var rest = new List<string>();
            int n = rng.Next(0, 7), m = rng.Next(0, 4);
            for (int i = 0; i < n; i++) trimmed.Add(s_alphabet[rng.Next(s_alphabet.Length)]);
            for (int i = 0; i < m; i++) rest.Add(s_alphabet[rng.Next(s_alphabet.Length)]);
            var o = new OutputText();
            foreach (var p in trimmed) o.Add(p);
            o.EndTrimmedPart();
            foreach (var p in rest) o.Add(p);

            var expected = Reference(trimmed, rest);
            var w = new StringWriter();
            o.WriteTo(w);
            Assert.That(w.ToString(), Is.EqualTo(expected), $"pieces [{string.Join("|", trimmed)}] + [{string.Join("|", rest)}]");
            Assert.That(o.ToString(), Is.EqualTo(expected));
        }
    }

    [Test]
    public void WriteOutputOfACrdAndHookChartIsHelmsBytes()
    {
        var root = HelmSharp.Tests.Conformance.Corpus.RepoRoot;
        var chart = HelmSharp.Charts.ChartLoader.Load(Path.Combine(root, "testdata", "charts", "crds-hooks"), 4);
        var values = new HelmSharp.Values.ValueOptions();
        values.ValueFiles.Add(Path.Combine(root, "testdata", "charts", "crds-hooks.values", "include-crds.yaml"));
        var request = new TemplateRequest { ReleaseName = "golden", IncludeCrds = true };
        request.Values = values.MergeValues(4);
        var result = HelmTemplate.Render(chart, request);
        var w = new StringWriter();
        result.WriteOutput(w);
        var golden = File.ReadAllText(Path.Combine(root, "testdata", "golden", "crds-hooks", "include-crds.helm4.out"));
        Assert.That(w.ToString(), Is.EqualTo(golden));
        Assert.That(result.Output, Is.EqualTo(golden));
    }
}
