using System.Globalization;
using HelmSharp.Go;

namespace HelmSharp.UnitTest;

internal enum PathNodeKind { Mapping, Sequence, Scalar }

/// <summary>
/// A YAML node as the plugin sees a manifest when it evaluates a path: the manifest is encoded with go-yaml v3 and
/// decoded again into nodes, so scalars carry v3's tag and text (a float <c>1.0</c> becomes the integer node
/// <c>1</c>) and mapping keys come in go-yaml's sorted order. Mapping content alternates key and value nodes.
/// </summary>
internal sealed class PathNode
{
    public PathNodeKind Kind;
    public string Tag = "";
    public string Value = "";
    public List<PathNode> Content = [];

    private const int MaxDepth = 20000;

    /// <summary>Builds the node tree of a value as v3 encodes and decodes it.</summary>
    public static PathNode From(object? v) => StackGuard.Run(v, static x => From(x, 0));

    private static PathNode From(object? v, int depth)
    {
        if (depth > MaxDepth) throw new UnitTestException("value nesting too deep");
        switch (v)
        {
            case null: return Scalar(V3Yaml.NullTag, "null");
            case string s: return Scalar(V3Yaml.StrTag, s);
            case bool b: return Scalar(V3Yaml.BoolTag, b ? "true" : "false");
            case long l: return Scalar(V3Yaml.IntTag, l.ToString(CultureInfo.InvariantCulture));
            case ulong u: return Scalar(V3Yaml.IntTag, u.ToString(CultureInfo.InvariantCulture));
            case double d:
                {
                    var text = HelmSharp.Yaml.YamlFloat.FormatG(d, 64) switch { "+Inf" => ".inf", "-Inf" => "-.inf", "NaN" => ".nan", var t => t };
                    // the text is read back with v3's resolver: "1" (from 1.0) is an !!int there
                    return Scalar(V3Yaml.Resolve("", text).Tag, text);
                }
            case Dictionary<string, object?> m:
                {
                    var keys = m.Keys.ToArray();
                    Array.Sort(keys, HelmSharp.Yaml.YamlKeyComparer.V3);
                    var n = new PathNode { Kind = PathNodeKind.Mapping, Tag = V3Yaml.MapTag, Content = new List<PathNode>(keys.Length * 2) };
                    foreach (var k in keys)
                    {
                        n.Content.Add(Scalar(V3Yaml.StrTag, k));
                        n.Content.Add(From(m[k], depth + 1));
                    }
                    return n;
                }
            case List<object?> list:
                {
                    var n = new PathNode { Kind = PathNodeKind.Sequence, Tag = V3Yaml.SeqTag, Content = new List<PathNode>(list.Count) };
                    foreach (var x in list) n.Content.Add(From(x, depth + 1));
                    return n;
                }
            default:
                return Scalar(V3Yaml.StrTag, GoValues.Sprint(v));
        }
    }

    private static PathNode Scalar(string tag, string value) => new() { Kind = PathNodeKind.Scalar, Tag = tag, Value = value };

    /// <summary>Decodes the node into <c>interface{}</c> as go-yaml v3 does.</summary>
    public object? ToValue() => StackGuard.Run(this, static n => n.ToValue(0));

    private object? ToValue(int depth)
    {
        if (depth > MaxDepth) throw new UnitTestException("value nesting too deep");
        switch (Kind)
        {
            case PathNodeKind.Scalar:
                return Tag switch
                {
                    V3Yaml.StrTag => Value,
                    V3Yaml.NullTag => null,
                    _ => V3Yaml.Resolve(Tag, Value).Value,
                };
            case PathNodeKind.Sequence:
                {
                    var l = new List<object?>(Content.Count);
                    foreach (var c in Content) l.Add(c.ToValue(depth + 1));
                    return l;
                }
            default:
                {
                    var m = new Dictionary<string, object?>(Content.Count / 2, StringComparer.Ordinal);
                    for (int i = 0; i + 1 < Content.Count; i += 2) m[Content[i].Value] = Content[i + 1].ToValue(depth + 1);
                    return m;
                }
        }
    }
}
