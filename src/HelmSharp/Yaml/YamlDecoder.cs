using System.Globalization;
using System.Numerics;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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
    public int Line; // 0-based
}

/// <summary>
/// Builds go-yaml v2 node trees from YamlDotNet parser events and decodes them into the Go value
/// model the way <c>sigs.k8s.io/yaml.Unmarshal</c> into <c>interface{}</c> does (go-yaml v2, then
/// a JSON round trip).
/// </summary>
internal static class YamlDecoder
{
    internal const int MaxDepth = 10000;

    /// <summary>Parses documents; each entry is the document's root node (null for an empty document).</summary>
    internal static List<YamlNode?> Parse(string text, bool firstOnly, out int maxDepth)
    {
        CheckCharacters(text);
        var docs = new List<YamlNode?>();
        maxDepth = 0;
        var parser = new Parser(new StringReader(text));
        var stack = new List<YamlNode>();
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        YamlNode? root = null;
        bool inDoc = false;
        List<int>? lineStarts = null;
        var tabs = new LeadingTabChecker(text);
        int lastLine0 = 0;
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                lastLine0 = (int)ev.Start.Line - 1;
                tabs.Before(ev);
                switch (ev)
                {
                    case DocumentStart:
                        inDoc = true; root = null; anchors.Clear();
                        continue;
                    case DocumentEnd:
                        docs.Add(root);
                        inDoc = false;
                        if (firstOnly)
                        {
                            // go-yaml's scanner looks one token past the document end
                            try { parser.MoveNext(); }
                            catch (YamlException e2) when (e2.Message.Contains("<document start>", StringComparison.Ordinal))
                            {
                                int idx = (int)e2.Start.Index;
                                if (idx >= 0 && idx < text.Length && text[idx] == ':')
                                    throw new GoYamlException("yaml: " + ScannerLine((int)e2.Start.Line - 1) + "mapping values are not allowed in this context");
                                throw new GoYamlException("yaml: " + ParserLine((int)e2.Start.Line - 1) + "did not find expected <document start>");
                            }
                            catch (YamlException) { }
                            tabs.UpTo(lastLine0);
                            return docs;
                        }
                        continue;
                    case StreamStart:
                    case StreamEnd:
                        continue;
                    case SequenceEnd:
                    case MappingEnd:
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                }
                YamlNode node;
                switch (ev)
                {
                    case Scalar sc:
                        if (sc.Style is ScalarStyle.Literal or ScalarStyle.Folded) CheckBlockScalarTabs(text, sc, ref lineStarts);
                        node = new YamlNode
                        {
                            Kind = YamlNodeKind.Scalar,
                            Value = sc.Value,
                            Tag = sc.Tag.IsEmpty ? "" : sc.Tag.Value,
                            Implicit = sc.Style == ScalarStyle.Plain && (sc.Tag.IsEmpty || sc.Tag.IsNonSpecific) || (!sc.Tag.IsEmpty && sc.Tag.Value == "!"),
                            Line = (int)sc.Start.Line - 1,
                        };
                        if (!sc.Anchor.IsEmpty) { node.Anchor = sc.Anchor.Value; anchors[node.Anchor] = node; }
                        break;
                    case AnchorAlias al:
                        if (!anchors.TryGetValue(al.Value.Value, out var target))
                            throw new GoYamlException("yaml: unknown anchor '" + al.Value.Value + "' referenced");
                        node = new YamlNode { Kind = YamlNodeKind.Alias, Alias = target, Value = al.Value.Value, Line = (int)al.Start.Line - 1 };
                        break;
                    case SequenceStart ss:
                        node = new YamlNode { Kind = YamlNodeKind.Sequence, Children = new List<YamlNode>(), Tag = ss.Tag.IsEmpty ? "" : ss.Tag.Value, Line = (int)ss.Start.Line - 1 };
                        if (!ss.Anchor.IsEmpty) { node.Anchor = ss.Anchor.Value; anchors[node.Anchor] = node; }
                        break;
                    case MappingStart ms:
                        node = new YamlNode { Kind = YamlNodeKind.Mapping, Children = new List<YamlNode>(), Tag = ms.Tag.IsEmpty ? "" : ms.Tag.Value, Line = (int)ms.Start.Line - 1 };
                        if (!ms.Anchor.IsEmpty) { node.Anchor = ms.Anchor.Value; anchors[node.Anchor] = node; }
                        break;
                    default:
                        continue;
                }
                if (stack.Count == 0) root = node;
                else stack[^1].Children!.Add(node);
                if (node.Kind is YamlNodeKind.Mapping or YamlNodeKind.Sequence)
                {
                    stack.Add(node);
                    if (stack.Count > maxDepth) maxDepth = stack.Count;
                    if (stack.Count > MaxDepth)
                        throw new GoYamlException("yaml: " + ScannerLine(node.Line) + "exceeded max depth of " + MaxDepth.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
        catch (YamlException e) when ((e.Message.Contains("found extra spaces in first line", StringComparison.Ordinal)
                                       || e.Message.Contains("found more spaces in lines above first content line", StringComparison.Ordinal))
                                      && WithoutLeadingBlockSpaces(text, (int)e.Start.Line - 1) is { } patched)
        {
            return Parse(patched, firstOnly, out maxDepth);
        }
        catch (YamlException e)
        {
            // a tab YamlDotNet complains about is reported where libyaml sees it
            tabs.UpTo(e.Message.Contains("tab", StringComparison.Ordinal) ? int.MaxValue : (int)e.Start.Line);
            // YamlDotNet insists on a document end where go-yaml (reading only the first document) stops
            if (firstOnly && e.Message.Contains("<document end>", StringComparison.Ordinal) && root != null && stack.Count == 0)
            {
                docs.Add(root);
                return docs;
            }
            throw new GoYamlException("yaml: " + MapError(e, text));
        }
        catch (GoYamlException)
        {
            throw;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can fail this way on an unterminated flow collection (`a: [1, 2` / `b: }`);
            // libyaml reports the open collection's line (helm v4.1.4: line 1: did not find expected ',' or ']').
            // go-yaml prints the 0-based line of the problem token: here, the line after the last parsed event.
            var open = stack.Count > 0 ? stack[^1] : null;
            int problemLine0 = parser.Current != null ? (int)parser.Current.End.Line : 0;
            throw new GoYamlException("yaml: " + ParserLine(problemLine0) +
                (open?.Kind == YamlNodeKind.Sequence ? "did not find expected ',' or ']'" : "did not find expected node content"));
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or FormatException)
        {
            throw new GoYamlException("yaml: " + ParserLine(lastLine0) + "did not find expected node content");
        }
        tabs.UpTo(int.MaxValue);
        if (inDoc) docs.Add(root);
        return docs;
    }

    /// <summary>
    /// libyaml rejects a tab where block scalar indentation is expected ("found a tab character where
    /// an indentation space is expected"); YamlDotNet accepts it. Re-checks the scalar's lines.
    /// </summary>
    private static void CheckBlockScalarTabs(string text, Scalar sc, ref List<int>? lineStarts)
    {
        if (lineStarts == null)
        {
            // line numbering as libyaml counts it: LF, CR, CRLF, NEL, LS and PS are all line breaks
            lineStarts = new List<int> { 0 };
            for (int i = 0; i < text.Length; i++)
            {
                char ch = text[i];
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { i++; lineStarts.Add(i + 1); }
                else if (ch is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') lineStarts.Add(i + 1);
            }
        }
        int headerLine = (int)sc.Start.Line - 1;
        if (headerLine < 0 || headerLine >= lineStarts.Count) return;
        // an explicit indentation indicator fixes the indent; only auto-detected indents are checked
        int hs = lineStarts[headerLine] + (int)sc.Start.Column - 1;
        for (int i = hs; i < text.Length && text[i] != '\n' && text[i] != '#'; i++)
            if (char.IsAsciiDigit(text[i])) return;
        int indent = 0;
        for (int li = headerLine + 1; li < lineStarts.Count; li++)
        {
            int p = lineStarts[li], col = 0;
            while (p < text.Length && text[p] == ' ' && (indent == 0 || col < indent)) { p++; col++; }
            if (p < text.Length && text[p] == '\t' && (indent == 0 || col < indent))
                throw new GoYamlException("yaml: line " + (li + 1).ToString(CultureInfo.InvariantCulture) + ": found a tab character where an indentation space is expected");
            bool empty = p >= text.Length || text[p] is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';
            if (empty) continue;
            if (indent == 0) { indent = col; if (indent == 0) return; continue; }
            if (col < indent) return; // a less indented line ends the scalar
        }
    }

    /// <summary>
    /// YamlDotNet rejects a block scalar whose leading blank lines hold more spaces than its first non-empty line (the
    /// YAML spec's rule); libyaml takes those spaces only as a hint for the indentation and ends the scalar at that line,
    /// which is what <c>k: |</c>, a line of spaces, <c>k2: x</c> renders to in helm. When the line YamlDotNet stopped at
    /// (0-based <paramref name="line0"/>) is indented no deeper than the scalar's indicator line — so it ends the
    /// scalar for either reader — the text with those blank lines emptied reads the same in both; otherwise null.
    /// </summary>
    private static string? WithoutLeadingBlockSpaces(string text, int line0)
    {
        var lines = text.Split('\n');
        if (line0 <= 0 || line0 >= lines.Length) return null;
        static int Indent(string l) => l.Length - l.TrimStart(' ').Length;
        static bool Blank(string l) => l.TrimEnd('\r').Trim(' ').Length == 0;
        int i = line0 - 1;
        bool spaces = false;
        for (; i >= 0 && Blank(lines[i]); i--) spaces |= lines[i].Contains(' ');
        if (i < 0 || !spaces) return null;
        var indicator = lines[i].TrimEnd('\r');
        int hash = indicator.IndexOf(" #", StringComparison.Ordinal);
        if (hash >= 0) indicator = indicator[..hash];
        indicator = indicator.TrimEnd(' ');
        int j = indicator.Length;
        while (j > 0 && (char.IsAsciiDigit(indicator[j - 1]) || indicator[j - 1] is '+' or '-')) j--;
        if (j == 0 || indicator[j - 1] is not ('|' or '>') || (j > 1 && indicator[j - 2] != ' ')) return null;
        if (Indent(lines[line0]) > Indent(lines[i])) return null;
        for (int k = i + 1; k < line0; k++) lines[k] = lines[k].EndsWith('\r') ? "\r" : "";
        return string.Join('\n', lines);
    }

    private static string ScannerLine(int line0) => line0 != 0 ? "line " + (line0 + 1).ToString(CultureInfo.InvariantCulture) + ": " : "";
    private static string ParserLine(int line0) => line0 != 0 ? "line " + line0.ToString(CultureInfo.InvariantCulture) + ": " : "";

    /// <summary>go-yaml's reader rejects control characters (outside tab, LF, CR, NEL) and non-characters.</summary>
    private static void CheckCharacters(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= 0x20 && c <= 0x7E) continue;
            if (c == 0x09 || c == 0x0A || c == 0x0D || c == 0x85) continue;
            if (c >= 0xA0 && c <= 0xD7FF) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (c >= 0xE000 && c <= 0xFFFD) continue;
            if (c == 0xFEFF) continue; // BOM (stripped by the reader at the start)
            if (HelmSharp.Go.GoUtf8.IsEscapedByte(c)) throw new GoYamlException("yaml: " + InvalidUtf8(text, i));
            throw new GoYamlException("yaml: control characters are not allowed");
        }
    }

    /// <summary>
    /// What libyaml's reader reports for the bytes at <paramref name="i"/>, the first byte that is not part of valid
    /// UTF-8 (carried as an escaped byte, see <see cref="HelmSharp.Go.GoUtf8"/>): it decodes a sequence whose length
    /// the first byte gives and checks the bytes that follow, the value and the input's end.
    /// </summary>
    private static string InvalidUtf8(string text, int i)
    {
        int lead = text[i] - 0xDC00;
        int width = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
        if (width == 0) return "invalid leading UTF-8 octet";
        if (HelmSharp.Go.GoUtf8.GetByteCount(text.AsSpan(i)) < width) return "incomplete UTF-8 octet sequence";
        var head = text.AsSpan(i, Math.Min(width, text.Length - i)); // at most `width` bytes come from as many characters
        if (head.Length < text.Length - i && char.IsHighSurrogate(head[^1])) head = text.AsSpan(i, head.Length + 1);
        var bytes = HelmSharp.Go.GoUtf8.GetBytes(head.ToString());
        int value = lead & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07);
        for (int k = 1; k < width; k++)
        {
            if ((bytes[k] & 0xC0) != 0x80) return "invalid trailing UTF-8 octet";
            value = (value << 6) | (bytes[k] & 0x3F);
        }
        if (width == 2 && value < 0x80 || width == 3 && value < 0x800 || width == 4 && value < 0x10000) return "invalid length of a UTF-8 sequence";
        return "invalid Unicode character";
    }

