namespace HelmSharp.Yaml.Reader;

/// <summary>
/// The event parser of go-yaml v2 (<c>parserc.go</c>, libyaml's LL(1) state machine), written after its behaviour:
/// the same events, the same error texts and marks. Iterative: nesting lives in explicit state and mark stacks,
/// bounded by the scanner's depth limits.
/// </summary>
internal sealed class YamlParser
{
    private enum State : byte
    {
        StreamStart,
        ImplicitDocumentStart,
        DocumentStart,
        DocumentContent,
        DocumentEnd,
        BlockNode,
        BlockNodeOrIndentlessSequence,
        FlowNode,
        BlockSequenceFirstEntry,
        BlockSequenceEntry,
        IndentlessSequenceEntry,
        BlockMappingFirstKey,
        BlockMappingKey,
        BlockMappingValue,
        FlowSequenceFirstEntry,
        FlowSequenceEntry,
        FlowSequenceEntryMappingKey,
        FlowSequenceEntryMappingValue,
        FlowSequenceEntryMappingEnd,
        FlowMappingFirstKey,
        FlowMappingKey,
        FlowMappingValue,
        FlowMappingEmptyValue,
        End,
    }

    private readonly YamlScanner _scanner;
    private State _state = State.StreamStart;
    private readonly Stacks _stacks;
    private readonly List<State> _states;
    private readonly List<YamlMark> _marks;
    private readonly List<(string Handle, string Prefix)> _tagDirectives;

    public YamlParser(string input, bool lazyValues = false)
    {
        _scanner = new YamlScanner(input) { LazyValues = lazyValues };
        _stacks = Stacks.Rent();
        _states = _stacks.States;
        _marks = _stacks.Marks;
        _tagDirectives = _stacks.TagDirectives;
    }

    /// <summary>
    /// With lazyValues: scalars scanned from now on are not made (<see cref="YamlLazyValue.Dropped"/>), until set
    /// false again. The scanner runs ahead of the parser, so a scalar the reader needs can still come dropped: the
    /// reader checks <see cref="YamlEvent.Lazy"/> and never relies on when it set this.
    /// </summary>
    public bool DropValues { set => _scanner.DropValues = value; }

    /// <summary>The value of a scalar event: <c>Value</c>, or the slice a lazy plain scalar stands for; null when it was dropped.</summary>
    public string? ScalarText(in YamlEvent ev) => ev.Lazy switch
    {
        YamlLazyValue.None => ev.Value,
        YamlLazyValue.Slice => _scanner.SliceText(ev.SliceStart, ev.SliceLength),
        _ => null,
    };

    /// <summary>The first character of a lazy plain scalar's slice ('\0' when empty).</summary>
    public char SliceFirst(in YamlEvent ev) => ev.SliceLength == 0 ? '\0' : _scanner.SliceChar(ev.SliceStart);

    /// <summary>Hands the scanner's buffers (see <see cref="YamlScanner.Release"/>) and the parser's stacks back; the parser is unusable after.</summary>
    public void Release()
    {
        _scanner.Release();
        _stacks.Return();
    }

    /// <summary>The parser's stacks, kept per thread between documents as the scanner's buffers are (reading many small documents).</summary>
    private sealed class Stacks
    {
        public readonly List<State> States = new();
        public readonly List<YamlMark> Marks = new();
        public readonly List<(string Handle, string Prefix)> TagDirectives = new();

        public static Stacks Rent() => HelmSharp.Go.ThreadSpare<Stacks>.Take() ?? new Stacks();

        public void Return()
        {
            if (States.Capacity > 1024 || Marks.Capacity > 1024 || TagDirectives.Capacity > 64) return;
            States.Clear();
            Marks.Clear();
            TagDirectives.Clear();
            HelmSharp.Go.ThreadSpare<Stacks>.Give(this);
        }
    }

    private YamlToken PeekToken() => _scanner.Peek();

    private void SkipToken() => _scanner.SkipToken();

