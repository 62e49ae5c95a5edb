using NUnit.Framework;
using HelmSharp.Go;
using HelmSharp.Semver;
using HelmSharp.Template.Functions;
using HelmSharp.Tests.Sprig;

namespace HelmSharp.Tests.Semver;

public class SemverTests
{
    private static object? M(object recv, string name, params object?[] args)
    {
        Assert.That(((IGoMethods)recv).TryGetMethod(name, out var f), Is.True, name);
        return f.Body(args);
    }

    private static SemverVersion V(string s) => (SemverVersion)SprigHarness.Call("semver", s)!;

    // helm v4.1.4 outputs of {{ (semver "1.2.3-beta.1+b5").Major }}, {{ (semver "v1.2.3").Original }}, … (testdata/cases/functions/semver.cases sx-*)
    [Test]
    public void VersionMethodsMatchHelm()
    {
        var v = V("1.2.3-beta.1+b5");
        Assert.That(GoType.Of(v)!.Name, Is.EqualTo("*semver.Version"));
        Assert.That(M(v, "Major"), Is.EqualTo(1UL));
        Assert.That(GoType.Of(M(v, "Minor"))!.Name, Is.EqualTo("uint64"));
        Assert.That(M(v, "Prerelease"), Is.EqualTo("beta.1"));
        Assert.That(M(v, "Metadata"), Is.EqualTo("b5"));
        Assert.That(M(V("v1.2.3"), "Original"), Is.EqualTo("v1.2.3"));
        Assert.That(M(V("v1.2.3"), "String"), Is.EqualTo("1.2.3"));
        Assert.That(M(V("1.2.3"), "Compare", V("1.2.4")), Is.EqualTo((nint)(-1)));
        Assert.That(M(V("1.2.3"), "LessThan", V("1.2.4")), Is.EqualTo(true));
        Assert.That(M(V("1.2.3"), "GreaterThan", V("1.2.4")), Is.EqualTo(false));
        Assert.That(M(V("1.2.3+a"), "Equal", V("1.2.3+b")), Is.EqualTo(true));
        Assert.That(SprigHarness.Print(M(V("v1.2.3-rc1"), "IncMajor")), Is.EqualTo("2.0.0"));
        Assert.That(SprigHarness.Print(M(V("1.2.3-rc1"), "IncPatch")), Is.EqualTo("1.2.3"));
        Assert.That(SprigHarness.Print(M(V("1.2.3"), "IncPatch")), Is.EqualTo("1.2.4"));
        var inc = M(V("1.2.3"), "IncMinor")!;
        Assert.That(GoType.Of(inc)!.Name, Is.EqualTo("semver.Version"));
        // helm: {{ (semver "v2.0.0-rc.1").IncMinor.Original }} -> can't evaluate field Original in type semver.Version
        Assert.That(((IGoMethods)inc).TryGetMethod("Original", out _), Is.False);
        Assert.That(SprigHarness.Print(SprigHarness.Call("semver", "1")), Is.EqualTo("1.0.0"));
    }

    [Test]
    public void HostileConstraintsAreBounded()
    {
        // Over the length limit: refused before any scan.
        var longInput = string.Concat(Enumerable.Repeat("1.2.3 || ", 20000));
        Assert.That(Improper(longInput), Is.EqualTo("improper constraint: constraint string too long"));
        // Under it, inputs that make a backtracking matcher run for ages are rejected by the linear-time one.
        foreach (var hostile in new[] { new string('1', 5000) + "!", string.Concat(Enumerable.Repeat("1      ", 1100)) + "!", new string(' ', 8000) + "!" })
            Assert.That(Improper(hostile), Is.EqualTo("improper constraint: " + hostile));
    }

    private static string Improper(string constraint)
    {
        var ex = Assert.Throws<GoFunctionException>(() => SprigHarness.Call("semverCompare", constraint, "1.2.3"));
        return ex!.Message;
    }
}
