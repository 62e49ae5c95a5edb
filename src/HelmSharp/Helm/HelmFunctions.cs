using HelmSharp.Go;
using HelmSharp.Json;
using HelmSharp.Sprig;
using HelmSharp.Template;
using HelmSharp.Template.Exec;
using HelmSharp.Template.Functions;
using HelmSharp.Yaml;

namespace HelmSharp.Helm;

/// <summary>
/// helm's template function map (<c>pkg/engine/funcs.go</c>): Go's builtins, Sprig minus
/// <c>env</c>/<c>expandenv</c>, and helm's own functions, for helm 4 or helm 3.
/// </summary>
public static partial class HelmFunctions
{
    // built on first use: a process renders in one mode, and each map costs about half a millisecond to build
    private static FunctionRegistry? s_helm4, s_helm3;

    /// <summary>The markers helm's engine puts around <c>required</c>/<c>fail</c> messages (engine.go's warnStartDelim/warnEndDelim); its error formatting finds them there.</summary>
    internal const string WarnStart = "HELM_ERR_START", WarnEnd = "HELM_ERR_END";

    /// <summary>The frozen function map of helm <paramref name="helmMajor"/> (4 or 3; any other number is an <see cref="ArgumentOutOfRangeException"/>).</summary>
    internal static FunctionRegistry For(int helmMajor) => HelmVersions.CheckMajor(helmMajor) == 4 ? Helm4 : Helm3;

    /// <summary>The frozen function map of <paramref name="version"/> of helm.</summary>
    public static FunctionRegistry For(HelmVersion version) => version.Major() == 4 ? Helm4 : Helm3;

    // one instance each, whichever thread gets there first
    private static FunctionRegistry Helm4 => LazyInitializer.EnsureInitialized(ref s_helm4, static () => Build(4));

    private static FunctionRegistry Helm3 => LazyInitializer.EnsureInitialized(ref s_helm3, static () => Build(3));