    private static YamlReaderException ParserError(string problem, YamlMark problemMark) =>
        new(YamlErrorKind.Parser, problem, problemMark);

    private static YamlReaderException ParserError(string context, YamlMark contextMark, string problem, YamlMark problemMark) =>
        new(YamlErrorKind.Parser, problem, problemMark, context, contextMark);

    private State PopState()
    {
        var s = _states[^1];
        _states.RemoveAt(_states.Count - 1);
        return s;
    }

    private YamlMark PopMark()
    {
        var m = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        return m;
    }

    /// <summary>yaml_parser_parse: the next event; <see cref="YamlEventType.None"/> after the end of the stream.</summary>
    public YamlEvent Parse()
    {
        if (_scanner.StreamEndProduced || _state == State.End) return default;
        return _state switch
        {
            State.StreamStart => ParseStreamStart(),
            State.ImplicitDocumentStart => ParseDocumentStart(true),
            State.DocumentStart => ParseDocumentStart(false),
            State.DocumentContent => ParseDocumentContent(),
            State.DocumentEnd => ParseDocumentEnd(),
            State.BlockNode => ParseNode(true, false),
            State.BlockNodeOrIndentlessSequence => ParseNode(true, true),
            State.FlowNode => ParseNode(false, false),
            State.BlockSequenceFirstEntry => ParseBlockSequenceEntry(true),
            State.BlockSequenceEntry => ParseBlockSequenceEntry(false),
            State.IndentlessSequenceEntry => ParseIndentlessSequenceEntry(),
            State.BlockMappingFirstKey => ParseBlockMappingKey(true),
            State.BlockMappingKey => ParseBlockMappingKey(false),
            State.BlockMappingValue => ParseBlockMappingValue(),
            State.FlowSequenceFirstEntry => ParseFlowSequenceEntry(true),
            State.FlowSequenceEntry => ParseFlowSequenceEntry(false),
            State.FlowSequenceEntryMappingKey => ParseFlowSequenceEntryMappingKey(),
            State.FlowSequenceEntryMappingValue => ParseFlowSequenceEntryMappingValue(),
            State.FlowSequenceEntryMappingEnd => ParseFlowSequenceEntryMappingEnd(),
            State.FlowMappingFirstKey => ParseFlowMappingKey(true),
            State.FlowMappingKey => ParseFlowMappingKey(false),
            State.FlowMappingValue => ParseFlowMappingValue(false),
            State.FlowMappingEmptyValue => ParseFlowMappingValue(true),
            _ => throw new InvalidOperationException("invalid parser state"),
        };
    }

    private YamlEvent ParseStreamStart()
    {
        var token = PeekToken();
        if (token.Type != YamlTokenType.StreamStart)
            throw ParserError("did not find expected <stream-start>", token.Start);
        _state = State.ImplicitDocumentStart;
        SkipToken();
        return new YamlEvent { Type = YamlEventType.StreamStart, Start = token.Start, End = token.End };
    }

    private YamlEvent ParseDocumentStart(bool implicitDoc)
    {
        var token = PeekToken();
        // extra document end indicators
        if (!implicitDoc)
        {
            while (token.Type == YamlTokenType.DocumentEnd)
            {
                SkipToken();
                token = PeekToken();
            }
        }
        if (implicitDoc && token.Type != YamlTokenType.VersionDirective && token.Type != YamlTokenType.TagDirective &&
            token.Type != YamlTokenType.DocumentStart && token.Type != YamlTokenType.StreamEnd)
        {
            // an implicit document
            ProcessDirectives();
            _states.Add(State.DocumentEnd);
            _state = State.BlockNode;
            return new YamlEvent { Type = YamlEventType.DocumentStart, Start = token.Start, End = token.End, Implicit = true };
        }
        if (token.Type != YamlTokenType.StreamEnd)
        {
            // an explicit document
            var start = token.Start;
            ProcessDirectives();
            token = PeekToken();
            if (token.Type != YamlTokenType.DocumentStart)
                throw ParserError("did not find expected <document start>", token.Start);
            _states.Add(State.DocumentEnd);
            _state = State.DocumentContent;
            var end = token.End;
            SkipToken();
            return new YamlEvent { Type = YamlEventType.DocumentStart, Start = start, End = end };
        }
        // the end of the stream
        _state = State.End;
        SkipToken();
        return new YamlEvent { Type = YamlEventType.StreamEnd, Start = token.Start, End = token.End };
    }

