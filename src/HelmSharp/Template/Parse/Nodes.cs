using System.Text;
using HelmSharp.Template.Functions;

namespace HelmSharp.Template.Parse;

/// <summary>The node types of a parsed template (Go's <c>parse.NodeType</c>).</summary>
internal enum NodeType
{
#pragma warning disable CS1591
    Text, Action, Bool, Chain, Command, Dot, Else, End, Field, Identifier, If, List, Nil, Number,
    Pipe, Range, String, Template, Variable, With, Comment, Break, Continue,
#pragma warning restore CS1591
}

/// <summary>
/// A node of a parsed template. Nodes are immutable once built and may be executed from many
/// threads at once. <see cref="Pos"/> is a byte offset into the UTF-8 source of <see cref="Tree"/>,
/// as in Go, so error positions match Go's <c>line:col</c> exactly.
/// </summary>
internal abstract class Node
{
    /// <summary>Creates a node (the node types are this library's: the parser makes them).</summary>
    private protected Node(Tree tree, int pos) { Tree = tree; Pos = pos; }
    /// <summary>The node's type.</summary>
    public abstract NodeType Type { get; }
    /// <summary>Byte offset of the node in the UTF-8 source it was parsed from.</summary>
    public int Pos { get; }
    /// <summary>The tree (source, parse name) the node was parsed in.</summary>
    public Tree Tree { get; }
    /// <summary>Canonical source text, as Go's <c>Node.String()</c> prints it (used in error messages).</summary>
    /// <remarks>The text is written recursively, as deep as the tree nests: it is written on the large-stack worker.</remarks>
    public override string ToString() => HelmSharp.Go.StackGuard.Run(this, static n =>
    {
        var sb = new StringBuilder();
        n.Write(sb);
        return sb.ToString();
    });

    /// <summary>Writes the canonical source text (on the large-stack worker, as <see cref="ToString"/>).</summary>
    public void WriteTo(StringBuilder sb) => HelmSharp.Go.StackGuard.Run((node: this, sb), static a => a.node.Write(a.sb));

    /// <summary>Writes the canonical source text; recursive.</summary>
    internal abstract void Write(StringBuilder sb);
}

/// <summary>A sequence of nodes.</summary>
internal sealed class ListNode(Tree tree, int pos, IReadOnlyList<Node> nodes) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.List;
    /// <summary>The nodes in order.</summary>
    public IReadOnlyList<Node> Nodes { get; } = nodes;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) { foreach (var n in Nodes) n.Write(sb); }
}

/// <summary>Plain text outside actions.</summary>
/// <remarks>The text is usually a slice of the template's source (no copy of its own); <see cref="Text"/> makes a
/// string of it on first use (only error paths and source maps ask; execution appends <see cref="Memory"/>).</remarks>
internal sealed class TextNode(Tree tree, int pos, ReadOnlyMemory<char> text) : Node(tree, pos)
{
    /// <summary>A node over a whole string.</summary>
    public TextNode(Tree tree, int pos, string text) : this(tree, pos, text.AsMemory()) { }
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Text;
    /// <summary>The text, trim markers already applied.</summary>
    public ReadOnlyMemory<char> Memory { get; } = text;
    /// <summary>The text as a string (made on first use when the text is a slice; a benign race between threads).</summary>
    public string Text => _text ??= System.Runtime.InteropServices.MemoryMarshal.TryGetString(Memory, out var s, out int start, out int length) && start == 0 && length == s.Length
        ? s : Memory.ToString();
    private string? _text;
    /// <summary>Length of the text in UTF-8 bytes.</summary>
    public int Utf8Length => _utf8Length >= 0 ? _utf8Length : (_utf8Length = HelmSharp.Go.GoUtf8.GetByteCount(Memory.Span));
    private int _utf8Length = -1;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append(Memory);
}

/// <summary>A comment <c>{{/* … */}}</c>.</summary>
internal sealed class CommentNode(Tree tree, int pos, string text) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Comment;
    /// <summary>The comment including its delimiters <c>/* */</c>.</summary>
    public string Text { get; } = text;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append("{{").Append(Text).Append("}}");
}

