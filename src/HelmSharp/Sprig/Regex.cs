using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    static partial void RegisterRegex(FunctionRegistry r) { }
}
