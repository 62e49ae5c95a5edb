using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using NUnit.Framework;
using HelmSharp.Crypto;
using HelmSharp.Tests.Sprig;

namespace HelmSharp.Tests.Crypto;

/// <summary>
/// The RSA key generator behind Sprig's key functions: the keys are checked with independent arithmetic
/// (<see cref="BigInteger"/>), and each step of the prime search (start, sieve, Miller–Rabin) on its own.
/// </summary>
public class RsaKeyGeneratorTests
{
    private static BigInteger Unsigned(byte[] b) => new(b, isUnsigned: true, isBigEndian: true);

    /// <summary>An independent strong-probable-prime test over many random bases (BigInteger arithmetic).</summary>
    private static bool IsPrimeIndependent(BigInteger n, int rounds)
    {
        if (n < 4) return n == 2 || n == 3;
        if (n.IsEven) return false;
        var d = n - 1;
        int s = 0;
        while (d.IsEven) { d >>= 1; s++; }
        var bytes = n.ToByteArray(isUnsigned: true);
        for (int i = 0; i < rounds; i++)
        {
            BigInteger a;
            do
            {
                RandomNumberGenerator.Fill(bytes);
                a = new BigInteger(bytes, isUnsigned: true) % n;
            } while (a < 2 || a > n - 2);
            var x = BigInteger.ModPow(a, d, n);
            if (x == 1 || x == n - 1) continue;
            bool witness = true;
            for (int r = 1; r < s && witness; r++)
            {
                x = BigInteger.ModPow(x, 2, n);
                if (x == n - 1) witness = false;
            }
            if (witness) return false;
        }
        return true;
    }

    [Test]
    public void OnLinuxTheKeysAreMadeHere()
    {
        Assert.That(RsaKeyGenerator.IsOwnGenerator, Is.EqualTo(OperatingSystem.IsLinux() && IntPtr.Size == 8),
            "libcrypto's big numbers load on Linux (they are what .NET's own cryptography uses there)");
    }

