using System.Text;
using System.Text.Json;

namespace HelmSharp.Tests.Conformance;

/// <summary>One helm major's recorded result for a case (from <c>&lt;topic&gt;.expected.json</c>).</summary>
/// <param name="Exit">The exit code, or null when helm timed out (<c>"exit": "timeout"</c>).</param>
/// <param name="Stdout">helm's stdout (decoded from <c>stdout_b64</c> as UTF-8 if it was not valid UTF-8).</param>
/// <param name="Stderr">helm's stderr (same rule).</param>
/// <param name="Output">The decoded template output (the <c>out:</c> payload) when exit is 0 and it is valid UTF-8.</param>
public sealed record ExpectedResult(int? Exit, string Stdout, string Stderr, string? Output)
{
    /// <summary>True when helm hung and the run was recorded as a timeout.</summary>
    public bool TimedOut => Exit is null;
}

/// <summary>A case together with its expectations per helm major.</summary>
/// <param name="Spec">The parsed case.</param>
/// <param name="Expected">helm major (3/4) → recorded result; a major is absent when the case is <c>only:</c> the other or was never generated.</param>
public sealed record CorpusCase(CaseSpec Spec, IReadOnlyDictionary<int, ExpectedResult> Expected);

/// <summary>Locates and loads the conformance corpus under testdata/cases.</summary>
public static class Corpus
{
    private static string? _root;

    /// <summary>The repository root: the first ancestor of the test assembly directory that contains HelmSharp.sln.</summary>
    public static string RepoRoot => _root ??= FindRoot();

    /// <summary>testdata/cases under the repository root.</summary>
    public static string CasesDir => Path.Combine(RepoRoot, "testdata", "cases");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HelmSharp.sln"))) return dir.FullName;
        throw new InvalidOperationException($"HelmSharp.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Every <c>.cases</c> file, as paths relative to <see cref="CasesDir"/> with '/' separators, sorted ordinally.</summary>
    public static List<string> CaseFiles()
    {
        var list = new List<string>();
        if (!Directory.Exists(CasesDir)) return list;
        foreach (string f in Directory.EnumerateFiles(CasesDir, "*.cases", SearchOption.AllDirectories))
            list.Add(Path.GetRelativePath(CasesDir, f).Replace('\\', '/'));
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    /// <summary>The expectation file path for a case file (relative name as returned by <see cref="CaseFiles"/>).</summary>
    public static string ExpectedPath(string caseFile) =>
        Path.Combine(CasesDir, caseFile[..^".cases".Length] + ".expected.json");

    /// <summary>Parses one case file.</summary>
    public static List<CaseSpec> LoadSpecs(string caseFile) =>
        CaseFileParser.ParseFile(Path.Combine(CasesDir, caseFile), caseFile);

    /// <summary>Loads the expectation file of a case file: case name → helm major → result. Empty when the file is missing.</summary>
    public static Dictionary<string, Dictionary<int, ExpectedResult>> LoadExpected(string caseFile)
    {
        var result = new Dictionary<string, Dictionary<int, ExpectedResult>>(StringComparer.Ordinal);
        string path = ExpectedPath(caseFile);
        if (!File.Exists(path)) return result;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var c in doc.RootElement.EnumerateObject())
        {
            var perMajor = new Dictionary<int, ExpectedResult>();
            foreach (var m in c.Value.EnumerateObject())
            {
                int major = m.Name switch
                {
                    "helm4" => 4,
                    "helm3" => 3,
                    _ => throw new FormatException($"{path}: case '{c.Name}': unknown key '{m.Name}'"),
                };
                perMajor[major] = ReadResult(m.Value);
            }
            result[c.Name] = perMajor;
        }
        return result;
    }

    private static ExpectedResult ReadResult(JsonElement e)
    {
        var exitEl = e.GetProperty("exit");
        int? exit = exitEl.ValueKind == JsonValueKind.String && exitEl.GetString() == "timeout" ? null : exitEl.GetInt32();
        return new ExpectedResult(exit, Text(e, "stdout"), Text(e, "stderr"), e.TryGetProperty("output", out var o) ? o.GetString() : null);
    }

    private static string Text(JsonElement e, string key)
    {
        if (e.TryGetProperty(key, out var v)) return v.GetString() ?? "";
        if (e.TryGetProperty(key + "_b64", out var b)) return Encoding.UTF8.GetString(Convert.FromBase64String(b.GetString() ?? ""));
        return "";
    }

    /// <summary>
    /// The case template's output bytes from a <c>helm template</c> stdout (the base64 payload of the <c>out:</c> line
    /// under <c># Source: case/templates/out.yaml</c>), or null when absent or not base64.
    /// </summary>
    public static byte[]? OutputBytes(string stdout)
    {
        const string header = "# Source: case/templates/out.yaml\nout:";
        int i = stdout.IndexOf(header, StringComparison.Ordinal);
        if (i < 0) return null;
        int start = i + header.Length;
        int end = stdout.IndexOf('\n', start);
        string payload = (end < 0 ? stdout[start..] : stdout[start..end]).Trim();
        try { return Convert.FromBase64String(payload); }
        catch (FormatException) { return null; }
    }

    /// <summary>The case template's output (<see cref="OutputBytes"/>) as text, or null when absent or not UTF-8.</summary>
    public static string? DecodeOutput(string stdout)
    {
        if (OutputBytes(stdout) is not { } bytes) return null;
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
    }

    /// <summary>Loads every case of every file with its expectations.</summary>
    public static List<CorpusCase> LoadAll()
    {
        var all = new List<CorpusCase>();
        foreach (string file in CaseFiles())
        {
            var expected = LoadExpected(file);
            foreach (var spec in LoadSpecs(file))
                all.Add(new CorpusCase(spec, expected.TryGetValue(spec.Name, out var e) ? e : new Dictionary<int, ExpectedResult>()));
        }
        return all;
    }
}
