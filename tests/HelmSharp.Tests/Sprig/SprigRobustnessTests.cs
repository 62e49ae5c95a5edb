using HelmSharp.Go;
using HelmSharp.Template.Functions;
using NUnit.Framework;

namespace HelmSharp.Tests.Sprig;

/// <summary>
/// Every function of our groups, called with every combination of awkward (but type-correct, as the
/// executor guarantees) arguments, either returns or fails with a <see cref="GoFunctionException"/>.
/// </summary>
public class SprigRobustnessTests
{
    private static readonly string[] Skip = ["fail"];

    // The executor only ever passes values assignable to the declared Go parameter type (nil only
    // to nillable ones), so the sweep does too.
    private static object?[] Samples(GoType t) =>
        RawSamples(t).Where(v => v == null ? t.CanBeNil : GoType.Of(v)!.IsAssignableTo(t)).ToArray();

    private static object?[] RawSamples(GoType t) => t.Kind switch
    {
        GoKind.String => ["", "abc", "a,b", "(", "[z-a]", "héllo😀", "  x  \n", "-1", "0x1F", "%zz://[::"],
        GoKind.Int => [(nint)0, (nint)1, (nint)(-1), (nint)3, (nint)(-100), unchecked((nint)(int.MaxValue + 1L)), unchecked((nint)long.MinValue)],
        GoKind.Float64 => [0.0, 0.5, double.NaN, -1e300],
        GoKind.Bool => [true, false],
        GoKind.Uint32 => [0u, 1u, uint.MaxValue],
        GoKind.Struct when t.Name == "time.Time" => [HelmSharp.Go.Time.GoTime.Zero, HelmSharp.Go.Time.GoTime.Unix(0), HelmSharp.Go.Time.GoTime.Unix(253402300799)],
        GoKind.Struct when t.Name == "sprig.certificate" => [new HelmSharp.Crypto.SprigCertificate("", ""), new HelmSharp.Crypto.SprigCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "junk")],
        GoKind.Map => [null, new Dictionary<string, object?>(), new Dictionary<string, object?> { ["a"] = (nint)1, ["b"] = new Dictionary<string, object?> { ["c"] = null }, ["scheme"] = "http" }],
        _ => [null, "", "abc", (nint)0, (nint)(-2), 1.5, double.NaN, 1e300, true, 5L, new object?[0], new object?[] { (nint)1, "a", null },
              new[] { "b", "a" }, new Dictionary<string, object?> { ["k"] = "v" }, new Dictionary<string, string> { ["_0"] = "x" }],
    };

    private static IEnumerable<TestCaseData> Functions() =>
        SprigHarness.Registry.Names.Where(n => !Skip.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).Select(n => new TestCaseData(n).SetName("Robust(" + n + ")"));

    [TestCaseSource(nameof(Functions))]
    public void OnlyGoErrorsEscape(string name)
    {
        SprigHarness.Registry.TryGet(name, out var f);
        var ps = f.Parameters;
        var arities = f.IsVariadic ? new[] { ps.Count - 1, ps.Count, ps.Count + 1 } : new[] { ps.Count };
        var calls = 0;
        foreach (var arity in arities)
        {
            if (arity < 0) continue;
            var pools = new object?[arity][];
            for (var i = 0; i < arity; i++) pools[i] = Samples(f.IsVariadic && i >= ps.Count - 1 ? ps[^1] : ps[i]);
            foreach (var args in Combos(pools, 400))
            {
                calls++;
                try { f.Body(new FnContext(), args); }
                catch (GoFunctionException) { }
                catch (Exception e)
                {
                    Assert.Fail($"{name}({string.Join(", ", args.Select(a => a?.GetType().Name ?? "nil"))}) threw {e.GetType().Name}: {e.Message}");
                }
            }
        }
        Assert.That(calls, Is.GreaterThan(0));
    }

    private static IEnumerable<object?[]> Combos(object?[][] pools, int limit)
    {
        if (pools.Length == 0) { yield return []; yield break; }
        var idx = new int[pools.Length];
        var produced = 0;
        while (produced < limit)
        {
            var args = new object?[pools.Length];
            for (var i = 0; i < pools.Length; i++) args[i] = Clone(pools[i][idx[i]]);
            yield return args;
            produced++;
            var k = 0;
            while (k < idx.Length && ++idx[k] == pools[k].Length) idx[k++] = 0;
            if (k == idx.Length) yield break;
        }
    }

    // functions such as set/merge mutate their arguments: give each call fresh containers
    private static object? Clone(object? v) => v switch
    {
        Dictionary<string, object?> d => new Dictionary<string, object?>(d),
        string[] s => (string[])s.Clone(),
        object?[] a => (object?[])a.Clone(),
        _ => v,
    };
}
