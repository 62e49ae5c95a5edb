using System.Globalization;
using System.Text;

namespace HelmSharp.Values;

/// <summary>
/// A small JSON decoder with <c>encoding/json</c> semantics for <c>interface{}</c> targets
/// (objects → map[string]interface{}, arrays → []interface{}, numbers → float64). Used by
/// <c>--set-json</c>, where helm discards the decoder's message anyway.
/// (Switch to GoJson.DecodeFirst once the JSON layer lands.)
/// </summary>
internal static class MiniJson
{
    private const int MaxDepth = 10000;

    internal sealed class JsonError(string message) : Exception(message);

    /// <summary>Decodes exactly one JSON value after optional whitespace, like <c>json.Decoder.Decode</c>; <paramref name="consumed"/> is <c>InputOffset</c>.</summary>
    public static object? DecodePrefix(string s, out int consumed)
    {
        int p = 0;
        SkipWs(s, ref p);
        if (p >= s.Length) throw new JsonError("EOF");
        var v = ReadValue(s, ref p, 0);
        consumed = p;
        return v;
    }

    /// <summary><c>json.Unmarshal</c> of a whole document.</summary>
    public static object? Unmarshal(string s)
    {
        int p = 0;
        SkipWs(s, ref p);
        if (p >= s.Length) throw new JsonError("unexpected end of JSON input");
        var v = ReadValue(s, ref p, 0);
        SkipWs(s, ref p);
        if (p < s.Length) throw new JsonError("invalid character " + QuoteChar(s[p]) + " after top-level value");
        return v;
    }

    private static void SkipWs(string s, ref int p)
    {
        while (p < s.Length && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r')) p++;
    }

    private static string QuoteChar(char c) => c == '\'' ? "'\\''" : "'" + c + "'";

    private static object? ReadValue(string s, ref int p, int depth)
    {
        if (depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new JsonError("exceeded max depth");
        if (p >= s.Length) throw new JsonError("unexpected end of JSON input");
        char c = s[p];
        switch (c)
        {
            case '{':
            {
                if (depth >= MaxDepth) throw new JsonError("exceeded max depth"); // Go: maxNestingDepth containers
                p++;
                var d = new Dictionary<string, object?>();
                SkipWs(s, ref p);
                if (p < s.Length && s[p] == '}') { p++; return d; }
                while (true)
                {
                    SkipWs(s, ref p);
                    if (p >= s.Length) throw new JsonError("unexpected end of JSON input");
                    if (s[p] != '"') throw new JsonError("invalid character " + QuoteChar(s[p]) + " looking for beginning of object key string");
                    var key = ReadString(s, ref p);
                    SkipWs(s, ref p);
                    if (p >= s.Length) throw new JsonError("unexpected end of JSON input");
                    if (s[p] != ':') throw new JsonError("invalid character " + QuoteChar(s[p]) + " after object key");
                    p++;
                    SkipWs(s, ref p);
                    d[key] = ReadValue(s, ref p, depth + 1);
                    SkipWs(s, ref p);
                    if (p >= s.Length) throw new JsonError("unexpected end of JSON input");
                    if (s[p] == ',') { p++; continue; }
                    if (s[p] == '}') { p++; return d; }
                    throw new JsonError("invalid character " + QuoteChar(s[p]) + " after object key:value pair");
                }
            }
            case '[':
            {
                if (depth >= MaxDepth) throw new JsonError("exceeded max depth"); // Go: maxNestingDepth containers
                p++;
                var l = new List<object?>();
                SkipWs(s, ref p);
                if (p < s.Length && s[p] == ']') { p++; return l.ToArray(); }
                while (true)
                {
                    SkipWs(s, ref p);
                    l.Add(ReadValue(s, ref p, depth + 1));
                    SkipWs(s, ref p);
                    if (p >= s.Length) throw new JsonError("unexpected end of JSON input");
                    if (s[p] == ',') { p++; continue; }
                    if (s[p] == ']') { p++; return l.ToArray(); }
                    throw new JsonError("invalid character " + QuoteChar(s[p]) + " after array element");
                }
            }
            case '"': return ReadString(s, ref p);
            case 't': Lit(s, ref p, "true"); return true;
            case 'f': Lit(s, ref p, "false"); return false;
            case 'n': Lit(s, ref p, "null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber(s, ref p);
                throw new JsonError("invalid character " + QuoteChar(c) + " looking for beginning of value");
        }
    }

    private static void Lit(string s, ref int p, string lit)
    {
        for (int i = 0; i < lit.Length; i++)
        {
            if (p + i >= s.Length) throw new JsonError("unexpected end of JSON input");
            if (s[p + i] != lit[i]) throw new JsonError("invalid character " + QuoteChar(s[p + i]) + " in literal " + lit + " (expecting " + QuoteChar(lit[i]) + ")");
        }
        p += lit.Length;
    }

    private static double ReadNumber(string s, ref int p)
    {
        int start = p;
        if (s[p] == '-') p++;
        if (p >= s.Length) throw new JsonError("unexpected end of JSON input");
        if (s[p] == '0') p++;
        else if (s[p] >= '1' && s[p] <= '9') { while (p < s.Length && char.IsAsciiDigit(s[p])) p++; }
        else throw new JsonError("invalid character " + QuoteChar(s[p]) + " in numeric literal");
        if (p < s.Length && s[p] == '.')
        {
            p++;
            if (p >= s.Length || !char.IsAsciiDigit(s[p])) throw new JsonError(p >= s.Length ? "unexpected end of JSON input" : "invalid character " + QuoteChar(s[p]) + " after decimal point in numeric literal");
            while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
        }
        if (p < s.Length && (s[p] == 'e' || s[p] == 'E'))
        {
            p++;
            if (p < s.Length && (s[p] == '+' || s[p] == '-')) p++;
            if (p >= s.Length || !char.IsAsciiDigit(s[p])) throw new JsonError(p >= s.Length ? "unexpected end of JSON input" : "invalid character " + QuoteChar(s[p]) + " in exponent of numeric literal");
            while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
        }
        var text = s.Substring(start, p - start);
        var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(d)) throw new JsonError("json: cannot unmarshal number " + text + " into Go value of type float64");
        return d;
    }

    private static string ReadString(string s, ref int p)
    {
        p++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (p >= s.Length) throw new JsonError("unexpected end of JSON input");
            char c = s[p++];
            if (c == '"') return sb.ToString();
            if (c < 0x20) throw new JsonError("invalid character " + QuoteChar(c) + " in string literal");
            if (c != '\\') { sb.Append(c); continue; }
            if (p >= s.Length) throw new JsonError("unexpected end of JSON input");
            char e = s[p++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (p + 4 > s.Length) throw new JsonError("unexpected end of JSON input");
                    if (!int.TryParse(s.AsSpan(p, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp))
                        throw new JsonError("invalid character in \\u hexadecimal character escape");
                    p += 4;
                    sb.Append((char)cp);
                    break;
                default: throw new JsonError("invalid character " + QuoteChar(e) + " in string escape code");
            }
        }
    }
}