/// <summary>A pipeline with optional variable declarations: <c>$x := a | b</c>.</summary>
internal sealed class PipeNode(Tree tree, int pos, int line, bool isAssign, IReadOnlyList<VariableNode> decl, IReadOnlyList<CommandNode> cmds) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Pipe;
    /// <summary>Line number of the pipeline in the source.</summary>
    public int Line { get; } = line;
    /// <summary>True for <c>=</c> (assignment), false for <c>:=</c> (declaration).</summary>
    public bool IsAssign { get; } = isAssign;
    /// <summary>Declared/assigned variables, in order.</summary>
    public IReadOnlyList<VariableNode> Decl { get; } = decl;
    /// <summary>The commands, in order.</summary>
    public IReadOnlyList<CommandNode> Cmds { get; } = cmds;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb)
    {
        if (Decl.Count > 0)
        {
            for (int i = 0; i < Decl.Count; i++) { if (i > 0) sb.Append(", "); Decl[i].Write(sb); }
            sb.Append(IsAssign ? " = " : " := ");
        }
        for (int i = 0; i < Cmds.Count; i++) { if (i > 0) sb.Append(" | "); Cmds[i].Write(sb); }
    }
}

/// <summary>An action <c>{{pipeline}}</c> whose value is printed.</summary>
internal sealed class ActionNode(Tree tree, int pos, int line, PipeNode pipe) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Action;
    /// <summary>Line number in the source.</summary>
    public int Line { get; } = line;
    /// <summary>The pipeline.</summary>
    public PipeNode Pipe { get; } = pipe;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) { sb.Append("{{"); Pipe.Write(sb); sb.Append("}}"); }
}

/// <summary>A command: a function/method/field call with arguments, or a single operand.</summary>
internal sealed class CommandNode(Tree tree, int pos, IReadOnlyList<Node> args) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Command;
    /// <summary>The operands; the first may be a function identifier or a field chain.</summary>
    public IReadOnlyList<Node> Args { get; } = args;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb)
    {
        for (int i = 0; i < Args.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            if (Args[i] is PipeNode p) { sb.Append('('); p.Write(sb); sb.Append(')'); }
            else Args[i].Write(sb);
        }
    }
}

/// <summary>A function name, resolved against the function registry when the template is parsed.</summary>
internal sealed class IdentifierNode(Tree tree, int pos, string ident, GoFunction? function) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Identifier;
    /// <summary>The identifier.</summary>
    public string Ident { get; } = ident;
    /// <summary>The function it names (null for builtins the executor implements itself, such as <c>and</c>, <c>or</c>, <c>call</c>).</summary>
    public GoFunction? Function { get; } = function;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append(Ident);
}

/// <summary>A variable, possibly with a field chain: <c>$x.a.b</c>; <c>$</c> alone is the root.</summary>
internal sealed class VariableNode(Tree tree, int pos, IReadOnlyList<string> ident) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Variable;
    /// <summary>The variable name (with <c>$</c>) followed by field names.</summary>
    public IReadOnlyList<string> Ident { get; } = ident;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.AppendJoin('.', Ident);
}

/// <summary>The cursor <c>.</c>.</summary>
internal sealed class DotNode(Tree tree, int pos) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Dot;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append('.');
}

/// <summary>The untyped constant <c>nil</c>.</summary>
internal sealed class NilNode(Tree tree, int pos) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Nil;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append("nil");
}

/// <summary>A field chain on dot: <c>.a.b.c</c>.</summary>
internal sealed class FieldNode(Tree tree, int pos, IReadOnlyList<string> ident) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Field;
    /// <summary>The field names, without dots.</summary>
    public IReadOnlyList<string> Ident { get; } = ident;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) { foreach (var id in Ident) sb.Append('.').Append(id); }
}

/// <summary>A field chain on another term: <c>(pipe).a.b</c>.</summary>
internal sealed class ChainNode(Tree tree, int pos, Node node, IReadOnlyList<string> field) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Chain;
    /// <summary>The term the fields apply to.</summary>
    public Node Node { get; } = node;
    /// <summary>The field names, without dots.</summary>
    public IReadOnlyList<string> Field { get; } = field;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb)
    {
        if (Node is PipeNode p) { sb.Append('('); p.Write(sb); sb.Append(')'); } else Node.Write(sb);
        foreach (var f in Field) sb.Append('.').Append(f);
    }
}

