using NUnit.Framework;
namespace HelmSharp.Tests.Sprig;

/// <summary>Deterministic Sprig dates/semver/crypto calls against outputs recorded from the pinned helm binaries (HelmData).</summary>
public class HelmConformanceTests
{
    private static IEnumerable<TestCaseData> Cases((string Call, string Expected)[] data, int major)
    {
        foreach (var (call, expected) in data)
            yield return new TestCaseData(call, expected, major).SetName(call.Replace('\t', ' ').Replace("\n", "\\n") + " [h" + major + "]");
    }

    private static IEnumerable<TestCaseData> DateCases() => Cases(HelmData.Dates, 4);
    private static IEnumerable<TestCaseData> CryptoCases() => Cases(HelmData.Crypto, 4);

    [TestCaseSource(nameof(DateCases))]
    [TestCaseSource(nameof(CryptoCases))]
    public void MatchesHelm(string call, string expected, int major)
    {
        var z1 = new HelmSharp.Go.Time.GoTime(1700000000, 0, HelmSharp.Go.Time.GoLocation.Local).Zone();
        var z2 = new HelmSharp.Go.Time.GoTime(1690000000, 0, HelmSharp.Go.Time.GoLocation.Local).Zone();
        Assume.That(z1 == ("UTC", 0) && z2 == ("UTC", 0), "expectations were recorded with a UTC local zone");
        Assert.That(SprigB.Run(call, major), Is.EqualTo(expected));
    }

    [Test]
    public void SemverMatchesHelm4()
    {
        var failures = new List<string>();
        foreach (var (call, expected) in HelmData.SemverH4)
        {
            var got = SprigB.Run(call, 4);
            if (got != expected) failures.Add(call + " => " + got + " (helm: " + expected + ")");
        }
        Assert.That(failures, Is.Empty);
        Assert.That(HelmData.SemverH4, Has.Length.GreaterThan(1000));
    }

    [Test]
    public void SemverMatchesHelm3()
    {
        var failures = new List<string>();
        foreach (var (call, expected) in HelmData.SemverH3)
        {
            var got = SprigB.Run(call, 3);
            if (got != expected) failures.Add(call + " => " + got + " (helm: " + expected + ")");
        }
        Assert.That(failures, Is.Empty);
    }
}