    private YamlEvent ParseDocumentContent()
    {
        var token = PeekToken();
        if (token.Type is YamlTokenType.VersionDirective or YamlTokenType.TagDirective or YamlTokenType.DocumentStart
            or YamlTokenType.DocumentEnd or YamlTokenType.StreamEnd)
        {
            _state = PopState();
            return EmptyScalar(token.Start);
        }
        return ParseNode(true, false);
    }

    private YamlEvent ParseDocumentEnd()
    {
        var token = PeekToken();
        var start = token.Start;
        var end = token.Start;
        bool implicitEnd = true;
        if (token.Type == YamlTokenType.DocumentEnd)
        {
            end = token.End;
            SkipToken();
            implicitEnd = false;
        }
        _tagDirectives.Clear();
        _state = State.DocumentStart;
        return new YamlEvent { Type = YamlEventType.DocumentEnd, Start = start, End = end, Implicit = implicitEnd };
    }

    private YamlEvent ParseNode(bool block, bool indentlessSequence)
    {
        var token = PeekToken();
        if (token.Type == YamlTokenType.Alias)
        {
            _state = PopState();
            SkipToken();
            return new YamlEvent { Type = YamlEventType.Alias, Start = token.Start, End = token.End, Anchor = token.Value };
        }
        var start = token.Start;
        var end = token.Start;
        bool tagToken = false;
        string? tagHandle = null, tagSuffix = null, anchor = null;
        YamlMark tagMark = default;
        if (token.Type == YamlTokenType.Anchor)
        {
            anchor = token.Value;
            start = token.Start;
            end = token.End;
            SkipToken();
            token = PeekToken();
            if (token.Type == YamlTokenType.Tag)
            {
                tagToken = true;
                tagHandle = token.Value;
                tagSuffix = token.Suffix;
                tagMark = token.Start;
                end = token.End;
                SkipToken();
                token = PeekToken();
            }
        }
        else if (token.Type == YamlTokenType.Tag)
        {
            tagToken = true;
            tagHandle = token.Value;
            tagSuffix = token.Suffix;
            start = token.Start;
            tagMark = token.Start;
            end = token.End;
            SkipToken();
            token = PeekToken();
            if (token.Type == YamlTokenType.Anchor)
            {
                anchor = token.Value;
                end = token.End;
                SkipToken();
                token = PeekToken();
            }
        }
        string? tag = null;
        if (tagToken)
        {
            if (string.IsNullOrEmpty(tagHandle))
            {
                tag = tagSuffix;
            }
            else
            {
                foreach (var (handle, prefix) in _tagDirectives)
                {
                    if (handle == tagHandle)
                    {
                        tag = prefix + tagSuffix;
                        break;
                    }
                }
                if (string.IsNullOrEmpty(tag))
                    throw ParserError("while parsing a node", start, "found undefined tag handle", tagMark);
            }
        }
        if (tag is { Length: 0 }) tag = null;
        bool implicitTag = tag == null;
        if (indentlessSequence && token.Type == YamlTokenType.BlockEntry)
        {
            end = token.End;
            _state = State.IndentlessSequenceEntry;
            return new YamlEvent { Type = YamlEventType.SequenceStart, Start = start, End = end, Anchor = anchor, Tag = tag, Implicit = implicitTag };
        }
        if (token.Type == YamlTokenType.Scalar)
        {
            bool plainImplicit = false, quotedImplicit = false;
            end = token.End;
            if (tag == null && token.Style == YamlScalarStyle.Plain || tag == "!") plainImplicit = true;
            else if (tag == null) quotedImplicit = true;
            _state = PopState();
            SkipToken();
            return new YamlEvent
            {
                Type = YamlEventType.Scalar, Start = start, End = end, Anchor = anchor, Tag = tag, Value = token.Value,
                Implicit = plainImplicit, QuotedImplicit = quotedImplicit, Style = token.Style,
                Lazy = token.Lazy, SliceStart = token.SliceStart, SliceLength = token.SliceLength,
            };
        }
        if (token.Type == YamlTokenType.FlowSequenceStart)
        {
            end = token.End;
            _state = State.FlowSequenceFirstEntry;
            return new YamlEvent { Type = YamlEventType.SequenceStart, Start = start, End = end, Anchor = anchor, Tag = tag, Implicit = implicitTag, Flow = true };
        }
        if (token.Type == YamlTokenType.FlowMappingStart)
        {
            end = token.End;
            _state = State.FlowMappingFirstKey;
            return new YamlEvent { Type = YamlEventType.MappingStart, Start = start, End = end, Anchor = anchor, Tag = tag, Implicit = implicitTag, Flow = true };
        }
        if (block && token.Type == YamlTokenType.BlockSequenceStart)
        {
            end = token.End;
            _state = State.BlockSequenceFirstEntry;
            return new YamlEvent { Type = YamlEventType.SequenceStart, Start = start, End = end, Anchor = anchor, Tag = tag, Implicit = implicitTag };
        }
        if (block && token.Type == YamlTokenType.BlockMappingStart)
        {
            end = token.End;
            _state = State.BlockMappingFirstKey;
            return new YamlEvent { Type = YamlEventType.MappingStart, Start = start, End = end, Anchor = anchor, Tag = tag, Implicit = implicitTag };
        }
        if (anchor != null || tag != null)
        {
            // an anchor or a tag without content: an empty plain scalar
            _state = PopState();
            return new YamlEvent
            {
                Type = YamlEventType.Scalar, Start = start, End = end, Anchor = anchor, Tag = tag, Value = "",
                Implicit = implicitTag, Style = YamlScalarStyle.Plain,
            };
        }
        throw ParserError(block ? "while parsing a block node" : "while parsing a flow node", start,
            "did not find expected node content", token.Start);
    }

