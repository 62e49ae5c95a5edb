using HelmSharp.Yaml;

namespace HelmSharp.Charts;

/// <summary>
/// The one place chart/values code reaches the YAML layer. Helm 3 reads the first document of a
/// values file; helm 4 reads every document and deep-merges them. Tests may swap the decoders.
/// </summary>
internal static class ChartYaml
{
    /// <summary>Decodes the first YAML document (<c>sigs.k8s.io/yaml.Unmarshal</c> into interface{}).</summary>
    internal static object? LoadFirst(string text) => GoYaml.Unmarshal(text);
}
