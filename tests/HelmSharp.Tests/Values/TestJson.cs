using System.Globalization;

namespace HelmSharp.Tests.Values;

/// <summary>Test-only compact JSON like helm's toJson (sorted keys, Go number format for small values).</summary>
internal static class TestJson
{
    public static string Of(object? v)
    {
        switch (v)
        {
            case null: return "null";
            case bool b: return b ? "true" : "false";
            case string s: return System.Text.Json.JsonSerializer.Serialize(s, TestJsonContext.Default.String);
            case double d: return d.ToString("R", CultureInfo.InvariantCulture);
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            case IDictionary<string, object?> m:
                return "{" + string.Join(",", m.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => Of(k) + ":" + Of(m[k]))) + "}";
            case object?[] a: return "[" + string.Join(",", a.Select(Of)) + "]";
        }
        return "?";
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
