using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Functions;
using HelmSharp.Template.Parse;

namespace HelmSharp.Template.Exec;

/// <summary>Internal control-flow signals for break/continue.</summary>
internal enum Flow { Normal, Break, Continue }

/// <summary>
/// One execution of one template (Go's <c>state</c>): writer, variable stack, depth and the current
/// node for error messages. Trees are shared and never mutated.
/// </summary>
internal sealed class ExecState
{
    // Set by Run for one execution and cleared when the state goes back to the pool.
    private RenderContext _render = null!;
    private Namespace _ns = null!;
    private StringBuilder _wr = null!;
    private TemplateOptions _opt = null!;
    private Tree _tmpl = null!;
    private Node? _node;
    private (string Name, object? Value, bool Wrapped)[] _vars = new (string, object?, bool)[4];
    private bool _dotWrapped;
    private int _varCount;
    private int _depth;
    private FunctionContext? _ctx;
    private long? _maxOut;
    private IExecutionObserver? _obs;
    private OutputRecorder? _rec; // diagnostics: the source map being recorded (null on every ordinary render)
    // diagnostics: the execution this one was started from, how it was entered, and the template actions walked in it
    private ExecState? _parent;
    private TemplateFrameKind _entry;
    private readonly List<(Tree Caller, TemplateNode Call)> _templateCalls = [];
    private Node? _calling; // the function call running (its node), for the call site of an include or tpl

    private ExecState() { }

    private FunctionContext Ctx => _ctx ??= new FunctionContext(_render, _ns);

    // A chart render runs thousands of short executions (every include and tpl), one thread at a time and nested:
    // states are reused in stack order from a small per-thread pool, like the output buffers.
    private const int MaxPooled = 64;
    [ThreadStatic] private static Stack<ExecState>? t_pool;

    // ctx: the function context to hand to functions, when the caller has one for the same render and namespace.
    public static void Run(RenderContext render, Namespace ns, Tree tree, object? data, StringBuilder wr, FunctionContext? ctx = null,
        TemplateFrameKind entry = TemplateFrameKind.File)
    {
        if (!StackGuard.Check() || render.NestedExecutions >= render.Set.Options.MaxNestedExecutions)
            throw new TemplateLimitException("template: " + tree.Name + ": exceeded maximum template depth (100000)");
        render.NestedExecutions++;
        var pool = t_pool ??= new Stack<ExecState>();
        if (!pool.TryPop(out var s)) s = new ExecState();
        s._render = render; s._ns = ns; s._tmpl = tree; s._wr = wr; s._ctx = ctx;
        s._opt = render.Set.Options; s._maxOut = s._opt.MaxOutputBytes; s._obs = render.Observer;
        s._parent = render.Current; s._entry = entry; render.Current = s;
        var profiler = HelmSharp.Diagnostics.RenderProfiler.Active; // diagnostics hook: null unless profiling
        profiler?.Enter(tree.Name);
        var rec = s._rec = OutputRecorder.Current; // diagnostics hook: null unless recording
        rec?.Enter(wr);
        try
        {
            s.Push("$", data);
            if (tree.Root == null) s.Errorf(GoStrconv.Quote(tree.Name) + " is an incomplete or empty template");
            s.Walk(data, tree.Root!);
        }
        finally
        {
            render.NestedExecutions--;
            render.Current = s._parent;
            profiler?.Leave(tree.Name, entry, entry == TemplateFrameKind.Tpl ? tree.Text : null);
            rec?.Leave();
            s.Release(pool);
        }
    }

    private void Release(Stack<ExecState> pool)
    {
        Pop(0);
        _render = null!; _ns = null!; _wr = null!; _opt = null!; _tmpl = null!; _node = null; _ctx = null; _obs = null; _rec = null;
        _dotWrapped = false; _wrapped = false; _depth = 0; _parent = null; _calling = null; _templateCalls.Clear();
        if (_vars.Length > 64) _vars = new (string, object?, bool)[4];
        if (pool.Count < MaxPooled) pool.Push(this);
    }

    // ---- variables ----
    private void Push(string name, object? value)
    {
        if (_varCount == _vars.Length) Array.Resize(ref _vars, _vars.Length * 2);
        _vars[_varCount++] = (name, value, false);
    }
    private int Mark() => _varCount;
    private void Pop(int mark)
    {
        for (int i = mark; i < _varCount; i++) _vars[i] = default;
        _varCount = mark;
    }
    private void SetVar(string name, object? value)
    {
        for (int i = _varCount - 1; i >= 0; i--)
            if (_vars[i].Name == name) { _vars[i].Value = value; _vars[i].Wrapped = false; return; }
        Errorf("undefined variable: " + name);
    }
    private void SetTopVar(int n, object? value, bool wrapped = false) { _vars[_varCount - n].Value = value; _vars[_varCount - n].Wrapped = wrapped; }
    private object? VarValue(string name, out bool wrapped)
    {
        for (int i = _varCount - 1; i >= 0; i--)
            if (_vars[i].Name == name) { wrapped = _vars[i].Wrapped; return _vars[i].Value; }
        Errorf("undefined variable: " + name);
        wrapped = false;
        return null;
    }

