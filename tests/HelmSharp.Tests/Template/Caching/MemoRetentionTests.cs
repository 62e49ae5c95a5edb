using System.Runtime.CompilerServices;
using HelmSharp.Helm;
using HelmSharp.Template;
using HelmSharp.Template.Caching;
using HelmSharp.Template.Exec;
using HelmSharp.Template.Functions;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Caching;

/// <summary>
/// What the include memo keeps for a render must not keep large values alive. Found on bitnami envoy-gateway:
/// <c>(dict "value" .x .y "context" $)</c> has an odd argument count, so the printed root (every chart file as decimal
/// bytes, ~10 M characters) becomes a map key; the memo held each such map for the whole render (peak RSS 168 MiB
/// against helm's 98 MiB).
/// </summary>
public sealed class MemoRetentionTests
{
    [Test]
    public void AContainerThatMayHoldARootIsNotKeptAliveByTheMemo()
    {
        var memo = new MemoState();
        var root = new Dictionary<string, object?> { ["Values"] = new Dictionary<string, object?>() };
        memo.AddRoot(root);
        Assert.That(HelmFunctions.For(4).TryGet("dict", out var dict), Is.True);
        var weak = DictOfRoot(memo, dict, root);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.That(weak.IsAlive, Is.False, "the memo keeps a dict that took the root after nothing else references it");
        GC.KeepAlive(memo);
    }

    // Kept apart (not inlined) so no local of the test keeps the map alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference DictOfRoot(MemoState memo, GoFunction dict, object root)
    {
        var result = new Dictionary<string, object?> { ["context"] = root };
        ((IExecutionObserver)memo).Call(dict, ["context", root], result);
        return new WeakReference(result);
    }

    [TestCase(10, 2)]
    [TestCase(MemoState.MaxKeyChars, 2)]
    [TestCase(MemoState.MaxKeyChars + 1, 0)]
    public void AnArgumentWithHugeKeysIsNotStored(int keyChars, int stores)
    {
        // Two calls with the same argument map: results of keys up to the bound are stored (once per name), and the
        // second call is answered from the memo; past the bound nothing is stored and both calls execute.
        var set = new TemplateSet(IncludeMemo.Wrap(HelmFunctions.For(4)), new TemplateOptions { MissingKey = MissingKey.Zero }) { RootName = "gotpl" };
        set.Parse("t", """{{define "n"}}{{len .}}{{end}}{{define "k"}}{{range $k, $v := .}}{{len $k}}{{end}}{{end}}""" +
            """{{$d := dict (repeat .chars "k") 1}}{{include "n" $d}} {{include "n" $d}} {{include "k" $d}} {{include "k" $d}}""");
        var memo = new MemoState();
        memo.Admit(null, coldFiles: false, profile: true);
        var render = new RenderContext(set, CancellationToken.None) { Memo = memo };
        string output = "";
        set.Execute("t", new Dictionary<string, object?> { ["chars"] = (nint)keyChars }, render, 0, (sb, _, _) => output = sb.ToString());
        Assert.That(output, Is.EqualTo($"1 1 {keyChars} {keyChars}"));
        int stored = 0, hits = 0;
        foreach (var name in new[] { "n", "k" })
            if (memo.Profile!.TryGetValue(name, out var c)) { stored += c.Stores; hits += c.Hits; }
        Assert.That(stored, Is.EqualTo(stores));
        Assert.That(hits, Is.EqualTo(stores));
    }
}
