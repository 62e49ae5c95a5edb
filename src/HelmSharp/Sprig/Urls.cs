using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    static partial void RegisterUrls(FunctionRegistry r) { }
}