    // ---- errors ----
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Errorf(string msg, Exception? inner = null) => throw MakeError(msg, inner);

    private TemplateExecException MakeError(string msg, Exception? inner = null)
    {
        string name = _tmpl.Name;
        if (_node == null)
            return new TemplateExecException("template: " + name + ": " + msg, null, 0, 0, name, null, msg, inner) { CallStack = CallStack(inner) };
        var tree = _node.Tree;
        var (line, col) = tree.LineCol(_node.Pos);
        string context = _node.ToString();
        string loc = tree.ParseName + ":" + line + ":" + col;
        return new TemplateExecException("template: " + loc + ": executing " + GoStrconv.Quote(name) + " at <" + context + ">: " + msg,
            tree.ParseName, line, col, name, context, msg, inner) { CallStack = CallStack(inner) };
    }

    /// <summary>
    /// The call stack of an error made here: a nested execution's error (wrapped as <paramref name="inner"/>) already
    /// holds the whole stack; otherwise this execution's template actions and the executions it was started from.
    /// </summary>
    private List<TemplateFrame> CallStack(Exception? inner)
    {
        for (var e = inner; e != null; e = e is TemplateExecException te ? te.Cause ?? te.InnerException : e.InnerException)
            if (e is TemplateExecException { CallStack.Count: > 0 } deeper) return [.. deeper.CallStack];
        return Frames(_node);
    }

    /// <summary>The call stack of node <paramref name="writer"/> of this execution writing output (see <see cref="OutputRecorder"/>).</summary>
    internal List<TemplateFrame> WriterStack(Node writer) => Frames(writer);

    // This execution at node `innermost`, then the template actions walked in it and the executions it was started from.
    private List<TemplateFrame> Frames(Node? innermost)
    {
        var frames = new List<TemplateFrame>();
        for (var s = this; s != null && frames.Count < 10000; s = s._parent)
        {
            var tmpl = s._tmpl;
            Node? at = s == this ? innermost : s._calling ?? s._node;
            for (int i = s._templateCalls.Count - 1; i >= 0; i--)
            {
                frames.Add(Frame(tmpl, TemplateFrameKind.Template, at));
                (tmpl, at) = s._templateCalls[i];
            }
            frames.Add(Frame(tmpl, s._entry, at));
        }
        return frames;
    }

    private static TemplateFrame Frame(Tree tmpl, TemplateFrameKind kind, Node? at)
    {
        if (at == null) return new TemplateFrame(tmpl.Name, kind, tmpl.ParseName, 0, 0, null);
        var (line, col) = at.Tree.LineCol(at.Pos);
        return new TemplateFrame(tmpl.Name, kind, at.Tree.ParseName, line, col, at.ToString());
    }

    // ---- argument arrays ----
    private const int MaxPooledArgs = 4;
    private readonly List<object?[]>[] _args = [[], [], [], [], []];

    private object?[] RentArgs(int n)
    {
        var free = _args[n];
        if (free.Count == 0) return new object?[n];
        var a = free[^1];
        free.RemoveAt(free.Count - 1);
        return a;
    }

    private void ReturnArgs(object?[] a)
    {
        Array.Clear(a);
        var free = _args[a.Length];
        if (free.Count < 16) free.Add(a);
    }

    // ---- output ----

    // A command whose function writes its result where the next command reads it as its final argument (see GoFunction.TakesText).
    private static bool CanPipeText(CommandNode from, CommandNode to) =>
        HasSinkBody(from) && to.Args[0] is IdentifierNode { Function.TakesText: true };

    private static bool HasSinkBody(CommandNode cmd) => cmd.Args[0] is IdentifierNode { Function.SinkBody: not null };

    // The Go byte length of sb[start..]; a surrogate pair may straddle chunks, so text with surrogates is measured whole.
    private static long Utf8Length(StringBuilder sb, int start)
    {
        long n = 0;
        int skip = start;
        foreach (var chunk in sb.GetChunks())
        {
            var span = chunk.Span;
            if (skip >= span.Length) { skip -= span.Length; continue; }
            span = span[skip..];
            skip = 0;
            // ASCII (nearly all output) is one byte a character: one pass instead of two.
            if (System.Text.Ascii.IsValid(span)) { n += span.Length; continue; }
            if (span.ContainsAnyInRange('\uD800', '\uDFFF')) return HelmSharp.Go.GoUtf8.GetByteCount(sb.ToString(start, sb.Length - start));
            n += HelmSharp.Go.GoUtf8.GetByteCount(span);
        }
        return n;
    }

