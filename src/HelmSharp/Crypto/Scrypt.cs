using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace HelmSharp.Crypto;

/// <summary>scrypt (RFC 7914) over the BCL's PBKDF2-HMAC-SHA256, as <c>golang.org/x/crypto/scrypt.Key</c>.</summary>
internal static class Scrypt
{
    /// <summary>Derives <paramref name="keyLength"/> bytes. <paramref name="n"/> must be a power of two &gt; 1.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int n, int r, int p, int keyLength)
    {
        if (n <= 1 || (n & (n - 1)) != 0) throw new ArgumentException("scrypt: N must be > 1 and a power of 2");
        if ((long)r * p >= 1 << 30 || r > int.MaxValue / 128 / p || r > int.MaxValue / 256 || n > int.MaxValue / 128 / r)
            throw new ArgumentException("scrypt: parameters are too large");
        int blockBytes = 128 * r;
        var b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * blockBytes);
        int words = 32 * r;
        var xy = new uint[2 * words];
        var v = new uint[words * n];
        for (int i = 0; i < p; i++)
            Smix(b.AsSpan(i * blockBytes, blockBytes), r, n, v, xy);
        return Rfc2898DeriveBytes.Pbkdf2(password, b, 1, HashAlgorithmName.SHA256, keyLength);
    }

    private static void Smix(Span<byte> b, int r, int n, uint[] v, uint[] xy)
    {
        int words = 32 * r;
        var x = xy.AsSpan(0, words);
        var y = xy.AsSpan(words, words);
        for (int i = 0; i < words; i++) x[i] = BinaryPrimitives.ReadUInt32LittleEndian(b[(i * 4)..]);
        for (int i = 0; i < n; i += 2)
        {
            x.CopyTo(v.AsSpan(i * words, words));
            BlockMix(x, y, r);
            y.CopyTo(v.AsSpan((i + 1) * words, words));
            BlockMix(y, x, r);
        }
        for (int i = 0; i < n; i += 2)
        {
            int j = (int)(x[(2 * r - 1) * 16] & (uint)(n - 1));
            Xor(x, v.AsSpan(j * words, words));
            BlockMix(x, y, r);
            j = (int)(y[(2 * r - 1) * 16] & (uint)(n - 1));
            Xor(y, v.AsSpan(j * words, words));
            BlockMix(y, x, r);
        }
        for (int i = 0; i < words; i++) BinaryPrimitives.WriteUInt32LittleEndian(b[(i * 4)..], x[i]);
    }

    private static void Xor(Span<uint> dst, ReadOnlySpan<uint> src)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] ^= src[i];
    }

    /// <summary>BlockMix: reads <paramref name="input"/>, writes the shuffled result to <paramref name="output"/>.</summary>
    private static void BlockMix(ReadOnlySpan<uint> input, Span<uint> output, int r)
    {
        Span<uint> x = stackalloc uint[16];
        input.Slice((2 * r - 1) * 16, 16).CopyTo(x);
        for (int i = 0; i < 2 * r; i++)
        {
            var bi = input.Slice(i * 16, 16);
            for (int k = 0; k < 16; k++) x[k] ^= bi[k];
            Salsa208(x);
            // Even blocks go to the first half, odd blocks to the second half.
            int dst = (i / 2 + (i % 2) * r) * 16;
            x.CopyTo(output.Slice(dst, 16));
        }
    }

    private static void Salsa208(Span<uint> b)
    {
        uint x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7],
             x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15];
        for (int i = 0; i < 8; i += 2)
        {
            x4 ^= BitOperations.RotateLeft(x0 + x12, 7); x8 ^= BitOperations.RotateLeft(x4 + x0, 9);
            x12 ^= BitOperations.RotateLeft(x8 + x4, 13); x0 ^= BitOperations.RotateLeft(x12 + x8, 18);
            x9 ^= BitOperations.RotateLeft(x5 + x1, 7); x13 ^= BitOperations.RotateLeft(x9 + x5, 9);
            x1 ^= BitOperations.RotateLeft(x13 + x9, 13); x5 ^= BitOperations.RotateLeft(x1 + x13, 18);
            x14 ^= BitOperations.RotateLeft(x10 + x6, 7); x2 ^= BitOperations.RotateLeft(x14 + x10, 9);
            x6 ^= BitOperations.RotateLeft(x2 + x14, 13); x10 ^= BitOperations.RotateLeft(x6 + x2, 18);
            x3 ^= BitOperations.RotateLeft(x15 + x11, 7); x7 ^= BitOperations.RotateLeft(x3 + x15, 9);
            x11 ^= BitOperations.RotateLeft(x7 + x3, 13); x15 ^= BitOperations.RotateLeft(x11 + x7, 18);

            x1 ^= BitOperations.RotateLeft(x0 + x3, 7); x2 ^= BitOperations.RotateLeft(x1 + x0, 9);
            x3 ^= BitOperations.RotateLeft(x2 + x1, 13); x0 ^= BitOperations.RotateLeft(x3 + x2, 18);
            x6 ^= BitOperations.RotateLeft(x5 + x4, 7); x7 ^= BitOperations.RotateLeft(x6 + x5, 9);
            x4 ^= BitOperations.RotateLeft(x7 + x6, 13); x5 ^= BitOperations.RotateLeft(x4 + x7, 18);
            x11 ^= BitOperations.RotateLeft(x10 + x9, 7); x8 ^= BitOperations.RotateLeft(x11 + x10, 9);
            x9 ^= BitOperations.RotateLeft(x8 + x11, 13); x10 ^= BitOperations.RotateLeft(x9 + x8, 18);
            x12 ^= BitOperations.RotateLeft(x15 + x14, 7); x13 ^= BitOperations.RotateLeft(x12 + x15, 9);
            x14 ^= BitOperations.RotateLeft(x13 + x12, 13); x15 ^= BitOperations.RotateLeft(x14 + x13, 18);
        }
        b[0] += x0; b[1] += x1; b[2] += x2; b[3] += x3; b[4] += x4; b[5] += x5; b[6] += x6; b[7] += x7;
        b[8] += x8; b[9] += x9; b[10] += x10; b[11] += x11; b[12] += x12; b[13] += x13; b[14] += x14; b[15] += x15;
    }
}
