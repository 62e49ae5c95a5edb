using System.Collections;
using System.Globalization;
using System.Text;
using HelmSharp.Go;

namespace HelmSharp.Json;

/// <summary>
/// Go's <c>encoding/json</c> over the Go value model: <c>Marshal</c> (HTML-escaping, sorted keys,
/// Go float format), <c>MarshalIndent</c>, and decoding into <c>interface{}</c> (objects →
/// <c>Dictionary&lt;string, object?&gt;</c>, arrays → <c>object?[]</c>, numbers → <c>double</c>) with
/// Go's exact error messages.
/// </summary>
internal static partial class GoJson
{
    /// <summary>Go's nesting limit for decoding (<c>maxNestingDepth</c>) and our cap for encoding.</summary>
    public const int MaxDepth = 10000;

    /// <summary><c>json.Marshal</c>; throws <see cref="GoJsonException"/> with Go's message.</summary>
    /// <param name="value">The Go value.</param>
    /// <param name="escapeHtml">False gives an <c>Encoder</c> with <c>SetEscapeHTML(false)</c> (without its trailing newline).</param>
    public static string Marshal(object? value, bool escapeHtml = true)
    {
        if (!StackGuard.OnBigStack) return StackGuard.Run((value, escapeHtml), static a => Marshal(a.value, a.escapeHtml));
        var sb = new StringBuilder(64);
        MarshalTo(value, sb, escapeHtml);
        return sb.ToString();
    }

    /// <summary>Appends what <see cref="Marshal"/> returns to <paramref name="sink"/>; on error nothing stays appended and the error is thrown.</summary>
    internal static void MarshalTo(object? value, StringBuilder sink, bool escapeHtml = true)
    {
        int start = sink.Length;
        try { new Encoder(sink, escapeHtml, null, "").Write(value, 0); }
        catch
        {
            sink.Length = start;
            throw;
        }
    }

    /// <summary><c>json.MarshalIndent(v, "", indent)</c>.</summary>
    public static string MarshalIndent(object? value, string indent, bool escapeHtml = true) =>
        MarshalIndent(value, "", indent, escapeHtml);

    /// <summary><c>json.MarshalIndent(v, prefix, indent)</c>.</summary>
    public static string MarshalIndent(object? value, string prefix, string indent, bool escapeHtml)
    {
        if (!StackGuard.OnBigStack)
            return StackGuard.Run((value, prefix, indent, escapeHtml), static a => MarshalIndent(a.value, a.prefix, a.indent, a.escapeHtml));
        var sb = new StringBuilder(64);
        new Encoder(sb, escapeHtml, indent, prefix).Write(value, 0);
        return sb.ToString();
    }

    /// <summary><c>json.Unmarshal</c> into <c>interface{}</c> (objects → map[string]interface{}, numbers → float64).</summary>
    public static object? Unmarshal(string json)
    {
        if (!StackGuard.OnBigStack) return StackGuard.Run(json, static j => Unmarshal(j));
        var p = new Parser(json, stream: false);
        var v = p.ParseDocument();
        return v;
    }

    /// <summary>
    /// <c>json.Unmarshal</c> into a <c>map[string]interface{}</c> variable: JSON null gives null (a nil
    /// map), any other non-object gives Go's <c>json: cannot unmarshal array into Go value of type
    /// map[string]interface {}</c>.
    /// </summary>
    public static Dictionary<string, object?>? UnmarshalObject(string json)
    {
        var v = Unmarshal(json, out string? topKind);
        if (topKind == "null") return null;
        if (v is Dictionary<string, object?> d) return d;
        throw new GoJsonException("json: cannot unmarshal " + topKind + " into Go value of type map[string]interface {}");
    }

    /// <summary><c>json.Unmarshal</c> into a <c>[]interface{}</c> variable (null → nil slice).</summary>
    public static object?[]? UnmarshalArray(string json)
    {
        var v = Unmarshal(json, out string? topKind);
        if (topKind == "null") return null;
        if (v is object?[] a) return a;
        throw new GoJsonException("json: cannot unmarshal " + topKind + " into Go value of type []interface {}");
    }

    private static object? Unmarshal(string json, out string? topKind)
    {
        if (!StackGuard.OnBigStack)
        {
            var (value, kind) = StackGuard.Run(json, static j => (Unmarshal(j, out var k), k));
            topKind = kind;
            return value;
        }
        var p = new Parser(json, stream: false) { TypeCheckTop = true };
        var v = p.ParseDocument();
        topKind = p.TopKind;
        return v;
    }