    // An integer in decimal, without making a string of it.
    private void WriteInteger(long v)
    {
        Span<char> digits = stackalloc char[20];
        v.TryFormat(digits, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        if (_maxOut != null) _render.CountOutput(n);
        _wr.Append(digits[..n]);
    }

    private void Write(string s)
    {
        if (_maxOut != null) _render.CountOutput(HelmSharp.Go.GoUtf8.GetByteCount(s));
        _wr.Append(s);
    }

    // ---- walk ----
    private Flow Walk(object? dot, Node node)
    {
        _node = node;
        switch (node)
        {
            case ActionNode a:
            {
                bool print = a.Pipe.Decl.Count == 0;
                // {{ include "x" . }}, {{ toYaml . | nindent 4 }}: the last function may write its result into the
                // output itself (no intermediate string).
                int start = _wr.Length;
                var mark = _rec?.BeginAction() ?? default;
                var val = EvalPipeline(dot, a.Pipe, print ? _wr : null, out bool written);
                if (written)
                {
                    _node = a;
                    // What printing the returned string would have counted.
                    if (_maxOut != null) _render.CountOutput(Utf8Length(_wr, start));
                }
                else if (print) PrintValue(a, val);
                _rec?.EndAction(this, a, start, mark);
                return Flow.Normal;
            }
            case TextNode t:
                if (_maxOut != null) _render.CountOutput(t.Utf8Length);
                _rec?.WriteText(this, t, _wr.Length);
                _wr.Append(t.Memory);
                return Flow.Normal;
            case ListNode l:
            {
                var nodes = l.Nodes;
                for (int i = 0; i < nodes.Count; i++)
                {
                    var f = Walk(dot, nodes[i]);
                    if (f != Flow.Normal) return f;
                }
                return Flow.Normal;
            }
            case IfNode n: return WalkIfOrWith(false, dot, n.Pipe, n.List, n.ElseList);
            case WithNode n: return WalkIfOrWith(true, dot, n.Pipe, n.List, n.ElseList);
            case RangeNode r: WalkRange(dot, r); return Flow.Normal;
            case TemplateNode t: WalkTemplate(dot, t); return Flow.Normal;
            case BreakNode: return Flow.Break;
            case ContinueNode: return Flow.Continue;
            case CommentNode: return Flow.Normal;
        }
        Errorf("unknown node: " + node);
        return Flow.Normal;
    }

    // Nested blocks recurse here as in Go; a template's nesting is bounded by the parser's limit, so the stack probe only
    // trips when executions nest blocks beyond it through template calls or tpl (where Go's stack would run out too).
    private void CheckStack()
    {
        if (!StackGuard.Check()) throw new TemplateLimitException("template: " + _tmpl.Name + ": " + Parser.BlockNestingError);
    }

    private Flow WalkIfOrWith(bool isWith, object? dot, PipeNode pipe, ListNode list, ListNode? elseList)
    {
        CheckStack();
        int mark = Mark();
        try
        {
            var val = EvalPipeline(dot, pipe);
            var (truth, ok) = GoValues.IsTrue(val);
            if (!ok) Errorf("if/with can't use " + GoValues.Sprint(val));
            if (truth)
            {
                if (!isWith) return Walk(dot, list);
                bool saved = _dotWrapped;
                _dotWrapped = false;
                try { return Walk(val, list); } finally { _dotWrapped = saved; }
            }
            if (elseList != null) return Walk(dot, elseList);
            return Flow.Normal;
        }
        finally { Pop(mark); }
    }

    private void CheckCancel() => _render.CancellationToken.ThrowIfCancellationRequested();

    private void WalkRange(object? dot, RangeNode r)
    {
        CheckStack();
        _node = r;
        int outer = Mark();
        try
        {
            var val = EvalPipeline(dot, r.Pipe);
            if (val is NilInterface) val = null;
            _obs?.Read(val);
            int mark = Mark();
            var decl = r.Pipe.Decl;
            bool ran = false;

            bool elemWrapped = false;
            // returns false on break
            bool One(object? index, object? elem)
            {
                CheckCancel();
                if (decl.Count > 0)
                {
                    if (r.Pipe.IsAssign)
                    {
                        if (decl.Count > 1) SetVar(decl[0].Ident[0], index);
                        else SetVar(decl[0].Ident[0], elem);
                    }
                    else SetTopVar(1, elem, elemWrapped);
                }
                if (decl.Count > 1)
                {
                    if (r.Pipe.IsAssign) SetVar(decl[1].Ident[0], elem);
                    else SetTopVar(2, index);
                }
                bool savedDot = _dotWrapped;
                _dotWrapped = elemWrapped;
                try
                {
                    var f = Walk(elem, r.List);
                    return f != Flow.Break;
                }
                finally { Pop(mark); _dotWrapped = savedDot; }
            }

            switch (val)
            {
                case null:
                    break;
                case object?[] arr when arr.GetType() == typeof(object[]):
                    elemWrapped = true;
                    for (int i = 0; i < arr.Length; i++) { ran = true; if (!One((nint)i, arr[i] ?? NilInterface.Value)) break; }
                    break;
                case Dictionary<string, object?> d when d.GetType() == typeof(Dictionary<string, object?>):
                {
                    elemWrapped = true;
                    if (d.Count == 0) break;
                    var keys = new string[d.Count];
                    d.Keys.CopyTo(keys, 0);
                    Array.Sort(keys, GoValues.CompareStrings);
                    foreach (var k in keys) { ran = true; if (!One(k, d[k] ?? NilInterface.Value)) break; }
                    break;
                }
                case string:
                    Errorf("range can't iterate over " + GoValues.Sprint(val));
                    break;
                case Array a:
                {
                    bool iface = a.GetType().GetElementType() == typeof(object);
                    elemWrapped = iface;
                    for (int i = 0; i < a.Length; i++)
                    {
                        ran = true;
                        var e = a.GetValue(i);
                        if (!One((nint)i, iface && e == null ? NilInterface.Value : e)) break;
                    }
                    break;
                }
                case IDictionary m when GoValues.KindOf(val) == GoKind.Map:
                {
                    if (m.Count == 0) break;
                    var et = GoType.Of(val)?.Elem;
                    elemWrapped = et == null || et.Kind == GoKind.Interface;
                    foreach (var kv in GoValues.SortedEntries(m, GoType.Of(val)?.Elem)) { ran = true; if (!One(kv.Key, kv.Value)) break; }
                    break;
                }
                case IList list when GoValues.KindOf(val) is GoKind.Slice or GoKind.Array:
                    for (int i = 0; i < list.Count; i++) { ran = true; if (!One((nint)i, list[i])) break; }
                    break;
                case IGoList gl:
                    for (int i = 0; i < gl.Count; i++) { ran = true; if (!One((nint)i, gl[i])) break; }
                    break;
                default:
                {
                    var k = GoValues.KindOf(val);
                    if (_opt.Go >= GoRelease.Go125 && (k.IsSignedInt() || k.IsUnsignedInt()))
                    {
                        if (decl.Count > 1) Errorf("can't use " + GoValues.Sprint(val) + " to iterate over more than one variable");
                        if (k.IsSignedInt())
                        {
                            long n = GoValues.ToInt64(val);
                            for (long i = 0; i < n; i++) { ran = true; if (!One(null, ConvertInt(i, k))) break; }
                        }
                        else
                        {
                            ulong n = GoValues.ToUint64(val);
                            for (ulong i = 0; i < n; i++) { ran = true; if (!One(null, ConvertUint(i, k))) break; }
                        }
                        break;
                    }
                    Errorf("range can't iterate over " + GoValues.Sprint(val));
                    break;
                }
            }
            if (!ran && r.ElseList != null) Walk(dot, r.ElseList);
        }
        finally { Pop(outer); }
    }

    // Every arm is cast to object: a switch expression would otherwise widen all arms to one numeric type.
    private static object ConvertInt(long i, GoKind k) => k switch
    {
        GoKind.Int64 => (object)i, GoKind.Int32 => (object)(int)i, GoKind.Int16 => (object)(short)i, GoKind.Int8 => (object)(sbyte)i, _ => BoxInt(i),
    };

    // Boxed Go ints (nint) of small values are shared (GoBoxes): loop indexes and literals are mostly small.
    internal static object BoxInt(long i) => GoBoxes.Int(i);
    private static object ConvertUint(ulong i, GoKind k) => k switch
    {
        GoKind.Uint64 => (object)i, GoKind.Uint32 => (object)(uint)i, GoKind.Uint16 => (object)(ushort)i, GoKind.Uint8 => (object)(byte)i, _ => (object)(nuint)i,
    };

    private void WalkTemplate(object? dot, TemplateNode t)
    {
        _node = t;
        var tmpl = _ns.Lookup(t.Name);
        if (tmpl == null) Errorf("template " + GoStrconv.Quote(t.Name) + " not defined");
        if (_depth >= _opt.MaxExecDepth || !StackGuard.Check())
            Errorf("exceeded maximum template depth (100000)");
        CheckCancel();
        dot = EvalPipeline(dot, t.Pipe);
        var savedTmpl = _tmpl;
        var savedVars = _vars; var savedCount = _varCount;
        _vars = new (string, object?, bool)[4]; _varCount = 0;
        _depth++;
        _templateCalls.Add((savedTmpl, t));
        _tmpl = tmpl!;
        bool savedDot = _dotWrapped;
        _dotWrapped = false;
        var profiler = HelmSharp.Diagnostics.RenderProfiler.Active; // diagnostics hook
        profiler?.Enter(tmpl!.Name);
        try
        {
            Push("$", dot);
            Walk(dot, tmpl!.Root!);
        }
        finally
        {
            _depth--; _tmpl = savedTmpl; _vars = savedVars; _varCount = savedCount; _dotWrapped = savedDot;
            _templateCalls.RemoveAt(_templateCalls.Count - 1);
            profiler?.Leave(tmpl!.Name, TemplateFrameKind.Template, null);
        }
    }

    // ---- eval ----
    private object? EvalPipeline(object? dot, PipeNode? pipe) => EvalPipeline(dot, pipe, null, out _);

    // output: where the last command may write its result itself (a printed action); written says that it did, and the
    // value is then null. A command whose function has a sink body writes into a buffer when the next command reads
    // that text as its final argument; the buffer is handed on as the next command's input.
    private object? EvalPipeline(object? dot, PipeNode? pipe, StringBuilder? output, out bool written)
    {
        written = false;
        if (pipe == null) return null;
        _node = pipe;
        object? value = MissingValue.Value;
        var cmds = pipe.Cmds;
        StringBuilder? piped = null; // the text the previous command wrote
        try
        {
            for (int i = 0; i < cmds.Count; i++)
            {
                var cmd = cmds[i];
                bool last = i == cmds.Count - 1;
                StringBuilder? sink = null;
                if (last) { if (output != null && HasSinkBody(cmd)) sink = output; }
                else if (_opt.PipeText && CanPipeText(cmd, cmds[i + 1])) sink = OutputBuffers.Rent();
                var input = piped;
                piped = null;
                bool done = false;
                try
                {
                    value = EvalCommand(dot, cmd, value, input, sink);
                    done = true;
                }
                finally
                {
                    if (input != null) OutputBuffers.Return(input);
                    if (!done && sink != null && !last) OutputBuffers.Return(sink);
                }
                if (sink != null)
                {
                    if (last) written = true;
                    else piped = sink;
                    value = null; // (the next command's final argument is the text)
                }
                else if (value is NilInterface) value = null;
            }
        }
        finally { if (piped != null) OutputBuffers.Return(piped); }
        var decl = pipe.Decl;
        for (int i = 0; i < decl.Count; i++)
        {
            if (pipe.IsAssign) SetVar(decl[i].Ident[0], value);
            else Push(decl[i].Ident[0], value);
        }
        return value;
    }

    private void NotAFunction(IReadOnlyList<Node> args, object? final)
    {
        if (args.Count > 1 || final is not MissingValue) Errorf("can't give argument to non-function " + args[0]);
    }

    // input and sink: see EvalCall (only a function command gets them).
    private object? EvalCommand(object? dot, CommandNode cmd, object? final, StringBuilder? input = null, StringBuilder? sink = null)
    {
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode f: return EvalFieldNode(dot, f, cmd.Args, final);
            case ChainNode c: return EvalChainNode(dot, c, cmd.Args, final);
            case IdentifierNode id: return EvalFunction(dot, id, cmd, cmd.Args, final, input, sink);
            case PipeNode p:
                NotAFunction(cmd.Args, final);
                return EvalPipelineGuarded(dot, p);
            case VariableNode v: return EvalVariableNode(dot, v, cmd.Args, final);
        }
        _node = first;
        NotAFunction(cmd.Args, final);
        switch (first)
        {
            case BoolNode b: return b.Value;
            case DotNode: return dot;
            case NilNode: Errorf("nil is not a command"); break;
            case NumberNode n: return IdealConstant(n);
            case StringNode s: return s.Text;
        }
        Errorf("can't evaluate command " + GoStrconv.Quote(first.ToString()));
        return null;
    }

