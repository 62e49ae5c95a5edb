using System.Text;
using HelmSharp.Template.Parse;

namespace HelmSharp.Template.Exec;

/// <summary>
/// The source map of one template file's output: for every piece of text an execution writes, the template node that
/// wrote it and the <c>include</c>/<c>template</c>/<c>tpl</c> calls active then. It is only made when a rendered
/// manifest turned out not to be YAML: the file is rendered again with a recorder on its <see cref="RenderContext"/>
/// (<see cref="Current"/>, null on every ordinary render, which then pays one null check per write; a thread-static
/// rather than a field of <see cref="RenderContext"/>, so that no render allocates anything more for it).
/// </summary>
/// <remarks>
/// Text reaches a file's output in three ways, and each is tracked: written by a text node or an action of the
/// execution itself (recorded as it is written); written by a nested execution straight into the same buffer
/// (<c>{{ include "x" . }}</c> as the last command, <c>{{ template }}</c>, <c>tpl</c>: its pieces join the parent's);
/// or produced by a nested execution into a buffer of its own, turned into a string and transformed by the action
/// that finally prints it (<c>include "x" . | nindent 4</c>, <c>$v := tpl …</c>). For the last, each line of what the
/// action printed is looked up (without the white space around it) in the nested executions' texts, in order; a line
/// found there keeps the positions the nested execution recorded for it, anything else is the action's own.
/// </remarks>
internal sealed class OutputRecorder(string target)
{
    /// <summary>Where one node's writing came from: the node, and the call stack then (innermost first, see <see cref="ExecState"/>).</summary>
    internal sealed class Origin(Node node, List<TemplateFrame> stack)
    {
        public Node Node { get; } = node;
        public List<TemplateFrame> Stack { get; } = stack;
    }

    /// <summary>
    /// Text [<see cref="Start"/>, <see cref="End"/>) of a buffer, written by <see cref="Origin"/>; for a text node,
    /// <see cref="NodeOffset"/> is the offset in its text of the piece's first character.
    /// </summary>
    internal readonly record struct Piece(int Start, int End, Origin Origin, int NodeOffset)
    {
        public Piece Cut(int from, int to, int shift) =>
            new(from + shift, to + shift, Origin, Origin.Node is TextNode ? NodeOffset + (from - Start) : 0);
    }

    // What a finished nested execution produced into a buffer of its own: its text and pieces (relative to it).
    private sealed record Produced(string Text, List<Piece> Pieces);

    private sealed class Frame(StringBuilder wr, int start)
    {
        public StringBuilder Wr { get; } = wr;
        public int Start { get; } = start;
        public List<Piece> Pieces { get; } = [];
        public List<Produced> Done { get; } = [];
    }

    /// <summary>The recorder of the executions that start on this thread now; null on an ordinary render.</summary>
    [ThreadStatic] internal static OutputRecorder? Current;

    private const int MaxProduced = 64;
    // A bound on what one recording keeps (a piece and its call stack per write): a file written in more pieces than
    // this gets no source map rather than memory without bound.
    internal const int MaxWrites = 1_000_000;
    private int _writes;
    private readonly List<Frame> _frames = [];

    /// <summary>The template file (chart path) whose top-level execution is recorded.</summary>
    public string Target { get; } = target;

    /// <summary>The file's output as its execution wrote it (before helm drops <c>&lt;no value&gt;</c>); null until it finished.</summary>
    public string? Text { get; private set; }

    /// <summary>The pieces of <see cref="Text"/>, sorted, not overlapping.</summary>
    public List<Piece> Pieces { get; private set; } = [];

    /// <summary>An execution starts writing into <paramref name="wr"/>.</summary>
    public void Enter(StringBuilder wr) => _frames.Add(new Frame(wr, wr.Length));

    /// <summary>The innermost execution ended (normally or not).</summary>
    public void Leave()
    {
        var f = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        int len = f.Wr.Length - f.Start;
        if (_frames.Count == 0)
        {
            if (_writes > MaxWrites) return; // no Text: nothing to map
            Text = f.Wr.ToString(f.Start, len);
            Pieces = Rebase(f.Pieces, f.Start, len);
            return;
        }
        var parent = _frames[^1];
        if (ReferenceEquals(parent.Wr, f.Wr)) { parent.Pieces.AddRange(f.Pieces); return; }
        if (len < 0) return;
        if (parent.Done.Count == MaxProduced) parent.Done.RemoveAt(0);
        parent.Done.Add(new Produced(f.Wr.ToString(f.Start, len), Rebase(f.Pieces, f.Start, len)));
    }

    private static List<Piece> Rebase(List<Piece> pieces, int start, int len)
    {
        var list = new List<Piece>(pieces.Count);
        foreach (var p in pieces)
        {
            int a = Math.Max(p.Start, start), b = Math.Min(p.End, start + len);
            if (a < b) list.Add(p.Cut(a, b, -start));
        }
        list.Sort(static (x, y) => x.Start.CompareTo(y.Start));
        return list;
    }

