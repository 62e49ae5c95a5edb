using HelmSharp.Go;
using HelmSharp.Json;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    /// <summary>Sprig's JSON functions (Masterminds/sprig <c>defaults.go</c>): the plain forms swallow errors, the <c>must</c> forms return them.</summary>
    static partial void RegisterJson(FunctionRegistry r)
    {
        GoType[] any = [GoType.Interface];
        GoType[] str = [GoType.String];
        r.Add(new GoFunction("toJson", any, false, static (_, a) => SwallowJson(() => GoJson.Marshal(a[0]))) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("mustToJson", any, false, static (_, a) => MustJson(() => GoJson.Marshal(a[0])), returnsError: true) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("toPrettyJson", any, false, static (_, a) => SwallowJson(() => GoJson.MarshalIndent(a[0], "  "))) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("mustToPrettyJson", any, false, static (_, a) => MustJson(() => GoJson.MarshalIndent(a[0], "  ")), returnsError: true) { Effects = FunctionEffects.Pure });
        // Unlike toJson and toPrettyJson, sprig's toRawJson panics on a marshal error (the template fails).
        r.Add(new GoFunction("toRawJson", any, false, static (_, a) => MustJson(() => GoJson.Marshal(a[0], escapeHtml: false))) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("mustToRawJson", any, false, static (_, a) => MustJson(() => GoJson.Marshal(a[0], escapeHtml: false)), returnsError: true) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("fromJson", str, false, static (_, a) =>
        {
            try { return GoJson.Unmarshal((string)a[0]!); }
            catch (GoJsonException) { return null; }
        }) { Effects = FunctionEffects.CreatesValue | FunctionEffects.CreatesDeep | FunctionEffects.DecodesText });
        r.Add(new GoFunction("mustFromJson", str, false, static (_, a) =>
        {
            try { return GoJson.Unmarshal((string)a[0]!); }
            catch (GoJsonException e) { throw new GoFunctionException(e.Message, e); }
        }, returnsError: true) { Effects = FunctionEffects.Pure });
    }

    private static string SwallowJson(Func<string> f)
    {
        try { return f(); }
        catch (GoJsonException) { return ""; }
    }

    private static string MustJson(Func<string> f)
    {
        try { return f(); }
        catch (GoJsonException e) { throw new GoFunctionException(e.Message, e); }
    }
}