    private static string MapError(YamlException e, string text)
    {
        string m = e.Message;
        int sl0 = (int)e.Start.Line - 1;
        if (m.Contains("found invalid mapping", StringComparison.Ordinal))
            return ScannerLine(sl0) + "mapping values are not allowed in this context";
        if (m.Contains("did not find expected key", StringComparison.Ordinal) || m.Contains("did not find expected '-' indicator", StringComparison.Ordinal))
        {
            if (LooksLikeKeyWithoutColon(text, e.Start, out var line1))
                return "line " + line1.ToString(CultureInfo.InvariantCulture) + ": could not find expected ':'";
            return ParserLine(sl0) + (m.Contains("'-'", StringComparison.Ordinal) ? "did not find expected '-' indicator" : "did not find expected key");
        }
        if (m.Contains("invalid tab as indentation", StringComparison.Ordinal))
            return "line " + ((int)e.Start.Line + 1).ToString(CultureInfo.InvariantCulture) + ": found character that cannot start any token";
        if (m.Contains("found unexpected end of stream", StringComparison.Ordinal))
            return ScannerLine((int)e.End.Line - 1) + "found unexpected end of stream";
        if (m.StartsWith("While scanning", StringComparison.Ordinal) || m.Contains("are not allowed in this context", StringComparison.Ordinal) ||
            m.Contains("found a tab character", StringComparison.Ordinal))
            return ScannerLine(sl0) + Strip(m);
        return ParserLine(sl0) + Strip(m);
    }

