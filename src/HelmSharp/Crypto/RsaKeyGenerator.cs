using System.Security.Cryptography;
using static HelmSharp.Crypto.OpenSslBigNum;

namespace HelmSharp.Crypto;

/// <summary>
/// RSA key generation for Sprig's key functions (<c>genPrivateKey "rsa"</c>: 4096 bits; <c>genCA</c>,
/// <c>genSelfSignedCert</c>, <c>genSignedCert</c>: 2048 bits), shaped like Go's <c>crypto/rsa.GenerateKey</c>
/// (FIPS 186-5 A.1.3: two random primes of half the size with their top two bits set, e = 65537,
/// d = e⁻¹ mod (p−1)(q−1)), with each prime search spread over the cores.
/// </summary>
/// <remarks>
/// <para>Why not <c>RSA.Create(bits)</c>: on Linux that is OpenSSL 3's SP 800-56B generator, which confirms each
/// prime with 64 Miller–Rabin rounds and costs about twice what helm spends on the same key. Here a prime is found
/// the way BoringSSL does it: a random odd start, a sieve over the next <see cref="Window"/> odd numbers by the
/// small primes below 2¹⁴ (and by p ≡ 1 mod e, so that e is invertible), a base-2 Miller–Rabin test to drop the
/// remaining composites cheaply, then the number of random-base rounds that Go and BoringSSL use for a random
/// candidate of that size (4 for 2048-bit primes, 5 for 1024-bit ones: false-positive rate below 2⁻¹²⁸).</para>
/// <para>The search for each prime runs on up to <see cref="MaxWorkers"/> cores at once, each worker on its own
/// random start; the first prime found is taken and the others stop before their next test, so a key costs about
/// the CPU of one search and a fraction of its wall time.</para>
/// <para>The arithmetic is OpenSSL's (<see cref="OpenSslBigNum"/>). Where that is not available (not Linux),
/// keys come from <c>RSA.Create</c>.</para>
/// </remarks>
internal static class RsaKeyGenerator
{
    /// <summary>The public exponent, as Go uses.</summary>
    private const uint E = 65537;

    /// <summary>Odd numbers sieved per random start.</summary>
    internal const int Window = 4096;

    private static readonly int Cores = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Workers per prime search (default: the cores, at most 8; 1 = on the calling thread only).</summary>
    public static int MaxWorkers
    {
        get => maxWorkers;
        set => maxWorkers = Math.Clamp(value, 1, 64);
    }
    private static int maxWorkers = Math.Min(Cores, 8);

    /// <summary>The odd primes below 2¹⁴, the sieve's divisors.</summary>
    internal static readonly uint[] SmallPrimes = OddPrimesBelow(1 << 14);

    /// <summary>Whether keys are made here (true) or by the platform's <c>RSA.Create</c> (false).</summary>
    public static bool IsOwnGenerator => OpenSslBigNum.IsAvailable && IntPtr.Size == 8;

    /// <summary>Keys made by this generator (not the platform's) so far in this process.</summary>
    public static long KeysGenerated => Interlocked.Read(ref keysGenerated);
    private static long keysGenerated;

    /// <summary>
    /// A new RSA key of <paramref name="bits"/> bits (e = 65537), owned by the caller; each prime search on up to
    /// <paramref name="workers"/> cores (default <see cref="MaxWorkers"/>).
    /// </summary>
    public static RSA Generate(int bits, int? workers = null)
    {
        if (!IsOwnGenerator || bits < 1024 || bits % 2 != 0) return GeneratePlatform(bits);
        var parameters = GenerateParameters(bits, Math.Clamp(workers ?? MaxWorkers, 1, Cores));
        Interlocked.Increment(ref keysGenerated);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
        finally
        {
            Clear(parameters);
        }
    }