    private object? EvalPipelineGuarded(object? dot, PipeNode p)
    {
        if (!StackGuard.Check()) throw new TemplateLimitException("template: " + _tmpl.Name + ": max expression depth exceeded");
        return EvalPipeline(dot, p);
    }

    private object? IdealConstant(NumberNode c)
    {
        _node = c;
        if (c.IsComplex) return c.Complex128;
        if (c.IsFloat && !IsHexInt(c.Text) && !(c.Text.Length > 0 && c.Text[0] == '\'') && c.Text.AsSpan().IndexOfAny(".eEpP") >= 0)
            return c.Float64;
        if (c.IsInt) return BoxInt(c.Int64);
        if (c.IsUint) Errorf(c.Text + " overflows int");
        return null;
    }

    private static bool IsHexInt(string s) => s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s.AsSpan().IndexOfAny("pP") < 0;

    private object? EvalFieldNode(object? dot, FieldNode field, IReadOnlyList<Node>? args, object? final)
    {
        _node = field;
        return EvalFieldChain(dot, dot, field, field.Ident, 0, args, final, _dotWrapped);
    }

    private object? EvalChainNode(object? dot, ChainNode chain, IReadOnlyList<Node>? args, object? final)
    {
        _node = chain;
        if (chain.Field.Count == 0) Errorf("internal error: no fields in evalChainNode");
        if (chain.Node.Type == NodeType.Nil) Errorf("indirection through explicit nil in " + chain);
        var pipe = EvalArg(dot, null, chain.Node);
        return EvalFieldChain(dot, pipe, chain, chain.Field, 0, args, final, false);
    }

