using NUnit.Framework;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HelmSharp.Crypto;
using HelmSharp.Tests.Sprig;

namespace HelmSharp.Tests.Crypto;

/// <summary>
/// The RSA key pool behind genPrivateKey/genCA/genSelfSignedCert/genSignedCert. The pool logic is tested with a
/// controllable generator (a gate the test opens key by key); the shared pool with real keys.
/// </summary>
[NonParallelizable] // reads the shared pool's counters and switches it off and on
public class KeyPoolTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>A generator that blocks until released and records how many run at once.</summary>
    private sealed class GatedGenerator
    {
        public readonly SemaphoreSlim Gate = new(0);
        private int running;
        public int Started;
        public int PeakRunning;
        public readonly ConcurrentQueue<RSA> Made = new();
        public Exception? FailWith;

        public RSA Generate()
        {
            Interlocked.Increment(ref Started);
            int now = Interlocked.Increment(ref running);
            int peak;
            while (now > (peak = Volatile.Read(ref PeakRunning)) && Interlocked.CompareExchange(ref PeakRunning, now, peak) != peak) { }
            try
            {
                if (!Gate.Wait(Patience)) throw new TimeoutException("gate never opened");
                if (FailWith != null) throw FailWith;
                var key = RSA.Create(); // no key material is made until used: cheap and distinct
                Made.Enqueue(key);
                return key;
            }
            finally { Interlocked.Decrement(ref running); }
        }
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail("timed out waiting for " + what);
            Thread.Sleep(5);
        }
    }

    [Test]
    public void FirstRequestStartsOneGenerationPerCoreAndTheFirstToFinishServes()
    {
        var gen = new GatedGenerator();
        var pool = new KeyPool.Supply(gen.Generate, () => 2, () => 4);
        var taker = Task.Run(pool.Take);
        WaitFor(() => Volatile.Read(ref gen.Started) == 2, "two generations to start");
        Assert.That(taker.IsCompleted, Is.False, "nothing finished yet");
        gen.Gate.Release(); // one finishes: it serves the caller
        Assert.That(taker.Wait(Patience), Is.True);
        Assert.That(gen.Made.TryPeek(out var first) && ReferenceEquals(taker.Result, first), Is.True);
        gen.Gate.Release(); // the other finishes into the pool
        WaitFor(() => pool.Pooled == 1 && pool.InFlight == 0, "the second key to be pooled");
        Assert.That(gen.Started, Is.EqualTo(2));

        // The next call is served from the pool at once and starts one generation ahead.
        var second = pool.Take();
        Assert.That(gen.Made.ToArray()[1], Is.SameAs(second));
        Assert.That(pool.InFlight, Is.EqualTo(1));
        Assert.That(pool.Pooled, Is.EqualTo(0));
        gen.Gate.Release();
        WaitFor(() => pool.Pooled == 1 && pool.InFlight == 0, "the key ahead to be pooled");
        Assert.That(gen.Started, Is.EqualTo(3), "nothing generates unless asked");
    }

    [Test]
    public void ConcurrentCallersGetDistinctKeysWithinTheBounds()
    {
        var gen = new GatedGenerator();
        var pool = new KeyPool.Supply(gen.Generate, () => 2, () => 3);
        const int callers = 12;
        var takers = Enumerable.Range(0, callers).Select(_ => Task.Run(pool.Take)).ToArray();
        int maxPooledSeen = 0;
        while (!Task.WaitAll(takers, 1))
        {
            maxPooledSeen = Math.Max(maxPooledSeen, pool.Pooled);
            Assert.That(pool.InFlight, Is.LessThanOrEqualTo(2));
            if (gen.Gate.CurrentCount == 0) gen.Gate.Release();
        }
        var keys = takers.Select(t => t.Result).ToList();
        Assert.That(keys.Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(callers), "each key handed out once");
        Assert.That(gen.PeakRunning, Is.LessThanOrEqualTo(2));
        Assert.That(pool.PeakInFlight, Is.LessThanOrEqualTo(2));
        Assert.That(maxPooledSeen, Is.LessThanOrEqualTo(3));

        // Once the callers stop, the generations still on their way finish and nothing new starts.
        gen.Gate.Release(10);
        WaitFor(() => pool.InFlight == 0, "the pool to go idle");
        Assert.That(pool.Pooled, Is.LessThanOrEqualTo(3));
        Assert.That(gen.Started, Is.LessThanOrEqualTo(callers + 2));
        var pooled = Enumerable.Range(0, pool.Pooled).Select(_ => pool.Take()).ToList();
        Assert.That(pooled.Concat(keys).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(callers + pooled.Count));
    }

    [Test]
    public void NoRoomInThePoolMeansNoKeysAhead()
    {
        var gen = new GatedGenerator();
        var pool = new KeyPool.Supply(gen.Generate, () => 2, () => 0); // nothing may wait
        var taker = Task.Run(pool.Take);
        WaitFor(() => Volatile.Read(ref gen.Started) == 1, "a generation to start");
        gen.Gate.Release(5);
        Assert.That(taker.Wait(Patience), Is.True);
        WaitFor(() => pool.InFlight == 0, "the pool to go idle");
        Assert.That(pool.Pooled, Is.EqualTo(0));
        Assert.That(gen.Started, Is.EqualTo(1), "with no room in the pool, no key is made ahead");
    }

    [Test]
    public void GenerationErrorReachesTheCaller()
    {
        var gen = new GatedGenerator { FailWith = new CryptographicException("no entropy") };
        var pool = new KeyPool.Supply(gen.Generate, () => 1, () => 2);
        gen.Gate.Release(1);
        var e = Assert.Throws<CryptographicException>(() => pool.Take());
        Assert.That(e!.Message, Is.EqualTo("no entropy"));
        WaitFor(() => pool.InFlight == 0, "the pool to go idle");
    }

    [Test]
    public void APoolOfPlatformKeysServesRealDistinctKeys()
    {
        Assert.That(KeyPool.Enabled, Is.True, "on by default on a machine with more than one core");
        var pool = new KeyPool.Supply(() => RsaKeyGenerator.GeneratePlatform(2048), () => 2, () => 4);
        var keys = new ConcurrentBag<RSA>();
        Parallel.For(0, 4, _ => keys.Add(pool.Take()));
        var moduli = new HashSet<string>();
        foreach (var k in keys)
        {
            Assert.That(k.KeySize, Is.EqualTo(2048));
            var data = new byte[] { 1, 2, 3 };
            var sig = k.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Assert.That(k.VerifyData(data, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
            moduli.Add(Convert.ToHexString(k.ExportParameters(false).Modulus!));
            k.Dispose();
        }
        Assert.That(moduli, Has.Count.EqualTo(4));
        Assert.That(pool.Generated + pool.InFlight, Is.GreaterThanOrEqualTo(4));
        Assert.That(pool.PeakInFlight, Is.LessThanOrEqualTo(2));
        pool.Clear();
    }

    [Test]
    public void CertificateFunctionsDrawFromTheGeneratorOrThePool()
    {
        // Where RsaKeyGenerator makes keys itself (Linux) the pool stays out of it; elsewhere the pool serves.
        bool own = RsaKeyGenerator.IsOwnGenerator;
        long beforeOwn = RsaKeyGenerator.KeysGenerated;
        KeyPool.Clear();
        WaitFor(() => KeyPool.Rsa2048Supply.InFlight == 0 && KeyPool.Rsa4096Supply.InFlight == 0, "the shared pool to go idle");
        KeyPool.Clear();
        long before2048 = KeyPool.Rsa2048Supply.Generated, before4096 = KeyPool.Rsa4096Supply.Generated;
        var ca = (SprigCertificate)SprigHarness.Call("genCA", "pool-ca", (nint)30)!;
        var leaf = (SprigCertificate)SprigHarness.Call("genSignedCert", "leaf", null, null, (nint)30, ca)!;
        var self = (SprigCertificate)SprigHarness.Call("genSelfSignedCert", "self", null, null, (nint)30)!;
        var pem = (string)SprigHarness.Call("genPrivateKey", "rsa")!;
        if (own)
        {
            Assert.That(RsaKeyGenerator.KeysGenerated, Is.GreaterThanOrEqualTo(beforeOwn + 4));
            Assert.That(KeyPool.Rsa2048Supply.Generated, Is.EqualTo(before2048));
            Assert.That(KeyPool.Rsa4096Supply.Generated, Is.EqualTo(before4096));
        }
        else
        {
            Assert.That(KeyPool.Rsa2048Supply.Generated, Is.GreaterThanOrEqualTo(before2048 + 3));
            Assert.That(KeyPool.Rsa4096Supply.Generated, Is.GreaterThanOrEqualTo(before4096 + 1));
        }

        using var caCert = X509Certificate2.CreateFromPem(ca.Cert, ca.Key);
        using var leafCert = X509Certificate2.CreateFromPem(leaf.Cert, leaf.Key);
        using var selfCert = X509Certificate2.CreateFromPem(self.Cert, self.Key);
        Assert.That(caCert.HasPrivateKey && leafCert.HasPrivateKey && selfCert.HasPrivateKey, Is.True);
        Assert.That(new[] { ca.Key, leaf.Key, self.Key }.Distinct().Count(), Is.EqualTo(3));
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(caCert);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            Assert.That(chain.Build(leafCert), Is.True, "the leaf is signed by the CA");
        }
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        Assert.That(rsa.KeySize, Is.EqualTo(4096));
    }

    [Test]
    public void SwitchedOffGeneratesOnTheCallingThread()
    {
        WaitFor(() => KeyPool.Rsa2048Supply.InFlight == 0, "the shared pool to go idle");
        long before = KeyPool.Rsa2048Supply.Generated;
        KeyPool.Enabled = false;
        try
        {
            var a = (SprigCertificate)SprigHarness.Call("genCA", "off-a", (nint)1)!;
            var b = (SprigCertificate)SprigHarness.Call("genSelfSignedCert", "off-b", null, null, (nint)1)!;
            Assert.That(a.Key, Is.Not.EqualTo(b.Key));
            using var k = RSA.Create();
            k.ImportFromPem(a.Key);
            Assert.That(k.KeySize, Is.EqualTo(2048));
            Assert.That(KeyPool.Rsa2048Supply.Generated, Is.EqualTo(before), "no key came from the pool");
            Assert.That(KeyPool.Rsa2048Supply.InFlight, Is.EqualTo(0));
        }
        finally { KeyPool.Enabled = true; }
    }
}