    /// <summary>
    /// Decodes the first JSON value of <paramref name="s"/> the way a <c>json.Decoder</c> does
    /// (leading whitespace skipped, the value may be followed by anything), and reports in
    /// <paramref name="consumed"/> the decoder's <c>InputOffset()</c> after it. Errors: Go's syntax
    /// messages, <c>unexpected EOF</c> for a truncated value, <c>EOF</c> for empty input.
    /// </summary>
    public static object? DecodeFirst(string s, out int consumed)
    {
        if (!StackGuard.OnBigStack)
        {
            var (value, n) = StackGuard.Run(s, static text => (DecodeFirst(text, out var c), c));
            consumed = n;
            return value;
        }
        var p = new Parser(s, stream: true);
        var v = p.ParseFirst(out consumed);
        return v;
    }

    // ================================================================== encoder

    private sealed class Encoder(StringBuilder sb, bool escapeHtml, string? indent, string prefix)
    {
        private void Newline(int depth)
        {
            sb.Append('\n').Append(prefix);
            for (int i = 0; i < depth; i++) sb.Append(indent);
        }

        public void Write(object? v, int depth)
        {
            if (depth > MaxDepth || ((depth & 31) == 31 && !StackGuard.Check()))
                throw new GoJsonException("json: unsupported value: encountered a cycle or nesting too deep");
            switch (v)
            {
                case null: sb.Append("null"); return;
                case string s: WriteString(sb, s, escapeHtml); return;
                case bool b: sb.Append(b ? "true" : "false"); return;
                case double d: WriteFloat(d, 64); return;
                case float f: WriteFloat(f, 32); return;
                case nint n: sb.Append((long)n); return;
                case long l: sb.Append(l); return;
                case int i: sb.Append(i); return;
                case short sh: sb.Append(sh); return;
                case sbyte sbt: sb.Append(sbt); return;
                case nuint un: sb.Append((ulong)un); return;
                case ulong ul: sb.Append(ul); return;
                case uint ui: sb.Append(ui); return;
                case ushort us: sb.Append(us); return;
                case byte by: sb.Append(by); return;
                case byte[] bytes: sb.Append('"').Append(Convert.ToBase64String(bytes)).Append('"'); return;
                case GoJsonRaw raw: WriteRaw(raw.Json, depth); return;
                case IGoJsonMarshaler m: Write(m.ToJsonValue(), depth + 1); return;
                case GoJsonObject obj: WriteObject(obj, depth); return;
                case Dictionary<string, object?> map: WriteMap(map, depth); return;
                case object?[] arr: WriteArray(arr, depth); return;
                case IDictionary dict: WriteDict(dict, depth); return;
                case IList list: WriteList(list, depth); return;
                case IGoStruct st:
                {
                    var o = new GoJsonObject();
                    foreach (var f in st.Fields) o.Add(f);
                    WriteObject(o, depth);
                    return;
                }
                case IGoStringer str when GoType.Of(v)?.Kind == GoKind.String:
                    WriteString(sb, str.GoString(), escapeHtml);
                    return;
            }
            throw new GoJsonException("json: unsupported type: " + GoFormat.TypeName(v));
        }

        private void WriteFloat(double f, int bits)
        {
            if (double.IsNaN(f) || double.IsInfinity(f))
                throw new GoJsonException("json: unsupported value: " + GoStrconv.FormatFloat(f, 'g', -1, bits));
            double abs = Math.Abs(f);
            char fmt = 'f';
            if (abs != 0)
            {
                if (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && ((float)abs < 1e-6f || (float)abs >= 1e21f)) fmt = 'e';
            }
            int start = sb.Length;
            GoStrconv.AppendFloat(sb, f, fmt, -1, bits);
            if (fmt == 'e')
            {
                int n = sb.Length - start;
                if (n >= 4 && sb[sb.Length - 4] == 'e' && sb[sb.Length - 3] == '-' && sb[sb.Length - 2] == '0')
                {
                    sb[sb.Length - 2] = sb[sb.Length - 1];
                    sb.Length--;
                }
            }
        }

