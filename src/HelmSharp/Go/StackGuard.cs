using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace HelmSharp.Go;

/// <summary>
/// The one stack guard of the library. Go grows a goroutine's stack up to 1 GB, so deep-but-legal input (10000
/// nested parentheses, 100000 nested template calls, deeply nested values) works in helm; a .NET thread has a fixed
/// stack (1 MiB for a thread pool or test thread, less headroom in a Debug build). Every public entry point whose
/// work may recurse deeply therefore runs that work, from its start, on a pooled worker thread with a large stack
/// (<see cref="BigStackBytes"/>) through <see cref="Run{T}(Func{T})"/> (inline when the caller is already on one), and
/// every recursion keeps its own numeric depth limit, so where a limit trips does not depend on the caller's thread or
/// on the build configuration. <see cref="Check"/> is the one stack probe: a backstop that turns an unforeseen
/// exhaustion of the worker's stack into the caller's clean depth error instead of a crashed process.
/// Work is never retried, so side effects (e.g. sprig <c>set</c> on a shared map) happen exactly once. The workers are
/// pooled: a hand-off costs a thread wake-up (microseconds), not a thread creation.
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

    /// <summary>
    /// The stack probe: true when there is enough stack to go deeper; false when the caller must stop with its depth
    /// error. On a worker it only fails for nesting far beyond every numeric limit of the library.
    /// </summary>
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

    /// <summary>
    /// <see cref="Run{T}(Func{T})"/> for a static body and its argument: on a worker already, a plain call (no closure
    /// is allocated on the hot path).
    /// </summary>
    public static TResult Run<TArg, TResult>(TArg arg, Func<TArg, TResult> work)
    {
        if (t_onBigStack) return work(arg);
        return Run(() => work(arg));
    }

    /// <summary><see cref="Run{TArg, TResult}(TArg, Func{TArg, TResult})"/> without a result.</summary>
    public static void Run<TArg>(TArg arg, Action<TArg> work)
    {
        if (t_onBigStack) { work(arg); return; }
        Run(() => { work(arg); return 0; });
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

    // Thread-bound state of a layer above (the render profiler) that goes along with a job to the worker.
    private static Func<object?>? s_captureAmbient;
    private static Func<object?, object?>? s_swapAmbient;

    /// <summary>
    /// Registers thread-bound state that follows work onto the worker: <paramref name="capture"/> reads it on the
    /// caller's thread (null: nothing to carry), <paramref name="swap"/> installs a value and returns the one it replaced.
    /// </summary>
    internal static void RegisterAmbient(Func<object?> capture, Func<object?, object?> swap)
    {
        s_swapAmbient = swap;
        s_captureAmbient = capture;
    }

    private sealed class Job<T>(Func<T> work) : JobBase
    {
        public T Result = default!;
        private readonly object? _ambient = s_captureAmbient?.Invoke();

        public override void Execute()
        {
            if (_ambient == null) { Result = work(); return; }
            var saved = s_swapAmbient!(_ambient);
            try { Result = work(); }
            finally { s_swapAmbient(saved); }
        }
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