    /// <summary>
    /// A key from the platform. <see cref="RSA.Create(int)"/> only records the size on OpenSSL; the key itself is
    /// made on first use, so the public half is read here to make it on this thread.
    /// </summary>
    internal static RSA GeneratePlatform(int bits)
    {
        var rsa = RSA.Create(bits);
        try
        {
            _ = rsa.ExportParameters(false);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>The parameters of a new key (Go's <c>GenerateKey</c> loop).</summary>
    internal static RSAParameters GenerateParameters(int bits, int workers)
    {
        using var ctx = new Context();
        while (true)
        {
            using var p = FindPrime((bits + 1) / 2, workers);
            using var q = FindPrime(bits / 2, workers);
            // FIPS 186-5 A.1.3 step 5.5: |p − q| > 2^(nlen/2 − 100) (failing has probability about 2^-97).
            if (Context.DistanceBits(p, q) <= bits / 2 - 100) continue;
            using var n = new BigNum();
            ctx.Multiply(n, p, q);
            if (n.BitLength != bits) throw new CryptographicException("rsa: internal error: modulus size incorrect");
            using var p1 = new BigNum();
            p1.Set(p);
            p1.SubWord(1);
            using var q1 = new BigNum();
            q1.Set(q);
            q1.SubWord(1);
            using var phi = new BigNum();
            ctx.Multiply(phi, p1, q1);
            using var e = BigNum.FromBytes([0x01, 0x00, 0x01]);
            using var d = new BigNum();
            // The sieve keeps p ≡ 1 mod e out, so e is invertible; checked anyway, as Go does.
            if (!ctx.TryModInverse(d, e, phi)) continue;
            // FIPS 186-5 A.1.1: d > 2^(nlen/2); failing has probability about 2^-(nlen/2).
            if (d.BitLength <= bits / 2) continue;
            using var dp = new BigNum();
            ctx.Mod(dp, d, p1);
            using var dq = new BigNum();
            ctx.Mod(dq, d, q1);
            using var qinv = new BigNum();
            if (!ctx.TryModInverse(qinv, q, p)) continue;
            int len = bits / 8, half = (len + 1) / 2;
            return new RSAParameters
            {
                Modulus = n.ToBytes(len),
                Exponent = [0x01, 0x00, 0x01],
                D = d.ToBytes(len),
                P = p.ToBytes(half),
                Q = q.ToBytes(half),
                DP = dp.ToBytes(half),
                DQ = dq.ToBytes(half),
                InverseQ = qinv.ToBytes(half),
            };
        }
    }

    private static void Clear(RSAParameters p)
    {
        foreach (var secret in new[] { p.D, p.P, p.Q, p.DP, p.DQ, p.InverseQ })
            if (secret != null) CryptographicOperations.ZeroMemory(secret);
    }

    /// <summary>A random prime of exactly <paramref name="bits"/> bits with its top two bits set, p ≢ 1 mod e.</summary>
    internal static BigNum FindPrime(int bits, int workers)
    {
        var race = new Race();
        if (workers == 1)
        {
            Search(bits, race);
        }
        else
        {
            try
            {
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Search(bits, race));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                race.Winner?.Dispose();
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }
        }
        return race.Winner ?? throw new CryptographicException("rsa: no prime found");
    }

    /// <summary>The shared state of one prime search: the first prime found.</summary>
    internal sealed class Race
    {
        private BigNum? winner;
        private volatile bool aborted;
        public BigNum? Winner => Volatile.Read(ref winner);
        /// <summary>A prime was found, or a worker failed: the others stop.</summary>
        public bool Over => aborted || Volatile.Read(ref winner) != null;
        public bool TryWin(BigNum prime) => Interlocked.CompareExchange(ref winner, prime, null) == null;
        public void Abort() => aborted = true;
    }

    /// <summary>One worker: random starts, sieved windows, tests, until this or another worker finds a prime.</summary>
    private static void Search(int bits, Race race)
    {
        int len = (bits + 7) / 8;
        var start = new byte[len];
        var residues = new uint[SmallPrimes.Length];
        var composite = new bool[Window];
        using var ctx = new Context();
        using var candidate = new BigNum();
        try
        {
            while (!race.Over)
            {
                RandomStart(start, bits);
                SieveWindow(start, residues, composite);
                using var origin = BigNum.FromBytes(start);
                for (int k = 0; k < Window && !race.Over; k++)
                {
                    if (composite[k]) continue;
                    candidate.Set(origin);
                    candidate.AddWord(2UL * (ulong)k);
                    // Adding to a start just below 2^bits could carry past it; such a window is left.
                    if (candidate.BitLength != bits || !candidate.IsBitSet(bits - 2)) break;
                    if (!IsProbablePrime(ctx, candidate, bits, race)) continue;
                    var prime = new BigNum();
                    prime.Set(candidate);
                    if (!race.TryWin(prime)) prime.Dispose();
                    return;
                }
            }
        }
        catch
        {
            race.Abort();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(start);
        }
    }

    /// <summary>Random bytes of a <paramref name="bits"/>-bit odd number with its top two bits set (as Go's <c>randomPrime</c>).</summary>
    internal static void RandomStart(byte[] b, int bits)
    {
        RandomNumberGenerator.Fill(b);
        int excess = b.Length * 8 - bits;
        if (excess != 0) b[0] = (byte)(b[0] >> excess);
        if (excess < 7) b[0] |= (byte)(0b1100_0000 >> excess);
        else
        {
            b[0] |= 0b0000_0001;
            b[1] |= 0b1000_0000;
        }
        b[^1] |= 1;
    }

    /// <summary>
    /// Marks in <paramref name="composite"/> each k for which start + 2k is divisible by a small prime, or is 1 mod e.
    /// </summary>
    internal static void SieveWindow(byte[] start, uint[] residues, bool[] composite)
    {
        Array.Clear(composite);
        for (int i = 0; i < SmallPrimes.Length; i++)
            residues[i] = Remainder(start, SmallPrimes[i]);
        for (int i = 0; i < SmallPrimes.Length; i++)
        {
            uint p = SmallPrimes[i];
            // start + 2k ≡ 0 (mod p)  ⇔  k ≡ −r · 2⁻¹ (mod p), and 2⁻¹ = (p + 1) / 2.
            ulong k0 = (ulong)(p - residues[i]) % p * ((p + 1) / 2) % p;
            for (ulong k = k0; k < (ulong)composite.Length; k += p) composite[k] = true;
        }
        // start + 2k ≡ 1 (mod e): then e divides p − 1 and has no inverse mod φ.
        uint re = Remainder(start, E);
        ulong ke = (ulong)((E + 1 - re) % E) * ((E + 1) / 2) % E;
        for (ulong k = ke; k < (ulong)composite.Length; k += E) composite[k] = true;
    }

    /// <summary>The big-endian number <paramref name="n"/> modulo <paramref name="m"/> (m &lt; 2³²).</summary>
    internal static uint Remainder(byte[] n, uint m)
    {
        ulong r = 0;
        int i = 0;
        int head = n.Length % 4;
        for (; i < head; i++) r = ((r << 8) | n[i]) % m;
        for (; i < n.Length; i += 4)
        {
            uint word = (uint)(n[i] << 24 | n[i + 1] << 16 | n[i + 2] << 8 | n[i + 3]);
            r = ((r << 32) | word) % m;
        }
        return (uint)r;
    }

    /// <summary>
    /// Miller–Rabin (FIPS 186-5 B.3.1) on an odd candidate that passed the sieve: base 2 first (it only rejects:
    /// a cheap filter for composites), then Go's number of random-base rounds for a random candidate of this size.
    /// </summary>
    internal static bool IsProbablePrime(Context ctx, BigNum w, int bits, Race? race = null)
    {
        using var mont = ctx.MontgomeryFor(w);
        using var wMinus1 = new BigNum();
        wMinus1.Set(w);
        wMinus1.SubWord(1);
        int a = 1;
        while (!wMinus1.IsBitSet(a)) a++;
        using var m = new BigNum();
        m.ShiftRight(wMinus1, a);
        using var z = new BigNum();

        ctx.ModExpWord(z, 2, m, w, mont);
        if (!Passes(ctx, z, w, wMinus1, a)) return false;

        int rounds = MillerRabinRounds(bits);
        var bytes = new byte[(bits + 7) / 8];
        int excess = bytes.Length * 8 - bits;
        while (rounds > 0)
        {
            if (race is { Over: true }) return false;
            RandomNumberGenerator.Fill(bytes);
            if (excess != 0) bytes[0] = (byte)(bytes[0] >> excess);
            using var b = BigNum.FromBytes(bytes);
            // Bases must lie in [2, w − 2].
            if (b.BitLength <= 1 || b.CompareTo(wMinus1) >= 0) continue;
            ctx.ModExp(z, b, m, w, mont);
            if (!Passes(ctx, z, w, wMinus1, a)) return false;
            rounds--;
        }
        return true;
    }

    /// <summary>Whether z = b^m mod w (w − 1 = m·2^a) says "possibly prime".</summary>
    private static bool Passes(Context ctx, BigNum z, BigNum w, BigNum wMinus1, int a)
    {
        if (z.IsOne || z.CompareTo(wMinus1) == 0) return true;
        for (int i = 1; i < a; i++)
        {
            ctx.ModSquare(z, z, w);
            if (z.CompareTo(wMinus1) == 0) return true;
            if (z.IsOne) return false; // squaring 1 never reaches −1
        }
        return false;
    }

    /// <summary>Go's (and BoringSSL's) Miller–Rabin rounds for a random candidate of <paramref name="bits"/> bits.</summary>
    internal static int MillerRabinRounds(int bits) => bits switch
    {
        >= 3747 => 3,
        >= 1345 => 4,
        >= 476 => 5,
        >= 400 => 6,
        >= 347 => 7,
        >= 308 => 8,
        >= 55 => 27,
        _ => 34,
    };

    private static uint[] OddPrimesBelow(int limit)
    {
        var sieve = new bool[limit];
        var primes = new List<uint>();
        for (int i = 3; i < limit; i += 2)
        {
            if (sieve[i]) continue;
            primes.Add((uint)i);
            for (long j = (long)i * i; j < limit; j += 2L * i) sieve[j] = true;
        }
        return primes.ToArray();
    }
}
