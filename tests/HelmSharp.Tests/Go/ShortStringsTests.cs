using HelmSharp.Go;
using NUnit.Framework;

namespace HelmSharp.Tests.Go;

/// <summary>The per-thread short-string table: equal text back, shared instances, and a table that grows with use.</summary>
[TestFixture]
public class ShortStringsTests
{
    [Test]
    public void StartsSmallAndGrowsToItsLimitUnderManyDistinctStrings()
    {
        var t = new ShortStrings();
        Assert.That(t.Capacity, Is.EqualTo(ShortStrings.FirstSlots));
        for (int i = 0; i < 100; i++) t.Get(("k" + (i % 10)).AsSpan()); // few distinct strings: no growth
        Assert.That(t.Capacity, Is.EqualTo(ShortStrings.FirstSlots));
        for (int i = 0; i < 40_000; i++)
        {
            var text = "name-" + i;
            Assert.That(t.Get(text.AsSpan()), Is.EqualTo(text));
        }
        Assert.That(t.Capacity, Is.EqualTo(ShortStrings.MaxSlots));
    }

    [Test]
    public void AHitHandsOutTheSameInstance()
    {
        var t = new ShortStrings();
        var first = t.Get("replicas".AsSpan());
        Assert.That(t.Get("replicas".ToCharArray()), Is.SameAs(first));
        var longText = new string('x', ShortStrings.MaxLength + 1);
        Assert.That(t.Get(longText.AsSpan()), Is.EqualTo(longText).And.Not.SameAs(t.Get(longText.AsSpan())));
    }
}
