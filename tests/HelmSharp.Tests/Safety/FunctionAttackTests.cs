using NUnit.Framework;
using static HelmSharp.Tests.Safety.Hostile;

namespace HelmSharp.Tests.Safety;

/// <summary>Huge counts, widths and hostile regular expressions in template functions.</summary>
[TestFixture]
public class FunctionAttackTests
{
    // helm v4.1.4 on `x: {{ CALL | len }}`: repeat 2e9 "ab" succeeds after 16 s with 4 GB of memory; nindent 2e9
    // succeeds with 6 GB; indent/randAlphaNum/randBytes/until/untilStep/seq 2e9 were still running (or killed
    // for memory) after 25 s. We refuse such sizes up front with a clean error at the call site.
    [TestCase("repeat 2000000000 \"ab\"", "repeat")]
    [TestCase("indent 2000000000 \"a\"", "indent")]
    [TestCase("nindent 2000000000 \"a\"", "nindent")]
    [TestCase("randAlphaNum 2000000000", "randAlphaNum")]
    [TestCase("randBytes 2000000000", "randBytes")]
    [TestCase("until 2000000000", "until")]
    [TestCase("untilStep 0 2000000000 1", "untilStep")]
    [TestCase("seq 2000000000", "seq")]
    public void HugeCountsFailFastAtTheCallSite(string call, string name)
    {
        var msg = RenderError(Tpl("x: {{ " + call + " | len }}"), seconds: 60);
        Assert.That(msg, Does.StartWith("template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <" + call + ">: error calling " + name + ": "));
    }

    [TestCase("printf \"%999999999d\" 1", "25")]
    [TestCase("printf \"%2000000000d\" 1", "25")]
    [TestCase("printf \"%.999999999f\" 1.0", "29")]
    [TestCase("trunc 2000000000 \"abc\"", "3")]
    public void HugeWidthsAreGosBadWidth(string call, string helmLen)
    {
        // helm v4.1.4 `x: {{ CALL | len }}`: Go's fmt rejects widths/precisions above 1e6 (%!(BADWIDTH)...).
        Assert.That(Render(Tpl("x: {{ " + call + " | len }}")), Is.EqualTo(Doc("x: " + helmLen)));
    }

    [Test]
    public void CatastrophicBacktrackingPatternIsLinear()
    {
        // helm v4.1.4: RE2 semantics, `(a+)+$` against 30000 a's then b answers false instantly.
        Assert.That(Render(Tpl("x: {{ mustRegexMatch \"(a+)+$\" (printf \"%sb\" (repeat 30000 \"a\")) }}"), seconds: 60), Is.EqualTo(Doc("x: false")));
        Assert.That(Render(Tpl("x: {{ regexFind \"(x+x+)+y\" (repeat 20000 \"x\") | len }}"), seconds: 60), Is.EqualTo(Doc("x: 0")));
    }

    [TestCase("a{1000}{1000}", "error parsing regexp: invalid nested repetition operator: `{1000}{1000}`")]
    [TestCase("a{1001}", "error parsing regexp: invalid repeat count: `{1001}`")]
    [TestCase("((a{100}){100}){100}", "error parsing regexp: invalid repeat count: `{100}`")]
    public void HugeRepetitionCountsAreGosParseErrors(string pattern, string goError)
    {
        // helm v4.1.4 `x: {{ mustRegexMatch "PATTERN" "a" }}`; regexMatch swallows the error and prints false.
        var msg = RenderError(Tpl("x: {{ mustRegexMatch \"" + pattern + "\" \"a\" }}"));
        Assert.That(msg, Is.EqualTo("template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <mustRegexMatch \"" + pattern + "\" \"a\">: error calling mustRegexMatch: " + goError));
        Assert.That(Render(Tpl("x: {{ regexMatch \"" + pattern + "\" \"a\" }}")), Is.EqualTo(Doc("x: false")));
    }

