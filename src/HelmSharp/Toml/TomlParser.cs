using System.Globalization;
using System.Text;
using HelmSharp.Go;

namespace HelmSharp.Toml;

/// <summary>A TOML 1.0 parser producing Go values the way BurntSushi/toml decodes into interface{}.</summary>
internal sealed class TomlParser(string src, int helmMajor = 4)
{
    private const int MaxDepth = 1000;

    private sealed class ArrayOfTables : List<Dictionary<string, object?>>;

    private int _pos;
    private readonly Dictionary<string, object?> _root = new(StringComparer.Ordinal);
    private readonly HashSet<object> _explicit = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _inline = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _dotted = new(ReferenceEqualityComparer.Instance);
    private List<string> _currentPath = new();
    private string? _lastKey;
    private List<string> _lastKeyParts = new();

    public Dictionary<string, object?> Parse()
    {
        var current = _root;
        while (true)
        {
            SkipWs();
            if (_pos >= src.Length) break;
            char c = src[_pos];
            if (c == '\n') { _pos++; continue; }
            if (c == '\r' && Peek(1) == '\n') { _pos += 2; continue; }
            if (c == '#') { SkipComment(); continue; }
            if (c == '[')
            {
                if (Peek(1) == '[') { _pos += 2; current = ArrayTableHeader(); }
                else { _pos++; current = TableHeader(); }
            }
            else
            {
                KeyValue(current, _currentPath, top: true);
            }
            ExpectEol();
        }
        return (Dictionary<string, object?>)Finish(_root, 0)!;
    }

    private object? Finish(object? v, int depth)
    {
        if (depth > MaxDepth) throw Error("nesting too deep");
        switch (v)
        {
            case Dictionary<string, object?> d:
                foreach (var k in d.Keys.ToArray()) d[k] = Finish(d[k], depth + 1);
                return d;
            case ArrayOfTables aot:
            {
                var arr = new Dictionary<string, object?>[aot.Count];
                for (int i = 0; i < aot.Count; i++) arr[i] = (Dictionary<string, object?>)Finish(aot[i], depth + 1)!;
                return arr;
            }
            default: return v;
        }
    }

    private char Peek(int n) => _pos + n < src.Length ? src[_pos + n] : '\0';

    private int Line()
    {
        int line = 1;
        for (int i = 0; i < _pos && i < src.Length; i++) if (src[i] == '\n') line++;
        return line;
    }

    private GoTomlException Error(string msg)
    {
        // helm 3.17's BurntSushi reports lexer errors at end of input one line early.
        int line = Line();
        if (helmMajor < 4 && _pos >= src.Length && (msg.StartsWith("unexpected EOF", StringComparison.Ordinal) || msg.Contains("'\\x00'", StringComparison.Ordinal))) line--;
        var sb = new StringBuilder("toml: line ").Append(line);
        if (_lastKey != null) sb.Append(" (last key ").Append(GoStrconv.Quote(_lastKey)).Append(')');
        sb.Append(": ").Append(msg);
        return new GoTomlException(sb.ToString());
    }

    private static string QuoteRune(char c) => GoStrconv.QuoteRune(c);

    private void SkipWs()
    {
        while (_pos < src.Length && (src[_pos] == ' ' || src[_pos] == '\t')) _pos++;
    }

    private void SkipComment()
    {
        while (_pos < src.Length && src[_pos] != '\n') _pos++;
    }