    private static FunctionRegistry Build(int major)
    {
        var r = new FunctionRegistry();
        Builtins.Register(r);
        SprigLibrary.RegisterAll(r);
        r.Remove("env").Remove("expandenv");
        var any = GoType.Interface;
        var str = GoType.String;

        r.Add(new GoFunction("toYaml", [any], false, static (_, a, sink) => ToYamlTo(a[0], sink), effects: FunctionEffects.Pure));
        r.Add(new GoFunction("toYamlPretty", [any], false, (_, a) => TryOrEmpty(() => TrimOneNewline(GoYaml.MarshalPretty(a[0])))) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("fromYaml", [str], false, (_, a) => FromYaml((string)a[0]!)) { Effects = FunctionEffects.CreatesValue | FunctionEffects.CreatesDeep | FunctionEffects.DecodesText });
        r.Add(new GoFunction("fromYamlArray", [str], false, (_, a) => FromYamlArray((string)a[0]!)) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("toJson", [any], false, static (_, a, sink) =>
        {
            try { GoJson.MarshalTo(a[0], sink); }
            catch (Exception e) when (IsMarshalError(e)) { } // "" on error (nothing stays appended)
        }, effects: FunctionEffects.Pure));
        r.Add(new GoFunction("fromJson", [str], false, (_, a) => FromJson((string)a[0]!)) { Effects = FunctionEffects.CreatesValue | FunctionEffects.CreatesDeep | FunctionEffects.DecodesText });
        r.Add(new GoFunction("fromJsonArray", [str], false, (_, a) => FromJsonArray((string)a[0]!)) { Effects = FunctionEffects.Pure });
        RegisterToml(r, major);
        if (major >= 4)
        {
            r.Add(new GoFunction("mustToYaml", [any], false, (_, a) => Must(() => GoYaml.Marshal(a[0], trimFinalNewline: true))) { Effects = FunctionEffects.Pure });
            r.Add(new GoFunction("mustToJson", [any], false, (_, a) => Must(() => GoJson.Marshal(a[0]))) { Effects = FunctionEffects.Pure });
        }

        r.Add(new GoFunction("include", [str, any], false, static (ctx, a, sink) => Include(ctx, (string)a[0]!, a[1], sink), returnsError: true,
            effects: FunctionEffects.IncludesTemplate | FunctionEffects.PassesArguments));
        r.Add(new GoFunction("tpl", [str, any], false, static (ctx, a, sink) => Tpl(ctx, (string)a[0]!, a[1], sink), returnsError: true,
            effects: FunctionEffects.RendersText | FunctionEffects.PassesArguments));
        // required and fail: pure in a render; in lint mode they write to the render's log instead of failing, and lint
        // renders run without the include memo (RenderEngine.Render without caches), so no reused result skips a line.
        r.Add(new GoFunction("required", [str, any], false, (ctx, a) => Required(ctx, (string)a[0]!, a[1], major), returnsError: true) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("fail", [str], false, (ctx, a) => Fail(ctx, (string)a[0]!, major), returnsError: true) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("lookup", [str, str, str, str], false, (_, _) => new Dictionary<string, object?>(), returnsError: true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("getHostByName", [str], false, (_, _) => "") { Effects = FunctionEffects.ReadsOutside });
        // Every function registered above reads its argument array during the call only (list/tuple copy it).
        foreach (var name in r.Names)
            if (r.TryGet(name, out var f)) f.TransientArgs = true;
        return r.Freeze();
    }

    static partial void RegisterToml(FunctionRegistry r, int helmMajor);

    /// <summary>helm's <c>toYaml</c>: <c>sigs.k8s.io/yaml.Marshal</c> minus one trailing newline; "" on error.</summary>
    public static string ToYaml(object? value) => OutputBuffers.Build(value, static (v, sb) => ToYamlTo(v, sb));

    // toYaml, appended to the sink (nothing on error: GoYaml.MarshalTo throws before appending).
    private static void ToYamlTo(object? value, System.Text.StringBuilder sink)
    {
        try { GoYaml.MarshalTo(value, trimFinalNewline: true, sink); }
        catch (Exception e) when (IsMarshalError(e)) { }
    }

    private static string TrimOneNewline(string s) => s.EndsWith('\n') ? s[..^1] : s;

    private static string TryOrEmpty(Func<string> f)
    {
        try { return f(); }
        catch (Exception e) when (IsMarshalError(e)) { return ""; }
    }

    // The errors helm's toYaml/toJson family turns into "".
    private static bool IsMarshalError(Exception e) => e is GoYamlException or GoJsonException;

    private static string Must(Func<string> f)
    {
        try { return f(); }
        catch (GoYamlException e) { throw new GoFunctionException(e.Message, e); }
        catch (GoJsonException e) { throw new GoFunctionException(e.Message, e); }
    }

    private static Dictionary<string, object?> FromYaml(string text)
    {
        try
        {
            return GoYaml.Unmarshal(text) switch
            {
                null => new Dictionary<string, object?>(),
                Dictionary<string, object?> d => d,
                var other => ErrorMap(UnmarshalTypeError(other, "map[string]interface {}")),
            };
        }
        catch (GoYamlException e) { return ErrorMap(e.Message); }
    }

    private static object?[] FromYamlArray(string text)
    {
        try
        {
            return GoYaml.Unmarshal(text) switch
            {
                null => [],
                object?[] l when l.GetType() == typeof(object[]) => l,
                var other => [UnmarshalTypeError(other, "[]interface {}")],
            };
        }
        catch (GoYamlException e) { return [e.Message]; }
    }

    private static Dictionary<string, object?> FromJson(string text)
    {
        try
        {
            return GoJson.Unmarshal(text) switch
            {
                null => new Dictionary<string, object?>(),
                Dictionary<string, object?> d => d,
                var other => ErrorMap($"json: cannot unmarshal {JsonKind(other)} into Go value of type map[string]interface {{}}"),
            };
        }
        catch (GoJsonException e) { return ErrorMap(e.Message); }
    }

    private static object?[] FromJsonArray(string text)
    {
        try
        {
            return GoJson.Unmarshal(text) switch
            {
                null => [],
                object?[] l when l.GetType() == typeof(object[]) => l,
                var other => [$"json: cannot unmarshal {JsonKind(other)} into Go value of type []interface {{}}"],
            };
        }
        catch (GoJsonException e) { return [e.Message]; }
    }

    private static Dictionary<string, object?> ErrorMap(string message) => new() { ["Error"] = message };

    private static string JsonKind(object? v) => v switch
    {
        string => "string",
        double => "number",
        bool => "bool",
        object?[] => "array",
        _ => "object",
    };

    private static string UnmarshalTypeError(object? v, string target) =>
        $"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {JsonKind(v)} into Go value of type {target}";

    private const int RecursionMaxNums = 1000;

    // include, writing the result into the sink.
    private static void Include(IFunctionContext ctx, string name, object? data, System.Text.StringBuilder sink)
    {
        var counts = EnterInclude(ctx, name);
        try { ctx.ExecuteTemplateTo(name, data, sink); }
        catch (TemplateException e) { throw new GoFunctionException(e.Message, e); }
        finally { counts[name]--; }
    }

    // helm's includedNames: a name nested more than RecursionMaxNums times is an error. (A context of other origin keeps
    // the counts in its state bag.)
    private static Dictionary<string, int> EnterInclude(IFunctionContext ctx, string name)
    {
        var counts = ctx.Render?.IncludedNames ?? ForeignIncludedNames(ctx);
        if (counts.TryGetValue(name, out var n))
        {
            if (n > RecursionMaxNums)
                throw new GoFunctionException($"rendering template has a nested reference name: {name}: unable to execute template");
            counts[name] = n + 1;
        }
        else counts[name] = 1;
        return counts;
    }

    // tpl, writing its result into the sink (nothing stays written when it fails).
    private static void Tpl(IFunctionContext ctx, string text, object? data, System.Text.StringBuilder sink)
    {
        int start = sink.Length;
        try { ctx.ParseAndExecuteTo("gotpl", text, data, sink); }
        catch (Exception e) when (e is TemplateParseException or TemplateExecException)
        {
            sink.Length = start;
            throw TplError(text, e);
        }
        HelmSharp.Template.Exec.OutputBuffers.RemoveNoValue(sink, start);
    }

    private static GoFunctionException TplError(string text, Exception e) => e is TemplateParseException
        ? new GoFunctionException($"cannot parse template {GoStrconv.Quote(text)}: {e.Message}", e)
        : new GoFunctionException($"error during tpl function execution for {GoStrconv.Quote(text)}: {e.Message}", e);

    private static object? Required(IFunctionContext ctx, string warn, object? value, int major)
    {
        if (value == null || value is string { Length: 0 })
        {
            if (LintLog(ctx) is { } log)
            {
                // helm's lint mode: log and go on (helm 3's log line names its source position).
                log.Add(major >= 4
                    ? $"level=WARN msg=\"{(value == null ? "missing required value" : "missing required values")}\" message={HelmSharp.Go.GoSlog.Value(warn)}"
                    : $"engine.go:{(value == null ? 206 : 214)}: [INFO] Missing required value: {warn}");
                return "";
            }
            throw new GoFunctionException(GoFormat.Sprintf(WarnStart + warn + WarnEnd));
        }
        return value;
    }

    private static string Fail(IFunctionContext ctx, string msg, int major)
    {
        if (LintLog(ctx) is { } log)
        {
            log.Add(major >= 4 ? $"level=INFO msg=\"funcMap fail\" message={HelmSharp.Go.GoSlog.Value(msg)}" : $"engine.go:227: [INFO] Fail: {msg}");
            return "";
        }
        throw new GoFunctionException(WarnStart + msg + WarnEnd);
    }

    private static Dictionary<string, int> ForeignIncludedNames(IFunctionContext ctx)
    {
        const string key = "helm.includedNames";
        if (ctx.RenderState.TryGetValue(key, out var o) && o is Dictionary<string, int> counts) return counts;
        ctx.RenderState[key] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
        return counts;
    }

    // A lint-mode render's log (see RenderEngine.Render).
    private static List<string>? LintLog(IFunctionContext ctx) => ctx.Render?.LintLog;
}