    private static string Strip(string m)
    {
        int comma = m.IndexOf(", ", StringComparison.Ordinal);
        if (m.StartsWith("While ", StringComparison.Ordinal) && comma > 0) m = m.Substring(comma + 2);
        if (m.EndsWith('.')) m = m.Substring(0, m.Length - 1);
        if (m.Length > 0 && char.IsUpper(m[0]) && !(m.Length > 1 && char.IsUpper(m[1]))) m = char.ToLowerInvariant(m[0]) + m.Substring(1);
        return m;
    }

    /// <summary>
    /// libyaml reports a plain line that lacks its ':' as a stale required simple key on the next
    /// token's line ("could not find expected ':'"); YamlDotNet reports "did not find expected key"
    /// on the scalar itself. Detects that case and computes libyaml's line.
    /// </summary>
    private static bool LooksLikeKeyWithoutColon(string text, Mark start, out int line1)
    {
        line1 = 0;
        var lines = text.Split('\n');
        int li = (int)start.Line - 1;
        if (li < 0 || li >= lines.Length) return false;
        var line = lines[li].TrimEnd('\r');
        int col = (int)start.Column - 1;
        if (col < 0 || col >= line.Length) return false;
        char c = line[col];
        if (c is '"' or '\'' or '[' or ']' or '{' or '}' or ',' or '-' or '?' or ':' or '#' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`') return false;
        if (line.Substring(0, col).Trim().Length != 0) return false;
        // libyaml only requires a simple key when the scalar sits at the block collection's indentation
        int prevIndent = -1;
        for (int k = li - 1; k >= 0; k--)
        {
            var pl = lines[k].TrimEnd('\r');
            var t = pl.TrimStart(' ');
            if (t.Length == 0 || t[0] == '#') continue;
            int ind = pl.Length - t.Length;
            while (t.StartsWith("- ", StringComparison.Ordinal) && ind < col)
            {
                int n2 = 2;
                while (n2 < t.Length && t[n2] == ' ') n2++;
                ind += n2; t = t.Substring(n2);
            }
            if (ind <= col) { prevIndent = ind; break; }
        }
        if (prevIndent != col) return false;
        var rest = line.Substring(col);
        int hash = rest.IndexOf(" #", StringComparison.Ordinal);
        if (hash >= 0) rest = rest.Substring(0, hash);
        rest = rest.TrimEnd();
        if (rest.Contains(": ", StringComparison.Ordinal) || rest.EndsWith(':')) return false;
        for (int k = li + 1; k < lines.Length; k++)
        {
            if (lines[k].Trim().Length > 0) { line1 = k + 1; return true; }
        }
        int nl = 0;
        foreach (var ch in text) if (ch == '\n') nl++;
        line1 = nl + 1;
        return true;
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
            var key = DecodeKey(ch[i], st, out var keyOk);
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
    private static string? DecodeKey(YamlNode k, State st, out bool ok)
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
                st.DeferredError ??= "unsupported map key of type: uint64, key: 0x" + u.ToString("x", CultureInfo.InvariantCulture) + ", value: ";
                return u.ToString(CultureInfo.InvariantCulture);
            case BigInteger bi:
                st.DeferredError ??= "unsupported map key of type: *big.Int, key: " + bi.ToString(CultureInfo.InvariantCulture) + ", value: ";
                return bi.ToString(CultureInfo.InvariantCulture);
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
            case BigInteger b: return (double)b;
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

/// <summary>
/// libyaml refuses tabs in block-context indentation that YamlDotNet accepts: a line whose leading
/// blanks contain a tab fails with "found character that cannot start any token", or — right after a
/// plain scalar that could continue on that line, below its indentation — with "found a tab character
/// that violates indentation". Lines inside flow collections and scalars are exempt.
/// </summary>
internal sealed class LeadingTabChecker(string text)
{
    private readonly List<int> _lineStarts = BuildLineStarts(text);
    private int _nextLine; // first 0-based line not yet checked
    private int _flowDepth;
    private readonly List<int> _blockIndents = new();
    private bool _lastWasPlainBlockScalar;
    private int _lastScalarIndent;

    private static List<int> BuildLineStarts(string t)
    {
        var l = new List<int> { 0 };
        for (int i = 0; i < t.Length; i++)
        {
            char ch = t[i];
            if (ch == '\r' && i + 1 < t.Length && t[i + 1] == '\n') { i++; l.Add(i + 1); }
            else if (ch is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') l.Add(i + 1);
        }
        return l;
    }

    public void Before(ParsingEvent ev)
    {
        if (ev is StreamStart or StreamEnd or DocumentStart or DocumentEnd) return;
        int startLine = (int)ev.Start.Line - 1;
        if (ev is not (SequenceEnd or MappingEnd)) UpTo(startLine + 1);
        // lines covered by this event (multi-line scalars) are its own business
        int endLine = (int)ev.End.Line - 1;
        switch (ev)
        {
            case Scalar sc:
                _lastWasPlainBlockScalar = _flowDepth == 0 && sc.Style == YamlDotNet.Core.ScalarStyle.Plain && !sc.IsKey;
                _lastScalarIndent = _blockIndents.Count > 0 ? _blockIndents[^1] + 1 : 0;
                if (endLine > startLine) _nextLine = Math.Max(_nextLine, endLine + 1);
                break;
            case SequenceStart ss:
                if (ss.Style == YamlDotNet.Core.Events.SequenceStyle.Flow || _flowDepth > 0) _flowDepth++;
                else _blockIndents.Add((int)ss.Start.Column - 1);
                _lastWasPlainBlockScalar = false;
                break;
            case MappingStart ms:
                if (ms.Style == YamlDotNet.Core.Events.MappingStyle.Flow || _flowDepth > 0) _flowDepth++;
                else _blockIndents.Add((int)ms.Start.Column - 1);
                _lastWasPlainBlockScalar = false;
                break;
            case SequenceEnd:
            case MappingEnd:
                if (_flowDepth > 0) _flowDepth--;
                else if (_blockIndents.Count > 0) _blockIndents.RemoveAt(_blockIndents.Count - 1);
                _lastWasPlainBlockScalar = false;
                break;
            default:
                _lastWasPlainBlockScalar = false;
                break;
        }
        if (startLine + 1 > _nextLine) _nextLine = startLine + 1;
    }

    /// <summary>
    /// When the nearest preceding content line ends with a plain scalar value (which libyaml keeps
    /// scanning into the next lines), returns that scalar's minimum indentation (parent column + 1);
    /// otherwise -1.
    /// </summary>
    private int PlainValueIndentBefore(int line)
    {
        for (int k = line - 1; k >= 0; k--)
        {
            int st = _lineStarts[k], en = k + 1 < _lineStarts.Count ? _lineStarts[k + 1] : text.Length;
            var l = text.AsSpan(st, en - st).TrimEnd();
            int ind = 0;
            while (ind < l.Length && l[ind] == ' ') ind++;
            if (ind == l.Length || l[ind] == '#' || l[ind] == '\t') continue;
            var body = l[ind..];
            int hash = body.IndexOf(" #", StringComparison.Ordinal);
            if (hash >= 0) body = body[..hash].TrimEnd();
            int parent = ind;
            // "- - x": the innermost sequence entry decides
            while (body.Length >= 2 && body[0] == '-' && body[1] == ' ')
            {
                int skip = 1;
                while (skip < body.Length && body[skip] == ' ') skip++;
                parent = ind + (l.Length - ind - body.Length);
                body = body[skip..];
                ind = l.Length - body.Length;
            }
            if (body.Length == 0 || body[^1] == ':') return -1;
            var value = body;
            int colon = body.IndexOf(": ", StringComparison.Ordinal);
            if (colon >= 0) { value = body[(colon + 2)..].TrimStart(); parent = ind; }
            if (value.Length == 0) return -1;
            char c0 = value[0];
            if (c0 is '"' or '\'' or '[' or '{' or '|' or '>' or '&' or '*' or '!' or '#' or '%' or '@' or '`') return -1;
            return parent + 1;
        }
        return -1;
    }

    /// <summary>Checks lines before <paramref name="line0"/> (0-based, exclusive).</summary>
    public void UpTo(int line0)
    {
        if (_flowDepth > 0) { _nextLine = Math.Max(_nextLine, Math.Min(line0, _lineStarts.Count)); return; }
        int end = Math.Min(line0, _lineStarts.Count);
        for (int li = _nextLine; li < end; li++)
        {
            int p = _lineStarts[li], col = 0;
            while (p < text.Length && text[p] == ' ') { p++; col++; }
            if (p < text.Length && text[p] == '\t')
            {
                string where = li != 0 ? "line " + (li + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " : "";
                int plainIndent = PlainValueIndentBefore(li);
                if (plainIndent < 0)
                    throw new GoYamlException("yaml: " + where + "found character that cannot start any token");
                if (col < plainIndent)
                    throw new GoYamlException("yaml: " + where + "found a tab character that violates indentation");
            }
        }
        if (end > _nextLine) _nextLine = end;
    }
}