    [Test]
    public void DeeplyNestedRegexGroups()
    {
        // helm v4.1.4: 1001 nested groups -> "error parsing regexp: expression nests too deeply"; regexMatch
        // with 100000 nested groups prints false.
        var pattern = new string('(', 1001) + "a" + new string(')', 1001);
        Assert.That(RenderError(Tpl("x: {{ mustRegexMatch \"" + pattern + "\" \"a\" }}")), Does.EndWith("error calling mustRegexMatch: error parsing regexp: expression nests too deeply: `" + pattern + "`"));
        var huge = new string('(', 100_000) + "a" + new string(')', 100_000);
        Assert.That(Render(Tpl("x: {{ regexMatch \"" + huge + "\" \"a\" }}"), seconds: 60), Is.EqualTo(Doc("x: false")));
    }

    [TestCase("{{ $s := \"a\" }}{{ range until 40 }}{{ $s = cat $s $s }}{{ end }}x: {{ len $s }}", "1:43", "cat $s $s", "cat")]
    [TestCase("{{ $s := \"a\" }}{{ range until 40 }}{{ $s = printf \"%s%s\" $s $s }}{{ end }}x: {{ len $s }}", "1:43", "printf \"%s%s\" $s $s", "printf")]
    [TestCase("{{ $s := list 1 }}{{ range until 40 }}{{ $s = concat $s $s }}{{ end }}x: {{ len $s }}", "1:46", "concat $s $s", "concat")]
    public void DoublingLoopsHitTheSizeLimit(string template, string pos, string call, string name)
    {
        // helm v4.1.4 was still running (growing towards 2^40 elements) when killed after 25 s.
        var req = new HelmSharp.Rendering.TemplateRequest { EngineOptions = new HelmSharp.Template.TemplateOptions { MaxOutputBytes = 16 << 20 } };
        Assert.That(RenderError(Tpl(template), req), Is.EqualTo("template: c/templates/a.yaml:" + pos + ": executing \"c/templates/a.yaml\" at <" + call + ">: error calling " + name + ": result exceeds the output limit of 16777216 bytes"));
    }

    private const string Deep5000 = "{{ $d := dict }}{{ range until 5000 }}{{ $d = dict \"a\" $d }}{{ end }}";
    private const string Deep100k = "{{ $d := dict }}{{ range until 100000 }}{{ $d = dict \"a\" $d }}{{ end }}";

    [TestCase("toJson $d | len", "30002")]
    [TestCase("print $d | len", "35005")]
    [TestCase("deepCopy $d | len", "1")]
    [TestCase("deepEqual $d (dict \"a\" $d)", "false")]
    [TestCase("toYaml $d | len", "25010002")]
    public void FiveThousandLevelDictsWork(string expr, string helm)
    {
        // helm v4.1.4 `x: {{ EXPR }}` on a dict nested 5000 deep built in the template
        Assert.That(Render(Tpl(Deep5000 + "x: {{ " + expr + " }}")), Is.EqualTo(Doc("x: " + helm)));
    }

    [TestCase("print $d | len", "print $d")]
    [TestCase("deepCopy $d | len", "deepCopy $d")]
    [TestCase("deepEqual $d (dict \"a\" $d)", "deepEqual $d (dict \"a\" $d)")]
    [TestCase("mergeOverwrite (dict) $d (deepCopy $d) | len", "deepCopy $d")]
    public void HundredThousandLevelDictsAreCleanErrors(string expr, string call)
    {
        // Deviation: helm v4.1.4 prints 700005 for `print`, false for deepEqual, and runs out of time on
        // deepCopy/mergeOverwrite (killed after 25 s). We stop at 10000 levels with an error at the call.
        var msg = RenderError(Tpl(Deep100k + "x: {{ " + expr + " }}"));
        Assert.That(msg, Does.StartWith("template: c/templates/a.yaml:1:"));
        Assert.That(msg, Does.Contain(" at <" + call + ">: error calling "));
    }

    [TestCase("toJson $d | len")]
    [TestCase("toYaml $d | len")]
    public void HundredThousandLevelDictsInEncodersGiveEmptyOutput(string expr)
    {
        // helm v4.1.4: toYaml prints 0 (sigs.k8s.io/yaml's 10000 depth limit); toJson prints 600002 (Go's
        // encoder has no depth limit). Deviation for toJson: our encoder stops at 10000 levels and returns "".
        Assert.That(Render(Tpl(Deep100k + "x: {{ " + expr + " }}")), Is.EqualTo(Doc("x: 0")));
    }
}
