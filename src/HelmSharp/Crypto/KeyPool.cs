using System.Security.Cryptography;

namespace HelmSharp.Crypto;

/// <summary>
/// Where Sprig's key functions get their RSA keys (<c>genPrivateKey "rsa"</c>: 4096 bits; <c>genCA</c>,
/// <c>genSelfSignedCert</c>, <c>genSignedCert</c>: 2048 bits): <see cref="RsaKeyGenerator"/> directly where it makes
/// keys itself, otherwise a process-wide supply of keys from the platform's generator, made on the other cores.
/// </summary>
/// <remarks>
/// Keys are random and independent, so the keys a render will ask for can be made ahead of time on the other
/// cores. Generating a key takes a random time (a prime search), so when a key of a kind is first asked for,
/// one generation per core is started and the first one to finish serves the caller; the others finish into the
/// pool and serve the next calls, and every call tops the pipeline up again (one key ahead per other core) while
/// the chart keeps asking. Nothing runs unless asked for: generation starts only on a request, at most
/// <see cref="MaxInFlight"/> generations run at once per kind, at most <see cref="MaxPooled"/> finished keys wait
/// per kind (a key finishing into a full pool is dropped), and each key is handed out once (the caller owns and
/// disposes it). Generator threads are background threads, so a process exits without waiting for them.
/// <see cref="Enabled"/> = false (or the environment variable <c>HELMSHARP_KEYPOOL=0</c>) generates every key
/// on the calling thread alone instead (no pool, and <see cref="RsaKeyGenerator"/>'s prime searches on one core).
/// </remarks>
internal static class KeyPool
{
    private static readonly int Cores = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Whether keys come from the pool (default: on, unless <c>HELMSHARP_KEYPOOL=0</c> or the machine has one core).</summary>
    public static bool Enabled { get; set; } = Environment.GetEnvironmentVariable("HELMSHARP_KEYPOOL") != "0" && Cores > 1;

    /// <summary>Generations running at once per key size (at most the number of cores; default: the number of cores, at most 8).</summary>
    public static int MaxInFlight
    {
        get => maxInFlight;
        set => maxInFlight = Math.Clamp(value, 1, Cores);
    }
    private static int maxInFlight = Math.Min(Cores, 8);

    /// <summary>Finished keys kept waiting per key size (default 4).</summary>
    public static int MaxPooled
    {
        get => maxPooled;
        set => maxPooled = Math.Clamp(value, 0, 64);
    }
    private static int maxPooled = 4;

    internal static readonly Supply Rsa2048Supply = new(() => GenerateRsa(2048), () => MaxInFlight, () => MaxPooled);
    internal static readonly Supply Rsa4096Supply = new(() => GenerateRsa(4096), () => MaxInFlight, () => MaxPooled);

    /// <summary>A new RSA key of 2048 or 4096 bits, owned by the caller.</summary>
    /// <remarks>
    /// Where <see cref="RsaKeyGenerator"/> makes the keys itself (Linux), each of its prime searches already runs on
    /// all the cores and stops as soon as one finds a prime, so keys made ahead would only cost CPU: the pool is
    /// used only for the platform's generator, whose single search cannot be shared out.
    /// </remarks>
    public static RSA TakeRsa(int bits)
    {
        if (!Enabled) return RsaKeyGenerator.Generate(bits, workers: 1);
        if (RsaKeyGenerator.IsOwnGenerator) return GenerateRsa(bits);
        return bits switch
        {
            2048 => Rsa2048Supply.Take(),
            4096 => Rsa4096Supply.Take(),
            _ => GenerateRsa(bits),
        };
    }

    /// <summary>Drops every pooled key (generations already running still finish into the pool).</summary>
    public static void Clear()
    {
        Rsa2048Supply.Clear();
        Rsa4096Supply.Clear();
    }

    /// <summary>Generates an RSA key now (<see cref="RsaKeyGenerator"/>, prime searches on up to <see cref="RsaKeyGenerator.MaxWorkers"/> cores).</summary>
    internal static RSA GenerateRsa(int bits) => RsaKeyGenerator.Generate(bits);

