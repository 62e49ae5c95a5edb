using HelmSharp.Helm;
using HelmSharp.Template;
using HelmSharp.Template.Caching;
using HelmSharp.Template.Functions;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Caching;

/// <summary>
/// Templates built to break a naive include cache (mutation between calls, mutation inside the
/// define, shared nested maps, non-deterministic functions): with the memoizing function map the
/// output must equal the plain engine's.
/// </summary>
public sealed class IncludeMemoTests
{
    private static string Run(string text, object? data, bool memo, long? maxOutputBytes = null)
    {
        var fns = HelmFunctions.For(4);
        var set = new TemplateSet(memo ? IncludeMemo.Wrap(fns) : fns, new TemplateOptions { MissingKey = MissingKey.Zero, MaxOutputBytes = maxOutputBytes }) { RootName = "gotpl" };
        set.Parse("t", text);
        return set.Execute("t", data);
    }

    private static Dictionary<string, object?> Data() => new()
    {
        ["Values"] = new Dictionary<string, object?> { ["n"] = (nint)1, ["inner"] = new Dictionary<string, object?> { ["x"] = "a" } },
    };

    [TestCase("""{{define "v"}}{{.Values.n}}{{end}}{{include "v" .}}{{$_ := set .Values "n" 2}}{{include "v" .}}""", "12")]
    [TestCase("""{{define "c"}}{{$_ := set .Values "n" (add1 .Values.n)}}{{.Values.n}}{{end}}{{include "c" .}}{{include "c" .}}{{include "c" .}}""", "234")]
    [TestCase("""{{define "i"}}{{.d.x}}{{end}}{{$d := dict "d" .Values.inner}}{{include "i" $d}}{{$_ := set .Values.inner "x" "b"}}{{include "i" (dict "d" .Values.inner)}}""", "ab")]
    [TestCase("""{{define "m"}}{{$c := deepCopy .Values.inner}}{{$_ := mergeOverwrite $c (dict "y" "z")}}{{toJson $c}}{{end}}{{include "m" .}}{{include "m" .}}{{toJson .Values.inner}}""", """{"x":"a","y":"z"}{"x":"a","y":"z"}{"x":"a"}""")]
    [TestCase("""{{define "e"}}{{$_ := merge .Values.inner (dict "k" "v")}}{{len .Values.inner}}{{end}}{{include "e" .}}{{$_ := unset .Values.inner "k"}}{{include "e" .}}""", "22")]
    [TestCase("""{{define "s"}}{{$d := dict "a" 1}}{{$_ := set $d "b" .}}{{len $d}}{{end}}{{include "s" 1}}{{include "s" 1}}{{include "s" "1"}}""", "222")]
    [TestCase("""{{define "tp"}}{{tpl "{{ .n }}" .}}{{end}}{{include "tp" .Values}}{{$_ := set .Values "n" 5}}{{include "tp" .Values}}""", "15")]
    [TestCase("""{{define "o"}}{{.}}{{end}}{{include "o" 1}}{{include "o" "1"}}{{include "o" 1.5}}{{include "o" (int64 1)}}""", "111.51")]
    [TestCase("""{{define "f"}}{{index . 0}}{{end}}{{$l := splitList "," "b,a"}}{{include "f" $l}}{{$_ := sortAlpha $l}}{{include "f" $l}}""", "ba")]
    // A map made inside a define (keyed by identity: more than 16 entries) is read by a stored result, then written to.
    [TestCase("""{{define "show"}}{{get . "k"}}{{end}}{{define "outer"}}{{$d := dict "k" 1 "a1" 1 "a2" 1 "a3" 1 "a4" 1 "a5" 1 "a6" 1 "a7" 1 "a8" 1 "a9" 1 "a10" 1 "a11" 1 "a12" 1 "a13" 1 "a14" 1 "a15" 1 "a16" 1}}{{include "show" $d}}{{$_ := set $d "k" 2}}{{include "show" $d}}{{$_ := unset $d "k"}}[{{include "show" $d}}]{{end}}{{include "outer" .}}{{include "outer" .}}""", "12[]12[]")]
    [TestCase("""{{define "show"}}{{.k}}{{end}}{{define "outer"}}{{$d := deepCopy .big}}{{include "show" $d}}{{$_ := mergeOverwrite $d (dict "k" "m")}}{{include "show" $d}}{{end}}{{include "outer" (dict "big" (dict "k" 1 "a1" 1 "a2" 1 "a3" 1 "a4" 1 "a5" 1 "a6" 1 "a7" 1 "a8" 1 "a9" 1 "a10" 1 "a11" 1 "a12" 1 "a13" 1 "a14" 1 "a15" 1 "a16" 1))}}""", "1m")]
    // A result written straight into the output is kept as text; later calls take it as a string, piped, or written again
    // (5a8aa836: the first bytes of the SHA-1 of the UTF-8 of "<2é😀>", as Python hashlib gives them).
    [TestCase("""{{define "w"}}<{{.}}>{{end}}{{include "w" 1}}|{{$s := include "w" 1}}{{$s}}|{{include "w" 1 | upper}}|{{include "w" 1 | nindent 2}}|{{include "w" 1}}""", "<1>|<1>|<1>|\n  <1>|<1>")]
    [TestCase("""{{define "w"}}<{{.}}é😀>{{end}}{{$s := include "w" 2}}{{include "w" 2 | quote}}|{{include "w" 2}}|{{$s}}|{{include "w" 2 | sha1sum | trunc 8}}""", "\"<2é😀>\"|<2é😀>|<2é😀>|5a8aa836")]
    public void MemoMatchesPlainEngine(string template, string expected)
    {
        // Expected values are Go text/template + Sprig semantics (the same as `helm template` prints for these bodies).
        var plain = Run(template, Data(), memo: false);
        var memo = Run(template, Data(), memo: true);
        Assert.That(plain, Is.EqualTo(expected));
        Assert.That(memo, Is.EqualTo(plain));
    }

