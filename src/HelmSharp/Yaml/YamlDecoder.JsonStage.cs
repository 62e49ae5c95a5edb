namespace HelmSharp.Yaml;

/// <summary>
/// The second stage of <c>sigs.k8s.io/yaml.Unmarshal</c>: go-yaml's result goes through <c>encoding/json</c>, whose limits
/// and errors are reported without the <c>error converting YAML to JSON</c> prefix.
/// </summary>
internal static partial class YamlDecoder
{
    /// <summary>An error of the JSON decoding stage (reported without the "error converting YAML to JSON" prefix).</summary>
    internal sealed class JsonStageException(string message) : GoYamlException(message);

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
}
