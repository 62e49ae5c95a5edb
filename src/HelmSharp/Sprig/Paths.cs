using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    static partial void RegisterPaths(FunctionRegistry r)
    {
        // path and path/filepath are identical on the platforms helm templates are rendered on (separator '/').
        foreach (var (plain, os) in new[] { ("base", "osBase"), ("dir", "osDir"), ("clean", "osClean"), ("ext", "osExt"), ("isAbs", "osIsAbs") })
        {
            Func<object?[], object?> body = plain switch
            {
                "base" => a => GoPath.Base((string)a[0]!),
                "dir" => a => GoPath.Dir((string)a[0]!),
                "clean" => a => GoPath.Clean((string)a[0]!),
                "ext" => a => GoPath.Ext((string)a[0]!),
                _ => a => GoPath.IsAbs((string)a[0]!),
            };
            r.Add(Pure(plain, PStr, body));
            r.Add(Pure(os, PStr, body));
        }
    }
}
