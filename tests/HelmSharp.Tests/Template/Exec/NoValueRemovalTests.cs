using System.Text;
using HelmSharp.Helm;
using HelmSharp.Template;
using HelmSharp.Template.Exec;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Exec;

/// <summary>
/// helm removes every <c>&lt;no value&gt;</c> from what a template file and a <c>tpl</c> render
/// (<c>strings.ReplaceAll</c>). <see cref="OutputBuffers.RemoveNoValue"/> does it on the render's builder from a start
/// offset, skipping to the first <c>&lt;</c> chunk by chunk: it must equal the string replacement wherever the
/// occurrences and the <c>&lt;</c> before them fall (inside a chunk, across a chunk boundary, before the start).
/// </summary>
public sealed class NoValueRemovalTests
{
    // A builder of several chunks: each Append of a long piece to a full builder starts a new chunk.
    private static StringBuilder Chunked(IEnumerable<string> pieces)
    {
        var sb = new StringBuilder(16);
        foreach (var p in pieces) sb.Append(p);
        return sb;
    }

    [Test]
    public void EqualsStringReplaceAfterTheStart()
    {
        var rng = new Random(7);
        string[] atoms = ["a", "b: c\n", "<", "<no value>", "<no", " value>", "no value>", "<<no value>>", "é", "😀", new string('x', 40)];
        for (int round = 0; round < 2000; round++)
        {
            var pieces = Enumerable.Range(0, rng.Next(1, 30)).Select(_ => atoms[rng.Next(atoms.Length)]).ToList();
            var text = string.Concat(pieces);
            int start = rng.Next(0, text.Length + 1);
            var sb = Chunked(pieces);
            OutputBuffers.RemoveNoValue(sb, start);
            Assert.That(sb.ToString(), Is.EqualTo(text[..start] + text[start..].Replace("<no value>", "", StringComparison.Ordinal)), $"round {round}, start {start}: {text}");
        }
    }

    [Test]
    public void LeavesTextWithoutAnOccurrenceAlone()
    {
        var sb = Chunked(Enumerable.Repeat("key: value\n", 5000));
        var before = sb.ToString();
        OutputBuffers.RemoveNoValue(sb, 0);
        Assert.That(sb.ToString(), Is.EqualTo(before));
    }

    /// <summary>Through <c>tpl</c> into a long output (the text before the call is not touched, the call's own is).</summary>
    [Test]
    public void TplDropsNoValueFromItsOwnOutputOnly()
    {
        var set = new TemplateSet(HelmFunctions.For(4), new TemplateOptions { MissingKey = MissingKey.Default }) { RootName = "gotpl" };
        set.Parse("t", """{{ range until 3000 }}line {{ . }}{{ "\n" }}{{ end }}{{ "<no value>" }}|{{ tpl "a{{ .missing }}b<no value>c" . }}|{{ tpl "{{ .missing }}" . }}""");
        var output = set.Execute("t", new Dictionary<string, object?>());
        Assert.That(output, Does.EndWith("\n<no value>|abc|"));
    }
}
