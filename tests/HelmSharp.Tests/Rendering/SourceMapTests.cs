using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Template;
using HelmSharp.Tests.Diagnostics;
using NUnit.Framework;

namespace HelmSharp.Tests.Rendering;

/// <summary>
/// <see cref="HelmTemplateException.OutputOrigin"/> (Rendering/Output/SourceMap.cs, Template/Exec/OutputRecorder.cs): the
/// template positions that wrote the line of an invalid rendered manifest helm's message names. The chart
/// <c>testdata/charts/err-bad-yaml-origin</c> has one value set per way the bad line is written (the file's own text,
/// an include chain two deep printed through <c>nindent</c>, <c>tpl</c> over a value, a subchart's template, the second
/// document of a file); helm's own error line for each is its golden (checked by the golden runner and again here). The
/// expected positions are read off the chart's template files.
/// </summary>
[TestFixture]
public class SourceMapTests
{
    private const string Chart = "err-bad-yaml-origin";
    private const string Cm = Chart + "/templates/cm.yaml";

    private static string GoldenError(string set, int major) =>
        File.ReadAllText(Path.Combine(RepoWorkingDirectory.Root, "testdata/golden", Chart, $"{set}.helm{major}.err"));

    private static HelmTemplateException RenderError(string set, int major)
    {
        var options = new RenderOptions
        {
            ReleaseName = "golden",
            HelmVersion = major == 4 ? HelmVersion.V4 : HelmVersion.V3,
            ValueFiles = { Path.Combine(RepoWorkingDirectory.Root, "testdata/charts", Chart + ".values", set + ".yaml") },
        };
        var e = Assert.Throws<HelmTemplateException>(() => HelmChart.Render(Path.Combine(RepoWorkingDirectory.Root, "testdata/charts", Chart), options))!;
        // helm's own line is unchanged (the golden runner compares the CLI's whole output too)
        Assert.That("Error: " + e.Message + "\n\nUse --debug flag to render out invalid YAML\n", Is.EqualTo(GoldenError(set, major)));
        return e;
    }

    private static string[] Frames(TemplateOutputWriter w) => w.CallStack.Select(f => f.ToString()).ToArray();

    private static TemplateOutputLine OnlyLine(HelmTemplateException e, string file, int documentIndex)
    {
        var origin = e.OutputOrigin;
        Assert.That(origin, Is.Not.Null);
        Assert.That(origin!.File, Is.EqualTo(file));
        Assert.That(origin.DocumentIndex, Is.EqualTo(documentIndex));
        Assert.That(origin.Lines, Has.Count.EqualTo(1), "the reader's problem is on the line helm names");
        return origin.Lines[0];
    }

    [Test]
    public void TheFilesOwnText([Values(4, 3)] int major)
    {
        var line = OnlyLine(RenderError("own", major), Cm, 0);
        Assert.That((line.DocumentLine, line.RenderedLine, line.Text, line.Column), Is.EqualTo((10, 10, "  own: : here", 7)));
        Assert.That(line.Writers, Has.Count.EqualTo(1));
        Assert.That(line.WriterAtColumn, Is.SameAs(line.Writers[0]));
        Assert.That((line.Writers[0].StartColumn, line.Writers[0].EndColumn, line.Writers[0].Text), Is.EqualTo((0, 13, "  own: : here")));
        Assert.That(Frames(line.Writers[0]), Is.EqualTo(new[] { $"at {Cm} (file) {Cm}:10:0" }));
        Assert.That(line.Writers[0].Position.Node, Is.Null, "literal text");
    }

