using HelmSharp.Go.Time;
using HelmSharp.Tests.Conformance;
using NUnit.Framework;

namespace HelmSharp.Tests.Sprig;

/// <summary>
/// Sprig's functions called directly (no template engine) on the single-action cases of testdata/cases/functions,
/// against what the pinned helm binaries printed for them (scripts/regen-cases.py); the conformance runner renders
/// the same cases end to end through the CLI. The semver constraint × version matrix (testdata/functions, written by
/// scripts/gen-semver-cases.py) is read only here.
/// </summary>
public class SprigHelmConformanceTests
{
    /// <summary>Case files of the Sprig categories: every single action, helm 4.</summary>
    private static readonly string[] CategoryFiles =
    [
        "conversion", "defaults", "dicts", "encoding", "lists", "math", "paths", "reflection",
        "regex", "regex-fuzz", "regex-fuzz2", "strings", "urls",
    ];

    private static IEnumerable<TestCaseData> Cases(IEnumerable<string> files, bool literalCallsOnly, int major)
    {
        foreach (var file in files)
            foreach (var row in SprigHarness.HelmRows("functions/" + file + ".cases", literalCallsOnly))
                if (row.Expected.TryGetValue(major, out var expected))
                    yield return new TestCaseData(row.Action, expected, major).SetName("{m}(" + file + ": " + row.Case + ")");
    }

    private static IEnumerable<TestCaseData> CategoryCases() => Cases(CategoryFiles, literalCallsOnly: false, 4);

    /// <summary>Dates and crypto: the literal calls (the template is one function call on literal arguments).</summary>
    private static IEnumerable<TestCaseData> DateCases() => Cases(["dates"], literalCallsOnly: true, 4);
    private static IEnumerable<TestCaseData> CryptoCases() => Cases(["crypto"], literalCallsOnly: true, 4);

    [TestCaseSource(nameof(CategoryCases))]
    public void MatchesHelm(string action, string expected, int major) =>
        Assert.That(SprigHarness.Render(action, major), Is.EqualTo(expected));

    [TestCaseSource(nameof(DateCases))]
    [TestCaseSource(nameof(CryptoCases))]
    public void CallMatchesHelm(string action, string expected, int major)
    {
        var z1 = new GoTime(1700000000, 0, GoLocation.Local).Zone();
        var z2 = new GoTime(1690000000, 0, GoLocation.Local).Zone();
        Assume.That(z1 == ("UTC", 0) && z2 == ("UTC", 0), "expectations were recorded with a UTC local zone");
        Assert.That(SprigHarness.Render(action, major), Is.EqualTo(expected));
    }

    /// <summary>semverCompare/semver literal calls of semver.cases and the constraint × version matrix, one test per major.</summary>
    [TestCase(4)]
    [TestCase(3)]
    public void SemverMatchesHelm(int major)
    {
        var failures = new List<string>();
        int count = 0;
        var matrix = Path.Combine(Corpus.RepoRoot, "testdata", "functions", "semver-matrix.cases");
        foreach (var file in new[] { "functions/semver.cases", matrix })
            foreach (var row in SprigHarness.HelmRows(file, literalCallsOnly: true))
            {
                if (!row.Action.StartsWith("semver", StringComparison.Ordinal) || !row.Expected.TryGetValue(major, out var expected)) continue;
                count++;
                var got = SprigHarness.Render(row.Action, major);
                if (got != expected) failures.Add($"{Path.GetFileName(file)} {row.Case}: {row.Action} => {got} (helm: {expected})");
            }
        Assert.That(failures, Is.Empty);
        Assert.That(count, Is.GreaterThan(1000), "the matrix was read");
    }
}