        private void WriteMap(Dictionary<string, object?> map, int depth)
        {
            if (map.Count == 0) { sb.Append("{}"); return; }
            var keys = new string[map.Count];
            map.Keys.CopyTo(keys, 0);
            Array.Sort(keys, GoSort.CompareStrings);
            sb.Append('{');
            for (int i = 0; i < keys.Length; i++)
            {
                if (i > 0) sb.Append(',');
                if (indent != null) Newline(depth + 1);
                WriteString(sb, keys[i], escapeHtml);
                sb.Append(indent != null ? ": " : ":");
                Write(map[keys[i]], depth + 1);
            }
            if (indent != null) Newline(depth);
            sb.Append('}');
        }

        private void WriteDict(IDictionary dict, int depth)
        {
            if (dict.Count == 0) { sb.Append("{}"); return; }
            var entries = new List<(string Key, object? Value)>(dict.Count);
            foreach (DictionaryEntry e in dict)
            {
                string key = e.Key switch
                {
                    string s => s,
                    nint or long or int or short or sbyte or nuint or ulong or uint or ushort or byte =>
                        Convert.ToString(e.Key, CultureInfo.InvariantCulture)!,
                    IGoStringer st => st.GoString(),
                    _ => throw new GoJsonException("json: unsupported type: " + GoFormat.TypeName(dict)),
                };
                entries.Add((key, e.Value));
            }
            entries.Sort((a, b) => GoSort.CompareStrings(a.Key, b.Key));
            sb.Append('{');
            for (int i = 0; i < entries.Count; i++)
            {
                if (i > 0) sb.Append(',');
                if (indent != null) Newline(depth + 1);
                WriteString(sb, entries[i].Key, escapeHtml);
                sb.Append(indent != null ? ": " : ":");
                Write(entries[i].Value, depth + 1);
            }
            if (indent != null) Newline(depth);
            sb.Append('}');
        }

        private void WriteObject(GoJsonObject obj, int depth)
        {
            if (obj.Count == 0) { sb.Append("{}"); return; }
            sb.Append('{');
            for (int i = 0; i < obj.Count; i++)
            {
                if (i > 0) sb.Append(',');
                if (indent != null) Newline(depth + 1);
                WriteString(sb, obj[i].Key, escapeHtml);
                sb.Append(indent != null ? ": " : ":");
                Write(obj[i].Value, depth + 1);
            }
            if (indent != null) Newline(depth);
            sb.Append('}');
        }

        private void WriteArray(object?[] arr, int depth)
        {
            if (arr.Length == 0) { sb.Append("[]"); return; }
            sb.Append('[');
            for (int i = 0; i < arr.Length; i++)
            {
                if (i > 0) sb.Append(',');
                if (indent != null) Newline(depth + 1);
                Write(arr[i], depth + 1);
            }
            if (indent != null) Newline(depth);
            sb.Append(']');
        }

        private void WriteList(IList list, int depth)
        {
            if (list.Count == 0) { sb.Append("[]"); return; }
            sb.Append('[');
            for (int i = 0; i < list.Count; i++)
            {
                if (i > 0) sb.Append(',');
                if (indent != null) Newline(depth + 1);
                Write(list[i], depth + 1);
            }
            if (indent != null) Newline(depth);
            sb.Append(']');
        }

        private void WriteRaw(string json, int depth)
        {
            // A MarshalJSON result: validated and compacted (then re-indented) as Go does.
            object? v;
            try { v = Unmarshal(json); }
            catch (GoJsonException e) { throw new GoJsonException("json: error calling MarshalJSON for type json.RawMessage: " + e.Message); }
            Write(v, depth);
        }
    }