    /// <summary>Text node <paramref name="t"/> of <paramref name="s"/> is about to be appended at <paramref name="start"/>.</summary>
    public void WriteText(ExecState s, TextNode t, int start)
    {
        if (t.Memory.Length == 0 || _frames.Count == 0 || ++_writes > MaxWrites) return;
        _frames[^1].Pieces.Add(new Piece(start, start + t.Memory.Length, new Origin(t, s.WriterStack(t)), 0));
    }

    /// <summary>A printing action starts: the mark to hand to <see cref="EndAction"/>.</summary>
    public (int Pieces, int Done) BeginAction() => _frames.Count == 0 ? default : (_frames[^1].Pieces.Count, _frames[^1].Done.Count);

    /// <summary>
    /// Action <paramref name="a"/> of <paramref name="s"/> wrote [<paramref name="start"/>, end of the buffer): the parts no
    /// nested execution wrote there itself are the action's, or a nested execution's text it printed transformed.
    /// </summary>
    public void EndAction(ExecState s, ActionNode a, int start, (int Pieces, int Done) mark)
    {
        if (_frames.Count == 0 || ++_writes > MaxWrites) return;
        var f = _frames[^1];
        int end = f.Wr.Length;
        if (end <= start) return;
        Origin? own = null;
        Origin Own() => own ??= new Origin(a, s.WriterStack(a));
        // The pieces nested executions wrote into this buffer during the action, in order.
        var covered = f.Pieces.GetRange(mark.Pieces, f.Pieces.Count - mark.Pieces);
        covered.Sort(static (x, y) => x.Start.CompareTo(y.Start));
        // Candidates for the rest: what nested executions produced during this action (in order), then earlier ones (latest first).
        var candidates = new List<Produced>();
        for (int i = mark.Done; i < f.Done.Count; i++) candidates.Add(f.Done[i]);
        for (int i = Math.Min(mark.Done, f.Done.Count) - 1; i >= 0; i--) candidates.Add(f.Done[i]);
        var cursors = new int[candidates.Count];
        int at = start;
        foreach (var c in covered)
        {
            if (c.Start > at) Gap(f, at, Math.Min(c.Start, end), candidates, cursors, Own);
            at = Math.Max(at, c.End);
        }
        if (at < end) Gap(f, at, end, candidates, cursors, Own);
    }

    private static void Gap(Frame f, int from, int to, List<Produced> candidates, int[] cursors, Func<Origin> own)
    {
        if (candidates.Count == 0) { f.Pieces.Add(new Piece(from, to, own(), 0)); return; }
        var text = f.Wr.ToString(from, to - from);
        int pos = 0;
        while (pos < text.Length)
        {
            int nl = text.IndexOf('\n', pos);
            int lineEnd = nl < 0 ? text.Length : nl;
            int a = pos, b = lineEnd;
            while (a < b && text[a] is ' ' or '\t' or '\r') a++;
            while (b > a && text[b - 1] is ' ' or '\t' or '\r') b--;
            bool found = false;
            if (a < b)
            {
                var core = text.AsSpan(a, b - a);
                for (int k = 0; k < candidates.Count && !found; k++)
                {
                    var p = candidates[k];
                    int i = cursors[k] >= p.Text.Length ? -1 : p.Text.AsSpan(cursors[k]).IndexOf(core, StringComparison.Ordinal);
                    if (i < 0) continue;
                    i += cursors[k];
                    cursors[k] = i + core.Length;
                    found = true;
                    if (a > pos) f.Pieces.Add(new Piece(from + pos, from + a, own(), 0));
                    Map(f, p, i, i + core.Length, from + a - i, own);
                    if (lineEnd > b) f.Pieces.Add(new Piece(from + b, from + lineEnd, own(), 0));
                }
            }
            if (!found && lineEnd > pos) f.Pieces.Add(new Piece(from + pos, from + lineEnd, own(), 0));
            if (nl < 0) break;
            f.Pieces.Add(new Piece(from + nl, from + nl + 1, own(), 0));
            pos = nl + 1;
        }
    }

    // Copies the pieces of p covering [a, b) of its text, shifted by shift; a part no piece covers is the action's.
    private static void Map(Frame f, Produced p, int a, int b, int shift, Func<Origin> own)
    {
        int at = a;
        foreach (var piece in p.Pieces)
        {
            if (piece.End <= a) continue;
            if (piece.Start >= b) break;
            int s = Math.Max(piece.Start, a), e = Math.Min(piece.End, b);
            if (s > at) f.Pieces.Add(new Piece(at + shift, s + shift, own(), 0));
            f.Pieces.Add(piece.Cut(s, e, shift));
            at = e;
        }
        if (at < b) f.Pieces.Add(new Piece(at + shift, b + shift, own(), 0));
    }
}