    private YamlEvent ParseBlockSequenceEntry(bool first)
    {
        if (first)
        {
            _marks.Add(PeekToken().Start);
            SkipToken();
        }
        var token = PeekToken();
        if (token.Type == YamlTokenType.BlockEntry)
        {
            var mark = token.End;
            SkipToken();
            token = PeekToken();
            if (token.Type != YamlTokenType.BlockEntry && token.Type != YamlTokenType.BlockEnd)
            {
                _states.Add(State.BlockSequenceEntry);
                return ParseNode(true, false);
            }
            _state = State.BlockSequenceEntry;
            return EmptyScalar(mark);
        }
        if (token.Type == YamlTokenType.BlockEnd)
        {
            _state = PopState();
            PopMark();
            SkipToken();
            return new YamlEvent { Type = YamlEventType.SequenceEnd, Start = token.Start, End = token.End };
        }
        var contextMark = PopMark();
        throw ParserError("while parsing a block collection", contextMark, "did not find expected '-' indicator", token.Start);
    }

    private YamlEvent ParseIndentlessSequenceEntry()
    {
        var token = PeekToken();
        if (token.Type == YamlTokenType.BlockEntry)
        {
            var mark = token.End;
            SkipToken();
            token = PeekToken();
            if (token.Type != YamlTokenType.BlockEntry && token.Type != YamlTokenType.Key &&
                token.Type != YamlTokenType.Value && token.Type != YamlTokenType.BlockEnd)
            {
                _states.Add(State.IndentlessSequenceEntry);
                return ParseNode(true, false);
            }
            _state = State.IndentlessSequenceEntry;
            return EmptyScalar(mark);
        }
        _state = PopState();
        return new YamlEvent { Type = YamlEventType.SequenceEnd, Start = token.Start, End = token.Start };
    }

