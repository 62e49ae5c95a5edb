using System.Text;

namespace HelmSharp.Yaml;

/// <summary>
/// Helm's YAML layer: decoding as <c>sigs.k8s.io/yaml</c> does it (go-yaml v2 then a JSON round
/// trip: numbers become float64) and encoding as <c>toYaml</c> does (go-yaml v2's emitter).
/// </summary>
internal static partial class GoYaml
{
    private const string ConvertPrefix = "error converting YAML to JSON: ";
    private const string JsonPrefix = "error unmarshaling JSON: while decoding JSON: ";

    /// <summary>Decodes the first YAML document as <c>sigs.k8s.io/yaml.Unmarshal</c> into <c>interface{}</c>; throws <see cref="GoYamlException"/> with Go's message.</summary>
    /// <remarks>Maps become <c>Dictionary&lt;string, object?&gt;</c>, sequences <c>object?[]</c>, every number a <c>double</c>.</remarks>
    public static object? Unmarshal(string yaml) => Decode(yaml, raw: false);

    // sigs.k8s.io/yaml.Unmarshal's two stages: go-yaml errors get its prefix, the JSON stage's errors are its own.
    private static object? Decode(string yaml, bool raw)
    {
        if (YamlDecoder.TryDecodeDirect(yaml, raw, YamlDecoder.DirectFilter.All, out var direct)) return direct;
        try
        {
            var root = YamlDecoder.ParseFirst(yaml, out var depth);
            return YamlDecoder.DecodeDocument(root, depth, raw);
        }
        catch (YamlDecoder.JsonStageException e)
        {
            throw new GoYamlException(e.Message);
        }
        catch (GoYamlException e)
        {
            throw new GoYamlException(ConvertPrefix + e.Message);
        }
    }

    /// <summary>
    /// Decodes raw bytes (UTF-8, optional BOM) like <see cref="Unmarshal(string)"/>; invalid UTF-8 fails
    /// with go-yaml's reader messages.
    /// </summary>
    public static object? Unmarshal(ReadOnlySpan<byte> yaml) => Unmarshal(DecodeUtf8(yaml));

    /// <summary>
    /// <c>sigs.k8s.io/yaml.Unmarshal</c> of the first document into a <c>map[string]interface{}</c>
    /// (helm's <c>fromYaml</c>): a null/empty document leaves the target empty (helm prints <c>{}</c>);
    /// non-mappings fail with <c>error unmarshaling JSON: while decoding JSON: json: cannot unmarshal
    /// array into Go value of type map[string]interface {}</c>.
    /// </summary>
    public static Dictionary<string, object?> UnmarshalMap(string yaml) =>
        AsMap(Unmarshal(yaml), "map[string]interface {}") ?? new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// The first document as go-yaml v2 decodes it, before the JSON round trip: keys stringified as
    /// sigs.k8s.io/yaml does, maps <c>Dictionary&lt;string, object?&gt;</c>, sequences <c>object?[]</c>,
    /// but scalars keep their YAML types (<c>long</c>/<c>ulong</c>/<c>BigInteger</c> for ints,
    /// <c>double</c> for floats, <c>bool</c>, <c>string</c>, null). For decoding into typed structs
    /// such as Chart.yaml's Metadata (see <see cref="CoerceToString"/>). Errors as <see cref="Unmarshal(string)"/>.
    /// </summary>
    public static object? UnmarshalRaw(string yaml) => Decode(yaml, raw: true);

    /// <summary>
    /// sigs.k8s.io/yaml's coercion of a raw scalar (from <see cref="UnmarshalRaw"/>) decoded into a Go
    /// <c>string</c> field: ints in decimal, floats with <c>FormatFloat(f, 'g', -1, 32)</c>
    /// (<c>1.10</c> → <c>"1.1"</c>), bools as <c>true</c>/<c>false</c>; null for maps, sequences and nil
    /// (which are then JSON type errors or no-ops for the caller).
    /// </summary>
    public static string? CoerceToString(object? scalar) => scalar switch
    {
        null or Dictionary<string, object?> or object?[] => null,
        _ => ScalarToString(scalar),
    };

