using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    static partial void RegisterReflection(FunctionRegistry r)
    {
        r.Add(Pure("typeOf", PAny, a => TypeOf(a[0])));
        r.Add(Pure("typeIs", [GoType.String, GoType.Interface], a => (string)a[0]! == TypeOf(a[1])));
        r.Add(Pure("typeIsLike", [GoType.String, GoType.Interface], a =>
        {
            var t = TypeOf(a[1]);
            var target = (string)a[0]!;
            return target == t || "*" + target == t;
        }));
        r.Add(Pure("kindOf", PAny, a => SprigValues.KindName(a[0])));
        r.Add(Pure("kindIs", [GoType.String, GoType.Interface], a => (string)a[0]! == SprigValues.KindName(a[1])));
        r.Add(Pure("deepEqual", PAnyAny, a => SprigValues.DeepEqual(a[0], a[1])));
    }

    /// <summary>Go's <c>%T</c>.</summary>
    internal static string TypeOf(object? v) => GoType.Of(v)?.Name ?? "<nil>";
}
