using System.Text.RegularExpressions;
using HelmSharp.Go;
using NUnit.Framework;

namespace HelmSharp.Tests.Go;

public class BacktrackFirstRegexTests
{
    private const string Hostile = "(a+)+b";

    private static BacktrackFirstRegex Make(string pattern) =>
        new(new Regex(pattern, RegexOptions.CultureInvariant, BacktrackFirstRegex.Slice), pattern, RegexOptions.CultureInvariant);

    [Test]
    public void ExponentialBacktrackingMovesToTheLinearEngineWithTheSameAnswer()
    {
        // 40 a's and no b: the backtracking engine would try about 2^40 ways; the slice stops it.
        var re = Make(Hostile);
        var input = new string('a', 40);
        Assert.That(re.Run(r => r.IsMatch(input)), Is.False);
        Assert.That(re.OnBacktracking, Is.False);
        // From then on the linear engine answers, also where the answer is a match.
        Assert.That(re.Run(r => r.Match(input + "b").Value), Is.EqualTo(input + "b"));
        Assert.That(re.Run(r => (r.Options & RegexOptions.NonBacktracking) != 0), Is.True);
    }

    [TestCase(@"(\w+)\s*=\s*(\w*)", "key = value; other=", 0)]
    [TestCase(@"(a|ab)(c|bcd)(d*)", "abcd", 0)]
    [TestCase(@"x*?y??(z+)", "xxzzz", 1)]
    public void BothEnginesReportTheSameMatch(string pattern, string input, int group)
    {
        var backtracking = new Regex(pattern, RegexOptions.CultureInvariant).Match(input);
        var linear = Make(pattern).Linear.Match(input);
        Assert.That((linear.Index, linear.Length, linear.Groups[group].Value),
            Is.EqualTo((backtracking.Index, backtracking.Length, backtracking.Groups[group].Value)));
    }

    [Test]
    public void GoRegexpStillAnswersAHostilePattern()
    {
        // Go's RE2 is linear: `(a+)+b` on a's fails at once. Ours must too, through the fallback.
        var re = GoRegexp.Compile("(x+x+)+y");
        Assert.That(re.IsMatch(new string('x', 64)), Is.False);
        Assert.That(re.FindString(new string('x', 64) + "y"), Is.EqualTo(new string('x', 64) + "y"));
    }
}
