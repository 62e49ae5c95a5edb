using HelmSharp.Helm;
using NUnit.Framework;

namespace HelmSharp.Tests.Helm;

/// <summary>
/// Our function map must hold exactly the names each helm binary knows. The lists in
/// testdata/functions/helm{4,3}.txt were produced by scripts/dump-function-names.sh, which asks the
/// pinned binaries about every candidate name (testdata/functions/candidates.txt).
/// </summary>
public class FunctionInventoryTests
{
    private static string Root() => HelmSharp.Tests.Conformance.Corpus.RepoRoot;

    [TestCase(4)]
    [TestCase(3)]
    public void RegistryEqualsTheBinarysInventory(int major)
    {
        var expected = File.ReadAllLines(Path.Combine(Root(), "testdata", "functions", $"helm{major}.txt")).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        var ours = HelmFunctions.For(major).Names.ToHashSet(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(ours.Except(expected).OrderBy(x => x, StringComparer.Ordinal), Is.Empty, "functions we have that helm does not (or that are missing from candidates.txt)");
            Assert.That(expected.Except(ours).OrderBy(x => x, StringComparer.Ordinal), Is.Empty, "functions helm has that we lack");
        });
    }

    [Test]
    public void VersionSpecificNames()
    {
        Assert.That(HelmFunctions.For(4).Contains("mustToYaml"), Is.True);
        Assert.That(HelmFunctions.For(3).Contains("mustToYaml"), Is.False);
        Assert.That(HelmFunctions.For(4).Contains("mustToToml"), Is.False);
        Assert.That(HelmFunctions.For(4).Contains("env"), Is.False);
    }
}
