using System.Text;

namespace HelmSharp.Go;

/// <summary>
/// Go strings are byte strings and may hold invalid UTF-8 (e.g. <c>toString</c> of a binary file's
/// <c>[]byte</c>). .NET strings cannot, so each byte of an invalid sequence is carried as a lone low
/// surrogate U+DC80..U+DCFF (never produced by valid UTF-8); <see cref="ToBytes"/> restores the bytes.
/// </summary>
public static class GoBytes
{
    /// <summary>The Go string <c>string(b)</c>: valid UTF-8 decoded, invalid bytes escaped.</summary>
    public static string ToGoString(byte[] bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        var sb = new StringBuilder(bytes.Length);
        ReadOnlySpan<byte> span = bytes;
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(span, out var rune, out int used) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                span = span[used..];
            }
            else
            {
                sb.Append((char)(0xDC00 + span[0]));
                span = span[1..];
            }
        }
        return sb.ToString();
    }

    /// <summary>The bytes of a Go string made by <see cref="ToGoString"/> (plain UTF-8 otherwise).</summary>
    public static byte[] ToBytes(string s)
    {
        bool escaped = false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !char.IsHighSurrogate(s[i - 1]))) { escaped = true; break; }
        }
        if (!escaped) return Encoding.UTF8.GetBytes(s);
        var list = new List<byte>(s.Length + 8);
        Span<byte> buf = stackalloc byte[4];
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                int n = new Rune(c, s[i + 1]).EncodeToUtf8(buf);
                for (int k = 0; k < n; k++) list.Add(buf[k]);
                i++;
                continue;
            }
            if (c >= 0xDC80 && c <= 0xDCFF) { list.Add((byte)(c - 0xDC00)); continue; }
            var r = char.IsSurrogate(c) ? Rune.ReplacementChar : new Rune(c);
            int m = r.EncodeToUtf8(buf);
            for (int k = 0; k < m; k++) list.Add(buf[k]);
        }
        return list.ToArray();
    }
}
