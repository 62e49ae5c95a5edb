using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Template.Parse;

/// <summary>Internal parse failure carrying Go's message; converted to <see cref="TemplateParseException"/>.</summary>
internal sealed class ParseAbort(string parseName, int line, string detail) : Exception(detail)
{
    public string ParseName { get; } = parseName;
    public int Line { get; } = line;
    public string Detail { get; } = detail;
}

/// <summary>
/// Go's recursive-descent template parser (<c>parse.go</c>). One instance parses one text;
/// <c>Parse</c> returns the named tree plus every <c>define</c>/<c>block</c> tree.
/// </summary>
internal sealed class Parser
{
    /// <summary>Maximum nesting of parenthesised pipelines (Go 1.24+, helm 4: 10000).</summary>
    public const int MaxStackDepth = 10000;
    /// <summary>Go 1.23 (helm 3) has no parenthesis limit; ours bounds the recursion (the stack check fires first on small stacks).</summary>
    public const int MaxStackDepthHelm3 = 100000;
    private const int MaxPipelineCmds = 100000;
    /// <summary>
    /// Maximum nesting of <c>{{if}}</c>/<c>{{range}}</c>/<c>{{with}}</c>/<c>{{block}}</c> (an <c>else if</c>/<c>else with</c>
    /// nests one level deeper, as in Go). Go has no such limit: its parser and executor recurse per level on a goroutine
    /// stack that grows to 1 GB, so helm v4.1.4 renders 100000 nested ifs (in about 300 MB) and 500000 (about 1.1 GB),
    /// and dies of "goroutine stack exceeds 1000000000-byte limit" a little beyond (700000, 1000000). Ours is a
    /// deliberate limit below that, with a clean parse error (<see cref="BlockNestingError"/>); parsing and executing
    /// run on the large-stack worker, where this depth fits in every build configuration.
    /// </summary>
    public const int MaxBlockNesting = 100_000;

    /// <summary>The parse error for nesting beyond <see cref="MaxBlockNesting"/>.</summary>
    public const string BlockNestingError = "exceeded maximum nesting depth of if/range/with/block (100000)";

    private readonly FunctionRegistry? _funcs;
    private readonly string _parseName;
    private readonly string _text;
    // The source's UTF-8 bytes for the lexer, in a pooled buffer returned when the parse ends (trees keep only the
    // text: their bytes are made again if an error position is ever asked for).
    private readonly byte[] _utf8;
    private readonly Lexer _lex;
    private readonly Item[] _token = new Item[3];
    private int _peekCount;
    private List<string> _vars = ["$"];
    private Tree _tree;
    private int _actionLine, _rangeDepth, _stackDepth, _controlDepth;
    private readonly Dictionary<string, Tree> _treeSet;
    private readonly int _maxStackDepth;
    // The children of the lists, pipelines and commands being built, innermost last: each node's children are copied
    // out into an array of the exact size when the node is complete (no List growth, no spare capacity kept).
    // The array is the thread's (tpl parses many small texts): taken when the parse starts, given back cleared at its end.
    private Node[] _built = TakeSpareBuilt();
    private int _builtCount;

    private static Node[] TakeSpareBuilt() => ThreadSpare<Node[]>.Take() ?? new Node[64];

    private void AddBuilt(Node n)
    {
        if (_builtCount == _built.Length) Array.Resize(ref _built, _built.Length * 2);
        _built[_builtCount++] = n;
    }

    // The nodes added since mark, as an exact-size array; removes them from the builder.
    private T[] TakeBuilt<T>(int mark) where T : Node
    {
        int n = _builtCount - mark;
        if (n == 0) return [];
        var a = new T[n];
        for (int i = 0; i < n; i++) a[i] = (T)_built[mark + i];
        Array.Clear(_built, mark, n);
        _builtCount = mark;
        return a;
    }