    private object? EvalVariableNode(object? dot, VariableNode v, IReadOnlyList<Node>? args, object? final)
    {
        _node = v;
        var value = VarValue(v.Ident[0], out bool wrapped);
        if (v.Ident.Count == 1)
        {
            if (args != null) NotAFunction(args, final);
            else if (final is not MissingValue) Errorf("can't give argument to non-function " + v);
            return value;
        }
        return EvalFieldChain(dot, value, v, v.Ident, 1, args, final, wrapped);
    }

    private object? EvalFieldChain(object? dot, object? receiver, Node node, IReadOnlyList<string> ident, int start, IReadOnlyList<Node>? args, object? final, bool wrapped)
    {
        int n = ident.Count;
        _wrapped = wrapped;
        for (int i = start; i < n - 1; i++)
            receiver = EvalField(dot, ident[i], node, null, MissingValue.Value, receiver);
        return EvalField(dot, ident[n - 1], node, args, final, receiver);
    }

    private object? EvalFunction(object? dot, IdentifierNode node, Node cmd, IReadOnlyList<Node>? args, object? final,
        StringBuilder? input = null, StringBuilder? sink = null)
    {
        _node = node;
        var fn = node.Function;
        if (fn == null) { Errorf(GoStrconv.Quote(node.Ident) + " is not a defined function"); return null; }
        return EvalCall(dot, fn, cmd, node.Ident, args, final, input, sink);
    }

