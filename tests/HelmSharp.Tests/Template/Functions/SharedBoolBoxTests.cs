using HelmSharp.Helm;
using HelmSharp.Template.Functions;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Functions;

/// <summary>
/// Functions whose result is a Go bool return one of two shared boxes instead of a new box per call (a chart calls
/// <c>typeIs</c>, <c>eq</c>, <c>hasKey</c> … thousands of times per render); the values are unchanged.
/// </summary>
public sealed class SharedBoolBoxTests
{
    [TestCase("typeIs", "string", "x", true)]
    [TestCase("typeIs", "int", "x", false)]
    [TestCase("kindIs", "string", "x", true)]
    [TestCase("hasPrefix", "a", "abc", true)]
    [TestCase("contains", "z", "abc", false)]
    [TestCase("eq", "a", "a", true)]
    [TestCase("ne", "a", "a", false)]
    [TestCase("lt", "a", "b", true)]
    [TestCase("ge", "a", "b", false)]
    public void BoolResultsAreSharedBoxes(string name, object a, object b, bool expected)
    {
        Assert.That(HelmFunctions.For(4).TryGet(name, out var f), Is.True);
        var ctx = new HelmSharp.Tests.Sprig.FnContext();
        var first = f!.Body(ctx, [a, b]);
        var second = f.Body(ctx, [a, b]);
        Assert.That(first, Is.EqualTo(expected));
        Assert.That(second, Is.SameAs(first), name + " boxed its result anew");
    }
}