    private Parser(string name, string text, FunctionRegistry? funcs, Dictionary<string, Tree> treeSet, GoRelease go)
    {
        _parseName = name; _text = text; _funcs = funcs; _treeSet = treeSet;
        _maxStackDepth = go >= GoRelease.Go125 ? MaxStackDepth : MaxStackDepthHelm3;
        int n = HelmSharp.Go.GoUtf8.GetByteCount(text);
        _utf8 = System.Buffers.ArrayPool<byte>.Shared.Rent(n);
        HelmSharp.Go.GoUtf8.Encode(text, _utf8.AsSpan(0, n));
        _tree = new Tree(name, name, text);
        _lex = new Lexer(_utf8, !HasFunction("break"), !HasFunction("continue"), go >= GoRelease.Go125,
            System.Text.Ascii.IsValid(_utf8.AsSpan(0, n)) ? text : null, n);
    }

    /// <summary>Parses <paramref name="text"/> as template <paramref name="name"/>; returns all trees by name (Go's <c>parse.Parse</c>).</summary>
    public static Dictionary<string, Tree> Parse(string name, string text, FunctionRegistry? funcs, GoRelease go = GoRelease.Go125) =>
        Parse(name, text, funcs, go, out _);

    /// <summary>As <see cref="Parse(string, string, FunctionRegistry?, GoRelease)"/>, also returning the top-level tree (present even when it lost to a same-named define).</summary>
    public static Dictionary<string, Tree> Parse(string name, string text, FunctionRegistry? funcs, GoRelease go, out Tree top)
    {
        var set = new Dictionary<string, Tree>(StringComparer.Ordinal);
        var p = new Parser(name, text, funcs, set, go);
        top = p._tree;
        try
        {
            p.ParseTop();
        }
        catch (ParseAbort a)
        {
            throw new TemplateParseException(a.ParseName, a.Line, a.Detail, "template: " + a.ParseName + ":" + a.Line + ": " + a.Detail);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(p._utf8);
            Array.Clear(p._built, 0, p._builtCount);
            if (p._built.Length <= 4096) ThreadSpare<Node[]>.Give(p._built);
        }
        return set;
    }

    private bool HasFunction(string name) => (_funcs != null && _funcs.Contains(name)) || Builtins.Registry.Contains(name);

    private GoFunction? LookupFunction(string name)
    {
        if (_funcs != null && _funcs.TryGet(name, out var f)) return f;
        return Builtins.Registry.TryGet(name, out var b) ? b : null;
    }

    // ---- token stream ----
    private Item Next()
    {
        if (_peekCount > 0) _peekCount--;
        else _token[0] = _lex.NextItem();
        return _token[_peekCount];
    }
    private void Backup() => _peekCount++;
    private void Backup2(Item t1) { _token[1] = t1; _peekCount = 2; }
    private void Backup3(Item t2, Item t1) { _token[1] = t1; _token[2] = t2; _peekCount = 3; }
    private Item Peek()
    {
        if (_peekCount > 0) return _token[_peekCount - 1];
        _peekCount = 1;
        _token[0] = _lex.NextItem();
        return _token[0];
    }
    private Item NextNonSpace()
    {
        Item t;
        do t = Next(); while (t.Type == ItemType.Space);
        return t;
    }
    private Item PeekNonSpace() { var t = NextNonSpace(); Backup(); return t; }

    // ---- errors ----
    private Exception Errorf(string msg) => new ParseAbort(_parseName, _token[0].Line, msg);

    private Item Expect(ItemType expected, string context)
    {
        var t = NextNonSpace();
        if (t.Type != expected) throw Unexpected(t, context);
        return t;
    }

    private Item ExpectOneOf(ItemType e1, ItemType e2, string context)
    {
        var t = NextNonSpace();
        if (t.Type != e1 && t.Type != e2) throw Unexpected(t, context);
        return t;
    }

