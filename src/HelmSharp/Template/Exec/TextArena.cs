using System.Buffers;
using System.Text;

namespace HelmSharp.Template.Exec;

/// <summary>
/// Text kept in a few large pooled character arrays instead of a string per piece: each appended piece is contiguous
/// and handed back as a memory slice, valid until <see cref="Release"/> returns the arrays to the pool (whoever
/// releases must make sure nothing still points into them). Used for a render's rendered files and for the include
/// memo's stored results.
/// </summary>
internal sealed class TextArena
{
    /// <summary>Characters per pooled array (64 KiB, below the large-object threshold).</summary>
    private const int ChunkChars = 32 * 1024;

    // Shared by every arena in the process; holds at most 512 arrays (32 MiB) between uses. A plain stack of the one
    // size used: ArrayPool.Create built 17 size buckets of 512 slots at start-up, and cleared every new array.
    private static readonly Stack<char[]> s_chunks = new();
    private const int MaxPooledChunks = 512;

    private static char[] RentChunk()
    {
        lock (s_chunks)
            if (s_chunks.TryPop(out var chunk)) return chunk;
        return GC.AllocateUninitializedArray<char>(ChunkChars); // only text copied in is ever handed out
    }

    private static void ReturnChunk(char[] chunk)
    {
        if (chunk.Length != ChunkChars) return;
        lock (s_chunks)
            if (s_chunks.Count < MaxPooledChunks) s_chunks.Push(chunk);
    }

    private readonly List<char[]> _chunks = []; // the arrays, the last one being filled
    private int _used; // characters used in the last array
    private readonly bool _pooled;

    /// <param name="pooled">False: the arrays are new ones that belong to whoever holds the slices (no <see cref="Release"/> needed).</param>
    public TextArena(bool pooled = true) => _pooled = pooled;

    /// <summary>True when the arrays come from (and go back to) the pool.</summary>
    public bool Pooled => _pooled;

    /// <summary>Characters appended since the last <see cref="Release"/>.</summary>
    public long Length { get; private set; }

    /// <summary>Copies <paramref name="length"/> characters of <paramref name="sb"/> from <paramref name="start"/> in.</summary>
    public ReadOnlyMemory<char> Append(StringBuilder sb, int start, int length)
    {
        int at = 0;
        char[] array;
        // Arrays are made without zeroing them (the GC would clear them first, which costs about as much as the copy):
        // only what Append has copied in is ever handed out.
        if (length > ChunkChars) array = GC.AllocateUninitializedArray<char>(length); // a text longer than a pooled array gets one of its own
        else
        {
            if (_chunks.Count == 0 || ChunkChars - _used < length)
            {
                _chunks.Add(_pooled ? RentChunk() : GC.AllocateUninitializedArray<char>(ChunkChars));
                _used = 0;
            }
            array = _chunks[^1];
            at = _used;
            _used += length;
        }
        sb.CopyTo(start, array.AsSpan(at, length), length);
        Length += length;
        return new ReadOnlyMemory<char>(array, at, length);
    }

    /// <summary>Returns the arrays to the pool; what was appended must not be read after this.</summary>
    public void Release()
    {
        if (_pooled) foreach (var c in _chunks) ReturnChunk(c);
        _chunks.Clear();
        _used = 0;
        Length = 0;
    }
}
