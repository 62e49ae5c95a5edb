using NUnit.Framework;

namespace HelmSharp.Tests.Conformance;

public class CaseFileParserTests
{
    private const string Sample =
        "#! leading comment\n" +
        "\n" +
        "#### case: first\n" +
        "#### values\n" +
        "b: 2\n" +
        "a: 1\n" +
        "#### template\n" +
        "{{ .Values.a }}\n" +
        "\n" +
        "#! comments are never content\n" +
        "#### file: templates/_helpers.tpl\n" +
        "{{- define \"x\" }}hello{{ end -}}\n" +
        "#### args: --set n=1 --set-string 's=a b' \"--x=\\\"q\\\"\"\n" +
        "#### case: second.v2\n" +
        "#### only: 3\n" +
        "#### template\n" +
        "no newline at end\n";

    [Test]
    public void ParsesSectionsExactly()
    {
        var cases = CaseFileParser.Parse(Sample, "t.cases");
        Assert.That(cases, Has.Count.EqualTo(2));
        var a = cases[0];
        Assert.Multiple(() =>
        {
            Assert.That(a.Name, Is.EqualTo("first"));
            Assert.That(a.Line, Is.EqualTo(3));
            Assert.That(a.Values, Is.EqualTo("b: 2\na: 1"));
            Assert.That(a.Template, Is.EqualTo("{{ .Values.a }}\n"));
            Assert.That(a.Files, Is.EqualTo(new[] { new KeyValuePair<string, string>("templates/_helpers.tpl", "{{- define \"x\" }}hello{{ end -}}") }));
            Assert.That(a.Args, Is.EqualTo(new[] { "--set", "n=1", "--set-string", "s=a b", "--x=\"q\"" }));
            Assert.That(a.Only, Is.Null);
            Assert.That(a.RunsOn(3) && a.RunsOn(4), Is.True);
        });
        var b = cases[1];
        Assert.Multiple(() =>
        {
            Assert.That(b.Name, Is.EqualTo("second.v2"));
            Assert.That(b.Template, Is.EqualTo("no newline at end"));
            Assert.That(b.Values, Is.Null);
            Assert.That(b.Only, Is.EqualTo(3));
            Assert.That(b.RunsOn(4), Is.False);
        });
    }

    [Test]
    public void EmptyTemplateAndTrailingNewlines()
    {
        var cases = CaseFileParser.Parse("#### case: e\n#### template\n#### case: n\n#### template\n\n\n", "t.cases");
        Assert.That(cases[0].Template, Is.EqualTo(""));
        Assert.That(cases[1].Template, Is.EqualTo("\n"));
    }

    [Test]
    public void CrlfAndTrimMarkersAreContent()
    {
        var cases = CaseFileParser.Parse("#### case: c\n#### template\n{{- 3}}\r\n####x\n", "t.cases");
        Assert.That(cases[0].Template, Is.EqualTo("{{- 3}}\r\n####x"));
    }

    [TestCase("#### template\nx\n", "t.cases:1: marker before the first '#### case:'")]
    [TestCase("#### case: a\n#### values\n", "t.cases:1: case 'a' has no template section")]
    [TestCase("#### case: a\n#### template\n#### case: a\n#### template\n", "t.cases:3: duplicate case name 'a'")]
    [TestCase("#### case: a b\n", "t.cases:1: bad case name 'a b'")]
    [TestCase("#### case: a\n#### template\n#### template\n", "t.cases:3: duplicate template section in case 'a'")]
    [TestCase("#### case: a\n#### bogus\n", "t.cases:2: unknown marker '#### bogus'")]
    [TestCase("#### case: a\n#### only: 5\n", "t.cases:2: only must be 3 or 4, got '5'")]
    [TestCase("#### case: a\n#### file: ../x\n", "t.cases:2: bad file path '../x'")]
    [TestCase("#### case: a\n#### args: 'x\n", "t.cases:2: bad args: No closing quotation")]
    [TestCase("stray\n#### case: a\n#### template\n", "t.cases:1: text outside a section: 'stray'")]
    [TestCase("#! only comments\n", "t.cases: no cases")]
    public void RejectsMalformedFiles(string text, string message)
    {
        var ex = Assert.Throws<FormatException>(() => CaseFileParser.Parse(text, "t.cases"));
        Assert.That(ex!.Message, Is.EqualTo(message));
    }

    [TestCase("a b  c", new[] { "a", "b", "c" })]
    [TestCase("--set 'x=a b' y", new[] { "--set", "x=a b", "y" })]
    [TestCase("\"a\\\"b\\\\c\\n\"", new[] { "a\"b\\c\\n" })]
    [TestCase("a\\ b 'c'\"d\"", new[] { "a b", "cd" })]
    [TestCase("''", new[] { "" })]
    [TestCase("", new string[0])]
    public void ShellSplitMatchesShlex(string input, string[] words) =>
        Assert.That(ShellSplit.Split(input), Is.EqualTo(words));

    [Test]
    public void ChartLayout()
    {
        var spec = CaseFileParser.Parse("#### case: a\n#### template\nT\n#### file: templates/x.yaml\nX\n", "t.cases")[0];
        var files = CaseChart.Files(spec);
        Assert.That(files, Is.EqualTo(new Dictionary<string, string>
        {
            ["Chart.yaml"] = "apiVersion: v2\nname: case\nversion: 0.1.0\n",
            ["values.yaml"] = "",
            ["templates/_case.tpl"] = "T",
            ["templates/out.yaml"] = "out: {{ include \"case/templates/_case.tpl\" . | b64enc }}",
            ["templates/x.yaml"] = "X",
        }));
    }
}

public class CorpusHelperTests
{
    // stdout shape printed by helm v4.1.4 for `helm template case <dir>` with template `a1b`
    [TestCase("---\n# Source: case/templates/out.yaml\nout: YTFi\n", "a1b")]
    [TestCase("---\n# Source: case/templates/out.yaml\nout:\n", "")] // empty template (lexing.cases empty-template)
    [TestCase("---\n# Source: case/templates/out.yaml\nout: //4=\n", null)]
    [TestCase("", null)]
    public void DecodeOutput(string stdout, string? expected) =>
        Assert.That(Corpus.DecodeOutput(stdout), Is.EqualTo(expected));
}