    [Test]
    public void NonDeterministicDefinesAreNotMemoized()
    {
        var t = """{{define "r"}}{{randAlphaNum 24}}{{end}}{{include "r" .}} {{include "r" .}}""";
        var memo = Run(t, Data(), memo: true).Split(' ');
        Assert.That(memo[0], Has.Length.EqualTo(24));
        Assert.That(memo[1], Is.Not.EqualTo(memo[0]));
        var u = """{{define "u"}}{{uuidv4}}{{end}}{{include "u" 1}} {{include "u" 1}}""";
        var ids = Run(u, null, memo: true).Split(' ');
        Assert.That(ids[1], Is.Not.EqualTo(ids[0]));
    }

    [TestCase(1500, true)]
    [TestCase(1600, true)]
    [TestCase(3029, true)]
    [TestCase(3030, false)]
    public void OutputLimitTripsAsWithoutTheMemo(long limit, bool trips)
    {
        // Each round includes "k" twice: 100 bytes written inside each execution, plus the 100-byte result and
        // its 3-byte length written by the caller: 10 × 303 = 3030 bytes counted by the plain engine. From the
        // second include on the memo answers, and must count the bytes its execution would have written.
        var t = """{{define "k"}}{{repeat 100 "x"}}{{end}}{{range until 10}}{{include "k" 1}}{{include "k" 1 | len}}{{end}}""";
        string? Outcome(bool memo)
        {
            try { return Run(t, null, memo, limit); }
            catch (TemplateException e) when (e.Message.Contains("output exceeds the limit", StringComparison.Ordinal)) { return "limit: " + e.Message; }
        }
        var plain = Outcome(memo: false);
        Assert.That(plain!.StartsWith("limit: ", StringComparison.Ordinal), Is.EqualTo(trips), plain);
        Assert.That(Outcome(memo: true), Is.EqualTo(plain));
    }

    /// <summary>
    /// <c>{{ include "u" 1 }}</c> as a whole action writes its result straight into the output; it must count the same
    /// bytes (multi-byte and surrogate-pair text across buffer chunks included) as printing the returned string does
    /// (<c>| toString</c> makes the same call an ordinary one).
    /// </summary>
    [Test]
    public void StreamedIncludeCountsLikeAPrintedOne()
    {
        const string body = """{{define "u"}}{{repeat 300 "é😀a"}}{{end}}""";
        string Outcome(string call, bool memo, long limit)
        {
            try { return Run(body + "{{range until 3}}" + call + "{{end}}", null, memo, limit); }
            catch (TemplateException e) when (e.Message.Contains("output exceeds the limit", StringComparison.Ordinal)) { return "limit"; }
        }
        // 300 × (2 + 4 + 1) = 2100 bytes written inside and 2100 printed, three times: 12600.
        foreach (var limit in new long[] { 2099, 2100, 4199, 4200, 12599, 12600 })
            foreach (var memo in new[] { false, true })
            {
                var printed = Outcome("""{{include "u" 1 | toString}}""", memo, limit);
                Assert.That(Outcome("""{{include "u" 1}}""", memo, limit), Is.EqualTo(printed), $"limit {limit} memo {memo}");
                Assert.That(printed == "limit", Is.EqualTo(limit < 12600), $"limit {limit} memo {memo}");
            }
    }

