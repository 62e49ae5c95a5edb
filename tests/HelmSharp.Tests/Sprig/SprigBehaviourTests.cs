using HelmSharp.Go;
using HelmSharp.Sprig;
using HelmSharp.Template.Functions;
using NUnit.Framework;
using static HelmSharp.Tests.Sprig.SprigHarness;

namespace HelmSharp.Tests.Sprig;

/// <summary>Behaviours the one-action harness cannot express (mutation, named map types, return types, limits).</summary>
public class SprigBehaviourTests
{
    private sealed class NamedValues : Dictionary<string, object?>, IGoValue
    {
        public GoType GoType { get; } = GoType.Named("common.Values", GoType.MapStringInterface);
    }

    [Test]
    public void DigRejectsNamedValuesMap()
    {
        // helm v4.1.4: {{ dig "a" "b" "c" "none" .Values }} →
        // error calling dig: interface conversion: interface {} is common.Values, not map[string]interface {}
        var values = new NamedValues { ["a"] = new Dictionary<string, object?>() };
        var e = Assert.Throws<GoFunctionException>(() => Call("dig", "a", "b", "c", "none", values));
        Assert.That(e!.Message, Is.EqualTo("interface conversion: interface {} is common.Values, not map[string]interface {}"));
    }

    [Test]
    public void DigWalksPlainMaps()
    {
        var d = new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = new Dictionary<string, object?> { ["c"] = "deep" } } };
        Assert.That(Call("dig", "a", "b", "c", "none", d), Is.EqualTo("deep"));
        Assert.That(Call("dig", "a", "x", "none", d), Is.EqualTo("none"));
    }

    [Test]
    public void MergeMutatesAndReturnsDestination()
    {
        // helm: {{ $d := dict "a" 1 }}{{ $_ := merge $d (dict "b" 2) }}{{ $d }} → map[a:1 b:2]
        var dst = new Dictionary<string, object?> { ["a"] = (nint)1 };
        var res = Call("merge", dst, new Dictionary<string, object?> { ["b"] = (nint)2 });
        Assert.That(res, Is.SameAs(dst));
        Assert.That(Print(dst), Is.EqualTo("map[a:1 b:2]"));
    }

    [Test]
    public void MergeRecursesIntoNestedMapsInPlace()
    {
        var inner = new Dictionary<string, object?> { ["x"] = (nint)1 };
        var dst = new Dictionary<string, object?> { ["a"] = inner };
        Call("merge", dst, new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["x"] = (nint)2, ["y"] = (nint)3 } });
        Assert.That(dst["a"], Is.SameAs(inner));
        Assert.That(Print(inner), Is.EqualTo("map[x:1 y:3]"));
    }

    [Test]
    public void MergeIntoNamedNestedMap()
    {
        // helm: {{ merge .Values.nested (dict "x" 5 "w" 2) }} with nested: {x: 1} → map[w:2 x:1]
        var nested = new NamedValues { ["x"] = 1.0 };
        var dst = new Dictionary<string, object?> { ["n"] = nested };
        Call("mergeOverwrite", dst, new Dictionary<string, object?> { ["n"] = new Dictionary<string, object?> { ["x"] = 5.0, ["w"] = 2.0 } });
        Assert.That(Print(nested), Is.EqualTo("map[w:2 x:5]"));
    }

    [Test]
    public void SetMutates()
    {
        var d = new Dictionary<string, object?>();
        Assert.That(Call("set", d, "k", "v"), Is.SameAs(d));
        Assert.That(d["k"], Is.EqualTo("v"));
    }

    [Test]
    public void SortAlphaSortsStringSliceInPlace()
    {
        // helm: {{ $l := splitList "," "b,a,c" }}{{ $_ := sortAlpha $l }}{{ $l }} → [a b c]
        var l = new[] { "b", "a", "c" };
        Call("sortAlpha", new object?[] { l });
        Assert.That(l, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void KeysAreSortedPerDictionary()
    {
        var d = new Dictionary<string, object?> { ["b"] = 1, ["c"] = 2, ["a"] = 3 };
        Assert.That(Call("keys", d), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(Call("values", d), Is.EqualTo(new object?[] { 3, 1, 2 }));
    }

    [Test]
    public void ReturnTypesFollowGo()
    {
        // helm: typeOf of until/split/splitList/add/addf/atoi/int/int64/len-like results
        Assert.That(Call("until", (nint)3), Is.TypeOf<nint[]>());
        Assert.That(Call("split", ",", "a,b"), Is.TypeOf<Dictionary<string, string>>());
        Assert.That(Call("splitList", ",", "a,b"), Is.TypeOf<string[]>());
        Assert.That(Call("add", (nint)1, 2.5), Is.TypeOf<long>());
        Assert.That(Call("addf", (nint)1), Is.TypeOf<double>());
        Assert.That(Call("atoi", "4"), Is.TypeOf<nint>());
        Assert.That(Call("int", "4"), Is.TypeOf<nint>());
        Assert.That(Call("int64", "4"), Is.TypeOf<long>());
        Assert.That(Call("list", (nint)1), Is.TypeOf<object?[]>());
        Assert.That(Call("dict", "a", (nint)1), Is.TypeOf<Dictionary<string, object?>>());
        Assert.That(Call("chunk", (nint)1, new object?[] { 1 }), Is.TypeOf<object?[][]>());
    }

    [Test]
    public void CatastrophicRegexCompletes()
    {
        // helm: {{ regexMatch "(a+)+$" (print (repeat 50000 "a") "!") }} → false
        var input = new string('a', 50000) + "!";
        Assert.That(Call("regexMatch", "(a+)+$", input), Is.False);
        Assert.That(Call("regexMatch", "(a+)+$", new string('a', 50000)), Is.True);
        Assert.That(Call("regexReplaceAll", "(a|aa)+b", new string('a', 30000) + "c", "x"), Is.EqualTo(new string('a', 30000) + "c"));
        // helm: {{ regexMatch "\\b(a+)+$" (print (repeat 50000 "a") "!") }} → false (ASCII input keeps the linear engine)
        Assert.That(Call("regexMatch", @"\b(a+)+$", input), Is.False);
    }

    [Test]
    public void WordBoundaryIsAsciiOnNonAsciiInput()
    {
        // helm: {{ regexFindAll "\\bfoo\\b" "foo foobar éfoo foo" -1 }} → [foo foo foo]
        Assert.That(Call("regexFindAll", @"\bfoo\b", "foo foobar éfoo foo", (nint)(-1)), Is.EqualTo(new[] { "foo", "foo", "foo" }));
        Assert.That(Call("regexFindAll", @"\bfoo\b", "foo foobar xfoo foo", (nint)(-1)), Is.EqualTo(new[] { "foo", "foo" }));
    }

    [Test]
    public void RegexTranslationUsesGoGroupNumbering()
    {
        // helm: {{ regexReplaceAll "(?P<first>a)(b)(?P<third>c)" "abc" "$3$2${first}" }} → cba
        Assert.That(Call("regexReplaceAll", "(?P<first>a)(b)(?P<third>c)", "abc", "$3$2${first}"), Is.EqualTo("cba"));
        Assert.That(Call("regexReplaceAll", "(?P<first>a)(b)(?P<third>c)", "abc", "${third}-$third"), Is.EqualTo("c-c"));
    }

    [Test]
    public void HugeBuildsFailCleanly()
    {
        Assert.Throws<GoFunctionException>(() => Call("until", (nint)int.MaxValue));
        Assert.Throws<GoFunctionException>(() => Call("repeat", (nint)int.MaxValue, "ab"));
        Assert.Throws<GoFunctionException>(() => Call("indent", (nint)int.MaxValue, "a"));
    }

    [Test]
    public void DeepStructuresFailCleanly()
    {
        var d = new Dictionary<string, object?>();
        d["self"] = d;
        Assert.Throws<GoFunctionException>(() => Call("deepCopy", d));
        Assert.That(Call("deepEqual", d, d), Is.True);
        Assert.That(Call("merge", d, d), Is.SameAs(d));
    }

    [Test]
    public void EveryGenericMapNameOfOurGroupsIsRegistered()
    {
        var names = ("hello abbrev abbrevboth trunc trim upper lower title untitle substr repeat trimall trimAll trimSuffix trimPrefix nospace initials " +
            "randAlphaNum randAlpha randAscii randNumeric swapcase shuffle snakecase camelcase kebabcase wrap wrapWith contains hasPrefix hasSuffix " +
            "quote squote cat indent nindent replace plural sha1sum sha256sum sha512sum adler32sum toString atoi int64 int float64 seq toDecimal split " +
            "splitList splitn toStrings until untilStep add1 add sub div mod mul randInt add1f addf subf divf mulf biggest max min maxf minf ceil floor " +
            "round join sortAlpha default empty coalesce all any compact mustCompact ternary deepCopy mustDeepCopy typeOf typeIs typeIsLike kindOf " +
            "kindIs deepEqual base dir clean ext isAbs osBase osClean osDir osExt osIsAbs b64enc b64dec b32enc b32dec tuple list dict get set unset " +
            "hasKey pluck keys pick omit merge mergeOverwrite mustMerge mustMergeOverwrite values append push mustAppend mustPush prepend mustPrepend " +
            "first mustFirst rest mustRest last mustLast initial mustInitial reverse mustReverse uniq mustUniq without mustWithout has mustHas slice " +
            "mustSlice concat dig chunk mustChunk fail regexMatch mustRegexMatch regexFindAll mustRegexFindAll regexFind mustRegexFind regexReplaceAll " +
            "mustRegexReplaceAll regexReplaceAllLiteral mustRegexReplaceAllLiteral regexSplit mustRegexSplit regexQuoteMeta urlParse urlJoin").Split(' ');
        Assert.That(names.Where(n => !Registry.Contains(n)), Is.Empty);
    }
}
