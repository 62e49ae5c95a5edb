namespace HelmSharp.Yaml;

/// <summary>The kinds of node in go-yaml v2's document tree.</summary>
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
