using HelmSharp.Helm;
using HelmSharp.Template;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Exec;

/// <summary>
/// Text piped from one function into the next (<c>include "x" . | nindent 2</c>) is read where the first one wrote it.
/// A long text fills a buffer in several chunks (beyond any pooled buffer's capacity), which the executor must read as
/// one text: the output must be that of passing the string.
/// </summary>
public sealed class PipedTextChunksTests
{
    private static string Outcome(string action, long? limit, bool pipeText)
    {
        var set = new TemplateSet(HelmFunctions.For(4), new TemplateOptions { MissingKey = MissingKey.Zero, MaxOutputBytes = limit, PipeText = pipeText }) { RootName = "gotpl" };
        try
        {
            // About 330,000 characters: more than the 256 Ki characters a pooled output buffer keeps.
            set.Parse("t", """{{ define "big" }}{{ range until 22000 }}line {{ . }} é😀{{ "\n" }}{{ end }}{{ end }}""" + action);
            return "OK " + set.Execute("t", new Dictionary<string, object?>());
        }
        catch (TemplateException e) { return "ERR " + e.Message; }
    }

    [TestCase("""{{ include "big" . | nindent 2 }}""")]
    [TestCase("""{{ include "big" . | indent 1 | sha256sum }}""")]
    [TestCase("""{{ include "big" . | quote | sha1sum }}|{{ include "big" . | sha512sum }}""")]
    [TestCase("""{{ $v := include "big" . | nindent 3 }}{{ len $v }}""")]
    public void LongPipedTextEqualsPassingTheString(string action)
    {
        foreach (long? limit in new long?[] { null, 100_000, 1 << 20 })
        {
            var piped = Outcome(action, limit, pipeText: true);
            Assert.That(piped, Is.EqualTo(Outcome(action, limit, pipeText: false)), $"limit {limit}");
            if (limit == null) Assert.That(piped, Does.StartWith("OK "));
        }
    }
}
