using System.Buffers;
using System.Text;

namespace HelmSharp.Rendering;

/// <summary>
/// The rendered text of every template file of one render, kept in a few large pooled character arrays (each file's
/// text contiguous in one of them) instead of a string per file. Documents are cut out of it as memory slices; the
/// output is joined from those slices once, and then the arrays go back to the pool (<see cref="Release"/>): nothing
/// that outlives the render may still point into them.
/// </summary>
internal sealed class RenderedFiles
{
    /// <summary>Characters per pooled array (64 KiB, below the large-object threshold).</summary>
    private const int ChunkChars = 32 * 1024;

    // Shared by every render in the process; holds at most 512 arrays (32 MiB) between renders.
    private static readonly ArrayPool<char> s_chunks = ArrayPool<char>.Create(ChunkChars, 512);

    /// <summary>A file's exact text and how much Go white space surrounds its trimmed text.</summary>
    internal readonly record struct FileText(ReadOnlyMemory<char> Exact, int Lead, int Trail)
    {
        /// <summary>The text without the Go white space around it (what the manifest splitter works on).</summary>
        public ReadOnlyMemory<char> Trimmed => Exact.Slice(Lead, Exact.Length - Lead - Trail);
    }

    private readonly List<char[]> _chunks = []; // the pooled arrays, the last one being filled
    private int _used; // characters used in the last pooled array
    private readonly Dictionary<string, FileText> _files;

    public RenderedFiles(int capacity) => _files = new(capacity, StringComparer.Ordinal);

    public IEnumerable<string> Names => _files.Keys;

    /// <summary>Every file's path and trimmed text.</summary>
    public List<(string Path, ReadOnlyMemory<char> Text)> Trimmed()
    {
        var list = new List<(string, ReadOnlyMemory<char>)>(_files.Count);
        foreach (var kv in _files) list.Add((kv.Key, kv.Value.Trimmed));
        return list;
    }

    public FileText this[string name] => _files[name];

    public bool Remove(string name) => _files.Remove(name);

    /// <summary>Copies the text of <paramref name="sb"/> in as the file <paramref name="name"/>.</summary>
    public void Add(string name, StringBuilder sb)
    {
        int n = sb.Length, at = 0;
        char[] array;
        if (n > ChunkChars) array = new char[n]; // a text longer than a pooled array gets one of its own
        else
        {
            if (_chunks.Count == 0 || ChunkChars - _used < n)
            {
                _chunks.Add(s_chunks.Rent(ChunkChars));
                _used = 0;
            }
            array = _chunks[^1];
            at = _used;
            _used += n;
        }
        sb.CopyTo(0, array.AsSpan(at, n), n);
        var text = new ReadOnlyMemory<char>(array, at, n);
        var span = text.Span;
        int lead = 0, end = n;
        while (lead < end && Manifests.IsGoSpace(span[lead])) lead++;
        while (end > lead && Manifests.IsGoSpace(span[end - 1])) end--;
        _files[name] = new FileText(text, lead, n - end);
    }

    /// <summary>The exact text the file rendered to, as a string.</summary>
    public string ExactText(string name) => _files[name].Exact.ToString();

    /// <summary>Returns the arrays to the pool; the texts must not be read after this.</summary>
    public void Release()
    {
        foreach (var c in _chunks) s_chunks.Return(c);
        _chunks.Clear();
        _files.Clear();
    }
}
