using System.Globalization;
using System.Numerics;
using System.Text;

namespace HelmSharp.Yaml;

/// <summary>An ordered YAML mapping with string keys, ready for emission (keys already sorted).</summary>
internal sealed class EmitMap(string[] keys, object?[] values)
{
    public string[] Keys { get; private set; } = keys;
    public object?[] Values { get; private set; } = values;

    /// <summary>Reuses the node for other arrays (see the tree arena of GoYaml's JSON round trip).</summary>
    internal void Set(string[] keys, object?[] values)
    {
        Keys = keys;
        Values = values;
    }
}

/// <summary>A scalar whose text is emitted plain as-is (numbers, bools, null).</summary>
internal sealed class EmitPlain(string text)
{
    public readonly string Text = text;

    public static readonly EmitPlain True = new("true"), False = new("false");

    // Small integers (ports, replica counts, indexes) are shared, each made on first use (a race makes two equal ones).
    private static readonly EmitPlain?[] s_small = new EmitPlain?[1025];

    public static EmitPlain Integer(long v) =>
        (ulong)v < (ulong)s_small.Length
            ? s_small[v] ??= new EmitPlain(v.ToString(CultureInfo.InvariantCulture))
            : new EmitPlain(v.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// A port of the libyaml emitter as used by go-yaml v2 (<c>toYaml</c>) and v3 (<c>toYamlPretty</c>)
/// for block-style documents whose collections are non-empty block or empty flow collections.
/// </summary>
internal sealed class YamlEmitter
{
    private readonly StringBuilder _sb = new();
    private readonly bool _v3;
    private readonly int _bestWidth;
    private const int BestIndent = 2;
    private int _column;
    private bool _whitespace = true;
    private bool _indention = true;
    private int _indent = -1;
    private readonly List<int> _indents = new();

    internal YamlEmitter(bool v3)
    {
        _v3 = v3;
        _bestWidth = v3 ? int.MaxValue : 80;
    }

    // One emitter per thread and flavour, reused (its buffer keeps its size) unless a document is being emitted already.
    [ThreadStatic] private static YamlEmitter? t_v2, t_v3;
    private bool _busy;

    internal static string EmitDocument(object? root, bool v3, bool trimFinalNewline = false) =>
        Emit(root, v3, trimFinalNewline, 0, static (sb, length, _) => sb.ToString(0, length));

    /// <summary>Appends what <see cref="EmitDocument"/> returns to <paramref name="sink"/> (nothing when emitting fails).</summary>
    internal static void EmitDocumentTo(object? root, bool v3, bool trimFinalNewline, StringBuilder sink) =>
        Emit(root, v3, trimFinalNewline, sink, static (sb, length, sink) => sink.Append(sb, 0, length));

    // Emits the document into a reused emitter and hands its text (the first `length` characters of the buffer) to `take`.
    private static TResult Emit<TState, TResult>(object? root, bool v3, bool trimFinalNewline, TState state, Func<StringBuilder, int, TState, TResult> take)
    {
        var e = v3 ? t_v3 ??= new YamlEmitter(true) : t_v2 ??= new YamlEmitter(false);
        if (e._busy) e = new YamlEmitter(v3);
        e._busy = true;
        try
        {
            e.EmitNode(root, mappingContext: false, simpleKey: false);
            e.WriteIndent();
            var sb = e._sb;
            return take(sb, trimFinalNewline && sb.Length > 0 && sb[^1] == '\n' ? sb.Length - 1 : sb.Length, state);
        }
        finally
        {
            e._busy = false;
            e.Reset();
        }
    }

    private void Reset()
    {
        _sb.Clear();
        if (_sb.Capacity > 1 << 20) _sb.Capacity = 1024;
        if (_runes.Length > 1 << 16) _runes = new int[64];
        _column = 0;
        _whitespace = true;
        _indention = true;
        _indent = -1;
        _indents.Clear();
    }

    private void IncreaseIndent(bool flow, bool indentless)
    {
        _indents.Add(_indent);
        if (_indent < 0) _indent = flow ? BestIndent : 0;
        else if (!indentless) _indent += BestIndent;
    }

    private void PopIndent()
    {
        _indent = _indents[^1];
        _indents.RemoveAt(_indents.Count - 1);
    }

    private void PutBreak()
    {
        _sb.Append('\n');
        _column = 0;
    }

    private void Put(char c)
    {
        _sb.Append(c);
        _column++;
    }

    private void WriteIndent()
    {
        int indent = _indent >= 0 ? _indent : 0;
        if (!_indention || _column > indent || (_column == indent && !_whitespace)) PutBreak();
        while (_column < indent) Put(' ');
        _whitespace = true;
        _indention = true;
    }

    private void WriteIndicator(string indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !_whitespace) Put(' ');
        _sb.Append(indicator);
        _column += indicator.Length;
        _whitespace = isWhitespace;
        _indention = _indention && isIndention;
    }

    private void EmitNode(object? v, bool mappingContext, bool simpleKey)
    {
        switch (v)
        {
            case EmitMap m:
                if (m.Keys.Length == 0) { EmitEmptyFlow("{", "}"); return; }
                EmitBlockMapping(m);
                return;
            case object?[] a:
                if (a.Length == 0) { EmitEmptyFlow("[", "]"); return; }
                EmitBlockSequence(a, mappingContext);
                return;
            case string s:
                EmitString(s, simpleKey);
                return;
            case EmitPlain p:
                EmitScalar(p.Text, ScalarStyle.Plain, simpleKey);
                return;
            case null:
                EmitScalar("null", ScalarStyle.Plain, simpleKey);
                return;
            default:
                EmitScalar(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "", ScalarStyle.Plain, simpleKey);
                return;
        }
    }

    private void EmitEmptyFlow(string open, string close)
    {
        WriteIndicator(open, true, true, false);
        WriteIndicator(close, false, false, false);
    }

    private void EmitBlockMapping(EmitMap m)
    {
        IncreaseIndent(false, false);
        for (int i = 0; i < m.Keys.Length; i++)
        {
            WriteIndent();
            var key = m.Keys[i];
            if (_v3 && IsInvalidUtf8(key) ? BinaryText(key).IndexOf('\n') < 0 : CheckSimpleKey(key))
            {
                EmitString(key, simpleKey: true);
                WriteIndicator(":", false, false, false);
            }
            else
            {
                WriteIndicator("?", true, false, true);
                EmitString(key, simpleKey: false);
                WriteIndent();
                WriteIndicator(":", true, false, true);
            }
            EmitNode(m.Values[i], mappingContext: true, simpleKey: false);
        }
        PopIndent();
    }

    private static bool CheckSimpleKey(string key)
    {
        if (Encoding.UTF8.GetByteCount(key) > 128) return false;
        foreach (var c in key)
            if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') return false;
        return true;
    }

    private void EmitBlockSequence(object?[] a, bool mappingContext)
    {
        IncreaseIndent(false, !_v3 && mappingContext && !_indention);
        foreach (var item in a)
        {
            WriteIndent();
            WriteIndicator("-", true, false, true);
            EmitNode(item, mappingContext: false, simpleKey: false);
        }
        PopIndent();
    }

    private enum ScalarStyle { Plain, Single, Double, Literal }

    private void EmitString(string s, bool simpleKey)
    {
        if (_v3 && IsInvalidUtf8(s))
        {
            // yaml.v3 (stringv): a string that is not valid UTF-8 cannot be written as YAML text; it is written as
            // its bytes in base64 under an explicit !!binary tag, literal when the base64 spans lines
            var b64 = BinaryText(s);
            WriteIndicator("!!binary", true, false, false);
            EmitScalar(b64, b64.Contains('\n') ? ScalarStyle.Literal : ScalarStyle.Plain, simpleKey);
            return;
        }
        bool canUsePlain = YamlResolve.ResolvePlain(s, "", out _) == YamlResolved.Str && !IsBase60Float(s);
        if (_v3 && canUsePlain && IsOldBool(s)) canUsePlain = false;
        ScalarStyle style = s.Contains('\n') ? ScalarStyle.Literal : canUsePlain ? ScalarStyle.Plain : ScalarStyle.Double;
        EmitScalar(s, style, simpleKey);
    }

    /// <summary>True when the Go string <paramref name="s"/> holds bytes that are not UTF-8 (surrogate-escaped, see <see cref="HelmSharp.Go.GoUtf8"/>).</summary>
    internal static bool IsInvalidUtf8(string s)
    {
        int i = s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (HelmSharp.Go.GoUtf8.IsEscapedByte(c)) return true;
        }
        return false;
    }

