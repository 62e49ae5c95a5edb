using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HelmSharp.Crypto;

/// <summary>
/// Minimal Ed25519 (RFC 8032) over <see cref="BigInteger"/>: public key derivation and signing, enough
/// for Sprig's certificate functions with ed25519 keys (the BCL has no Ed25519). Not constant-time:
/// it signs template-generated test certificates, not secrets under attack.
/// </summary>
internal static class Ed25519
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");
    private static readonly BigInteger D = Mod(-121665 * Inv(121666));
    private static readonly BigInteger D2 = Mod(2 * D);
    private static readonly (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) B = Make(
        BigInteger.Parse("15112221349535400772501151409588531511454012693041857206046113283949847762202"),
        BigInteger.Parse("46316835694926478169428394003475163141307993866256225615783033603165251855960"));

    private static BigInteger Mod(BigInteger a) { var r = a % P; return r.Sign < 0 ? r + P : r; }
    private static BigInteger Inv(BigInteger a) => BigInteger.ModPow(Mod(a), P - 2, P);
    private static (BigInteger, BigInteger, BigInteger, BigInteger) Make(BigInteger x, BigInteger y) => (x, y, 1, Mod(x * y));

    private static (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) Add(
        (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) p, (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(p.T * D2 * q.T);
        var d = Mod(p.Z * 2 * q.Z);
        var e = b - a; var f = d - c; var g = d + c; var h = b + a;
        return (Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) Mul(BigInteger s, (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) p)
    {
        (BigInteger, BigInteger, BigInteger, BigInteger) q = (0, 1, 1, 0);
        while (s > 0)
        {
            if (!s.IsEven) q = Add(q, p);
            p = Add(p, p);
            s >>= 1;
        }
        return q;
    }

    private static byte[] Encode((BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) p)
    {
        var zi = Inv(p.Z);
        var x = Mod(p.X * zi);
        var y = Mod(p.Y * zi);
        var bytes = new byte[32];
        y.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        if (!x.IsEven) bytes[31] |= 0x80;
        return bytes;
    }

    private static BigInteger Le(ReadOnlySpan<byte> b) => new(b, isUnsigned: true, isBigEndian: false);

    private static (BigInteger A, byte[] Prefix) Expand(ReadOnlySpan<byte> seed)
    {
        var h = SHA512.HashData(seed);
        h[0] &= 248; h[31] &= 127; h[31] |= 64;
        return (Le(h.AsSpan(0, 32)), h[32..]);
    }

    /// <summary>The 32-byte public key of a 32-byte seed.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> seed) => Encode(Mul(Expand(seed).A, B));

    /// <summary>An RFC 8032 Ed25519 signature of <paramref name="message"/>.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var (a, prefix) = Expand(seed);
        var pub = Encode(Mul(a, B));
        var r = Le(SHA512.HashData([.. prefix, .. message])) % L;
        var rEnc = Encode(Mul(r, B));
        var k = Le(SHA512.HashData([.. rEnc, .. pub, .. message])) % L;
        var s = (r + k * a) % L;
        var sig = new byte[64];
        rEnc.CopyTo(sig, 0);
        s.TryWriteBytes(sig.AsSpan(32), out _, isUnsigned: true, isBigEndian: false);
        return sig;
    }

    /// <summary>The <c>SubjectPublicKeyInfo</c> public key object for a seed.</summary>
    public static PublicKey X509PublicKey(ReadOnlySpan<byte> seed) =>
        new(new Oid("1.3.101.112"), null, new AsnEncodedData(PublicKey(seed)));

    /// <summary>A certificate signature generator for Ed25519 keys.</summary>
    public sealed class Generator : X509SignatureGenerator
    {
        private readonly byte[] _seed;
        public Generator(byte[] seed) { _seed = seed; }
        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => [0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70];
        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) => Sign(_seed, data);
        protected override PublicKey BuildPublicKey() => X509PublicKey(_seed);
    }
}
