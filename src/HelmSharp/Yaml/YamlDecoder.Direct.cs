namespace HelmSharp.Yaml;

/// <summary>
/// The common case of <see cref="ParseFirst"/> + <see cref="DecodeDocument"/> in one pass: the values built straight from
/// the parser's events, without the node tree. It only takes documents whose decoding cannot depend on the tree —
/// no anchors, aliases or merge keys, keys that are scalars go-yaml stringifies plainly (strings, bools, ints, floats),
/// no value that defers an error (NaN/Inf), nesting of at most <see cref="DirectMaxDepth"/> — and gives up on anything
/// else, and on every error, so that the node path (the reference) decodes those documents and reports their errors in
/// its order. What it builds is what the node path builds: the same types, the same dictionaries in the same
/// insertion order, later duplicate keys winning.
/// </summary>
internal static partial class YamlDecoder
{
    /// <summary>Deeper documents take the node path (which runs deep ones on a large stack and checks the JSON depth).</summary>
    internal const int DirectMaxDepth = 400;

    /// <summary>Which parts of a document the caller reads: all of it, or only what a manifest head holds.</summary>
    internal enum DirectFilter : byte
    {
        /// <summary>Every value.</summary>
        All,
        /// <summary>
        /// <see cref="GoYaml.DecodeManifestHead"/>: the top-level keys apiVersion, kind and metadata (matched as it
        /// matches them), and under metadata only name and annotations, are built; the other values are still read and
        /// checked (scalars resolved, keys stringified) so that a document fails exactly when the full decode fails, but
        /// not kept.
        /// </summary>
        ManifestHead,
    }

    private struct DirectFrame
    {
        public int ItemsStart;                   // where its items (a sequence) or key/value pairs (a kept mapping) start on the item stack
        public bool IsMap;
        public bool Keep;                        // a mapping whose pairs are kept (not skipped)
        public bool Skip;                        // read and checked, not kept
        public bool HasKey;                      // a mapping: the key of the next value was read
        public string? Key;                      // ... and it is this (null: the value is not kept)
        public byte Role;                        // ManifestHead: 1 = the top mapping, 2 = metadata
        public byte ValueRole;                   // ManifestHead: the role of the value that follows the key
    }

    /// <summary>
    /// Decodes the first document of <paramref name="text"/> as <see cref="ParseFirst"/> then
    /// <see cref="DecodeDocument"/> would; false when the document is one the node path must decode (see the type's
    /// remarks), including every document that fails.
    /// </summary>
    internal static bool TryDecodeDirect(string text, bool raw, DirectFilter filter, out object? result)
    {
        result = null;
        // manifest heads: most values are dropped, so the scanner makes them lazily (see Reader.YamlLazyValue)
        var parser = new Reader.YamlParser(text, lazyValues: filter == DirectFilter.ManifestHead);
        var work = DirectWork.Rent();
        try
        {
            return Direct(parser, raw, filter, work, out result);
        }
        catch (Reader.YamlReaderException)
        {
            return false;
        }
        catch (GoYamlException)
        {
            return false;
        }
        finally
        {
            work.Return();
            parser.Release();
        }
    }

    /// <summary>
    /// <see cref="Direct"/>'s stacks, kept per thread between documents: a render decodes the head of every manifest it
    /// prints, and three fresh arrays per document were a quarter of that phase's time (allocating and clearing memory).
    /// </summary>
    private sealed class DirectWork
    {
        private const int KeepLength = 1024;

        public DirectFrame[] Frames = new DirectFrame[16];
        public object?[] Items = new object?[64];
        public string?[] Keys = new string?[64]; // a kept mapping's keys, beside its values on the item stack

        public static DirectWork Rent() => HelmSharp.Go.ThreadSpare<DirectWork>.Take() ?? new DirectWork();

        public void Return()
        {
            if (Frames.Length > KeepLength || Items.Length > KeepLength) return;
            Array.Clear(Frames); // nothing the document held stays reachable
            Array.Clear(Items);
            Array.Clear(Keys);
            HelmSharp.Go.ThreadSpare<DirectWork>.Give(this);
        }
    }

