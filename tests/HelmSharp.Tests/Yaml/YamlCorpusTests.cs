using System.Text;
using System.Text.Json;
using HelmSharp.Tests.Conformance;
using NUnit.Framework;

namespace HelmSharp.Tests.Yaml;

/// <summary>
/// Replays the YAML corpus (testdata/yaml/&lt;suite&gt;/*.yaml with helm's results in &lt;suite&gt;.expected.json,
/// written by <c>scripts/yaml-diff.py regen</c>): each document read as a chart's values.yaml, as a rendered
/// manifest and through fromYaml, in helm-4 and helm-3 mode, through the CLI entry point; exit code, stdout and
/// stderr must equal helm's. The chart layouts are <c>chart_files</c> in scripts/yaml-diff.py.
/// </summary>
[TestFixture]
public class YamlCorpusTests
{
    private static string YamlDir => Path.Combine(Corpus.RepoRoot, "testdata", "yaml");

    public static IEnumerable<TestCaseData> Cases()
    {
        if (!Directory.Exists(YamlDir)) yield break;
        foreach (var exp in Directory.EnumerateFiles(YamlDir, "*.expected.json").OrderBy(p => p, StringComparer.Ordinal))
        {
            string suite = Path.GetFileName(exp)[..^".expected.json".Length];
            using var doc = JsonDocument.Parse(File.ReadAllBytes(exp));
            foreach (var entry in doc.RootElement.EnumerateObject())
                foreach (int major in new[] { 4, 3 })
                    foreach (var mode in new[] { "values", "manifest", "fromyaml" })
                        yield return new TestCaseData(suite, entry.Name, major, mode).SetName($"Yaml({suite}/{entry.Name}, {mode}, helm{major})");
        }
    }

    [Test]
    public void EveryDocumentHasExpectations()
    {
        if (!Directory.Exists(YamlDir)) Assert.Fail("testdata/yaml is missing");
        int suites = 0;
        foreach (var dir in Directory.EnumerateDirectories(YamlDir))
        {
            suites++;
            var exp = dir + ".expected.json";
            Assert.That(File.Exists(exp), Is.True, exp);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(exp));
            foreach (var f in Directory.EnumerateFiles(dir, "*.yaml"))
                Assert.That(doc.RootElement.TryGetProperty(Path.GetFileNameWithoutExtension(f), out _), Is.True,
                    $"{f} has no expectation: run scripts/yaml-diff.py regen {Path.GetRelativePath(Corpus.RepoRoot, dir)}");
        }
        Assert.That(suites, Is.GreaterThan(0));
    }

    [TestCaseSource(nameof(Cases))]
    public void Yaml(string suite, string name, int major, string mode)
    {
        byte[] data = File.ReadAllBytes(Path.Combine(YamlDir, suite, name + ".yaml"));
        using var expDoc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(YamlDir, suite + ".expected.json")));
        var exp = expDoc.RootElement.GetProperty(name).GetProperty("helm" + major).GetProperty(mode);

        string tmp = CaseChart.NewTempDir();
        try
        {
            string chartName = ChartName(mode);
            string chartDir = Path.Combine(tmp, chartName);
            foreach (var (rel, content) in ChartFiles(mode, data))
            {
                string full = Path.Combine(chartDir, Path.Combine(rel.Split('/')));
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, content);
            }
            var args = new List<string> { "template", chartName, chartDir };
            if (major == 3) args.Add("--helm3");
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            int exit = HelmSharp.Cli.Program.Run([.. args], stdout, stderr);

            var expExit = exp.GetProperty("exit");
            Assert.That(expExit.ValueKind, Is.EqualTo(JsonValueKind.Number), "helm timed out on this document");
            Assert.Multiple(() =>
            {
                Assert.That(Bytes(stderr.ToString()), Is.EqualTo(Expected(exp, "stderr")), "stderr");
                Assert.That(Bytes(stdout.ToString()), Is.EqualTo(Expected(exp, "stdout")), "stdout");
                Assert.That(exit, Is.EqualTo(expExit.GetInt32()), "exit code");
            });
        }
        finally
        {
            CaseChart.TryDelete(tmp);
        }
    }

    /// <summary>The text as bytes decoded with replacement characters (how a stream that is not UTF-8 is compared).</summary>
    private static string Bytes(string s) => Encoding.UTF8.GetString(HelmSharp.Go.GoUtf8.GetBytes(s));

    private static string Expected(JsonElement exp, string stream) =>
        exp.TryGetProperty(stream, out var text) ? text.GetString()! : Encoding.UTF8.GetString(Convert.FromBase64String(exp.GetProperty(stream + "_b64").GetString()!));

    private static string ChartName(string mode) => mode switch { "values" => "vb", "manifest" => "mb", _ => "fb" };

    /// <summary>The one-document chart for a mode; mirrors <c>chart_files(mode, [("doc", data)])</c> in scripts/yaml-diff.py.</summary>
    private static List<(string Path, byte[] Content)> ChartFiles(string mode, byte[] data)
    {
        string name = ChartName(mode);
        var files = new List<(string, byte[])> { ("Chart.yaml", Encoding.UTF8.GetBytes($"apiVersion: v2\nname: {name}\nversion: 0.1.0\n")) };
        switch (mode)
        {
            case "values":
                files.Add(("charts/doc/Chart.yaml", Encoding.UTF8.GetBytes("apiVersion: v2\nname: doc\nversion: 0.1.0\n")));
                files.Add(("charts/doc/values.yaml", data));
                files.Add(("charts/doc/templates/out.yaml", Encoding.UTF8.GetBytes("doc: {{ .Values | toJson | b64enc }}\n")));
                break;
            case "manifest":
                files.Add(("docs/doc", data));
                files.Add(("templates/doc.yaml", Encoding.UTF8.GetBytes("{{ .Files.Get \"docs/doc\" }}")));
                break;
            default:
                files.Add(("docs/doc", data));
                files.Add(("templates/out.yaml", Encoding.UTF8.GetBytes(
                    "{{- range $k := list \"doc\" }}\n{{ $k }}: {{ $.Files.Get (printf \"docs/%s\" $k) | fromYaml | toJson | b64enc }}\n{{- end }}\n")));
                break;
        }
        return files;
    }
}
