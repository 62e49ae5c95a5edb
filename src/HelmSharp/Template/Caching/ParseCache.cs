using System.Collections.Concurrent;
using HelmSharp.Template.Parse;

namespace HelmSharp.Template.Caching;

/// <summary>
/// Parsed trees keyed by (name, text), shared by every <see cref="TemplateSet"/> built over the same
/// function registry and helm major version. Trees are immutable once parsed, so entries are safe
/// to share between concurrent renders. Parse errors are never cached.
/// </summary>
internal sealed class ParseCache(int maxEntries = 65536)
{
    private readonly ConcurrentDictionary<(string Name, string Text), (Dictionary<string, Tree> Trees, Tree Top)> _entries = new();

    public bool TryGet(string name, string text, out (Dictionary<string, Tree> Trees, Tree Top) parsed) =>
        _entries.TryGetValue((name, text), out parsed);

    // ConcurrentDictionary.Count takes every lock of the table: the size is counted here instead.
    private int _count;

    public void Add(string name, string text, (Dictionary<string, Tree> Trees, Tree Top) parsed)
    {
        if (Volatile.Read(ref _count) < maxEntries && _entries.TryAdd((name, text), parsed)) Interlocked.Increment(ref _count);
    }

    public int Count => Volatile.Read(ref _count);

    private readonly ConcurrentDictionary<(string Function, string Text), object?> _decoded = new();
    private long _decodedChars;

    /// <summary>
    /// True while decoded masters may be handed out as they are (<see cref="SharedValues"/>); cleared for good the first
    /// time a render writes into one, after which callers get clones.
    /// </summary>
    public bool ShareDecoded
    {
        get => Volatile.Read(ref _shareDecoded);
        set => Volatile.Write(ref _shareDecoded, value);
    }
    private bool _shareDecoded = true;

    /// <summary>The master copy of a decoded document (<c>fromYaml</c>/<c>fromJson</c>), keyed by function and text: never written to (it is registered with <see cref="SharedValues"/>).</summary>
    public bool TryGetDecoded(string function, string text, out object? master) => _decoded.TryGetValue((function, text), out master);

    public void AddDecoded(string function, string text, object? master)
    {
        if (text.Length > 1 << 16 || Interlocked.Read(ref _decodedChars) > 64L << 20) return;
        if (_decoded.TryAdd((function, text), master)) Interlocked.Add(ref _decodedChars, text.Length);
    }
}
