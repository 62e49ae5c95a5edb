using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

/// <summary>
/// Sprig v3.3.0's function map (Masterminds/sprig <c>functions.go</c>), grouped as upstream groups
/// it. Each category lives in its own file and registers itself through one partial method.
/// </summary>
public static partial class SprigLibrary
{
    /// <summary>Registers every Sprig function into <paramref name="registry"/> (Sprig's <c>TxtFuncMap</c>).</summary>
    public static FunctionRegistry RegisterAll(FunctionRegistry registry)
    {
        RegisterStrings(registry);
        RegisterConversion(registry);
        RegisterMath(registry);
        RegisterDefaults(registry);
        RegisterJson(registry);
        RegisterReflection(registry);
        RegisterPaths(registry);
        RegisterEncoding(registry);
        RegisterDicts(registry);
        RegisterLists(registry);
        RegisterRegex(registry);
        RegisterUrls(registry);
        RegisterDates(registry);
        RegisterSemver(registry);
        RegisterCrypto(registry);
        RegisterNetwork(registry);
        RegisterFlow(registry);
        return registry;
    }

#pragma warning disable CS1591
    static partial void RegisterStrings(FunctionRegistry r);
    static partial void RegisterConversion(FunctionRegistry r);
    static partial void RegisterMath(FunctionRegistry r);
    static partial void RegisterDefaults(FunctionRegistry r);
    static partial void RegisterJson(FunctionRegistry r);
    static partial void RegisterReflection(FunctionRegistry r);
    static partial void RegisterPaths(FunctionRegistry r);
    static partial void RegisterEncoding(FunctionRegistry r);
    static partial void RegisterDicts(FunctionRegistry r);
    static partial void RegisterLists(FunctionRegistry r);
    static partial void RegisterRegex(FunctionRegistry r);
    static partial void RegisterUrls(FunctionRegistry r);
    static partial void RegisterDates(FunctionRegistry r);
    static partial void RegisterSemver(FunctionRegistry r);
    static partial void RegisterCrypto(FunctionRegistry r);
    static partial void RegisterNetwork(FunctionRegistry r);
    static partial void RegisterFlow(FunctionRegistry r);
#pragma warning restore CS1591
}
