using HelmSharp.Go;

namespace HelmSharp.Rendering;

/// <summary>
/// The text <c>helm template</c> prints, built from the pieces it is joined from (separators, paths, documents —
/// the documents being slices of the render's text): helm's <c>strings.TrimSpace</c> of the manifests part
/// followed by the rest. <see cref="ToString"/> joins it once; <see cref="InJoined"/> then tells where a piece
/// landed, so documents can point into the joined string instead of the render's buffers.
/// </summary>
internal sealed class OutputText
{
    private readonly List<ReadOnlyMemory<char>> _pieces;
    // The pieces [0, _trimFrom) form the manifests part, written Go-TrimSpace'd; the rest follow as they are.
    private int _trimFrom;
    private string? _joined;
    private int[]? _offsets; // where each piece starts in _joined (-1: not wholly in it)

    public OutputText(int capacity = 0) => _pieces = new(capacity);

    /// <summary>Adds a piece; returns its index.</summary>
    public int Add(ReadOnlyMemory<char> piece)
    {
        _pieces.Add(piece);
        return _pieces.Count - 1;
    }

    public int Add(string piece) => Add(piece.AsMemory());

    /// <summary>What stands before each document helm prints: the separator and the start of its source line (<c>---\n# Source: PATH\n</c>).</summary>
    public const string SourcePrefix = "---\n# Source: ";

    // "---\n# Source: PATH\n" by path string: a compiled chart's repeated renders use the same path strings every time.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string> s_sourceLines = new();

    /// <summary>
    /// Adds a document as helm prints it: separator, source line, text, line break. Returns the index of the text's
    /// piece. With <paramref name="cacheSourceLine"/> (repeated renders) the source line is one cached piece, else
    /// three pieces as they are.
    /// </summary>
    public int AddDocument(string path, ReadOnlyMemory<char> content, bool cacheSourceLine)
    {
        if (cacheSourceLine) Add(s_sourceLines.GetValue(path, static p => SourcePrefix + p + "\n"));
        else
        {
            Add(SourcePrefix);
            Add(path);
            Add("\n");
        }
        int piece = Add(content);
        Add("\n");
        return piece;
    }

    /// <summary>Marks everything added so far as the part that is trimmed of Go white space (helm: strings.TrimSpace of the joined manifests).</summary>
    public void EndTrimmedPart() => _trimFrom = _pieces.Count;

    /// <summary>An output that is already one string (e.g. after <c>--show-only</c>).</summary>
    public static OutputText Of(string text) => new() { _joined = text };

    /// <summary>The text as (piece index, start, length) segments, in order.</summary>
    private IEnumerable<(int Piece, int Start, int Length)> Segments()
    {
        int n = _trimFrom;
        var (first, firstAt, last, lastEnd) = TrimmedRange(n);
        for (int i = first; i <= last; i++)
        {
            int from = i == first ? firstAt : 0, to = i == last ? lastEnd : _pieces[i].Length;
            yield return (i, from, to - from);
        }
        for (int i = n; i < _pieces.Count; i++) yield return (i, 0, _pieces[i].Length);
    }

    public void WriteTo(TextWriter w)
    {
        if (_joined != null) { w.Write(_joined); return; }
        foreach (var (p, start, length) in Segments()) w.Write(_pieces[p].Span.Slice(start, length));
    }

    public override string ToString()
    {
        if (_joined != null) return _joined;
        long size = 0;
        foreach (var seg in Segments()) size += seg.Length;
        if (size > int.MaxValue) throw new OutOfMemoryException("the output is longer than a .NET string can be");
        var offsets = new int[_pieces.Count];
        Array.Fill(offsets, -1);
        var joined = string.Create((int)size, (this, offsets), static (dst, st) =>
        {
            var (self, at) = st;
            int o = 0;
            foreach (var (p, start, length) in self.Segments())
            {
                if (start == 0 && length == self._pieces[p].Length) at[p] = o;
                self._pieces[p].Span.Slice(start, length).CopyTo(dst[o..]);
                o += length;
            }
        });
        _offsets = offsets;
        return _joined = joined;
    }

    /// <summary>Piece <paramref name="piece"/> as a slice of the joined string; false when it is not wholly in it (trimmed away).</summary>
    public bool InJoined(int piece, out ReadOnlyMemory<char> text)
    {
        var joined = ToString();
        int at = _offsets is { } o && piece < o.Length ? o[piece] : -1;
        text = at >= 0 ? joined.AsMemory(at, _pieces[piece].Length) : default;
        return at >= 0;
    }

    /// <summary>The first and last characters of pieces [0, n) that survive Go's TrimSpace: (first piece, offset in it, last piece, end in it); last &lt; first when nothing does.</summary>
    private (int First, int FirstAt, int Last, int LastEnd) TrimmedRange(int n)
    {
        int first = 0, firstAt = 0;
        for (; first < n; first++)
        {
            var p = _pieces[first].Span;
            firstAt = 0;
            while (firstAt < p.Length && GoUnicode.IsSpace(p[firstAt])) firstAt++;
            if (firstAt < p.Length) break;
        }
        if (first == n) return (0, 0, -1, 0);
        int last = n - 1, lastEnd = 0;
        for (; last >= first; last--)
        {
            var p = _pieces[last].Span;
            lastEnd = p.Length;
            int stop = last == first ? firstAt : 0;
            while (lastEnd > stop && GoUnicode.IsSpace(p[lastEnd - 1])) lastEnd--;
            if (lastEnd > stop) break;
        }
        return (first, firstAt, last, lastEnd);
    }
}