    private Exception Unexpected(Item token, string context)
    {
        if (token.Type == ItemType.Error)
        {
            string extra = "";
            if (_actionLine != 0 && _actionLine != token.Line)
            {
                extra = " in action started at " + _parseName + ":" + _actionLine;
                if (token.Value.EndsWith(" action", StringComparison.Ordinal)) extra = extra[" in action".Length..];
            }
            return Errorf(token.Value + extra);
        }
        return Errorf("unexpected " + token + " in " + context);
    }

    // ---- trees ----
    private void Add(Tree t)
    {
        if (!_treeSet.TryGetValue(t.Name, out var existing) || IsEmptyTree(existing.Root))
        {
            _treeSet[t.Name] = t;
            return;
        }
        if (!IsEmptyTree(t.Root)) throw Errorf("template: multiple definition of template " + GoStrconv.Quote(t.Name));
    }

    /// <summary>Go's <c>parse.IsEmptyTree</c>.</summary>
    public static bool IsEmptyTree(Node? n)
    {
        switch (n)
        {
            case null: return true;
            case CommentNode: return true;
            case ListNode l:
                var nodes = l.Nodes;
                for (int i = 0; i < nodes.Count; i++) if (!IsEmptyTree(nodes[i])) return false;
                return true;
            case TextNode t: return IsAllSpace(t.Memory.Span);
            default: return false;
        }
    }

    private static bool IsAllSpace(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (!char.IsWhiteSpace(c)) return false;
        return true;
    }

    private void ParseTop()
    {
        int rootPos = Peek().Pos;
        int mark = _builtCount;
        while (Peek().Type != ItemType.EOF)
        {
            if (Peek().Type == ItemType.LeftDelim)
            {
                var delim = Next();
                if (NextNonSpace().Type == ItemType.Define)
                {
                    ParseDefinition();
                    continue;
                }
                Backup2(delim);
            }
            var n = TextOrAction();
            if (n.Type is NodeType.End or NodeType.Else) throw Errorf("unexpected " + n);
            AddBuilt(n);
        }
        _tree.Root = new ListNode(_tree, rootPos, TakeBuilt<Node>(mark));
        Add(_tree);
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var saved = SaveState();
        _vars = ["$"]; _stackDepth = 0; _rangeDepth = 0; _actionLine = 0;
        var nameTok = ExpectOneOf(ItemType.String, ItemType.RawString, context);
        if (!GoStrconv.TryUnquote(nameTok.Value, out var name)) throw Errorf(GoStrconv.ErrSyntaxText);
        Expect(ItemType.RightDelim, context);
        _tree = new Tree(name, _parseName, _text);
        var (list, end) = ItemList();
        if (end.Type != NodeType.End) throw Errorf("unexpected " + end + " in " + context);
        _tree.Root = list;
        Add(_tree);
        RestoreState(saved);
    }

    private (Tree, List<string>, int, int, int) SaveState() => (_tree, _vars, _stackDepth, _rangeDepth, _actionLine);
    private void RestoreState((Tree, List<string>, int, int, int) s) { (_tree, _vars, _stackDepth, _rangeDepth, _actionLine) = s; }

