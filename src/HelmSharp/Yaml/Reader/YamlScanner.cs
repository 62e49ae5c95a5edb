using System.Buffers;
using System.Text;
using HelmSharp.Go;

namespace HelmSharp.Yaml.Reader;

/// <summary>
/// The reader and scanner of go-yaml v2 (<c>readerc.go</c>, <c>scannerc.go</c>; the libyaml-derived code that
/// sigs.k8s.io/yaml, and so helm, reads YAML with), written after its behaviour: the same token rules, simple-key and
/// indentation logic, error texts and marks.
/// </summary>
/// <remarks>
/// The input is a Go string carried as a .NET string (bytes that are not valid UTF-8 surrogate-escaped, see
/// <see cref="GoUtf8"/>). go-yaml decodes its input lazily, 512 bytes at a time, and checks the UTF-8 and the allowed
/// characters as it decodes; which error a malformed input gets (a reader error or a scanner error further up) depends
/// on that, so the decoding is emulated: <see cref="Cache"/> decodes the next chunks exactly when go-yaml's
/// <c>yaml_parser_update_buffer</c> would.
/// </remarks>
internal sealed class YamlScanner
{
    private const int RawBufferSize = 512; // input_raw_buffer_size
    private const int MaxFlowLevel = 10000;
    private const int MaxIndents = 10000;

    private readonly string _s;
    private int _pos;        // the buffer position, as an index into _s
    private YamlMark _mark;

    // ---- reader emulation (readerc.go)
    private int _unread;     // decoded characters not yet consumed (NULs at the end included)
    private int _decoded;    // characters of _s decoded so far
    private long _rawPos;    // input bytes decoded so far
    private long _rawRead;   // input bytes read so far (into the 512-byte raw buffer)
    private readonly long _totalBytes;
    private bool _eof;
    private bool _encodingKnown;
    private int _bufStart;   // index into _s of the character at buffer[0] (see IsBom)
    private readonly bool _utf16;
    private readonly bool _utf16Le;
    private readonly byte[]? _utf16Bytes;

    // ---- scanner state (yaml_parser_t); the arrays and buffers come from a per-thread workspace
    private readonly Workspace _ws;
    private YamlToken[] _tokens;
    private int _tokensHead, _tokensTail;
    private int _tokensParsed;
    private bool _tokenAvailable;
    private bool _streamStartProduced;
    private bool _streamEndProduced;
    private int _indent;
    private int[] _indents;
    private int _indentsCount;
    private bool _simpleKeyAllowed;
    private SimpleKey[] _simpleKeys;
    private int _simpleKeysCount;
    private readonly TokenKeyMap _simpleKeysByTok;
    private int _flowLevel;

    private readonly StringBuilder _sb;
    private readonly StringBuilder _leadingBreak;
    private readonly StringBuilder _trailingBreaks;
    private readonly StringBuilder _whitespaces;
    private readonly HelmSharp.Go.ShortStrings _strings;

    /// <summary>The scanner's arrays and buffers, kept per thread between documents (reading many small documents).</summary>
    private sealed class Workspace
    {
        public YamlToken[] Tokens = new YamlToken[16];
        public int[] Indents = new int[16];
        public SimpleKey[] SimpleKeys = new SimpleKey[16];
        public readonly TokenKeyMap SimpleKeysByTok = new();
        public readonly StringBuilder Sb = new(), LeadingBreak = new(), TrailingBreaks = new(), Whitespaces = new();

        public static Workspace Rent() => HelmSharp.Go.ThreadSpare<Workspace>.Take() ?? new Workspace();

        public void Return(YamlToken[] tokens, int[] indents, SimpleKey[] simpleKeys)
        {
            const int keep = 1 << 16;
            if (tokens.Length > 1024 || SimpleKeysByTok.Capacity > 4096 || indents.Length > 1024 || simpleKeys.Length > 1024 || Sb.Capacity > keep ||
                LeadingBreak.Capacity > keep || TrailingBreaks.Capacity > keep || Whitespaces.Capacity > keep) return;
            Array.Clear(tokens); // no strings kept alive
            Tokens = tokens;
            Indents = indents;
            SimpleKeys = simpleKeys;
            SimpleKeysByTok.Clear();
            Sb.Clear(); LeadingBreak.Clear(); TrailingBreaks.Clear(); Whitespaces.Clear();
            HelmSharp.Go.ThreadSpare<Workspace>.Give(this);
        }
    }

    /// <summary>
    /// go-yaml's <c>simple_keys_by_tok</c> map (token number → index of the simple key), with its behaviour: an entry stays
    /// until it is deleted or set again, also after its key stopped being possible. It is only ever looked up for the
    /// token at the head of the queue (<c>tokens_parsed</c>), which only grows, and only set for a token in the queue or
    /// the next one, so an entry below <c>tokens_parsed</c> can never be read again and every entry that can lies within
    /// the queue's length of it: a ring of twice the queue's capacity keyed by token number holds them all without
    /// collisions (a Go map here kept one entry per scalar of the document, and made every token a hash lookup).
    /// </summary>
    internal sealed class TokenKeyMap
    {
        private int[] _keys = [];
        private int[] _values = [];
        private int _mask;

        /// <summary>Makes room for the entries of a queue of <paramref name="queueCapacity"/> tokens (those from <paramref name="tokensParsed"/> on are kept).</summary>
        public void Fit(int queueCapacity, int tokensParsed)
        {
            int cap = 16;
            while (cap < 2 * queueCapacity + 2) cap <<= 1;
            if (cap <= _keys.Length) return;
            var keys = new int[cap];
            var values = new int[cap];
            Array.Fill(keys, -1);
            for (int i = 0; i < _keys.Length; i++)
            {
                int k = _keys[i];
                if (k >= tokensParsed)
                {
                    keys[k & (cap - 1)] = k;
                    values[k & (cap - 1)] = _values[i];
                }
            }
            _keys = keys;
            _values = values;
            _mask = cap - 1;
        }

        public bool TryGetValue(int key, out int value)
        {
            int i = key & _mask;
            value = _values[i];
            return _keys[i] == key;
        }

        public void Set(int key, int value)
        {
            int i = key & _mask;
            _keys[i] = key;
            _values[i] = value;
        }

        public void Remove(int key)
        {
            int i = key & _mask;
            if (_keys[i] == key) _keys[i] = -1;
        }

        public int Capacity => _keys.Length;

        public void Clear() => Array.Fill(_keys, -1);
    }

    /// <summary>Hands the scanner's buffers back for the next document read on this thread; the scanner is unusable after.</summary>
    public void Release() => _ws.Return(_tokens, _indents, _simpleKeys);

    private struct SimpleKey
    {
        public bool Possible;
        public bool Required;
        public int TokenNumber;
        public YamlMark Mark;
    }

    /// <summary>
    /// The mode of a reader that drops most values (manifest heads): one-line plain scalars are handed as slices of the
    /// text (<see cref="YamlLazyValue.Slice"/>), and while <see cref="DropValues"/> is set other scalars are not made
    /// (<see cref="YamlLazyValue.Dropped"/>). Off by default: every other reader gets every value.
    /// </summary>
    public bool LazyValues { get; init; }

    /// <summary>In <see cref="LazyValues"/> mode, the reader drops the values scanned from now on (see <see cref="YamlParser.DropValues"/>).</summary>
    public bool DropValues { get; set; }

    private bool Dropping => LazyValues && DropValues;

    /// <summary>The value of a <see cref="YamlLazyValue.Slice"/>, made as the scanner makes a plain scalar's.</summary>
    public string SliceText(int start, int length) => _strings.Get(_s.AsSpan(start, length));

    public char SliceChar(int index) => _s[index];

