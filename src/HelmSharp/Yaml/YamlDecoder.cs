using System.Globalization;
using System.Text;

namespace HelmSharp.Yaml;

internal enum YamlNodeKind { Scalar, Mapping, Sequence, Alias }

internal sealed class YamlNode
{
    public YamlNodeKind Kind;
    public string Value = "";
    public string Tag = "";
    public bool Implicit;
    public string? Anchor;
    public List<YamlNode>? Children;
    public YamlNode? Alias;
}

/// <summary>
/// Builds go-yaml v2 node trees from the events of <see cref="Reader.YamlParser"/> and decodes them into the Go value
/// model the way <c>sigs.k8s.io/yaml.Unmarshal</c> into <c>interface{}</c> does (go-yaml v2, then
/// a JSON round trip).
/// </summary>
internal static class YamlDecoder
{
    internal const int MaxDepth = 10000;

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

    // ---------------------------------------------------------------- decoding

    internal sealed class State
    {
        public int DecodeCount;
        public int AliasCount;
        public int AliasDepth;
        public HashSet<YamlNode> ActiveAliases = new(ReferenceEqualityComparer.Instance);
        public string? DeferredError; // sigs.k8s.io / encoding/json errors reported after go-yaml finished
        public bool Raw; // keep go-yaml's scalar types (long, ulong, double …) instead of the JSON round trip
        public int Level;    // current container nesting of the produced value
        public int MaxLevel; // deepest container nesting (aliases can exceed the document's own depth)
    }

    /// <summary>
    /// encoding/json's decoder refuses more than 10000 nested containers: "invalid character '[' exceeded
    /// max depth". Finds, in JSON text order (sorted keys), the first container that is too deep.
    /// </summary>
    private static string? JsonDepthError(object? root)
    {
        const int maxNesting = 10000;
        var stack = new Stack<(object? v, int depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (v, depth) = stack.Pop();
            switch (v)
            {
                case Dictionary<string, object?> m:
                    if (depth > maxNesting) return "invalid character '{' exceeded max depth";
                    var keys = new List<string>(m.Keys);
                    keys.Sort(StringComparer.Ordinal);
                    for (int i = keys.Count - 1; i >= 0; i--) stack.Push((m[keys[i]], depth + 1));
                    break;
                case object?[] a:
                    if (depth > maxNesting) return "invalid character '[' exceeded max depth";
                    for (int i = a.Length - 1; i >= 0; i--) stack.Push((a[i], depth + 1));
                    break;
            }
        }
        return null;
    }

    private static double AllowedAliasRatio(int decodeCount)
    {
        const int low = 400000, high = 4000000;
        if (decodeCount <= low) return 0.99;
        if (decodeCount >= high) return 0.10;
        return 0.99 - 0.89 * ((double)(decodeCount - low) / (high - low));
    }

    private static void Count(State st)
    {
        st.DecodeCount++;
        if (st.AliasDepth > 0) st.AliasCount++;
        if (st.AliasCount > 100 && st.DecodeCount > 1000 && (double)st.AliasCount / st.DecodeCount > AllowedAliasRatio(st.DecodeCount))
            throw new GoYamlException("yaml: document contains excessive aliasing");
    }

    /// <summary>Decodes a document root into the JSON-round-tripped Go value model.</summary>
    internal static object? DecodeDocument(YamlNode? root, int depth, bool raw = false)
    {
        var st = new State { Raw = raw };
        st.DecodeCount++; // the document node itself
        if (root == null) return null;
        object? result = null;
        if (depth > 400) RunWithLargeStack(() => result = Decode(root, st));
        else
        {
            try { result = Decode(root, st); }
            catch (InsufficientStackException)
            {
                // alias chains can nest deeper than the document itself
                st = new State { Raw = raw };
                st.DecodeCount++;
                RunWithLargeStack(() => result = Decode(root, st));
            }
        }
        if (st.DeferredError != null) throw new GoYamlException(st.DeferredError);
        if (st.MaxLevel > 10000 && JsonDepthError(result) is { } depthError)
            throw new JsonStageException("error unmarshaling JSON: while decoding JSON: " + depthError);
        return result;
    }

    // The library's one large-stack worker (inline when already on it).
    internal static void RunWithLargeStack(Action a) => HelmSharp.Go.StackGuard.Run(a, static work => work());

