using System.Text;
using HelmSharp.Template;
using HelmSharp.Template.Functions;
using NUnit.Framework;

namespace HelmSharp.Tests.Template;

/// <summary>Limits, hostile input, cancellation and thread safety.</summary>
[TestFixture]
public class EngineSafetyTests
{
    private static T OnSmallStack<T>(Func<T> f)
    {
        T result = default!;
        Exception? error = null;
        var t = new Thread(() => { try { result = f(); } catch (Exception e) { error = e; } }, 1024 * 1024);
        t.Start();
        t.Join();
        if (error != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return result;
    }

    [Test]
    public void TenThousandNestedParensWorkOnASmallStack()
    {
        var text = "{{ " + new string('(', 10000) + "1" + new string(')', 10000) + " }}";
        var outcome = OnSmallStack(() =>
        {
            var set = EngineTestHost.NewSet();
            try { set.Parse("x", text); return set.Execute("x", null); }
            catch (TemplateException e) { return e.Message; }
        });
        // Go accepts 10000 nested parentheses; the work moves to a large-stack thread.
        Assert.That(outcome, Is.EqualTo("1"));
    }

    [Test]
    public void TooManyNestedParensIsGosParseError()
    {
        // Go: maxStackDepth = 10000 nested parenthesised pipelines.
        var text = "{{ " + new string('(', 10001) + "1" + new string(')', 10001) + " }}";
        var ex = OnSmallStack(() =>
        {
            var set = EngineTestHost.NewSet();
            try { set.Parse("x", text); return null; }
            catch (TemplateParseException e) { return e; }
        });
        Assert.That(ex, Is.Not.Null);
        Assert.That(ex!.Message, Is.EqualTo("template: x:1: max expression depth exceeded"));
    }

    [Test]
    public void DeeplyNestedIfsWorkOnASmallStack()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 9000; i++) sb.Append("{{if 1}}");
        sb.Append('x');
        for (int i = 0; i < 9000; i++) sb.Append("{{end}}");
        var outcome = OnSmallStack(() =>
        {
            var set = EngineTestHost.NewSet();
            try { set.Parse("x", sb.ToString()); return set.Execute("x", null); }
            catch (TemplateException e) { return "error: " + e.Message; }
        });
        Assert.That(outcome, Is.EqualTo("x"));
    }

    [Test]
    public void InfiniteTemplateRecursionGivesGosDepthError()
    {
        // helm v3.17.3, templates/x.yaml = `# {{ define "t" }}{{ template "t" . }}{{ end }}{{ template "t" . }}`:
        // the error is Go's maxExecDepth message (checked in HelmVerifiedTests); here on a 1 MiB stack.
        var msg = OnSmallStack(() =>
        {
            var set = EngineTestHost.NewSet();
            set.Parse("x", "{{ define \"t\" }}{{ template \"t\" . }}{{ end }}{{ template \"t\" . }}");
            try { set.Execute("x", null); return ""; }
            catch (TemplateException e) { return e.Message; }
        });
        Assert.That(msg, Is.EqualTo("template: x:1:28: executing \"t\" at <{{template \"t\" .}}>: exceeded maximum template depth (100000)"));
    }

    [Test]
    public void InfiniteIncludeRecursionIsACleanException()
    {
        var ex = OnSmallStack(() =>
        {
            var set = EngineTestHost.NewSet();
            set.Parse("x", "{{ define \"t\" }}{{ include \"t\" . }}{{ end }}{{ include \"t\" . }}");
            try { set.Execute("x", null); return null; }
            catch (TemplateException e) { return e; }
        });
        Assert.That(ex, Is.Not.Null);
        Assert.That(ex, Is.InstanceOf<TemplateLimitException>());
    }

    [Test]
    public void AbsurdNestingIsACleanParseError()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) sb.Append("{{if 1}}");
        var ex = OnSmallStack(() =>
        {
            var set = EngineTestHost.NewSet();
            try { set.Parse("x", sb.ToString()); return null; }
            catch (TemplateParseException e) { return e; }
        });
        Assert.That(ex, Is.Not.Null);
        // Go has no limit on nested blocks (helm dies beyond ~600000 with a goroutine stack overflow); ours is 100000.
        Assert.That(ex!.Message, Is.EqualTo("template: x:1: exceeded maximum nesting depth of if/range/with/block (100000)"));
    }

    [Test]
    public void OutputCapIsEnforced()
    {
        var set = new TemplateSet(EngineTestHost.Functions, new TemplateOptions { MaxOutputBytes = 500 });
        set.Parse("x", "{{ range $i := list 1 2 3 4 5 6 7 8 9 10 }}{{ range list 1 2 3 4 5 6 7 8 9 10 }}0123456789{{ end }}{{ end }}");
        var ex = Assert.Throws<TemplateLimitException>(() => set.Execute("x", null))!;
        Assert.That(ex.Message, Does.Contain("500"));
    }

    [Test]
    public void CancellationStopsARangeLoop()
    {
        var set = EngineTestHost.NewSet();
        set.Parse("x", "{{ range $i := .a }}{{ range $.a }}{{ range $.a }}.{{ end }}{{ end }}{{ end }}");
        var data = new Dictionary<string, object?> { ["a"] = Enumerable.Range(0, 1000).Select(i => (object?)(nint)i).ToArray() };
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Catch<OperationCanceledException>(() => set.Execute("x", data, cts.Token));
    }

    [Test]
    public void ExecutingOneSetFromManyThreadsIsSafe()
    {
        var set = EngineTestHost.NewSet();
        set.Parse("x", "{{ define \"h\" }}<{{ . }}>{{ end }}{{ range $i, $v := .l }}{{ $k := $v }}{{ include \"h\" $k }}{{ template \"h\" $i }}{{ end }}{{ tpl \"{{ .n }}\" . }}");
        var results = new string?[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var data = new Dictionary<string, object?> { ["l"] = new object?[] { "a" + i, "b" + i }, ["n"] = (nint)i };
            for (int k = 0; k < 50; k++) results[i] = set.Execute("x", data);
        });
        for (int i = 0; i < results.Length; i++)
            Assert.That(results[i], Is.EqualTo("<a" + i + "><0><b" + i + "><1>" + i));
    }

    [Test]
    public void TplOverlayDoesNotLeakIntoTheSet()
    {
        var set = EngineTestHost.NewSet();
        set.Parse("x", "{{ tpl \"{{ define \\\"q\\\" }}Q{{ end }}{{ include \\\"q\\\" . }}\" . }}");
        Assert.That(set.Execute("x", null), Is.EqualTo("Q"));
        Assert.That(set.Contains("q"), Is.False);
        Assert.That(set.Contains("gotpl"), Is.False);
    }

    [Test]
    public void UnknownTemplateNamesTheRoot()
    {
        var set = EngineTestHost.NewSet();
        set.Parse("x", "a");
        var ex = Assert.Throws<TemplateExecException>(() => set.Execute("nope", null))!;
        Assert.That(ex.Message, Is.EqualTo("template: no template \"nope\" associated with template \"gotpl\""));
    }

    [Test]
    public void RootNameDefaultsToFirstParsedTemplate()
    {
        var set = new TemplateSet(EngineTestHost.Functions);
        set.Parse("first", "a");
        set.Parse("second", "b");
        Assert.That(set.RootName, Is.EqualTo("first"));
    }

    [Test]
    public void FunctionsThrowingUnexpectedExceptionsAreWrapped()
    {
        var reg = new FunctionRegistry();
        reg.Add(new GoFunction("boom", [], false, (_, _) => throw new InvalidOperationException("bad")));
        var set = new TemplateSet(reg.Freeze());
        set.Parse("x", "{{ boom }}");
        var ex = Assert.Throws<TemplateExecException>(() => set.Execute("x", null))!;
        Assert.That(ex.Message, Is.EqualTo("template: x:1:3: executing \"x\" at <boom>: error calling boom: bad"));
        Assert.That(ex.Line, Is.EqualTo(1));
        Assert.That(ex.Column, Is.EqualTo(3));
        Assert.That(ex.Node, Is.EqualTo("boom"));
        Assert.That(ex.Detail, Is.EqualTo("error calling boom: bad"));
    }
}