    public YamlScanner(string input)
    {
        _ws = Workspace.Rent();
        _tokens = _ws.Tokens;
        _indents = _ws.Indents;
        _simpleKeys = _ws.SimpleKeys;
        _simpleKeysByTok = _ws.SimpleKeysByTok;
        _simpleKeysByTok.Fit(_tokens.Length, 0);
        _sb = _ws.Sb;
        _leadingBreak = _ws.LeadingBreak;
        _trailingBreaks = _ws.TrailingBreaks;
        _whitespaces = _ws.Whitespaces;
        _strings = HelmSharp.Go.ShortStrings.ForThread();
        // go-yaml's newParser reads an empty input as a single line break
        _s = input.Length == 0 ? "\n" : input;
        if (_s.Length >= 2 && GoUtf8.IsEscapedByte(_s[0]) && GoUtf8.IsEscapedByte(_s[1]) &&
            (_s[0] == '\uDCFF' && _s[1] == '\uDCFE' || _s[0] == '\uDCFE' && _s[1] == '\uDCFF'))
        {
            // a UTF-16 byte order mark: go-yaml decodes the whole input as UTF-16
            _utf16 = true;
            _utf16Le = _s[0] == '\uDCFF';
            _utf16Bytes = GoUtf8.GetBytes(_s);
            _totalBytes = _utf16Bytes.Length;
            _s = DecodeUtf16Prefix(_utf16Bytes, _utf16Le);
        }
        else
        {
            _totalBytes = GoUtf8.GetByteCount(_s);
        }
    }

    public YamlMark Mark => _mark;

    // =====================================================================================================
    // Reader (readerc.go)

    private YamlReaderException ReaderError(string problem) =>
        new(YamlErrorKind.Reader, problem, default);

    /// <summary>yaml_parser_update_raw_buffer: reads up to 512 bytes (less what is still undecoded).</summary>
    private void UpdateRawBuffer()
    {
        long pending = _rawRead - _rawPos;
        if (_rawPos == 0 && pending == RawBufferSize) return; // the raw buffer is full
        if (_eof) return;
        long n = Math.Min(RawBufferSize - pending, _totalBytes - _rawRead);
        if (n <= 0 && _rawRead == _totalBytes) { _eof = true; return; }
        _rawRead += n;
    }

    private void DetermineEncoding()
    {
        while (!_eof && _rawRead - _rawPos < 3) UpdateRawBuffer();
        if (_utf16)
        {
            _rawPos += 2;
        }
        else if (_rawRead - _rawPos >= 3 && _s[0] == '\uFEFF')
        {
            _rawPos += 3;
            _decoded = 1;
            _pos = 1;
        }
        _encodingKnown = true;
    }

    /// <summary>yaml_parser_update_buffer: makes at least <paramref name="length"/> characters available.</summary>
    private void Cache(int length)
    {
        if (_unread >= length) return;
        UpdateBuffer(length);
    }

    private void UpdateBuffer(int length)
    {
        if (!_encodingKnown) DetermineEncoding();
        // the unread characters move to the start of the buffer
        _bufStart = _pos;
        bool first = true;
        while (_unread < length)
        {
            if (!first || _rawPos == _rawRead) UpdateRawBuffer();
            first = false;
            if (_utf16) DecodeUtf16Chunk(); else DecodeUtf8Chunk();
            if (_eof)
            {
                _unread++; // the NUL that ends the input
                break;
            }
        }
    }

    private static readonly SearchValues<char> s_plainAscii = SearchValues.Create(
        "\t\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Decodes the raw bytes read so far (the UTF-8 part of the inner loop of yaml_parser_update_buffer).</summary>
    private void DecodeUtf8Chunk()
    {
        while (_rawPos != _rawRead)
        {
            long avail = _rawRead - _rawPos;
            // fast path: a run of printable ASCII
            int maxRun = (int)Math.Min(avail, _s.Length - _decoded);
            if (maxRun > 0)
            {
                var span = _s.AsSpan(_decoded, maxRun);
                int run = span.IndexOfAnyExcept(s_plainAscii);
                if (run < 0) run = maxRun;
                if (run > 0)
                {
                    _decoded += run;
                    _rawPos += run;
                    _unread += run;
                    continue;
                }
            }
            if (_decoded >= _s.Length) return; // cannot happen: bytes and characters end together
            char c = _s[_decoded];
            int width, chars = 1, value;
            if (GoUtf8.IsEscapedByte(c))
            {
                InvalidUtf8(avail);
                return; // the sequence is incomplete in this chunk: it is decoded with the next one
            }
            if (c < 0x80) { width = 1; value = c; }
            else if (c < 0x800) { width = 2; value = c; }
            else if (char.IsHighSurrogate(c) && _decoded + 1 < _s.Length && char.IsLowSurrogate(_s[_decoded + 1]))
            {
                width = 4; chars = 2; value = char.ConvertToUtf32(c, _s[_decoded + 1]);
            }
            else if (char.IsSurrogate(c)) { width = 3; value = 0xFFFD; } // a lone surrogate is U+FFFD in a Go string
            else { width = 3; value = c; }
            if (width > avail)
            {
                if (_eof) throw ReaderError("incomplete UTF-8 octet sequence");
                return;
            }
            CheckAllowed(value);
            _decoded += chars;
            _rawPos += width;
            _unread++;
        }
    }

    private void CheckAllowed(int value)
    {
        bool ok = value == 0x09 || value == 0x0A || value == 0x0D || value >= 0x20 && value <= 0x7E || value == 0x85 ||
                  value >= 0xA0 && value <= 0xD7FF || value >= 0xE000 && value <= 0xFFFD || value >= 0x10000 && value <= 0x10FFFF;
        if (!ok) throw ReaderError("control characters are not allowed");
    }

    /// <summary>The first byte at <see cref="_decoded"/> is not valid UTF-8: libyaml's checks in its order.</summary>
    private void InvalidUtf8(long avail)
    {
        int lead = _s[_decoded] - 0xDC00;
        int width = (lead & 0x80) == 0 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
        if (width == 0) throw ReaderError("invalid leading UTF-8 octet");
        if (width > avail)
        {
            if (_eof) throw ReaderError("incomplete UTF-8 octet sequence");
            return;
        }
        Span<byte> bytes = stackalloc byte[8];
        Span<byte> tmp = stackalloc byte[4];
        int n = 0;
        for (int i = _decoded; i < _s.Length && n < width;)
        {
            char c = _s[i];
            if (GoUtf8.IsEscapedByte(c)) { bytes[n++] = (byte)(c - 0xDC00); i++; continue; }
            int len;
            if (char.IsHighSurrogate(c) && i + 1 < _s.Length && char.IsLowSurrogate(_s[i + 1]))
            {
                len = new Rune(c, _s[i + 1]).EncodeToUtf8(tmp);
                i += 2;
            }
            else
            {
                len = (char.IsSurrogate(c) ? Rune.ReplacementChar : new Rune(c)).EncodeToUtf8(tmp);
                i++;
            }
            for (int k = 0; k < len && n < bytes.Length; k++) bytes[n++] = tmp[k];
        }
        int value = lead & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07);
        for (int k = 1; k < width; k++)
        {
            if ((bytes[k] & 0xC0) != 0x80) throw ReaderError("invalid trailing UTF-8 octet");
            value = (value << 6) + (bytes[k] & 0x3F);
        }
        if (!(width == 2 && value >= 0x80 || width == 3 && value >= 0x800 || width == 4 && value >= 0x10000))
            throw ReaderError("invalid length of a UTF-8 sequence");
        if (value >= 0xD800 && value <= 0xDFFF || value > 0x10FFFF)
            throw ReaderError("invalid Unicode character");
        // every escaped byte fails one of the checks above (Go's decoder and libyaml's reject the same sequences)
        throw ReaderError("invalid Unicode character");
    }

