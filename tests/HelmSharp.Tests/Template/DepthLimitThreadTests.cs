using System.Text;
using HelmSharp.Go;
using HelmSharp.Helm;
using HelmSharp.Json;
using HelmSharp.Sprig;
using HelmSharp.Template;
using HelmSharp.Template.Functions;
using HelmSharp.Toml;
using HelmSharp.Values;
using HelmSharp.Yaml;
using NUnit.Framework;

namespace HelmSharp.Tests.Template;

/// <summary>
/// Every public entry point whose work recurses per nesting level gives the same result whatever thread calls it
/// and whatever the build configuration: deep-but-legal input works and too-deep input fails with the same clean
/// error on a 256 KiB thread (far less than any test runner's thread, and a Debug build's frames are large) as on the
/// library's large-stack worker. Without the hand-off to the worker these calls overflow the small stack (the test
/// host dies) or stop early with a different error.
/// </summary>
[TestFixture]
public class DepthLimitThreadTests
{
    private const int SmallStack = 256 * 1024;

    private static string Outcome(Func<object?> f)
    {
        try { return "ok: " + Describe(f()); }
        catch (Exception e) { return e.GetType().Name + ": " + e.Message; }
    }

    private static string Describe(object? v) => v switch
    {
        null => "<null>",
        string s => s.Length > 200 ? "string of " + s.Length + " chars, hash " + s.GetHashCode(StringComparison.Ordinal).ToString("x8") : s,
        _ => v.GetType().Name,
    };

    private static string OnSmallThread(Func<object?> f)
    {
        string outcome = "<not run>";
        var t = new Thread(() => outcome = Outcome(f), SmallStack);
        t.Start();
        t.Join();
        return outcome;
    }

    private static string OnWorker(Func<object?> f) => TemplateSet.RunWithLargeStack(() => Outcome(f));

    /// <summary>Runs <paramref name="f"/> on a small thread and on the worker; both outcomes must be equal. Returns it.</summary>
    private static string Same(Func<object?> f)
    {
        var small = OnSmallThread(f);
        Assert.That(small, Is.EqualTo(OnWorker(f)));
        return small;
    }

    private static Dictionary<string, object?> NestedMap(int depth)
    {
        var root = new Dictionary<string, object?>();
        var cur = root;
        for (int i = 0; i < depth; i++)
        {
            var next = new Dictionary<string, object?>();
            cur["a"] = next;
            cur = next;
        }
        cur["leaf"] = "x";
        return root;
    }

    private static object?[] NestedList(int depth)
    {
        var root = new object?[1];
        var cur = root;
        for (int i = 0; i < depth; i++)
        {
            var next = new object?[1];
            cur[0] = next;
            cur = next;
        }
        cur[0] = "x";
        return root;
    }

    private static GoFunction Sprig(string name)
    {
        Assert.That(SprigHarnessRegistry.TryGet(name, out var f), Is.True, name);
        return f;
    }

    private static readonly FunctionRegistry SprigHarnessRegistry = HelmFunctions.For(4);

    [Test]
    public void SprigFunctionBodiesCalledDirectly()
    {
        // The test that crashed Debug test hosts: deepCopy of a map holding itself, called on an ordinary thread.
        var self = new Dictionary<string, object?>();
        self["self"] = self;
        Assert.That(Same(() => Sprig("deepCopy").Body(null!, [self])),
            Is.EqualTo("GoFunctionException: runtime: goroutine stack exceeds 1000000000-byte limit"));
        // Legal depths work everywhere.
        Assert.That(Same(() => Sprig("deepCopy").Body(null!, [NestedMap(9000)])), Is.EqualTo("ok: Dictionary`2"));
        Assert.That(Same(() => Sprig("mergeOverwrite").Body(null!, [NestedMap(9000), NestedMap(9000)])), Is.EqualTo("ok: Dictionary`2"));
        Assert.That(Same(() => Sprig("deepEqual").Body(null!, [NestedList(9000), NestedList(9000)])), Is.EqualTo("ok: Boolean"));
        Assert.That(Same(() => Sprig("toJson").Body(null!, [NestedList(9000)])), Does.StartWith("ok: string of "));
        Assert.That(Same(() => Sprig("toYaml").Body(null!, [NestedMap(5000)])), Does.StartWith("ok: string of "));
        Assert.That(Same(() => Sprig("fromJson").Body(null!, [new string('[', 9000) + new string(']', 9000)])), Is.EqualTo("ok: Dictionary`2"));
    }

