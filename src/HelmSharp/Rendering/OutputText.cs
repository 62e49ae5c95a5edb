namespace HelmSharp.Rendering;

/// <summary>
/// The text <c>helm template</c> prints, kept as the pieces it is joined from (separators, paths, documents)
/// so that it can be written out without first being copied into one large string: a chart's output is
/// several megabytes, and the joined copy, its builder and an encoded copy would otherwise all be alive
/// at the end of a render. <see cref="ToString"/> joins it once, on demand.
/// </summary>
internal sealed class OutputText
{
    private readonly List<string> _pieces = [];
    // The pieces [0, _trimFrom) form the manifests part, written Go-TrimSpace'd; the rest follow as they are.
    private int _trimFrom;
    private string? _joined;

    public void Add(string piece) => _pieces.Add(piece);

    /// <summary>Marks everything added so far as the part that is trimmed of Go white space (helm: strings.TrimSpace of the joined manifests).</summary>
    public void EndTrimmedPart() => _trimFrom = _pieces.Count;

    /// <summary>An output that is already one string (e.g. after <c>--show-only</c>).</summary>
    public static OutputText Of(string text)
    {
        return new OutputText { _joined = text };
    }

    /// <summary>The text as (piece, start, length) segments, in order.</summary>
    private IEnumerable<(string Piece, int Start, int Length)> Segments()
    {
        if (_joined != null) { yield return (_joined, 0, _joined.Length); yield break; }
        int n = _trimFrom;
        var (first, firstAt, last, lastEnd) = TrimmedRange(n);
        for (int i = first; i <= last; i++)
        {
            var p = _pieces[i];
            int from = i == first ? firstAt : 0, to = i == last ? lastEnd : p.Length;
            yield return (p, from, to - from);
        }
        for (int i = n; i < _pieces.Count; i++) yield return (_pieces[i], 0, _pieces[i].Length);
    }

    public void WriteTo(TextWriter w)
    {
        foreach (var (p, start, length) in Segments())
        {
            if (start == 0 && length == p.Length) w.Write(p);
            else w.Write(p.AsSpan(start, length));
        }
    }

    public override string ToString()
    {
        if (_joined != null) return _joined;
        long size = 0;
        foreach (var seg in Segments()) size += seg.Length;
        if (size > int.MaxValue) throw new OutOfMemoryException("the output is longer than a .NET string can be");
        return _joined = string.Create((int)size, this, static (dst, self) =>
        {
            int o = 0;
            foreach (var (p, start, length) in self.Segments())
            {
                p.AsSpan(start, length).CopyTo(dst[o..]);
                o += length;
            }
        });
    }

    /// <summary>The first and last characters of pieces [0, n) that survive Go's TrimSpace: (first piece, offset in it, last piece, end in it); last &lt; first when nothing does.</summary>
    private (int First, int FirstAt, int Last, int LastEnd) TrimmedRange(int n)
    {
        int first = 0, firstAt = 0;
        for (; first < n; first++)
        {
            var p = _pieces[first];
            firstAt = 0;
            while (firstAt < p.Length && Manifests.IsGoSpace(p[firstAt])) firstAt++;
            if (firstAt < p.Length) break;
        }
        if (first == n) return (0, 0, -1, 0);
        int last = n - 1, lastEnd = 0;
        for (; last >= first; last--)
        {
            var p = _pieces[last];
            lastEnd = p.Length;
            int stop = last == first ? firstAt : 0;
            while (lastEnd > stop && Manifests.IsGoSpace(p[lastEnd - 1])) lastEnd--;
            if (lastEnd > stop) break;
        }
        return (first, firstAt, last, lastEnd);
    }
}