    // ---- UTF-16 input (a UTF-16 byte order mark at the start)

    private int _utf16ErrorAt = -1;      // byte offset of the unit that fails, -1 when none
    private string _utf16Error = "";

    /// <summary>Decodes the whole UTF-16 input the way the reader would, stopping at the first error (remembered).</summary>
    private string DecodeUtf16Prefix(byte[] b, bool le)
    {
        var sb = new StringBuilder(b.Length / 2);
        int lo = le ? 0 : 1, hi = le ? 1 : 0;
        int i = 2;
        while (i < b.Length)
        {
            if (b.Length - i < 2) { SetUtf16Error(i, "incomplete UTF-16 character"); break; }
            int value = b[i + lo] + (b[i + hi] << 8);
            if ((value & 0xFC00) == 0xDC00) { SetUtf16Error(i, "unexpected low surrogate area"); break; }
            if ((value & 0xFC00) == 0xD800)
            {
                if (b.Length - i < 4) { SetUtf16Error(i, "incomplete UTF-16 surrogate pair"); break; }
                int value2 = b[i + lo + 2] + (b[i + hi + 2] << 8);
                if ((value2 & 0xFC00) != 0xDC00) { SetUtf16Error(i, "expected low surrogate area"); break; }
                value = 0x10000 + ((value & 0x3FF) << 10) + (value2 & 0x3FF);
                sb.Append(char.ConvertFromUtf32(value));
                i += 4;
            }
            else
            {
                sb.Append((char)value);
                i += 2;
            }
        }
        return sb.ToString();
    }

    private void SetUtf16Error(int at, string message)
    {
        _utf16ErrorAt = at;
        _utf16Error = message;
    }

    private void DecodeUtf16Chunk()
    {
        while (_rawPos != _rawRead)
        {
            long avail = _rawRead - _rawPos;
            if (_rawPos == _utf16ErrorAt)
            {
                // the checks of the reader's UTF-16 branch, in its order
                switch (_utf16Error)
                {
                    case "incomplete UTF-16 character":
                        if (_eof) throw ReaderError(_utf16Error);
                        return;
                    case "unexpected low surrogate area":
                        if (avail < 2) return;
                        throw ReaderError(_utf16Error);
                    case "incomplete UTF-16 surrogate pair":
                        if (avail < 2 || !_eof) return;
                        throw ReaderError(_utf16Error);
                    default: // expected low surrogate area
                        if (avail < 4) return;
                        throw ReaderError(_utf16Error);
                }
            }
            if (avail < 2)
            {
                if (_eof) throw ReaderError("incomplete UTF-16 character");
                return;
            }
            if (_decoded >= _s.Length) return;
            char c = _s[_decoded];
            int width = 2, chars = 1, value = c;
            if (char.IsHighSurrogate(c) && _decoded + 1 < _s.Length)
            {
                if (avail < 4)
                {
                    if (_eof) throw ReaderError("incomplete UTF-16 surrogate pair");
                    return;
                }
                width = 4; chars = 2; value = char.ConvertToUtf32(c, _s[_decoded + 1]);
            }
            CheckAllowed(value);
            _decoded += chars;
            _rawPos += width;
            _unread++;
        }
    }

    // =====================================================================================================
    // Character access

    /// <summary>The character <paramref name="k"/> positions after the buffer position ('\0' past the end).</summary>
    private char Ch(int k = 0)
    {
        int i = _pos + k;
        return (uint)i < (uint)_s.Length ? _s[i] : '\0';
    }

