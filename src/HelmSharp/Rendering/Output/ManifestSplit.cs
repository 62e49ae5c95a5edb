using HelmSharp.Go;

namespace HelmSharp.Rendering;

/// <summary>helm's manifest handling: <c>SplitManifests</c> (here), <c>SortManifests</c> and the kind install order (<c>ManifestSort.cs</c>).</summary>
internal static partial class Manifests
{
    /// <summary>The separator helm splits on: <c>(?:^|\s*\n)---\s*</c>, Go's <c>\s</c> being ASCII <c>[\t\n\f\r ]</c>.</summary>
    internal const string SeparatorPattern = @"(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*";

    /// <summary>
    /// helm's <c>SplitManifests</c>: trims the text, splits on <see cref="SeparatorPattern"/>, drops empty
    /// pieces and trims each one. Returns the documents in order.
    /// </summary>
    public static List<string> Split(string bigFile)
    {
        var docs = new List<ReadOnlyMemory<char>>();
        Split(bigFile.AsMemory(), docs);
        return docs.ConvertAll(static d => d.ToString()); // a piece that is the whole string stays that string
    }

    /// <summary><see cref="Split(string)"/> into <paramref name="docs"/>, the pieces being slices of <paramref name="bigFile"/>.</summary>
    internal static void Split(ReadOnlyMemory<char> bigFile, List<ReadOnlyMemory<char>> docs)
    {
        var s = bigFile.Span;
        var (start, end) = GoUnicode.TrimSpaceBounds(s, 0, s.Length);
        // Go's regexp.Split(s, -1) over the trimmed text (which differs from .NET's at the edges), keeping
        // the non-empty pieces, each trimmed: the pieces are cut out once, already trimmed.
        if (start == end) return;
        int beg = start, last = start, pos = start;
        while (NextSeparator(s, pos, end, start, out int mStart, out int mEnd))
        {
            last = mStart;
            if (mEnd != start) AddTrimmed(docs, bigFile, beg, mStart);
            beg = pos = mEnd;
        }
        if (last != end) AddTrimmed(docs, bigFile, beg, end);
    }

    /// <summary>
    /// The leftmost match of <see cref="SeparatorPattern"/> in <paramref name="s"/>[<paramref name="from"/>, <paramref name="end"/>),
    /// <c>^</c> being <paramref name="origin"/>; a scan for <c>"\n---"</c> instead of a regex run over every character.
    /// A match of the second alternative ends its white-space run at the <c>\n</c> that precedes <c>---</c> and starts
    /// where that run starts, so the first <c>"\n---"</c> gives the leftmost match.
    /// </summary>
    internal static bool NextSeparator(ReadOnlySpan<char> s, int from, int end, int origin, out int matchStart, out int matchEnd)
    {
        if (from == origin && end - from >= 3 && s[from] == '-' && s[from + 1] == '-' && s[from + 2] == '-')
        {
            matchStart = from;
            matchEnd = SkipSeparatorSpace(s, from + 3, end);
            return true;
        }
        int q = s[from..end].IndexOf("\n---".AsSpan(), StringComparison.Ordinal);
        if (q < 0) { matchStart = matchEnd = -1; return false; }
        q += from;
        int p = q;
        while (p > from && IsSeparatorSpace(s[p - 1])) p--;
        matchStart = p;
        matchEnd = SkipSeparatorSpace(s, q + 4, end);
        return true;
    }

    private static bool IsSeparatorSpace(char c) => c is '\t' or '\n' or '\f' or '\r' or ' ';

    private static int SkipSeparatorSpace(ReadOnlySpan<char> s, int i, int end)
    {
        while (i < end && IsSeparatorSpace(s[i])) i++;
        return i;
    }

    private static void AddTrimmed(List<ReadOnlyMemory<char>> docs, ReadOnlyMemory<char> s, int from, int to)
    {
        if (from == to) return;
        var (a, b) = GoUnicode.TrimSpaceBounds(s.Span, from, to);
        docs.Add(s[a..b]);
    }

    /// <summary>Go's <c>strings.TrimSpace</c>; kept for the CLI until it calls <see cref="GoUnicode.TrimSpace"/>.</summary>
    public static string GoTrimSpace(string s) => GoUnicode.TrimSpace(s);
}
