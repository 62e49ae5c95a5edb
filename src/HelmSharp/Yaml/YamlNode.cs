namespace HelmSharp.Yaml;

/// <summary>The kinds of node in go-yaml v2's document tree.</summary>
internal enum YamlNodeKind { Scalar, Mapping, Sequence, Alias }

/// <summary>
/// A node of go-yaml v2's document tree (its <c>node</c> in decode.go). The helm-unittest runner's <c>V3Node</c>
/// (UnitTest/V3Yaml.cs) has the same shape because go-yaml v3's <c>yaml.Node</c> does: the two mirror two libraries'
/// separate types (v3 keeps line, column and style, which v2's decoder never exposes), so they stay apart.
/// </summary>
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
