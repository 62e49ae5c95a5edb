using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

/// <summary>Sprig's network function (<c>network.go</c>).</summary>
public static partial class SprigLibrary
{
    /// <remarks>
    /// Sprig's <c>getHostByName(name string) string</c> resolves a name and returns one address at
    /// random. Helm (both 3 and 4) replaces it with a function that returns <c>""</c> unless DNS
    /// lookups are explicitly enabled (<c>--enable-dns</c>), so a render stays hermetic; this library
    /// never performs network I/O and always returns <c>""</c>.
    /// </remarks>
    static partial void RegisterNetwork(FunctionRegistry r)
    {
        r.Add(new GoFunction("getHostByName", [GoType.String], false, (_, _) => "") { Effects = FunctionEffects.ReadsOutside });
    }
}
