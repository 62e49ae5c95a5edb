using System.Globalization;
using System.Text;
using HelmSharp.Go;
using HelmSharp.Yaml;

namespace HelmSharp.UnitTest;

/// <summary>
/// go-yaml v3 decoding (what the helm-unittest plugin reads suites, manifests and snapshots with): YAML 1.2-style
/// implicit typing (only <c>true</c>/<c>false</c> are booleans, <c>0o</c> octals), timestamps kept as strings, type
/// errors collected as <c>yaml: unmarshal errors:</c>. The node trees come from the library's YAML parser.
/// </summary>
internal static class V3Yaml
{
    internal const string StrTag = "!!str", IntTag = "!!int", FloatTag = "!!float", BoolTag = "!!bool", NullTag = "!!null",
        MapTag = "!!map", SeqTag = "!!seq", TimestampTag = "!!timestamp", BinaryTag = "!!binary", MergeTag = "!!merge";

    /// <summary>
    /// Parses every document of <paramref name="text"/> into node trees, with the library's YAML reader, scanner and
    /// parser (the libyaml port go-yaml shares); this is the only place the unit-test code touches it. The composer is
    /// iterative, as documents nest 10,000 deep.
    /// </summary>
    public static List<V3Node?> Parse(string text)
    {
        var parser = new HelmSharp.Yaml.Reader.YamlParser(text);
        try { return Compose(parser); }
        catch (HelmSharp.Yaml.Reader.YamlReaderException e) { throw new V3YamlException(e.GoMessage()); }
        finally { parser.Release(); }
    }

    private static List<V3Node?> Compose(HelmSharp.Yaml.Reader.YamlParser parser)
    {
        const int maxEvents = 50_000_000;
        var docs = new List<V3Node?>();
        var stack = new List<V3Node>();
        Dictionary<string, V3Node>? anchors = null;
        V3Node? root = null;
        for (int n = 0; n < maxEvents; n++)
        {
            var ev = parser.Parse();
            V3Node? node = null;
            switch (ev.Type)
            {
                case HelmSharp.Yaml.Reader.YamlEventType.None:
                case HelmSharp.Yaml.Reader.YamlEventType.StreamEnd:
                    return docs;
                case HelmSharp.Yaml.Reader.YamlEventType.StreamStart:
                    continue;
                case HelmSharp.Yaml.Reader.YamlEventType.DocumentStart:
                    root = null;
                    anchors = null;
                    continue;
                case HelmSharp.Yaml.Reader.YamlEventType.DocumentEnd:
                    docs.Add(root);
                    continue;
                case HelmSharp.Yaml.Reader.YamlEventType.SequenceEnd:
                case HelmSharp.Yaml.Reader.YamlEventType.MappingEnd:
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                case HelmSharp.Yaml.Reader.YamlEventType.Alias:
                    if (anchors == null || !anchors.TryGetValue(ev.Anchor!, out var target))
                        throw new V3YamlException("yaml: line " + (ev.Start.Line + 1).ToString(CultureInfo.InvariantCulture) + ": unknown anchor '" + ev.Anchor + "' referenced");
                    node = new V3Node { Kind = V3NodeKind.Alias, Alias = target, Value = ev.Anchor!, Line = ev.Start.Line };
                    break;
                case HelmSharp.Yaml.Reader.YamlEventType.Scalar:
                    node = new V3Node { Kind = V3NodeKind.Scalar, Value = ev.Value ?? "", Tag = ev.Tag ?? "", Implicit = ev.Implicit, Line = ev.Start.Line };
                    break;
                case HelmSharp.Yaml.Reader.YamlEventType.SequenceStart:
                    node = new V3Node { Kind = V3NodeKind.Sequence, Tag = ev.Tag ?? "", Children = [], Line = ev.Start.Line };
                    break;
                case HelmSharp.Yaml.Reader.YamlEventType.MappingStart:
                    node = new V3Node { Kind = V3NodeKind.Mapping, Tag = ev.Tag ?? "", Children = [], Line = ev.Start.Line };
                    break;
            }
            if (node == null) continue;
            if (ev.Anchor != null && node.Kind != V3NodeKind.Alias)
            {
                node.Anchor = ev.Anchor;
                (anchors ??= new Dictionary<string, V3Node>(StringComparer.Ordinal))[ev.Anchor] = node;
            }
            if (stack.Count > 0) stack[^1].Children!.Add(node);
            else root = node;
            if (node.Children != null) stack.Add(node);
        }
        throw new V3YamlException("yaml: document too large");
    }