    internal sealed class InsufficientStackException : Exception;

    /// <summary>An error of the JSON decoding stage (reported without the "error converting YAML to JSON" prefix).</summary>
    internal sealed class JsonStageException(string message) : GoYamlException(message);

    private static object? Decode(YamlNode n, State st)
    {
        Count(st);
        if (!HelmSharp.Go.StackGuard.Check())
        {
            if (HelmSharp.Go.StackGuard.OnBigStack)
                throw new GoYamlException("yaml: exceeded max depth of " + MaxDepth.ToString(CultureInfo.InvariantCulture));
            throw new InsufficientStackException();
        }
        switch (n.Kind)
        {
            case YamlNodeKind.Scalar:
                return DecodeScalar(n, st);
            case YamlNodeKind.Alias:
                return WithAlias(n, st, () => Decode(n.Alias!, st));
            case YamlNodeKind.Sequence:
            {
                var list = n.Children!;
                var arr = new object?[list.Count];
                if (++st.Level > st.MaxLevel) st.MaxLevel = st.Level;
                for (int i = 0; i < arr.Length; i++) arr[i] = Decode(list[i], st);
                st.Level--;
                return arr;
            }
            default:
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (++st.Level > st.MaxLevel) st.MaxLevel = st.Level;
                DecodeMappingInto(n, map, st);
                st.Level--;
                return map;
            }
        }
    }

    private static T WithAlias<T>(YamlNode n, State st, Func<T> f)
    {
        if (!st.ActiveAliases.Add(n))
            throw new GoYamlException("yaml: anchor '" + n.Value + "' value contains itself");
        st.AliasDepth++;
        try { return f(); }
        finally { st.AliasDepth--; st.ActiveAliases.Remove(n); }
    }

    private static bool IsMerge(YamlNode k) =>
        k.Kind == YamlNodeKind.Scalar && k.Value == "<<" && (k.Implicit || k.Tag == YamlResolve.MergeTag);

    private static void DecodeMappingInto(YamlNode n, Dictionary<string, object?> map, State st)
    {
        var ch = n.Children!;
        for (int i = 0; i + 1 < ch.Count; i += 2)
        {
            if (IsMerge(ch[i]))
            {
                Merge(ch[i + 1], map, st);
                continue;
            }
            Count(st);
            var key = DecodeKey(ch[i], ch[i + 1], st, out var keyOk);
            var val = Decode(ch[i + 1], st);
            if (!keyOk)
            {
                st.DeferredError ??= "unsupported map key of type: %!s(<nil>), key: <nil>, value: " + GoSharpV(RawValue(ch[i + 1], 0));
                continue;
            }
            map[key!] = val;
        }
    }

    private static void Merge(YamlNode v, Dictionary<string, object?> map, State st)
    {
        const string failWantMap = "yaml: map merge requires map or sequence of maps as the value";
        switch (v.Kind)
        {
            case YamlNodeKind.Mapping:
                Count(st);
                DecodeMappingInto(v, map, st);
                return;
            case YamlNodeKind.Alias:
                if (v.Alias!.Kind != YamlNodeKind.Mapping) throw new GoYamlException(failWantMap);
                Count(st);
                WithAlias(v, st, () => { Count(st); DecodeMappingInto(v.Alias!, map, st); return 0; });
                return;
            case YamlNodeKind.Sequence:
                var ch = v.Children!;
                for (int i = ch.Count - 1; i >= 0; i--)
                {
                    var ni = ch[i];
                    if (ni.Kind == YamlNodeKind.Alias) { if (ni.Alias!.Kind != YamlNodeKind.Mapping) throw new GoYamlException(failWantMap); }
                    else if (ni.Kind != YamlNodeKind.Mapping) throw new GoYamlException(failWantMap);
                    Merge(ni, map, st);
                }
                return;
            default:
                throw new GoYamlException(failWantMap);
        }
    }

    /// <summary>Decodes a key and stringifies it as sigs.k8s.io/yaml does; ok=false for a nil key.</summary>
    private static string? DecodeKey(YamlNode k, YamlNode value, State st, out bool ok)
    {
        ok = true;
        var target = k;
        while (target.Kind == YamlNodeKind.Alias) target = target.Alias!;
        if (target.Kind != YamlNodeKind.Scalar)
        {
            throw new GoYamlException("yaml: invalid map key: " + GoSharpV(RawValue(target, 0)));
        }
        if (k.Kind == YamlNodeKind.Alias) Count(st);
        var raw = RawScalar(target);
        switch (raw)
        {
            case null: ok = false; return null;
            case string s: return s;
            case bool b: return b ? "true" : "false";
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            case double d:
                var f = YamlFloat.FormatG(d, 32);
                return f switch { "+Inf" => ".inf", "-Inf" => "-.inf", "NaN" => ".nan", _ => f };
            case ulong u:
                st.DeferredError ??= "unsupported map key of type: uint64, key: 0x" + u.ToString("x", CultureInfo.InvariantCulture) + ", value: " + GoSharpV(RawValue(value, 0));
                return u.ToString(CultureInfo.InvariantCulture);
        }
        return raw.ToString();
    }

    /// <summary>The go-yaml v2 value of a scalar before the JSON round trip.</summary>
    internal static object? RawScalar(YamlNode n)
    {
        if (n.Tag.Length == 0 && !n.Implicit) return n.Value;
        var r = YamlResolve.Resolve(n.Tag, n.Value, out var v);
        if (n.Tag == YamlResolve.BinaryTag)
        {
            try
            {
                var bytes = Convert.FromBase64String(n.Value);
                return Encoding.UTF8.GetString(bytes);
            }
            catch (FormatException)
            {
                throw new GoYamlException("yaml: !!binary value contains invalid base64 data");
            }
        }
        if (r == YamlResolved.Timestamp) return n.Value;
        return v;
    }

    private static object? DecodeScalar(YamlNode n, State st)
    {
        var raw = RawScalar(n);
        if (st.Raw)
        {
            if (raw is double rd && (double.IsNaN(rd) || double.IsInfinity(rd)))
                st.DeferredError ??= "json: unsupported value: " + YamlFloat.FormatG(rd, 64);
            return raw;
        }
        switch (raw)
        {
            case long l: return (double)l;
            case ulong u: return (double)u;
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d))
                    st.DeferredError ??= "json: unsupported value: " + YamlFloat.FormatG(d, 64);
                return d;
            default: return raw;
        }
    }

    /// <summary>Raw go-yaml value for error messages (lists and pair lists for collections).</summary>
    private static object? RawValue(YamlNode n, int depth)
    {
        while (n.Kind == YamlNodeKind.Alias) n = n.Alias!;
        if (depth > 50) return "...";
        switch (n.Kind)
        {
            case YamlNodeKind.Scalar: return RawScalar(n);
            case YamlNodeKind.Sequence:
                var l = new List<object?>();
                foreach (var c in n.Children!) l.Add(RawValue(c, depth + 1));
                return l;
            default:
                var m = new List<KeyValuePair<object?, object?>>();
                for (int i = 0; i + 1 < n.Children!.Count; i += 2)
                    m.Add(new(RawValue(n.Children[i], depth + 1), RawValue(n.Children[i + 1], depth + 1)));
                return m;
        }
    }

    /// <summary>Go's <c>%#v</c> for go-yaml v2 decoded values inside <c>interface{}</c>.</summary>
    internal static string GoSharpV(object? v) => GoSharpV(v, true);

    private static string GoSharpV(object? v, bool top)
    {
        switch (v)
        {
            case null: return top ? "<nil>" : "interface {}(nil)";
            case string s: return HelmSharp.Go.GoStrconv.Quote(s);
            case bool b: return b ? "true" : "false";
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            case ulong u: return "0x" + u.ToString("x", CultureInfo.InvariantCulture);
            case double d: return YamlFloat.FormatG(d, 64);
            case List<object?> list:
            {
                var sb = new StringBuilder("[]interface {}{");
                for (int i = 0; i < list.Count; i++) { if (i > 0) sb.Append(", "); sb.Append(GoSharpV(list[i], false)); }
                return sb.Append('}').ToString();
            }
            case List<KeyValuePair<object?, object?>> map:
            {
                var sb = new StringBuilder("map[interface {}]interface {}{");
                for (int i = 0; i < map.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(GoSharpV(map[i].Key, false)).Append(':').Append(GoSharpV(map[i].Value, false));
                }
                return sb.Append('}').ToString();
            }
            default: return v.ToString() ?? "";
        }
    }
}
