using HelmSharp.Sprig;
using HelmSharp.Template;
using HelmSharp.Template.Functions;

namespace HelmSharp.Rendering;

internal static partial class HelmTemplate
{
    private static readonly Lazy<FunctionRegistry> s_nameFunctions = new(() =>
    {
        var r = new FunctionRegistry();
        Builtins.Register(r);
        SprigLibrary.RegisterAll(r);
        r.Remove("env").Remove("expandenv"); // hermetic: no process environment
        return r.Freeze();
    });

    /// <summary>
    /// <c>--name-template</c>: executes <paramref name="nameTemplate"/> as helm does (a template named
    /// <c>name-template</c> with Sprig's text functions and no data) and returns the release name.
    /// Go's parse/exec errors surface as <see cref="TemplateException"/> with Go's text.
    /// </summary>
    /// <param name="nameTemplate">The template text.</param>
    /// <param name="helmMajor">4 or 3.</param>
    public static string ExpandNameTemplate(string nameTemplate, int helmMajor)
    {
        var set = new TemplateSet(s_nameFunctions.Value, new TemplateOptions { HelmMajor = helmMajor >= 4 ? 4 : 3, MaxOutputBytes = 1 << 20 }, "name-template");
        set.Parse("name-template", nameTemplate);
        return set.Execute("name-template", null);
    }
}
