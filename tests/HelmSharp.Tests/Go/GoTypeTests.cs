using HelmSharp.Go;
using NUnit.Framework;

namespace HelmSharp.Tests.Go;

public class GoTypeTests
{
    [TestCase(null, null)]
    [TestCase("x", "string")]
    [TestCase(1.5, "float64")]
    [TestCase(3L, "int64")]
    [TestCase(true, "bool")]
    public void PrimitiveMapping(object? v, string? name) => Assert.That(GoType.Of(v)?.Name, Is.EqualTo(name));

    [Test]
    public void CollectionMapping()
    {
        Assert.That(GoType.Of((nint)1)!.Name, Is.EqualTo("int"));
        Assert.That(GoType.Of(new object?[0])!.Name, Is.EqualTo("[]interface {}"));
        Assert.That(GoType.Of(new string[0])!.Name, Is.EqualTo("[]string"));
        Assert.That(GoType.Of(new byte[0])!.Name, Is.EqualTo("[]uint8"));
        Assert.That(GoType.Of(new Dictionary<string, object?>())!.Name, Is.EqualTo("map[string]interface {}"));
        Assert.That(GoType.Of(new Dictionary<string, string>())!.Name, Is.EqualTo("map[string]string"));
        Assert.That(GoType.Of(new object?[0][])!.Name, Is.EqualTo("[][]interface {}"));
    }

    [Test]
    public void NamedMapIsAssignableToItsUnderlyingType()
    {
        var values = GoType.Named("chartutil.Values", GoType.MapStringInterface);
        Assert.That(values.IsAssignableTo(GoType.MapStringInterface), Is.True);
        Assert.That(GoType.Int64.IsAssignableTo(GoType.Int), Is.False);
        Assert.That(GoType.Float64.IsAssignableTo(GoType.Interface), Is.True);
    }
}
