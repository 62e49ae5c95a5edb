using System.Text;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    private const string B64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string B32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    static partial void RegisterEncoding(FunctionRegistry r)
    {
        r.Add(Pure("b64enc", PStr, a => Convert.ToBase64String(HelmSharp.Go.GoUtf8.GetBytes((string)a[0]!))));
        r.Add(Pure("b64dec", PStr, a => Base64Decode((string)a[0]!)));
        r.Add(Pure("b32enc", PStr, a => Base32Encode(HelmSharp.Go.GoUtf8.GetBytes((string)a[0]!))));
        r.Add(Pure("b32dec", PStr, a => Base32Decode((string)a[0]!)));
    }

    private static int B64Value(byte c) => c < 128 ? B64Alphabet.IndexOf((char)c) : -1;
    private static int B32Value(byte c) => c < 128 ? B32Alphabet.IndexOf((char)c) : -1;

    /// <summary>Go's <c>base64.StdEncoding.DecodeString</c>; on error the error text (as sprig returns it).</summary>
    internal static string Base64Decode(string s)
    {
        var src = HelmSharp.Go.GoUtf8.GetBytes(s);
        var dst = new List<byte>(src.Length * 3 / 4);
        var si = 0;
        Span<int> dbuf = stackalloc int[4];
        while (true)
        {
            dbuf.Clear();
            var dlen = 4;
            var end = false;
            int? err = null;
            for (var j = 0; j < 4; j++)
            {
                if (src.Length == si)
                {
                    if (j == 0) return HelmSharp.Go.GoUtf8.GetString(dst.ToArray());
                    return $"illegal base64 data at input byte {si - j}";
                }
                var inb = src[si];
                si++;
                var outv = B64Value(inb);
                if (outv >= 0) { dbuf[j] = outv; continue; }
                if (inb is (byte)'\n' or (byte)'\r') { j--; continue; }
                if (inb != '=') return $"illegal base64 data at input byte {si - 1}";
                switch (j)
                {
                    case 0:
                    case 1:
                        return $"illegal base64 data at input byte {si - 1}";
                    case 2:
                        while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r') si++;
                        if (si == src.Length) return $"illegal base64 data at input byte {src.Length}";
                        if (src[si] != '=') return $"illegal base64 data at input byte {si - 1}";
                        si++;
                        break;
                }
                while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r') si++;
                if (si < src.Length) err = si;
                dlen = j;
                end = true;
                break;
            }
            var val = (uint)dbuf[0] << 18 | (uint)dbuf[1] << 12 | (uint)dbuf[2] << 6 | (uint)dbuf[3];
            if (dlen == 4) { dst.Add((byte)(val >> 16)); dst.Add((byte)(val >> 8)); dst.Add((byte)val); }
            else if (dlen == 3) { dst.Add((byte)(val >> 16)); dst.Add((byte)(val >> 8)); }
            else if (dlen == 2) { dst.Add((byte)(val >> 16)); }
            if (err is { } e) return $"illegal base64 data at input byte {e}";
            if (end) return HelmSharp.Go.GoUtf8.GetString(dst.ToArray());
        }
    }

    internal static string Base32Encode(byte[] data)
    {
        var sb = new StringBuilder((data.Length + 4) / 5 * 8);
        for (var i = 0; i < data.Length; i += 5)
        {
            var n = Math.Min(5, data.Length - i);
            ulong buf = 0;
            for (var k = 0; k < 5; k++) buf = buf << 8 | (k < n ? data[i + k] : (byte)0);
            var chars = n switch { 1 => 2, 2 => 4, 3 => 5, 4 => 7, _ => 8 };
            for (var k = 0; k < 8; k++)
                sb.Append(k < chars ? B32Alphabet[(int)(buf >> (35 - 5 * k) & 31)] : '=');
        }
        return sb.ToString();
    }

    /// <summary>Go's <c>base32.StdEncoding.DecodeString</c> (newlines stripped first); on error the error text.</summary>
    internal static string Base32Decode(string s)
    {
        var raw = HelmSharp.Go.GoUtf8.GetBytes(s);
        var src = new List<byte>(raw.Length);
        foreach (var b in raw) if (b is not ((byte)'\r' or (byte)'\n')) src.Add(b);
        var olen = src.Count;
        var pos = 0;
        var dst = new List<byte>(olen * 5 / 8);
        var end = false;
        Span<byte> dbuf = stackalloc byte[8];
        while (olen - pos > 0 && !end)
        {
            dbuf.Clear();
            var dlen = 8;
            for (var j = 0; j < 8;)
            {
                var remaining = olen - pos;
                if (remaining == 0) return $"illegal base32 data at input byte {olen - remaining - j}";
                var inb = src[pos++];
                remaining = olen - pos;
                if (inb == '=' && j >= 2 && remaining < 8)
                {
                    if (remaining + j < 8 - 1) return $"illegal base32 data at input byte {olen}";
                    for (var k = 0; k < 8 - 1 - j; k++)
                        if (remaining > k && src[pos + k] != '=') return $"illegal base32 data at input byte {olen - remaining + k - 1}";
                    dlen = j;
                    end = true;
                    if (dlen is 1 or 3 or 6) return $"illegal base32 data at input byte {olen - remaining - 1}";
                    break;
                }
                var v = B32Value(inb);
                if (v < 0) return $"illegal base32 data at input byte {olen - remaining - 1}";
                dbuf[j] = (byte)v;
                j++;
            }
            ulong buf = 0;
            for (var k = 0; k < 8; k++) buf = buf << 5 | dbuf[k];
            var nbytes = dlen switch { 8 => 5, 7 => 4, 5 => 3, 4 => 2, 2 => 1, _ => 0 };
            for (var k = 0; k < nbytes; k++) dst.Add((byte)(buf >> (32 - 8 * k)));
        }
        return HelmSharp.Go.GoUtf8.GetString(dst.ToArray());
    }
}
