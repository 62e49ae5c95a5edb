using System.Globalization;
using System.Text;
using HelmSharp.Go;

namespace HelmSharp.UnitTest;

/// <summary>
/// The JSONPath dialect of <c>vmware-labs/yaml-jsonpath</c> v0.3.2, which the helm-unittest plugin evaluates every
/// <c>path</c> with: dotted and undotted children, <c>['quoted']</c> children, <c>[n]</c>/<c>[a:b:c]</c>/unions,
/// <c>*</c>, recursive descent <c>..</c>, filters <c>[?(@.a == 'x' &amp;&amp; @.b &gt; 1)]</c> with <c>=~ /regex/</c>, and the
/// property-name operator <c>~</c>. The lexer, its error texts and the matching rules follow the library.
/// </summary>
internal sealed class YamlPath
{
    private readonly Func<PathNode, PathNode, List<PathNode>> _f;

    private YamlPath(Func<PathNode, PathNode, List<PathNode>> f) => _f = f;

    /// <summary>Applies the path to <paramref name="root"/>; the matching nodes (possibly repeated).</summary>
    public List<PathNode> Find(PathNode root) => StackGuard.Run((this, root), static t => t.Item1._f(t.root, t.root));

    /// <summary>Compiles a path; throws <see cref="UnitTestException"/> with the library's message for bad syntax.</summary>
    public static YamlPath Compile(string path)
    {
        var lexemes = Lexer.Lex(path);
        int pos = 0;
        return Build(lexemes, ref pos);
    }

    // ------------------------------------------------------------------ path construction (path.go)

    private static YamlPath Build(List<Lexeme> lx, ref int pos)
    {
        var l = pos < lx.Count ? lx[pos++] : new Lexeme(LexemeType.EOF, "");
        switch (l.Type)
        {
            case LexemeType.Error:
                throw new UnitTestException(l.Val);
            case LexemeType.Identity:
            case LexemeType.EOF:
                return new YamlPath(Identity);
            case LexemeType.Root:
                {
                    var sub = Build(lx, ref pos);
                    return new YamlPath((node, root) => sub._f(node, root));
                }
            case LexemeType.RecursiveDescent:
                {
                    var sub = Build(lx, ref pos);
                    var childName = l.Val.StartsWith("..", StringComparison.Ordinal) ? l.Val[2..] : l.Val;
                    switch (childName)
                    {
                        case "*":
                            {
                                var all = AllChildrenThen(sub);
                                return new YamlPath((node, root) => Compose(Recurse(node), all, root));
                            }
                        case "":
                            return new YamlPath((node, root) => Compose(Recurse(node), sub, root));
                        default:
                            {
                                var child = ChildThen(childName, sub);
                                return new YamlPath((node, root) => Compose(Recurse(node), child, root));
                            }
                    }
                }
            case LexemeType.DotChild:
                {
                    var sub = Build(lx, ref pos);
                    return ChildThen(l.Val.StartsWith('.') ? l.Val[1..] : l.Val, sub);
                }
            case LexemeType.UndottedChild:
                {
                    var sub = Build(lx, ref pos);
                    return ChildThen(l.Val, sub);
                }
            case LexemeType.BracketChild:
                {
                    var sub = Build(lx, ref pos);
                    var names = TrimBrackets(l.Val.Trim());
                    return BracketChildThen(names.Trim(), sub);
                }
            case LexemeType.ArraySubscript:
                {
                    var sub = Build(lx, ref pos);
                    var subscript = l.Val;
                    if (subscript.StartsWith('[')) subscript = subscript[1..];
                    if (subscript.EndsWith(']')) subscript = subscript[..^1];
                    return ArraySubscriptThen(subscript, sub);
                }
            case LexemeType.FilterBegin:
            case LexemeType.RecursiveFilterBegin:
                {
                    bool recursive = l.Type == LexemeType.RecursiveFilterBegin;
                    var filterLexemes = new List<Lexeme>();
                    int nesting = 1;
                    while (true)
                    {
                        var f = pos < lx.Count ? lx[pos++] : new Lexeme(LexemeType.EOF, "");
                        if (f.Type == LexemeType.FilterBegin) nesting++;
                        else if (f.Type == LexemeType.FilterEnd)
                        {
                            nesting--;
                            if (nesting == 0) break;
                        }
                        else if (f.Type == LexemeType.Error) throw new UnitTestException(f.Val);
                        else if (f.Type == LexemeType.EOF) throw new UnitTestException("missing end of filter");
                        filterLexemes.Add(f);
                    }
                    var sub = Build(lx, ref pos);
                    var filter = Filters.Create(FilterParser.Parse(filterLexemes));
                    if (recursive)
                        return new YamlPath((node, root) => filter(node, root) ? sub._f(node, root) : []);
                    return new YamlPath((node, root) =>
                    {
                        var res = new List<PathNode>();
                        if (node.Kind == PathNodeKind.Sequence)
                        {
                            foreach (var c in node.Content)
                                if (filter(c, root)) res.AddRange(sub._f(c, root));
                        }
                        else if (filter(node, root)) res.AddRange(sub._f(node, root));
                        return res;
                    });
                }
            case LexemeType.PropertyName:
                {
                    var sub = Build(lx, ref pos);
                    var name = l.Val.StartsWith('.') ? l.Val[1..] : l.Val;
                    if (name.EndsWith('~')) name = name[..^1];
                    name = Unescape(name);
                    return new YamlPath((node, root) =>
                    {
                        if (node.Kind != PathNodeKind.Mapping) return [];
                        for (int i = 0; i < node.Content.Count; i += 2)
                            if (node.Content[i].Value == name) return sub._f(node.Content[i], root);
                        return [];
                    });
                }
            case LexemeType.BracketPropertyName:
                {
                    var sub = Build(lx, ref pos);
                    var names = l.Val.Trim();
                    if (names.EndsWith('~')) names = names[..^1];
                    var children = BracketChildNames(TrimBrackets(names).Trim());
                    return new YamlPath((node, root) =>
                    {
                        if (node.Kind != PathNodeKind.Mapping) return [];
                        var hits = new List<PathNode>();
                        foreach (var c in children)
                            for (int i = 0; i < node.Content.Count; i += 2)
                                if (node.Content[i].Value == c) hits.Add(node.Content[i]);
                        return Compose(hits, sub, root);
                    });
                }
            case LexemeType.ArraySubscriptPropertyName:
                {
                    var sub = Build(lx, ref pos);
                    var subscript = l.Val;
                    if (subscript.StartsWith('[')) subscript = subscript[1..];
                    if (subscript.EndsWith("]~", StringComparison.Ordinal)) subscript = subscript[..^2];
                    return new YamlPath((node, root) =>
                    {
                        var res = new List<PathNode>();
                        if (node.Kind == PathNodeKind.Mapping && subscript == "*")
                            for (int i = 0; i < node.Content.Count; i += 2) res.AddRange(sub._f(node.Content[i], root));
                        return res;
                    });
                }
        }
        throw new UnitTestException("invalid path syntax");
    }