    /// <summary>Follows aliases to the node they stand for.</summary>
    public static V3Node Deref(V3Node n)
    {
        int hops = 0;
        while (n.Kind == V3NodeKind.Alias)
        {
            if (++hops > 10000) throw new V3YamlException("yaml: anchor '" + n.Value + "' value contains itself");
            n = n.Alias!;
        }
        return n;
    }

    /// <summary>go-yaml v3's 1-based line of a node (what its error messages print).</summary>
    public static int Line(V3Node n) => n.Line + 1;

    /// <summary>The short tag go-yaml v3 gives a node once resolved (<c>!!str</c>, <c>!!int</c>, <c>!!map</c> …).</summary>
    public static string ShortTag(V3Node n)
    {
        n = Deref(n);
        switch (n.Kind)
        {
            case V3NodeKind.Mapping: return n.Tag.Length > 0 && !IsNonSpecific(n.Tag) ? Short(n.Tag) : MapTag;
            case V3NodeKind.Sequence: return n.Tag.Length > 0 && !IsNonSpecific(n.Tag) ? Short(n.Tag) : SeqTag;
            default:
                if (n.Tag.Length > 0 && !IsNonSpecific(n.Tag)) return Short(n.Tag);
                if (!n.Implicit) return StrTag;
                return Resolve("", n.Value).Tag;
        }
    }

    private static bool IsNonSpecific(string tag) => tag == "!" || tag == "?";

    private static string Short(string tag) =>
        tag.StartsWith(YamlResolve.LongTagPrefix, StringComparison.Ordinal) ? "!!" + tag[YamlResolve.LongTagPrefix.Length..] : tag;

    /// <summary>
    /// go-yaml v3's <c>resolve</c>: the tag and value of scalar <paramref name="s"/> under (short) tag
    /// <paramref name="tag"/> ("" for a plain scalar). Throws for a value its explicit tag cannot hold.
    /// </summary>
    public static (string Tag, object? Value) Resolve(string tag, string s)
    {
        bool resolvable = tag.Length == 0 || tag is StrTag or BoolTag or IntTag or FloatTag or NullTag or TimestampTag;
        if (!resolvable) return (tag, s);
        var (rtag, value) = ResolvePlain(tag, s);
        if (tag.Length == 0 || tag == rtag) return (rtag, value);
        if (tag == StrTag) return (StrTag, s);
        if (tag == FloatTag && rtag == IntTag)
        {
            return (FloatTag, value switch { long l => (double)l, ulong u => (double)u, _ => value });
        }
        throw new V3YamlException("yaml: cannot decode " + rtag + " `" + s + "` as a " + tag);
    }

    private static (string, object?) ResolvePlain(string tag, string s)
    {
        char hint = s.Length == 0 ? 'N' : s[0] switch
        {
            '+' or '-' => 'S',
            >= '0' and <= '9' => 'D',
            'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~' => 'M',
            '.' => '.',
            _ => '\0',
        };
        if (hint == '\0' || tag == StrTag || tag == BinaryTag) return (StrTag, s);
        switch (s)
        {
            case "true": case "True": case "TRUE": return (BoolTag, true);
            case "false": case "False": case "FALSE": return (BoolTag, false);
            case "": case "~": case "null": case "Null": case "NULL": return (NullTag, null);
            case ".nan": case ".NaN": case ".NAN": return (FloatTag, double.NaN);
            case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF": return (FloatTag, double.PositiveInfinity);
            case "-.inf": case "-.Inf": case "-.INF": return (FloatTag, double.NegativeInfinity);
            case "<<": return (MergeTag, "<<");
        }
        switch (hint)
        {
            case '.':
                if (GoStrconv.TryParseFloat(s, 64, out var f)) return (FloatTag, f);
                break;
            case 'D':
            case 'S':
                if ((tag.Length == 0 || tag == TimestampTag) && YamlResolve.IsTimestamp(s)) return (TimestampTag, s);
                var plain = s.Replace("_", "", StringComparison.Ordinal);
                if (YamlResolve.TryDecimal(plain, out var number, out var isFloat)) return (isFloat ? FloatTag : IntTag, number);
                // yaml.v3 also reads the YAML 1.2 octal prefix 0o
                if (YamlResolve.TryPrefixedInt(plain, "0b", 2, out var prefixed) || YamlResolve.TryPrefixedInt(plain, "0o", 8, out prefixed))
                    return (IntTag, prefixed);
                break;
        }
        return (StrTag, s);
    }

