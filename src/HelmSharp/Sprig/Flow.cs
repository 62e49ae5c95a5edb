using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    static partial void RegisterFlow(FunctionRegistry r)
    {
        // sprig: func(msg string) (string, error) { return "", errors.New(msg) } (Helm later replaces it)
        r.Add(Pure("fail", PStr, a => throw new GoFunctionException((string)a[0]!), returnsError: true));
    }
}