    private void SkipWsNewlinesComments()
    {
        while (_pos < src.Length)
        {
            char c = src[_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { _pos++; continue; }
            if (c == '#') { SkipComment(); continue; }
            break;
        }
    }

    private void ExpectEol()
    {
        SkipWs();
        if (_pos >= src.Length) return;
        char c = src[_pos];
        if (c == '#') { SkipComment(); return; }
        if (c == '\n') { _pos++; return; }
        if (c == '\r' && Peek(1) == '\n') { _pos += 2; return; }
        _lastKey = null;
        throw Error("expected a top-level item to end with a newline, comment, or EOF, but got " + QuoteRune(c) + " instead");
    }

    private static string PathString(IEnumerable<string> parts)
    {
        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            if (sb.Length > 0) sb.Append('.');
            bool bare = p.Length > 0;
            foreach (char c in p) if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-')) { bare = false; break; }
            sb.Append(bare ? p : GoStrconv.Quote(p));
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------------ keys

    private List<string> ParseKey(char terminator)
    {
        var parts = new List<string>();
        while (true)
        {
            SkipWs();
            if (_pos >= src.Length) throw Error("unexpected EOF; expected key name");
            char c = src[_pos];
            if (c == '"') parts.Add(ParseBasicString());
            else if (c == '\'') parts.Add(ParseLiteralString());
            else
            {
                int start = _pos;
                while (_pos < src.Length && (char.IsAsciiLetterOrDigit(src[_pos]) || src[_pos] == '_' || src[_pos] == '-')) _pos++;
                if (_pos == start)
                {
                    if (c == '=' ) throw Error("unexpected '=': key name appears blank");
                    if (terminator == ']') throw Error("expected '.' or ']' to end table name, but got " + QuoteRune(_pos < src.Length ? c : '\0') + " instead");
                    throw Error("bare keys cannot contain " + QuoteRune(c));
                }
                parts.Add(src.Substring(start, _pos - start));
            }
            SkipWs();
            if (_pos < src.Length && src[_pos] == '.') { _pos++; continue; }
            return parts;
        }
    }

    // ------------------------------------------------------------------ tables

    private Dictionary<string, object?> Navigate(List<string> parts, int count, bool header)
    {
        var t = _root;
        for (int i = 0; i < count; i++)
        {
            var k = parts[i];
            if (!t.TryGetValue(k, out var existing))
            {
                var nt = new Dictionary<string, object?>(StringComparer.Ordinal);
                t[k] = nt;
                t = nt;
                continue;
            }
            switch (existing)
            {
                case ArrayOfTables aot: t = aot[^1]; break;
                case Dictionary<string, object?> d when !_inline.Contains(d): t = d; break;
                default:
                    _lastKey = PathString(parts.Take(i + 1));
                    throw Error("Key '" + PathString(parts.Take(i + 1)) + "' has already been defined.");
            }
        }
        _ = header;
        return t;
    }

    private Dictionary<string, object?> TableHeader()
    {
        var parts = ParseKey(']');
        if (_pos >= src.Length || src[_pos] != ']')
            throw Error("expected '.' or ']' to end table name, but got " + QuoteRune(_pos < src.Length ? src[_pos] : '\0') + " instead");
        _pos++;
        _lastKey = parts.Count > 1 ? PathString(parts.Take(parts.Count - 1)) : null;
        var parent = Navigate(parts, parts.Count - 1, true);
        var last = parts[^1];
        _currentPath = parts;
        if (parent.TryGetValue(last, out var existing))
        {
            if (existing is Dictionary<string, object?> d && !_explicit.Contains(d) && !_inline.Contains(d) && !_dotted.Contains(d))
            {
                _explicit.Add(d);
                return d;
            }
            throw Error("Key '" + PathString(parts) + "' has already been defined.");
        }
        var nt = new Dictionary<string, object?>(StringComparer.Ordinal);
        parent[last] = nt;
        _explicit.Add(nt);
        return nt;
    }

    private Dictionary<string, object?> ArrayTableHeader()
    {
        var parts = ParseKey(']');
        if (_pos + 1 >= src.Length || src[_pos] != ']' || src[_pos + 1] != ']')
            throw Error("expected ']]' to end array table name, but got " + QuoteRune(_pos < src.Length ? src[_pos] : '\0') + " instead");
        _pos += 2;
        _lastKey = parts.Count > 1 ? PathString(parts.Take(parts.Count - 1)) : null;
        var parent = Navigate(parts, parts.Count - 1, true);
        var last = parts[^1];
        _currentPath = parts;
        var nt = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (parent.TryGetValue(last, out var existing))
        {
            if (existing is ArrayOfTables aot) { aot.Add(nt); return nt; }
            throw Error("Key '" + PathString(parts) + "' has already been defined.");
        }
        parent[last] = new ArrayOfTables { nt };
        return nt;
    }

    private void KeyValue(Dictionary<string, object?> table, List<string> tablePath, bool top)
    {
        var key = ParseKey('=');
        var full = new List<string>(tablePath);
        full.AddRange(key);
        _lastKey = PathString(full);
        _lastKeyParts = full;
        if (_pos >= src.Length) throw Error("unexpected EOF; expected key separator '='");
        if (src[_pos] != '=') { _lastKey = null; throw Error("expected '.' or '=', but got " + QuoteRune(src[_pos]) + " instead"); }
        _pos++;
        SkipWs();
        var t = table;
        for (int i = 0; i < key.Count - 1; i++)
        {
            if (!t.TryGetValue(key[i], out var existing))
            {
                var nt = new Dictionary<string, object?>(StringComparer.Ordinal);
                _dotted.Add(nt);
                t[key[i]] = nt;
                t = nt;
            }
            else if (existing is Dictionary<string, object?> d && !_inline.Contains(d) && (!_explicit.Contains(d) || !top)) t = d;
            else throw Error("Key '" + PathString(full.Take(tablePath.Count + i + 1)) + "' has already been defined.");
        }
        var value = ParseValue(0);
        if (t.ContainsKey(key[^1])) throw Error("Key '" + _lastKey + "' has already been defined.");
        t[key[^1]] = value;
    }

    // ------------------------------------------------------------------ values

    private object? ParseValue(int depth)
    {
        if (depth > MaxDepth || !HelmSharp.Go.StackGuard.Check()) throw Error("nesting too deep");
        if (_pos >= src.Length) throw Error("unexpected EOF; expected value");
        char c = src[_pos];
        switch (c)
        {
            case '"':
                if (Peek(1) == '"' && Peek(2) == '"') return ParseMultilineBasic();
                return ParseBasicString();
            case '\'':
                if (Peek(1) == '\'' && Peek(2) == '\'') return ParseMultilineLiteral();
                return ParseLiteralString();
            case '[': _pos++; return ParseArray(depth);
            case '{': _pos++; return ParseInlineTable(depth);
            case '\n': case '\r': case '#': case '_': case '=': case ',': case ']': case '}':
                throw Error("expected value but found " + QuoteRune(c) + " instead");
            case '.':
                throw Error("floats must start with a digit, not '.'");
        }
        // bare token: booleans, numbers, dates
        int start = _pos;
        while (_pos < src.Length && IsTokenChar(src[_pos])) _pos++;
        // date-time with a space separator: "1979-05-27 07:32:00"
        if (_pos - start == 10 && _pos + 1 < src.Length && src[_pos] == ' ' && char.IsAsciiDigit(src[_pos + 1]) && IsDate(src.AsSpan(start, 10)))
        {
            _pos++;
            while (_pos < src.Length && IsTokenChar(src[_pos])) _pos++;
        }
        var tok = src.Substring(start, _pos - start);
        {
            // inf / nan are matched as keywords; whatever follows is left for the caller.
            int sgn = tok.Length > 0 && (tok[0] == '+' || tok[0] == '-') ? 1 : 0;
            if (tok.Length > sgn + 3 && (string.CompareOrdinal(tok, sgn, "inf", 0, 3) == 0 || string.CompareOrdinal(tok, sgn, "nan", 0, 3) == 0))
            {
                _pos = start + sgn + 3;
                tok = tok[..(sgn + 3)];
            }
        }
        if (tok.Length > 0 && (char.IsAsciiDigit(tok[0]) || ((tok[0] == '+' || tok[0] == '-') && tok.Length > 1 && char.IsAsciiDigit(tok[1])))
            && !(tok.Length >= 10 && IsDate(tok.AsSpan(0, 10))) && !(tok.Length >= 3 && tok[2] == ':'))
        {
            // A number ends at the first character that cannot continue it; the rest is left for the caller.
            int n = NumberPrefixLength(tok);
            if (n > 0 && n < tok.Length) { _pos = start + n; tok = tok[..n]; }
        }
        if (tok.Length == 0) throw Error("expected value but found " + QuoteRune(c) + " instead");
        switch (tok)
        {
            case "true": return true;
            case "false": return false;
            case "inf": case "+inf": return double.PositiveInfinity;
            case "-inf": return double.NegativeInfinity;
            case "nan": case "+nan": case "-nan": return double.NaN;
        }
        if (tok.Length >= 8 && (IsDate(tok.AsSpan(0, Math.Min(10, tok.Length))) || (tok.Length >= 5 && tok[2] == ':')))
            return ParseDateTime(tok);
        if (tok.Length >= 5 && tok[2] == ':') return ParseDateTime(tok);
        return ParseNumber(tok);
    }

    private static int NumberPrefixLength(string t)
    {
        int i = 0;
        if (t.Length >= 3 && (t[0] == '+' || t[0] == '-') && t[1] == '0' && (t[2] == 'x' || t[2] == 'o' || t[2] == 'b')) return t.Length;
        if (t.Length >= 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'o' || t[1] == 'b'))
        {
            bool hex = t[1] == 'x';
            i = 2;
            while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '_' || (hex && char.IsAsciiHexDigit(t[i])))) i++;
            return i;
        }
        while (i < t.Length)
        {
            char c = t[i];
            if (char.IsAsciiDigit(c) || c == '_' || c == '.' || c == 'e' || c == 'E') { i++; continue; }
            if ((c == '+' || c == '-') && (i == 0 || t[i - 1] == 'e' || t[i - 1] == 'E')) { i++; continue; }
            break;
        }
        return i;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '+' || c == '-' || c == '.' || c == ':';

