namespace HelmSharp.Rendering;

/// <summary>One rendered document of a template file (after splitting): a <see cref="Manifest"/> or a <see cref="Hook"/>.</summary>
/// <remarks>
/// A render keeps every document as a slice of its output (or of its rendered text); <see cref="Content"/> makes the
/// string on first use, <see cref="Text"/> never does.
/// </remarks>
public abstract record RenderedDocument
{
    private ReadOnlyMemory<char> _text;
    private string? _content;

    private protected RenderedDocument(string path, ReadOnlyMemory<char> text, string kind, string name)
    {
        Path = path; _text = text; Kind = kind; Name = name;
    }

    /// <summary>The template path it came from (<c>chart/templates/x.yaml</c>).</summary>
    public string Path { get; init; }

    /// <summary>The document text (trimmed as helm trims it).</summary>
    public string Content
    {
        get => _content ??= _text.ToString();
        init { _content = value; _text = value.AsMemory(); }
    }

    /// <summary>The document text without making a string of it.</summary>
    public ReadOnlyMemory<char> Text => _text;

    /// <summary>The document's <c>kind</c> (empty when it has none).</summary>
    public string Kind { get; init; }

    /// <summary>The document's <c>metadata.name</c>.</summary>
    public string Name { get; init; }

    /// <summary>Points the document at the same text elsewhere (in the joined output), so the render's buffers can be reused.</summary>
    internal void MoveTo(ReadOnlyMemory<char> sameText)
    {
        if (_content == null) _text = sameText;
    }

    /// <summary>Gives the document a string of its own (it is not part of the joined output).</summary>
    internal void Detach() => _text = Content.AsMemory();

    /// <inheritdoc/>
    public virtual bool Equals(RenderedDocument? other) =>
        other is not null && EqualityContract == other.EqualityContract && Path == other.Path && Kind == other.Kind && Name == other.Name
        && _text.Span.SequenceEqual(other._text.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, Kind, Name, string.GetHashCode(_text.Span, StringComparison.Ordinal));
}

/// <summary>A rendered document that is not a hook.</summary>
public sealed record Manifest : RenderedDocument
{
    /// <summary>A manifest of <paramref name="content"/> from the template <paramref name="path"/>.</summary>
    public Manifest(string path, string content, string kind, string name) : base(path, content.AsMemory(), kind, name) { }

    internal Manifest(string path, ReadOnlyMemory<char> text, string kind, string name) : base(path, text, kind, name) { }
}

/// <summary>A hook document (annotated with <c>helm.sh/hook</c>).</summary>
public sealed record Hook : RenderedDocument
{
    /// <summary>A hook of <paramref name="content"/> from the template <paramref name="path"/>.</summary>
    public Hook(string path, string content, string kind, string name, IReadOnlyList<string> events, int weight)
        : this(path, content.AsMemory(), kind, name, events, weight) { }

    internal Hook(string path, ReadOnlyMemory<char> text, string kind, string name, IReadOnlyList<string> events, int weight) : base(path, text, kind, name)
    {
        Events = events; Weight = weight;
    }

    /// <summary>The hook events, lowercased (e.g. <c>pre-install</c>, <c>test</c>).</summary>
    public IReadOnlyList<string> Events { get; init; }

    /// <summary>The <c>helm.sh/hook-weight</c> (0 when absent or invalid).</summary>
    public int Weight { get; init; }
}