    // True when the receiver of the next EvalField in a chain came out of an interface-typed container
    // (Go's reflect.Value of kind Interface), which Go prints as "interface {}" in error messages.
    private bool _wrapped;

    private object? EvalField(object? dot, string fieldName, Node node, IReadOnlyList<Node>? args, object? final, object? receiver)
    {
        bool wrapped = _wrapped;
        _wrapped = false;
        if (receiver == null)
        {
            if (_opt.MissingKey == MissingKey.Error) Errorf("nil data; no entry for key " + GoStrconv.Quote(fieldName));
            return null;
        }
        if (receiver is NilInterface)
        {
            Errorf("nil pointer evaluating interface {}." + fieldName);
            return null;
        }
        _obs?.Field(receiver, fieldName);
        if (receiver is IGoMethods gm && gm.TryGetMethod(fieldName, out var method))
        {
            var r = EvalCall(dot, GoFunction.ForMethod(method), node, fieldName, args, final);
            _wrapped = false;
            return r;
        }
        bool hasArgs = (args != null && args.Count > 1) || final is not MissingValue;
        if (receiver is IGoStruct st)
        {
            if (st.TryGetField(fieldName, out var fv))
            {
                if (hasArgs) Errorf(fieldName + " has arguments but cannot be invoked as function");
                return fv ?? NilInterface.Value;
            }
        }
        else if (GoValues.TryMapLookup(receiver, fieldName, out _, out var value, out bool found, out var elemType))
        {
            if (hasArgs) Errorf(fieldName + " is not a method but has arguments");
            _wrapped = elemType == null || elemType.Kind == GoKind.Interface;
            if (!found)
            {
                switch (_opt.MissingKey)
                {
                    case MissingKey.Default: return null;
                    case MissingKey.Zero:
                        if (elemType == null || elemType.Kind == GoKind.Interface) return NilInterface.Value;
                        return elemType.ZeroValue;
                    case MissingKey.Error:
                        Errorf("map has no entry for key " + GoStrconv.Quote(fieldName));
                        break;
                }
            }
            return value;
        }
        Errorf("can't evaluate field " + fieldName + " in type " + (wrapped ? "interface {}" : GoValues.TypeName(receiver)));
        return null;
    }