    [Test]
    public void FormattingAndEncodingEntryPoints()
    {
        Assert.That(Same(() => GoFormat.Sprint(NestedList(9000))), Does.StartWith("ok: string of "));
        Assert.That(Same(() => GoFormat.Sprintf("%v", NestedMap(9000))), Does.StartWith("ok: string of "));
        Assert.That(Same(() => GoJson.Marshal(NestedMap(9000))), Does.StartWith("ok: string of "));
        Assert.That(Same(() => GoJson.Unmarshal(new string('[', 10000) + new string(']', 10000))), Is.EqualTo("ok: Object[]"));
        // Go's encoding/json limit (10000 levels) — the error is the same on every thread.
        Assert.That(Same(() => GoJson.Unmarshal(new string('[', 10001) + new string(']', 10001))), Does.StartWith("GoJsonException: "));
        Assert.That(Same(() => GoJson.UnmarshalArray(new string('[', 10001) + new string(']', 10001))), Does.StartWith("GoJsonException: "));
        Assert.That(Same(() => GoJson.DecodeFirst(new string('[', 9000) + new string(']', 9000), out _)), Is.EqualTo("ok: Object[]"));
        Assert.That(Same(() => SprigValues.DeepEqual(NestedMap(9000), NestedMap(9000))), Is.EqualTo("ok: Boolean"));
        Assert.That(Same(() => GoToml.Marshal(NestedMap(1500))), Does.StartWith("ok: string of "));
        var toml = new StringBuilder("a = ");
        for (int i = 0; i < 900; i++) toml.Append("{b = ");
        toml.Append('1').Append('}', 900).Append('\n');
        Assert.That(Same(() => GoToml.Unmarshal(toml.ToString())), Is.EqualTo("ok: Dictionary`2"));
    }

    [Test]
    public void YamlEntryPoints()
    {
        Assert.That(Same(() => GoYaml.Unmarshal("a: " + new string('[', 5000) + new string(']', 5000) + "\n")), Is.EqualTo("ok: Dictionary`2"));
        Assert.That(Same(() => GoYaml.Marshal(NestedMap(5000))), Does.StartWith("ok: string of "));
        Assert.That(Same(() => GoYaml.MarshalPretty(NestedMap(5000))), Does.StartWith("ok: string of "));
        var self = new Dictionary<string, object?>();
        self["a"] = self;
        Assert.That(Same(() => GoYaml.MergeMaps(self, self)), Is.EqualTo("GoYamlException: values nesting is too deep"));
    }

    [Test]
    public void ValuesEntryPoints()
    {
        Assert.That(Same(() => ValueMerge.DeepCopy(NestedMap(9000))), Is.EqualTo("ok: Dictionary`2"));
        Assert.That(Same(() => ValueMerge.MergeMaps(NestedMap(9000), NestedMap(9000))), Is.EqualTo("ok: Dictionary`2"));
        Assert.That(Same(() => ValueMerge.CoalesceTables(NestedMap(9000), NestedMap(9000))), Is.EqualTo("ok: Dictionary`2"));
        var self = new Dictionary<string, object?>();
        self["a"] = self;
        Assert.That(Same(() => ValueMerge.DeepCopy(self)), Is.EqualTo("ValuesException: values nesting is too deep"));
        // strvals: helm's list nesting is bounded by its own checks, not by the caller's stack.
        var set = "a" + string.Concat(Enumerable.Repeat("[0]", 900)) + "=1";
        Assert.That(Same(() => { var d = new Dictionary<string, object?>(); Strvals.ParseInto(set, d); return d; }), Is.EqualTo("ok: Dictionary`2"));
        // a[0].a[0]... nests without raising helm's name level (helm itself has no bound); ours is 10000 levels of
        // the parser's recursion, counted, not probed (a stack probe trips at different depths on different threads).
        var chain = string.Concat(Enumerable.Repeat("a[0].", 4_000)) + "b=1";
        Assert.That(Same(() => Strvals.Parse(chain)), Is.EqualTo("ok: Dictionary`2"));
        var tooDeep = string.Concat(Enumerable.Repeat("a[0].", 6_000)) + "b=1";
        Assert.That(Same(() => Strvals.Parse(tooDeep)),
            Is.EqualTo("ValuesException: value name nested level is greater than maximum supported nested level of 30"));
    }

    [Test]
    public void TemplatesParseAndExecuteTwentyThousandNestedBlocks()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 20000; i++) sb.Append("{{if 1}}{{with .}}");
        sb.Append("x");
        for (int i = 0; i < 20000; i++) sb.Append("{{end}}{{end}}");
        var text = sb.ToString();
        Assert.That(Same(() =>
        {
            var set = new TemplateSet(HelmFunctions.For(4), new TemplateOptions { MissingKey = MissingKey.Zero }, "gotpl");
            set.Parse("t", text);
            return set.Execute("t", new Dictionary<string, object?> { ["a"] = 1 });
        }), Is.EqualTo("ok: x"));
    }
}