    private static bool IsDate(ReadOnlySpan<char> s) =>
        s.Length == 10 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2]) && char.IsAsciiDigit(s[3]) && s[4] == '-' && s[7] == '-';

    private object ParseNumber(string tok)
    {
        string t = tok;
        if (t.Length >= 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'o' || t[1] == 'b'))
        {
            int b = t[1] == 'x' ? 16 : t[1] == 'o' ? 8 : 2;
            var digits = t[2..];
            if (digits.Length == 0)
            {
                char next = _pos < src.Length ? src[_pos] : '\0';
                string what = b == 16 ? (helmMajor < 4 ? "a hexidecimal" : "a hexadecimal") : b == 8 ? "an octal" : "a binary";
                throw Error("not " + what + " number: '" + t + next + "'");
            }
            if (!ValidUnderscores(digits, hex: b == 16)) throw Error("Invalid integer " + GoStrconv.Quote(tok) + ": underscores must be surrounded by digits");
            try { return GoStrconv.ParseInt(digits.Replace("_", ""), b, 64); }
            catch (GoNumError e) when (e.Err == GoNumError.Range) { throw Error(tok + " is out of range for int64"); }
            catch (GoNumError) { throw Error("Invalid integer " + GoStrconv.Quote(tok)); }
        }
        bool isFloat = false;
        foreach (char c in t) if (c == '.' || c == 'e' || c == 'E') { isFloat = true; break; }
        var body = t.Length > 0 && (t[0] == '+' || t[0] == '-') ? t[1..] : t;
        if (body.Length > 1 && body[0] == '0' && (body[1] == 'x' || body[1] == 'o' || body[1] == 'b'))
            throw Error("cannot use sign with non-decimal numbers: '" + t[..3] + "'");
        if (body.Length == 0 || !char.IsAsciiDigit(body[0])) throw Error("expected value but found " + GoStrconv.Quote(tok) + " instead");
        if (!isFloat)
        {
            foreach (char c in body) if (!char.IsAsciiDigit(c) && c != '_') throw Error("expected value but found " + GoStrconv.Quote(tok) + " instead");
            if (!ValidUnderscores(body, false)) throw Error("Invalid integer " + GoStrconv.Quote(tok) + ": underscores must be surrounded by digits");
            if (body.Length > 1 && body[0] == '0') throw Error("Invalid integer " + GoStrconv.Quote(tok) + ": cannot have leading zeroes");
            try { return GoStrconv.ParseInt(t.Replace("_", ""), 10, 64); }
            catch (GoNumError e) when (e.Err == GoNumError.Range) { throw Error(tok + " is out of range for int64"); }
        }
        // float: int-part [. digits] [e [+-] digits]
        int i = 0;
        while (i < body.Length && (char.IsAsciiDigit(body[i]) || body[i] == '_')) i++;
        var intPart = body[..i];
        if (!ValidUnderscores(intPart, false)) throw Error("Invalid float " + GoStrconv.Quote(tok) + ": underscores must be surrounded by digits");
        if (intPart.Length > 1 && intPart[0] == '0') throw Error("Invalid float " + GoStrconv.Quote(tok) + ": cannot have leading zeroes");
        if (i < body.Length && body[i] == '.')
        {
            int s = ++i;
            while (i < body.Length && (char.IsAsciiDigit(body[i]) || body[i] == '_')) i++;
            if (i == s) throw Error("Invalid float " + GoStrconv.Quote(tok) + ": '.' must be followed by one or more digits");
            if (!ValidUnderscores(body[s..i], false)) throw Error("Invalid float " + GoStrconv.Quote(tok) + ": underscores must be surrounded by digits");
        }
        if (i < body.Length && (body[i] == 'e' || body[i] == 'E'))
        {
            i++;
            if (i < body.Length && (body[i] == '+' || body[i] == '-')) i++;
            int s = i;
            while (i < body.Length && (char.IsAsciiDigit(body[i]) || body[i] == '_')) i++;
            if (i == s || !ValidUnderscores(body[s..i], false)) throw Error("Invalid float value: " + GoStrconv.Quote(tok));
        }
        if (i != body.Length) throw Error("expected value but found " + GoStrconv.Quote(tok) + " instead");
        double d = double.Parse(t.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(d)) throw Error(tok + " is out of range for float64");
        return d;
    }

    private static bool ValidUnderscores(string s, bool hex)
    {
        if (s.Length == 0) return false;
        bool prevDigit = false;
        foreach (char c in s)
        {
            if (c == '_') { if (!prevDigit) return false; prevDigit = false; continue; }
            if (!(char.IsAsciiDigit(c) || (hex && char.IsAsciiHexDigit(c)))) return false;
            prevDigit = true;
        }
        return prevDigit;
    }

    private object ParseDateTime(string tok)
    {
        GoTomlException Bad() => Error("invalid datetime: " + GoStrconv.Quote(tok));
        static bool Num(string s, int at, int len, out int v)
        {
            v = 0;
            if (at + len > s.Length) return false;
            for (int i = 0; i < len; i++)
            {
                char c = s[at + i];
                if (!char.IsAsciiDigit(c)) return false;
                v = v * 10 + (c - '0');
            }
            return true;
        }
        bool ParseTime(string s, int at, out int h, out int m, out int sec, out long ticks, out int end)
        {
            h = m = sec = 0; ticks = 0; end = at;
            if (!Num(s, at, 2, out h) || at + 2 >= s.Length || s[at + 2] != ':' || !Num(s, at + 3, 2, out m)) return false;
            end = at + 5;
            if (end < s.Length && s[end] == ':')
            {
                if (!Num(s, end + 1, 2, out sec)) return false;
                end += 3;
            }
            else return false;
            if (end < s.Length && s[end] == '.')
            {
                int fs = ++end;
                while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
                if (end == fs) return false;
                var frac = s[fs..end];
                if (frac.Length > 9) frac = frac[..9];
                ticks = long.Parse(frac.PadRight(9, '0'), CultureInfo.InvariantCulture);
            }
            return h < 24 && m < 60 && sec < 61;
        }
        try
        {
            if (tok.Length >= 3 && tok[2] == ':')
            {
                if (!ParseTime(tok, 0, out int h, out int m, out int s, out long ticks, out int end) || end != tok.Length) throw Bad();
                var dt = new DateTimeOffset(1, 1, 1, h, m, Math.Min(s, 59), TimeSpan.Zero);
                return new GoTomlDateTime(dt, GoTomlDateTimeKind.LocalTime, (int)ticks);
            }
            if (!Num(tok, 0, 4, out int y) || tok[4] != '-' || !Num(tok, 5, 2, out int mo) || tok[7] != '-' || !Num(tok, 8, 2, out int d)) throw Bad();
            if (mo < 1 || mo > 12 || d < 1 || d > DateTime.DaysInMonth(Math.Max(y, 1), mo)) throw Bad();
            if (tok.Length == 10) return new GoTomlDateTime(new DateTimeOffset(Math.Max(y, 1), mo, d, 0, 0, 0, TimeSpan.Zero), GoTomlDateTimeKind.LocalDate, 0);
            char sep = tok[10];
            if (sep != 'T' && sep != 't' && sep != ' ') throw Bad();
            if (!ParseTime(tok, 11, out int hh, out int mm, out int ss, out long tk, out int e)) throw Bad();
            var local = new DateTime(Math.Max(y, 1), mo, d, hh, mm, Math.Min(ss, 59));
            if (e == tok.Length) return new GoTomlDateTime(new DateTimeOffset(local, TimeSpan.Zero), GoTomlDateTimeKind.LocalDateTime, (int)tk);
            TimeSpan off;
            if (tok[e] == 'Z' || tok[e] == 'z') { off = TimeSpan.Zero; e++; }
            else if (tok[e] == '+' || tok[e] == '-')
            {
                if (!Num(tok, e + 1, 2, out int oh) || e + 3 >= tok.Length || tok[e + 3] != ':' || !Num(tok, e + 4, 2, out int om)) throw Bad();
                off = new TimeSpan(oh, om, 0);
                if (tok[e] == '-') off = -off;
                e += 6;
            }
            else throw Bad();
            if (e != tok.Length) throw Bad();
            return new GoTomlDateTime(new DateTimeOffset(local, off), GoTomlDateTimeKind.OffsetDateTime, (int)tk);
        }
        catch (ArgumentException) { throw Bad(); }
    }

    private object?[] ParseArray(int depth)
    {
        var list = new List<object?>();
        while (true)
        {
            SkipWsNewlinesComments();
            if (_pos >= src.Length) throw Error("unexpected EOF; expected value");
            if (src[_pos] == ']') { _pos++; return list.ToArray(); }
            if (src[_pos] == ',') throw Error("unexpected comma");
            list.Add(ParseValue(depth + 1));
            SkipWsNewlinesComments();
            if (_pos >= src.Length) throw Error("unexpected EOF; expected value");
            char c = src[_pos];
            if (c == ',') { _pos++; continue; }
            if (c == ']') { _pos++; return list.ToArray(); }
            throw Error("expected a comma (',') or array terminator (']'), but got " + QuoteRune(c));
        }
    }

    private Dictionary<string, object?> ParseInlineTable(int depth)
    {
        var t = new Dictionary<string, object?>(StringComparer.Ordinal);
        _inline.Add(t);
        var savedKey = _lastKey;
        SkipWs();
        if (_pos < src.Length && src[_pos] == '}') { _pos++; return t; }
        var path = new List<string>(_lastKeyParts);
        if (depth > MaxDepth) throw Error("nesting too deep");
        while (true)
        {
            SkipWs();
            if (_pos < src.Length && src[_pos] == '}')
            {
                if (helmMajor < 4) throw Error("trailing comma not allowed in inline tables");
                _pos++; _lastKey = savedKey; return t;
            }
            // temporarily allow dotted keys inside the inline table
            _inline.Remove(t);
            KeyValue(t, path, top: false);
            _inline.Add(t);
            SkipWs();
            if (_pos >= src.Length) throw Error("unexpected EOF; expected value");
            char c = src[_pos];
            if (c == ',') { _pos++; continue; }
            if (c == '}') { _pos++; _lastKey = savedKey; return t; }
            throw Error("expected a comma or an inline table terminator '}', but got " + QuoteRune(c) + " instead");
        }
    }

    private string ParseBasicString()
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= src.Length) throw Error("unexpected EOF; expected '\"'");
            char c = src[_pos];
            if (c == '"') { _pos++; return sb.ToString(); }
            if (c == '\n' || c == '\r') throw Error("strings cannot contain newlines");
            if (c == '\\') { _pos++; ParseEscape(sb); continue; }
            if ((c < 0x20 && c != '\t') || c == 0x7f) throw Error("control characters are not allowed in strings: " + QuoteRune(c));
            sb.Append(c);
            _pos++;
        }
    }

    private void ParseEscape(StringBuilder sb)
    {
        if (_pos >= src.Length) throw Error("unexpected EOF; expected '\"'");
        char e = src[_pos++];
        switch (e)
        {
            case 'b': sb.Append('\b'); return;
            case 't': sb.Append('\t'); return;
            case 'n': sb.Append('\n'); return;
            case 'f': sb.Append('\f'); return;
            case 'r': sb.Append('\r'); return;
            case 'e': sb.Append('\x1b'); return;
            case '"': sb.Append('"'); return;
            case '\\': sb.Append('\\'); return;
            case 'u':
            case 'U':
            {
                int n = e == 'u' ? 4 : 8;
                if (_pos + n > src.Length) throw Error("unexpected EOF; expected " + n + " hex digits");
                var hex = src.Substring(_pos, n);
                if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int r) || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
                    throw Error("invalid escape: '\\" + e + hex + "'");
                sb.Append(char.ConvertFromUtf32(r));
                _pos += n;
                return;
            }
        }
        throw Error("invalid escape in string '\\" + e + "'");
    }

    private string ParseLiteralString()
    {
        _pos++;
        int start = _pos;
        while (true)
        {
            if (_pos >= src.Length) throw Error("unexpected EOF; expected \"'\"");
            char c = src[_pos];
            if (c == '\'') { _pos++; return src.Substring(start, _pos - 1 - start); }
            if (c == '\n' || c == '\r') throw Error("strings cannot contain newlines");
            _pos++;
        }
    }

    private string ParseMultilineBasic()
    {
        _pos += 3;
        if (Peek(0) == '\n') _pos++;
        else if (Peek(0) == '\r' && Peek(1) == '\n') _pos += 2;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= src.Length) throw Error("unexpected EOF; expected '\"\"\"'");
            char c = src[_pos];
            if (c == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                int q = 3;
                while (q < 5 && Peek(q) == '"') q++;
                sb.Append('"', q - 3);
                _pos += q;
                return sb.ToString();
            }
            if (c == '\\')
            {
                // line-ending backslash
                int p = _pos + 1;
                while (p < src.Length && (src[p] == ' ' || src[p] == '\t')) p++;
                if (p < src.Length && (src[p] == '\n' || (src[p] == '\r' && p + 1 < src.Length && src[p + 1] == '\n')))
                {
                    _pos = p;
                    while (_pos < src.Length && (src[_pos] == ' ' || src[_pos] == '\t' || src[_pos] == '\n' || src[_pos] == '\r')) _pos++;
                    continue;
                }
                _pos++;
                ParseEscape(sb);
                continue;
            }
            sb.Append(c);
            _pos++;
        }
    }

    private string ParseMultilineLiteral()
    {
        _pos += 3;
        if (Peek(0) == '\n') _pos++;
        else if (Peek(0) == '\r' && Peek(1) == '\n') _pos += 2;
        int start = _pos;
        while (true)
        {
            if (_pos >= src.Length) throw Error("unexpected EOF; expected \"'''\"");
            if (src[_pos] == '\'' && Peek(1) == '\'' && Peek(2) == '\'')
            {
                int q = 3;
                while (q < 5 && Peek(q) == '\'') q++;
                var s = src.Substring(start, _pos - start) + new string('\'', q - 3);
                _pos += q;
                return s;
            }
            _pos++;
        }
    }
}