    /// <summary>
    /// The pool of one kind of key. Thread-safe; all state is guarded by the instance lock.
    /// </summary>
    internal sealed class Supply
    {
        private readonly Func<RSA> generate;
        private readonly Func<int> maxInFlight;
        private readonly Func<int> maxPooled;
        private readonly Queue<RSA> ready = new();
        private readonly Queue<Waiter> waiters = new();
        private int inFlight;
        private int peakInFlight;
        private long generated;

        public Supply(Func<RSA> generate, Func<int> maxInFlight, Func<int> maxPooled)
        {
            this.generate = generate;
            this.maxInFlight = maxInFlight;
            this.maxPooled = maxPooled;
        }

        /// <summary>Generations running now.</summary>
        public int InFlight { get { lock (ready) return inFlight; } }
        /// <summary>The most generations that ever ran at once.</summary>
        public int PeakInFlight { get { lock (ready) return peakInFlight; } }
        /// <summary>Finished keys waiting.</summary>
        public int Pooled { get { lock (ready) return ready.Count; } }
        /// <summary>Keys generated so far (handed out, pooled or dropped).</summary>
        public long Generated { get { lock (ready) return generated; } }

        /// <summary>Hands out a key: a pooled one, or the first of the started generations to finish.</summary>
        public RSA Take()
        {
            Waiter? waiter = null;
            RSA? key = null;
            lock (ready)
            {
                if (ready.Count > 0) key = ready.Dequeue();
                else waiters.Enqueue(waiter = new Waiter());
                TopUp();
            }
            if (key != null) return key;
            waiter!.Done.Wait();
            waiter.Done.Dispose();
            if (waiter.Error != null) throw new CryptographicException(waiter.Error.Message, waiter.Error);
            return waiter.Key!;
        }

        public void Clear()
        {
            lock (ready)
                while (ready.Count > 0) ready.Dequeue().Dispose();
        }

        /// <summary>
        /// Starts generations (under the lock) until the keys on their way cover the waiting callers plus one key
        /// ahead per other core, within the bounds.
        /// </summary>
        private void TopUp()
        {
            int limit = maxInFlight();
            int ahead = Math.Min(limit - 1, maxPooled());
            while (inFlight < limit && ready.Count + inFlight < waiters.Count + ahead)
            {
                inFlight++;
                if (inFlight > peakInFlight) peakInFlight = inFlight;
                var t = new Thread(Generate) { IsBackground = true, Name = "HelmSharp key generation" };
                try { t.Start(); }
                catch (OutOfMemoryException)
                {
                    inFlight--;
                    break;
                }
            }
            if (inFlight == 0 && waiters.Count > 0)
            {
                // Not even one thread could start: the waiting callers generate their own keys.
                while (waiters.Count > 0)
                {
                    var w = waiters.Dequeue();
                    try { w.Key = generate(); }
                    catch (Exception e) { w.Error = e; }
                    w.Done.Set();
                }
            }
        }

        private void Generate()
        {
            RSA? key = null;
            Exception? error = null;
            try { key = generate(); }
            catch (Exception e) { error = e; }
            RSA? drop = null;
            lock (ready)
            {
                inFlight--;
                generated += key != null ? 1 : 0;
                if (waiters.Count > 0)
                {
                    var w = waiters.Dequeue();
                    w.Key = key;
                    w.Error = error;
                    w.Done.Set();
                }
                else if (key != null)
                {
                    if (ready.Count < maxPooled()) ready.Enqueue(key);
                    else drop = key;
                }
                // A failed generation leaves a waiting caller unserved only if another generation is still
                // coming for it; make sure of that.
                if (waiters.Count > inFlight) TopUp();
            }
            drop?.Dispose();
        }

        private sealed class Waiter
        {
            public readonly ManualResetEventSlim Done = new(false);
            public RSA? Key;
            public Exception? Error;
        }
    }
}
