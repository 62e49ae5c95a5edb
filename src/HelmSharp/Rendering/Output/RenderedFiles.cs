using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Exec;

namespace HelmSharp.Rendering;

/// <summary>
/// The rendered text of every template file of one render, kept in a <see cref="TextArena"/> (a few large arrays) instead
/// of a string per file. Documents are cut out of it as memory slices. With pooled arrays the output is joined from
/// those slices at the end of the render and then the arrays go back to the pool (<see cref="Release"/>): nothing that
/// outlives the render may still point into them. Without, the documents and the output's pieces keep pointing into
/// arrays of their own (a one-shot render: nothing is copied, the output is joined only if asked for).
/// </summary>
internal sealed class RenderedFiles
{
    /// <summary>A file's exact text and how much Go white space surrounds its trimmed text.</summary>
    internal readonly record struct FileText(ReadOnlyMemory<char> Exact, int Lead, int Trail)
    {
        /// <summary>The text without the Go white space around it (what the manifest splitter works on).</summary>
        public ReadOnlyMemory<char> Trimmed => Exact.Slice(Lead, Exact.Length - Lead - Trail);
    }

    private readonly TextArena _text;
    private readonly List<(string Path, FileText Text)> _files; // in the order they were rendered

    /// <param name="capacity">The number of files expected.</param>
    /// <param name="pooled">True: pooled arrays, to be released once nothing points into them; false: arrays of their own,
    /// which the documents may point into for as long as they live.</param>
    public RenderedFiles(int capacity, bool pooled)
    {
        _files = new(capacity);
        _text = new TextArena(pooled);
    }

    /// <summary>True when the text lives in pooled arrays (see <see cref="Release"/>).</summary>
    public bool Pooled => _text.Pooled;

    /// <summary>The files in the order they were rendered.</summary>
    public IReadOnlyList<(string Path, FileText Text)> Files => _files;

    /// <summary>Every file's path and trimmed text (a new list).</summary>
    public List<(string Path, ReadOnlyMemory<char> Text)> Trimmed()
    {
        var list = new List<(string, ReadOnlyMemory<char>)>(_files.Count);
        foreach (var (path, text) in _files) list.Add((path, text.Trimmed));
        return list;
    }

    /// <summary>Drops the files whose path matches.</summary>
    public void RemoveAll(Predicate<string> path) => _files.RemoveAll(f => path(f.Path));

    /// <summary>Copies the text of <paramref name="sb"/> in as the file <paramref name="name"/>.</summary>
    public void Add(string name, StringBuilder sb)
    {
        var text = _text.Append(sb, 0, sb.Length);
        var (lead, end) = GoUnicode.TrimSpaceBounds(text.Span, 0, text.Length);
        _files.Add((name, new FileText(text, lead, text.Length - end)));
    }

    /// <summary>Returns the arrays to the pool; the texts must not be read after this.</summary>
    public void Release()
    {
        _text.Release();
        _files.Clear();
    }
}
