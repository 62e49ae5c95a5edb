using System.Text;
using HelmSharp.Go;

namespace HelmSharp.Template.Parse;

/// <summary>Token types (Go's <c>itemType</c>); keywords come after <see cref="Keyword"/>.</summary>
internal enum ItemType
{
    Error, Bool, Char, CharConstant, Comment, Complex, Assign, Declare, EOF, Field, Identifier,
    LeftDelim, LeftParen, Number, Pipe, RawString, RightDelim, RightParen, Space, String, Text, Variable,
    Keyword, Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
}

/// <summary>A token: type, UTF-8 byte position, text and 1-based line.</summary>
/// <remarks>A long text token of an all-ASCII source is kept as a slice of the source (no string of its own until
/// <see cref="Value"/> is asked for): the parser turns it into a <see cref="TextNode"/> without copying it.</remarks>
internal readonly struct Item
{
    private readonly string? _value;
    private readonly string? _source;
    private readonly int _start, _length;

    public Item(ItemType type, int pos, string value, int line) { Type = type; Pos = pos; _value = value; Line = line; }

    /// <summary>A token whose text is <paramref name="length"/> characters of <paramref name="source"/> from <paramref name="start"/>.</summary>
    public Item(ItemType type, int pos, string source, int start, int length, int line)
    {
        Type = type; Pos = pos; _source = source; _start = start; _length = length; Line = line;
    }

    public ItemType Type { get; }
    public int Pos { get; }
    public int Line { get; }
    /// <summary>The token's text (a new string for a source slice: use <see cref="Memory"/> where that is enough).</summary>
    public string Value => _value ?? _source!.Substring(_start, _length);
    /// <summary>The token's text without making a string of it.</summary>
    public ReadOnlyMemory<char> Memory => _value != null ? _value.AsMemory() : _source.AsMemory(_start, _length);
    /// <summary>The length of the text in characters.</summary>
    public int Length => _value != null ? _value.Length : _length;

    /// <summary>Go's <c>item.String()</c>.</summary>
    public override string ToString()
    {
        if (Type == ItemType.EOF) return "EOF";
        if (Type == ItemType.Error) return Value;
        if (Type > ItemType.Keyword) return "<" + Value + ">";
        if (Value.Length > 10 || HelmSharp.Go.GoUtf8.GetByteCount(Value) > 10)
        {
            // Go: %.10q — precision counts runes of the input.
            var sb = new StringBuilder();
            int n = 0;
            foreach (var r in Value.EnumerateRunes()) { if (n++ == 10) break; sb.Append(r.ToString()); }
            if (n > 10) return HelmSharp.Go.GoStrconv.Quote(sb.ToString()) + "...";
        }
        return HelmSharp.Go.GoStrconv.Quote(Value);
    }
}

/// <summary>Go's state-function lexer (pull model): <see cref="NextItem"/> runs states until one item is produced.</summary>
internal sealed class Lexer
{

    private const int Eof = -1;
    private static readonly byte[] LeftDelimBytes = "{{"u8.ToArray();
    private static readonly byte[] RightDelimBytes = "}}"u8.ToArray();

    private readonly byte[] _input;
    private readonly string? _asciiText;
    private int _inputLen;
    private int _pos, _start, _parenDepth, _line = 1, _startLine = 1;
    private bool _atEOF, _insideAction;
    private Item _item;
    private readonly bool _breakOK, _continueOK, _countCommentLines;

    /// <param name="input">UTF-8 source.</param>
    /// <param name="breakOK">break is a keyword (no function named break).</param>
    /// <param name="continueOK">continue is a keyword.</param>
    /// <param name="countCommentLines">Go 1.25 counts newlines inside comments for line numbers; Go 1.23 (Helm 3) does not.</param>
    /// <param name="asciiText">The source as a string when every byte of <paramref name="input"/> is ASCII (byte and
    /// character offsets are then the same, and token texts are cut from it instead of decoded).</param>
    /// <param name="length">How many bytes of <paramref name="input"/> are the source (a pooled buffer may be longer); -1: all.</param>
    public Lexer(byte[] input, bool breakOK, bool continueOK, bool countCommentLines = true, string? asciiText = null, int length = -1)
    {
        _input = input; _inputLen = length < 0 ? input.Length : length; _breakOK = breakOK; _continueOK = continueOK; _countCommentLines = countCommentLines;
        if (asciiText != null && asciiText.Length == _inputLen) _asciiText = asciiText;
    }

    private enum State { Text, LeftDelim, Comment, RightDelim, InsideAction, Space, Identifier, Field, Variable, Char, Number, Quote, RawQuote, Done }

