using HelmSharp.Helm;
using HelmSharp.Template;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Exec;

/// <summary>
/// When the last function of a printed action can write its result into the output itself (<c>include</c>,
/// <c>indent</c>, <c>nindent</c>, <c>quote</c>, <c>toYaml</c>, <c>toJson</c>, <c>sha*sum</c>, <c>tpl</c>), the output, the errors and the output-limit accounting must be those of printing
/// the returned string. <c>| toString</c> after the call makes the same call an ordinary one to compare with.
/// </summary>
public sealed class StreamedPrintTests
{
    private static string Outcome(string text, long? limit, bool pipeText = true)
    {
        var set = new TemplateSet(HelmFunctions.For(4), new TemplateOptions { MissingKey = MissingKey.Zero, MaxOutputBytes = limit, PipeText = pipeText }) { RootName = "gotpl" };
        try
        {
            set.Parse("t", """{{define "x"}}a: 1{{"\n"}}b:{{"\r\n"}}  c: é😀{{"\n"}}{{end}}""" + text);
            return "OK " + set.Execute("t", new Dictionary<string, object?> { ["s"] = "one\ntwo\n", ["n"] = (nint)3, ["e"] = "" });
        }
        catch (TemplateException e) { return "ERR " + e.Message; }
    }

    [TestCase("""{{ include "x" . | nindent 4 }}""")]
    [TestCase("""{{ include "x" . | indent 2 }}""")]
    [TestCase("""{{- .s | nindent 0 }}|""")]
    [TestCase("""{{ .e | nindent 3 }}|{{ .e | indent 3 }}|""")]
    [TestCase("""{{ .s | nindent -1 }}""")]
    [TestCase("""{{ .n | nindent 2 }}""")]
    [TestCase("""{{ nindent 2 }}""")]
    [TestCase("""{{ .s | nindent 2 2 }}""")]
    [TestCase("""{{ .s | nindent 100000000000 }}""")]
    [TestCase("""{{ nindent 2 .s }}{{ indent 1 .s }}""")]
    [TestCase("""{{ include "missing" . }}""")]
    [TestCase("""{{ include "x" }}""")]
    [TestCase("""{{range until 3}}{{ include "x" $ | nindent . }}{{end}}""")]
    [TestCase("""{{ .s | quote }}{{ quote .n nil .e .s }}{{ quote }}{{ .missing | quote }}""")]
    [TestCase("""{{ quote "a\"b\\c\té😀\u0085" }}""")]
    [TestCase("""{{ include "x" . | quote }}""")]
    [TestCase("""{{ toYaml . }}|{{ toYaml .s }}|{{ toYaml .e }}|{{ toYaml nil }}""")]
    [TestCase("""{{ toYaml (dict "b" (list 1 2 (dict "z" true)) "a" (float64 "1e6") "c" (list)) }}""")]
    [TestCase("""{{ toYaml (float64 "NaN") }}|{{ toYaml (dict "k" (float64 "+Inf")) }}|""")]
    [TestCase("""{{ include "x" . | fromYaml | toYaml }}""")]
    [TestCase("""{{ .s | sha256sum }}|{{ sha1sum "é😀" }}|{{ sha512sum .e }}""")]
    // (The tpl texts write "}}" without a space before it, so that only the outer action gets "| toString".)
    [TestCase("""{{ tpl "{{.s}}-{{.missing}}-{{.n}}" . }}|{{ tpl "" . }}|""")]
    [TestCase("""{{ tpl "{{include \"x\" .}}" . }}""")]
    [TestCase("""{{ tpl "{{.s" . }}""")]
    [TestCase("""{{ tpl "a{{fail \"boom\"}}" . }}""")]
    [TestCase("""{{ tpl "{{.s | nindent 2}}" . | nindent 2 }}|{{ tpl "x<no value>y" . | quote }}""")]
    [TestCase("""{{ toJson . }}|{{ toJson (dict "a" (list 1 "<x>" nil)) }}|{{ toJson (float64 "NaN") }}|{{ toJson (list 1 (float64 "Inf")) }}|""")]
    public void StreamedEqualsPrinted(string action)
    {
        // Every action written with a space before "}}" gets "| toString" appended.
        var printed = action.Replace(" }}", " | toString }}", StringComparison.Ordinal);
        foreach (long? limit in new long?[] { null, 5, 40, 200 })
        {
            var streamed = Outcome(action, limit);
            var expected = Outcome(printed, limit);
            // The error position names the action's text, which differs by the added "| toString".
            Assert.That(streamed.Replace(" | toString", "", StringComparison.Ordinal), Is.EqualTo(expected.Replace(" | toString", "", StringComparison.Ordinal)), $"limit {limit}");
        }
    }

