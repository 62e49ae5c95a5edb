using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace HelmSharp.Template.Exec;

/// <summary>Signals that the current thread's stack is too small; the top level retries on a big-stack thread.</summary>
internal sealed class NeedBigStackException() : Exception("the template needs a larger stack");

/// <summary>
/// Deep-but-legal templates (Go allows 10000 nested parentheses and 100000 nested template calls)
/// do not fit the default 1 MiB .NET thread stack. Work starts on the caller's thread; when the stack
/// runs low a <see cref="NeedBigStackException"/> unwinds it and the whole operation is retried once on
/// a dedicated thread with a large stack, where the real limits (Go's messages) apply.
/// </summary>
internal static class StackGuard
{
    public const int BigStackBytes = 512 * 1024 * 1024;

    [ThreadStatic] private static bool t_onBigStack;

    public static bool OnBigStack => t_onBigStack;

    /// <summary>True when there is enough stack to go deeper; otherwise throws <see cref="NeedBigStackException"/> (small stack) or returns false (big stack: the caller reports the limit).</summary>
    public static bool Check()
    {
        if (RuntimeHelpers.TryEnsureSufficientExecutionStack()) return true;
        if (!t_onBigStack) throw new NeedBigStackException();
        return false;
    }

    public static T Run<T>(Func<T> work)
    {
        if (t_onBigStack) return work();
        try
        {
            return work();
        }
        catch (NeedBigStackException)
        {
        }
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            t_onBigStack = true;
            try { result = work(); }
            catch (Exception e) { error = ExceptionDispatchInfo.Capture(e); }
        }, BigStackBytes);
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }
}
