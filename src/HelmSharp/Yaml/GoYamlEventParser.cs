using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HelmSharp.Yaml;

/// <summary>
/// go-yaml v2's reader, scanner and parser (what helm reads YAML with, see <see cref="Reader.YamlParser"/>) behind
/// YamlDotNet's <see cref="IParser"/> contract: the events of every document of the stream, as YamlDotNet's event
/// types, so YamlDotNet's own consumers (its representation model, its deserializer) can read YAML exactly as helm
/// accepts it. Marks are YamlDotNet's (1-based lines and columns; the index counts characters as libyaml does).
/// Errors are <see cref="GoYamlException"/>s with go-yaml's text (<c>yaml: line 3: did not find expected key</c>).
/// </summary>
/// <remarks>
/// go-yaml accepts what the YAML specification does not in places (a block scalar whose first lines hold more
/// spaces than its content ends there; <c>a: [1]# c</c>) and rejects what it allows (tabs before a value, YAML 1.2
/// directives); this parser follows go-yaml. Input is a Go string: bytes that are not valid UTF-8 carried
/// surrogate-escaped (<see cref="HelmSharp.Go.GoUtf8.GetString(ReadOnlySpan{byte})"/>) fail as go-yaml's reader fails.
/// </remarks>
internal sealed class GoYamlEventParser : IParser
{
    private Reader.YamlParser? _parser;

    /// <summary>A parser over <paramref name="input"/>.</summary>
    public GoYamlEventParser(string input) => _parser = new Reader.YamlParser(input);

    /// <inheritdoc/>
    public ParsingEvent? Current { get; private set; }

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (_parser == null)
        {
            Current = null;
            return false;
        }
        Reader.YamlEvent ev;
        try
        {
            ev = _parser.Parse();
        }
        catch (Reader.YamlReaderException e)
        {
            _parser = null;
            throw new GoYamlException(e.GoMessage());
        }
        if (ev.Type == Reader.YamlEventType.None)
        {
            _parser.Release();
            _parser = null;
            Current = null;
            return false;
        }
        Current = Convert(ev);
        return true;
    }

    private static Mark M(Reader.YamlMark m) => new(m.Index + 1, m.Line + 1, m.Column + 1);

    private static AnchorName Anchor(string? a) => a == null ? AnchorName.Empty : new AnchorName(a);

    private static TagName Tag(string? t) => t == null ? TagName.Empty : new TagName(t);

    private static ParsingEvent Convert(in Reader.YamlEvent ev)
    {
        var start = M(ev.Start);
        var end = M(ev.End);
        switch (ev.Type)
        {
            case Reader.YamlEventType.StreamStart:
                return new StreamStart(start, end);
            case Reader.YamlEventType.StreamEnd:
                return new StreamEnd(start, end);
            case Reader.YamlEventType.DocumentStart:
                return new DocumentStart(null, null, ev.Implicit, start, end);
            case Reader.YamlEventType.DocumentEnd:
                return new DocumentEnd(ev.Implicit, start, end);
            case Reader.YamlEventType.Alias:
                return new AnchorAlias(new AnchorName(ev.Anchor!), start, end);
            case Reader.YamlEventType.Scalar:
                var style = ev.Style switch
                {
                    Reader.YamlScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
                    Reader.YamlScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
                    Reader.YamlScalarStyle.Literal => ScalarStyle.Literal,
                    Reader.YamlScalarStyle.Folded => ScalarStyle.Folded,
                    _ => ScalarStyle.Plain,
                };
                return new Scalar(Anchor(ev.Anchor), Tag(ev.Tag), ev.Value ?? "", style, ev.Implicit, ev.QuotedImplicit, start, end);
            case Reader.YamlEventType.SequenceStart:
                return new SequenceStart(Anchor(ev.Anchor), Tag(ev.Tag), ev.Implicit, ev.Flow ? SequenceStyle.Flow : SequenceStyle.Block, start, end);
            case Reader.YamlEventType.SequenceEnd:
                return new SequenceEnd(start, end);
            case Reader.YamlEventType.MappingStart:
                return new MappingStart(Anchor(ev.Anchor), Tag(ev.Tag), ev.Implicit, ev.Flow ? MappingStyle.Flow : MappingStyle.Block, start, end);
            default:
                return new MappingEnd(start, end);
        }
    }
}