    /// <summary>
    /// The memo keeps at most <see cref="MemoState.RetainedChars"/> characters of results, dropping the oldest first:
    /// results pushed out are executed again, and a later drop of results made since a written object existed still
    /// finds the right ones.
    /// </summary>
    /// <summary>Results written into the output are kept in the memo's text arena while it has room, then as strings.</summary>
    [Test]
    public void StreamedResultsBeyondTheArenaAreKeptAsStrings()
    {
        const string t = """{{define "big"}}{{repeat 300000 .}}{{end}}{{range $r := until 2}}{{range $i := until 5}}{{include "big" (printf "%d" $i)}};{{end}}{{end}}""";
        var plain = Run(t, null, memo: false);
        Assert.That(plain.Length, Is.EqualTo(10 * 300001));
        Assert.That(Run(t, null, memo: true), Is.EqualTo(plain));
    }

    [Test]
    public void EvictedResultsAreExecutedAgain()
    {
        const string t = """
            {{define "big"}}{{repeat 300000 .}}{{end}}{{define "show"}}{{get . "k"}}{{end}}
            {{range $r := until 2}}{{range $i := until 5}}{{include "big" (printf "%d" $i) | len}},{{include "big" (printf "%d" $i) | trunc 2}};{{end}}{{end}}
            {{define "outer"}}{{$d := dict "k" 1 "a1" 1 "a2" 1 "a3" 1 "a4" 1 "a5" 1 "a6" 1 "a7" 1 "a8" 1 "a9" 1 "a10" 1 "a11" 1 "a12" 1 "a13" 1 "a14" 1 "a15" 1 "a16" 1}}{{include "big" "x" | len}}{{include "show" $d}}{{$_ := set $d "k" 2}}{{include "show" $d}}{{end}}
            {{include "outer" .}}{{include "outer" .}}
            """;
        Assert.That(MemoState.RetainedChars, Is.LessThan(5 * 300000), "the template must overflow what the memo keeps");
        var plain = Run(t, null, memo: false);
        Assert.That(plain, Does.Contain("300000,00;300000,11;300000,22;300000,33;300000,44;"));
        Assert.That(plain, Does.EndWith("3000001230000012"));
        Assert.That(Run(t, null, memo: true), Is.EqualTo(plain));
    }

    [Test]
    public void NestedIncludesTripTheOutputLimitWithTheMemo()
    {
        // Bytes written by nested includes: both engines fail with the limit error (the plain one nests one
        // "error calling include" per level; a memo hit reports it once).
        var t = """{{define "in"}}{{repeat 100 "y"}}{{end}}{{define "out"}}{{include "in" 1}}{{end}}{{range until 10}}{{include "out" 1 | len}}{{end}}""";
        foreach (var memo in new[] { false, true })
        {
            var e = Assert.Catch<TemplateException>(() => Run(t, null, memo, 700));
            Assert.That(e!.Message, Does.Contain("output exceeds the limit of 700 bytes"), memo ? "memo" : "plain");
        }
        Assert.That(Run(t, null, true, 2030), Is.EqualTo(string.Concat(Enumerable.Repeat("100", 10))));
    }

    // A function added to the registry: the memo reads only what it declares (a counter shows whether a result was reused).
    private static string RunWithCounter(FunctionEffects effects)
    {
        int n = 0;
        var fns = HelmFunctions.For(4).Clone().Add(new GoFunction("tick", [], false, (_, _) => (nint)(++n), effects: effects));
        var set = new TemplateSet(IncludeMemo.Wrap(fns.Freeze()), new TemplateOptions { MissingKey = MissingKey.Zero }) { RootName = "gotpl" };
        set.Parse("t", """{{define "tk"}}{{tick}}{{end}}{{include "tk" 1}}{{include "tk" 1}}{{include "tk" 1}}""");
        return set.Execute("t", null);
    }

    [Test]
    public void AnUndeclaredFunctionIsImpure() => Assert.That(RunWithCounter(FunctionEffects.Undeclared), Is.EqualTo("123"));

    [Test]
    public void AFunctionThatReadsOutsideItsArgumentsIsImpure() => Assert.That(RunWithCounter(FunctionEffects.ReadsOutside), Is.EqualTo("123"));

    [Test]
    public void AFunctionDeclaredPureLetsResultsBeReused() => Assert.That(RunWithCounter(FunctionEffects.Pure), Is.EqualTo("111"));
}
