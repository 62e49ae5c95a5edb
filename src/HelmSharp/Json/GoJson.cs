namespace HelmSharp.Json;

/// <summary>
/// Go's <c>encoding/json</c> over the Go value model: <c>Marshal</c> (HTML-escaping, sorted keys,
/// Go float format), <c>MarshalIndent</c>, and decoding into <c>interface{}</c> (numbers float64).
/// (Owner: the fmt/JSON layer. Placeholder signatures until it lands.)
/// </summary>
public static partial class GoJson
{
    /// <summary><c>json.Marshal</c>; throws <see cref="GoJsonException"/> with Go's message.</summary>
    public static string Marshal(object? value, bool escapeHtml = true) => throw new NotImplementedException();
    /// <summary><c>json.MarshalIndent(v, "", indent)</c>.</summary>
    public static string MarshalIndent(object? value, string indent, bool escapeHtml = true) => throw new NotImplementedException();
    /// <summary><c>json.Unmarshal</c> into <c>interface{}</c> (objects → map[string]interface{}, numbers → float64).</summary>
    public static object? Unmarshal(string json) => throw new NotImplementedException();
}

/// <summary>A JSON encode/decode error carrying Go's exact message.</summary>
public class GoJsonException(string message) : Exception(message);
