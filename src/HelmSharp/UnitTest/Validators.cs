using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HelmSharp.Go;
using HelmSharp.Sprig;

namespace HelmSharp.UnitTest.Validators;

/// <summary>What a validator sees: the template's documents, the ones selected by index/selector, and the run's state.</summary>
internal sealed class ValidateContext
{
    public List<Dictionary<string, object?>> Docs = [];
    public List<Dictionary<string, object?>>? SelectedDocs;
    public bool Negative;
    public Func<object?, string?, string?, SnapshotCompareResult>? CompareToSnapshot;
    public string? RenderError;
    public bool FailFast;

    public List<Dictionary<string, object?>> Manifests => SelectedDocs ?? Docs;
}

/// <summary>An assertion type's check (the plugin's <c>Validatable</c>).</summary>
internal interface IValidator
{
    (bool Passed, List<string> FailInfo) Validate(ValidateContext context);
}

/// <summary>The formatting helpers of the plugin's <c>validators/common.go</c>.</summary>
internal static partial class Common
{
    public const string ErrorFormat = "\nError:\n%s\n";

    [GeneratedRegex("[ ]+\r?\n", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingSpaces();

    public static string SetFailFormat(bool not, bool path, bool actual, bool diff, string customize)
    {
        var result = "\nExpected" + (not ? " NOT" : "") + customize + ":\n%s\n";
        if (path) result = "Path:%s" + result;
        if (actual) result += "Actual:\n%s\n";
        if (diff) result += "Diff:\n%s\n";
        return result;
    }

    /// <summary>
    /// <c>splitInfof</c>: the format (trimmed) filled with the replacements (each indented by a tab and trimmed), split
    /// into lines, with <c>ValuesIndex</c> and <c>DocumentIndex</c> lines in front when given.
    /// </summary>
    public static List<string> SplitInfof(string format, int manifestIndex, int valuesIndex, params string[] replacements)
    {
        var f = format.Trim('\t', '\n', ' ');
        var sb = new StringBuilder();
        int r = 0;
        for (int i = 0; i < f.Length; i++)
        {
            if (f[i] == '%' && i + 1 < f.Length && f[i + 1] == 's')
            {
                if (r < replacements.Length) sb.Append('\t').Append(replacements[r].Replace("\n", "\n\t", StringComparison.Ordinal).Trim('\n', '\t', ' '));
                else sb.Append("%!s(MISSING)");
                r++;
                i++;
                continue;
            }
            sb.Append(f[i]);
        }
        var lines = sb.ToString().Split('\n').ToList();
        if (valuesIndex >= 0) lines.Insert(0, "ValuesIndex:\t" + valuesIndex.ToString(CultureInfo.InvariantCulture));
        if (manifestIndex >= 0) lines.Insert(0, "DocumentIndex:\t" + manifestIndex.ToString(CultureInfo.InvariantCulture));
        return lines;
    }

    public static List<string> Error(int manifestIndex, int valuesIndex, string message) => SplitInfof(ErrorFormat, manifestIndex, valuesIndex, message);

    /// <summary>Trailing spaces before line ends removed, CRLF made LF, leading newlines dropped (the plugin's <c>uniformContent</c>).</summary>
    public static string UniformContent(object? content) => TrailingSpaces().Replace(GoValues.Sprint(content), "\n").TrimStart('\n');

    public static bool ValidateSubset(Dictionary<string, object?> actual, Dictionary<string, object?> content)
    {
        foreach (var (k, v) in content)
            if (!GoValues.DeepEqual(actual.GetValueOrDefault(k), v)) return false;
        return true;
    }

    public static bool DetermineSuccess(int idx, bool original, bool newValue) => idx == 0 ? newValue : original && newValue;

    public static List<object?> GetValues(Dictionary<string, object?> manifest, string path) => ValuePath.Get(manifest, path);

    public static string Yaml(object? v) => GoValues.MarshalYaml(v);

    /// <summary>Go's <c>base64.StdEncoding.DecodeString</c> (strict padding), as a Go string; null when invalid.</summary>
    public static string? DecodeBase64(string s)
    {
        s = s.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        if (s.Length % 4 != 0) return null;
        foreach (var c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')) return null;
        try { return HelmSharp.Go.GoUtf8.GetString(Convert.FromBase64String(s)); }
        catch (FormatException) { return null; }
    }

    /// <summary>The <c>decodeBase64</c> option: <paramref name="s"/> replaced by what it decodes to, or the failure info when it is not base64.</summary>
    public static List<string>? DecodeBase64Value(ref string s, int manifestIndex, int valueIndex)
    {
        var decoded = DecodeBase64(s);
        if (decoded == null) return Error(manifestIndex, valueIndex, "unable to decode base64 expected content " + s);
        s = decoded;
        return null;
    }

    /// <summary>Compiles a Go regular expression; the error is Go's text.</summary>
    public static GoRegexp Compile(string pattern) => GoRegexp.Compile(pattern);
}

/// <summary>Reads the values at a path of a manifest (the plugin's <c>GetValueOfSetPath</c>).</summary>
internal static class ValuePath
{
    public static List<object?> Get(Dictionary<string, object?> manifest, string path)
    {
        if (path.Length == 0) return [manifest];
        var p = YamlPath.Compile(path);
        var root = PathNode.From(manifest);
        var res = new List<object?>();
        foreach (var n in p.Find(root)) res.Add(n.ToValue());
        return res;
    }
}

internal static class Fmt
{
    public static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>How one item of a validator's loop (a manifest, or a value a path found) counts toward its result.</summary>
/// <remarks>The plugin's validators differ here, and the differences show in their results, so each keeps its own.</remarks>
internal enum StepKind : byte
{
    /// <summary><c>success = determineSuccess(i, success, ok)</c>; with fail-fast the loop stops once success is false.</summary>
    Counted,
    /// <summary>Counted, but the loop goes on even with fail-fast.</summary>
    CountedNoStop,
    /// <summary>Its errors are kept; success is left as it was.</summary>
    Uncounted,
    /// <summary>The loop ends at once with (false, these errors); the errors before it are dropped.</summary>
    Abort,
}

/// <summary>The outcome of one item of a validator's loop.</summary>
internal readonly record struct Step(bool Ok, List<string> Errors, StepKind Kind = StepKind.Counted)
{
    public static Step Pass() => new(true, []);
    public static Step Fail(List<string> errors, StepKind kind = StepKind.Counted) => new(false, errors, kind);
    public static Step Of(bool ok, Func<List<string>> failInfo) => ok ? Pass() : Fail(failInfo());
}

internal static class Steps
{
    /// <summary>
    /// The loop every validator of the plugin runs, over its manifests and over the values a path finds: each item's
    /// errors are collected and its result folded in with <c>determineSuccess</c> (see <see cref="StepKind"/>).
    /// </summary>
    public static (bool Passed, List<string> Errors) Run(int count, bool initial, bool failFast, Func<int, Step> step)
    {
        bool success = initial;
        var errors = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var s = step(i);
            if (s.Kind == StepKind.Abort) return (false, s.Errors);
            errors.AddRange(s.Errors);
            if (s.Kind == StepKind.Uncounted) continue;
            success = Common.DetermineSuccess(i, success, s.Ok);
            if (s.Kind == StepKind.Counted && !success && failFast) break;
        }
        return (success, errors);
    }
}

/// <summary>A validator that checks each selected manifest (the plugin's per-validator <c>Validate</c> loop).</summary>
internal abstract class ManifestValidator : IValidator
{
    public virtual (bool Passed, List<string> FailInfo) Validate(ValidateContext ctx) => ValidateManifests(ctx);

    /// <summary>
    /// Runs <see cref="ValidateManifest"/> over the manifests. Without any manifest the assertion fails with
    /// <see cref="NoManifestInfo"/>, or passes when negated (unless <paramref name="checkEmpty"/> is false: then the
    /// result is <paramref name="initial"/>).
    /// </summary>
    protected (bool Passed, List<string> FailInfo) ValidateManifests(ValidateContext ctx, bool initial = false, bool checkEmpty = true)
    {
        var manifests = ctx.Manifests;
        var (success, errors) = Steps.Run(manifests.Count, initial, ctx.FailFast, i => ValidateManifest(manifests[i], i, ctx));
        if (manifests.Count == 0 && checkEmpty)
        {
            if (!ctx.Negative) { success = false; errors.AddRange(NoManifestInfo()); }
            else success = true;
        }
        return (success, errors);
    }

    protected abstract Step ValidateManifest(Dictionary<string, object?> manifest, int index, ValidateContext ctx);

    /// <summary>The failure info when there is no manifest to check (the assertion not negated).</summary>
    protected abstract List<string> NoManifestInfo();
}

/// <summary>A validator with a <c>path</c> into each manifest.</summary>
internal abstract class PathValidator : ManifestValidator
{
    public string Path = "";
}

/// <summary>A validator of the values a path finds in each manifest (<c>GetValueOfSetPath</c>, then a loop over them).</summary>
internal abstract class PathValuesValidator : PathValidator
{
    protected virtual string UnknownPathMessage => "unknown path " + Path;

    /// <summary>A check after the path was read and before its values are (an error fails the manifest).</summary>
    protected virtual List<string>? BeforeValues() => null;

    protected override Step ValidateManifest(Dictionary<string, object?> manifest, int mi, ValidateContext ctx)
    {
        List<object?> actuals;
        try { actuals = Common.GetValues(manifest, Path); }
        catch (UnitTestException e) { return Step.Fail(Common.Error(mi, -1, e.Message)); }
        if (BeforeValues() is { } error) return Step.Fail(error);
        if (actuals.Count == 0 && !ctx.Negative) return Step.Fail(Common.Error(mi, -1, UnknownPathMessage));
        var (ok, errors) = Steps.Run(actuals.Count, actuals.Count == 0 && ctx.Negative, ctx.FailFast, ai => ValidateValue(actuals[ai], mi, ai, ctx));
        return new Step(ok, errors);
    }

    protected abstract Step ValidateValue(object? actual, int mi, int ai, ValidateContext ctx);
}

/// <summary>A validator of each manifest's whole text (<c>uniformContent</c> of its <c>raw</c> entry).</summary>
internal abstract class RawValidator : ManifestValidator
{
    protected override Step ValidateManifest(Dictionary<string, object?> manifest, int index, ValidateContext ctx) =>
        ValidateRaw(Common.UniformContent(manifest.GetValueOrDefault("raw")), ctx);

    protected abstract Step ValidateRaw(string actual, ValidateContext ctx);
}

internal sealed class EqualValidator : PathValuesValidator
{
    public object? Value;
    public bool DecodeBase64;

    private List<string> FailInfo(object? actual, int manifestIndex, int actualIndex, bool not)
    {
        var expectedYaml = Common.Yaml(Value);
        if (not)
            return Common.SplitInfof(Common.SetFailFormat(not, true, false, false, " to equal"), manifestIndex, actualIndex, Path, expectedYaml);
        var actualYaml = Common.Yaml(actual);
        return Common.SplitInfof(Common.SetFailFormat(not, true, true, true, " to equal"), manifestIndex, actualIndex, Path, expectedYaml, actualYaml,
            UnifiedDiff.Diff(expectedYaml, actualYaml));
    }

    protected override List<string> NoManifestInfo() => FailInfo("no manifest found", -1, -1, false);

    protected override Step ValidateValue(object? actual, int mi, int ai, ValidateContext ctx)
    {
        if (actual is string s)
        {
            if (DecodeBase64 && Common.DecodeBase64Value(ref s, mi, ai) is { } error) return Step.Fail(error);
            actual = Common.UniformContent(s);
        }
        return Step.Of(GoValues.DeepEqual(Value, actual) != ctx.Negative, () => FailInfo(actual, mi, ai, ctx.Negative));
    }
}

internal sealed class EqualRawValidator : RawValidator
{
    public string Value = "";

    private List<string> FailInfo(object? actual, bool not)
    {
        var expectedYaml = Common.Yaml(Value);
        if (not) return Common.SplitInfof(Common.SetFailFormat(not, false, false, false, " to equal"), -1, -1, expectedYaml);
        var actualYaml = Common.Yaml(actual);
        return Common.SplitInfof(Common.SetFailFormat(not, false, true, true, " to equal"), -1, -1, expectedYaml, actualYaml, UnifiedDiff.Diff(expectedYaml, actualYaml));
    }

    protected override List<string> NoManifestInfo() => FailInfo("no manifest found", false);

    protected override Step ValidateRaw(string actual, ValidateContext ctx) =>
        Step.Of(string.Equals(Value, actual, StringComparison.Ordinal) != ctx.Negative, () => FailInfo(actual, ctx.Negative));
}

internal sealed class ExistsValidator : PathValidator
{
    private List<string> FailInfo(int mi, int ai, bool not) =>
        Common.SplitInfof("Path:%s expected to " + (not ? "NOT " : "") + "exists", mi, ai, Path);

    protected override List<string> NoManifestInfo() => FailInfo(-1, -1, false);

    // Only an unreadable path stops a fail-fast run here; a missing (or present) value does not.
    protected override Step ValidateManifest(Dictionary<string, object?> manifest, int mi, ValidateContext ctx)
    {
        List<object?> actual;
        try { actual = Common.GetValues(manifest, Path); }
        catch (UnitTestException e) { return Step.Fail(Common.Error(mi, -1, e.Message)); }
        return actual.Count > 0 != ctx.Negative
            ? new Step(true, [], StepKind.CountedNoStop)
            : Step.Fail(FailInfo(mi, -1, ctx.Negative), StepKind.CountedNoStop);
    }
}

internal sealed class MatchRegexValidator : PathValuesValidator
{
    public string Pattern = "";
    public bool DecodeBase64;

    private List<string> FailInfo(string actual, int mi, int ai, bool not) =>
        Common.SplitInfof(Common.SetFailFormat(not, true, true, false, " to match"), mi, ai, Path, Pattern, actual);

    public override (bool Passed, List<string> FailInfo) Validate(ValidateContext ctx) =>
        Pattern.Length == 0 ? (false, Common.Error(-1, -1, "expected field 'pattern' to be filled")) : ValidateManifests(ctx);

    protected override List<string> NoManifestInfo() => FailInfo("no manifest found", -1, -1, false);

    // the pattern is compiled for each manifest, after its path was read (GoRegexp caches compiled patterns)
    protected override List<string>? BeforeValues()
    {
        try { Common.Compile(Pattern); return null; }
        catch (Exception e) when (e is not OperationCanceledException) { return Common.Error(-1, -1, e.Message); }
    }

    protected override Step ValidateValue(object? actual, int mi, int ai, ValidateContext ctx)
    {
        if (actual is string s)
        {
            if (DecodeBase64 && Common.DecodeBase64Value(ref s, mi, ai) is { } error) return Step.Fail(error);
            return Step.Of(Common.Compile(Pattern).IsMatch(s) != ctx.Negative, () => FailInfo(s, mi, ai, ctx.Negative));
        }
        return Step.Fail(Common.Error(mi, ai, "expect '" + Path + "' to be a string, got:\n" + Common.Yaml(actual)));
    }
}

internal sealed class MatchRegexRawValidator : RawValidator
{
    public string Pattern = "";

    private List<string> FailInfo(string actual, bool not) =>
        Common.SplitInfof(Common.SetFailFormat(not, false, true, false, " to match"), -1, -1, Pattern, actual);

    public override (bool Passed, List<string> FailInfo) Validate(ValidateContext ctx) =>
        Pattern.Length == 0 ? (false, Common.Error(-1, -1, "expected field 'pattern' to be filled")) : ValidateManifests(ctx);

    protected override List<string> NoManifestInfo() => FailInfo("no manifest found", false);

    protected override Step ValidateRaw(string actual, ValidateContext ctx)
    {
        GoRegexp p;
        try { p = Common.Compile(Pattern); }
        catch (Exception e) when (e is not OperationCanceledException) { return Step.Fail(Common.Error(-1, -1, e.Message), StepKind.Abort); }
        return Step.Of(p.IsMatch(actual) != ctx.Negative, () => FailInfo(actual, ctx.Negative));
    }
}

internal sealed class ContainsValidator : PathValuesValidator
{
    public object? Content;
    public long? Count;
    public bool Any;

    private List<string> FailInfo(object? actual, int mi, int ai, bool not) =>
        Common.SplitInfof(Common.SetFailFormat(not, true, true, false, " to contain"), mi, ai, Path, Common.Yaml(new List<object?> { Content }), Common.Yaml(actual));

    private (bool Found, int Count) ValidateContent(List<object?> actual)
    {
        bool found = false;
        int count = 0;
        foreach (var ele in actual)
        {
            bool isArray = false, isSubmatch = false;
            if (Any)
            {
                if (ele is Dictionary<string, object?> subset && Content is Dictionary<string, object?> content) isSubmatch = Common.ValidateSubset(subset, content);
                else isArray = true;
            }
            if (isSubmatch) { found = true; count++; }
            if ((!Any || isArray) && GoValues.DeepEqual(ele, Content)) { found = true; count++; }
        }
        return (found, count);
    }

    protected override List<string> NoManifestInfo() => FailInfo("no manifest found", 0, -1, false);

    protected override Step ValidateValue(object? actual, int mi, int ai, ValidateContext ctx)
    {
        if (actual is not List<object?> list)
            return Step.Fail(Common.Error(mi, ai, "expect '" + Path + "' to be an array, got:\n" + Common.Yaml(actual)));
        var (found, count) = ValidateContent(list);
        if (Count == null && found == ctx.Negative) return Step.Fail(FailInfo(list, mi, ai, ctx.Negative));
        if (Count != null && (found && Count.Value == count) == ctx.Negative)
        {
            if (!found) return Step.Fail(FailInfo(list, mi, ai, ctx.Negative));
            return Step.Fail(Common.Error(mi, ai, "expect count " + Fmt.Num(Count.Value) + " in '" + Path + "' to be in array, got " +
                                                  count.ToString(CultureInfo.InvariantCulture) + ":\n" + Common.Yaml(list)));
        }
        return Step.Pass();
    }
}

internal sealed class ContainsDocumentValidator : IValidator
{
    public string Kind = "";
    public string APIVersion = "";
    public string Name = "";
    public string Namespace = "";
    public bool Any;

    private string JoinOutput()
    {
        var parts = new List<string> { "Kind = " + Kind + ", apiVersion = " + APIVersion };
        if (Name.Length > 0) parts.Add("Name = " + Name);
        if (Namespace.Length > 0) parts.Add("Namespace = " + Namespace);
        return string.Join(", ", parts);
    }

    private List<string> FailInfo(int mi, int ai, bool not) =>
        Common.SplitInfof(Common.SetFailFormat(not, false, false, false, " to contain document"), mi, ai, JoinOutput());

    private bool ValidateManifest(Dictionary<string, object?> m)
    {
        if (m.GetValueOrDefault("kind") is string kind && kind != Kind) return false;
        if (m.GetValueOrDefault("apiVersion") is string api && api != APIVersion) return false;
        if (Name.Length > 0 && !FirstEquals(m, "metadata.name", Name)) return false;
        if (Namespace.Length > 0 && !FirstEquals(m, "metadata.namespace", Namespace)) return false;
        return true;
    }

    private static bool FirstEquals(Dictionary<string, object?> m, string path, string expected)
    {
        List<object?> actual;
        try { actual = Common.GetValues(m, path); }
        catch (UnitTestException) { return false; }
        return actual.Count > 0 && actual[0] is string s && s == expected;
    }

    public (bool Passed, List<string> FailInfo) Validate(ValidateContext ctx)
    {
        var manifests = ctx.Manifests;
        bool success = false;
        var errors = new List<string>();
        for (int i = 0; i < manifests.Count; i++)
        {
            bool ok = ValidateManifest(manifests[i]);
            if (ok == ctx.Negative)
            {
                ok = false;
                errors.AddRange(FailInfo(i, -1, ctx.Negative));
                if (ctx.FailFast) { success = false; break; }
            }
            else
            {
                ok = true;
                if (Any != ctx.Negative)
                {
                    success = true;
                    errors = [];
                    break;
                }
            }
            success = Common.DetermineSuccess(i, success, ok);
        }
        if (manifests.Count == 0 && !ctx.Negative) errors.AddRange(FailInfo(0, -1, ctx.Negative));
        else if (manifests.Count == 0 && ctx.Negative) success = true;
        return (success, errors);
    }
}

/// <summary><c>greaterOrEqual</c>/<c>lessOrEqual</c> (and their negations, with the plugin's operator precedence).</summary>
internal sealed class OperatorValidator : PathValuesValidator
{
    public object? Value;
    public string ComparisonType = "greater";

    private List<string> FailInfo(string msg, int mi, int ai, bool not) =>
        Common.SplitInfof(Common.SetFailFormat(not, true, false, false, " to be " + ComparisonType + " then or equal to, got"), mi, ai, Path, msg);

    // Go: (greater && actual >= expected) || (less && actual <= expected) == negative
    private bool Compare(int cmp, bool negative) =>
        ComparisonType == "greater" && cmp >= 0 || (ComparisonType == "less" && cmp <= 0) == negative;

    private (bool, string?) CompareValues(object? expected, object? actual, bool negative)
    {
        bool result;
        switch (expected)
        {
            case string e: result = Compare(string.CompareOrdinal((string)actual!, e), negative); break;
            case long e: result = Compare(((long)actual!).CompareTo(e), negative); break;
            case double e:
                {
                    var a = (double)actual!;
                    int cmp = a > e ? 1 : a == e ? 0 : a < e ? -1 : 2; // NaN compares false both ways
                    result = cmp == 2 ? ComparisonType == "greater" ? false || (false == negative) : false == negative : Compare(cmp, negative);
                    break;
                }
            default: return (false, "unsupported type '" + GoTypeOf(expected) + "'");
        }
        if (!result) return (false, "the actual '" + GoValues.Sprint(actual) + "' is not " + ComparisonType + " or equal to the expected '" + GoValues.Sprint(expected) + "'");
        return (true, null);
    }

    private static string GoTypeOf(object? v) => v == null ? "<nil>" : GoValues.TypeName(v);

    private static string ReflectType(object? v) => v == null ? "<nil>" : GoValues.TypeName(v);

    protected override string UnknownPathMessage => "unknown path '" + Path + "'";

    protected override List<string> NoManifestInfo() => FailInfo("no manifests found", -1, -1, false);

    protected override Step ValidateValue(object? actual, int mi, int ai, ValidateContext ctx)
    {
        // a type mismatch is reported but not counted, as in the plugin
        if (ReflectType(actual) != ReflectType(Value))
            return Step.Fail(Common.Error(mi, ai, "actual '" + ReflectType(actual) + "' and expected '" + ReflectType(Value) + "' types do not match"), StepKind.Uncounted);
        var (ok, msg) = CompareValues(Value, actual, !ctx.Negative);
        return new Step(ok, msg != null ? FailInfo(msg, mi, ai, ctx.Negative) : []);
    }
}

internal sealed class FailedTemplateValidator : ManifestValidator
{
    public string ErrorMessage = "";
    public string ErrorPattern = "";

    private static readonly Regex s_meta = new(@".*[\\.+*?()|[\]{}^$].*", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));

    private List<string> FailInfo(object? actual, int mi, int ai, bool not)
    {
        var custom = ErrorPattern.Length > 0 ? " to match" : " to equal";
        var message = ErrorMessage.Length > 0 ? ErrorMessage : ErrorPattern;
        if (not) return Common.SplitInfof(Common.SetFailFormat(not, false, false, false, custom), mi, ai, message);
        return Common.SplitInfof(Common.SetFailFormat(not, false, true, false, custom), mi, ai, message, GoValues.Sprint(actual));
    }

    public override (bool Passed, List<string> FailInfo) Validate(ValidateContext ctx)
    {
        if (ErrorMessage.Length > 0 && ErrorPattern.Length > 0)
            return (false, Common.Error(-1, -1, "single attribute 'errorMessage' or 'errorPattern' supported at the same time"));
        if (ctx.RenderError != null)
        {
            if (ErrorPattern.Length > 0) return ValidatePattern(ctx.RenderError, -1, -1, ctx);
            if (ErrorMessage.Length > 0) return ValidateMessage(ctx.RenderError, -1, -1, ctx);
            return (true, []);
        }
        return ValidateManifests(ctx, initial: true);
    }

    protected override List<string> NoManifestInfo() => FailInfo("No failed document", -1, -1, false);

    protected override Step ValidateManifest(Dictionary<string, object?> manifest, int i, ValidateContext ctx)
    {
        var actual = manifest.GetValueOrDefault("raw");
        if (ErrorMessage.Length == 0 && ErrorPattern.Length == 0 && !ctx.Negative) return new Step(true, [], StepKind.Uncounted);
        if (ErrorPattern.Length > 0) { var (ok, errs) = ValidatePattern(actual, i, -1, ctx); return new Step(ok, errs); }
        if (ErrorMessage.Length > 0) { var (ok, errs) = ValidateMessage(actual, i, -1, ctx); return new Step(ok, errs); }
        return Step.Pass();
    }

    private (bool, List<string>) ValidatePattern(object? actual, int mi, int ai, ValidateContext ctx)
    {
        GoRegexp p;
        try { p = Common.Compile(ErrorPattern); }
        catch (Exception) { try { p = Common.Compile(GoRegexp.QuoteMeta(ErrorPattern)); } catch (Exception e) { return (false, Common.Error(-1, -1, e.Message)); } }
        if (actual != null)
        {
            // a non-string raw value would panic in the plugin; treat it as its text
            var s = actual as string ?? GoValues.Sprint(actual);
            if (p.IsMatch(s) == ctx.Negative)
            {
                if (s_meta.IsMatch(ErrorPattern))
                {
                    GoRegexp esc;
                    try { esc = Common.Compile(GoRegexp.QuoteMeta(ErrorPattern)); }
                    catch (Exception e) { return (false, Common.Error(-1, -1, e.Message)); }
                    if (esc.IsMatch(s) == ctx.Negative) return (false, FailInfo(s, mi, ai, ctx.Negative));
                    return (true, []);
                }
                return (false, FailInfo(s, mi, ai, ctx.Negative));
            }
        }
        return (true, []);
    }

    private (bool, List<string>) ValidateMessage(object? actual, int mi, int ai, ValidateContext ctx)
    {
        bool equal = actual != null && string.Equals(ErrorMessage, actual as string ?? GoValues.Sprint(actual), StringComparison.Ordinal);
        if (equal == ctx.Negative) return (false, FailInfo(actual, mi, ai, ctx.Negative));
        return (true, []);
    }
}

internal sealed class HasDocumentsValidator : IValidator
{
    public long Count;
    public bool FilterAware;

    public (bool Passed, List<string> FailInfo) Validate(ValidateContext ctx)
    {
        int length = FilterAware ? ctx.Manifests.Count : ctx.Docs.Count;
        if (length == Count != ctx.Negative) return (true, []);
        var expected = Fmt.Num(Count);
        if (ctx.Negative) return (false, Common.SplitInfof(Common.SetFailFormat(true, false, false, false, " documents count to be"), -1, -1, expected));
        return (false, Common.SplitInfof(Common.SetFailFormat(false, false, true, false, " documents count to be"), -1, -1, expected,
            length.ToString(CultureInfo.InvariantCulture)));
    }
}

/// <summary><c>isKind</c> and <c>isAPIVersion</c>: a top-level string field equals <c>of</c>.</summary>
internal sealed class FieldIsValidator(string field, string message) : ManifestValidator
{
    public string Of = "";

    private List<string> FailInfo(object? actual, int mi, int ai, bool not)
    {
        if (not) return Common.SplitInfof(Common.SetFailFormat(not, false, false, false, message), mi, ai, Of);
        return Common.SplitInfof(Common.SetFailFormat(not, false, true, false, message), mi, ai, Of, Common.Yaml(actual));
    }

    protected override List<string> NoManifestInfo() => FailInfo("no manifest found", -1, -1, false);

    protected override Step ValidateManifest(Dictionary<string, object?> manifest, int i, ValidateContext ctx)
    {
        var v = manifest.GetValueOrDefault(field);
        return Step.Of((v is string s && s == Of) != ctx.Negative, () => FailInfo(v, i, -1, ctx.Negative));
    }
}

internal sealed class IsNullOrEmptyValidator : PathValuesValidator
{
    private List<string> FailInfo(object? actual, int mi, int ai, bool not) =>
        Common.SplitInfof(Common.SetFailFormat(not, true, false, false, " to be null or empty, got"), mi, ai, Path, Common.Yaml(actual));

    protected override List<string> NoManifestInfo() => FailInfo("no manifest found", -1, -1, false);

    protected override Step ValidateValue(object? actual, int mi, int ai, ValidateContext ctx) =>
        Step.Of(GoValues.IsEmpty(actual) != ctx.Negative, () => FailInfo(actual, mi, ai, ctx.Negative));
}

internal sealed class IsSubsetValidator : PathValuesValidator
{
    public object? Content;

    private List<string> FailInfo(object? actual, int mi, int vi, bool not) =>
        Common.SplitInfof(Common.SetFailFormat(not, true, true, false, " to contain"), mi, vi, Path, Common.Yaml(Content), Common.Yaml(actual));

    protected override List<string> NoManifestInfo() => FailInfo("no manifest found", -1, -1, false);

    protected override Step ValidateValue(object? actual, int mi, int ai, ValidateContext ctx)
    {
        if (actual is Dictionary<string, object?> am && Content is Dictionary<string, object?> cm)
            return Step.Of(Common.ValidateSubset(am, cm) != ctx.Negative, () => FailInfo(actual, mi, ai, ctx.Negative));
        // not an object: a failure that does not stop a fail-fast run, as in the plugin
        return Step.Fail(Common.Error(mi, ai, "expect '" + Path + "' to be an object, got:\n" + Common.Yaml(actual)), StepKind.CountedNoStop);
    }
}

internal sealed class IsTypeValidator : PathValuesValidator
{
    public string Type = "";

    private List<string> FailInfo(string actual, int mi, int vi, bool not) =>
        Common.SplitInfof(Common.SetFailFormat(not, true, true, false, " to be of type"), mi, vi, Path, Type, actual);

    protected override List<string> NoManifestInfo() => FailInfo("no manifest found", -1, -1, false);

    protected override Step ValidateValue(object? actual, int mi, int ai, ValidateContext ctx)
    {
        var t = GoValues.TypeName(actual);
        return Step.Of((t == Type) != ctx.Negative, () => FailInfo(t, mi, ai, ctx.Negative));
    }
}

internal sealed class LengthEqualValidator : PathValidator
{
    public List<string> Paths = [];
    public long? Count;

    private List<string> FailInfo(string path, string count, string actual, int mi, int vi, bool not) =>
        Common.SplitInfof(Common.SetFailFormat(not, true, true, false, " to match count"), mi, vi, path, count, actual);

    private (bool, List<string>, int) SingleValidateCounts(Dictionary<string, object?> manifest, string path, int mi, ValidateContext ctx)
    {
        List<object?> actuals;
        try { actuals = Common.GetValues(manifest, path); }
        catch (UnitTestException e) { return (false, Common.Error(mi, -1, e.Message), 0); }
        int arrayLength = 0;
        var (success, errors) = Steps.Run(actuals.Count, actuals.Count == 0 && ctx.Negative, ctx.FailFast, ai =>
        {
            var arr = actuals[ai] as List<object?>;
            if (arr == null && Count == null) return Step.Fail(Common.Error(mi, ai, path + " is not array"), StepKind.Uncounted);
            arrayLength = arr?.Count ?? 0;
            if (Count != null && (arrayLength == Count.Value) == ctx.Negative)
                return Step.Fail(FailInfo(path, Fmt.Num(Count.Value), arrayLength.ToString(CultureInfo.InvariantCulture), mi, -1, ctx.Negative));
            return Step.Pass();
        });
        return (success, errors, arrayLength);
    }

    public override (bool Passed, List<string> FailInfo) Validate(ValidateContext ctx)
    {
        if (Path.Length > 0 && (Count == null || Count < 0)) return (false, Common.Error(-1, -1, "'count' field must be set if 'path' is used"));
        if (Path.Length > 0 && Paths.Count > 0) return (false, Common.Error(-1, -1, "'paths' couldn't be used with 'path'"));
        return ValidateManifests(ctx);
    }

    protected override List<string> NoManifestInfo() => FailInfo("", "", "no manifest found", -1, -1, false);

    protected override Step ValidateManifest(Dictionary<string, object?> manifest, int mi, ValidateContext ctx)
    {
        var (ok, errs) = Path.Length > 0 ? DropCount(SingleValidateCounts(manifest, Path, mi, ctx)) : MultipleMode(manifest, mi, ctx);
        return new Step(ok, errs);
    }

    private static (bool, List<string>) DropCount((bool Ok, List<string> Errors, int) r) => (r.Ok, r.Errors);

    private (bool, List<string>) MultipleMode(Dictionary<string, object?> manifest, int mi, ValidateContext ctx)
    {
        var errors = new List<string>();
        var pathCount = new Dictionary<string, int>(StringComparer.Ordinal);
        bool optimize = true;
        foreach (var p in Paths)
        {
            var (ok, errs, n) = SingleValidateCounts(manifest, p, mi, ctx);
            pathCount[p] = n;
            if (!ok) { errors.AddRange(errs); optimize = false; }
        }
        if (!optimize) return (false, errors);
        int arrayCount = -1;
        var sorted = pathCount.Keys.ToList();
        sorted.Sort(StringComparer.Ordinal);
        bool success = true;
        foreach (var p in sorted)
        {
            int v = pathCount[p];
            if (arrayCount == -1) arrayCount = v;
            else if ((arrayCount == v) == ctx.Negative)
            {
                errors.AddRange(FailInfo(p, "-1", v.ToString(CultureInfo.InvariantCulture), mi, -1, ctx.Negative));
                return (false, errors);
            }
        }
        if (arrayCount == -1) return (false, errors);
        return (success, errors);
    }
}

/// <summary>The result of comparing a value with its stored snapshot.</summary>
internal sealed class SnapshotCompareResult
{
    public bool Passed;
    public string Test = "";
    public uint Index;
    public string NewSnapshot = "";
    public string CachedSnapshot = "";
    public string Msg = "";
    public string? Err;
}

internal sealed class MatchSnapshotValidator : PathValuesValidator
{
    public string? MatchRegexPattern;
    public string? NotMatchRegexPattern;

    private List<string> FailInfo(SnapshotCompareResult r, int mi, int ai, bool not)
    {
        if (r.Msg.Length > 0)
            return Common.SplitInfof(Common.SetFailFormat(not, false, false, false, r.Msg), mi, ai, r.CachedSnapshot);
        var info = not ? r.CachedSnapshot : UnifiedDiff.Diff(r.CachedSnapshot, r.NewSnapshot);
        return Common.SplitInfof(Common.SetFailFormat(not, true, false, false, " to match snapshot " + r.Index.ToString(CultureInfo.InvariantCulture)), mi, ai, Path, info);
    }

    // no manifest: passes unless negated, with no failure info
    public override (bool Passed, List<string> FailInfo) Validate(ValidateContext ctx) =>
        ValidateManifests(ctx, initial: ctx.Manifests.Count == 0 && !ctx.Negative, checkEmpty: false);

    protected override List<string> NoManifestInfo() => [];

    protected override Step ValidateValue(object? actual, int mi, int ai, ValidateContext ctx)
    {
        var r = ctx.CompareToSnapshot!(actual, string.IsNullOrEmpty(MatchRegexPattern) ? null : MatchRegexPattern,
            string.IsNullOrEmpty(NotMatchRegexPattern) ? null : NotMatchRegexPattern);
        if (r.Err != null) return Step.Fail(Common.Error(mi, ai, "<nil>"), StepKind.Abort);
        return Step.Of(r.Passed != ctx.Negative, () => FailInfo(r, mi, ai, ctx.Negative));
    }
}

internal sealed class MatchSnapshotRawValidator : RawValidator
{
    private static List<string> FailInfo(SnapshotCompareResult r, bool not)
    {
        var info = not ? r.CachedSnapshot : UnifiedDiff.Diff(r.CachedSnapshot, r.NewSnapshot);
        return Common.SplitInfof(Common.SetFailFormat(not, false, false, false, " to match snapshot " + r.Index.ToString(CultureInfo.InvariantCulture)), -1, -1, info);
    }

    // no manifest: passes unless negated, with no failure info
    public override (bool Passed, List<string> FailInfo) Validate(ValidateContext ctx) =>
        ValidateManifests(ctx, initial: ctx.Manifests.Count == 0 && !ctx.Negative, checkEmpty: false);

    protected override List<string> NoManifestInfo() => [];

    protected override Step ValidateRaw(string actual, ValidateContext ctx)
    {
        var r = ctx.CompareToSnapshot!(actual, null, null);
        return Step.Of(r.Passed != ctx.Negative, () => FailInfo(r, ctx.Negative));
    }
}