    /// <summary>
    /// Text piped from a function that can write it (<c>include</c>, <c>toYaml</c>, <c>toJson</c>, <c>quote</c>, <c>indent</c>, <c>nindent</c>, <c>sha*sum</c>)
    /// into one that can read it (<c>indent</c>, <c>nindent</c>, <c>quote</c>, <c>sha*sum</c>) is never made a string: the
    /// output, errors and limits must be those of passing the string.
    /// </summary>
    [TestCase("""{{ include "x" . | nindent 4 }}""")]
    [TestCase("""{{ include "x" . | indent 2 | quote }}""")]
    [TestCase("""{{ include "x" . | sha256sum }} {{ include "x" . | sha1sum }} {{ include "x" . | sha512sum | nindent 1 }}""")]
    [TestCase("""{{ toYaml (dict "a" 1 "b" (list "x" "é😀")) | nindent 2 }}|{{ toYaml .s | indent 3 }}""")]
    [TestCase("""{{ $v := include "x" . | nindent 2 }}{{ $v }}{{ $w := toYaml . | sha256sum }}{{ $w }}""")]
    [TestCase("""{{ include "x" . | quote "pre" nil }}|{{ .s | quote | nindent 2 }}|{{ .e | quote | quote }}""")]
    [TestCase("""{{ nindent 2 (include "x" . | quote) }}{{ range until 3 }}{{ include "x" $ | nindent . | indent 1 }}{{ end }}""")]
    [TestCase("""{{ include "missing" . | nindent 2 }}""")]
    [TestCase("""{{ include "x" . | nindent }}""")]
    [TestCase("""{{ include "x" . | nindent "a" }}""")]
    [TestCase("""{{ include "x" . | nindent -1 }}""")]
    [TestCase("""{{ include "x" . | nindent 100000000000 }}""")]
    [TestCase("""{{ toYaml (float64 "NaN") | nindent 2 }}|{{ include "x" . | sha256sum 1 }}""")]
    [TestCase("""{{ dict "n" .n "s" .s | toJson | quote }}|{{ list (float64 "NaN") | toJson | quote }}|{{ toJson . | nindent 2 }}""")]
    [TestCase("""{{ tpl "x<no value>{{.s}}{{.missing}}y" . | quote }}|{{ tpl "{{.n}}" . | nindent 2 | sha256sum }}""")]
    [TestCase("""{{ tpl "{{fail \"boom\"}}" . | nindent 2 }}""")]
    public void PipedTextEqualsPassingTheString(string text)
    {
        foreach (long? limit in new long?[] { null, 5, 40, 200 })
            Assert.That(Outcome(text, limit), Is.EqualTo(Outcome(text, limit, pipeText: false)), $"limit {limit}");
    }

    /// <summary>
    /// The executor reuses argument arrays of this library's functions between calls: no function may keep or return
    /// one. Lists built from arguments must stay what they were after later calls (expected: helm v4.1.4's output).
    /// </summary>
    [TestCase("""{{ $a := list 1 2 }}{{ $b := list 3 4 }}{{ $a }} {{ $b }}""", "[1 2] [3 4]")]
    [TestCase("""{{ $t := tuple "x" "y" }}{{ $u := tuple "z" "w" }}{{ $t }} {{ $u }}""", "[x y] [z w]")]
    [TestCase("""{{ $c := concat (list 1) (list 2) }}{{ $d := concat (list 5) (list 6) }}{{ $c }} {{ $d }}""", "[1 2] [5 6]")]
    [TestCase("""{{ $m := dict "k" (list 1 2) }}{{ $n := list 7 8 }}{{ $m.k }} {{ $n }}""", "[1 2] [7 8]")]
    [TestCase("""{{ $p := append (list 1) 2 }}{{ $q := append (list 3) 4 }}{{ $p }} {{ $q }}""", "[1 2] [3 4]")]
    [TestCase("""{{ $l := list (list 1 2) (list 3 4) }}{{ $l }}""", "[[1 2] [3 4]]")]
    public void ArgumentArraysAreNotShared(string text, string expected)
    {
        Assert.That(Outcome(text, null), Is.EqualTo("OK " + expected));
    }
}
