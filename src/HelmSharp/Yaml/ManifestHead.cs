using System.Globalization;
using System.Numerics;

namespace HelmSharp.Yaml;

/// <summary>
/// The part of a rendered manifest helm reads while sorting (<c>releaseutil.SimpleHead</c>):
/// <c>apiVersion</c>, <c>kind</c> and <c>metadata.name</c>/<c>metadata.annotations</c>.
/// </summary>
/// <param name="ApiVersion">The <c>apiVersion</c> string ("" when absent).</param>
/// <param name="Kind">The <c>kind</c> string ("" when absent).</param>
/// <param name="HasMetadata">False when <c>metadata</c> is absent or null (Go's nil pointer).</param>
/// <param name="Name">The <c>metadata.name</c> string ("" when absent).</param>
/// <param name="Annotations">The <c>metadata.annotations</c> map, null when absent or null.</param>
internal sealed record ManifestHead(string ApiVersion, string Kind, bool HasMetadata, string Name, Dictionary<string, string>? Annotations);

internal static partial class GoYaml
{
    private const string MetadataStructType = "struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }";

    /// <summary>
    /// Decodes a manifest document into helm's <c>SimpleHead</c> exactly as <c>sigs.k8s.io/yaml.Unmarshal</c>
    /// does (numbers and bools in string fields become strings, case-insensitive keys); throws
    /// <see cref="GoYamlException"/> with helm's text, e.g. <c>error unmarshaling JSON: while decoding JSON:
    /// json: cannot unmarshal string into Go value of type releaseutil.SimpleHead</c>.
    /// </summary>
    /// <param name="document">One YAML document (helm's SplitManifests piece).</param>
    /// <param name="goTypeName">The Go type name in messages: <c>releaseutil.SimpleHead</c> (Helm 3) or <c>util.SimpleHead</c> (Helm 4).</param>
    public static ManifestHead DecodeManifestHead(string document, string goTypeName = "releaseutil.SimpleHead") =>
        DecodeManifestHeadVia(document, goTypeName, direct: true);

    /// <summary><see cref="DecodeManifestHead(string, string)"/>; <paramref name="direct"/> false always takes the node path (the reference, for tests).</summary>
    internal static ManifestHead DecodeManifestHeadVia(string document, string goTypeName, bool direct)
    {
        // the parts of the document the head does not hold are read and checked but not built
        object? raw = null;
        if (!direct || !YamlDecoder.TryDecodeDirect(document, raw: true, YamlDecoder.DirectFilter.ManifestHead, out raw))
        {
            try
            {
                var root = YamlDecoder.ParseFirst(document, out var depth);
                raw = YamlDecoder.DecodeDocument(root, depth, raw: true);
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
        string apiVersion = "", kind = "", name = "";
        bool hasMetadata = false;
        Dictionary<string, string>? annotations = null;
        string? firstError = null;
        if (raw == null) return new ManifestHead("", "", false, "", null);
        if (raw is not Dictionary<string, object?> top)
            throw new GoYamlException(JsonPrefix + "json: cannot unmarshal " + RawJsonKind(raw) + " into Go value of type " + goTypeName);

        // (the keys in order from a pooled array, field names made only for an error: a render decodes every head)
        var topKeys = SortedKeys(top, out int topCount);
        for (int ti = 0; ti < topCount; ti++)
        {
            var key = topKeys[ti];
            var v = top[key];
            if (key.Equals("apiVersion", StringComparison.OrdinalIgnoreCase))
                StringField(v, ref apiVersion, goTypeName, ".apiVersion", ref firstError);
            else if (key.Equals("kind", StringComparison.OrdinalIgnoreCase))
                StringField(v, ref kind, goTypeName, ".kind", ref firstError);
            else if (key.Equals("metadata", StringComparison.OrdinalIgnoreCase))
            {
                if (v == null) { hasMetadata = false; name = ""; annotations = null; continue; }
                if (v is not Dictionary<string, object?> md)
                {
                    firstError ??= "json: cannot unmarshal " + RawJsonKind(v) + " into Go struct field " + StructName(goTypeName) + ".metadata of type " + MetadataStructType;
                    continue;
                }
                hasMetadata = true;
                var mdKeys = SortedKeys(md, out int mdCount);
                for (int mi = 0; mi < mdCount; mi++)
                {
                    var mk = mdKeys[mi];
                    var mv = md[mk];
                    if (mk.Equals("name", StringComparison.OrdinalIgnoreCase))
                        StringField(mv, ref name, null, ".metadata.name", ref firstError);
                    else if (mk.Equals("annotations", StringComparison.OrdinalIgnoreCase))
                    {
                        if (mv == null) { annotations = null; continue; }
                        if (mv is not Dictionary<string, object?> am)
                        {
                            firstError ??= "json: cannot unmarshal " + RawJsonKind(mv) + " into Go struct field .metadata.annotations of type map[string]string";
                            continue;
                        }
                        annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
                        var aKeys = SortedKeys(am, out int aCount);
                        for (int ai = 0; ai < aCount; ai++)
                        {
                            var ak = aKeys[ai];
                            var av = am[ak];
                            string s = "";
                            if (av is Dictionary<string, object?> or object?[])
                            {
                                firstError ??= "json: cannot unmarshal " + RawJsonKind(av) + " into Go struct field .metadata.annotations of type string";
                                continue;
                            }
                            if (av != null) s = ScalarToString(av);
                            annotations[ak] = s;
                        }
                        ReturnKeys(aKeys);
                    }
                }
                ReturnKeys(mdKeys);
            }
        }
        ReturnKeys(topKeys);
        if (firstError != null) throw new GoYamlException(JsonPrefix + firstError);
        return new ManifestHead(apiVersion, kind, hasMetadata, name, annotations);
    }

    /// <summary>The map's keys in ordinal order, in the first <paramref name="count"/> places of a pooled array (<see cref="ReturnKeys"/>).</summary>
    private static string[] SortedKeys(Dictionary<string, object?> m, out int count)
    {
        count = m.Count;
        var keys = System.Buffers.ArrayPool<string>.Shared.Rent(Math.Max(count, 1));
        m.Keys.CopyTo(keys, 0);
        if (count > 1) Array.Sort(keys, 0, count, StringComparer.Ordinal);
        return keys;
    }

    private static void ReturnKeys(string[] keys) => System.Buffers.ArrayPool<string>.Shared.Return(keys, clearArray: true);

    private static string StructName(string goTypeName) => goTypeName.Substring(goTypeName.LastIndexOf('.') + 1);

    /// <summary>A string field; its Go name in an error is the struct's name (of <paramref name="goTypeName"/>, none when null) then <paramref name="goField"/>.</summary>
    private static void StringField(object? v, ref string field, string? goTypeName, string goField, ref string? firstError)
    {
        switch (v)
        {
            case null: return;
            case Dictionary<string, object?> or object?[]:
                firstError ??= "json: cannot unmarshal " + RawJsonKind(v) + " into Go struct field " + (goTypeName == null ? "" : StructName(goTypeName)) + goField + " of type string";
                return;
            default:
                field = ScalarToString(v);
                return;
        }
    }

    /// <summary>sigs.k8s.io/yaml's coercion of YAML scalars decoded into a string target.</summary>
    private static string ScalarToString(object v) => v switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d => YamlFloat.FormatG(d, 32),
        BigInteger bi => bi.ToString(CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string RawJsonKind(object? v) => v switch
    {
        string => "string",
        bool => "bool",
        long or ulong or double or BigInteger => "number",
        object?[] => "array",
        Dictionary<string, object?> => "object",
        _ => "null",
    };
}