    private static bool Direct(Reader.YamlParser parser, bool raw, DirectFilter filter, DirectWork work, out object? result)
    {
        result = null;
        if (parser.Parse().Type != Reader.YamlEventType.StreamStart) return false;
        var ev = parser.Parse();
        if (ev.Type != Reader.YamlEventType.DocumentStart) return ev.Type == Reader.YamlEventType.StreamEnd; // no document: null
        var frames = work.Frames;
        int depth = 0;
        object?[] items = work.Items;
        string?[] keys = work.Keys;
        int itemCount = 0;
        bool head = filter == DirectFilter.ManifestHead;
        while (true)
        {
            if (head)
            {
                // what the scanner reads next is most likely not kept: let it drop quoted, block and folded scalars
                // (it may run ahead into a kept part; such a value comes Dropped and the document takes the node path)
                parser.DropValues = depth > 0 &&
                    (frames[depth - 1].Skip || frames[depth - 1].IsMap && frames[depth - 1].HasKey && frames[depth - 1].Key == null);
            }
            ev = parser.Parse();
            object? value;
            switch (ev.Type)
            {
                case Reader.YamlEventType.Scalar:
                {
                    if (ev.Anchor != null) return false;
                    string tag = ev.Tag ?? "";
                    bool isKey = depth > 0 && frames[depth - 1].IsMap && !frames[depth - 1].HasKey;
                    string s;
                    if (ev.Lazy == Reader.YamlLazyValue.None)
                    {
                        s = ev.Value ?? "";
                    }
                    else
                    {
                        // a value not made: a scalar that is not kept and can only be a plain string needs no text
                        bool kept = depth == 0 ||
                            !frames[depth - 1].Skip && (isKey || !frames[depth - 1].IsMap || frames[depth - 1].Key != null);
                        if (!kept && tag.Length == 0 && IsPlainString(parser, ev))
                        {
                            if (isKey)
                            {
                                ref var fk = ref frames[depth - 1];
                                fk.HasKey = true;
                                fk.ValueRole = 0;
                                fk.Key = null;
                                continue;
                            }
                            value = null;
                            break;
                        }
                        if (parser.ScalarText(ev) is not { } made) return false; // dropped, yet needed
                        s = made;
                    }
                    if (isKey)
                    {
                        // a key
                        ref var f = ref frames[depth - 1];
                        if (s == "<<" && (ev.Implicit || tag == YamlResolve.MergeTag)) return false;
                        // null keys, uint64 keys: errors the node path reports
                        if (PlainKeyText(RawScalar(tag, s, ev.Implicit)) is not { } key) return false;
                        f.HasKey = true;
                        f.ValueRole = 0;
                        if (f.Skip) { f.Key = null; continue; }
                        f.Key = key;
                        if (head)
                        {
                            if (f.Role == 1)
                            {
                                if (key.Equals("metadata", StringComparison.OrdinalIgnoreCase)) f.ValueRole = 2;
                                else if (!key.Equals("apiVersion", StringComparison.OrdinalIgnoreCase) &&
                                         !key.Equals("kind", StringComparison.OrdinalIgnoreCase)) f.Key = null;
                            }
                            else if (f.Role == 2)
                            {
                                if (!key.Equals("name", StringComparison.OrdinalIgnoreCase) &&
                                    !key.Equals("annotations", StringComparison.OrdinalIgnoreCase)) f.Key = null;
                            }
                        }
                        continue;
                    }
                    value = ScalarValue(tag, s, ev.Implicit, raw, out bool deferred);
                    if (deferred) return false; // NaN/Inf: an error after the decode
                    break;
                }
                case Reader.YamlEventType.SequenceStart:
                case Reader.YamlEventType.MappingStart:
                {
                    if (ev.Anchor != null) return false;
                    bool skip = false;
                    byte role = 0;
                    if (depth > 0)
                    {
                        ref var parent = ref frames[depth - 1];
                        if (parent.IsMap && !parent.HasKey) return false; // a collection as a key: an error of the node path
                        skip = parent.Skip || (parent.IsMap && parent.Key == null);
                        role = parent.IsMap ? parent.ValueRole : (byte)0;
                    }
                    else if (head)
                    {
                        role = 1;
                    }
                    if (depth == DirectMaxDepth) return false;
                    if (depth == frames.Length) work.Frames = frames = Grown(frames);
                    bool isMap = ev.Type == Reader.YamlEventType.MappingStart;
                    frames[depth++] = new DirectFrame
                    {
                        IsMap = isMap,
                        Skip = skip,
                        Role = isMap ? role : (byte)0,
                        Keep = isMap && !skip,
                        ItemsStart = itemCount,
                    };
                    continue;
                }
                case Reader.YamlEventType.SequenceEnd:
                case Reader.YamlEventType.MappingEnd:
                {
                    ref var f = ref frames[--depth];
                    if (f.IsMap)
                    {
                        if (f.Keep)
                        {
                            // the pairs in document order, into a dictionary of their number: later duplicates
                            // overwrite the value and keep the first key's place, as adding them one by one does
                            int n = itemCount - f.ItemsStart;
                            var map = new Dictionary<string, object?>(n, StringComparer.Ordinal);
                            for (int i = f.ItemsStart; i < itemCount; i++) map[keys[i]!] = items[i];
                            Array.Clear(items, f.ItemsStart, n);
                            Array.Clear(keys, f.ItemsStart, n);
                            itemCount = f.ItemsStart;
                            value = map;
                        }
                        else
                        {
                            value = null;
                        }
                    }
                    else if (f.Skip)
                    {
                        value = null;
                    }
                    else
                    {
                        int n = itemCount - f.ItemsStart;
                        var arr = new object?[n];
                        if (n > 0)
                        {
                            Array.Copy(items, f.ItemsStart, arr, 0, n);
                            Array.Clear(items, f.ItemsStart, n);
                        }
                        itemCount = f.ItemsStart;
                        value = arr;
                    }
                    f = default;
                    break;
                }
                default:
                    return false; // aliases (and events the node path reports as errors)
            }
            // a complete value: it goes into its parent, or it is the document
            if (depth == 0)
            {
                result = value;
                return parser.Parse().Type == Reader.YamlEventType.DocumentEnd;
            }
            ref var p = ref frames[depth - 1];
            if (p.IsMap)
            {
                if (p.Key != null && p.Keep)
                {
                    if (itemCount == items.Length) (items, keys) = GrowItems(work);
                    keys[itemCount] = p.Key;
                    items[itemCount++] = value;
                }
                p.HasKey = false;
                p.Key = null;
            }
            else if (!p.Skip)
            {
                if (itemCount == items.Length) (items, keys) = GrowItems(work);
                items[itemCount++] = value;
            }
        }
    }