/// <summary>A boolean constant.</summary>
internal sealed class BoolNode(Tree tree, int pos, bool value) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Bool;
    /// <summary>The value.</summary>
    public bool Value { get; } = value;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}

/// <summary>A numeric constant with Go's untyped-constant facets (int, uint, float, complex).</summary>
internal sealed class NumberNode : Node
{
    /// <summary>Creates a number node from already-classified facets.</summary>
    public NumberNode(Tree tree, int pos, string text, bool isInt, long int64, bool isUint, ulong uint64, bool isFloat, double float64, bool isComplex, System.Numerics.Complex complex128)
        : base(tree, pos)
    {
        Text = text; IsInt = isInt; Int64 = int64; IsUint = isUint; Uint64 = uint64; IsFloat = isFloat; Float64 = float64; IsComplex = isComplex; Complex128 = complex128;
    }
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Number;
    /// <summary>The original text.</summary>
    public string Text { get; }
    /// <summary>Representable as int64.</summary>
    public bool IsInt { get; }
    /// <summary>The int64 value.</summary>
    public long Int64 { get; }
    /// <summary>Representable as uint64.</summary>
    public bool IsUint { get; }
    /// <summary>The uint64 value.</summary>
    public ulong Uint64 { get; }
    /// <summary>Representable as float64.</summary>
    public bool IsFloat { get; }
    /// <summary>The float64 value.</summary>
    public double Float64 { get; }
    /// <summary>A complex constant.</summary>
    public bool IsComplex { get; }
    /// <summary>The complex value.</summary>
    public System.Numerics.Complex Complex128 { get; }
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append(Text);
}

/// <summary>A string constant.</summary>
internal sealed class StringNode(Tree tree, int pos, string quoted, string text) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.String;
    /// <summary>The original text, with quotes.</summary>
    public string Quoted { get; } = quoted;
    /// <summary>The string after unquoting.</summary>
    public string Text { get; } = text;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append(Quoted);
}

/// <summary><c>{{end}}</c> (only seen while parsing).</summary>
internal sealed class EndNode(Tree tree, int pos) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.End;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append("{{end}}");
}

/// <summary><c>{{else}}</c> (only seen while parsing).</summary>
internal sealed class ElseNode(Tree tree, int pos, int line) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Else;
    /// <summary>Line number in the source.</summary>
    public int Line { get; } = line;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append("{{else}}");
}

/// <summary>Common shape of <c>if</c>, <c>range</c> and <c>with</c>.</summary>
internal abstract class BranchNode(Tree tree, int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList) : Node(tree, pos)
{
    /// <summary>Line number in the source.</summary>
    public int Line { get; } = line;
    /// <summary>The condition / range / with pipeline.</summary>
    public PipeNode Pipe { get; } = pipe;
    /// <summary>What runs when the pipeline is non-empty.</summary>
    public ListNode List { get; } = list;
    /// <summary>What runs otherwise (may be null).</summary>
    public ListNode? ElseList { get; } = elseList;
    /// <summary>The keyword: if, range or with.</summary>
    protected abstract string Keyword { get; }
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb)
    {
        sb.Append("{{").Append(Keyword).Append(' '); Pipe.Write(sb); sb.Append("}}");
        List.Write(sb);
        if (ElseList != null) { sb.Append("{{else}}"); ElseList.Write(sb); }
        sb.Append("{{end}}");
    }
}

/// <summary><c>{{if pipeline}} … {{else}} … {{end}}</c>.</summary>
internal sealed class IfNode(Tree tree, int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList) : BranchNode(tree, pos, line, pipe, list, elseList)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.If;
    /// <inheritdoc/>
    protected override string Keyword => "if";
}

/// <summary><c>{{range pipeline}} … {{else}} … {{end}}</c>.</summary>
internal sealed class RangeNode(Tree tree, int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList) : BranchNode(tree, pos, line, pipe, list, elseList)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Range;
    /// <inheritdoc/>
    protected override string Keyword => "range";
}

