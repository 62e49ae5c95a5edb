using System.Text;
using HelmSharp.Template;
using HelmSharp.Template.Functions;
using NUnit.Framework;

namespace HelmSharp.Tests.Template;

/// <summary>Executions run once, from the start, on a large-stack worker: side effects are never repeated.</summary>
[TestFixture]
public class StackWorkerTests
{
    private static T OnSmallStack<T>(Func<T> f)
    {
        T result = default!;
        Exception? error = null;
        var t = new Thread(() => { try { result = f(); } catch (Exception e) { error = e; } }, 1024 * 1024);
        t.Start();
        t.Join();
        if (error != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return result;
    }

    private static TemplateSet NewSetWithCounter(StrongBox<int> counter)
    {
        var reg = new FunctionRegistry();
        Builtins.Register(reg);
        reg.Add(new GoFunction("bump", [], false, (_, _) => { counter.Value++; return ""; }));
        return new TemplateSet(reg);
    }

    private sealed class StrongBox<T>(T value) { public T Value = value; }

    [Test]
    public void SideEffectsBeforeDeepNestingHappenOnce()
    {
        var sb = new StringBuilder("{{ bump }}");
        for (int i = 0; i < 9000; i++) sb.Append("{{if 1}}");
        sb.Append('x');
        for (int i = 0; i < 9000; i++) sb.Append("{{end}}");
        var counter = new StrongBox<int>(0);
        var outcome = OnSmallStack(() =>
        {
            var set = NewSetWithCounter(counter);
            set.Parse("x", sb.ToString());
            return set.Execute("x", null);
        });
        Assert.That(outcome, Is.EqualTo("x"));
        Assert.That(counter.Value, Is.EqualTo(1));
    }

    [Test]
    public void ExceptionsFromTheWorkerReachTheCaller()
    {
        var set = NewSetWithCounter(new StrongBox<int>(0));
        set.Parse("x", "{{ index 1 2 }}");
        var ex = Assert.Throws<TemplateExecException>(() => set.Execute("x", null));
        Assert.That(ex!.Message, Does.StartWith("template: x:1:3: executing \"x\" at <index 1 2>: error calling index:"));
    }

    [Test]
    public void ConcurrentExecutionsAllComplete()
    {
        var counter = new StrongBox<int>(0);
        var set = NewSetWithCounter(new StrongBox<int>(0));
        set.Parse("x", "{{ range $i := 50 }}{{ $i }}{{ end }}");
        var expected = set.Execute("x", null);
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = set.Execute("x", null));
        Assert.That(results, Is.All.EqualTo(expected));
        Assert.That(counter.Value, Is.EqualTo(0));
    }
}
