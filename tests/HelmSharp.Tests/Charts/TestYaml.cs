using NUnit.Framework;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace HelmSharp.Tests.Charts;

/// <summary>Test-only YAML → Go value converter (sigs.k8s.io/yaml-like: YAML 1.1 scalars, numbers as float64).</summary>
internal static class TestYaml
{
    public static object? First(string text)
    {
        var all = All(text);
        return all.Count == 0 ? null : all[0];
    }

    public static IReadOnlyList<object?> All(string text)
    {
        var ys = new YamlStream();
        ys.Load(new StringReader(text));
        var list = new List<object?>();
        foreach (var d in ys.Documents) list.Add(Convert(d.RootNode));
        if (list.Count == 0) list.Add(null);
        return list;
    }

    private static readonly Regex s_float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$");

    private static object? Convert(YamlNode n)
    {
        switch (n)
        {
            case YamlMappingNode m:
            {
                var d = new Dictionary<string, object?>();
                foreach (var (k, v) in m.Children)
                {
                    var key = Convert(k);
                    string ks = key switch
                    {
                        null => "null",
                        bool b => b ? "true" : "false",
                        double x => x.ToString(CultureInfo.InvariantCulture),
                        _ => key.ToString()!,
                    };
                    d[ks] = Convert(v);
                }
                return d;
            }
            case YamlSequenceNode s:
                return s.Children.Select(Convert).ToArray();
            case YamlScalarNode sc:
            {
                var v = sc.Value ?? "";
                if (sc.Style != YamlDotNet.Core.ScalarStyle.Plain) return v;
                switch (v)
                {
                    case "" or "~" or "null" or "Null" or "NULL": return null;
                    case "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "true" or "True" or "TRUE": return true;
                    case "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "false" or "False" or "FALSE": return false;
                }
                if (s_float.IsMatch(v)) return double.Parse(v, CultureInfo.InvariantCulture);
                return v;
            }
        }
        return null;
    }
}

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
