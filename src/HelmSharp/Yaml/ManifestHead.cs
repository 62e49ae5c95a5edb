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

        var structName = goTypeName.Substring(goTypeName.LastIndexOf('.') + 1);
        foreach (var key in SortedKeys(top))
        {
            var v = top[key];
            if (key.Equals("apiVersion", StringComparison.OrdinalIgnoreCase))
                StringField(v, ref apiVersion, structName + ".apiVersion", ref firstError);
            else if (key.Equals("kind", StringComparison.OrdinalIgnoreCase))
                StringField(v, ref kind, structName + ".kind", ref firstError);
            else if (key.Equals("metadata", StringComparison.OrdinalIgnoreCase))
            {
                if (v == null) { hasMetadata = false; name = ""; annotations = null; continue; }
                if (v is not Dictionary<string, object?> md)
                {
                    firstError ??= "json: cannot unmarshal " + RawJsonKind(v) + " into Go struct field " + structName + ".metadata of type " + MetadataStructType;
                    continue;
                }
                hasMetadata = true;
                foreach (var mk in SortedKeys(md))
                {
                    var mv = md[mk];
                    if (mk.Equals("name", StringComparison.OrdinalIgnoreCase))
                        StringField(mv, ref name, ".metadata.name", ref firstError);
                    else if (mk.Equals("annotations", StringComparison.OrdinalIgnoreCase))
                    {
                        if (mv == null) { annotations = null; continue; }
                        if (mv is not Dictionary<string, object?> am)
                        {
                            firstError ??= "json: cannot unmarshal " + RawJsonKind(mv) + " into Go struct field .metadata.annotations of type map[string]string";
                            continue;
                        }
                        annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
                        foreach (var ak in SortedKeys(am))
                        {
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
                    }
                }
            }
        }
        if (firstError != null) throw new GoYamlException(JsonPrefix + firstError);
        return new ManifestHead(apiVersion, kind, hasMetadata, name, annotations);
    }

    private static List<string> SortedKeys(Dictionary<string, object?> m)
    {
        var keys = new List<string>(m.Keys);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static void StringField(object? v, ref string field, string goField, ref string? firstError)
    {
        switch (v)
        {
            case null: return;
            case Dictionary<string, object?> or object?[]:
                firstError ??= "json: cannot unmarshal " + RawJsonKind(v) + " into Go struct field " + goField + " of type string";
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
