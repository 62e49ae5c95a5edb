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
/// <item><c>digits-8mb</c>: one plain scalar of 8 MB of digits (<see cref="GoYaml.Unmarshal(string)"/>);</item>
/// <item><c>bigvalues-2000</c>, <c>toyaml-2000</c>: the values.yaml of scripts/gen-bench-charts.py's shapes (1.9 MB / 4.0 MB,
/// <see cref="GoYaml.UnmarshalAll"/>);</item>
/// <item><c>corpus-values</c>: a few large real values.yaml files of the corpus (/work/main/.corpus or $HELMSHARP_CORPUS,
/// read at setup, never committed), each decoded on its own;</item>
/// <item><c>heads-toyaml-2000</c>, <c>heads-include-2000</c>: every rendered document of those shapes read as a manifest head.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class YamlReadBenchmarks
{
    [Params("values-300kb", "values-3mb", "manifests-large-500", "digits-8mb", "bigvalues-2000", "toyaml-2000", "corpus-values",
        "heads-toyaml-2000", "heads-include-2000")]
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
            case "bigvalues-2000":
            case "toyaml-2000":
                _text = File.ReadAllText(Path.Combine(BenchShapes.ChartPath(Input[..Input.IndexOf('-')], 2000), "values.yaml"));
                break;
            case "corpus-values":
                _docs = YamlInputs.CorpusValues();
                break;
            case "heads-toyaml-2000":
            case "heads-include-2000":
                _docs = YamlInputs.ShapeManifests(Input["heads-".Length..Input.LastIndexOf('-')], 2000);
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
            case "bigvalues-2000":
            case "toyaml-2000":
                return GoYaml.UnmarshalAll(_text).Count;
            case "corpus-values":
                int c = 0;
                foreach (var d in _docs) c += GoYaml.UnmarshalAll(d).Count;
                return c;
            case "manifests-large-500":
            case "heads-toyaml-2000":
            case "heads-include-2000":
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

    /// <summary>Large real values.yaml files of the corpus (only read here, never committed); empty when there is no corpus.</summary>
    public static List<string> CorpusValues()
    {
        var root = Environment.GetEnvironmentVariable("HELMSHARP_CORPUS") ?? "/work/main/.corpus";
        string[] charts =
        [
            "prometheus-community+helm-charts__charts_kube-prometheus-stack",
            "argoproj+argo-helm__charts_argo-cd",
            "DataDog+helm-charts__charts_datadog",
            "bitnami+charts__bitnami_mongodb",
            "grafana+helm-charts__charts_tempo-distributed",
        ];
        var docs = new List<string>();
        foreach (var c in charts)
        {
            var f = Path.Combine(root, "charts", c, "values.yaml");
            if (File.Exists(f)) docs.Add(File.ReadAllText(f));
        }
        return docs;
    }

    /// <summary>The rendered documents of a scripts/gen-bench-charts.py shape.</summary>
    public static List<string> ShapeManifests(string shape, int n)
    {
        var result = HelmTemplate.Render(ChartLoader.Load(BenchShapes.ChartPath(shape, n), 4), new TemplateRequest());
        var docs = new List<string>();
        foreach (var m in result.Manifests) docs.Add(m.Content);
        return docs;
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
