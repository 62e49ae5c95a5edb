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

/// <summary>Rendered files are kept trimmed for the manifest splitter; NOTES must still come back exactly as rendered.</summary>
[TestFixture]
public class NotesTextTests
{
    [Test]
    public void NotesKeepTheirWhiteSpace()
    {
        var dir = Path.Combine(Path.GetTempPath(), "helmsharp-notes-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "templates"));
        try
        {
            File.WriteAllText(Path.Combine(dir, "Chart.yaml"), "apiVersion: v2\nname: notes\nversion: 0.1.0\n");
            File.WriteAllText(Path.Combine(dir, "templates", "NOTES.txt"), "\n\t Hello {{ .Release.Name }} <no value>{{ .Values.missing }} \n\n");
            File.WriteAllText(Path.Combine(dir, "templates", "cm.yaml"), "\n\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n\n\n");
            var chart = HelmSharp.Charts.ChartLoader.Load(dir, 4);
            var result = HelmTemplate.Render(chart, new TemplateRequest { ReleaseName = "x" });
            Assert.That(result.Notes, Is.EqualTo("\n\t Hello x  \n\n"));
            Assert.That(result.Output, Is.EqualTo("---\n# Source: notes/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"));
        }
        finally { Directory.Delete(dir, true); }
    }
}