    private (ListNode, Node) ItemList()
    {
        int pos = PeekNonSpace().Pos;
        int mark = _builtCount;
        while (PeekNonSpace().Type != ItemType.EOF)
        {
            var n = TextOrAction();
            if (n.Type is NodeType.End or NodeType.Else) return (new ListNode(_tree, pos, TakeBuilt<Node>(mark)), n);
            AddBuilt(n);
        }
        throw Errorf("unexpected EOF");
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case ItemType.Text:
                return new TextNode(_tree, token.Pos, token.Memory);
            case ItemType.LeftDelim:
                _actionLine = token.Line;
                try { return Action(); }
                finally { _actionLine = 0; }
            default:
                throw Unexpected(token, "input");
        }
    }

    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case ItemType.Block: return BlockControl();
            case ItemType.Break: return BreakControl(token.Pos, token.Line);
            case ItemType.Continue: return ContinueControl(token.Pos, token.Line);
            case ItemType.Else: return ElseControl();
            case ItemType.End: return EndControl();
            case ItemType.If: return IfControl();
            case ItemType.Range: return RangeControl();
            case ItemType.Template: return TemplateControl();
            case ItemType.With: return WithControl();
        }
        Backup();
        var t = Peek();
        return new ActionNode(_tree, t.Pos, t.Line, Pipeline("command", ItemType.RightDelim));
    }

    private Node BreakControl(int pos, int line)
    {
        var token = NextNonSpace();
        if (token.Type != ItemType.RightDelim) throw Unexpected(token, "{{break}}");
        if (_rangeDepth == 0) throw Errorf("{{break}} outside {{range}}");
        return new BreakNode(_tree, pos, line);
    }

    private Node ContinueControl(int pos, int line)
    {
        var token = NextNonSpace();
        if (token.Type != ItemType.RightDelim) throw Unexpected(token, "{{continue}}");
        if (_rangeDepth == 0) throw Errorf("{{continue}} outside {{range}}");
        return new ContinueNode(_tree, pos, line);
    }

    private PipeNode Pipeline(string context, ItemType end)
    {
        var token = PeekNonSpace();
        List<VariableNode>? decl = null;
        int mark = _builtCount;
        bool isAssign = false;
    decls:
        var v = PeekNonSpace();
        if (v.Type == ItemType.Variable)
        {
            Next();
            var tokenAfterVariable = Peek();
            var next = PeekNonSpace();
            if (next.Type == ItemType.Assign || next.Type == ItemType.Declare)
            {
                isAssign = next.Type == ItemType.Assign;
                NextNonSpace();
                (decl ??= []).Add(NewVariable(v.Pos, v.Value));
                _vars.Add(v.Value);
            }
            else if (next.Type == ItemType.Char && next.Value == ",")
            {
                NextNonSpace();
                (decl ??= []).Add(NewVariable(v.Pos, v.Value));
                _vars.Add(v.Value);
                if (context == "range" && decl.Count < 2)
                {
                    switch (PeekNonSpace().Type)
                    {
                        case ItemType.Variable: case ItemType.RightDelim: case ItemType.RightParen:
                            goto decls;
                        default:
                            throw Errorf("range can only initialize variables");
                    }
                }
                throw Errorf("too many declarations in " + context);
            }
            else if (tokenAfterVariable.Type == ItemType.Space) Backup3(v, tokenAfterVariable);
            else Backup2(v);
        }
        IReadOnlyList<VariableNode> declared = decl != null ? decl.ToArray() : [];
        while (true)
        {
            var t = NextNonSpace();
            if (t.Type == end)
            {
                var cmds = TakeBuilt<CommandNode>(mark);
                CheckPipeline(cmds, context);
                return new PipeNode(_tree, token.Pos, token.Line, isAssign, declared, cmds);
            }
            switch (t.Type)
            {
                case ItemType.Bool: case ItemType.CharConstant: case ItemType.Complex: case ItemType.Dot: case ItemType.Field:
                case ItemType.Identifier: case ItemType.Number: case ItemType.Nil: case ItemType.RawString: case ItemType.String:
                case ItemType.Variable: case ItemType.LeftParen:
                    Backup();
                    AddBuilt(Command());
                    if (_builtCount - mark > MaxPipelineCmds) throw Errorf("pipeline too long");
                    break;
                default:
                    throw Unexpected(t, context);
            }
        }
    }

    private void CheckPipeline(CommandNode[] cmds, string context)
    {
        if (cmds.Length == 0) throw Errorf("missing value for " + context);
        for (int i = 1; i < cmds.Length; i++)
        {
            switch (cmds[i].Args[0].Type)
            {
                case NodeType.Bool: case NodeType.Dot: case NodeType.Nil: case NodeType.Number: case NodeType.String:
                    throw Errorf("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private (int Pos, int Line, PipeNode Pipe, ListNode List, ListNode? Else) ParseControl(string context)
    {
        EnterBlock();
        int varMark = _vars.Count;
        try
        {
            var pipe = Pipeline(context, ItemType.RightDelim);
            if (context == "range") _rangeDepth++;
            var (list, next) = ItemList();
            if (context == "range") _rangeDepth--;
            ListNode? elseList = null;
            if (next.Type == NodeType.Else)
            {
                if (context == "if" && Peek().Type == ItemType.If)
                {
                    Next();
                    elseList = new ListNode(_tree, next.Pos, [IfControl()]);
                }
                else if (context == "with" && Peek().Type == ItemType.With)
                {
                    Next();
                    elseList = new ListNode(_tree, next.Pos, [WithControl()]);
                }
                else
                {
                    (elseList, next) = ItemList();
                    if (next.Type != NodeType.End) throw Errorf("expected end; found " + next);
                }
            }
            return (pipe.Pos, pipe.Line, pipe, list, elseList);
        }
        finally
        {
            _vars.RemoveRange(varMark, _vars.Count - varMark);
            _controlDepth--;
        }
    }

    // One more level of block nesting (left again by the caller's finally, or never when the parse fails).
    private void EnterBlock()
    {
        // The stack probe is only a backstop (a tpl parse deep inside a deep execution): the count trips first.
        if (_controlDepth >= MaxBlockNesting || !HelmSharp.Go.StackGuard.Check()) throw Errorf(BlockNestingError);
        _controlDepth++;
    }

    private Node IfControl() { var c = ParseControl("if"); return new IfNode(_tree, c.Pos, c.Line, c.Pipe, c.List, c.Else); }
    private Node RangeControl() { var c = ParseControl("range"); return new RangeNode(_tree, c.Pos, c.Line, c.Pipe, c.List, c.Else); }
    private Node WithControl() { var c = ParseControl("with"); return new WithNode(_tree, c.Pos, c.Line, c.Pipe, c.List, c.Else); }

    private Node EndControl() => new EndNode(_tree, Expect(ItemType.RightDelim, "end").Pos);

    private Node ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Type == ItemType.If || peek.Type == ItemType.With) return new ElseNode(_tree, peek.Pos, peek.Line);
        var token = Expect(ItemType.RightDelim, "else");
        return new ElseNode(_tree, token.Pos, token.Line);
    }

    private Node BlockControl()
    {
        const string context = "block clause";
        var token = NextNonSpace();
        var name = ParseTemplateName(token, context);
        var pipe = Pipeline(context, ItemType.RightDelim);
        var saved = SaveState();
        _vars = ["$"]; _stackDepth = 0; _rangeDepth = 0; _actionLine = 0;
        _tree = new Tree(name, _parseName, _text);
        EnterBlock();
        var (list, end) = ItemList();
        _controlDepth--;
        if (end.Type != NodeType.End) throw Errorf("unexpected " + end + " in " + context);
        _tree.Root = list;
        Add(_tree);
        RestoreState(saved);
        return new TemplateNode(_tree, token.Pos, token.Line, name, pipe);
    }

    private Node TemplateControl()
    {
        const string context = "template clause";
        var token = NextNonSpace();
        var name = ParseTemplateName(token, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Type != ItemType.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, ItemType.RightDelim);
        }
        return new TemplateNode(_tree, token.Pos, token.Line, name, pipe);
    }

    private string ParseTemplateName(Item token, string context)
    {
        if (token.Type is ItemType.String or ItemType.RawString)
        {
            if (!GoStrconv.TryUnquote(token.Value, out var s)) throw Errorf(GoStrconv.ErrSyntaxText);
            return s;
        }
        throw Unexpected(token, context);
    }

    private CommandNode Command()
    {
        int pos = PeekNonSpace().Pos;
        int mark = _builtCount;
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand != null) AddBuilt(operand);
            var token = Next();
            switch (token.Type)
            {
                case ItemType.Space: continue;
                case ItemType.RightDelim: case ItemType.RightParen: Backup(); break;
                case ItemType.Pipe: break;
                default: throw Unexpected(token, "operand");
            }
            break;
        }
        if (_builtCount == mark) throw Errorf("empty command");
        return new CommandNode(_tree, pos, TakeBuilt<Node>(mark));
    }

    private Node? Operand()
    {
        var node = Term();
        if (node == null) return null;
        if (Peek().Type == ItemType.Field)
        {
            int chainPos = Peek().Pos;
            var fields = _fields;
            fields.Clear();
            while (Peek().Type == ItemType.Field) fields.Add(HelmSharp.Go.ShortStrings.ForThread().Get(Next().Value.AsSpan(1)));
            switch (node.Type)
            {
                case NodeType.Field:
                    node = new FieldNode(_tree, chainPos, Concat(((FieldNode)node).Ident, fields));
                    break;
                case NodeType.Variable:
                    node = new VariableNode(_tree, chainPos, Concat(((VariableNode)node).Ident, fields));
                    break;
                case NodeType.Bool: case NodeType.String: case NodeType.Number: case NodeType.Nil: case NodeType.Dot:
                    throw Errorf("unexpected . after term " + GoStrconv.Quote(node.ToString()));
                default:
                    node = new ChainNode(_tree, chainPos, node, fields.ToArray());
                    break;
            }
        }
        return node;
    }

    // The field names of an operand's chain being read (copied out into the node's own exact-size array).
    private readonly List<string> _fields = [];

    private static string[] Concat(IReadOnlyList<string> head, List<string> tail)
    {
        var a = new string[head.Count + tail.Count];
        for (int i = 0; i < head.Count; i++) a[i] = head[i];
        tail.CopyTo(a, head.Count);
        return a;
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case ItemType.Identifier:
            {
                var fn = LookupFunction(token.Value);
                if (fn == null) throw Errorf("function " + GoStrconv.Quote(token.Value) + " not defined");
                return new IdentifierNode(_tree, token.Pos, token.Value, fn);
            }
            case ItemType.Dot: return new DotNode(_tree, token.Pos);
            case ItemType.Nil: return new NilNode(_tree, token.Pos);
            case ItemType.Variable: return UseVar(token.Pos, token.Value);
            case ItemType.Field: return new FieldNode(_tree, token.Pos, SplitField(token.Value));
            case ItemType.Bool: return new BoolNode(_tree, token.Pos, token.Value == "true");
            case ItemType.CharConstant: case ItemType.Complex: case ItemType.Number:
                return NewNumber(token.Pos, token.Value, token.Type);
            case ItemType.LeftParen:
                if (_stackDepth >= _maxStackDepth || !HelmSharp.Go.StackGuard.Check())
                    throw Errorf("max expression depth exceeded");
                _stackDepth++;
                try { return Pipeline("parenthesized pipeline", ItemType.RightParen); }
                finally { _stackDepth--; }
            case ItemType.String: case ItemType.RawString:
            {
                if (!GoStrconv.TryUnquote(token.Value, out var s)) throw Errorf(GoStrconv.ErrSyntaxText);
                return new StringNode(_tree, token.Pos, token.Value, s);
            }
        }
        Backup();
        return null;
    }

    private static string[] SplitField(string ident) => SplitIdent(ident.AsSpan(1));

    private VariableNode NewVariable(int pos, string ident) => new(_tree, pos, SplitIdent(ident));

    // The dot-separated parts of a field or variable (Go's strings.Split), each a shared token text.
    private static string[] SplitIdent(ReadOnlySpan<char> ident)
    {
        var strings = HelmSharp.Go.ShortStrings.ForThread();
        var parts = new string[ident.Count('.') + 1];
        for (int i = 0; i < parts.Length; i++)
        {
            int dot = ident.IndexOf('.');
            var part = dot < 0 ? ident : ident[..dot];
            parts[i] = strings.Get(part);
            if (dot >= 0) ident = ident[(dot + 1)..];
        }
        return parts;
    }

    private Node UseVar(int pos, string name)
    {
        var v = NewVariable(pos, name);
        foreach (var n in _vars) if (n == v.Ident[0]) return v;
        throw Errorf("undefined variable " + GoStrconv.Quote(v.Ident[0]));
    }

    private NumberNode NewNumber(int pos, string text, ItemType typ)
    {
        if (typ == ItemType.CharConstant)
        {
            int idx = 1;
            if (!GoStrconv.TryUnquoteChar(text, ref idx, text[0], out int rune, out _)) throw Errorf(GoStrconv.ErrSyntaxText);
            if (text[idx..] != "'") throw Errorf("malformed character constant: " + text);
            return new NumberNode(_tree, pos, text, true, rune, true, (ulong)rune, true, rune, false, default);
        }
        if (typ == ItemType.Complex)
        {
            if (!TryScanComplex(text, out var c)) throw Errorf("expected integer");
            return SimplifyComplex(pos, text, c);
        }
        if (text.Length > 0 && text[^1] == 'i')
        {
            if (GoStrconv.TryParseFloat(text.AsSpan(0, text.Length - 1), 64, out double f0))
                return SimplifyComplex(pos, text, new System.Numerics.Complex(0, f0));
        }
        bool isUint = GoStrconv.TryParseUint(text, 0, 64, out ulong u);
        bool isInt = GoStrconv.TryParseInt(text, 0, 64, out long i);
        if (isInt && i == 0) { isUint = true; u = 0; }
        bool isFloat = false;
        double f = 0;
        if (isInt) { isFloat = true; f = i; }
        else if (isUint) { isFloat = true; f = u; }
        else if (GoStrconv.TryParseFloat(text, 64, out double ff))
        {
            if (text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) < 0) throw Errorf("integer overflow: " + GoStrconv.Quote(text));
            isFloat = true; f = ff;
            if (!isInt && ff >= -9.2233720368547758E18 && ff < 9.2233720368547758E18 && (double)(long)ff == ff) { isInt = true; i = (long)ff; }
            if (!isUint && ff >= 0 && ff < 1.8446744073709552E19 && (double)(ulong)ff == ff) { isUint = true; u = (ulong)ff; }
        }
        if (!isInt && !isUint && !isFloat) throw Errorf("illegal number syntax: " + GoStrconv.Quote(text));
        return new NumberNode(_tree, pos, text, isInt, i, isUint, u, isFloat, f, false, default);
    }

    /// <summary>Go's <c>fmt.Sscan(text, &amp;c)</c> of the complex literal the lexer scanned (<c>1+2i</c>).</summary>
    private static bool TryScanComplex(string s, out System.Numerics.Complex c)
    {
        c = System.Numerics.Complex.Zero;
        // split at the sign that starts the imaginary part (not after e/E/p/P)
        for (int i = s.Length - 2; i > 0; i--)
        {
            if ((s[i] == '+' || s[i] == '-') && (s[i - 1] | 0x20) != 'e' && (s[i - 1] | 0x20) != 'p')
            {
                if (!GoStrconv.TryParseFloat(s.AsSpan(0, i), 64, out double re)) return false;
                if (!GoStrconv.TryParseFloat(s.AsSpan(i, s.Length - 1 - i), 64, out double im)) return false;
                c = new System.Numerics.Complex(re, im);
                return true;
            }
        }
        return false;
    }

    private NumberNode SimplifyComplex(int pos, string text, System.Numerics.Complex c)
    {
        bool isFloat = false, isInt = false, isUint = false;
        double f = 0; long i = 0; ulong u = 0;
        if (c.Imaginary == 0)
        {
            isFloat = true; f = c.Real;
            if (f >= -9.2233720368547758E18 && f < 9.2233720368547758E18 && (double)(long)f == f) { isInt = true; i = (long)f; }
            if (f >= 0 && f < 1.8446744073709552E19 && (double)(ulong)f == f) { isUint = true; u = (ulong)f; }
        }
        return new NumberNode(_tree, pos, text, isInt, i, isUint, u, isFloat, f, true, c);
    }
}
