using HelmSharp.Go;
using HelmSharp.Semver;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

/// <summary>Sprig's semver functions (<c>semver.go</c>, Masterminds/semver v3).</summary>
public static partial class SprigLibrary
{
    static partial void RegisterSemver(FunctionRegistry r)
    {
        r.Add(new GoFunction("semver", [GoType.String], false, (ctx, a) => SemverVersion.Parse((string)a[0]!, ctx.HelmVersion == HelmVersion.V3), true) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("semverCompare", [GoType.String, GoType.String], false, (ctx, a) =>
        {
            bool v330 = ctx.HelmVersion == HelmVersion.V3;
            var c = SemverConstraints.Parse((string)a[0]!, v330);
            var v = SemverVersion.Parse((string)a[1]!, v330);
            return c.Check(v, ctx.HelmVersion == HelmVersion.V3);
        }, true) { Effects = FunctionEffects.Pure });
    }
}
