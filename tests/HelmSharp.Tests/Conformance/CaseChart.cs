using System.Text;

namespace HelmSharp.Tests.Conformance;

/// <summary>Writes the <c>case</c> chart for a spec; mirrors <c>write_chart</c> in scripts/regen-cases.py exactly.</summary>
public static class CaseChart
{
    /// <summary>The generated Chart.yaml.</summary>
    public const string ChartYaml = "apiVersion: v2\nname: case\nversion: 0.1.0\n";

    /// <summary>The generated templates/out.yaml, which base64-encodes the case template's output.</summary>
    public const string OutYaml = "out: {{ include \"case/templates/_case.tpl\" . | b64enc }}";

    /// <summary>The chart's files (path relative to the chart root, '/'-separated → content); <c>file:</c> sections replace defaults.</summary>
    public static Dictionary<string, string> Files(CaseSpec spec)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Chart.yaml"] = ChartYaml,
            ["values.yaml"] = spec.Values ?? "",
            ["templates/_case.tpl"] = spec.Template,
            ["templates/out.yaml"] = OutYaml,
        };
        foreach (var f in spec.Files) files[f.Key] = f.Value;
        return files;
    }

    /// <summary>Writes the chart into <paramref name="chartDir"/> (created if needed).</summary>
    public static void Write(CaseSpec spec, string chartDir)
    {
        Directory.CreateDirectory(Path.Combine(chartDir, "templates"));
        var utf8 = new UTF8Encoding(false);
        foreach (var (rel, content) in Files(spec))
        {
            string full = Path.Combine(chartDir, Path.Combine(rel.Split('/')));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, utf8.GetBytes(content));
        }
    }

    /// <summary>A fresh temp directory for one case run (delete it with <see cref="TryDelete"/>).</summary>
    public static string NewTempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "helmsharp-case-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Best-effort recursive delete.</summary>
    public static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