    // sink: where fn's sink body writes its result (the call returns null then); input: the text the previous command
    // wrote, fn's final argument (fn takes text, see GoFunction.TakesText). Both only for a function with a sink body.
    private object? EvalCall(object? dot, GoFunction fn, Node node, string name, IReadOnlyList<Node>? args, object? final,
        StringBuilder? input = null, StringBuilder? sink = null)
    {
        int argc = args == null ? 0 : args.Count - 1;
        bool hasFinal = final is not MissingValue;
        int numIn = argc + (hasFinal ? 1 : 0);
        var ps = fn.Parameters;
        int numFixed = argc;
        if (fn.IsVariadic)
        {
            numFixed = ps.Count - 1;
            if (numIn < numFixed) Errorf("wrong number of args for " + name + ": want at least " + (ps.Count - 1) + " got " + argc);
        }
        else if (numIn != ps.Count) Errorf("wrong number of args for " + name + ": want " + ps.Count + " got " + numIn);

        bool reflectArgs = Builtins.TakesReflectValues(fn);

        if (ReferenceEquals(fn, Builtins.And) || ReferenceEquals(fn, Builtins.Or))
        {
            bool isOr = ReferenceEquals(fn, Builtins.Or);
            object? v = null;
            for (int i = 1; i <= argc; i++)
            {
                v = EvalArg(dot, GoType.Interface, args![i], true);
                if (GoValues.Truth(v) == isOr) return v;
            }
            if (hasFinal) v = final;
            return v;
        }

        // Argument arrays of this library's functions are reused (see GoFunction.TransientArgs); calls nest, so they are
        // rented and returned in stack order.
        bool reuse = fn.TransientArgs && numIn > 0 && numIn <= MaxPooledArgs && !ReferenceEquals(fn, Builtins.CallFunction);
        var argv = reuse ? RentArgs(numIn) : new object?[numIn];
        int k = 0;
        for (; k < numFixed && k < argc; k++) argv[k] = EvalArg(dot, ps[k], args![k + 1], reflectArgs);
        if (fn.IsVariadic)
        {
            var et = ps[ps.Count - 1];
            for (; k < argc; k++) argv[k] = EvalArg(dot, et, args![k + 1], reflectArgs);
        }
        if (hasFinal && input == null)
        {
            GoType t = ps[ps.Count - 1];
            if (fn.IsVariadic && numIn - 1 < numFixed) t = ps[numIn - 1];
            argv[k] = ValidateType(final, t, reflectArgs);
        }
        CheckCancel();
        // Go 1.23 (helm 3) evaluates args[0].String() for the callee name of a pipelined call
        // with no arguments: a runtime panic that text/template re-panics and the enclosing
        // function call (e.g. include) recovers as its error.
        if (argc == 0 && _opt.Go < GoRelease.Go125 && ReferenceEquals(fn, Builtins.CallFunction))
            throw new GoRuntimePanicException("runtime error: index out of range [0] with length 0");
        if (!StackGuard.Check())
            throw new TemplateLimitException("template: " + _tmpl.Name + ": exceeded maximum template depth (stack)");
        // Catch blocks only record the failure: the new exception is thrown after the handler has
        // finished, so the stack is unwound first (rethrowing from inside nested handlers keeps every
        // level's frames alive and overflows the stack on deep include chains).
        Exception? failure;
        _calling = node;
        char[]? copy = null; // the piped text made contiguous, when the buffer holds it in several chunks
        try
        {
            var text = input == null ? default : Contiguous(input, out copy);
            var fnArgs = input == null ? new FunctionArgs(argv) : new FunctionArgs(argv, text);
            if (sink != null)
            {
                // The result string is what the function appended; the per-call bound below applies to it alike.
                int start = sink.Length;
                fn.SinkBody!(Ctx, fnArgs, sink);
                _obs?.Call(fn, argv, null);
                if (_maxOut is not long limit || sink.Length - start <= limit) return null;
                failure = new GoFunctionException("result exceeds the output limit of " + limit + " bytes");
            }
            else
            {
                // Go's evalCall special-cases the builtin call: the callee's node text (or, for a
                // pipelined callee, reflect.Value.String of it) is passed along for error messages.
                var result = input != null ? GoFunction.WriteToString(Ctx, fnArgs, fn.SinkBody!)
                    : ReferenceEquals(fn, Builtins.CallFunction)
                    ? Builtins.Call(Ctx, argc > 0 ? args![1].ToString() : ReflectValueString(final), argv)
                    : fn.RawBody(Ctx, argv);
                _obs?.Call(fn, argv, result);
                // Bound what one call may build (e.g. `$s = cat $s $s` in a loop), so memory fails before the host does.
                if (_maxOut is not long cap || !(result is string rs && rs.Length > cap || result is Array ra && ra.Length > cap / 8))
                    return result;
                failure = new GoFunctionException("result exceeds the output limit of " + cap + " bytes");
            }
        }
        catch (OutOfMemoryException) { failure = new GoFunctionException("runtime: out of memory"); }
        catch (GoFunctionException e) { failure = e; }
        catch (TemplateExecException e) { failure = e; }
        catch (TemplateParseException e) { failure = e; }
        catch (InsufficientExecutionStackException) { failure = null; }
        catch (Exception e) when (e is not (TemplateLimitException or OperationCanceledException or OutOfMemoryException))
        {
            failure = e;
        }
        finally
        {
            _calling = null;
            if (reuse) ReturnArgs(argv);
            if (copy != null) System.Buffers.ArrayPool<char>.Shared.Return(copy);
        }
        if (failure == null) throw new TemplateLimitException("template: " + _tmpl.Name + ": exceeded maximum template depth (stack)");
        _node = node;
        throw MakeError("error calling " + name + ": " + failure.Message, failure);
    }

    // The text of a buffer as one span: its only chunk, or a pooled copy (returned by the caller).
    private static ReadOnlySpan<char> Contiguous(StringBuilder sb, out char[]? copy)
    {
        copy = null;
        foreach (var chunk in sb.GetChunks())
            if (chunk.Length == sb.Length) return chunk.Span;
            else break;
        if (sb.Length == 0) return default;
        copy = System.Buffers.ArrayPool<char>.Shared.Rent(sb.Length);
        sb.CopyTo(0, copy, 0, sb.Length);
        return copy.AsSpan(0, sb.Length);
    }

    /// <summary>Go's <c>reflect.Value.String</c>: the string itself for strings, <c>&lt;T Value&gt;</c> otherwise.</summary>
    private static string ReflectValueString(object? v) => v switch
    {
        string s => s,
        null or NilInterface => "<invalid Value>",
        _ => "<" + GoValues.TypeName(v) + " Value>",
    };

