using HelmSharp.Go;
using NUnit.Framework;

namespace HelmSharp.Tests.Go;

/// <summary>
/// <see cref="GoPath.Match(string, string, out bool)"/> against the table of Go's own <c>path.Match</c> tests
/// (src/path/match_test.go): the pattern, the name, whether it matches, and whether Go returns <c>ErrBadPattern</c>.
/// </summary>
[TestFixture]
public class GoPathMatchTests
{
    private static readonly object[] s_goTable =
    [
        new object[] { "abc", "abc", true, false },
        new object[] { "*", "abc", true, false },
        new object[] { "*c", "abc", true, false },
        new object[] { "a*", "a", true, false },
        new object[] { "a*", "abc", true, false },
        new object[] { "a*", "ab/c", false, false },
        new object[] { "a*/b", "abc/b", true, false },
        new object[] { "a*/b", "a/c/b", false, false },
        new object[] { "a*b*c*d*e*/f", "axbxcxdxe/f", true, false },
        new object[] { "a*b*c*d*e*/f", "axbxcxdxexxx/f", true, false },
        new object[] { "a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false, false },
        new object[] { "a*b*c*d*e*/f", "axbxcxdxexxx/fff", false, false },
        new object[] { "a*b?c*x", "abxbbxdbxebxczzx", true, false },
        new object[] { "a*b?c*x", "abxbbxdbxebxczzy", false, false },
        new object[] { "ab[c]", "abc", true, false },
        new object[] { "ab[b-d]", "abc", true, false },
        new object[] { "ab[e-g]", "abc", false, false },
        new object[] { "ab[^c]", "abc", false, false },
        new object[] { "ab[^b-d]", "abc", false, false },
        new object[] { "ab[^e-g]", "abc", true, false },
        new object[] { "a\\*b", "a*b", true, false },
        new object[] { "a\\*b", "ab", false, false },
        new object[] { "a?b", "a☺b", true, false },
        new object[] { "a[^a]b", "a☺b", true, false },
        new object[] { "a???b", "a☺b", false, false },
        new object[] { "a[^a][^a][^a]b", "a☺b", false, false },
        new object[] { "[a-ζ]*", "α", true, false },
        new object[] { "*[a-ζ]", "A", false, false },
        new object[] { "a?b", "a/b", false, false },
        new object[] { "a*b", "a/b", false, false },
        new object[] { "[\\]a]", "]", true, false },
        new object[] { "[\\-]", "-", true, false },
        new object[] { "[x\\-]", "x", true, false },
        new object[] { "[x\\-]", "-", true, false },
        new object[] { "[x\\-]", "z", false, false },
        new object[] { "[\\-x]", "x", true, false },
        new object[] { "[\\-x]", "-", true, false },
        new object[] { "[\\-x]", "a", false, false },
        new object[] { "[]a]", "]", false, true },
        new object[] { "[-]", "-", false, true },
        new object[] { "[x-]", "x", false, true },
        new object[] { "[x-]", "-", false, true },
        new object[] { "[x-]", "z", false, true },
        new object[] { "[-x]", "x", false, true },
        new object[] { "[-x]", "-", false, true },
        new object[] { "[-x]", "a", false, true },
        new object[] { "\\", "a", false, true },
        new object[] { "[a-b-c]", "a", false, true },
        new object[] { "[", "a", false, true },
        new object[] { "[^", "a", false, true },
        new object[] { "[^bc", "a", false, true },
        new object[] { "a[", "a", false, true },
        new object[] { "a[", "ab", false, true },
        new object[] { "a[", "x", false, true },
        new object[] { "a/b[", "x", false, true },
        new object[] { "*x", "xxx", true, false },
    ];

    [TestCaseSource(nameof(s_goTable))]
    public void MatchesAsGoDoes(string pattern, string name, bool match, bool badPattern)
    {
        Assert.That(GoPath.Match(pattern, name, out var bad), Is.EqualTo(match));
        Assert.That(bad, Is.EqualTo(badPattern));
    }

    /// <summary>Runes outside the BMP (surrogate pairs here) count as one character for <c>?</c> and ranges, as in Go.</summary>
    [TestCase("a?b", "a😀b", true)]
    [TestCase("a??b", "a😀b", false)]
    [TestCase("a[😀]b", "a😀b", true)]
    [TestCase("*.tgz", "charts/sub-1.0.0.tgz", false)]
    [TestCase("*.tgz", "sub-1.0.0.tgz", true)]
    [TestCase("*/*.tgz", "charts/sub-1.0.0.tgz", true)]
    public void MoreNames(string pattern, string name, bool match)
    {
        Assert.That(GoPath.Match(pattern, name, out var bad), Is.EqualTo(match));
        Assert.That(bad, Is.False);
    }
}