    [Test]
    public void AnIncludeChainTwoDeepPrintedThroughNindent([Values(4, 3)] int major)
    {
        var line = OnlyLine(RenderError("include", major), Cm, 0);
        Assert.That((line.DocumentLine, line.RenderedLine, line.Text, line.Column), Is.EqualTo((8, 8, "    bad: : label", 9)));
        // the indentation is nindent's (the action in cm.yaml), the rest the text of the inner define
        Assert.That(line.Writers.Select(w => (w.StartColumn, w.EndColumn, w.Text)), Is.EqualTo(new[] { (0, 4, "    "), (4, 16, "bad: : label") }));
        Assert.That(Frames(line.WriterAtColumn!), Is.EqualTo(new[]
        {
            $"at origin.extra (include) {Chart}/templates/_helpers.tpl:9:0",
            $"at origin.labels (include) {Chart}/templates/_helpers.tpl:3:3 <include \"origin.extra\" .>",
            $"at {Cm} (file) {Cm}:6:8 <include \"origin.labels\" .>",
        }));
        Assert.That(line.Writers[0].Position.ToString(), Is.EqualTo($"at {Cm} (file) {Cm}:6:8 <{{{{include \"origin.labels\" . | nindent 4}}}}>"));
    }

    [Test]
    public void TplOverAValue([Values(4, 3)] int major)
    {
        var line = OnlyLine(RenderError("tpl", major), Cm, 0);
        Assert.That((line.DocumentLine, line.RenderedLine, line.Text, line.Column), Is.EqualTo((11, 11, "  k2: oops: bad", 10)));
        Assert.That(line.WriterAtColumn!.Text, Is.EqualTo(": bad"));
        // line 2 of the value's text, column 22: after "k2: {{ .Values.word }}"
        Assert.That(Frames(line.WriterAtColumn), Is.EqualTo(new[]
        {
            "at gotpl (tpl) gotpl:2:22",
            $"at {Cm} (file) {Cm}:13:3 <tpl .Values.block .>",
        }));
        Assert.That(line.Writers.Select(w => w.Text), Is.EqualTo(new[] { "  ", "k2: ", "oops", ": bad" }));
        Assert.That(line.Writers[2].Position.ToString(), Does.StartWith("at gotpl (tpl) gotpl:2:"), "the value's action");
    }

    [Test]
    public void ASubchartsTemplate([Values(4, 3)] int major)
    {
        const string s = Chart + "/charts/sub/templates/s.yaml";
        var line = OnlyLine(RenderError("subchart", major), s, 0);
        Assert.That((line.DocumentLine, line.RenderedLine, line.Text, line.Column), Is.EqualTo((6, 6, "  k: oops: bad", 9)));
        Assert.That(line.WriterAtColumn!.Text, Is.EqualTo(": bad"));
        Assert.That(Frames(line.WriterAtColumn), Is.EqualTo(new[] { $"at {s} (file) {s}:7:40" }));
    }

    [Test]
    public void TheSecondDocumentOfAFileWithNoValueDropped([Values(4, 3)] int major)
    {
        const string m = Chart + "/templates/multi.yaml";
        var line = OnlyLine(RenderError("multidoc", major), m, 1);
        // helm counts lines in the document; the file's line 11 (the first document and "---" take 5)
        Assert.That((line.DocumentLine, line.RenderedLine, line.Text, line.Column), Is.EqualTo((6, 11, "  x: oops: bad", 9)));
        Assert.That(line.WriterAtColumn!.Text, Is.EqualTo(": bad"));
        // 10 characters of "<no value>" were written before it and dropped by helm: the position is still the template's
        Assert.That(Frames(line.WriterAtColumn), Is.EqualTo(new[] { $"at {m} (file) {m}:12:41" }));
        Assert.That(line.Writers.Select(w => w.Text), Is.EqualTo(new[] { "  x: ", "oops", ": bad" }));
    }