    private bool IsZ(int k = 0) => Ch(k) == '\0';
    private bool IsBlank(int k = 0) { char c = Ch(k); return c == ' ' || c == '\t'; }
    private bool IsSpace(int k = 0) => Ch(k) == ' ';
    private bool IsTab(int k = 0) => Ch(k) == '\t';
    private bool IsBreak(int k = 0) { char c = Ch(k); return c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029'; }
    private bool IsBreakZ(int k = 0) { char c = Ch(k); return c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\0'; }
    private bool IsBlankZ(int k = 0) { char c = Ch(k); return c is ' ' or '\t' or '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\0'; }
    private bool IsCrlf() => Ch() == '\r' && Ch(1) == '\n';
    private bool IsAlpha(int k = 0) { char c = Ch(k); return c is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z' or '_' or '-'; }
    private bool IsDigit(int k = 0) { char c = Ch(k); return c is >= '0' and <= '9'; }
    private bool IsHex(int k = 0) { char c = Ch(k); return c is >= '0' and <= '9' or >= 'A' and <= 'F' or >= 'a' and <= 'f'; }
    private int AsHex(int k) { char c = Ch(k); return c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0'; }

    /// <summary>
    /// go-yaml's <c>is_bom</c> looks at the first bytes of its buffer, not at the current position: a U+FEFF that
    /// starts the decoded buffer makes every line start skip one character until the buffer is refilled.
    /// </summary>
    private bool IsBom() => _bufStart < _s.Length && _s[_bufStart] == '\uFEFF' && _bufStart < _decoded;

    private int CharWidthAtPos()
    {
        char c = _s[_pos];
        return char.IsHighSurrogate(c) && _pos + 1 < _s.Length && char.IsLowSurrogate(_s[_pos + 1]) ? 2 : 1;
    }

    private void Skip()
    {
        _mark.Index++;
        _mark.Column++;
        _unread--;
        if (_pos < _s.Length) _pos += CharWidthAtPos();
        else _pos++;
    }

    private void SkipLine()
    {
        if (IsCrlf())
        {
            _mark.Index += 2;
            _mark.Column = 0;
            _mark.Line++;
            _unread -= 2;
            _pos += 2;
        }
        else if (IsBreak())
        {
            _mark.Index++;
            _mark.Column = 0;
            _mark.Line++;
            _unread--;
            _pos++;
        }
    }

    private void Read(StringBuilder sb)
    {
        int w = CharWidthAtPos();
        sb.Append(_s, _pos, w);
        _pos += w;
        _mark.Index++;
        _mark.Column++;
        _unread--;
    }

    private void ReadLine(StringBuilder sb)
    {
        char c = Ch();
        if (c == '\r' && Ch(1) == '\n')
        {
            sb.Append('\n');
            _pos += 2;
            _mark.Index++;
            _unread--;
        }
        else if (c is '\r' or '\n' or '\u0085')
        {
            sb.Append('\n');
            _pos++;
        }
        else if (c is '\u2028' or '\u2029')
        {
            sb.Append(c);
            _pos++;
        }
        else return;
        _mark.Index++;
        _mark.Column = 0;
        _mark.Line++;
        _unread--;
    }

    // =====================================================================================================
    // Token queue

    private int TokenCount => _tokensTail - _tokensHead;

    private void InsertToken(int pos, in YamlToken token)
    {
        if (_tokensHead > 0 && _tokensHead == _tokensTail) { _tokensHead = _tokensTail = 0; }
        if (_tokensTail == _tokens.Length)
        {
            if (_tokensHead > 0)
            {
                Array.Copy(_tokens, _tokensHead, _tokens, 0, _tokensTail - _tokensHead);
                _tokensTail -= _tokensHead;
                Array.Clear(_tokens, _tokensTail, _tokensHead);
                _tokensHead = 0;
            }
            if (_tokensTail == _tokens.Length)
            {
                Array.Resize(ref _tokens, _tokens.Length * 2);
                _simpleKeysByTok.Fit(_tokens.Length, _tokensParsed);
            }
        }
        if (pos < 0)
        {
            _tokens[_tokensTail++] = token;
            return;
        }
        int at = _tokensHead + pos;
        if (_tokensTail - at <= 4)
        {
            for (int i = _tokensTail; i > at; i--) _tokens[i] = _tokens[i - 1];
        }
        else
        {
            Array.Copy(_tokens, at, _tokens, at + 1, _tokensTail - at);
        }
        _tokens[at] = token;
        _tokensTail++;
    }

    private void AppendToken(YamlTokenType type, YamlMark start, YamlMark end)
    {
        InsertToken(-1, new YamlToken { Type = type, Start = start, End = end });
    }

    /// <summary>peek_token: the next token, scanning more when needed.</summary>
    public ref YamlToken Peek()
    {
        if (!_tokenAvailable) FetchMoreTokens();
        return ref _tokens[_tokensHead];
    }

    /// <summary>skip_token.</summary>
    public void SkipToken()
    {
        _tokenAvailable = false;
        _tokensParsed++;
        _streamEndProduced = _tokens[_tokensHead].Type == YamlTokenType.StreamEnd;
        _tokens[_tokensHead] = default;
        _tokensHead++;
    }

    public bool StreamEndProduced => _streamEndProduced;

    // =====================================================================================================
    // Scanner (scannerc.go)

    private YamlReaderException ScannerError(string context, YamlMark contextMark, string problem) =>
        new(YamlErrorKind.Scanner, problem, _mark, context, contextMark);

    private void FetchMoreTokens()
    {
        while (true)
        {
            if (_tokensHead != _tokensTail)
            {
                // is the head token a potential simple key?
                if (!_simpleKeysByTok.TryGetValue(_tokensParsed, out int idx)) break;
                if (!SimpleKeyIsValid(ref _simpleKeys[idx])) break;
            }
            FetchNextToken();
        }
        _tokenAvailable = true;
    }

    private void FetchNextToken()
    {
        Cache(1);
        if (!_streamStartProduced)
        {
            FetchStreamStart();
            return;
        }
        ScanToNextToken();
        UnrollIndent(_mark.Column);
        Cache(4);
        char c = Ch();
        if (c == '\0' && IsZ())
        {
            FetchStreamEnd();
            return;
        }
        if (_mark.Column == 0 && c == '%')
        {
            FetchDirective();
            return;
        }
        if (_mark.Column == 0 && c == '-' && Ch(1) == '-' && Ch(2) == '-' && IsBlankZ(3))
        {
            FetchDocumentIndicator(YamlTokenType.DocumentStart);
            return;
        }
        if (_mark.Column == 0 && c == '.' && Ch(1) == '.' && Ch(2) == '.' && IsBlankZ(3))
        {
            FetchDocumentIndicator(YamlTokenType.DocumentEnd);
            return;
        }
        switch (c)
        {
            case '[': FetchFlowCollectionStart(YamlTokenType.FlowSequenceStart); return;
            case '{': FetchFlowCollectionStart(YamlTokenType.FlowMappingStart); return;
            case ']': FetchFlowCollectionEnd(YamlTokenType.FlowSequenceEnd); return;
            case '}': FetchFlowCollectionEnd(YamlTokenType.FlowMappingEnd); return;
            case ',': FetchFlowEntry(); return;
        }
        if (c == '-' && IsBlankZ(1)) { FetchBlockEntry(); return; }
        if (c == '?' && (_flowLevel > 0 || IsBlankZ(1))) { FetchKey(); return; }
        if (c == ':' && (_flowLevel > 0 || IsBlankZ(1))) { FetchValue(); return; }
        if (c == '*') { FetchAnchor(YamlTokenType.Alias); return; }
        if (c == '&') { FetchAnchor(YamlTokenType.Anchor); return; }
        if (c == '!') { FetchTag(); return; }
        if (c == '|' && _flowLevel == 0) { FetchBlockScalar(true); return; }
        if (c == '>' && _flowLevel == 0) { FetchBlockScalar(false); return; }
        if (c == '\'') { FetchFlowScalar(true); return; }
        if (c == '"') { FetchFlowScalar(false); return; }

        // a plain scalar may start with any non-blank character except the indicators; '-', '?' and ':' start one
        // when a non-blank follows ('?' and ':' only in the block context)
        if (!(IsBlankZ() || c is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|'
                or '>' or '\'' or '"' or '%' or '@' or '`') ||
            (c == '-' && !IsBlank(1)) ||
            (_flowLevel == 0 && (c == '?' || c == ':') && !IsBlankZ(1)))
        {
            FetchPlainScalar();
            return;
        }
        throw ScannerError("while scanning for the next token", _mark, "found character that cannot start any token");
    }

    private bool SimpleKeyIsValid(ref SimpleKey key)
    {
        if (!key.Possible) return false;
        // a simple key is limited to one line and 1024 characters
        if (key.Mark.Line < _mark.Line || key.Mark.Index + 1024 < _mark.Index)
        {
            if (key.Required)
                throw ScannerError("while scanning a simple key", key.Mark, "could not find expected ':'");
            key.Possible = false;
            return false;
        }
        return true;
    }

    private void SaveSimpleKey()
    {
        bool required = _flowLevel == 0 && _indent == _mark.Column;
        if (_simpleKeyAllowed)
        {
            var key = new SimpleKey
            {
                Possible = true,
                Required = required,
                TokenNumber = _tokensParsed + TokenCount,
                Mark = _mark,
            };
            RemoveSimpleKey();
            _simpleKeys[_simpleKeysCount - 1] = key;
            _simpleKeysByTok.Set(key.TokenNumber, _simpleKeysCount - 1);
        }
    }

    private void RemoveSimpleKey()
    {
        int i = _simpleKeysCount - 1;
        if (_simpleKeys[i].Possible)
        {
            if (_simpleKeys[i].Required)
                throw ScannerError("while scanning a simple key", _simpleKeys[i].Mark, "could not find expected ':'");
            _simpleKeys[i].Possible = false;
            _simpleKeysByTok.Remove(_simpleKeys[i].TokenNumber);
        }
    }

    private void PushSimpleKey(in SimpleKey key)
    {
        if (_simpleKeysCount == _simpleKeys.Length) Array.Resize(ref _simpleKeys, _simpleKeys.Length * 2);
        _simpleKeys[_simpleKeysCount++] = key;
    }

    private void IncreaseFlowLevel()
    {
        PushSimpleKey(new SimpleKey { TokenNumber = _tokensParsed + TokenCount, Mark = _mark });
        _flowLevel++;
        if (_flowLevel > MaxFlowLevel)
            throw ScannerError("while increasing flow level", _simpleKeys[_simpleKeysCount - 1].Mark,
                "exceeded max depth of " + MaxFlowLevel.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private void DecreaseFlowLevel()
    {
        if (_flowLevel > 0)
        {
            _flowLevel--;
            int last = _simpleKeysCount - 1;
            _simpleKeysByTok.Remove(_simpleKeys[last].TokenNumber);
            _simpleKeys[last] = default;
            _simpleKeysCount--;
        }
    }

    private void RollIndent(int column, int number, YamlTokenType type, YamlMark mark)
    {
        if (_flowLevel > 0) return;
        if (_indent < column)
        {
            if (_indentsCount == _indents.Length) Array.Resize(ref _indents, _indents.Length * 2);
            _indents[_indentsCount++] = _indent;
            _indent = column;
            if (_indentsCount > MaxIndents)
                throw ScannerError("while increasing indent level", _simpleKeys[_simpleKeysCount - 1].Mark,
                    "exceeded max depth of " + MaxIndents.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var token = new YamlToken { Type = type, Start = mark, End = mark };
            if (number > -1) number -= _tokensParsed;
            InsertToken(number, token);
        }
    }

    private void UnrollIndent(int column)
    {
        if (_flowLevel > 0) return;
        while (_indent > column)
        {
            AppendToken(YamlTokenType.BlockEnd, _mark, _mark);
            _indent = _indents[--_indentsCount];
        }
    }

    private void FetchStreamStart()
    {
        _indent = -1;
        PushSimpleKey(default);
        _simpleKeyAllowed = true;
        _streamStartProduced = true;
        AppendToken(YamlTokenType.StreamStart, _mark, _mark);
    }

    private void FetchStreamEnd()
    {
        // force a new line
        if (_mark.Column != 0)
        {
            _mark.Column = 0;
            _mark.Line++;
        }
        UnrollIndent(-1);
        RemoveSimpleKey();
        _simpleKeyAllowed = false;
        AppendToken(YamlTokenType.StreamEnd, _mark, _mark);
    }

    private void FetchDirective()
    {
        UnrollIndent(-1);
        RemoveSimpleKey();
        _simpleKeyAllowed = false;
        var token = ScanDirective();
        InsertToken(-1, token);
    }

    private void FetchDocumentIndicator(YamlTokenType type)
    {
        UnrollIndent(-1);
        RemoveSimpleKey();
        _simpleKeyAllowed = false;
        var start = _mark;
        Skip();
        Skip();
        Skip();
        AppendToken(type, start, _mark);
    }

    private void FetchFlowCollectionStart(YamlTokenType type)
    {
        SaveSimpleKey();
        IncreaseFlowLevel();
        _simpleKeyAllowed = true;
        var start = _mark;
        Skip();
        AppendToken(type, start, _mark);
    }

    private void FetchFlowCollectionEnd(YamlTokenType type)
    {
        RemoveSimpleKey();
        DecreaseFlowLevel();
        _simpleKeyAllowed = false;
        var start = _mark;
        Skip();
        AppendToken(type, start, _mark);
    }

    private void FetchFlowEntry()
    {
        RemoveSimpleKey();
        _simpleKeyAllowed = true;
        var start = _mark;
        Skip();
        AppendToken(YamlTokenType.FlowEntry, start, _mark);
    }

    private void FetchBlockEntry()
    {
        if (_flowLevel == 0)
        {
            if (!_simpleKeyAllowed)
                throw ScannerError("", _mark, "block sequence entries are not allowed in this context");
            RollIndent(_mark.Column, -1, YamlTokenType.BlockSequenceStart, _mark);
        }
        // a '-' in the flow context is left to the parser, which reports it with its context
        RemoveSimpleKey();
        _simpleKeyAllowed = true;
        var start = _mark;
        Skip();
        AppendToken(YamlTokenType.BlockEntry, start, _mark);
    }

    private void FetchKey()
    {
        if (_flowLevel == 0)
        {
            if (!_simpleKeyAllowed)
                throw ScannerError("", _mark, "mapping keys are not allowed in this context");
            RollIndent(_mark.Column, -1, YamlTokenType.BlockMappingStart, _mark);
        }
        RemoveSimpleKey();
        _simpleKeyAllowed = _flowLevel == 0;
        var start = _mark;
        Skip();
        AppendToken(YamlTokenType.Key, start, _mark);
    }

    private void FetchValue()
    {
        ref var key = ref _simpleKeys[_simpleKeysCount - 1];
        if (SimpleKeyIsValid(ref key))
        {
            // a simple key: insert KEY (and BLOCK-MAPPING-START) where it began
            InsertToken(key.TokenNumber - _tokensParsed, new YamlToken { Type = YamlTokenType.Key, Start = key.Mark, End = key.Mark });
            RollIndent(key.Mark.Column, key.TokenNumber, YamlTokenType.BlockMappingStart, key.Mark);
            key = ref _simpleKeys[_simpleKeysCount - 1];
            key.Possible = false;
            _simpleKeysByTok.Remove(key.TokenNumber);
            _simpleKeyAllowed = false;
        }
        else
        {
            // the ':' follows a complex key
            if (_flowLevel == 0)
            {
                if (!_simpleKeyAllowed)
                    throw ScannerError("", _mark, "mapping values are not allowed in this context");
                RollIndent(_mark.Column, -1, YamlTokenType.BlockMappingStart, _mark);
            }
            _simpleKeyAllowed = _flowLevel == 0;
        }
        var start = _mark;
        Skip();
        AppendToken(YamlTokenType.Value, start, _mark);
    }

    private void FetchAnchor(YamlTokenType type)
    {
        SaveSimpleKey();
        _simpleKeyAllowed = false;
        InsertToken(-1, ScanAnchor(type));
    }

    private void FetchTag()
    {
        SaveSimpleKey();
        _simpleKeyAllowed = false;
        InsertToken(-1, ScanTag());
    }

    private void FetchBlockScalar(bool literal)
    {
        RemoveSimpleKey();
        _simpleKeyAllowed = true;
        InsertToken(-1, ScanBlockScalar(literal));
    }

    private void FetchFlowScalar(bool single)
    {
        SaveSimpleKey();
        _simpleKeyAllowed = false;
        InsertToken(-1, ScanFlowScalar(single));
    }

    private void FetchPlainScalar()
    {
        SaveSimpleKey();
        _simpleKeyAllowed = false;
        InsertToken(-1, ScanPlainScalar());
    }

    private void ScanToNextToken()
    {
        while (true)
        {
            // a BOM may start a line
            Cache(1);
            if (_mark.Column == 0 && IsBom()) Skip();
            // eat blanks; tabs only in the flow context or where no simple key may start
            Cache(1);
            while (Ch() == ' ' || ((_flowLevel > 0 || !_simpleKeyAllowed) && Ch() == '\t'))
            {
                // a run of spaces at once (as many single skips, each followed by a cache(1) that finds enough decoded)
                if (Ch() == ' ' && SkipSpaceRun()) continue;
                Skip();
                Cache(1);
            }
            // eat a comment until a line break
            if (Ch() == '#')
            {
                while (!IsBreakZ())
                {
                    ReadSafeRun(null, s_lineSafe, 1);
                    if (IsBreakZ()) break;
                    Skip();
                    Cache(1);
                }
            }
            if (IsBreak())
            {
                Cache(2);
                SkipLine();
                if (_flowLevel == 0) _simpleKeyAllowed = true;
            }
            else break;
        }
    }

    private YamlToken ScanDirective()
    {
        var start = _mark;
        Skip();
        string name = ScanDirectiveName(start);
        YamlToken token;
        if (name == "YAML")
        {
            ScanVersionDirectiveValue(start, out int major, out int minor);
            token = new YamlToken { Type = YamlTokenType.VersionDirective, Start = start, End = _mark, Major = major, Minor = minor };
        }
        else if (name == "TAG")
        {
            ScanTagDirectiveValue(start, out var handle, out var prefix);
            token = new YamlToken { Type = YamlTokenType.TagDirective, Start = start, End = _mark, Value = handle, Suffix = prefix };
        }
        else
        {
            throw ScannerError("while scanning a directive", start, "found unknown directive name");
        }
        // eat the rest of the line including any comments
        Cache(1);
        while (IsBlank())
        {
            Skip();
            Cache(1);
        }
        if (Ch() == '#')
        {
            while (!IsBreakZ())
            {
                Skip();
                Cache(1);
            }
        }
        if (!IsBreakZ())
            throw ScannerError("while scanning a directive", start, "did not find expected comment or line break");
        if (IsBreak())
        {
            Cache(2);
            SkipLine();
        }
        return token;
    }

    private string ScanDirectiveName(YamlMark start)
    {
        Cache(1);
        var sb = new StringBuilder();
        while (IsAlpha())
        {
            Read(sb);
            Cache(1);
        }
        if (sb.Length == 0)
            throw ScannerError("while scanning a directive", start, "could not find expected directive name");
        if (!IsBlankZ())
            throw ScannerError("while scanning a directive", start, "found unexpected non-alphabetical character");
        return sb.ToString();
    }

    private void ScanVersionDirectiveValue(YamlMark start, out int major, out int minor)
    {
        Cache(1);
        while (IsBlank())
        {
            Skip();
            Cache(1);
        }
        major = ScanVersionDirectiveNumber(start);
        if (Ch() != '.')
            throw ScannerError("while scanning a %YAML directive", start, "did not find expected digit or '.' character");
        Skip();
        minor = ScanVersionDirectiveNumber(start);
    }

    private int ScanVersionDirectiveNumber(YamlMark start)
    {
        Cache(1);
        int value = 0, length = 0;
        while (IsDigit())
        {
            length++;
            if (length > 2)
                throw ScannerError("while scanning a %YAML directive", start, "found extremely long version number");
            value = value * 10 + (Ch() - '0');
            Skip();
            Cache(1);
        }
        if (length == 0)
            throw ScannerError("while scanning a %YAML directive", start, "did not find expected version number");
        return value;
    }

    private void ScanTagDirectiveValue(YamlMark start, out string handle, out string prefix)
    {
        Cache(1);
        while (IsBlank())
        {
            Skip();
            Cache(1);
        }
        handle = ScanTagHandle(true, start);
        Cache(1);
        if (!IsBlank())
            throw ScannerError("while scanning a %TAG directive", start, "did not find expected whitespace");
        while (IsBlank())
        {
            Skip();
            Cache(1);
        }
        prefix = ScanTagUri(true, null, start);
        Cache(1);
        if (!IsBlankZ())
            throw ScannerError("while scanning a %TAG directive", start, "did not find expected whitespace or line break");
    }

    private YamlToken ScanAnchor(YamlTokenType type)
    {
        var start = _mark;
        Skip();
        Cache(1);
        var sb = new StringBuilder();
        while (IsAlpha())
        {
            Read(sb);
            Cache(1);
        }
        var end = _mark;
        char c = Ch();
        if (sb.Length == 0 || !(IsBlankZ() || c is '?' or ':' or ',' or ']' or '}' or '%' or '@' or '`'))
            throw ScannerError(type == YamlTokenType.Anchor ? "while scanning an anchor" : "while scanning an alias", start,
                "did not find expected alphabetic or numeric character");
        return new YamlToken { Type = type, Start = start, End = end, Value = sb.ToString() };
    }

    private YamlToken ScanTag()
    {
        var start = _mark;
        string handle, suffix;
        Cache(2);
        if (Ch(1) == '<')
        {
            // the verbatim form !<uri>; the handle stays ""
            handle = "";
            Skip();
            Skip();
            suffix = ScanTagUri(false, null, start);
            if (Ch() != '>')
                throw ScannerError("while scanning a tag", start, "did not find the expected '>'");
            Skip();
        }
        else
        {
            // !suffix or !handle!suffix
            handle = ScanTagHandle(false, start);
            if (handle[0] == '!' && handle.Length > 1 && handle[^1] == '!')
            {
                suffix = ScanTagUri(false, null, start);
            }
            else
            {
                // not a handle after all: the rest is the suffix
                suffix = ScanTagUri(false, handle, start);
                handle = "!";
                // the '!' tag alone: handle "" and suffix "!"
                if (suffix.Length == 0)
                {
                    suffix = handle;
                    handle = "";
                }
            }
        }
        Cache(1);
        if (!IsBlankZ())
            throw ScannerError("while scanning a tag", start, "did not find expected whitespace or line break");
        return new YamlToken { Type = YamlTokenType.Tag, Start = start, End = _mark, Value = handle, Suffix = suffix };
    }

    private YamlReaderException TagError(bool directive, YamlMark start, string problem) =>
        ScannerError(directive ? "while parsing a %TAG directive" : "while parsing a tag", start, problem);

    private string ScanTagHandle(bool directive, YamlMark start)
    {
        Cache(1);
        if (Ch() != '!') throw TagError(directive, start, "did not find expected '!'");
        var sb = new StringBuilder();
        Read(sb);
        Cache(1);
        while (IsAlpha())
        {
            Read(sb);
            Cache(1);
        }
        if (Ch() == '!')
        {
            Read(sb);
        }
        else if (directive && !(sb.Length == 1 && sb[0] == '!'))
        {
            // in a %TAG directive the handle must end with '!'; in a tag it is part of the URI
            throw TagError(directive, start, "did not find expected '!'");
        }
        return sb.ToString();
    }

    private static bool IsUriChar(char c) =>
        c is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z' or '_' or '-' or ';' or '/' or '?' or ':' or '@'
            or '&' or '=' or '+' or '$' or ',' or '.' or '!' or '~' or '*' or '\'' or '(' or ')' or '[' or ']' or '%';

    private string ScanTagUri(bool directive, string? head, YamlMark start)
    {
        var sb = new StringBuilder();
        bool hasTag = head is { Length: > 0 };
        // the head's leading '!' is not copied
        if (head is { Length: > 1 }) sb.Append(head, 1, head.Length - 1);
        Cache(1);
        List<byte>? escaped = null;
        while (IsUriChar(Ch()))
        {
            if (Ch() == '%')
            {
                escaped ??= new List<byte>(4);
                escaped.Clear();
                ScanUriEscapes(directive, start, escaped);
                sb.Append(GoUtf8.GetString(escaped.ToArray()));
            }
            else
            {
                Read(sb);
            }
            Cache(1);
            hasTag = true;
        }
        if (!hasTag) throw TagError(directive, start, "did not find expected tag URI");
        return sb.ToString();
    }

    private void ScanUriEscapes(bool directive, YamlMark start, List<byte> s)
    {
        int w = 1024;
        while (w > 0)
        {
            Cache(3);
            if (!(Ch() == '%' && IsHex(1) && IsHex(2)))
                throw TagError(directive, start, "did not find URI escaped octet");
            int octet = (AsHex(1) << 4) + AsHex(2);
            if (w == 1024)
            {
                w = (octet & 0x80) == 0 ? 1 : (octet & 0xE0) == 0xC0 ? 2 : (octet & 0xF0) == 0xE0 ? 3 : (octet & 0xF8) == 0xF0 ? 4 : 0;
                if (w == 0) throw TagError(directive, start, "found an incorrect leading UTF-8 octet");
            }
            else if ((octet & 0xC0) != 0x80)
            {
                throw TagError(directive, start, "found an incorrect trailing UTF-8 octet");
            }
            s.Add((byte)octet);
            Skip();
            Skip();
            Skip();
            w--;
        }
    }

    private YamlToken ScanBlockScalar(bool literal)
    {
        var start = _mark;
        Skip();
        Cache(1);
        int chomping = 0, increment = 0;
        if (Ch() is '+' or '-')
        {
            chomping = Ch() == '+' ? 1 : -1;
            Skip();
            Cache(1);
            if (IsDigit())
            {
                if (Ch() == '0')
                    throw ScannerError("while scanning a block scalar", start, "found an indentation indicator equal to 0");
                increment = Ch() - '0';
                Skip();
            }
        }
        else if (IsDigit())
        {
            if (Ch() == '0')
                throw ScannerError("while scanning a block scalar", start, "found an indentation indicator equal to 0");
            increment = Ch() - '0';
            Skip();
            Cache(1);
            if (Ch() is '+' or '-')
            {
                chomping = Ch() == '+' ? 1 : -1;
                Skip();
            }
        }
        // eat blanks and a comment to the end of the line
        Cache(1);
        while (IsBlank())
        {
            Skip();
            Cache(1);
        }
        if (Ch() == '#')
        {
            while (!IsBreakZ())
            {
                Skip();
                Cache(1);
            }
        }
        if (!IsBreakZ())
            throw ScannerError("while scanning a block scalar", start, "did not find expected comment or line break");
        if (IsBreak())
        {
            Cache(2);
            SkipLine();
        }
        var end = _mark;
        int indent = 0;
        if (increment > 0) indent = _indent >= 0 ? _indent + increment : increment;

        var s = _sb.Clear();
        var leadingBreak = _leadingBreak.Clear();
        var trailingBreaks = _trailingBreaks.Clear();
        // the leading line breaks, and the indentation when it is not given
        BlockScalarBreaks(ref indent, trailingBreaks, start, ref end);
        Cache(1);
        bool leadingBlank = false;
        while (_mark.Column == indent && !IsZ())
        {
            // the start of a non-empty line
            bool trailingBlank = IsBlank();
            if (!literal && !leadingBlank && !trailingBlank && leadingBreak.Length > 0 && leadingBreak[0] == '\n')
            {
                // fold the line break: a space unless empty lines follow
                if (trailingBreaks.Length == 0) s.Append(' ');
            }
            else
            {
                s.Append(leadingBreak);
            }
            leadingBreak.Clear();
            s.Append(trailingBreaks);
            trailingBreaks.Clear();
            leadingBlank = IsBlank();
            // the rest of the line
            while (!IsBreakZ())
            {
                ReadRun(s);
                Cache(1);
            }
            Cache(2);
            ReadLine(leadingBreak);
            BlockScalarBreaks(ref indent, trailingBreaks, start, ref end);
        }
        // chomp the tail
        if (chomping != -1) s.Append(leadingBreak);
        if (chomping == 1) s.Append(trailingBreaks);
        return new YamlToken
        {
            Type = YamlTokenType.Scalar,
            Start = start,
            End = end,
            Value = Dropping ? null : s.ToString(),
            Lazy = Dropping ? YamlLazyValue.Dropped : YamlLazyValue.None,
            Style = literal ? YamlScalarStyle.Literal : YamlScalarStyle.Folded,
        };
    }

    // What a run may copy (ReadSafeRun): the ASCII characters other than its stops. A run also stops at every
    // non-ASCII character, which the caller's character-by-character path then takes (NEL, LS, PS and surrogates must
    // stop it; other non-ASCII characters only lose the shortcut). ASCII-only sets are bitmaps, cheap to build: sets
    // holding the 2,048 surrogates were probabilistic maps that cost about 0.5 ms of every process's start.
    private static readonly SearchValues<char> s_plainBlockSafe = AsciiExcept(" \t\r\n\0:");
    private static readonly SearchValues<char> s_plainFlowSafe = AsciiExcept(" \t\r\n\0:,?[]{}");
    private static readonly SearchValues<char> s_singleQuotedSafe = AsciiExcept(" \t\r\n\0'");
    private static readonly SearchValues<char> s_doubleQuotedSafe = AsciiExcept(" \t\r\n\0\"\\");

    private static SearchValues<char> AsciiExcept(string stops)
    {
        var safe = new List<char>(128);
        for (char c = (char)0; c < (char)128; c++) if (!stops.Contains(c)) safe.Add(c);
        return SearchValues.Create(safe.ToArray());
    }

    /// <summary>
    /// Copies a run of characters all of which <paramref name="safe"/> holds: what the scanner's loop would copy one
    /// <c>read</c> at a time, each followed by a <c>cache(<paramref name="keepUnread"/>)</c> that finds enough characters
    /// decoded (the run stops while that many remain unread, so no decoding happens at another time than in go-yaml).
    /// </summary>
    private void ReadSafeRun(StringBuilder? s, SearchValues<char> safe, int keepUnread = 2)
    {
        int max = Math.Min(_decoded - _pos, _unread - keepUnread);
        if (max <= 0) return;
        int n = _s.AsSpan(_pos, max).IndexOfAnyExcept(safe);
        if (n < 0) n = max;
        if (n == 0) return;
        s?.Append(_s, _pos, n);
        _pos += n;
        _mark.Index += n;
        _mark.Column += n;
        _unread -= n;
    }

    /// <summary>
    /// Copies the characters up to the next line break or the end of the decoded buffer (one or more <c>read</c>s in
    /// go-yaml; a <c>cache(1)</c> follows each, which can only decode more when the buffer is exhausted).
    /// </summary>
    private void ReadRun(StringBuilder s)
    {
        // at least one character, as read() does
        Read(s);
        // then a run of decoded characters up to a line break, keeping one unread so that the caller's cache(1) is the
        // one that decodes further
        ReadSafeRun(s, s_lineSafe, 1);
    }

    /// <summary>
    /// Skips the spaces at the position, keeping one character unread: what as many <c>skip</c>s, each followed by a
    /// <c>cache(1)</c> that finds enough characters decoded, do. False when it skipped none.
    /// </summary>
    private bool SkipSpaceRun()
    {
        int max = Math.Min(_decoded - _pos, _unread - 1);
        if (max <= 0) return false;
        int n = _s.AsSpan(_pos, max).IndexOfAnyExcept(' ');
        if (n < 0) n = max;
        if (n == 0) return false;
        _pos += n;
        _mark.Index += n;
        _mark.Column += n;
        _unread -= n;
        return true;
    }

    private static readonly SearchValues<char> s_lineSafe = AsciiExcept("\r\n\0");

    private void BlockScalarBreaks(ref int indent, StringBuilder breaks, YamlMark start, ref YamlMark end)
    {
        end = _mark;
        int maxIndent = 0;
        while (true)
        {
            // eat the indentation spaces
            Cache(1);
            while ((indent == 0 || _mark.Column < indent) && IsSpace())
            {
                Skip();
                Cache(1);
            }
            if (_mark.Column > maxIndent) maxIndent = _mark.Column;
            // a tab where indentation is expected
            if ((indent == 0 || _mark.Column < indent) && IsTab())
                throw ScannerError("while scanning a block scalar", start, "found a tab character where an indentation space is expected");
            if (!IsBreak()) break;
            Cache(2);
            ReadLine(breaks);
            end = _mark;
        }
        // determine the indentation when it is not given
        if (indent == 0)
        {
            indent = maxIndent;
            if (indent < _indent + 1) indent = _indent + 1;
            if (indent < 1) indent = 1;
        }
    }

    /// <summary>The builder, emptied (most are empty already: no call into the builder then).</summary>
    private static StringBuilder Cleared(StringBuilder sb) => sb.Length == 0 ? sb : sb.Clear();

    private YamlToken ScanFlowScalar(bool single)
    {
        var start = _mark;
        Skip();
        var s = Cleared(_sb);
        var leadingBreak = Cleared(_leadingBreak);
        var trailingBreaks = Cleared(_trailingBreaks);
        var whitespaces = Cleared(_whitespaces);
        while (true)
        {
            // no document indicators at the start of a line
            Cache(4);
            if (_mark.Column == 0 &&
                (Ch() == '-' && Ch(1) == '-' && Ch(2) == '-' || Ch() == '.' && Ch(1) == '.' && Ch(2) == '.') &&
                IsBlankZ(3))
                throw ScannerError("while scanning a quoted scalar", start, "found unexpected document indicator");
            if (IsZ())
                throw ScannerError("while scanning a quoted scalar", start, "found unexpected end of stream");
            bool leadingBlanks = false;
            // non-blank characters
            while (!IsBlankZ())
            {
                char c = Ch();
                if (single && c == '\'' && Ch(1) == '\'')
                {
                    // an escaped single quote
                    s.Append('\'');
                    Skip();
                    Skip();
                }
                else if (single && c == '\'')
                {
                    break;
                }
                else if (!single && c == '"')
                {
                    break;
                }
                else if (!single && c == '\\' && IsBreak(1))
                {
                    // an escaped line break
                    Cache(3);
                    Skip();
                    SkipLine();
                    leadingBlanks = true;
                    break;
                }
                else if (!single && c == '\\')
                {
                    int codeLength = 0;
                    switch (Ch(1))
                    {
                        case '0': s.Append('\0'); break;
                        case 'a': s.Append('\x07'); break;
                        case 'b': s.Append('\x08'); break;
                        case 't': case '\t': s.Append('\x09'); break;
                        case 'n': s.Append('\x0A'); break;
                        case 'v': s.Append('\x0B'); break;
                        case 'f': s.Append('\x0C'); break;
                        case 'r': s.Append('\x0D'); break;
                        case 'e': s.Append('\x1B'); break;
                        case ' ': s.Append(' '); break;
                        case '"': s.Append('"'); break;
                        case '\'': s.Append('\''); break;
                        case '\\': s.Append('\\'); break;
                        case 'N': s.Append('\u0085'); break;
                        case '_': s.Append('\u00A0'); break;
                        case 'L': s.Append('\u2028'); break;
                        case 'P': s.Append('\u2029'); break;
                        case 'x': codeLength = 2; break;
                        case 'u': codeLength = 4; break;
                        case 'U': codeLength = 8; break;
                        default:
                            throw ScannerError("while parsing a quoted scalar", start, "found unknown escape character");
                    }
                    Skip();
                    Skip();
                    if (codeLength > 0)
                    {
                        Cache(codeLength);
                        long value = 0;
                        for (int k = 0; k < codeLength; k++)
                        {
                            if (!IsHex(k))
                                throw ScannerError("while parsing a quoted scalar", start, "did not find expected hexdecimal number");
                            value = (value << 4) + AsHex(k);
                        }
                        if (value >= 0xD800 && value <= 0xDFFF || value > 0x10FFFF)
                            throw ScannerError("while parsing a quoted scalar", start, "found invalid Unicode character escape code");
                        s.Append(char.ConvertFromUtf32((int)value));
                        for (int k = 0; k < codeLength; k++) Skip();
                    }
                }
                else
                {
                    Read(s);
                    Cache(2);
                    if (_unread > 2) ReadSafeRun(s, single ? s_singleQuotedSafe : s_doubleQuotedSafe);
                    continue;
                }
                Cache(2);
            }
            Cache(1);
            if (single ? Ch() == '\'' : Ch() == '"') break;
            // blanks and line breaks
            while (IsBlank() || IsBreak())
            {
                if (IsBlank())
                {
                    if (!leadingBlanks) Read(whitespaces);
                    else Skip();
                }
                else
                {
                    Cache(2);
                    if (!leadingBlanks)
                    {
                        whitespaces.Clear();
                        ReadLine(leadingBreak);
                        leadingBlanks = true;
                    }
                    else
                    {
                        ReadLine(trailingBreaks);
                    }
                }
                Cache(1);
            }
            // join the whitespace or fold the line breaks
            if (leadingBlanks)
            {
                if (leadingBreak.Length > 0 && leadingBreak[0] == '\n')
                {
                    if (trailingBreaks.Length == 0) s.Append(' ');
                    else s.Append(trailingBreaks);
                }
                else
                {
                    s.Append(leadingBreak);
                    s.Append(trailingBreaks);
                }
                trailingBreaks.Clear();
                leadingBreak.Clear();
            }
            else
            {
                s.Append(whitespaces);
                whitespaces.Clear();
            }
        }
        // the closing quote
        Skip();
        return new YamlToken
        {
            Type = YamlTokenType.Scalar,
            Start = start,
            End = _mark,
            Value = Dropping ? null : _strings.Get(s),
            Lazy = Dropping ? YamlLazyValue.Dropped : YamlLazyValue.None,
            Style = single ? YamlScalarStyle.SingleQuoted : YamlScalarStyle.DoubleQuoted,
        };
    }

    private YamlToken ScanPlainScalar()
    {
        var s = Cleared(_sb);
        var leadingBreak = Cleared(_leadingBreak);
        var trailingBreaks = Cleared(_trailingBreaks);
        var whitespaces = Cleared(_whitespaces);
        bool leadingBlanks = false;
        int indent = _indent + 1;
        var start = _mark;
        var end = _mark;
        // until a line break is folded the value is the text from its start to its last non-blank character: it is cut
        // from the input then, and copied only from the first fold on
        int startPos = _pos, contentEnd = _pos;
        bool copied = false;
        while (true)
        {
            // a document indicator ends the scalar
            Cache(4);
            if (_mark.Column == 0 &&
                (Ch() == '-' && Ch(1) == '-' && Ch(2) == '-' || Ch() == '.' && Ch(1) == '.' && Ch(2) == '.') &&
                IsBlankZ(3))
                break;
            // a comment ends it
            if (Ch() == '#') break;
            // non-blank characters
            while (!IsBlankZ())
            {
                char c = Ch();
                if (c == ':' && IsBlankZ(1) || _flowLevel > 0 && c is ',' or '?' or '[' or ']' or '{' or '}')
                    break;
                if (leadingBlanks || whitespaces.Length > 0)
                {
                    if (!copied && leadingBlanks)
                    {
                        s.Append(_s, startPos, contentEnd - startPos);
                        copied = true;
                    }
                    if (leadingBlanks)
                    {
                        // fold the line breaks
                        if (leadingBreak[0] == '\n')
                        {
                            if (trailingBreaks.Length == 0) s.Append(' ');
                            else s.Append(trailingBreaks);
                        }
                        else
                        {
                            s.Append(leadingBreak);
                            s.Append(trailingBreaks);
                        }
                        trailingBreaks.Clear();
                        leadingBreak.Clear();
                        leadingBlanks = false;
                    }
                    else
                    {
                        if (copied) s.Append(whitespaces);
                        whitespaces.Clear();
                    }
                }
                if (copied) Read(s); else Skip();
                end = _mark;
                Cache(2);
                if (_unread > 2)
                {
                    ReadSafeRun(copied ? s : null, _flowLevel > 0 ? s_plainFlowSafe : s_plainBlockSafe);
                    end = _mark;
                }
                contentEnd = _pos;
            }
            // the end?
            if (!(IsBlank() || IsBreak())) break;
            // blanks and line breaks
            Cache(1);
            while (IsBlank() || IsBreak())
            {
                if (IsBlank())
                {
                    // a tab that abuses the indentation
                    if (leadingBlanks && _mark.Column < indent && IsTab())
                        throw ScannerError("while scanning a plain scalar", start, "found a tab character that violates indentation");
                    if (!leadingBlanks) Read(whitespaces);
                    else Skip();
                }
                else
                {
                    Cache(2);
                    if (!leadingBlanks)
                    {
                        whitespaces.Clear();
                        ReadLine(leadingBreak);
                        leadingBlanks = true;
                    }
                    else
                    {
                        ReadLine(trailingBreaks);
                    }
                }
                Cache(1);
            }
            // the indentation ends a block scalar
            if (_flowLevel == 0 && _mark.Column < indent) break;
        }
        // a simple key may follow a line break
        if (leadingBlanks) _simpleKeyAllowed = true;
        if (LazyValues)
        {
            // the value of a one-line scalar stays in the text; a folded one is made unless dropped
            var lazy = !copied ? YamlLazyValue.Slice : DropValues ? YamlLazyValue.Dropped : YamlLazyValue.None;
            return new YamlToken
            {
                Type = YamlTokenType.Scalar,
                Start = start,
                End = end,
                Value = lazy == YamlLazyValue.None ? _strings.Get(s) : null,
                Lazy = lazy,
                SliceStart = startPos,
                SliceLength = contentEnd - startPos,
                Style = YamlScalarStyle.Plain,
            };
        }
        return new YamlToken
        {
            Type = YamlTokenType.Scalar,
            Start = start,
            End = end,
            Value = copied ? _strings.Get(s) : _strings.Get(_s.AsSpan(startPos, contentEnd - startPos)),
            Style = YamlScalarStyle.Plain,
        };
    }
}