    private YamlEvent ParseBlockMappingKey(bool first)
    {
        if (first)
        {
            _marks.Add(PeekToken().Start);
            SkipToken();
        }
        var token = PeekToken();
        if (token.Type == YamlTokenType.Key)
        {
            var mark = token.End;
            SkipToken();
            token = PeekToken();
            if (token.Type != YamlTokenType.Key && token.Type != YamlTokenType.Value && token.Type != YamlTokenType.BlockEnd)
            {
                _states.Add(State.BlockMappingValue);
                return ParseNode(true, true);
            }
            _state = State.BlockMappingValue;
            return EmptyScalar(mark);
        }
        if (token.Type == YamlTokenType.BlockEnd)
        {
            _state = PopState();
            PopMark();
            SkipToken();
            return new YamlEvent { Type = YamlEventType.MappingEnd, Start = token.Start, End = token.End };
        }
        var contextMark = PopMark();
        throw ParserError("while parsing a block mapping", contextMark, "did not find expected key", token.Start);
    }

    private YamlEvent ParseBlockMappingValue()
    {
        var token = PeekToken();
        if (token.Type == YamlTokenType.Value)
        {
            var mark = token.End;
            SkipToken();
            token = PeekToken();
            if (token.Type != YamlTokenType.Key && token.Type != YamlTokenType.Value && token.Type != YamlTokenType.BlockEnd)
            {
                _states.Add(State.BlockMappingKey);
                return ParseNode(true, true);
            }
            _state = State.BlockMappingKey;
            return EmptyScalar(mark);
        }
        _state = State.BlockMappingKey;
        return EmptyScalar(token.Start);
    }

    private YamlEvent ParseFlowSequenceEntry(bool first)
    {
        if (first)
        {
            _marks.Add(PeekToken().Start);
            SkipToken();
        }
        var token = PeekToken();
        if (token.Type != YamlTokenType.FlowSequenceEnd)
        {
            if (!first)
            {
                if (token.Type == YamlTokenType.FlowEntry)
                {
                    SkipToken();
                    token = PeekToken();
                }
                else
                {
                    var contextMark = PopMark();
                    throw ParserError("while parsing a flow sequence", contextMark, "did not find expected ',' or ']'", token.Start);
                }
            }
            if (token.Type == YamlTokenType.Key)
            {
                _state = State.FlowSequenceEntryMappingKey;
                SkipToken();
                return new YamlEvent { Type = YamlEventType.MappingStart, Start = token.Start, End = token.End, Implicit = true, Flow = true };
            }
            if (token.Type != YamlTokenType.FlowSequenceEnd)
            {
                _states.Add(State.FlowSequenceEntry);
                return ParseNode(false, false);
            }
        }
        _state = PopState();
        PopMark();
        SkipToken();
        return new YamlEvent { Type = YamlEventType.SequenceEnd, Start = token.Start, End = token.End };
    }

    private YamlEvent ParseFlowSequenceEntryMappingKey()
    {
        var token = PeekToken();
        if (token.Type != YamlTokenType.Value && token.Type != YamlTokenType.FlowEntry && token.Type != YamlTokenType.FlowSequenceEnd)
        {
            _states.Add(State.FlowSequenceEntryMappingValue);
            return ParseNode(false, false);
        }
        var mark = token.End;
        SkipToken();
        _state = State.FlowSequenceEntryMappingValue;
        return EmptyScalar(mark);
    }

    private YamlEvent ParseFlowSequenceEntryMappingValue()
    {
        var token = PeekToken();
        if (token.Type == YamlTokenType.Value)
        {
            SkipToken();
            var next = PeekToken();
            if (next.Type != YamlTokenType.FlowEntry && next.Type != YamlTokenType.FlowSequenceEnd)
            {
                _states.Add(State.FlowSequenceEntryMappingEnd);
                return ParseNode(false, false);
            }
        }
        _state = State.FlowSequenceEntryMappingEnd;
        return EmptyScalar(token.Start);
    }

