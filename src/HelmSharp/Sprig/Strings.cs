using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    /// <summary>Upper bound on strings built by repeat/indent/rand* (Go would run out of memory instead).</summary>
    internal const long MaxBuiltString = 1L << 28;

    /// <summary>A function with the <paramref name="effects"/> it declares (see <see cref="FunctionEffects"/>).</summary>
    internal static GoFunction Fn(FunctionEffects effects, string name, GoType[] parameters, Func<object?[], object?> body, bool variadic = false, bool returnsError = false) =>
        new(name, parameters, variadic, (_, a) => body(a), returnsError, effects);

    /// <summary>A pure function: its result is a function of its arguments and it changes nothing (<see cref="FunctionEffects.Pure"/>).</summary>
    internal static GoFunction Pure(string name, GoType[] parameters, Func<object?[], object?> body, bool variadic = false, bool returnsError = false) =>
        Fn(FunctionEffects.Pure, name, parameters, body, variadic, returnsError);

    /// <summary>A pure function whose result is a Go bool (chosen for lambdas of type bool): the result is one of two shared boxes, not a new one per call.</summary>
    internal static GoFunction Pure(string name, GoType[] parameters, Func<object?[], bool> body, bool variadic = false, bool returnsError = false) =>
        Fn(FunctionEffects.Pure, name, parameters, a => HelmSharp.Go.GoBoxes.Bool(body(a)), variadic, returnsError);

    internal static readonly GoType[] PStr = [GoType.String];
    internal static readonly GoType[] PStrStr = [GoType.String, GoType.String];
    internal static readonly GoType[] PIntStr = [GoType.Int, GoType.String];
    internal static readonly GoType[] PInt = [GoType.Int];
    internal static readonly GoType[] PAny = [GoType.Interface];
    internal static readonly GoType[] PAnyAny = [GoType.Interface, GoType.Interface];

    internal static int ToClampedInt(object? v)
    {
        var n = v switch { nint x => (long)x, long l => l, int i => i, _ => SprigValues.ToInt64(v) };
        return n > int.MaxValue ? int.MaxValue : n < int.MinValue ? int.MinValue : (int)n;
    }

    static partial void RegisterStrings(FunctionRegistry r)
    {
        r.Add(Pure("hello", [], _ => "Hello!"));
        r.Add(Pure("abbrev", PIntStr, a => Abbrev(ToClampedInt(a[0]), (string)a[1]!)));
        r.Add(Pure("abbrevboth", [GoType.Int, GoType.Int, GoType.String], a => AbbrevBoth(ToClampedInt(a[0]), ToClampedInt(a[1]), (string)a[2]!)));
        r.Add(Pure("trunc", PIntStr, a => Trunc(ToClampedInt(a[0]), (string)a[1]!)));
        r.Add(Pure("trim", PStr, a => ((string)a[0]!).Trim()));
        r.Add(Pure("upper", PStr, a => GoToUpper((string)a[0]!)));
        r.Add(Pure("lower", PStr, a => GoToLower((string)a[0]!)));
        r.Add(Pure("title", PStr, a => Title((string)a[0]!)));
        r.Add(Pure("untitle", PStr, a => Untitle((string)a[0]!)));
        r.Add(Pure("substr", [GoType.Int, GoType.Int, GoType.String], a => Substr(ToClampedInt(a[0]), ToClampedInt(a[1]), (string)a[2]!)));
        r.Add(Pure("repeat", PIntStr, a => Repeat((string)a[1]!, ToClampedInt(a[0]))));
        r.Add(Pure("trimall", PStrStr, a => TrimCutset((string)a[1]!, (string)a[0]!)));
        r.Add(Pure("trimAll", PStrStr, a => TrimCutset((string)a[1]!, (string)a[0]!)));
        r.Add(Pure("trimSuffix", PStrStr, a => { var s = (string)a[1]!; var p = (string)a[0]!; return s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s; }));
        r.Add(Pure("trimPrefix", PStrStr, a => { var s = (string)a[1]!; var p = (string)a[0]!; return s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s; }));
        r.Add(Pure("nospace", PStr, a => NoSpace((string)a[0]!)));
        r.Add(Pure("initials", PStr, a => Initials((string)a[0]!)));
        r.Add(Fn(FunctionEffects.ReadsOutside, "randAlphaNum", PInt, a => RandomString(ToClampedInt(a[0]), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")));
        r.Add(Fn(FunctionEffects.ReadsOutside, "randAlpha", PInt, a => RandomString(ToClampedInt(a[0]), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")));
        r.Add(Fn(FunctionEffects.ReadsOutside, "randAscii", PInt, a => RandomString(ToClampedInt(a[0]), AsciiPrintable)));
        r.Add(Fn(FunctionEffects.ReadsOutside, "randNumeric", PInt, a => RandomString(ToClampedInt(a[0]), "0123456789")));
        r.Add(Pure("swapcase", PStr, a => SwapCase((string)a[0]!)));
        r.Add(Fn(FunctionEffects.ReadsOutside, "shuffle", PStr, a => Shuffle((string)a[0]!)));
        r.Add(Pure("snakecase", PStr, a => CaseConvert.ToDelimited((string)a[0]!, '_')));
        r.Add(Pure("camelcase", PStr, a => CaseConvert.ToCamel((string)a[0]!)));
        r.Add(Pure("kebabcase", PStr, a => CaseConvert.ToDelimited((string)a[0]!, '-')));
        r.Add(Pure("wrap", PIntStr, a => WrapCustom((string)a[1]!, ToClampedInt(a[0]), "", false)));
        r.Add(Pure("wrapWith", [GoType.Int, GoType.String, GoType.String], a => WrapCustom((string)a[2]!, ToClampedInt(a[0]), (string)a[1]!, true)));
        r.Add(Pure("contains", PStrStr, a => ((string)a[1]!).Contains((string)a[0]!, StringComparison.Ordinal)));
        r.Add(Pure("hasPrefix", PStrStr, a => ((string)a[1]!).StartsWith((string)a[0]!, StringComparison.Ordinal)));
        r.Add(Pure("hasSuffix", PStrStr, a => ((string)a[1]!).EndsWith((string)a[0]!, StringComparison.Ordinal)));
        r.Add(new GoFunction("quote", PAny, true, QuoteTo, effects: FunctionEffects.Pure) { TakesText = true });
        r.Add(Pure("squote", PAny, SQuote, variadic: true));
        r.Add(Pure("cat", PAny, Cat, variadic: true));
        // Printed as the last command of an action ({{ toYaml . | nindent 4 }}), they write straight into the output.
        // Piped text ({{ include "x" . | nindent 4 }}) is read where the previous command wrote it.
        r.Add(new GoFunction("indent", PIntStr, false, static (_, a, sink) => IndentTo(ToClampedInt(a[0]), a.Text(1), false, sink),
            effects: FunctionEffects.Pure) { TakesText = true });
        r.Add(new GoFunction("nindent", PIntStr, false, static (_, a, sink) => IndentTo(ToClampedInt(a[0]), a.Text(1), true, sink),
            effects: FunctionEffects.Pure) { TakesText = true });
        r.Add(Pure("replace", [GoType.String, GoType.String, GoType.String], a => ReplaceAll((string)a[2]!, (string)a[0]!, (string)a[1]!)));
        r.Add(Pure("plural", [GoType.String, GoType.String, GoType.Int], a => (nint)a[2]! == 1 ? a[0] : a[1]));
        r.Add(Digest("sha1sum", static (b, d) => SHA1.HashData(b, d)));
        r.Add(Digest("sha256sum", static (b, d) => HelmSharp.Crypto.Sha256.HashData(b, d))); // managed: no OpenSSL load (Crypto/Sha256.cs)
        r.Add(Digest("sha512sum", static (b, d) => SHA512.HashData(b, d)));
        r.Add(Pure("adler32sum", PStr, a => Adler32(HelmSharp.Go.GoUtf8.GetBytes((string)a[0]!)).ToString(CultureInfo.InvariantCulture)));
        r.Add(Pure("toString", PAny, a => SprigValues.Strval(a[0])));
    }

    private const string AsciiPrintable = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    internal static string Abbrev(int width, string s)
    {
        if (width < 4) return s;
        return AbbreviateFull(s, 0, width);
    }

    internal static string AbbrevBoth(int left, int right, string s)
    {
        if (right < 4 || left > 0 && right < 7) return s;
        return AbbreviateFull(s, left, right);
    }

    // goutils v1.1.1 AbbreviateFull (byte based); errors → "" as sprig discards them.
    private static string AbbreviateFull(string str, int offset, int maxWidth)
    {
        if (str.Length == 0) return "";
        if (maxWidth < 4) return "";
        var len = SprigValues.ByteLength(str);
        if (len <= maxWidth) return str;
        if (offset > len) offset = len;
        if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
        const string marker = "...";
        if (offset <= 4) return SprigValues.ByteSlice(str, 0, maxWidth - 3) + marker;
        if (maxWidth < 7) return "";
        if (offset + maxWidth - 3 < len)
            return marker + AbbreviateFull(SprigValues.ByteSlice(str, offset, len), 0, maxWidth - 3);
        return marker + SprigValues.ByteSlice(str, len - (maxWidth - 3), len);
    }

    internal static string Trunc(int c, string s)
    {
        var len = SprigValues.ByteLength(s);
        if (c < 0 && len + c > 0) return SprigValues.ByteSlice(s, len + c, len);
        if (c >= 0 && len > c) return SprigValues.ByteSlice(s, 0, c);
        return s;
    }

    internal static string Substr(int start, int end, string s)
    {
        var len = SprigValues.ByteLength(s);
        if (start < 0) return GoSlice(s, len, 0, end, lowGiven: false);
        if (end < 0 || end > len) return GoSlice(s, len, start, len, highGiven: false);
        return GoSlice(s, len, start, end);
    }

    /// <summary>Go's <c>s[lo:hi]</c> with Go's runtime bounds-check panics.</summary>
    internal static string GoSlice(string s, int len, int lo, int hi, bool lowGiven = true, bool highGiven = true)
    {
        if (highGiven)
        {
            if (hi < 0) throw new GoFunctionException($"runtime error: slice bounds out of range [:{hi}]");
            if (hi > len) throw new GoFunctionException($"runtime error: slice bounds out of range [:{hi}] with length {len}");
        }
        if (lowGiven)
        {
            if (lo < 0) throw new GoFunctionException($"runtime error: slice bounds out of range [{lo}:]");
            if (lo > hi) throw new GoFunctionException($"runtime error: slice bounds out of range [{lo}:{hi}]");
        }
        return SprigValues.ByteSlice(s, lo, hi);
    }

    // sha*sum: the hex digest of the argument's bytes, also of text piped in ({{ include "x" . | sha256sum }}), written
    // straight into the output when printed.
    private static GoFunction Digest(string name, Func<ReadOnlySpan<byte>, Span<byte>, int> hash) =>
        new(name, PStr, false, (_, a, sink) => HexDigest(a.Text(0), hash, sink), effects: FunctionEffects.Pure) { TakesText = true };

    /// <summary>
    /// Appends the lower-case hex digest of the Go string's bytes (encoded into a pooled buffer, not a fresh array) to
    /// <paramref name="sink"/>.
    /// </summary>
    private static void HexDigest(ReadOnlySpan<char> s, Func<ReadOnlySpan<byte>, Span<byte>, int> hash, StringBuilder sink)
    {
        int n = HelmSharp.Go.GoUtf8.GetByteCount(s);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(n);
        Span<byte> digest = stackalloc byte[64];
        int length;
        try
        {
            var bytes = rented.AsSpan(0, n);
            HelmSharp.Go.GoUtf8.Encode(s, bytes);
            length = hash(bytes, digest);
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(rented); }
        Span<char> hex = stackalloc char[128];
        Convert.TryToHexStringLower(digest[..length], hex, out int written);
        sink.Append(hex[..written]);
    }

    internal static string Repeat(string s, int count)
    {
        if (RepeatLength(s.Length, count) == 0) return "";
        var sb = new StringBuilder(s.Length * count);
        for (var i = 0; i < count; i++) sb.Append(s);
        return sb.ToString();
    }

    /// <summary>The length of Go's <c>strings.Repeat</c> of a string of <paramref name="length"/> characters, with its errors and our size limit.</summary>
    private static int RepeatLength(int length, int count)
    {
        if (count < 0) throw new GoFunctionException("strings: negative Repeat count");
        if (count == 0 || length == 0) return 0;
        if ((long)length * count > MaxBuiltString) throw new GoFunctionException("strings: Repeat output length overflow");
        return length * count;
    }

    // The pad width and the indented length (without nindent's newline); the errors of Go's strings.Repeat and our limits.
    private static (int Pad, long Indented) IndentSize(int spaces, ReadOnlySpan<char> v)
    {
        var pad = RepeatLength(1, spaces);
        if (pad == 0) return (0, v.Length);
        var lines = 1L + v.Count('\n');
        long indented = lines * pad + v.Length;
        if (indented > MaxBuiltString) throw new GoFunctionException("strings: Repeat output length overflow");
        return (pad, indented);
    }

    /// <summary>sprig's <c>indent</c> (and, with <paramref name="newlineFirst"/>, <c>nindent</c>), appended to <paramref name="sink"/> (the errors of Go's <c>strings.Repeat</c> are thrown before anything is appended).</summary>
    internal static void IndentTo(int spaces, ReadOnlySpan<char> v, bool newlineFirst, System.Text.StringBuilder sink)
    {
        var (pad, _) = IndentSize(spaces, v);
        if (newlineFirst) sink.Append('\n');
        if (pad == 0) { sink.Append(v); return; }
        var src = v;
        while (true)
        {
            sink.Append(' ', pad);
            int i = src.IndexOf('\n');
            if (i < 0) { sink.Append(src); return; }
            sink.Append(src[..(i + 1)]);
            src = src[(i + 1)..];
        }
    }

    /// <summary>Go's <c>strings.Replace(s, old, new, -1)</c> (an empty <paramref name="old"/> inserts between every rune).</summary>
    internal static string ReplaceAll(string s, string old, string @new)
    {
        if (old.Length != 0) return s.Replace(old, @new, StringComparison.Ordinal);
        var sb = new StringBuilder(s.Length + (s.Length + 1) * @new.Length);
        sb.Append(@new);
        foreach (var rune in s.EnumerateRunes()) { sb.Append(rune.ToString()); sb.Append(@new); }
        return sb.ToString();
    }

    private static string TrimCutset(string s, string cutset)
    {
        if (s.Length == 0 || cutset.Length == 0) return s;
        var set = new HashSet<int>();
        foreach (var r in cutset.EnumerateRunes()) set.Add(r.Value);
        var start = 0;
        while (start < s.Length)
        {
            Rune.DecodeFromUtf16(s.AsSpan(start), out var r, out var n);
            if (!set.Contains(r.Value)) break;
            start += n;
        }
        var end = s.Length;
        while (end > start)
        {
            Rune.DecodeLastFromUtf16(s.AsSpan(start, end - start), out var r, out var n);
            if (!set.Contains(r.Value)) break;
            end -= n;
        }
        return s[start..end];
    }

    // goutils.DeleteWhiteSpace works byte by byte: every kept byte is written as the rune of the same value
    // (so non-ASCII text comes out as Latin-1 mojibake, and the 0x85/0xA0 bytes of UTF-8 sequences are dropped).
    private static string NoSpace(string s)
    {
        var bytes = HelmSharp.Go.GoUtf8.GetBytes(s);
        var sb = new StringBuilder(bytes.Length);
        var count = 0;
        foreach (var b in bytes)
        {
            if (GoUnicode.IsSpace(b)) continue;
            sb.Append((char)b);
            count++;
        }
        return count == bytes.Length ? s : sb.ToString();
    }

    private static bool IsTitleSeparator(Rune r)
    {
        var v = r.Value;
        if (v <= 0x7F)
            return !(v is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_');
        if (Rune.IsLetter(r) || Rune.GetUnicodeCategory(r) == UnicodeCategory.DecimalDigitNumber) return false;
        return GoUnicode.IsSpace(v);
    }

    /// <summary>Go's <c>strings.ToUpper</c> (Unicode simple case mapping).</summary>
    internal static string GoToUpper(string s)
    {
        if (Ascii.IsValid(s)) return s.ToUpperInvariant();
        var sb = new StringBuilder(s.Length);
        foreach (var r in s.EnumerateRunes()) sb.Append(Rune.ToUpperInvariant(r).ToString());
        return sb.ToString();
    }

    /// <summary>Go's <c>strings.ToLower</c> (Unicode simple case mapping; U+0130 → i).</summary>
    internal static string GoToLower(string s)
    {
        if (Ascii.IsValid(s)) return s.ToLowerInvariant();
        var sb = new StringBuilder(s.Length);
        foreach (var r in s.EnumerateRunes()) sb.Append(r.Value == 0x130 ? "i" : Rune.ToLowerInvariant(r).ToString());
        return sb.ToString();
    }

    // unicode.ToTitle: the upper-case mapping except for the Latin digraphs, which have title forms.
    private static Rune GoToTitle(Rune r) => r.Value switch
    {
        >= 0x1C4 and <= 0x1C6 => new Rune(0x1C5),
        >= 0x1C7 and <= 0x1C9 => new Rune(0x1C8),
        >= 0x1CA and <= 0x1CC => new Rune(0x1CB),
        >= 0x1F1 and <= 0x1F3 => new Rune(0x1F2),
        _ => Rune.ToUpperInvariant(r),
    };

    internal static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var prev = new Rune(' ');
        foreach (var r in s.EnumerateRunes())
        {
            sb.Append((IsTitleSeparator(prev) ? GoToTitle(r) : r).ToString());
            prev = r;
        }
        return sb.ToString();
    }

    private static string Untitle(string s)
    {
        var sb = new StringBuilder(s.Length);
        var next = true;
        foreach (var r in s.EnumerateRunes())
        {
            if (GoUnicode.IsSpace(r.Value)) { next = true; sb.Append(r.ToString()); }
            else if (next) { sb.Append(Rune.ToLowerInvariant(r).ToString()); next = false; }
            else sb.Append(r.ToString());
        }
        return sb.ToString();
    }

    // goutils.Initials walks the string byte by byte (each byte taken as the rune of the same value).
    private static string Initials(string s)
    {
        var sb = new StringBuilder();
        var gap = true;
        foreach (var b in HelmSharp.Go.GoUtf8.GetBytes(s))
        {
            if (GoUnicode.IsSpace(b)) gap = true;
            else if (gap) { sb.Append((char)b); gap = false; }
        }
        return sb.ToString();
    }

    private static string SwapCase(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            var cat = Rune.GetUnicodeCategory(r);
            if (cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter) sb.Append(Rune.ToLowerInvariant(r).ToString());
            else if (cat == UnicodeCategory.LowercaseLetter) sb.Append(Rune.ToUpperInvariant(r).ToString());
            else sb.Append(r.ToString());
        }
        return sb.ToString();
    }

    private static string Shuffle(string s)
    {
        if (s.Length == 0) return s;
        var runes = new List<Rune>(s.Length);
        foreach (var r in s.EnumerateRunes()) runes.Add(r);
        for (var i = runes.Count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (runes[i], runes[j]) = (runes[j], runes[i]);
        }
        var sb = new StringBuilder(s.Length);
        foreach (var r in runes) sb.Append(r.ToString());
        return sb.ToString();
    }

    private static string RandomString(int count, string alphabet)
    {
        if (count <= 0) return "";
        if (count > MaxBuiltString) throw new GoFunctionException("runtime error: makeslice: len out of range");
        return RandomNumberGenerator.GetString(alphabet, count);
    }

    // goutils WrapCustom, byte based.
    internal static string WrapCustom(string str, int wrapLength, string newLine, bool wrapLongWords)
    {
        if (str.Length == 0) return "";
        if (newLine.Length == 0) newLine = "\n";
        if (wrapLength < 1) wrapLength = 1;
        var bytes = HelmSharp.Go.GoUtf8.GetBytes(str);
        var nl = HelmSharp.Go.GoUtf8.GetBytes(newLine);
        var len = bytes.Length;
        var offset = 0;
        var outBuf = new List<byte>(len + 16);
        while (len - offset > wrapLength)
        {
            if (bytes[offset] == ' ') { offset++; continue; }
            var end = wrapLength + offset + 1;
            if (end > len) end = len;
            var spaceToWrapAt = Array.LastIndexOf(bytes, (byte)' ', end - 1, end - offset);
            if (spaceToWrapAt >= offset)
            {
                AddRange(outBuf, bytes, offset, spaceToWrapAt);
                outBuf.AddRange(nl);
                offset = spaceToWrapAt + 1;
            }
            else if (wrapLongWords)
            {
                AddRange(outBuf, bytes, offset, wrapLength + offset);
                outBuf.AddRange(nl);
                offset += wrapLength;
            }
            else
            {
                var e = wrapLength + offset;
                var idx = Array.IndexOf(bytes, (byte)' ', e);
                if (idx == -1)
                {
                    AddRange(outBuf, bytes, offset, len);
                    offset = len;
                }
                else
                {
                    AddRange(outBuf, bytes, offset, idx);
                    outBuf.AddRange(nl);
                    offset = idx + 1;
                }
            }
        }
        AddRange(outBuf, bytes, offset, len);
        return HelmSharp.Go.GoUtf8.GetString(outBuf.ToArray());
    }

    private static void AddRange(List<byte> dst, byte[] src, int from, int to)
    {
        for (var i = from; i < to; i++) dst.Add(src[i]);
    }

    /// <summary>sprig's <c>quote</c>: each non-nil argument quoted, joined by single spaces (one argument quoted in place).</summary>
    private static void QuoteTo(IFunctionContext _, FunctionArgs args, StringBuilder sink)
    {
        if (args.Length != 1) { sink.Append(JoinNonNil(args.Values, static v => GoStrconv.Quote(SprigValues.Strval(v)))); return; }
        if (args.LastIsPiped) GoStrconv.AppendQuoted(sink, args.Text(0), '"', asciiOnly: false);
        else if (args[0] is { } v) GoStrconv.AppendQuoted(sink, SprigValues.Strval(v), '"', asciiOnly: false);
    }

    private static object? SQuote(object?[] args) => JoinNonNil(args, static v => "'" + (v as string ?? GoFormat.Sprint(v)) + "'");

    private static object? Cat(object?[] args) => JoinNonNil(args, static v => v as string ?? GoFormat.Sprint(v));

    /// <summary>sprig's quote/squote/cat shape: each non-nil argument formatted, joined by single spaces.</summary>
    private static string JoinNonNil(object?[] args, Func<object, string> format)
    {
        string? single = null;
        StringBuilder? sb = null;
        foreach (var v in args)
        {
            if (v is null) continue;
            var text = format(v);
            if (single == null && sb == null) { single = text; continue; }
            sb ??= new StringBuilder(single);
            sb.Append(' ').Append(text);
        }
        return sb?.ToString() ?? single ?? "";
    }

    private static uint Adler32(byte[] data)
    {
        const uint mod = 65521;
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % mod;
            b = (b + a) % mod;
        }
        return (b << 16) | a;
    }

    /// <summary>huandu/xstrings v1.5.0 case conversions.</summary>
    private static class CaseConvert
    {
        private static bool IsConnector(int r) => r == '-' || r == '_' || GoUnicode.IsSpace(r);
        private static bool IsUpper(int r) => r < 0x80 ? r is >= 'A' and <= 'Z' : Rune.IsUpper(new Rune(r));
        private static bool IsAlphabet(int r) => r < 0x80 ? r is >= 'a' and <= 'z' or >= 'A' and <= 'Z' : Rune.IsLetter(new Rune(r));
        private static bool IsNumber(int r) => r < 0x80 ? r is >= '0' and <= '9' : Rune.IsNumber(new Rune(r));
        private static bool IsPunct(int r) => Rune.IsPunctuation(new Rune(r));
        private static int ToUpper(int r) => Rune.ToUpperInvariant(new Rune(r)).Value;
        private static int ToLower(int r) => Rune.ToLowerInvariant(new Rune(r)).Value;

        public static string ToCamel(string str)
        {
            if (str.Length == 0) return "";
            var runes = Runes(str);
            var n = runes.Length;
            var sb = new StringBuilder(str.Length);
            var i = 0;
            while (i < n && IsConnector(runes[i])) Append(sb, runes[i++]);
            if (i == n)
            {
                // xstrings writes the last rune once more when the string holds only connectors
                Append(sb, runes[n - 1]);
                return sb.ToString();
            }
            var wordStart = true;
            var upperRun = false;
            for (var j = i; j < n; j++)
            {
                var r = runes[j];
                if (IsConnector(r))
                {
                    if (j == n - 1 || IsConnector(runes[j + 1])) Append(sb, r);
                    wordStart = true;
                    continue;
                }
                if (wordStart)
                {
                    Append(sb, ToUpper(r));
                    upperRun = IsUpper(r);
                    wordStart = false;
                }
                else if (upperRun && IsUpper(r)) Append(sb, ToLower(r));
                else
                {
                    upperRun = false;
                    Append(sb, r);
                }
            }
            return sb.ToString();
        }

        private enum W { Invalid, Number, Upper, Alphabet, Connector, Punct, Other }

        private static (W wt, int start, int end) NextWord(int[] s, int pos)
        {
            if (pos >= s.Length) return (W.Invalid, pos, pos);
            var r = s[pos];
            var i = pos + 1;
            W wt;
            if (IsConnector(r))
            {
                wt = W.Connector;
                while (i < s.Length && IsConnector(s[i])) i++;
            }
            else if (IsPunct(r))
            {
                wt = W.Punct;
                while (i < s.Length && IsPunct(s[i])) i++;
            }
            else if (IsUpper(r))
            {
                wt = W.Upper;
                if (i < s.Length)
                {
                    var r2 = s[i];
                    if (IsUpper(r2))
                    {
                        i++;
                        while (i < s.Length && IsUpper(s[i])) i++;
                        if (i < s.Length && IsAlphabet(s[i])) i--;
                    }
                    else if (IsAlphabet(r2))
                    {
                        i++;
                        while (i < s.Length && IsAlphabet(s[i]) && !IsUpper(s[i])) i++;
                    }
                }
            }
            else if (IsAlphabet(r))
            {
                wt = W.Alphabet;
                while (i < s.Length && IsAlphabet(s[i]) && !IsUpper(s[i])) i++;
            }
            else if (IsNumber(r))
            {
                wt = W.Number;
                while (i < s.Length && IsNumber(s[i])) i++;
            }
            else
            {
                wt = W.Other;
                while (i < s.Length && !(IsConnector(s[i]) || IsAlphabet(s[i]) || IsNumber(s[i]) || IsPunct(s[i]))) i++;
            }
            return (wt, pos, i);
        }

        private static void ToLowerWord(StringBuilder sb, W wt, int[] s, int start, int end, char connector)
        {
            if (wt != W.Upper && wt != W.Connector)
            {
                for (var k = start; k < end; k++) Append(sb, s[k]);
                return;
            }
            for (var k = start; k < end; k++)
            {
                var r = s[k];
                if (IsConnector(r)) sb.Append(connector);
                else if (IsUpper(r)) Append(sb, ToLower(r));
                else Append(sb, r);
            }
        }

        public static string ToDelimited(string str, char connector)
        {
            if (str.Length == 0) return "";
            var s = Runes(str);
            var sb = new StringBuilder(str.Length + 8);
            var (wt, ws, we) = NextWord(s, 0);
            var pos = we;
            while (pos < s.Length)
            {
                if (wt != W.Connector) ToLowerWord(sb, wt, s, ws, we, connector);
                var prev = wt;
                var (ls, le) = (ws, we);
                (wt, ws, we) = NextWord(s, pos);
                pos = we;
                switch (prev)
                {
                    case W.Number:
                        while (wt is W.Alphabet or W.Number)
                        {
                            ToLowerWord(sb, wt, s, ws, we, connector);
                            (wt, ws, we) = NextWord(s, pos);
                            pos = we;
                        }
                        if (wt is not (W.Invalid or W.Punct or W.Connector)) sb.Append(connector);
                        break;
                    case W.Connector:
                        ToLowerWord(sb, prev, s, ls, le, connector);
                        break;
                    case W.Punct:
                        break;
                    default:
                        if (wt != W.Number)
                        {
                            if (wt is not (W.Connector or W.Punct)) sb.Append(connector);
                            break;
                        }
                        if (pos >= s.Length) break;
                        var (ns, ne) = (ws, we);
                        (wt, ws, we) = NextWord(s, pos);
                        pos = we;
                        if (wt != W.Alphabet)
                        {
                            // a number followed by anything but lower-case letters belongs to the previous word ("Bld4Floor", "v1.2")
                            ToLowerWord(sb, W.Number, s, ns, ne, connector);
                            if (wt is not (W.Invalid or W.Connector or W.Punct)) sb.Append(connector);
                            break;
                        }
                        sb.Append(connector);
                        ToLowerWord(sb, W.Number, s, ns, ne, connector);
                        while (wt is W.Alphabet or W.Number)
                        {
                            ToLowerWord(sb, wt, s, ws, we, connector);
                            (wt, ws, we) = NextWord(s, pos);
                            pos = we;
                        }
                        if (wt is not (W.Invalid or W.Connector or W.Punct)) sb.Append(connector);
                        break;
                }
            }
            ToLowerWord(sb, wt, s, ws, we, connector);
            return sb.ToString();
        }

        private static int[] Runes(string s)
        {
            var list = new List<int>(s.Length);
            foreach (var r in s.EnumerateRunes()) list.Add(r.Value);
            return list.ToArray();
        }

        private static void Append(StringBuilder sb, int r) => sb.Append(new Rune(r).ToString());
    }
}
