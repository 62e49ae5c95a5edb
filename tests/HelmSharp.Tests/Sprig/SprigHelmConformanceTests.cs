using NUnit.Framework;

namespace HelmSharp.Tests.Sprig;

/// <summary>Every row of <see cref="SprigHelmExpectations"/>: the action evaluated through our Sprig functions must print what helm printed.</summary>
public class SprigHelmConformanceTests
{
    private static IEnumerable<TestCaseData> Rows() =>
        SprigHelmExpectations.Rows.Select(r => new TestCaseData(r.Action, r.Expected).SetName(r.Category + ": {m}(" + r.Action.Replace('.', '·') + ")"));

    [TestCaseSource(nameof(Rows))]
    public void MatchesHelm(string action, string expected) => Assert.That(SprigHarness.Render(action), Is.EqualTo(expected));
}