    private YamlEvent ParseFlowSequenceEntryMappingEnd()
    {
        var token = PeekToken();
        _state = State.FlowSequenceEntry;
        return new YamlEvent { Type = YamlEventType.MappingEnd, Start = token.Start, End = token.Start };
    }

    private YamlEvent ParseFlowMappingKey(bool first)
    {
        if (first)
        {
            _marks.Add(PeekToken().Start);
            SkipToken();
        }
        var token = PeekToken();
        if (token.Type != YamlTokenType.FlowMappingEnd)
        {
            if (!first)
            {
                if (token.Type == YamlTokenType.FlowEntry)
                {
                    SkipToken();
                    token = PeekToken();
                }
                else
                {
                    var contextMark = PopMark();
                    throw ParserError("while parsing a flow mapping", contextMark, "did not find expected ',' or '}'", token.Start);
                }
            }
            if (token.Type == YamlTokenType.Key)
            {
                SkipToken();
                token = PeekToken();
                if (token.Type != YamlTokenType.Value && token.Type != YamlTokenType.FlowEntry && token.Type != YamlTokenType.FlowMappingEnd)
                {
                    _states.Add(State.FlowMappingValue);
                    return ParseNode(false, false);
                }
                _state = State.FlowMappingValue;
                return EmptyScalar(token.Start);
            }
            if (token.Type != YamlTokenType.FlowMappingEnd)
            {
                _states.Add(State.FlowMappingEmptyValue);
                return ParseNode(false, false);
            }
        }
        _state = PopState();
        PopMark();
        SkipToken();
        return new YamlEvent { Type = YamlEventType.MappingEnd, Start = token.Start, End = token.End };
    }

    private YamlEvent ParseFlowMappingValue(bool empty)
    {
        var token = PeekToken();
        if (empty)
        {
            _state = State.FlowMappingKey;
            return EmptyScalar(token.Start);
        }
        if (token.Type == YamlTokenType.Value)
        {
            SkipToken();
            token = PeekToken();
            if (token.Type != YamlTokenType.FlowEntry && token.Type != YamlTokenType.FlowMappingEnd)
            {
                _states.Add(State.FlowMappingKey);
                return ParseNode(false, false);
            }
        }
        _state = State.FlowMappingKey;
        return EmptyScalar(token.Start);
    }

    private static YamlEvent EmptyScalar(YamlMark mark) =>
        new() { Type = YamlEventType.Scalar, Start = mark, End = mark, Value = "", Implicit = true, Style = YamlScalarStyle.Plain };

    private void ProcessDirectives()
    {
        bool haveVersion = false;
        var token = PeekToken();
        while (token.Type is YamlTokenType.VersionDirective or YamlTokenType.TagDirective)
        {
            if (token.Type == YamlTokenType.VersionDirective)
            {
                if (haveVersion) throw ParserError("found duplicate %YAML directive", token.Start);
                if (token.Major != 1 || token.Minor != 1) throw ParserError("found incompatible YAML document", token.Start);
                haveVersion = true;
            }
            else
            {
                AppendTagDirective(token.Value!, token.Suffix!, false, token.Start);
            }
            SkipToken();
            token = PeekToken();
        }
        AppendTagDirective("!", "!", true, token.Start);
        AppendTagDirective("!!", "tag:yaml.org,2002:", true, token.Start);
    }

    private void AppendTagDirective(string handle, string prefix, bool allowDuplicates, YamlMark mark)
    {
        foreach (var (h, _) in _tagDirectives)
        {
            if (h == handle)
            {
                if (allowDuplicates) return;
                throw ParserError("found duplicate %TAG directive", mark);
            }
        }
        _tagDirectives.Add((handle, prefix));
    }
}
