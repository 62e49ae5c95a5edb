namespace HelmSharp.Yaml;

/// <summary>go-yaml v2's node builder: the node tree of a document from <see cref="Reader.YamlParser"/>'s events.</summary>
internal static partial class YamlDecoder
{
    /// <summary>
    /// Reads the first document as go-yaml v2's <c>Unmarshal</c> does (its <c>parser.parse</c>): the root node, or
    /// null for a stream without documents. The reader, scanner and parser are <see cref="Reader.YamlParser"/>'s;
    /// errors carry go-yaml's text (<c>yaml: line 3: did not find expected key</c>).
    /// </summary>
    /// <param name="text">The document text: a Go string (invalid UTF-8 bytes surrogate-escaped, see <see cref="HelmSharp.Go.GoUtf8"/>).</param>
    /// <param name="maxDepth">The deepest collection nesting of the document.</param>
    internal static YamlNode? ParseFirst(string text, out int maxDepth)
    {
        var composer = new Composer(text);
        try
        {
            return composer.ParseFirst(out maxDepth);
        }
        catch (Reader.YamlReaderException e)
        {
            throw new GoYamlException(e.GoMessage());
        }
        finally
        {
            composer.Release();
        }
    }

    /// <summary>go-yaml v2's <c>parser</c> (decode.go): builds the node tree of the first document from the events.</summary>
    private sealed class Composer(string text)
    {
        private readonly Reader.YamlParser _parser = new(text);
        private Reader.YamlEvent _event;
        private Dictionary<string, YamlNode>? _anchors;

        public void Release() => _parser.Release();

        private Reader.YamlEventType Peek()
        {
            if (_event.Type == Reader.YamlEventType.None) _event = _parser.Parse();
            return _event.Type;
        }

        private void Expect(Reader.YamlEventType type)
        {
            if (_event.Type == Reader.YamlEventType.None) _event = _parser.Parse();
            if (_event.Type == Reader.YamlEventType.StreamEnd)
                throw new GoYamlException("yaml: attempted to go past the end of stream; corrupted value?");
            if (_event.Type != type)
                throw new GoYamlException("yaml: expected " + type + " event but got " + _event.Type);
            _event = default;
        }

        public YamlNode? ParseFirst(out int maxDepth)
        {
            maxDepth = 0;
            Expect(Reader.YamlEventType.StreamStart);
            if (Peek() != Reader.YamlEventType.DocumentStart) return null; // the end of the stream: no document
            Expect(Reader.YamlEventType.DocumentStart);
            var root = ParseNode(ref maxDepth);
            Expect(Reader.YamlEventType.DocumentEnd);
            return root;
        }

        private YamlNode ParseNode(ref int maxDepth)
        {
            var stack = new List<YamlNode>();
            while (true)
            {
                var type = Peek();
                if (type is Reader.YamlEventType.SequenceEnd or Reader.YamlEventType.MappingEnd)
                {
                    Expect(type);
                    var done = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    if (stack.Count == 0) return done;
                    continue;
                }
                ref var ev = ref _event;
                YamlNode node;
                switch (type)
                {
                    case Reader.YamlEventType.Scalar:
                        node = new YamlNode { Kind = YamlNodeKind.Scalar, Value = ev.Value ?? "", Tag = ev.Tag ?? "", Implicit = ev.Implicit };
                        Anchor(node, ev.Anchor);
                        break;
                    case Reader.YamlEventType.Alias:
                        if (_anchors == null || !_anchors.TryGetValue(ev.Anchor!, out var target))
                            throw new GoYamlException("yaml: unknown anchor '" + ev.Anchor + "' referenced");
                        node = new YamlNode { Kind = YamlNodeKind.Alias, Alias = target, Value = ev.Anchor! };
                        break;
                    case Reader.YamlEventType.SequenceStart:
                        node = new YamlNode { Kind = YamlNodeKind.Sequence, Children = new List<YamlNode>() };
                        Anchor(node, ev.Anchor);
                        break;
                    case Reader.YamlEventType.MappingStart:
                        node = new YamlNode { Kind = YamlNodeKind.Mapping, Children = new List<YamlNode>() };
                        Anchor(node, ev.Anchor);
                        break;
                    default:
                        throw new GoYamlException("yaml: attempted to parse unknown event: " + type);
                }
                Expect(type);
                if (stack.Count > 0) stack[^1].Children!.Add(node);
                if (node.Kind is YamlNodeKind.Mapping or YamlNodeKind.Sequence)
                {
                    stack.Add(node);
                    if (stack.Count > maxDepth) maxDepth = stack.Count;
                }
                else if (stack.Count == 0)
                {
                    return node;
                }
            }
        }

        private void Anchor(YamlNode n, string? anchor)
        {
            if (anchor == null) return;
            n.Anchor = anchor;
            (_anchors ??= new Dictionary<string, YamlNode>(StringComparer.Ordinal))[anchor] = n;
        }
    }
}
