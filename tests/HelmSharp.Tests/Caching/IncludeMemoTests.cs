using HelmSharp.Helm;
using HelmSharp.Template;
using HelmSharp.Template.Caching;
using NUnit.Framework;

namespace HelmSharp.Tests.Caching;

/// <summary>
/// Templates built to break a naive include cache (mutation between calls, mutation inside the
/// define, shared nested maps, non-deterministic functions): with the memoizing function map the
/// output must equal the plain engine's.
/// </summary>
public sealed class IncludeMemoTests
{
    private static string Run(string text, object? data, bool memo)
    {
        var fns = HelmFunctions.For(4);
        var set = new TemplateSet(memo ? IncludeMemo.Wrap(fns) : fns, new TemplateOptions { MissingKey = MissingKey.Zero }) { RootName = "gotpl" };
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
}