    /// <summary>The JSON kind name Go's type errors use for a decoded value: string, number, bool, array, object or null.</summary>
    public static string JsonKindOf(object? value) => RawJsonKind(value);

    /// <summary>
    /// Helm 3 values loading (<c>chartutil.ReadValues</c>): the first document decoded into a map; an
    /// empty or null document gives an empty map.
    /// </summary>
    public static Dictionary<string, object?> UnmarshalFirst(string yaml) => UnmarshalMap(yaml);

    /// <summary>
    /// <c>sigs.k8s.io/yaml.Unmarshal</c> of the first document into a <c>[]interface{}</c> (helm's
    /// <c>fromYamlArray</c>); a null document gives an empty slice (helm prints <c>[]</c>).
    /// </summary>
    public static object?[] UnmarshalArray(string yaml)
    {
        var v = Unmarshal(yaml);
        switch (v)
        {
            case null: return Array.Empty<object?>();
            case object?[] a: return a;
            default: throw new GoYamlException(JsonPrefix + "json: cannot unmarshal " + JsonKind(v) + " into Go value of type []interface {}");
        }
    }

    /// <summary>
    /// Helm 4 values loading (<c>loader.LoadValues</c>): every document (split by apimachinery's
    /// YAMLReader on <c>---</c> lines) is decoded into a map and deep-merged in order. Errors carry
    /// LoadValues' prefixes (<c>cannot unmarshal yaml document: …</c>, <c>error reading yaml document: …</c>).
    /// </summary>
    public static Dictionary<string, object?> UnmarshalAll(string yaml)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        List<string> docs;
        try { docs = SplitDocuments(yaml); }
        catch (GoYamlException e) { throw new GoYamlException("error reading yaml document: " + e.Message); }
        foreach (var d in docs)
        {
            Dictionary<string, object?> m;
            try { m = UnmarshalMap(d); }
            catch (GoYamlException e) { throw new GoYamlException("cannot unmarshal yaml document: " + e.Message); }
            // the first document's map is fresh: merging it into the empty map would only copy it
            result = result.Count == 0 ? m : MergeMaps(result, m);
        }
        return result;
    }

    /// <summary>Helm 4's <c>loader.MergeMaps</c>: a new map with b's entries over a's, nested maps merged recursively.</summary>
    public static Dictionary<string, object?> MergeMaps(Dictionary<string, object?> a, Dictionary<string, object?> b) =>
        HelmSharp.Go.StackGuard.Run((a, b), static x => MergeMaps(x.a, x.b, 0));

    private static Dictionary<string, object?> MergeMaps(Dictionary<string, object?> a, Dictionary<string, object?> b, int depth)
    {
        if (depth > YamlDecoder.MaxDepth || ((depth & 31) == 31 && !HelmSharp.Go.StackGuard.Check()))
            throw new GoYamlException("values nesting is too deep");
        var output = new Dictionary<string, object?>(a, StringComparer.Ordinal);
        foreach (var (k, v) in b)
        {
            if (v is Dictionary<string, object?> vm && vm.GetType() == typeof(Dictionary<string, object?>) &&
                output.TryGetValue(k, out var bv) && bv is Dictionary<string, object?> bm && bm.GetType() == typeof(Dictionary<string, object?>))
            {
                output[k] = MergeMaps(bm, vm, depth + 1);
                continue;
            }
            output[k] = v;
        }
        return output;
    }

    /// <summary>
    /// Splits a multi-document stream like <c>k8s.io/apimachinery/pkg/util/yaml.YAMLReader</c> over a
    /// <c>LineReader</c>: every line is read with <c>bufio.Reader.ReadLine</c> (which drops its <c>\n</c> or
    /// <c>\r\n</c>) and gets a <c>\n</c> back, so documents hold LF line ends and end with one; a line starting with
    /// <c>---</c> (only white space or a comment may follow) ends a document and is dropped, but stays at the start of
    /// one when no content came before it.
    /// </summary>
    public static List<string> SplitDocuments(string yaml)
    {
        if (yaml.Contains('\r')) return SplitDocumentsByLine(yaml);
        // without carriage returns every document is a piece of the text (the last one gets a \n when it has none)
        var result = new List<string>();
        int docStart = 0;
        int ls = yaml.StartsWith("---", StringComparison.Ordinal) ? 0 : NextSeparatorLine(yaml, 0);
        while (ls >= 0)
        {
            int nl = yaml.IndexOf('\n', ls);
            int le = nl < 0 ? yaml.Length : nl;
            CheckSeparator(yaml.AsSpan(ls + 3, le - ls - 3));
            if (ls > docStart)
            {
                result.Add(yaml.Substring(docStart, ls - docStart));
                docStart = nl < 0 ? yaml.Length : nl + 1;
            }
            // a separator before any content stays in the document
            ls = nl < 0 ? -1 : NextSeparatorLine(yaml, nl);
        }
        if (docStart < yaml.Length)
            result.Add(yaml[^1] == '\n' ? yaml.Substring(docStart) : string.Concat(yaml.AsSpan(docStart), "\n"));
        return result;
    }

    private static int NextSeparatorLine(string yaml, int from)
    {
        int i = yaml.IndexOf("\n---", from, StringComparison.Ordinal);
        return i < 0 ? -1 : i + 1;
    }

    private static void CheckSeparator(ReadOnlySpan<char> rest)
    {
        var (start, end) = HelmSharp.Go.GoUnicode.TrimSpaceBounds(rest, 0, rest.Length);
        var trimmed = rest[start..end];
        if (trimmed.Length > 0 && trimmed[0] != '#')
            throw new GoYamlException("invalid Yaml document separator: " + trimmed.ToString());
    }

    /// <summary><see cref="SplitDocuments"/> line by line (text with carriage returns: <c>\r\n</c> line ends become <c>\n</c>).</summary>
    internal static List<string> SplitDocumentsByLine(string yaml)
    {
        var result = new List<string>();
        var buffer = new StringBuilder();
        int pos = 0;
        while (pos < yaml.Length)
        {
            int nl = yaml.IndexOf('\n', pos);
            var line = nl < 0 ? yaml.AsSpan(pos) : yaml.AsSpan(pos, nl - pos);
            if (nl >= 0 && line.Length > 0 && line[^1] == '\r') line = line[..^1];
            pos = nl < 0 ? yaml.Length : nl + 1;
            if (line.StartsWith("---"))
            {
                CheckSeparator(line[3..]);
                if (buffer.Length != 0)
                {
                    result.Add(buffer.ToString());
                    buffer.Clear();
                    continue;
                }
                // a separator before any content stays in the document (YAMLReader writes the line to its buffer)
            }
            buffer.Append(line).Append('\n');
        }
        if (buffer.Length != 0) result.Add(buffer.ToString());
        return result;
    }

    internal static Dictionary<string, object?>? AsMap(object? v, string goType)
    {
        switch (v)
        {
            case null: return null;
            case Dictionary<string, object?> m: return m;
            default: throw new GoYamlException(JsonPrefix + "json: cannot unmarshal " + JsonKind(v) + " into Go value of type " + goType);
        }
    }

    internal static string JsonKind(object? v) => v switch
    {
        string => "string",
        bool => "bool",
        double => "number",
        object?[] => "array",
        Dictionary<string, object?> => "object",
        _ => "null",
    };

    private static string DecodeUtf8(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) b = b[3..];
        try
        {
            return new UTF8Encoding(false, true).GetString(b);
        }
        catch (DecoderFallbackException)
        {
            int i = 0;
            while (i < b.Length)
            {
                byte c = b[i];
                int w = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
                if (w == 0) throw new GoYamlException(ConvertPrefix + "yaml: invalid leading UTF-8 octet");
                if (i + w > b.Length) throw new GoYamlException(ConvertPrefix + "yaml: incomplete UTF-8 octet sequence");
                for (int k = 1; k < w; k++)
                    if ((b[i + k] & 0xC0) != 0x80) throw new GoYamlException(ConvertPrefix + "yaml: invalid trailing UTF-8 octet");
                i += w;
            }
            throw new GoYamlException(ConvertPrefix + "yaml: invalid Unicode character");
        }
    }
}

/// <summary>A YAML decode/encode error carrying Go's exact message (e.g. <c>error converting YAML to JSON: yaml: line 3: …</c>).</summary>
internal class GoYamlException(string message) : HelmSharpException(message);