/// <summary><c>{{with pipeline}} … {{else}} … {{end}}</c>.</summary>
internal sealed class WithNode(Tree tree, int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList) : BranchNode(tree, pos, line, pipe, list, elseList)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.With;
    /// <inheritdoc/>
    protected override string Keyword => "with";
}

/// <summary><c>{{break}}</c>.</summary>
internal sealed class BreakNode(Tree tree, int pos, int line) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Break;
    /// <summary>Line number in the source.</summary>
    public int Line { get; } = line;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append("{{break}}");
}

/// <summary><c>{{continue}}</c>.</summary>
internal sealed class ContinueNode(Tree tree, int pos, int line) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Continue;
    /// <summary>Line number in the source.</summary>
    public int Line { get; } = line;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb) => sb.Append("{{continue}}");
}

/// <summary><c>{{template "name" pipeline}}</c>.</summary>
internal sealed class TemplateNode(Tree tree, int pos, int line, string name, PipeNode? pipe) : Node(tree, pos)
{
    /// <inheritdoc/>
    public override NodeType Type => NodeType.Template;
    /// <summary>Line number in the source.</summary>
    public int Line { get; } = line;
    /// <summary>The invoked template's name.</summary>
    public string Name { get; } = name;
    /// <summary>The data pipeline (null: nil data).</summary>
    public PipeNode? Pipe { get; } = pipe;
    /// <inheritdoc/>
    internal override void Write(StringBuilder sb)
    {
        sb.Append("{{template ").Append(Quote.Go(Name));
        if (Pipe != null) { sb.Append(' '); Pipe.Write(sb); }
        sb.Append("}}");
    }
}

/// <summary>
/// One parsed template: its name, the file it was parsed from (<see cref="ParseName"/>, which error
/// messages print), its source text and root list. Immutable.
/// </summary>
internal sealed class Tree
{
    private int[]? _lineStarts;

    /// <summary>Creates a tree; the parser sets <see cref="Root"/> once when done.</summary>
    public Tree(string name, string parseName, string text) { Name = name; ParseName = parseName; Text = text; }
    internal Tree(string name, string parseName, string text, byte[] utf8) { Name = name; ParseName = parseName; Text = text; _utf8 = utf8; }
    /// <summary>The template's name (a file path, or a <c>define</c> name).</summary>
    public string Name { get; }
    /// <summary>The name of the top-level template this tree was parsed in (the file), used in error positions.</summary>
    public string ParseName { get; }
    /// <summary>The full source text of the file.</summary>
    public string Text { get; }
    /// <summary>The UTF-8 bytes of <see cref="Text"/>; positions index into these.</summary>
    public byte[] Utf8 => _utf8 ??= HelmSharp.Go.GoUtf8.GetBytes(Text);
    private byte[]? _utf8;
    internal int[]? LineStarts => _lineStarts;
    /// <summary>The root list (null only while parsing).</summary>
    public ListNode? Root { get; internal set; }

    /// <summary>Go's <c>ErrorContext</c>: <c>parseName:line:col</c> for a byte position (1-based line, 0-based byte column).</summary>
    public (int Line, int Col) LineCol(int pos)
    {
        var starts = _lineStarts ??= ComputeLineStarts(Utf8);
        int lo = 0, hi = starts.Length - 1;
        while (lo < hi) { int mid = (lo + hi + 1) / 2; if (starts[mid] <= pos) lo = mid; else hi = mid - 1; }
        return (lo + 1, pos - starts[lo]);
    }

    private static int[] ComputeLineStarts(byte[] b)
    {
        var l = new List<int> { 0 };
        for (int i = 0; i < b.Length; i++) if (b[i] == (byte)'\n') l.Add(i + 1);
        return l.ToArray();
    }
}

/// <summary>Go-style string quoting used when printing nodes.</summary>
internal static class Quote
{
    /// <summary>Go's <c>strconv.Quote</c>.</summary>
    public static string Go(string s) => HelmSharp.Go.GoStrconv.Quote(s);
}