    [TestCase(2048, 1)]
    [TestCase(2048, 2)]
    [TestCase(4096, 2)]
    public void KeysAreWellFormedAndWork(int bits, int workers)
    {
        long before = RsaKeyGenerator.KeysGenerated;
        using var rsa = RsaKeyGenerator.Generate(bits, workers);
        if (RsaKeyGenerator.IsOwnGenerator) Assert.That(RsaKeyGenerator.KeysGenerated, Is.GreaterThan(before));
        var k = rsa.ExportParameters(true);
        BigInteger n = Unsigned(k.Modulus!), e = Unsigned(k.Exponent!), d = Unsigned(k.D!);
        BigInteger p = Unsigned(k.P!), q = Unsigned(k.Q!);
        Assert.That(rsa.KeySize, Is.EqualTo(bits));
        Assert.That(n.GetBitLength(), Is.EqualTo(bits));
        Assert.That(e, Is.EqualTo(new BigInteger(65537)));
        Assert.That(p * q, Is.EqualTo(n));
        Assert.That(BigInteger.Abs(p - q).GetBitLength(), Is.GreaterThan(bits / 2 - 100), "FIPS 186-5: |p − q| > 2^(nlen/2 − 100)");
        foreach (var prime in new[] { p, q })
        {
            Assert.That(prime.GetBitLength(), Is.EqualTo(bits / 2));
            Assert.That((prime >> (bits / 2 - 2)) & 3, Is.EqualTo(new BigInteger(3)), "top two bits set");
            Assert.That(IsPrimeIndependent(prime, 8), Is.True);
            Assert.That((prime - 1) % 65537, Is.Not.EqualTo(BigInteger.Zero));
        }
        var phi = (p - 1) * (q - 1);
        Assert.That(e * d % phi, Is.EqualTo(BigInteger.One), "d = e⁻¹ mod φ(n)");
        Assert.That(d.GetBitLength(), Is.GreaterThan(bits / 2));
        Assert.That(Unsigned(k.DP!), Is.EqualTo(d % (p - 1)));
        Assert.That(Unsigned(k.DQ!), Is.EqualTo(d % (q - 1)));
        Assert.That(Unsigned(k.InverseQ!) * q % p, Is.EqualTo(BigInteger.One));

        var data = new byte[] { 1, 2, 3 };
        var sig = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var pub = RSA.Create(rsa.ExportParameters(false));
        Assert.That(pub.VerifyData(data, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
        var secret = pub.Encrypt(data, RSAEncryptionPadding.OaepSHA256);
        Assert.That(rsa.Decrypt(secret, RSAEncryptionPadding.OaepSHA256), Is.EqualTo(data));
    }

    [Test]
    public void ConcurrentCallersGetDistinctKeys()
    {
        var moduli = new ConcurrentBag<string>();
        Parallel.For(0, 4, _ =>
        {
            using var k = RsaKeyGenerator.Generate(2048);
            moduli.Add(Convert.ToHexString(k.ExportParameters(false).Modulus!));
        });
        Assert.That(moduli.Distinct().Count(), Is.EqualTo(4));
    }

    [Test]
    public void GenPrivateKeyIsA4096BitPkcs1KeyFromTheGenerator()
    {
        long before = RsaKeyGenerator.KeysGenerated;
        var pem = (string)SprigHarness.Call("genPrivateKey", "rsa")!;
        Assert.That(pem, Does.StartWith("-----BEGIN RSA PRIVATE KEY-----\n"));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        Assert.That(rsa.KeySize, Is.EqualTo(4096));
        if (RsaKeyGenerator.IsOwnGenerator) Assert.That(RsaKeyGenerator.KeysGenerated, Is.GreaterThan(before));
    }

    [TestCase(2048)]
    [TestCase(1024)]
    [TestCase(1023)]
    [TestCase(1017)]
    public void RandomStartsAreOddWithTheTopTwoBitsSet(int bits)
    {
        var b = new byte[(bits + 7) / 8];
        for (int i = 0; i < 200; i++)
        {
            RsaKeyGenerator.RandomStart(b, bits);
            var v = Unsigned(b);
            Assert.That(v.GetBitLength(), Is.EqualTo(bits));
            Assert.That((v >> (bits - 2)) & 3, Is.EqualTo(new BigInteger(3)));
            Assert.That(v.IsEven, Is.False);
        }
    }

    [Test]
    public void RemainderMatchesBigInteger()
    {
        var b = new byte[257]; // a length that is not a multiple of four
        var rng = new Random(7);
        foreach (uint m in new uint[] { 3, 5, 16381, 65537, 4294967291u, uint.MaxValue })
        {
            rng.NextBytes(b);
            Assert.That((BigInteger)RsaKeyGenerator.Remainder(b, m), Is.EqualTo(Unsigned(b) % m), "mod " + m);
        }
    }

    [Test]
    public void SieveMarksExactlyTheMultiplesOfSmallPrimesAndOneModE()
    {
        var start = new byte[128];
        RsaKeyGenerator.RandomStart(start, 1024);
        var composite = new bool[RsaKeyGenerator.Window];
        RsaKeyGenerator.SieveWindow(start, new uint[RsaKeyGenerator.SmallPrimes.Length], composite);
        var s = Unsigned(start);
        int marked = 0;
        for (int k = 0; k < composite.Length; k++)
        {
            var c = s + 2 * k;
            bool expected = (c - 1) % 65537 == 0 || RsaKeyGenerator.SmallPrimes.Any(p => c % p == 0);
            Assert.That(composite[k], Is.EqualTo(expected), "offset " + k);
            if (composite[k]) marked++;
        }
        // Mertens: about 1 − 1.12 / ln(2¹⁴) ≈ 88% of odd numbers have a factor below 2¹⁴.
        Assert.That(marked, Is.InRange(composite.Length * 80 / 100, composite.Length * 95 / 100));
    }

    [Test]
    public void SmallPrimesAreTheOddPrimesBelow2To14()
    {
        var primes = RsaKeyGenerator.SmallPrimes;
        Assert.That(primes[0], Is.EqualTo(3u));
        Assert.That(primes[^1], Is.EqualTo(16381u));
        Assert.That(primes, Has.Length.EqualTo(1899)); // π(16384) = 1900, less the prime 2
    }

    [Test]
    public void MillerRabinAcceptsPrimesAndRejectsCompositesIncludingStrongPseudoprimes()
    {
        if (!RsaKeyGenerator.IsOwnGenerator)
        {
            // libcrypto's big numbers are used on Linux only (checked by OnLinuxTheKeysAreMadeHere).
            Assert.That(OperatingSystem.IsLinux() && IntPtr.Size == 8, Is.False);
            return;
        }
        using var ctx = new OpenSslBigNum.Context();
        bool Test(BigInteger v)
        {
            using var w = OpenSslBigNum.BigNum.FromBytes(v.ToByteArray(isUnsigned: true, isBigEndian: true));
            return RsaKeyGenerator.IsProbablePrime(ctx, w, (int)v.GetBitLength());
        }
        var m1279 = BigInteger.Pow(2, 1279) - 1; // Mersenne primes
        var m2203 = BigInteger.Pow(2, 2203) - 1;
        var m2281 = BigInteger.Pow(2, 2281) - 1;
        Assert.That(Test(m1279), Is.True);
        Assert.That(Test(m2203), Is.True);
        Assert.That(Test(m2281), Is.True);
        Assert.That(Test(m1279 * m2203), Is.False);
        Assert.That(Test(BigInteger.Pow(2, 1277) - 1), Is.False, "2^1277 − 1 is composite");
        Assert.That(Test(561), Is.False, "a Carmichael number");
        // Strong pseudoprimes to base 2, which the base-2 round passes: the random-base rounds must catch them.
        Assert.That(Test(2047), Is.False);
        Assert.That(Test(3215031751), Is.False, "strong pseudoprime to bases 2, 3, 5 and 7");
        Assert.That(Test(BigInteger.Parse("3825123056546413051")), Is.False, "strong pseudoprime to the first nine prime bases");
        Assert.That(Test(BigInteger.Parse("318665857834031151167461")), Is.False, "strong pseudoprime to the first twelve prime bases");
        Assert.That(Test(1000003), Is.True);
    }

    [Test]
    public void MillerRabinRoundsAreGos()
    {
        Assert.That(RsaKeyGenerator.MillerRabinRounds(2048), Is.EqualTo(4));
        Assert.That(RsaKeyGenerator.MillerRabinRounds(1024), Is.EqualTo(5));
        Assert.That(RsaKeyGenerator.MillerRabinRounds(3747), Is.EqualTo(3));
        Assert.That(RsaKeyGenerator.MillerRabinRounds(54), Is.EqualTo(34));
    }
}
