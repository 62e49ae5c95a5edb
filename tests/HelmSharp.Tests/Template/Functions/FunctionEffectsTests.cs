using HelmSharp.Helm;
using HelmSharp.Template.Functions;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Functions;

/// <summary>
/// Every function helm offers declares its effects where it is registered (<see cref="FunctionEffects"/>): an undeclared
/// function is treated as impure by the include memo, which would silently stop caching every include that calls it.
/// </summary>
public sealed class FunctionEffectsTests
{
    // `call` runs whatever function value it is handed: it cannot declare anything for its callee.
    private static readonly string[] s_undeclaredByDesign = ["call"];

    [TestCase(4)]
    [TestCase(3)]
    public void EveryHelmFunctionDeclaresItsEffects(int major)
    {
        var r = HelmFunctions.For(major);
        var undeclared = r.Names.Where(n => r.TryGet(n, out var f) && f.Effects == FunctionEffects.Undeclared)
            .Except(s_undeclaredByDesign).Order(StringComparer.Ordinal).ToArray();
        Assert.That(undeclared, Is.Empty);
    }

    [TestCase("now")]
    [TestCase("randAlphaNum")]
    [TestCase("uuidv4")]
    [TestCase("genCA")]
    [TestCase("lookup")]
    [TestCase("bcrypt")]
    [TestCase("ago")]
    public void FunctionsThatReadOutsideTheirArgumentsAreImpure(string name)
    {
        Assert.That(HelmFunctions.For(4).TryGet(name, out var f), Is.True);
        Assert.That(f.Effects.IsImpure(), Is.True, name);
    }

    [TestCase("set", FunctionEffects.MutatesArgument | FunctionEffects.StoresArguments)]
    [TestCase("merge", FunctionEffects.MutatesArgument | FunctionEffects.MutatesDeep)]
    [TestCase("sortAlpha", FunctionEffects.MutatesArgument)]
    [TestCase("dict", FunctionEffects.CreatesValue | FunctionEffects.PassesArguments)]
    [TestCase("deepCopy", FunctionEffects.CreatesValue | FunctionEffects.CreatesDeep)]
    public void MutatorsAndCreatorsSayWhatTheyDo(string name, FunctionEffects expected)
    {
        Assert.That(HelmFunctions.For(4).TryGet(name, out var f), Is.True);
        Assert.That(f.Effects, Is.EqualTo(expected), name);
    }
}