    public Item NextItem()
    {
        _item = new Item(ItemType.EOF, _pos, "EOF", _startLine);
        var state = _insideAction ? State.InsideAction : State.Text;
        while (state != State.Done) state = Step(state);
        return _item;
    }

    private State Step(State s) => s switch
    {
        State.Text => LexText(),
        State.LeftDelim => LexLeftDelim(),
        State.Comment => LexComment(),
        State.RightDelim => LexRightDelim(),
        State.InsideAction => LexInsideAction(),
        State.Space => LexSpace(),
        State.Identifier => LexIdentifier(),
        State.Field => LexFieldOrVariable(ItemType.Field),
        State.Variable => LexVariable(),
        State.Char => LexChar(),
        State.Number => LexNumber(),
        State.Quote => LexQuote(),
        State.RawQuote => LexRawQuote(),
        _ => State.Done,
    };

    private int Next()
    {
        if (_pos >= _inputLen) { _atEOF = true; return Eof; }
        byte b = _input[_pos];
        if (b < 0x80)
        {
            _pos++;
            if (b == '\n') _line++;
            return b;
        }
        var st = System.Text.Rune.DecodeFromUtf8(_input.AsSpan(_pos, _inputLen - _pos), out var r, out int w);
        _pos += Math.Max(w, 1);
        return st == System.Buffers.OperationStatus.Done ? r.Value : 0xFFFD;
    }

    private int Peek() { int r = Next(); Backup(); return r; }

    private void Backup()
    {
        if (!_atEOF && _pos > 0)
        {
            var st = System.Text.Rune.DecodeLastFromUtf8(_input.AsSpan(0, _pos), out var r, out int w);
            _pos -= Math.Max(w, 1);
            if (st == System.Buffers.OperationStatus.Done && r.Value == '\n') _line--;
        }
    }

    private string Slice(int from, int to)
    {
        int n = to - from;
        if (n <= HelmSharp.Go.ShortStrings.MaxLength)
        {
            var span = _input.AsSpan(from, n);
            if (System.Text.Ascii.IsValid(span)) return HelmSharp.Go.ShortStrings.ForThread().GetAscii(span);
        }
        return _asciiText != null ? _asciiText.Substring(from, n) : HelmSharp.Go.GoUtf8.GetString(_input, from, n);
    }

    private Item ThisItem(ItemType t)
    {
        int n = _pos - _start;
        var i = t == ItemType.Text && _asciiText != null && n > HelmSharp.Go.ShortStrings.MaxLength
            ? new Item(t, _start, _asciiText, _start, n, _startLine)
            : new Item(t, _start, Slice(_start, _pos), _startLine);
        _start = _pos; _startLine = _line;
        return i;
    }

    private State Emit(ItemType t) { _item = ThisItem(t); return State.Done; }
    private State EmitItem(Item i) { _item = i; return State.Done; }

    private void Ignore()
    {
        _line += CountNewlines(_start, _pos);
        _start = _pos; _startLine = _line;
    }

    private int CountNewlines(int from, int to) => to > from ? _input.AsSpan(from, to - from).Count((byte)'\n') : 0;

    private bool Accept(string valid)
    {
        int r = Next();
        if (r >= 0 && r < 128 && valid.IndexOf((char)r) >= 0) return true;
        Backup();
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (true)
        {
            int r = Next();
            if (r >= 0 && r < 128 && valid.IndexOf((char)r) >= 0) continue;
            break;
        }
        Backup();
    }

    private State Errorf(string msg)
    {
        _item = new Item(ItemType.Error, _start, msg, _startLine);
        _start = 0; _pos = 0; _inputLen = 0;
        return State.Done;
    }

    private bool HasPrefix(int at, byte[] p)
    {
        if (at < 0 || at + p.Length > _inputLen) return false;
        for (int i = 0; i < p.Length; i++) if (_input[at + i] != p[i]) return false;
        return true;
    }

    private bool HasPrefix(int at, char a, char b) => at >= 0 && at + 2 <= _inputLen && _input[at] == a && _input[at + 1] == b;

    private static bool IsSpace(int r) => r == ' ' || r == '\t' || r == '\r' || r == '\n';

    private static bool IsAlphaNumeric(int r)
    {
        if (r == '_') return true;
        if (r < 0) return false;
        if (r < 128) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9');
        if (!System.Text.Rune.IsValid(r)) return false;
        var rr = new System.Text.Rune(r);
        return System.Text.Rune.IsLetter(rr) || System.Text.Rune.IsDigit(rr);
    }

    private bool HasLeftTrimMarker(int at) => at + 2 <= _inputLen && _input[at] == '-' && IsSpace(_input[at + 1]);
    private bool HasRightTrimMarker(int at) => at >= 0 && at + 2 <= _inputLen && IsSpace(_input[at]) && _input[at + 1] == '-';