    [Test]
    public void TheCliPrintsTheOriginAfterHelmsLinesOnlyWithTheFlag()
    {
        var args = new[] { "template", "golden", "testdata/charts/" + Chart, "-f", $"testdata/charts/{Chart}.values/include.yaml" };
        var (code, stdout, stderr) = RepoWorkingDirectory.Run(() => CallStackTests.Cli(args));
        Assert.That((code, stdout, stderr), Is.EqualTo((1, "", GoldenError("include", 4))), "helm's output, byte for byte");
        (code, stdout, stderr) = RepoWorkingDirectory.Run(() => CallStackTests.Cli([.. args, "--call-stack"]));
        Assert.That((code, stdout), Is.EqualTo((1, "")));
        Assert.That(stderr, Is.EqualTo(GoldenError("include", 4) +
            $"Rendered line 8 of {Cm} (line 8 of document 1), column 9: \"    bad: : label\"\n" +
            "  \"bad: : label\" was written by:\n" +
            $"    at origin.extra (include) {Chart}/templates/_helpers.tpl:9:0\n" +
            $"    at origin.labels (include) {Chart}/templates/_helpers.tpl:3:3 <include \"origin.extra\" .>\n" +
            $"    at {Cm} (file) {Cm}:6:8 <include \"origin.labels\" .>\n"));
    }

    private const string ChartYaml = "apiVersion: v2\nname: c\nversion: 0.1.0\n";

    private static HelmTemplateException InlineError(params (string, string)[] files)
    {
        var request = new TemplateRequest { ReleaseName = "r", HelmMajor = 4 };
        return Assert.Throws<HelmTemplateException>(() => HelmTemplate.Render(CallStackTests.Load(4, files), request))!;
    }

    [Test]
    public void OutputThatChangesBetweenRendersGivesNoOrigin()
    {
        var e = InlineError(("Chart.yaml", ChartYaml), ("templates/cm.yaml", "a: 1\nb: {{ randAlphaNum 8 }}: x\n"));
        Assert.That(e.Message, Does.Contain("yaml: line 2: mapping values are not allowed"));
        Assert.That(e.OutputOrigin, Is.Null);
        // the same line without the random part has one
        var same = InlineError(("Chart.yaml", ChartYaml), ("templates/cm.yaml", "a: 1\nb: {{ \"abcdefgh\" }}: x\n"));
        Assert.That(same.OutputOrigin!.Lines[0].WriterAtColumn!.Position.ToString(), Is.EqualTo("at c/templates/cm.yaml (file) c/templates/cm.yaml:2:19"));
    }

    [Test]
    public void ErrorsThatNameNoRenderedLineHaveNoOrigin()
    {
        // a decoding error after the YAML was read (no line) and a template execution error
        var notAHead = InlineError(("Chart.yaml", ChartYaml), ("templates/cm.yaml", "- 1\n- 2\n"));
        Assert.That(notAHead.Message, Does.Not.Contain("yaml: line"));
        Assert.That(notAHead.OutputOrigin, Is.Null);
        var exec = InlineError(("Chart.yaml", ChartYaml), ("templates/cm.yaml", "a: {{ fail \"no\" }}\n"));
        Assert.That(exec.OutputOrigin, Is.Null);
        Assert.That(exec.CallStack, Is.Not.Empty);
    }

    [Test]
    public void AParserErrorAlsoNamesTheLineTheReaderStoppedAt()
    {
        // go-yaml names the line before the one its parser stopped at
        var e = InlineError(("Chart.yaml", ChartYaml), ("values.yaml", "ind: \" \"\n"),
            ("templates/cm.yaml", "a:\n  b: 1\n{{ .Values.ind }}c: 2\n"));
        var origin = e.OutputOrigin!;
        Assert.That(origin.Lines, Has.Count.EqualTo(2));
        Assert.That((origin.Lines[0].RenderedLine, origin.Lines[0].Column), Is.EqualTo((2, (int?)null)));
        Assert.That((origin.Lines[1].RenderedLine, origin.Lines[1].Text, origin.Lines[1].Column), Is.EqualTo((3, " c: 2", 1)));
        Assert.That(origin.Lines[1].WriterAtColumn!.Position.ToString(), Is.EqualTo("at c/templates/cm.yaml (file) c/templates/cm.yaml:3:17"));
        Assert.That(origin.Lines[1].Writers[0].Position.ToString(), Is.EqualTo("at c/templates/cm.yaml (file) c/templates/cm.yaml:3:3 <{{.Values.ind}}>"));
    }
}
