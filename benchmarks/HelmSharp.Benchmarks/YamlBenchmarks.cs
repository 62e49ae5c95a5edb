using BenchmarkDotNet.Attributes;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Yaml;

namespace HelmSharp.Benchmarks;

/// <summary>
/// Reading YAML through the public API only (so the same file measures any version of the reader):
/// <list type="bullet">
/// <item><c>values-300kb</c>, <c>values-3mb</c>: the values.yaml files of testdata/charts nested under numbered keys
/// until about 300 KB / 3 MB (<see cref="GoYaml.UnmarshalAll"/>, helm 4's values loading);</item>
/// <item><c>manifests-large-500</c>: every rendered document of the synthetic 500-component chart read as a manifest
/// head (<see cref="GoYaml.DecodeManifestHead"/>, no cache);</item>
/// <item><c>digits-8mb</c>: one plain scalar of 8 MB of digits (<see cref="GoYaml.Unmarshal(string)"/>).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class YamlReadBenchmarks
{
    [Params("values-300kb", "values-3mb", "manifests-large-500", "digits-8mb")]
    public string Input = "";

    private string _text = "";
    private List<string> _docs = [];

    [GlobalSetup]
    public void Setup()
    {
        switch (Input)
        {
            case "values-300kb":
                _text = YamlInputs.LargeValues(300 << 10);
                break;
            case "values-3mb":
                _text = YamlInputs.LargeValues(3 << 20);
                break;
            case "manifests-large-500":
                _docs = YamlInputs.Manifests("large-500");
                break;
            default:
                _text = "a: " + new string('7', 8 << 20) + "\n";
                break;
        }
    }

    [Benchmark]
    public int Read()
    {
        switch (Input)
        {
            case "values-300kb":
            case "values-3mb":
                return GoYaml.UnmarshalAll(_text).Count;
            case "manifests-large-500":
                int n = 0;
                foreach (var d in _docs) n += GoYaml.DecodeManifestHead(d).Kind.Length;
                return n;
            default:
                return GoYaml.Unmarshal(_text) is Dictionary<string, object?> m ? m.Count : 0;
        }
    }
}

internal static class YamlInputs
{
    /// <summary>The values.yaml files of testdata/charts, each under a key of its own, repeated until <paramref name="size"/> characters.</summary>
    public static string LargeValues(int size)
    {
        var root = BenchCharts.RepoRoot();
        var files = new List<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "testdata", "charts")).Order(StringComparer.Ordinal))
        {
            var f = Path.Combine(dir, "values.yaml");
            if (!File.Exists(f)) continue;
            var text = File.ReadAllText(f);
            // only documents that read alone as a mapping and nest cleanly (no document markers)
            if (text.Contains("---", StringComparison.Ordinal) || text.Contains('\t')) continue;
            try { if (GoYaml.Unmarshal(text) is not Dictionary<string, object?> { Count: > 0 }) continue; }
            catch (GoYamlException) { continue; }
            files.Add(text);
        }
        var sb = new System.Text.StringBuilder(size + 4096);
        for (int i = 0; sb.Length < size; i++)
        {
            sb.Append("chart").Append(i).Append(":\n");
            foreach (var line in files[i % files.Count].Split('\n'))
            {
                if (line.Length > 0) sb.Append("  ").Append(line);
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>The documents helm would read as manifests from one render of a chart.</summary>
    public static List<string> Manifests(string chart)
    {
        var result = HelmTemplate.Render(ChartLoader.Load(BenchCharts.ChartPath(chart), 4), new TemplateRequest());
        var docs = new List<string>();
        foreach (var m in result.Manifests) docs.Add(m.Content);
        return docs;
    }
}