    private State LexText()
    {
        int x = _input.AsSpan(_pos, _inputLen - _pos).IndexOf(LeftDelimBytes);
        if (x >= 0)
        {
            if (x > 0)
            {
                _pos += x;
                int trimLength = 0;
                int delimEnd = _pos + LeftDelimBytes.Length;
                if (HasLeftTrimMarker(delimEnd))
                {
                    int e = _pos;
                    while (e > _start && IsSpace(_input[e - 1])) e--;
                    trimLength = _pos - e;
                }
                _pos -= trimLength;
                _line += CountNewlines(_start, _pos);
                var i = ThisItem(ItemType.Text);
                _pos += trimLength;
                Ignore();
                if (i.Length > 0) return EmitItem(i);
            }
            return State.LeftDelim;
        }
        _pos = _inputLen;
        if (_pos > _start)
        {
            _line += CountNewlines(_start, _pos);
            return Emit(ItemType.Text);
        }
        return Emit(ItemType.EOF);
    }

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(_pos) && HasPrefix(_pos + 2, RightDelimBytes)) return (true, true);
        if (HasPrefix(_pos, RightDelimBytes)) return (true, false);
        return (false, false);
    }

    private int LeftTrimLength(int at)
    {
        int e = at;
        while (e < _inputLen && IsSpace(_input[e])) e++;
        return e - at;
    }

    private State LexLeftDelim()
    {
        _pos += LeftDelimBytes.Length;
        bool trimSpace = HasLeftTrimMarker(_pos);
        int afterMarker = trimSpace ? 2 : 0;
        if (HasPrefix(_pos + afterMarker, '/', '*'))
        {
            _pos += afterMarker;
            Ignore();
            return State.Comment;
        }
        var i = ThisItem(ItemType.LeftDelim);
        _insideAction = true;
        _pos += afterMarker;
        Ignore();
        _parenDepth = 0;
        return EmitItem(i);
    }

    private State LexComment()
    {
        _pos += 2;
        int x = _input.AsSpan(_pos, _inputLen - _pos).IndexOf("*/"u8);
        if (x < 0) return Errorf("unclosed comment");
        _pos += x + 2;
        var (delim, trimSpace) = AtRightDelim();
        if (!delim) return Errorf("comment ends before closing delimiter");
        if (_countCommentLines) _line += CountNewlines(_start, _pos);
        ThisItem(ItemType.Comment);
        if (trimSpace) _pos += 2;
        _pos += RightDelimBytes.Length;
        if (trimSpace) _pos += LeftTrimLength(_pos);
        Ignore();
        return State.Text;
    }

    private State LexRightDelim()
    {
        var (_, trimSpace) = AtRightDelim();
        if (trimSpace) { _pos += 2; Ignore(); }
        _pos += RightDelimBytes.Length;
        var i = ThisItem(ItemType.RightDelim);
        if (trimSpace) { _pos += LeftTrimLength(_pos); Ignore(); }
        _insideAction = false;
        return EmitItem(i);
    }

    private State LexInsideAction()
    {
        var (delim, _) = AtRightDelim();
        if (delim)
        {
            if (_parenDepth == 0) return State.RightDelim;
            return Errorf("unclosed left paren");
        }
        int r = Next();
        switch (r)
        {
            case Eof: return Errorf("unclosed action");
            case ' ' or '\t' or '\r' or '\n': Backup(); return State.Space;
            case '=': return Emit(ItemType.Assign);
            case ':':
                if (Next() != '=') return Errorf("expected :=");
                return Emit(ItemType.Declare);
            case '|': return Emit(ItemType.Pipe);
            case '"': return State.Quote;
            case '`': return State.RawQuote;
            case '$': return State.Variable;
            case '\'': return State.Char;
            case '.':
                if (_pos < _inputLen)
                {
                    byte c = _input[_pos];
                    if (c < '0' || c > '9') return State.Field;
                }
                Backup();
                return State.Number;
            case '+' or '-' or (>= '0' and <= '9'):
                Backup();
                return State.Number;
            case '(':
                _parenDepth++;
                return Emit(ItemType.LeftParen);
            case ')':
                _parenDepth--;
                if (_parenDepth < 0) return Errorf("unexpected right paren");
                return Emit(ItemType.RightParen);
        }
        if (IsAlphaNumeric(r)) { Backup(); return State.Identifier; }
        if (r <= 0x7F && r >= 0x20 && r != 0x7F) return Emit(ItemType.Char);
        return Errorf("unrecognized character in action: " + FormatU(r));
    }

    /// <summary>Go's <c>%#U</c>.</summary>
    internal static string FormatU(int r) => GoFormat.Sprintf("%#U", r);

    private State LexSpace()
    {
        int numSpaces = 0;
        while (true)
        {
            int r = Peek();
            if (!IsSpace(r)) break;
            Next();
            numSpaces++;
        }
        if (HasRightTrimMarker(_pos - 1) && HasPrefix(_pos - 1 + 2, RightDelimBytes))
        {
            Backup();
            if (numSpaces == 1) return State.RightDelim;
        }
        return Emit(ItemType.Space);
    }

    private State LexIdentifier()
    {
        while (true)
        {
            int r = Next();
            if (IsAlphaNumeric(r)) continue;
            Backup();
            string word = Slice(_start, _pos);
            if (!AtTerminator()) return Errorf("bad character " + FormatU(r));
            var kw = Keyword(word);
            if (kw > ItemType.Keyword)
            {
                if ((kw == ItemType.Break && !_breakOK) || (kw == ItemType.Continue && !_continueOK)) return Emit(ItemType.Identifier);
                return Emit(kw);
            }
            if (word[0] == '.') return Emit(ItemType.Field);
            if (word == "true" || word == "false") return Emit(ItemType.Bool);
            return Emit(ItemType.Identifier);
        }
    }

    private static ItemType Keyword(string w) => w switch
    {
        "." => ItemType.Dot,
        "block" => ItemType.Block,
        "break" => ItemType.Break,
        "continue" => ItemType.Continue,
        "define" => ItemType.Define,
        "else" => ItemType.Else,
        "end" => ItemType.End,
        "if" => ItemType.If,
        "range" => ItemType.Range,
        "nil" => ItemType.Nil,
        "template" => ItemType.Template,
        "with" => ItemType.With,
        _ => ItemType.Error,
    };

    private State LexVariable()
    {
        if (AtTerminator()) return Emit(ItemType.Variable);
        return LexFieldOrVariable(ItemType.Variable);
    }

    private State LexFieldOrVariable(ItemType typ)
    {
        if (AtTerminator()) return Emit(typ == ItemType.Variable ? ItemType.Variable : ItemType.Dot);
        int r;
        while (true)
        {
            r = Next();
            if (!IsAlphaNumeric(r)) { Backup(); break; }
        }
        if (!AtTerminator()) return Errorf("bad character " + FormatU(r));
        return Emit(typ);
    }

    private bool AtTerminator()
    {
        int r = Peek();
        if (IsSpace(r)) return true;
        switch (r)
        {
            case Eof: case '.': case ',': case '|': case ':': case ')': case '(':
                return true;
        }
        return HasPrefix(_pos, RightDelimBytes);
    }

    private State LexChar()
    {
        while (true)
        {
            int r = Next();
            if (r == '\\')
            {
                int r2 = Next();
                if (r2 != Eof && r2 != '\n') continue;
                return Errorf("unterminated character constant");
            }
            if (r == Eof || r == '\n') return Errorf("unterminated character constant");
            if (r == '\'') break;
        }
        return Emit(ItemType.CharConstant);
    }

    private State LexNumber()
    {
        if (!ScanNumber()) return Errorf("bad number syntax: " + HelmSharp.Go.GoStrconv.Quote(Slice(_start, _pos)));
        int sign = Peek();
        if (sign == '+' || sign == '-')
        {
            if (!ScanNumber() || _input[_pos - 1] != 'i') return Errorf("bad number syntax: " + HelmSharp.Go.GoStrconv.Quote(Slice(_start, _pos)));
            return Emit(ItemType.Complex);
        }
        return Emit(ItemType.Number);
    }

    private bool ScanNumber()
    {
        Accept("+-");
        string digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX")) digits = "0123456789abcdefABCDEF_";
            else if (Accept("oO")) digits = "01234567_";
            else if (Accept("bB")) digits = "01_";
        }
        AcceptRun(digits);
        if (Accept(".")) AcceptRun(digits);
        if (digits.Length == 11 && Accept("eE")) { Accept("+-"); AcceptRun("0123456789_"); }
        if (digits.Length == 23 && Accept("pP")) { Accept("+-"); AcceptRun("0123456789_"); }
        Accept("i");
        if (IsAlphaNumeric(Peek())) { Next(); return false; }
        return true;
    }

    private State LexQuote()
    {
        while (true)
        {
            int r = Next();
            if (r == '\\')
            {
                int r2 = Next();
                if (r2 != Eof && r2 != '\n') continue;
                return Errorf("unterminated quoted string");
            }
            if (r == Eof || r == '\n') return Errorf("unterminated quoted string");
            if (r == '"') break;
        }
        return Emit(ItemType.String);
    }

    private State LexRawQuote()
    {
        while (true)
        {
            int r = Next();
            if (r == Eof) return Errorf("unterminated raw quoted string");
            if (r == '`') break;
        }
        return Emit(ItemType.RawString);
    }
}