    /// <summary>yaml.v3's <c>encodeBase64</c>: the bytes in standard base64, in lines of 70 characters each ended by a line break once there are 70 or more.</summary>
    private static string BinaryText(string s)
    {
        var b64 = Convert.ToBase64String(HelmSharp.Go.GoUtf8.GetBytes(s));
        const int lineLen = 70;
        if (b64.Length < lineLen) return b64;
        var sb = new StringBuilder(b64.Length + b64.Length / lineLen + 1);
        for (int i = 0; i < b64.Length; i += lineLen)
            sb.Append(b64, i, Math.Min(lineLen, b64.Length - i)).Append('\n');
        return sb.ToString();
    }

    private static bool IsOldBool(string s) => s switch
    {
        "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => true,
        _ => false,
    };

    /// <summary><c>^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$</c></summary>
    internal static bool IsBase60Float(string s)
    {
        if (s.Length == 0) return false;
        char c = s[0];
        if (!(c == '+' || c == '-' || char.IsAsciiDigit(c)) || !s.Contains(':')) return false;
        int i = 0, n = s.Length;
        if (s[i] == '+' || s[i] == '-') i++;
        if (i >= n || !char.IsAsciiDigit(s[i])) return false;
        i++;
        while (i < n && (char.IsAsciiDigit(s[i]) || s[i] == '_')) i++;
        int groups = 0;
        while (i < n && s[i] == ':')
        {
            i++;
            // [0-5]?[0-9]
            if (i + 1 < n && s[i] >= '0' && s[i] <= '5' && char.IsAsciiDigit(s[i + 1])) i += 2;
            else if (i < n && char.IsAsciiDigit(s[i])) i++;
            else return false;
            groups++;
        }
        if (groups == 0) return false;
        if (i < n && s[i] == '.')
        {
            i++;
            while (i < n && (char.IsAsciiDigit(s[i]) || s[i] == '_')) i++;
        }
        return i == n;
    }