    /// <summary>Decodes a scalar node into <c>interface{}</c> (timestamps stay strings, <c>!!binary</c> is decoded).</summary>
    public static object? ScalarValue(V3Node n)
    {
        string tag = n.Tag.Length > 0 && !IsNonSpecific(n.Tag) ? Short(n.Tag) : (n.Implicit ? "" : StrTag);
        if (tag == BinaryTag)
        {
            try { return GoUtf8.GetString(System.Convert.FromBase64String(n.Value)); }
            catch (FormatException) { throw new V3YamlException("yaml: !!binary value contains invalid base64 data"); }
        }
        var (rtag, value) = Resolve(tag, n.Value);
        if (rtag == TimestampTag) return n.Value;
        if (rtag == MergeTag) return "<<";
        return value;
    }

    /// <summary>Decodes a document into <c>interface{}</c>.</summary>
    public static object? Decode(V3Node? n)
    {
        if (n == null) return null;
        var d = new Decoder();
        var v = StackGuard.Run((d, n), static t => t.d.Value(t.n, 0));
        d.ThrowIfErrors();
        return v;
    }

    /// <summary>
    /// Decodes a document into a <c>map[string]interface{}</c> (a rendered manifest): an empty or null document gives an
    /// empty map, anything but a mapping a type error.
    /// </summary>
    public static Dictionary<string, object?> DecodeMap(V3Node? n)
    {
        var d = new Decoder();
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (n != null) StackGuard.Run((d, n, map), static t => t.d.IntoMap(t.n, t.map, 0));
        d.ThrowIfErrors();
        return map;
    }

    /// <summary>One decoding pass: type errors collected, alias expansion bounded as go-yaml v3 bounds it.</summary>
    internal sealed class Decoder
    {
        private const int MaxDepth = 10000;
        private const long MaxDecodeCount = 20_000_000;
        private long _decodeCount, _aliasCount;
        private readonly HashSet<V3Node> _activeAliases = new(ReferenceEqualityComparer.Instance);
        public List<string> Errors { get; } = [];

        public void ThrowIfErrors()
        {
            if (Errors.Count > 0) throw new V3YamlException("yaml: unmarshal errors:\n  " + string.Join("\n  ", Errors));
        }

        /// <summary>go-yaml v3's <c>terror</c>: <c>line N: cannot unmarshal !!tag `value` into TYPE</c>.</summary>
        public void TypeError(V3Node n, string into)
        {
            var r = Deref(n);
            var tag = ShortTag(r);
            string value = "";
            if (tag != SeqTag && tag != MapTag)
            {
                var s = r.Value;
                value = Encoding.UTF8.GetByteCount(s) > 10 ? " `" + Utf8Prefix(s, 7) + "...`" : " `" + s + "`";
            }
            Errors.Add("line " + Line(r).ToString(CultureInfo.InvariantCulture) + ": cannot unmarshal " + tag + value + " into " + into);
        }

        private static string Utf8Prefix(string s, int bytes)
        {
            var b = Encoding.UTF8.GetBytes(s);
            return GoUtf8.GetString(b.AsSpan(0, Math.Min(bytes, b.Length)).ToArray());
        }

        private void Count(V3Node n, bool alias)
        {
            _decodeCount++;
            if (alias) _aliasCount++;
            if (_decodeCount > MaxDecodeCount) throw new V3YamlException("yaml: document contains excessive aliasing");
            if (_aliasCount > 100 && _decodeCount > 1000 && (double)_aliasCount / _decodeCount > AllowedAliasRatio(_decodeCount))
                throw new V3YamlException("yaml: document contains excessive aliasing");
        }

        private static double AllowedAliasRatio(long decodeCount) => decodeCount switch
        {
            <= 400_000 => 0.99,
            >= 4_000_000 => 0.10,
            _ => 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000.0),
        };

        /// <summary>Runs <paramref name="f"/> on an alias's target, failing for an alias inside itself.</summary>
        public T ThroughAlias<T>(V3Node alias, Func<V3Node, T> f)
        {
            if (!_activeAliases.Add(alias.Alias!)) throw new V3YamlException("yaml: anchor '" + alias.Value + "' value contains itself");
            try { return f(alias.Alias!); }
            finally { _activeAliases.Remove(alias.Alias!); }
        }

        private static void CheckDepth(int depth)
        {
            if (depth > MaxDepth || !StackGuard.Check()) throw new V3YamlException("yaml: exceeded max depth of " + MaxDepth.ToString(CultureInfo.InvariantCulture));
        }

        public object? Value(V3Node n, int depth)
        {
            CheckDepth(depth);
            Count(n, n.Kind == V3NodeKind.Alias);
            switch (n.Kind)
            {
                case V3NodeKind.Alias: return ThroughAlias(n, t => Value(t, depth + 1));
                case V3NodeKind.Scalar: return ScalarValue(n);
                case V3NodeKind.Sequence:
                    {
                        var list = new List<object?>(n.Children!.Count);
                        foreach (var c in n.Children!) list.Add(Value(c, depth + 1));
                        return list;
                    }
                default:
                    {
                        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                        IntoMap(n, map, depth);
                        return map;
                    }
            }
        }