    /// <summary>Appends a JSON string literal as Go's encoder writes it.</summary>
    internal static void WriteString(StringBuilder sb, string s, bool escapeHtml)
    {
        const string hex = "0123456789abcdef";
        sb.Append('"');
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x80)
            {
                if (c >= 0x20 && c != '"' && c != '\\' && (!escapeHtml || (c != '<' && c != '>' && c != '&'))) continue;
                if (start < i) sb.Append(s, start, i - start);
                sb.Append('\\');
                switch (c)
                {
                    case '\\': case '"': sb.Append(c); break;
                    case '\b': sb.Append('b'); break;
                    case '\f': sb.Append('f'); break;
                    case '\n': sb.Append('n'); break;
                    case '\r': sb.Append('r'); break;
                    case '\t': sb.Append('t'); break;
                    default: sb.Append("u00").Append(hex[c >> 4]).Append(hex[c & 0xF]); break;
                }
                start = i + 1;
                continue;
            }
            if (c == '\u2028' || c == '\u2029')
            {
                if (start < i) sb.Append(s, start, i - start);
                sb.Append("\\u202").Append(hex[c & 0xF]);
                start = i + 1;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                if (start < i) sb.Append(s, start, i - start);
                sb.Append("\\ufffd");
                start = i + 1;
            }
        }
        if (start < s.Length) sb.Append(s, start, s.Length - start);
        sb.Append('"');
    }

    // ================================================================== decoder

    private sealed class Parser(string s, bool stream)
    {
        private int _pos;
        private int _depth;
        public bool TypeCheckTop;
        public string? TopKind;
        private string? _deferredError;

        private GoJsonException Err(string msg) => msg.StartsWith("invalid character ", StringComparison.Ordinal)
            ? new(msg, System.Text.Encoding.UTF8.GetByteCount(s.AsSpan(0, Math.Min(_pos + 1, s.Length))))
            : new(msg);

        private static string QuoteChar(string s, int pos)
        {
            // Go's scanner works on bytes: report the first UTF-8 byte as a rune.
            int c;
            if (pos >= s.Length) c = ' ';
            else
            {
                char ch = s[pos];
                if (ch < 0x80) c = ch;
                else
                {
                    Span<byte> buf = stackalloc byte[4];
                    int n = char.IsHighSurrogate(ch) && pos + 1 < s.Length
                        ? Encoding.UTF8.GetBytes(s.AsSpan(pos, 2), buf)
                        : Encoding.UTF8.GetBytes(s.AsSpan(pos, 1), buf);
                    c = n > 0 ? buf[0] : 0xEF;
                }
            }
            if (c == '\'') return "'\\''";
            if (c == '"') return "'\"'";
            var q = GoStrconv.Quote(((char)c).ToString());
            return "'" + q[1..^1] + "'";
        }

        private GoJsonException Invalid(string context) =>
            _pos >= s.Length
                ? (stream ? Err("unexpected EOF") : Err("invalid character ' ' " + context))
                : Err("invalid character " + QuoteChar(s, _pos) + " " + context);

        private GoJsonException UnexpectedEnd() => Err(stream ? "unexpected EOF" : "unexpected end of JSON input");

        private static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';

        private void SkipSpace()
        {
            while (_pos < s.Length && IsSpace(s[_pos])) _pos++;
        }

        public object? ParseDocument()
        {
            SkipSpace();
            if (_pos >= s.Length) throw UnexpectedEnd();
            var v = ParseValue(top: true);
            SkipSpace();
            if (_pos < s.Length) throw Err("invalid character " + QuoteChar(s, _pos) + " after top-level value");
            if (TypeCheckTop) return v;
            if (_deferredError != null) throw Err(_deferredError);
            return v;
        }

        public object? ParseFirst(out int consumed)
        {
            SkipSpace();
            if (_pos >= s.Length) throw Err("EOF");
            var v = ParseValue(top: true);
            consumed = _pos;
            if (_deferredError != null) throw Err(_deferredError);
            return v;
        }

        private object? ParseValue(bool top = false)
        {
            if ((_depth & 31) == 31 && !StackGuard.Check())
                throw Err("invalid character " + QuoteChar(s, _pos) + " exceeded max depth");
            if (_pos >= s.Length) throw UnexpectedEnd();
            char c = s[_pos];
            switch (c)
            {
                case '{':
                    if (top) TopKind = "object";
                    if (++_depth > MaxDepth) throw Err("invalid character '{' exceeded max depth");
                    _pos++;
                    var obj = ParseObject();
                    _depth--;
                    return obj;
                case '[':
                    if (top) TopKind = "array";
                    if (++_depth > MaxDepth) throw Err("invalid character '[' exceeded max depth");
                    _pos++;
                    var arr = ParseArray();
                    _depth--;
                    return arr;
                case '"':
                    if (top) TopKind = "string";
                    return ParseString();
                case 't':
                    if (top) TopKind = "bool";
                    ExpectLiteral("true");
                    return true;
                case 'f':
                    if (top) TopKind = "bool";
                    ExpectLiteral("false");
                    return false;
                case 'n':
                    if (top) TopKind = "null";
                    ExpectLiteral("null");
                    return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        if (top) TopKind = "number";
                        return ParseNumber();
                    }
                    throw Err("invalid character " + QuoteChar(s, _pos) + " looking for beginning of value");
            }
        }

        private void ExpectLiteral(string lit)
        {
            _pos++;
            for (int i = 1; i < lit.Length; i++)
            {
                if (_pos >= s.Length || s[_pos] != lit[i])
                    throw Invalid("in literal " + lit + " (expecting '" + lit[i] + "')");
                _pos++;
            }
        }

        private object ParseNumber()
        {
            int start = _pos;
            if (s[_pos] == '-')
            {
                _pos++;
                if (_pos >= s.Length || s[_pos] < '0' || s[_pos] > '9') throw Invalid("in numeric literal");
            }
            if (s[_pos] == '0') _pos++;
            else while (_pos < s.Length && s[_pos] >= '0' && s[_pos] <= '9') _pos++;
            if (_pos < s.Length && s[_pos] == '.')
            {
                _pos++;
                if (_pos >= s.Length || s[_pos] < '0' || s[_pos] > '9') throw Invalid("after decimal point in numeric literal");
                while (_pos < s.Length && s[_pos] >= '0' && s[_pos] <= '9') _pos++;
            }
            if (_pos < s.Length && (s[_pos] == 'e' || s[_pos] == 'E'))
            {
                _pos++;
                if (_pos < s.Length && (s[_pos] == '+' || s[_pos] == '-')) _pos++;
                if (_pos >= s.Length || s[_pos] < '0' || s[_pos] > '9') throw Invalid("in exponent of numeric literal");
                while (_pos < s.Length && s[_pos] >= '0' && s[_pos] <= '9') _pos++;
            }
            var text = s.AsSpan(start, _pos - start);
            double d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(d))
            {
                _deferredError ??= "json: cannot unmarshal number " + text.ToString() + " into Go value of type float64";
                return 0d;
            }
            return d;
        }

        private string ParseString()
        {
            _pos++; // opening quote
            int start = _pos;
            StringBuilder? sb = null;
            while (true)
            {
                if (_pos >= s.Length) throw UnexpectedEnd();
                char c = s[_pos];
                if (c == '"')
                {
                    string result;
                    if (sb == null) result = s.Substring(start, _pos - start);
                    else { sb.Append(s, start, _pos - start); result = sb.ToString(); }
                    _pos++;
                    return result;
                }
                if (c < 0x20) throw Err("invalid character " + QuoteChar(s, _pos) + " in string literal");
                if (char.IsSurrogate(c))
                {
                    if (char.IsHighSurrogate(c) && _pos + 1 < s.Length && char.IsLowSurrogate(s[_pos + 1])) { _pos += 2; continue; }
                    sb ??= new StringBuilder();
                    sb.Append(s, start, _pos - start).Append('\uFFFD');
                    _pos++;
                    start = _pos;
                    continue;
                }
                if (c != '\\') { _pos++; continue; }
                sb ??= new StringBuilder();
                sb.Append(s, start, _pos - start);
                _pos++;
                if (_pos >= s.Length) throw stream ? UnexpectedEnd() : Err("invalid character ' ' in string escape code");
                char e = s[_pos];
                switch (e)
                {
                    case '"': case '\\': case '/': sb.Append(e); _pos++; break;
                    case 'b': sb.Append('\b'); _pos++; break;
                    case 'f': sb.Append('\f'); _pos++; break;
                    case 'n': sb.Append('\n'); _pos++; break;
                    case 'r': sb.Append('\r'); _pos++; break;
                    case 't': sb.Append('\t'); _pos++; break;
                    case 'u':
                    {
                        _pos++;
                        int r = ReadHex4();
                        if (r >= 0xD800 && r < 0xDC00)
                        {
                            // try a low surrogate escape
                            if (_pos + 1 < s.Length && s[_pos] == '\\' && s[_pos + 1] == 'u')
                            {
                                int save = _pos;
                                _pos += 2;
                                int r2 = ReadHex4();
                                if (r2 >= 0xDC00 && r2 < 0xE000)
                                {
                                    sb.Append((char)r).Append((char)r2);
                                    break;
                                }
                                _pos = save;
                            }
                            sb.Append('\uFFFD');
                        }
                        else if (r >= 0xDC00 && r < 0xE000) sb.Append('\uFFFD');
                        else sb.Append((char)r);
                        break;
                    }
                    default:
                        throw Err("invalid character " + QuoteChar(s, _pos) + " in string escape code");
                }
                start = _pos;
            }
        }

        private int ReadHex4()
        {
            int r = 0;
            for (int i = 0; i < 4; i++)
            {
                if (_pos >= s.Length)
                {
                    if (stream) throw Err("unexpected EOF");
                    throw Err("invalid character ' ' in \\u hexadecimal character escape");
                }
                char h = s[_pos];
                int d;
                if (h >= '0' && h <= '9') d = h - '0';
                else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f') d = (h | 0x20) - 'a' + 10;
                else throw Err("invalid character " + QuoteChar(s, _pos) + " in \\u hexadecimal character escape");
                r = r * 16 + d;
                _pos++;
            }
            return r;
        }

        private Dictionary<string, object?> ParseObject()
        {
            var d = new Dictionary<string, object?>(StringComparer.Ordinal);
            SkipSpace();
            if (_pos >= s.Length) throw UnexpectedEnd();
            if (s[_pos] == '}') { _pos++; return d; }
            while (true)
            {
                SkipSpace();
                if (_pos >= s.Length) throw UnexpectedEnd();
                if (s[_pos] != '"') throw Err("invalid character " + QuoteChar(s, _pos) + " looking for beginning of object key string");
                string key = ParseString();
                SkipSpace();
                if (_pos >= s.Length) throw UnexpectedEnd();
                if (s[_pos] != ':') throw Err("invalid character " + QuoteChar(s, _pos) + " after object key");
                _pos++;
                SkipSpace();
                if (_pos >= s.Length) throw UnexpectedEnd();
                d[key] = ParseValue();
                SkipSpace();
                if (_pos >= s.Length) throw UnexpectedEnd();
                char c = s[_pos];
                if (c == ',') { _pos++; continue; }
                if (c == '}') { _pos++; return d; }
                throw Err("invalid character " + QuoteChar(s, _pos) + " after object key:value pair");
            }
        }

        private object?[] ParseArray()
        {
            var list = new List<object?>();
            SkipSpace();
            if (_pos >= s.Length) throw UnexpectedEnd();
            if (s[_pos] == ']') { _pos++; return []; }
            while (true)
            {
                SkipSpace();
                if (_pos >= s.Length) throw UnexpectedEnd();
                list.Add(ParseValue());
                SkipSpace();
                if (_pos >= s.Length) throw UnexpectedEnd();
                char c = s[_pos];
                if (c == ',') { _pos++; continue; }
                if (c == ']') { _pos++; return list.ToArray(); }
                throw Err("invalid character " + QuoteChar(s, _pos) + " after array element");
            }
        }
    }
}