    /// <summary>Go's <c>validateType</c>.</summary>
    private object? ValidateType(object? value, GoType? typ, bool keepNilInterface = false)
    {
        if (value == null)
        {
            if (typ == null || typ.CanBeNil) return null;
            Errorf("invalid value; expected " + typ.Name);
        }
        if (value is NilInterface)
        {
            if (typ == null || typ.Kind == GoKind.Interface) return keepNilInterface ? value : null;
            Errorf("wrong type for value; expected " + typ.Name + "; got interface {}");
        }
        if (typ == null || typ.Kind == GoKind.Interface) return value;
        var vt = GoType.Of(value)!;
        if (ReferenceEquals(vt, typ) || vt.IsAssignableTo(typ)) return value;
        Errorf("wrong type for value; expected " + typ.Name + "; got " + vt.Name);
        return null;
    }

    /// <summary>Go's <c>evalArg</c>.</summary>
    private object? EvalArg(object? dot, GoType? typ, Node n, bool keepNilInterface = false)
    {
        _node = n;
        switch (n)
        {
            case DotNode: return ValidateType(dot, typ, keepNilInterface);
            case NilNode:
                if (typ == null || typ.CanBeNil) return null;
                Errorf("cannot assign nil to " + typ.Name);
                return null;
            case FieldNode f: return ValidateType(EvalFieldNode(dot, f, null, MissingValue.Value), typ, keepNilInterface);
            case VariableNode v: return ValidateType(EvalVariableNode(dot, v, null, MissingValue.Value), typ, keepNilInterface);
            case PipeNode p: return ValidateType(EvalPipelineGuarded(dot, p), typ, keepNilInterface);
            case IdentifierNode id: return ValidateType(EvalFunction(dot, id, id, null, MissingValue.Value), typ, keepNilInterface);
            case ChainNode c: return ValidateType(EvalChainNode(dot, c, null, MissingValue.Value), typ, keepNilInterface);
        }
        if (typ == null)
        {
            return EvalEmptyInterface(dot, n);
        }
        switch (typ.Kind)
        {
            case GoKind.Bool:
                if (n is BoolNode b) return b.Value;
                Errorf("expected bool; found " + n);
                break;
            case GoKind.Complex64: case GoKind.Complex128:
                if (n is NumberNode cn && cn.IsComplex) return cn.Complex128;
                Errorf("expected complex; found " + n);
                break;
            case GoKind.Float32: case GoKind.Float64:
                if (n is NumberNode fn && fn.IsFloat) return typ.Kind == GoKind.Float32 ? (float)fn.Float64 : fn.Float64;
                Errorf("expected float; found " + n);
                break;
            case GoKind.Int: case GoKind.Int8: case GoKind.Int16: case GoKind.Int32: case GoKind.Int64:
                if (n is NumberNode inode && inode.IsInt) return ConvertInt(inode.Int64, typ.Kind);
                Errorf("expected integer; found " + n);
                break;
            case GoKind.Uint: case GoKind.Uint8: case GoKind.Uint16: case GoKind.Uint32: case GoKind.Uint64: case GoKind.Uintptr:
                if (n is NumberNode un && un.IsUint) return ConvertUint(un.Uint64, typ.Kind);
                Errorf("expected unsigned integer; found " + n);
                break;
            case GoKind.Interface:
                return EvalEmptyInterface(dot, n);
            case GoKind.String:
                if (n is StringNode s) return s.Text;
                Errorf("expected string; found " + n);
                break;
        }
        Errorf("can't handle " + n + " for arg of type " + typ.Name);
        return null;
    }

    private object? EvalEmptyInterface(object? dot, Node n)
    {
        _node = n;
        switch (n)
        {
            case BoolNode b: return b.Value;
            case DotNode: return dot;
            case NumberNode num: return IdealConstant(num);
            case StringNode s: return s.Text;
        }
        Errorf("can't handle assignment of " + n + " to empty interface argument");
        return null;
    }

    private void PrintValue(Node n, object? v)
    {
        _node = n;
        _obs?.Read(v);
        switch (v)
        {
            case null: Write("<no value>"); return;
            case string s: Write(s); return;
            case bool b: Write(b ? "true" : "false"); return;
            case nint i: WriteInteger(i); return;
            case long l: WriteInteger(l); return;
            case int i32: WriteInteger(i32); return;
            // fmt's %v of a float64 is %g with the shortest digits: a whole number below 1e6 prints as the integer (-0 as "-0").
            case double d when Math.Abs(d) < 1e6 && d == Math.Truncate(d) && !(d == 0 && double.IsNegative(d)): WriteInteger((long)d); return;
            case GoFunction: Errorf("can't print " + n + " of type func"); return;
            case IGoPointerStringer ps: Write(ps.PointerString()); return;
        }
        Write(GoFormat.Sprint(v));
    }
}