    /// <summary>
    /// A lazily read scalar without a tag whose value go-yaml resolves to the string itself, whatever its text: a quoted
    /// or block scalar (not implicit); a dropped plain one, which is one that spans lines, so its value holds a folded
    /// space or line break, which no null, bool, number or merge key holds (a timestamp may, but its value is the
    /// string); or a plain one whose first character is none that starts a null, bool, number, float, timestamp or
    /// merge key (<see cref="YamlResolve.ResolvePlain"/>'s hint). No error can come of these.
    /// </summary>
    private static bool IsPlainString(Reader.YamlParser parser, in Reader.YamlEvent ev)
    {
        if (!ev.Implicit) return ev.Style != Reader.YamlScalarStyle.Plain;
        if (ev.Lazy == Reader.YamlLazyValue.Dropped) return true;
        char c = parser.SliceFirst(ev);
        return c is not ('\0' or '<') && !YamlResolve.MayResolve(c);
    }

    private static DirectFrame[] Grown(DirectFrame[] frames)
    {
        Array.Resize(ref frames, frames.Length * 2);
        return frames;
    }

    private static (object?[] Items, string?[] Keys) GrowItems(DirectWork work)
    {
        Array.Resize(ref work.Items, work.Items.Length * 2);
        Array.Resize(ref work.Keys, work.Items.Length);
        return (work.Items, work.Keys);
    }

    /// <summary><see cref="RawScalar(YamlNode)"/> of a scalar event.</summary>
    private static object? RawScalar(string tag, string value, bool isImplicit)
    {
        if (tag.Length == 0 && !isImplicit) return value;
        var r = YamlResolve.Resolve(tag, value, out var v);
        if (tag == YamlResolve.BinaryTag)
        {
            try
            {
                return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value));
            }
            catch (FormatException)
            {
                throw new GoYamlException("yaml: !!binary value contains invalid base64 data");
            }
        }
        if (r == YamlResolved.Timestamp) return value;
        return v;
    }

    /// <summary><see cref="DecodeScalar"/> of a scalar event; <paramref name="deferred"/> when it would defer an error.</summary>
    private static object? ScalarValue(string tag, string s, bool isImplicit, bool raw, out bool deferred)
    {
        deferred = false;
        var v = RawScalar(tag, s, isImplicit);
        switch (v)
        {
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d)) deferred = true;
                return v;
            case long l: return raw ? v : HelmSharp.Go.GoBoxes.Float64(l);
            case ulong u: return raw ? v : (double)u;
            default: return v;
        }
    }
}