    // ------------------------------------------------------------------ scalar analysis

    private struct Analysis
    {
        public bool Multiline, FlowPlainAllowed, BlockPlainAllowed, SingleQuotedAllowed, BlockAllowed;
    }

    private static bool IsBreak(int c) => c is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;
    private static bool IsBlankz(int c) => c is ' ' or '\t' or 0 || IsBreak(c);

    private static bool IsPrintable(int c) =>
        c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) ||
        (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);

    /// <summary>Scratch buffer for the code points of the scalar being written (scalars never nest).</summary>
    private int[] _runes = new int[64];

    /// <summary>The code points of <paramref name="s"/> (lone surrogates as U+FFFD) in the emitter's scratch buffer.</summary>
    private ReadOnlySpan<int> Runes(string s)
    {
        if (_runes.Length < s.Length) _runes = new int[Math.Max(s.Length, _runes.Length * 2)];
        return _runes.AsSpan(0, CodePoints(s, _runes));
    }

    /// <summary>Writes the code points of <paramref name="s"/> (lone surrogates as U+FFFD) into <paramref name="into"/> (at least as long as <paramref name="s"/>); returns how many.</summary>
    internal static int CodePoints(string s, Span<int> into)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                into[n++] = char.ConvertToUtf32(c, s[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c)) into[n++] = 0xFFFD;
            else into[n++] = c;
        }
        return n;
    }

    private static Analysis Analyze<T>(ReadOnlySpan<T> v, bool v3) where T : unmanaged, IBinaryInteger<T>
    {
        var a = new Analysis();
        if (v.Length == 0)
        {
            a.Multiline = false; a.FlowPlainAllowed = false; a.BlockPlainAllowed = true; a.SingleQuotedAllowed = true; a.BlockAllowed = false;
            return a;
        }
        bool blockIndicators = false, flowIndicators = false, lineBreaks = false, specialCharacters = false, tabCharacters = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false;
        bool previousSpace = false, previousBreak = false;
        if (v.Length >= 3 && ((At(v, 0) == '-' && At(v, 1) == '-' && At(v, 2) == '-') || (At(v, 0) == '.' && At(v, 1) == '.' && At(v, 2) == '.')))
        {
            blockIndicators = true; flowIndicators = true;
        }
        bool precededByWhitespace = true;
        for (int i = 0; i < v.Length; i++)
        {
            int c = At(v, i);
            bool followedByWhitespace = i + 1 >= v.Length || At(v, i + 1) == ' ' || At(v, i + 1) == '\t';
            if (i == 0)
            {
                switch (c)
                {
                    case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
                    case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
                        flowIndicators = true; blockIndicators = true; break;
                    case '?': case ':':
                        flowIndicators = true;
                        if (followedByWhitespace) blockIndicators = true;
                        break;
                    case '-':
                        if (followedByWhitespace) { flowIndicators = true; blockIndicators = true; }
                        break;
                }
            }
            else
            {
                switch (c)
                {
                    case ',': case '?': case '[': case ']': case '{': case '}':
                        flowIndicators = true; break;
                    case ':':
                        flowIndicators = true;
                        if (followedByWhitespace) blockIndicators = true;
                        break;
                    case '#':
                        if (precededByWhitespace) { flowIndicators = true; blockIndicators = true; }
                        break;
                }
            }
            if (v3 && c == '\t') tabCharacters = true; // yaml.v3 allows tabs in block scalars
            else if (!IsPrintable(c)) specialCharacters = true;
            if (c == ' ')
            {
                if (i == 0) leadingSpace = true;
                if (i == v.Length - 1) trailingSpace = true;
                if (previousBreak) breakSpace = true;
                previousSpace = true; previousBreak = false;
            }
            else if (IsBreak(c))
            {
                lineBreaks = true;
                if (i == 0) leadingBreak = true;
                if (i == v.Length - 1) trailingBreak = true;
                if (previousSpace) spaceBreak = true;
                previousSpace = false; previousBreak = true;
            }
            else
            {
                previousSpace = false; previousBreak = false;
            }
            precededByWhitespace = IsBlankz(c);
        }
        a.Multiline = lineBreaks;
        a.FlowPlainAllowed = true; a.BlockPlainAllowed = true; a.SingleQuotedAllowed = true; a.BlockAllowed = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) { a.FlowPlainAllowed = false; a.BlockPlainAllowed = false; }
        if (trailingSpace) a.BlockAllowed = false;
        if (breakSpace) { a.FlowPlainAllowed = false; a.BlockPlainAllowed = false; a.SingleQuotedAllowed = false; }
        if (spaceBreak || tabCharacters || specialCharacters) { a.FlowPlainAllowed = false; a.BlockPlainAllowed = false; a.SingleQuotedAllowed = false; }
        if (spaceBreak || specialCharacters) a.BlockAllowed = false;
        if (lineBreaks) { a.FlowPlainAllowed = false; a.BlockPlainAllowed = false; }
        if (flowIndicators) a.FlowPlainAllowed = false;
        if (blockIndicators) a.BlockPlainAllowed = false;
        return a;
    }

    /// <summary>A code point of a scalar held as UTF-16 code units (ASCII text) or as code points.</summary>
    internal static int At<T>(ReadOnlySpan<T> v, int i) where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(v[i]);

    private void EmitScalar(string value, ScalarStyle style, bool simpleKey)
    {
        // ASCII text (nearly every scalar) is analysed and written as it is; other text as code points.
        if (System.Text.Ascii.IsValid(value)) EmitScalar(value.AsSpan(), value, style, simpleKey);
        else EmitScalar(Runes(value), value, style, simpleKey);
    }

    private void EmitScalar<T>(ReadOnlySpan<T> v, string value, ScalarStyle style, bool simpleKey) where T : unmanaged, IBinaryInteger<T>
    {
        var a = Analyze(v, _v3);
        if (simpleKey && a.Multiline) style = ScalarStyle.Double;
        if (style == ScalarStyle.Plain)
        {
            if (!a.BlockPlainAllowed) style = ScalarStyle.Single;
            if (v.Length == 0 && simpleKey) style = ScalarStyle.Single;
        }
        if (style == ScalarStyle.Single && !a.SingleQuotedAllowed) style = ScalarStyle.Double;
        if (style == ScalarStyle.Literal && (!a.BlockAllowed || simpleKey)) style = ScalarStyle.Double;

        IncreaseIndent(true, false);
        bool allowBreaks = !simpleKey;
        switch (style)
        {
            case ScalarStyle.Plain when typeof(T) == typeof(char) && FitsOnLine(v.Length):
                // No space of it can reach past the line width, so no line is folded: written in one piece.
                if (!_whitespace) Put(' ');
                _sb.Append(value);
                _column += value.Length;
                _whitespace = false;
                _indention = false;
                break;
            case ScalarStyle.Plain: WritePlain(v, allowBreaks); break;
            case ScalarStyle.Single: WriteSingle(v, allowBreaks); break;
            case ScalarStyle.Double: WriteDouble(v, allowBreaks); break;
            default: WriteLiteral(v); break;
        }
        PopIndent();
    }

    /// <summary>True when a plain scalar of <paramref name="length"/> code units (after the separating space) never has a space past the best width.</summary>
    private bool FitsOnLine(int length) => (long)_column + (_whitespace ? 0 : 1) + length <= (long)_bestWidth + 1;

    private void Write(int c)
    {
        if (c > 0xFFFF) _sb.Append(char.ConvertFromUtf32(c)); else _sb.Append((char)c);
        _column++;
    }

    private void WriteBreak(int c)
    {
        if (c == '\n') PutBreak();
        else { Write(c); _column = 0; }
    }

    private void WritePlain<T>(ReadOnlySpan<T> v, bool allowBreaks) where T : unmanaged, IBinaryInteger<T>
    {
        if (!_whitespace) Put(' ');
        bool spaces = false, breaks = false;
        for (int i = 0; i < v.Length; i++)
        {
            int c = At(v, i);
            if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > _bestWidth && !(i + 1 < v.Length && At(v, i + 1) == ' ')) WriteIndent();
                else Write(c);
                spaces = true;
            }
            else if (IsBreak(c))
            {
                if (!breaks && c == '\n') PutBreak();
                WriteBreak(c);
                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks) WriteIndent();
                Write(c);
                _indention = false;
                spaces = false; breaks = false;
            }
        }
        _whitespace = false;
        _indention = false;
    }

    private void WriteSingle<T>(ReadOnlySpan<T> v, bool allowBreaks) where T : unmanaged, IBinaryInteger<T>
    {
        WriteIndicator("'", true, false, false);
        bool spaces = false, breaks = false;
        for (int i = 0; i < v.Length; i++)
        {
            int c = At(v, i);
            if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > _bestWidth && i != 0 && i != v.Length - 1 && !(i + 1 < v.Length && At(v, i + 1) == ' ')) WriteIndent();
                else Write(c);
                spaces = true;
            }
            else if (IsBreak(c))
            {
                if (!breaks && c == '\n') PutBreak();
                WriteBreak(c);
                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks) WriteIndent();
                if (c == '\'') Put('\'');
                Write(c);
                _indention = false;
                spaces = false; breaks = false;
            }
        }
        WriteIndicator("'", false, false, false);
        _whitespace = false;
        _indention = false;
    }

    private const string Hex = "0123456789ABCDEF";

    private void WriteDouble<T>(ReadOnlySpan<T> v, bool allowBreaks) where T : unmanaged, IBinaryInteger<T>
    {
        WriteIndicator("\"", true, false, false);
        bool spaces = false;
        // go-yaml's is_bom() looks at the first character whatever the index: a leading BOM escapes everything
        bool bomFirst = v.Length > 0 && At(v, 0) == 0xFEFF;
        for (int i = 0; i < v.Length; i++)
        {
            int c = At(v, i);
            if (bomFirst || !IsPrintable(c) || c == 0xFEFF || IsBreak(c) || c == '"' || c == '\\')
            {
                Put('\\');
                switch (c)
                {
                    case 0x00: Put('0'); break;
                    case 0x07: Put('a'); break;
                    case 0x08: Put('b'); break;
                    case 0x09: Put('t'); break;
                    case 0x0A: Put('n'); break;
                    case 0x0B: Put('v'); break;
                    case 0x0C: Put('f'); break;
                    case 0x0D: Put('r'); break;
                    case 0x1B: Put('e'); break;
                    case 0x22: Put('"'); break;
                    case 0x5C: Put('\\'); break;
                    case 0x85: Put('N'); break;
                    case 0xA0: Put('_'); break;
                    case 0x2028: Put('L'); break;
                    case 0x2029: Put('P'); break;
                    default:
                        int w;
                        if (c <= 0xFF) { Put('x'); w = 2; }
                        else if (c <= 0xFFFF) { Put('u'); w = 4; }
                        else { Put('U'); w = 8; }
                        for (int k = (w - 1) * 4; k >= 0; k -= 4) Put(Hex[(c >> k) & 0x0F]);
                        break;
                }
                spaces = false;
            }
            else if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > _bestWidth && i != 0 && i != v.Length - 1)
                {
                    WriteIndent();
                    if (i + 1 < v.Length && At(v, i + 1) == ' ') Put('\\');
                }
                else Write(c);
                spaces = true;
            }
            else
            {
                Write(c);
                spaces = false;
            }
        }
        WriteIndicator("\"", false, false, false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteLiteral<T>(ReadOnlySpan<T> v) where T : unmanaged, IBinaryInteger<T>
    {
        WriteIndicator("|", true, false, false);
        // block scalar hints
        if (v.Length > 0 && (At(v, 0) == ' ' || IsBreak(At(v, 0))))
            WriteIndicator(((char)('0' + BestIndent)).ToString(), false, false, false);
        string? chomp = null;
        if (v.Length == 0) chomp = "-";
        else
        {
            int i = v.Length - 1;
            if (!IsBreak(At(v, i))) chomp = "-";
            else if (i == 0) chomp = "+";
            else if (IsBreak(At(v, i - 1))) chomp = "+";
        }
        if (chomp != null) WriteIndicator(chomp, false, false, false);
        PutBreak();
        _indention = true;
        _whitespace = true;
        bool breaks = true;
        foreach (var t in v)
        {
            int c = int.CreateTruncating(t);
            if (IsBreak(c))
            {
                WriteBreak(c);
                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks) WriteIndent();
                Write(c);
                _indention = false;
                breaks = false;
            }
        }
    }
}