    private static string TrimBrackets(string s)
    {
        if (s.StartsWith('[')) s = s[1..];
        if (s.EndsWith(']')) s = s[..^1];
        return s;
    }

    private static List<PathNode> Identity(PathNode node, PathNode root) => [node];

    private static List<PathNode> Compose(List<PathNode> nodes, YamlPath p, PathNode root)
    {
        var res = new List<PathNode>();
        foreach (var n in nodes) res.AddRange(p._f(n, root));
        return res;
    }

    /// <summary>yit's <c>RecurseNodes</c>: the node and every descendant (mapping keys included), depth-first.</summary>
    private static List<PathNode> Recurse(PathNode node)
    {
        var res = new List<PathNode>();
        var stack = new Stack<PathNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            res.Add(n);
            for (int i = n.Content.Count - 1; i >= 0; i--) stack.Push(n.Content[i]);
        }
        return res;
    }

    private static YamlPath ChildThen(string childName, YamlPath p)
    {
        if (childName == "*") return AllChildrenThen(p);
        var name = Unescape(childName);
        return new YamlPath((node, root) =>
        {
            if (node.Kind != PathNodeKind.Mapping) return [];
            for (int i = 0; i < node.Content.Count; i += 2)
                if (node.Content[i].Value == name) return p._f(node.Content[i + 1], root);
            return [];
        });
    }

    private static YamlPath AllChildrenThen(YamlPath p) => new((node, root) =>
    {
        var res = new List<PathNode>();
        switch (node.Kind)
        {
            case PathNodeKind.Mapping:
                for (int i = 1; i < node.Content.Count; i += 2) res.AddRange(p._f(node.Content[i], root));
                break;
            case PathNodeKind.Sequence:
                foreach (var c in node.Content) res.AddRange(p._f(c, root));
                break;
        }
        return res;
    });

    private static YamlPath BracketChildThen(string childNames, YamlPath p)
    {
        var children = BracketChildNames(childNames);
        return new YamlPath((node, root) =>
        {
            if (node.Kind != PathNodeKind.Mapping) return [];
            var hits = new List<PathNode>();
            foreach (var c in children)
                for (int i = 0; i < node.Content.Count; i += 2)
                    if (node.Content[i].Value == c) hits.Add(node.Content[i + 1]);
            return Compose(hits, p, root);
        });
    }

    private static YamlPath ArraySubscriptThen(string subscript, YamlPath p) => new((node, root) =>
    {
        var res = new List<PathNode>();
        if (node.Kind == PathNodeKind.Mapping && subscript == "*")
        {
            for (int i = 1; i < node.Content.Count; i += 2) res.AddRange(p._f(node.Content[i], root));
            return res;
        }
        if (node.Kind != PathNodeKind.Sequence) return res;
        foreach (var s in Slicer.Slice(subscript, node.Content.Count))
            if (s >= 0 && s < node.Content.Count) res.AddRange(p._f(node.Content[s], root));
        return res;
    });

    private static List<string> BracketChildNames(string childNames)
    {
        var parts = childNames.Split(',');
        var children = new List<string>();
        string accum = "";
        bool accumulating = false;
        foreach (var c in parts)
        {
            if (Balanced(c, '\'') && Balanced(c, '"'))
            {
                if (accumulating) accum += "," + c;
                else children.Add(c);
            }
            else if (!accumulating) { accum = c; accumulating = true; }
            else
            {
                accum += "," + c;
                children.Add(accum);
                accum = "";
                accumulating = false;
            }
        }
        if (accumulating) children.Add(accum);
        var res = new List<string>(children.Count);
        foreach (var raw in children)
        {
            var c = raw.Trim();
            if (c.StartsWith('\''))
            {
                c = c[1..];
                if (c.EndsWith('\'')) c = c[..^1];
            }
            else
            {
                if (c.StartsWith('"')) c = c[1..];
                if (c.EndsWith('"')) c = c[..^1];
            }
            res.Add(Unescape(c));
        }
        return res;
    }

    private static bool Balanced(string c, char q)
    {
        bool bal = true;
        char prev = '\0';
        foreach (var ch in c)
        {
            if (ch == q)
            {
                if (prev == '\\') { prev = ch; continue; }
                bal = !bal;
            }
            prev = ch;
        }
        return bal;
    }

    private static string Unescape(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        bool escaped = false;
        foreach (var ch in raw)
        {
            if (ch == '\\')
            {
                if (escaped) sb.Append(ch);
                escaped = !escaped;
                continue;
            }
            escaped = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------------ slicer.go

    internal static class Slicer
    {
        public static List<int> Slice(string index, int length)
        {
            var union = index.Split(',');
            if (union.Length > 1)
            {
                var combination = new List<int>();
                for (int i = 0; i < union.Length; i++)
                {
                    if (union[i].Trim() == "*") throw new SliceException($"error in union member {i}: wildcard cannot be used in union");
                    try { combination.AddRange(Slice(union[i], length)); }
                    catch (SliceException e) { throw new SliceException($"error in union member {i}: {e.Message}"); }
                }
                return combination;
            }
            index = index.Trim();
            if (index == "*") return Indices(0, length, 1, length);
            var subscr = index.Split(':');
            if (subscr.Length > 3) throw new SliceException("malformed array index, too many colons");
            var present = new bool[3];
            var value = new long[3];
            for (int i = 0; i < subscr.Length; i++)
            {
                var s = subscr[i].Trim();
                if (s.Length == 0) continue;
                if (!GoStrconv.TryParseInt(s, 10, 64, out var n, out _)) throw new SliceException("non-integer array index");
                present[i] = true;
                value[i] = n;
            }
            if (subscr.Length == 1)
            {
                if (!present[0]) throw new SliceException("array index missing");
                long from1 = value[0];
                if (from1 < 0) from1 += length;
                return Indices(from1, from1 + 1, 1, length);
            }
            long step = 1;
            if (present[2])
            {
                step = value[2];
                if (step == 0) throw new SliceException("array index step value must be non-zero");
            }
            long from = present[0] ? value[0] : step > 0 ? 0 : length - 1;
            if (present[0] && from < 0) from += length;
            long to = present[1] ? value[1] : step > 0 ? length : -1;
            if (present[1] && to < 0) to += length;
            return Indices(from, to, step, length);
        }

        private static List<int> Indices(long from, long to, long step, int length)
        {
            var res = new List<int>();
            if (step > 0)
            {
                if (from < 0) from = 0;
                if (to > length) to = length;
                for (long i = from; i < to; i += step)
                    if (0 <= i && i < length) res.Add((int)i);
            }
            else if (step < 0)
            {
                if (from > length) from = length;
                if (to < -1) to = -1;
                for (long i = from; i > to; i += step)
                    if (0 <= i && i < length) res.Add((int)i);
            }
            return res;
        }
    }

    internal sealed class SliceException(string message) : Exception(message);

    // ------------------------------------------------------------------ lexer.go

    internal enum LexemeType
    {
        Error, Identity, Root, DotChild, UndottedChild, BracketChild, RecursiveDescent, ArraySubscript,
        FilterBegin, FilterEnd, FilterOpenBracket, FilterCloseBracket, FilterNot, FilterAt, FilterAnd, FilterOr,
        FilterEquality, FilterInequality, FilterGreaterThan, FilterGreaterThanOrEqual, FilterLessThanOrEqual, FilterLessThan,
        FilterMatchesRegularExpression, FilterIntegerLiteral, FilterFloatLiteral, FilterStringLiteral, FilterBooleanLiteral,
        FilterNullLiteral, FilterRegularExpressionLiteral, PropertyName, BracketPropertyName, ArraySubscriptPropertyName,
        RecursiveFilterBegin, EOF,
    }

    internal readonly record struct Lexeme(LexemeType Type, string Val)
    {
        public bool IsComparisonOrMatch => Type is LexemeType.FilterEquality or LexemeType.FilterInequality or LexemeType.FilterGreaterThan
            or LexemeType.FilterGreaterThanOrEqual or LexemeType.FilterLessThan or LexemeType.FilterLessThanOrEqual
            or LexemeType.FilterMatchesRegularExpression;
    }

    private sealed class Lexer
    {
        private delegate State? State(Lexer l);

        private readonly string _input;
        private int _start, _pos, _width;
        private State? _state;
        private readonly List<State> _stack = [];
        private readonly List<Lexeme> _items = [];
        private int _lastEmittedStart;
        private LexemeType _lastEmittedType = LexemeType.EOF;

        private Lexer(string input)
        {
            _input = input;
            _state = LexPath;
        }

        public static List<Lexeme> Lex(string input)
        {
            var l = new Lexer(input);
            int guard = 0;
            while (l._state != null)
            {
                if (++guard > 1_000_000) throw new UnitTestException("path too complex");
                l._state = l._state(l);
            }
            return l._items;
        }

        private const int Eof = -1;

        private void Push(State s) => _stack.Add(s);

        private State? Pop()
        {
            if (_stack.Count == 0) return Errorf("syntax error");
            var s = _stack[^1];
            _stack.RemoveAt(_stack.Count - 1);
            return s;
        }

        private bool EmptyStack => _stack.Count == 0;

        private int Next()
        {
            if (_pos >= _input.Length) { _width = 0; return Eof; }
            if (char.IsHighSurrogate(_input[_pos]) && _pos + 1 < _input.Length && char.IsLowSurrogate(_input[_pos + 1]))
            {
                _width = 2;
                var r = char.ConvertToUtf32(_input[_pos], _input[_pos + 1]);
                _pos += 2;
                return r;
            }
            _width = 1;
            return _input[_pos++];
        }

        private int Peek()
        {
            if (_pos >= _input.Length) { _width = 0; return Eof; }
            if (char.IsHighSurrogate(_input[_pos]) && _pos + 1 < _input.Length && char.IsLowSurrogate(_input[_pos + 1]))
            {
                _width = 2;
                return char.ConvertToUtf32(_input[_pos], _input[_pos + 1]);
            }
            _width = 1;
            return _input[_pos];
        }

        private void Backup() => _pos -= _width;

        private bool HasPrefix(string p) => _input.AsSpan(_pos).StartsWith(p, StringComparison.Ordinal);

        private void Consume(string s)
        {
            foreach (var _ in s.EnumerateRunes()) Next();
        }

        private bool Consumed(string token, params string[] except)
        {
            if (!HasPrefix(token)) return false;
            foreach (var e in except) if (HasPrefix(e)) return false;
            Consume(token);
            return true;
        }

        private bool Peeked(string token) => HasPrefix(token);

        private static bool IsSpace(int r) => r >= 0 && r <= 0xFFFF ? char.IsWhiteSpace((char)r) : false;

        private int SkipSpaces(int pos)
        {
            while (pos < _input.Length && char.IsWhiteSpace(_input[pos])) pos++;
            return pos;
        }

        private bool ConsumedWhitespaced(params string[] tokens)
        {
            int end = WhitespacedEnd(tokens);
            if (end < 0) return false;
            _pos = end;
            return true;
        }

        private bool PeekedWhitespaced(params string[] tokens) => WhitespacedEnd(tokens) >= 0;

        // Where the tokens end when each follows white space from here on, or -1 when they do not.
        private int WhitespacedEnd(string[] tokens)
        {
            int pos = _pos;
            foreach (var t in tokens)
            {
                if (pos >= _input.Length) return -1;
                pos = SkipSpaces(pos);
                if (pos >= _input.Length) return -1;
                if (!_input.AsSpan(pos).StartsWith(t, StringComparison.Ordinal)) return -1;
                pos += t.Length;
            }
            return pos;
        }

        private void ConsumeWhitespace() => _pos = SkipSpaces(_pos);

        private void StripWhitespace()
        {
            while (true)
            {
                var r = Next();
                if (!IsSpace(r)) { if (r != Eof) Backup(); break; }
            }
            _start = _pos;
        }

        private void Emit(LexemeType t)
        {
            _items.Add(new Lexeme(t, Value));
            _lastEmittedStart = _start;
            _start = _pos;
            _lastEmittedType = t;
        }

        private void EmitSynthetic(LexemeType t, string val) => _items.Add(new Lexeme(t, val));

        private string Value => _input[_start.._pos];

        private string Context => _lastEmittedStart <= _pos ? _input[_lastEmittedStart.._pos] : "";

        private bool Empty => _pos >= _input.Length;

        private int BytePos(int pos) => Encoding.UTF8.GetByteCount(_input.AsSpan(0, Math.Min(pos, _input.Length)));

        private State? Errorf(string message)
        {
            _items.Add(new Lexeme(LexemeType.Error, message + " at position " + BytePos(_pos).ToString(CultureInfo.InvariantCulture) +
                ", following " + GoStrconv.Quote(Context)));
            return null;
        }

        private State? RawErrorf(string message)
        {
            _items.Add(new Lexeme(LexemeType.Error, message));
            return null;
        }

        private static string Enquote(string quote) => quote == "'" ? "\"'\"" : "'\"'";

        private static State? LexPath(Lexer l)
        {
            if (l.Empty)
            {
                l.Emit(LexemeType.Identity);
                l.Emit(LexemeType.EOF);
                return null;
            }
            if (l.HasPrefix("$")) return LexRoot;
            l.EmitSynthetic(LexemeType.Root, "$");
            return LexSubPath;
        }

        private static State? LexRoot(Lexer l)
        {
            l._pos += 1;
            l.Emit(LexemeType.Root);
            return LexSubPath;
        }

        private bool ConsumedEscapedString(string quote)
        {
            while (true)
            {
                if (Peeked(quote)) return true;
                if (Consumed("\\" + quote)) continue;
                if (Consumed("\\\\")) continue;
                if (Peeked("\\"))
                {
                    Errorf("unsupported escape sequence inside " + quote + quote);
                    return false;
                }
                if (Next() == Eof)
                {
                    Errorf("unmatched " + Enquote(quote));
                    return false;
                }
            }
        }

        private static bool EndsChildName(int r, bool undotted) =>
            r == '.' || r == '[' || r == ')' || r == ' ' || r == '&' || r == '|' || r == '=' || r == '!' || r == '>' || r == '<' || r == '~' || r == Eof ||
            (undotted && r == ']');

        private static State? LexSubPath(Lexer l)
        {
            if (l.HasPrefix(")")) return l.Pop();
            if (l.Empty)
            {
                if (!l.EmptyStack) return l.Pop();
                l.Emit(LexemeType.Identity);
                l.Emit(LexemeType.EOF);
                return null;
            }
            if (l.Consumed(".."))
            {
                bool childName = false;
                while (true)
                {
                    var le = l.Next();
                    if (le == '.' || le == '[' || le == Eof) { if (le != Eof) l.Backup(); break; }
                    childName = true;
                }
                if (!childName && !l.Peeked("[")) return l.Errorf("child name or array access or filter missing after recursive descent");
                l.Emit(LexemeType.RecursiveDescent);
                return LexSubPath;
            }
            if (l.Consumed("."))
            {
                return LexChildName(l, undotted: false, LexemeType.DotChild);
            }
            if (l.PeekedWhitespaced("[", "'") || l.PeekedWhitespaced("[", "\""))
            {
                l.ConsumedWhitespaced("[");
                while (true)
                {
                    l.ConsumeWhitespace();
                    var q = l.Next();
                    var quote = q == Eof ? "" : char.ConvertFromUtf32(q);
                    if (!l.ConsumedEscapedString(quote)) return null;
                    if (!l.Consumed(quote)) return l.Errorf("missing " + Enquote(quote));
                    if (l.ConsumedWhitespaced(","))
                    {
                        if (!l.PeekedWhitespaced("'") && !l.PeekedWhitespaced("\"")) return l.Errorf("missing " + Enquote("'") + " or " + Enquote("\""));
                    }
                    else break;
                }
                if (!l.ConsumedWhitespaced("]")) return l.Errorf("missing \"]\" or \",\"");
                if (l.Consumed("~"))
                {
                    l.Emit(LexemeType.BracketPropertyName);
                    if (l.Peek() != Eof) return l.Errorf("property name operator may only be used on last child in path");
                    return LexSubPath;
                }
                l.Emit(LexemeType.BracketChild);
                return LexOptionalArrayIndex;
            }
            if (l.Consumed("[?("))
            {
                l.Emit(l._lastEmittedType == LexemeType.RecursiveDescent ? LexemeType.RecursiveFilterBegin : LexemeType.FilterBegin);
                l.Push(LexFilterEnd);
                return LexFilterExprInitial;
            }
            if (l.Peeked("[")) return LexOptionalArrayIndex;
            if (l._lastEmittedType == LexemeType.EOF)
            {
                return LexChildName(l, undotted: true, LexemeType.UndottedChild);
            }
            return l.Errorf("invalid path syntax");
        }

        // A child name (dotted, or the undotted first one) to its end, then an optional '~' (the property name operator).
        private static State? LexChildName(Lexer l, bool undotted, LexemeType childType)
        {
            bool childName = false;
            while (true)
            {
                var le = l.Next();
                if (EndsChildName(le, undotted)) { if (le != Eof) l.Backup(); break; }
                childName = true;
            }
            if (!childName) return l.Errorf("child name missing");
            if (l.Consumed("~"))
            {
                if (l.Peek() != Eof) return l.Errorf("property name operator may only be used on last child in path");
                l.Emit(LexemeType.PropertyName);
                return LexSubPath;
            }
            l.Emit(childType);
            return LexOptionalArrayIndex;
        }

        private static State? LexOptionalArrayIndex(Lexer l)
        {
            if (l.Consumed("[", "['", "[\"", "[?("))
            {
                bool subscript = false;
                while (true)
                {
                    if (l.Consumed("]")) break;
                    if (l.Next() == Eof) return l.Errorf("unmatched [");
                    subscript = true;
                }
                if (!subscript) return l.RawErrorf("subscript missing from [] before position " + l.BytePos(l._pos).ToString(CultureInfo.InvariantCulture));
                if (!l.ValidateArrayIndex()) return null;
                if (l.Consumed("~"))
                {
                    if (l.Peek() != Eof) return l.Errorf("property name operator can only be used on last item in path");
                    var sub = l.Value;
                    var index = sub.StartsWith('[') ? sub[1..] : sub;
                    if (index.EndsWith("]~", StringComparison.Ordinal)) index = index[..^2];
                    if (index != "*") return l.Errorf("property name operator can only be used on map nodes");
                    l.Emit(LexemeType.ArraySubscriptPropertyName);
                    return LexSubPath;
                }
                l.Emit(LexemeType.ArraySubscript);
            }
            var le = l.Peek();
            if (le == ' ' || le == '&' || le == '|' || le == '=' || le == '!' || le == '>' || le == '<')
            {
                if (l.EmptyStack) return l.Errorf("invalid character " + GoStrconv.QuoteRune(le));
                return l.Pop();
            }
            return LexSubPath;
        }

        private bool ValidateArrayIndex()
        {
            var sub = Value;
            var index = sub.StartsWith('[') ? sub[1..] : sub;
            if (index.EndsWith(']')) index = index[..^1];
            try { Slicer.Slice(index, 0); }
            catch (SliceException e)
            {
                RawErrorf("invalid array index " + sub + " before position " + BytePos(_pos).ToString(CultureInfo.InvariantCulture) + ": " + e.Message);
                return false;
            }
            return true;
        }

        private static readonly string[] s_ordering = [">=", ">", "<=", "<"];

        private static State? LexFilterExprInitial(Lexer l)
        {
            l.StripWhitespace();
            if (l.LexNumericLiteral(out var next)) return next;
            if (l.LexStringLiteral(out next)) return next;
            if (l.LexBooleanLiteral(out next)) return next;
            if (l.LexNullLiteral(out next)) return next;
            if (l.Consumed("("))
            {
                l.Emit(LexemeType.FilterOpenBracket);
                l.Push(LexFilterExpr);
                return LexFilterExprInitial;
            }
            if (l.HasPrefix("!=")) return l.Errorf("missing first operand for binary operator !=");
            if (l.Consumed("!"))
            {
                l.Emit(LexemeType.FilterNot);
                return LexFilterExprInitial;
            }
            if (l.Consumed("@"))
            {
                l.Emit(LexemeType.FilterAt);
                if (l.PeekedWhitespaced("=") || l.PeekedWhitespaced("!") || l.PeekedWhitespaced(">") || l.PeekedWhitespaced("<"))
                    return LexFilterExpr;
                l.Push(LexFilterExpr);
                return LexSubPath;
            }
            if (l.Consumed("$"))
            {
                l.Emit(LexemeType.Root);
                l.Push(LexFilterExpr);
                return LexSubPath;
            }
            if (l.HasPrefix("&&")) return l.Errorf("missing first operand for binary operator &&");
            if (l.HasPrefix("||")) return l.Errorf("missing first operand for binary operator ||");
            if (l.HasPrefix("==")) return l.Errorf("missing first operand for binary operator ==");
            foreach (var o in s_ordering)
                if (l.HasPrefix(o)) return l.Errorf("missing first operand for binary operator " + o);
            return l.Pop();
        }

        private static State? LexFilterExpr(Lexer l)
        {
            l.StripWhitespace();
            if (l.Empty) return l.Errorf("missing end of filter");
            if (l.HasPrefix(")]")) return l.Pop();
            if (l.Consumed(")"))
            {
                l.Emit(LexemeType.FilterCloseBracket);
                return l.Pop();
            }
            if (l.Consumed("&&"))
            {
                l.Emit(LexemeType.FilterAnd);
                l.StripWhitespace();
                return LexFilterExprInitial;
            }
            if (l.Consumed("||"))
            {
                l.Emit(LexemeType.FilterOr);
                l.StripWhitespace();
                return LexFilterExprInitial;
            }
            if (l.Consumed("=="))
            {
                l.Emit(LexemeType.FilterEquality);
                l.Push(LexFilterExpr);
                return LexFilterTerm;
            }
            if (l.Consumed("!="))
            {
                l.Emit(LexemeType.FilterInequality);
                l.Push(LexFilterExpr);
                return LexFilterTerm;
            }
            if (l.HasPrefix("=~"))
            {
                if (l._lastEmittedType is LexemeType.FilterStringLiteral or LexemeType.FilterIntegerLiteral or LexemeType.FilterFloatLiteral)
                    return l.Errorf("literal cannot be matched using =~");
                l.Consume("=~");
                l.Emit(LexemeType.FilterMatchesRegularExpression);
                l.StripWhitespace();
                return l.LexRegularExpressionLiteral();
            }
            foreach (var o in s_ordering)
                if (l.HasPrefix(o)) return l.LexComparison(o);
            return l.Errorf("invalid filter expression");
        }

        private static State? LexFilterTerm(Lexer l)
        {
            l.StripWhitespace();
            if (l.Consumed("@"))
            {
                l.Emit(LexemeType.FilterAt);
                if (l.PeekedWhitespaced("|") || l.PeekedWhitespaced("&") || l.PeekedWhitespaced(")"))
                {
                    if (l.EmptyStack) return l.Errorf("invalid character " + GoStrconv.QuoteRune(l.Peek()));
                    return l.Pop();
                }
                return LexSubPath;
            }
            if (l.Consumed("$"))
            {
                l.Emit(LexemeType.Root);
                return LexSubPath;
            }
            if (l.LexNumericLiteral(out var next)) return next;
            if (l.LexStringLiteral(out next)) return next;
            if (l.LexBooleanLiteral(out next)) return next;
            if (l.LexNullLiteral(out next)) return next;
            return l.Errorf("invalid filter term");
        }

        private static State? LexFilterEnd(Lexer l)
        {
            if (l.HasPrefix(")]"))
            {
                if (l._lastEmittedType == LexemeType.FilterBegin) return l.Errorf("missing filter");
                l.Consume(")]");
                l.Emit(LexemeType.FilterEnd);
                return LexSubPath;
            }
            return l.Errorf("invalid filter syntax");
        }

        private bool LexNumericLiteral(out State? next)
        {
            next = null;
            var n = Peek();
            if (!(n == '.' || n == '-' || (n >= '0' && n <= '9'))) return false;
            bool isFloat = n == '.';
            while (true)
            {
                Next();
                var c = Peek();
                if (c == '.' || c == 'e' || c == 'E' || c == '-') { isFloat = true; continue; }
                if (!(c >= '0' && c <= '9')) break;
            }
            var text = Value;
            if (isFloat)
            {
                if (!TryParseGoFloat(text))
                {
                    next = RawErrorf("invalid float literal " + GoStrconv.Quote(text) + ": strconv.ParseFloat: parsing " + GoStrconv.Quote(text) +
                                     ": invalid syntax before position " + BytePos(_pos).ToString(CultureInfo.InvariantCulture));
                    return true;
                }
                Emit(LexemeType.FilterFloatLiteral);
                next = LexFilterExpr;
                return true;
            }
            if (!GoStrconv.TryParseInt(text, 10, 64, out _, out var err))
            {
                var why = err?.Message ?? ("strconv.Atoi: parsing " + GoStrconv.Quote(text) + ": invalid syntax");
                next = RawErrorf("invalid integer literal " + GoStrconv.Quote(text) + ": " + why.Replace("strconv.ParseInt", "strconv.Atoi", StringComparison.Ordinal) +
                                 " before position " + BytePos(_pos).ToString(CultureInfo.InvariantCulture));
                return true;
            }
            Emit(LexemeType.FilterIntegerLiteral);
            next = LexFilterExpr;
            return true;
        }

        private static bool TryParseGoFloat(string s) => GoStrconv.TryParseFloat(s, 64, out _);

        private bool LexStringLiteral(out State? next)
        {
            next = null;
            string quote;
            if (HasPrefix("'")) quote = "'";
            else if (HasPrefix("\"")) quote = "\"";
            else return false;
            int pos = _pos;
            var context = Context;
            while (true)
            {
                if (Next() == Eof)
                {
                    next = RawErrorf("unmatched string delimiter " + quote + " at position " + BytePos(pos).ToString(CultureInfo.InvariantCulture) +
                                     ", following " + GoStrconv.Quote(context));
                    return true;
                }
                if (HasPrefix(quote)) break;
            }
            Next();
            Emit(LexemeType.FilterStringLiteral);
            next = LexFilterExpr;
            return true;
        }

        private bool LexBooleanLiteral(out State? next)
        {
            next = null;
            if (ConsumedWhitespaced("true") || ConsumedWhitespaced("false"))
            {
                Emit(LexemeType.FilterBooleanLiteral);
                next = LexFilterExpr;
                return true;
            }
            return false;
        }

        private bool LexNullLiteral(out State? next)
        {
            next = null;
            if (ConsumedWhitespaced("null"))
            {
                Emit(LexemeType.FilterNullLiteral);
                next = LexFilterExpr;
                return true;
            }
            return false;
        }

        private State? LexComparison(string op)
        {
            if (_lastEmittedType == LexemeType.FilterStringLiteral) return Errorf("strings cannot be compared using " + op);
            Consume(op);
            Emit(op switch
            {
                ">" => LexemeType.FilterGreaterThan,
                ">=" => LexemeType.FilterGreaterThanOrEqual,
                "<" => LexemeType.FilterLessThan,
                _ => LexemeType.FilterLessThanOrEqual,
            });
            StripWhitespace();
            if (HasPrefix("'")) return Errorf("strings cannot be compared using " + op);
            Push(LexFilterExpr);
            return LexFilterTerm;
        }

        private State? LexRegularExpressionLiteral()
        {
            if (!HasPrefix("/")) return Errorf("regular expression does not start with /");
            int pos = _pos;
            var context = Context;
            bool escape = false;
            while (true)
            {
                if (Next() == Eof)
                    return RawErrorf("unmatched regular expression delimiter / at position " + BytePos(pos).ToString(CultureInfo.InvariantCulture) +
                                     ", following " + GoStrconv.Quote(context));
                if (!escape && HasPrefix("/")) break;
                escape = !escape && HasPrefix("\\");
            }
            Next();
            try { HelmSharp.Go.GoRegexp.Compile(SanitiseRegex(Value)); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return RawErrorf("invalid regular expression at position " + BytePos(pos).ToString(CultureInfo.InvariantCulture) + ", following " +
                                 GoStrconv.Quote(context) + ": " + e.Message);
            }
            Emit(LexemeType.FilterRegularExpressionLiteral);
            return LexFilterExpr;
        }
    }

    internal static string SanitiseRegex(string re) => re[1..^1].Replace("\\/", "/", StringComparison.Ordinal);

    // ------------------------------------------------------------------ filter_parser.go

    internal sealed class FilterNode
    {
        public Lexeme Lexeme;
        public List<Lexeme> Subpath = [];
        public List<FilterNode?> Children = [];
    }

    private sealed class FilterParser
    {
        private readonly List<Lexeme> _input;
        private int _pos;
        private readonly List<FilterNode?> _stack = [];
        private FilterNode? _tree;
        private int _depth;

        private FilterParser(List<Lexeme> input) => _input = input;

        public static FilterNode? Parse(List<Lexeme> lexemes)
        {
            var p = new FilterParser(lexemes);
            if (p.Peek().Type == LexemeType.EOF) return null;
            p.Expression();
            return p._tree;
        }

        private Lexeme Peek() => _pos >= _input.Count ? new Lexeme(LexemeType.EOF, "") : _input[_pos];
        private Lexeme NextLexeme() => _input[_pos++];
        private void Push(FilterNode? t) => _stack.Add(t);

        private FilterNode? Pop()
        {
            var t = _stack[^1];
            _stack.RemoveAt(_stack.Count - 1);
            return t;
        }

        private void Expression()
        {
            if (++_depth > 1000) throw new UnitTestException("filter expression too deep");
            Conjunction();
            while (Peek().Type == LexemeType.FilterOr)
            {
                Push(_tree);
                var n = NextLexeme();
                Conjunction();
                _tree = new FilterNode { Lexeme = n, Children = [Pop(), _tree] };
            }
            _depth--;
        }

        private void Conjunction()
        {
            BasicFilter();
            while (Peek().Type == LexemeType.FilterAnd)
            {
                Push(_tree);
                var n = NextLexeme();
                BasicFilter();
                _tree = new FilterNode { Lexeme = n, Children = [Pop(), _tree] };
            }
        }

        private void BasicFilter()
        {
            if (++_depth > 1000) throw new UnitTestException("filter expression too deep");
            var n = Peek();
            switch (n.Type)
            {
                case LexemeType.FilterNot:
                    NextLexeme();
                    BasicFilter();
                    _tree = new FilterNode { Lexeme = n, Children = [_tree] };
                    _depth--;
                    return;
                case LexemeType.FilterOpenBracket:
                    NextLexeme();
                    Expression();
                    if (Peek().Type == LexemeType.FilterCloseBracket) NextLexeme();
                    _depth--;
                    return;
            }
            FilterTerm();
            n = Peek();
            if (n.IsComparisonOrMatch)
            {
                NextLexeme();
                var term = _tree;
                FilterTerm();
                _tree = new FilterNode { Lexeme = n, Children = [term, _tree] };
            }
            _depth--;
        }

        private void FilterTerm()
        {
            var n = Peek();
            switch (n.Type)
            {
                case LexemeType.EOF:
                case LexemeType.Error:
                    _tree = null;
                    return;
                case LexemeType.FilterAt:
                case LexemeType.Root:
                    {
                        NextLexeme();
                        var subpath = new List<Lexeme>();
                        int nesting = 1;
                        while (true)
                        {
                            var s = Peek();
                            bool stop = false;
                            switch (s.Type)
                            {
                                case LexemeType.Identity or LexemeType.DotChild or LexemeType.BracketChild or LexemeType.RecursiveDescent or LexemeType.ArraySubscript:
                                    break;
                                case LexemeType.FilterBegin:
                                    nesting++;
                                    break;
                                case LexemeType.FilterEnd:
                                    nesting--;
                                    if (nesting == 0) stop = true;
                                    break;
                                case LexemeType.EOF:
                                    stop = true;
                                    break;
                                default:
                                    if (nesting == 1) stop = true;
                                    break;
                            }
                            if (stop) break;
                            subpath.Add(s);
                            NextLexeme();
                        }
                        _tree = new FilterNode { Lexeme = n, Subpath = subpath };
                        return;
                    }
                case LexemeType.FilterIntegerLiteral or LexemeType.FilterFloatLiteral or LexemeType.FilterStringLiteral or
                    LexemeType.FilterBooleanLiteral or LexemeType.FilterNullLiteral or LexemeType.FilterRegularExpressionLiteral:
                    NextLexeme();
                    _tree = new FilterNode { Lexeme = n };
                    return;
            }
        }
    }

    // ------------------------------------------------------------------ filter.go / comparison.go

    private enum ValueType { Unknown, String, Int, Float, Boolean, Null, RegularExpression }

    private readonly record struct TypedValue(ValueType Type, string Val)
    {
        public bool IsNumeric => Type is ValueType.Int or ValueType.Float;
        public bool CompatibleWith(TypedValue o) => IsNumeric && o.IsNumeric || Type == o.Type || Type == ValueType.String && o.Type == ValueType.RegularExpression;
    }

    private enum Comparison { LessThan, Equal, GreaterThan, Incomparable }

    private static class Filters
    {
        public static Func<PathNode, PathNode, bool> Create(FilterNode? n)
        {
            if (n == null) return Never;
            switch (n.Lexeme.Type)
            {
                case LexemeType.FilterAt:
                case LexemeType.Root:
                    {
                        var path = PathScanner(n);
                        return (node, root) => path(node, root).Count > 0;
                    }
                case LexemeType.FilterEquality or LexemeType.FilterInequality or LexemeType.FilterGreaterThan or
                    LexemeType.FilterGreaterThanOrEqual or LexemeType.FilterLessThan or LexemeType.FilterLessThanOrEqual:
                    return ComparisonFilter(n);
                case LexemeType.FilterMatchesRegularExpression:
                    return NodeToFilter(n, StringMatchesRegularExpression);
                case LexemeType.FilterNot:
                    {
                        var f = Create(n.Children[0]);
                        return (node, root) => !f(node, root);
                    }
                case LexemeType.FilterOr:
                    {
                        var f1 = Create(n.Children[0]);
                        var f2 = Create(n.Children[1]);
                        return (node, root) => f1(node, root) || f2(node, root);
                    }
                case LexemeType.FilterAnd:
                    {
                        var f1 = Create(n.Children[0]);
                        var f2 = Create(n.Children[1]);
                        return (node, root) => f1(node, root) && f2(node, root);
                    }
                case LexemeType.FilterBooleanLiteral:
                    {
                        bool b = n.Lexeme.Val.Trim() == "true";
                        return (_, _) => b;
                    }
                default:
                    return Never;
            }
        }

        private static bool Never(PathNode node, PathNode root) => false;

        private static Func<PathNode, PathNode, bool> ComparisonFilter(FilterNode n)
        {
            var comparator = Comparator(n.Lexeme.Type);
            bool Compare(bool b) => comparator(b ? Comparison.Equal : Comparison.Incomparable);
            return NodeToFilter(n, (l, r) =>
            {
                if (!l.CompatibleWith(r)) return Compare(false);
                return l.Type switch
                {
                    ValueType.Boolean => Compare(string.Equals(l.Val.Trim(), r.Val.Trim(), StringComparison.OrdinalIgnoreCase)),
                    ValueType.Null => Compare(true),
                    _ => comparator(CompareNodeValues(l, r)),
                };
            });
        }

        private static Func<Comparison, bool> Comparator(LexemeType t) => t switch
        {
            LexemeType.FilterEquality => c => c == Comparison.Equal,
            LexemeType.FilterInequality => c => c != Comparison.Equal,
            LexemeType.FilterGreaterThan => c => c == Comparison.GreaterThan,
            LexemeType.FilterGreaterThanOrEqual => c => c is Comparison.GreaterThan or Comparison.Equal,
            LexemeType.FilterLessThan => c => c == Comparison.LessThan,
            _ => c => c is Comparison.LessThan or Comparison.Equal,
        };

        private static Comparison CompareNodeValues(TypedValue l, TypedValue r)
        {
            if (l.IsNumeric && r.IsNumeric)
            {
                double a = ParseNumber(l.Val), b = ParseNumber(r.Val);
                return a < b ? Comparison.LessThan : a > b ? Comparison.GreaterThan : Comparison.Equal;
            }
            if (l.Type != ValueType.String && !l.IsNumeric || r.Type != ValueType.String && !r.IsNumeric) return Comparison.Incomparable;
            return l.Val == r.Val ? Comparison.Equal : Comparison.Incomparable;
        }

        private static double ParseNumber(string s)
        {
            var t = s.Trim();
            if (GoStrconv.TryParseFloat(t, 64, out var d)) return d;
            return t switch
            {
                ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => double.PositiveInfinity,
                "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
                _ => double.NaN,
            };
        }

        private static Func<PathNode, PathNode, bool> NodeToFilter(FilterNode n, Func<TypedValue, TypedValue, bool> accept)
        {
            var lhs = Scanner(n.Children.Count > 0 ? n.Children[0] : null);
            var rhs = Scanner(n.Children.Count > 1 ? n.Children[1] : null);
            return (node, root) =>
            {
                bool match = false;
                foreach (var l in lhs(node, root))
                    foreach (var r in rhs(node, root))
                    {
                        if (!accept(l, r)) return false;
                        match = true;
                    }
                return match;
            };
        }

        private static Func<PathNode, PathNode, List<TypedValue>> Scanner(FilterNode? n)
        {
            if (n == null) return static (_, _) => [];
            if (n.Lexeme.Type is LexemeType.FilterAt or LexemeType.Root) return PathScanner(n);
            if (n.Lexeme.Type is LexemeType.FilterStringLiteral or LexemeType.FilterBooleanLiteral or LexemeType.FilterNullLiteral or
                LexemeType.FilterIntegerLiteral or LexemeType.FilterFloatLiteral or LexemeType.FilterRegularExpressionLiteral)
            {
                var v = LiteralValue(n.Lexeme);
                return (_, _) => [v];
            }
            return static (_, _) => [];
        }

        private static TypedValue LiteralValue(Lexeme l) => l.Type switch
        {
            LexemeType.FilterIntegerLiteral => new(ValueType.Int, l.Val),
            LexemeType.FilterFloatLiteral => new(ValueType.Float, l.Val),
            LexemeType.FilterStringLiteral => new(ValueType.String, l.Val[1..^1]),
            LexemeType.FilterBooleanLiteral => new(ValueType.Boolean, l.Val),
            LexemeType.FilterNullLiteral => new(ValueType.Null, l.Val),
            LexemeType.FilterRegularExpressionLiteral => new(ValueType.RegularExpression, SanitiseRegex(l.Val)),
            _ => new(ValueType.Unknown, l.Val),
        };

        private static Func<PathNode, PathNode, List<TypedValue>> PathScanner(FilterNode n)
        {
            bool at = n.Lexeme.Type == LexemeType.FilterAt;
            var sb = new StringBuilder();
            foreach (var l in n.Subpath) sb.Append(l.Val);
            YamlPath path;
            try { path = Compile(sb.ToString()); }
            catch (UnitTestException) { return static (_, _) => []; }
            return (node, root) =>
            {
                var found = path._f(at ? node : root, at ? node : root);
                var res = new List<TypedValue>(found.Count);
                foreach (var f in found) res.Add(TypedValueOf(f));
                return res;
            };
        }

        private static TypedValue TypedValueOf(PathNode n)
        {
            var t = ValueType.Unknown;
            if (n.Kind == PathNodeKind.Scalar)
            {
                t = n.Tag switch
                {
                    V3Yaml.NullTag => ValueType.Null,
                    V3Yaml.BoolTag => ValueType.Boolean,
                    V3Yaml.StrTag => ValueType.String,
                    V3Yaml.IntTag => ValueType.Int,
                    V3Yaml.FloatTag => ValueType.Float,
                    _ => ValueType.Unknown,
                };
            }
            return new TypedValue(t, n.Value);
        }

        private static bool StringMatchesRegularExpression(TypedValue s, TypedValue expr)
        {
            if (s.Type != ValueType.String || expr.Type != ValueType.RegularExpression) return false;
            try { return HelmSharp.Go.GoRegexp.Compile(expr.Val).IsMatch(s.Val); }
            catch (Exception e) when (e is not OperationCanceledException) { return false; }
        }
    }
}