/// <summary>A JSON encode/decode error carrying Go's exact message.</summary>
internal class GoJsonException(string message) : HelmSharpException(message)
{
    /// <summary>A syntax error with Go's <c>SyntaxError.Offset</c>: the bytes read up to and including the offending one.</summary>
    public GoJsonException(string message, long offset) : this(message) => Offset = offset;

    /// <summary>For a syntax error, Go's <c>SyntaxError.Offset</c>; otherwise null.</summary>
    public long? Offset { get; }
}

internal static partial class GoJson
{
    /// <summary>
    /// The plain Go value (maps, slices, strings, numbers, bools, nil) that <paramref name="m"/>'s
    /// JSON form decodes to — what the YAML layer's JSON round trip sees.
    /// </summary>
    public static object? PlainJsonValue(IGoJsonMarshaler m) => StackGuard.Run(m, static v => Plain(v.ToJsonValue(), 0));

    private static object? Plain(object? v, int depth)
    {
        if (depth > MaxPlainDepth) throw new GoJsonException("json: exceeded max depth");
        switch (v)
        {
            case GoJsonObject o:
                var d = new Dictionary<string, object?>(o.Count, StringComparer.Ordinal);
                foreach (var kv in o) d[kv.Key] = Plain(kv.Value, depth + 1);
                return d;
            case GoJsonRaw raw: return Unmarshal(raw.Json);
            case IGoJsonMarshaler inner: return Plain(inner.ToJsonValue(), depth + 1);
            case object?[] a when a.GetType() == typeof(object[]):
                var r = new object?[a.Length];
                for (int i = 0; i < a.Length; i++) r[i] = Plain(a[i], depth + 1);
                return r;
            default: return v;
        }
    }

    private const int MaxPlainDepth = 10000;
}

/// <summary>An ordered JSON object (a struct's fields in declaration order, already named by their json tags).</summary>
internal sealed class GoJsonObject : List<KeyValuePair<string, object?>>
{
    /// <summary>Adds a field.</summary>
    public void Add(string name, object? value) => Add(new KeyValuePair<string, object?>(name, value));
}

/// <summary>Literal JSON text (like a <c>MarshalJSON</c> result or <c>json.RawMessage</c>); validated and compacted on output.</summary>
internal sealed record GoJsonRaw(string Json);
