using HelmSharp.Go;
using HelmSharp.Template.Functions;
using HelmSharp.Toml;

namespace HelmSharp.Helm;

public static partial class HelmFunctions
{
    static partial void RegisterToml(FunctionRegistry r, int helmMajor)
    {
        var major = helmMajor;
        r.Add(new GoFunction("toToml", [GoType.Interface], false, (_, a) => ToToml(a[0], major)) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("fromToml", [GoType.String], false, (_, a) => FromToml((string)a[0]!, major)) { Effects = FunctionEffects.CreatesValue | FunctionEffects.CreatesDeep });
    }

    /// <summary>
    /// helm's <c>toToml</c>: BurntSushi/toml's encoder output, or the encoder's error text as the
    /// result (helm ignores the error otherwise). <paramref name="helmMajor"/> selects the float format.
    /// </summary>
    internal static string ToToml(object? value, int helmMajor)
    {
        try { return GoToml.Marshal(value, helmMajor); }
        catch (GoTomlException e) { return e.Message; }
    }

    /// <summary>helm's <c>fromToml</c>: the decoded table, or a map holding only <c>Error</c> on a parse error.</summary>
    internal static Dictionary<string, object?> FromToml(string text, int helmMajor)
    {
        try { return GoToml.Unmarshal(text, helmMajor); }
        catch (GoTomlException e) { return ErrorMap(e.Message); }
    }
}
