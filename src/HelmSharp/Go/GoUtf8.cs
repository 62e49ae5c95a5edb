using System.Buffers;
using System.Text;

namespace HelmSharp.Go;

/// <summary>
/// Conversions between Go strings (arbitrary bytes, usually UTF-8) and .NET strings. A Go string may
/// hold bytes that are not valid UTF-8 (<c>"\xff"</c>, <c>b64dec</c> of binary data, <c>trunc</c> in the
/// middle of a character); .NET strings cannot. Such a byte <c>b</c> (0x80–0xFF) is carried as the lone
/// low surrogate <c>U+DC00+b</c> (U+DC80–U+DCFF, "surrogate escaping"): <see cref="GetString(ReadOnlySpan{byte})"/>
/// produces it, <see cref="GetBytes(string)"/> and <see cref="GetByteCount(string)"/> turn it back into the
/// one original byte, so byte-level Go operations round-trip exactly. Valid UTF-8 never produces a lone
/// surrogate, so the mapping is unambiguous; any other lone surrogate encodes as U+FFFD (as Go would).
/// Text with no invalid bytes takes the plain <see cref="Encoding.UTF8"/> path.
/// </summary>
internal static class GoUtf8
{
    private const char EscapeFirst = '\uDC80', EscapeLast = '\uDCFF';

    /// <summary>True when <paramref name="c"/> is a surrogate-escaped invalid byte.</summary>
    public static bool IsEscapedByte(char c) => c is >= EscapeFirst and <= EscapeLast;

    /// <summary>The Go string's bytes (escaped bytes back to their raw value).</summary>
    public static byte[] GetBytes(string s)
    {
        if (!s.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')) return Encoding.UTF8.GetBytes(s);
        var buf = new ArrayBufferWriter<byte>(s.Length + 8);
        Write(s, buf);
        return buf.WrittenSpan.ToArray();
    }

    /// <summary>The Go <c>len</c> of the string: its byte count.</summary>
    public static int GetByteCount(string s) => GetByteCount(s.AsSpan());

    /// <summary>The Go <c>len</c> of the string held by <paramref name="s"/>.</summary>
    public static int GetByteCount(ReadOnlySpan<char> s)
    {
        if (!s.ContainsAnyInRange('\uD800', '\uDFFF')) return Encoding.UTF8.GetByteCount(s);
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { n += 4; i++; }
            else if (IsEscapedByte(c)) n++;
            else n += 3;
        }
        return n;
    }

    /// <summary>Appends the Go string's bytes to <paramref name="output"/>.</summary>
    public static void Write(string s, IBufferWriter<byte> output)
    {
        Span<byte> tmp = stackalloc byte[4];
        for (int i = 0; i < s.Length; i++)
        {
            int len = EncodeAt(s, ref i, tmp);
            tmp[..len].CopyTo(output.GetSpan(len));
            output.Advance(len);
        }
    }

    /// <summary>Writes the Go string's bytes into <paramref name="destination"/>, which holds exactly <see cref="GetByteCount(ReadOnlySpan{char})"/> bytes.</summary>
    public static void Encode(ReadOnlySpan<char> s, Span<byte> destination)
    {
        if (!s.ContainsAnyInRange('\uD800', '\uDFFF')) { Encoding.UTF8.GetBytes(s, destination); return; }
        int o = 0;
        for (int i = 0; i < s.Length; i++) o += EncodeAt(s, ref i, destination[o..]);
    }

    // The bytes of the character at i (both halves of a surrogate pair, advancing i past the second).
    private static int EncodeAt(ReadOnlySpan<char> s, ref int i, Span<byte> dst)
    {
        char c = s[i];
        if (c < 0x80) { dst[0] = (byte)c; return 1; }
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            i++;
            return new Rune(c, s[i]).EncodeToUtf8(dst);
        }
        if (IsEscapedByte(c)) { dst[0] = (byte)(c - 0xDC00); return 1; }
        return (char.IsSurrogate(c) ? Rune.ReplacementChar : new Rune(c)).EncodeToUtf8(dst);
    }

    /// <summary>Go's <c>string(bytes)</c>: UTF-8 decoded, every byte that is not part of a valid sequence surrogate-escaped.</summary>
    public static string GetString(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        var sb = new StringBuilder(bytes.Length);
        Span<char> tmp = stackalloc char[2];
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            if (b < 0x80) { sb.Append((char)b); i++; continue; }
            // Go's utf8.DecodeRune: an invalid sequence consumes exactly one byte.
            if (Rune.DecodeFromUtf8(bytes[i..], out var r, out int consumed) == OperationStatus.Done)
            {
                int n = r.EncodeToUtf16(tmp);
                sb.Append(tmp[..n]);
                i += consumed;
            }
            else
            {
                sb.Append((char)(0xDC00 + b));
                i++;
            }
        }
        return sb.ToString();
    }

    /// <summary>Go's <c>string(bytes[index:index+count])</c>.</summary>
    public static string GetString(byte[] bytes, int index, int count) => GetString(bytes.AsSpan(index, count));

    /// <summary>Go's <c>string(bytes)</c>.</summary>
    public static string GetString(byte[] bytes) => GetString(bytes.AsSpan());
}
