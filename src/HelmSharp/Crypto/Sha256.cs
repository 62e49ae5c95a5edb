using System.Buffers.Binary;
using System.Numerics;

namespace HelmSharp.Crypto;

/// <summary>
/// SHA-256 (FIPS 180-4) in managed code, for Sprig's <c>sha256sum</c>.
/// </summary>
/// <remarks>
/// Why not <c>SHA256.HashData</c>: on Linux the BCL hashes through OpenSSL, and the first hash of a process loads
/// libssl and libcrypto (dlopen, relocations, OpenSSL's initialisation): about 1.5–2 ms, 6–8 % of a small chart's
/// whole render. Half the charts of the real-chart corpus call <c>sha256sum</c> (checksum annotations), almost always
/// on a few kilobytes of text, where this code costs microseconds. Checked against the BCL's SHA-256 on every length
/// around the block boundaries and on large inputs (<c>Sha256Tests</c>).
/// </remarks>
internal static class Sha256
{
    /// <summary>The digest size in bytes.</summary>
    public const int HashSize = 32;

    private static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>Writes the SHA-256 digest of <paramref name="data"/> into <paramref name="destination"/> (at least 32 bytes); returns 32.</summary>
    public static int HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSize) throw new ArgumentException("destination is too short", nameof(destination));
        Span<uint> h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        Span<uint> w = stackalloc uint[64];
        int full = data.Length / 64 * 64;
        for (int i = 0; i < full; i += 64) Block(h, data.Slice(i, 64), w);

        // the last partial block, the 0x80 byte, zeros, and the length in bits (big-endian): one or two blocks
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        int rest = data.Length - full;
        data[full..].CopyTo(tail);
        tail[rest] = 0x80;
        int tailLength = rest < 56 ? 64 : 128;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - 8), (ulong)data.Length * 8);
        for (int i = 0; i < tailLength; i += 64) Block(h, tail.Slice(i, 64), w);

        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(i * 4), h[i]);
        return HashSize;
    }

    private static void Block(Span<uint> h, ReadOnlySpan<byte> block, Span<uint> w)
    {
        for (int t = 0; t < 16; t++) w[t] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(t * 4));
        for (int t = 16; t < 64; t++)
        {
            uint w15 = w[t - 15], w2 = w[t - 2];
            uint s0 = BitOperations.RotateRight(w15, 7) ^ BitOperations.RotateRight(w15, 18) ^ (w15 >> 3);
            uint s1 = BitOperations.RotateRight(w2, 17) ^ BitOperations.RotateRight(w2, 19) ^ (w2 >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        var k = K;
        for (int t = 0; t < 64; t++)
        {
            uint s1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            uint ch = (e & f) ^ (~e & g);
            uint t1 = hh + s1 + ch + k[t] + w[t];
            uint s0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            uint maj = (a & b) ^ (a & c) ^ (b & c);
            uint t2 = s0 + maj;
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
}