        /// <summary>Decodes a mapping's pairs into <paramref name="map"/> (merge keys applied, duplicates reported).</summary>
        public void IntoMap(V3Node n, Dictionary<string, object?> map, int depth)
        {
            CheckDepth(depth);
            if (n.Kind == V3NodeKind.Alias) { Count(n, true); ThroughAlias(n, t => { IntoMap(t, map, depth + 1); return 0; }); return; }
            if (n.Kind == V3NodeKind.Scalar)
            {
                if (ScalarValue(n) == null) return;
                TypeError(n, "map[string]interface {}");
                return;
            }
            if (n.Kind == V3NodeKind.Sequence) { TypeError(n, "map[string]interface {}"); return; }
            var pairs = n.Children!;
            CheckDuplicates(n);
            for (int i = 0; i + 1 < pairs.Count; i += 2)
            {
                var k = pairs[i];
                if (IsMerge(k)) { Merge(pairs[i + 1], map, depth); continue; }
                Count(k, false);
                var key = KeyString(k);
                if (key == null) continue;
                map[key] = Value(pairs[i + 1], depth + 1);
            }
        }

        /// <summary>go-yaml v3 decodes a key into a string as the scalar's text (null gives "").</summary>
        public string? KeyString(V3Node k)
        {
            var r = Deref(k);
            if (r.Kind != V3NodeKind.Scalar) { TypeError(r, "string"); return null; }
            if (r.Implicit && r.Tag.Length == 0 && Resolve("", r.Value).Tag == NullTag) return "";
            return r.Value;
        }

        public static bool IsMerge(V3Node k)
        {
            var r = k.Kind == V3NodeKind.Alias ? k : k;
            return r.Kind == V3NodeKind.Scalar && r.Value == "<<" && (r.Implicit && r.Tag.Length == 0 || Short(r.Tag) == MergeTag);
        }

        private void Merge(V3Node v, Dictionary<string, object?> map, int depth)
        {
            const string wantMap = "yaml: map merge requires map or sequence of maps as the value";
            var r = Deref(v);
            switch (r.Kind)
            {
                case V3NodeKind.Mapping:
                    IntoMap(v, map, depth + 1);
                    return;
                case V3NodeKind.Sequence:
                    // later maps in the list lose to earlier ones: apply them first
                    for (int i = r.Children!.Count - 1; i >= 0; i--)
                    {
                        var item = r.Children[i];
                        if (Deref(item).Kind != V3NodeKind.Mapping) throw new V3YamlException(wantMap);
                        IntoMap(item, map, depth + 1);
                    }
                    return;
                default:
                    throw new V3YamlException(wantMap);
            }
        }

        /// <summary>go-yaml v3's unique-keys check: <c>line N: mapping key "k" already defined at line M</c>.</summary>
        public void CheckDuplicates(V3Node n)
        {
            var pairs = n.Children!;
            if (pairs.Count <= 2) return;
            var seen = new Dictionary<(V3NodeKind, string), V3Node>();
            for (int i = 0; i + 1 < pairs.Count; i += 2)
            {
                var k = pairs[i];
                var key = (k.Kind, k.Value);
                if (k.Kind == V3NodeKind.Scalar && IsMerge(k)) continue;
                if (seen.TryGetValue(key, out var first))
                {
                    Errors.Add("line " + Line(k).ToString(CultureInfo.InvariantCulture) + ": mapping key " + GoStrconv.Quote(k.Value) +
                               " already defined at line " + Line(first).ToString(CultureInfo.InvariantCulture));
                }
                else seen[key] = k;
            }
        }
    }
}

/// <summary>The kinds of YAML node.</summary>
internal enum V3NodeKind { Scalar, Mapping, Sequence, Alias }

/// <summary>A YAML node: a scalar's text, tag and style, a collection's children (a mapping's alternate key and value), an alias's target, the 0-based line.</summary>
internal sealed class V3Node
{
    public V3NodeKind Kind;
    public string Value = "";
    public string Tag = "";
    /// <summary>A plain scalar without a specific tag (resolved implicitly).</summary>
    public bool Implicit;
    public string? Anchor;
    public List<V3Node>? Children;
    public V3Node? Alias;
    public int Line;
}

/// <summary>A go-yaml v3 error (the message is go-yaml's text).</summary>
internal sealed class V3YamlException(string message) : Exception(message);
