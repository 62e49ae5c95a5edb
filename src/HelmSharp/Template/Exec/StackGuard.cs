using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace HelmSharp.Template.Exec;

/// <summary>
/// Deep-but-legal templates (Go allows 10000 nested parentheses and 100000 nested template calls)
/// do not fit the default 1 MiB .NET thread stack. Every top-level parse and execution therefore runs,
/// from its start, on a worker thread with a large stack (<see cref="BigStackBytes"/>); nested
/// operations (<c>include</c>, <c>tpl</c>) stay on that thread. Work is never retried, so side effects
/// (e.g. sprig <c>set</c> on a shared map) happen exactly once. The workers are pooled: a hand-off costs
/// a thread wake-up (microseconds), not a thread creation.
/// </summary>
internal static class StackGuard
{
    public const int BigStackBytes = 512 * 1024 * 1024;

    /// <summary>Idle workers kept alive; more are created on demand under concurrency and exit when the pool is full.</summary>
    private static readonly int MaxIdleWorkers = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>How long an idle pooled worker waits for work before it exits.</summary>
    private const int IdleTimeoutMs = 60_000;

    /// <summary>Spins an idle worker makes before blocking (SpinWait yields after its first few).</summary>
    private const int SpinIterations = 30;

    [ThreadStatic] private static bool t_onBigStack;

    private static readonly ConcurrentStack<Worker> s_idle = new();
    private static int s_idleCount;

    public static bool OnBigStack => t_onBigStack;

    /// <summary>True when there is enough stack to go deeper; false when the caller must report its depth limit.</summary>
    public static bool Check() => RuntimeHelpers.TryEnsureSufficientExecutionStack();

    /// <summary>Runs <paramref name="work"/> on a large-stack thread (inline when already on one) and returns its result or rethrows its exception.</summary>
    public static T Run<T>(Func<T> work)
    {
        if (t_onBigStack) return work();
        var job = new Job<T>(work);
        RunJob(job);
        job.Error?.Throw();
        return job.Result;
    }

    private static void RunJob(JobBase job)
    {
        while (s_idle.TryPop(out var w))
        {
            Interlocked.Decrement(ref s_idleCount);
            if (w.TryAssign(job))
            {
                job.Done.Wait();
                return;
            }
            // The worker timed out and is exiting: try the next one.
        }
        var nw = new Worker(job);
        var thread = new Thread(nw.Loop, BigStackBytes) { IsBackground = true, Name = "HelmSharp template worker" };
        thread.Start();
        job.Done.Wait();
    }

    private abstract class JobBase
    {
        public readonly ManualResetEventSlim Done = new(false, 64);
        public ExceptionDispatchInfo? Error;
        public abstract void Execute();
    }

    private sealed class Job<T>(Func<T> work) : JobBase
    {
        public T Result = default!;
        public override void Execute() => Result = work();
    }

    private sealed class Worker
    {
        private readonly object _gate = new();
        private JobBase? _job;
        private bool _exiting;

        public Worker(JobBase first) => _job = first;

        /// <summary>Hands <paramref name="job"/> to this idle worker; false when it is exiting.</summary>
        public bool TryAssign(JobBase job)
        {
            lock (_gate)
            {
                if (_exiting) return false;
                _job = job;
                Monitor.Pulse(_gate);
                return true;
            }
        }

        public void Loop()
        {
            t_onBigStack = true;
            while (true)
            {
                JobBase job;
                // Back-to-back executions (a chart's templates) usually hand over the next job within
                // microseconds: spin briefly before blocking so the hand-off skips a kernel wake-up.
                var spin = new SpinWait();
                while (Volatile.Read(ref _job) == null && spin.Count < SpinIterations) spin.SpinOnce(sleep1Threshold: -1);
                lock (_gate)
                {
                    while (_job == null)
                    {
                        if (!Monitor.Wait(_gate, IdleTimeoutMs) && _job == null)
                        {
                            _exiting = true;
                            return;
                        }
                    }
                    job = _job;
                    _job = null;
                }
                try { job.Execute(); }
                catch (Exception e) { job.Error = ExceptionDispatchInfo.Capture(e); }
                // Return to the pool before signalling so a sequential caller finds this worker idle.
                bool pooled = false;
                if (Interlocked.Increment(ref s_idleCount) <= MaxIdleWorkers)
                {
                    s_idle.Push(this);
                    pooled = true;
                }
                else Interlocked.Decrement(ref s_idleCount);
                job.Done.Set();
                if (!pooled) return;
            }
        }
    }
}