/// <summary>go-yaml's natural key order (<c>sorter.go</c>); v3 adds the "after digits" rule.</summary>
internal sealed class YamlKeyComparer(bool v3) : IComparer<string>
{
    internal static readonly YamlKeyComparer V2 = new(false);
    internal static readonly YamlKeyComparer V3 = new(true);

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (Less(x!, y!)) return -1;
        if (Less(y!, x!)) return 1;
        return 0;
    }

    private static bool IsLetter(int c) => c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Rune.IsLetter(new Rune(c));
    private static bool IsDigit(int c) => c < 0x80 ? c >= '0' && c <= '9' : Rune.IsDigit(new Rune(c));

    internal bool Less(string a, string b)
    {
        // ASCII keys (nearly all) are compared as UTF-16 code units, others as code points.
        if (System.Text.Ascii.IsValid(a) && System.Text.Ascii.IsValid(b)) return LessCore(a.AsSpan(), b.AsSpan());
        return LessCore<int>(ToRunes(a), ToRunes(b));
    }

    private static ReadOnlySpan<int> ToRunes(string s)
    {
        var r = new int[s.Length];
        return r.AsSpan(0, YamlEmitter.CodePoints(s, r));
    }

    private bool LessCore<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, IBinaryInteger<T>
    {
        bool digits = false;
        for (int i = 0; i < a.Length && i < b.Length; i++)
        {
            int ai0 = YamlEmitter.At(a, i), bi0 = YamlEmitter.At(b, i);
            if (ai0 == bi0)
            {
                digits = IsDigit(ai0);
                continue;
            }
            bool al = IsLetter(ai0), bl = IsLetter(bi0);
            if (al && bl) return ai0 < bi0;
            if (al || bl)
            {
                if (v3 && digits) return al;
                return bl;
            }
            int ai, bi;
            long an = 0, bn = 0;
            if (ai0 == '0' || bi0 == '0')
            {
                for (int j = i - 1; j >= 0 && IsDigit(YamlEmitter.At(a, j)); j--)
                {
                    if (YamlEmitter.At(a, j) != '0') { an = 1; bn = 1; break; }
                }
            }
            unchecked
            {
                for (ai = i; ai < a.Length && IsDigit(YamlEmitter.At(a, ai)); ai++) an = an * 10 + (YamlEmitter.At(a, ai) - '0');
                for (bi = i; bi < b.Length && IsDigit(YamlEmitter.At(b, bi)); bi++) bn = bn * 10 + (YamlEmitter.At(b, bi) - '0');
            }
            if (an != bn) return an < bn;
            if (ai != bi) return ai < bi;
            return ai0 < bi0;
        }
        return a.Length < b.Length;
    }
}
