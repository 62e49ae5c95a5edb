namespace HelmSharp.Yaml;

/// <summary>
/// Helm's YAML layer: decoding as <c>sigs.k8s.io/yaml</c> does it (go-yaml v2 then a JSON round
/// trip: numbers become float64) and encoding as <c>toYaml</c> does (go-yaml v2's emitter).
/// (Owner: the YAML layer. Placeholder signatures until it lands.)
/// </summary>
public static partial class GoYaml
{
    /// <summary>Decodes the first YAML document as <c>sigs.k8s.io/yaml.Unmarshal</c> into <c>interface{}</c>; throws <see cref="GoYamlException"/> with Go's message.</summary>
    public static object? Unmarshal(string yaml) => throw new NotImplementedException();
    /// <summary>Encodes as <c>sigs.k8s.io/yaml.Marshal</c> (JSON round trip, go-yaml v2 emitter); the result ends in a newline.</summary>
    public static string Marshal(object? value) => throw new NotImplementedException();
}

/// <summary>A YAML decode/encode error carrying Go's exact message (e.g. <c>error converting YAML to JSON: yaml: line 3: …</c>).</summary>
public class GoYamlException(string message) : Exception(message);
