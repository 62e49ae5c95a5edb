namespace HelmSharp.Crypto;

/// <summary>Go's <c>encoding/base64.StdEncoding.DecodeString</c> with its exact error offsets (CR/LF ignored, padding required).</summary>
internal static class GoBase64
{
    private static readonly sbyte[] s_map = BuildMap();

    private static sbyte[] BuildMap()
    {
        var m = new sbyte[256];
        Array.Fill(m, (sbyte)-1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.Length; i++) m[alphabet[i]] = (sbyte)i;
        return m;
    }

    /// <summary>Decodes; on failure <paramref name="error"/> is <c>illegal base64 data at input byte N</c>.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> src, out byte[] result, out string? error)
    {
        var dst = new byte[src.Length / 4 * 3 + 3];
        int n = 0, si = 0;
        error = null;
        while (si < src.Length)
        {
            if (!DecodeQuantum(dst.AsSpan(n), src, ref si, out int ninc, out long bad))
            {
                n += ninc;
                result = dst.AsSpan(0, n).ToArray();
                error = "illegal base64 data at input byte " + bad;
                return false;
            }
            n += ninc;
        }
        result = dst.AsSpan(0, n).ToArray();
        return true;
    }

    private static bool DecodeQuantum(Span<byte> dst, ReadOnlySpan<byte> src, ref int si, out int n, out long bad)
    {
        Span<byte> dbuf = stackalloc byte[4];
        dbuf.Clear();
        int dlen = 4;
        n = 0; bad = 0;
        bool trailingGarbage = false;
        for (int j = 0; j < 4; j++)
        {
            if (src.Length == si)
            {
                if (j == 0) return true;
                bad = si - j;
                return false;
            }
            byte inb = src[si];
            si++;
            sbyte o = s_map[inb];
            if (o >= 0) { dbuf[j] = (byte)o; continue; }
            if (inb == '\n' || inb == '\r') { j--; continue; }
            if (inb != '=') { bad = si - 1; return false; }
            switch (j)
            {
                case 0:
                case 1:
                    bad = si - 1;
                    return false;
                case 2:
                    while (si < src.Length && (src[si] == '\n' || src[si] == '\r')) si++;
                    if (si == src.Length) { bad = src.Length; return false; }
                    if (src[si] != '=') { bad = si - 1; return false; }
                    si++;
                    break;
            }
            while (si < src.Length && (src[si] == '\n' || src[si] == '\r')) si++;
            if (si < src.Length) { trailingGarbage = true; bad = si; }
            dlen = j;
            break;
        }
        uint val = (uint)dbuf[0] << 18 | (uint)dbuf[1] << 12 | (uint)dbuf[2] << 6 | dbuf[3];
        byte b0 = (byte)(val >> 16), b1 = (byte)(val >> 8), b2 = (byte)val;
        switch (dlen)
        {
            case 4: dst[2] = b2; dst[1] = b1; dst[0] = b0; break;
            case 3: dst[1] = b1; dst[0] = b0; break;
            case 2: dst[0] = b0; break;
        }
        n = dlen - 1;
        return !trailingGarbage;
    }
}
