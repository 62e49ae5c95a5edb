namespace HelmSharp.Tests.Api;

/// <summary>Paths to the test charts and helm's goldens for them.</summary>
internal static class ApiTestData
{
    public static string Root => HelmSharp.Tests.Charts.Golden.ChartGoldenTests.RepositoryRoot();

    public static string Chart(string name) => Path.Combine(Root, "testdata", "charts", name);

    public static string ValueSet(string chart, string set) => Path.Combine(Root, "testdata", "charts", chart + ".values", set + ".yaml");

    /// <summary>What helm printed on stdout for <c>helm template golden CHART -f SET</c>.</summary>
    public static string GoldenOut(string chart, string set, int major) =>
        File.ReadAllText(Path.Combine(Root, "testdata", "golden", chart, $"{set}.helm{major}.out"));

    /// <summary>helm's error message (the first stderr line after <c>Error: </c>, up to the debug hint).</summary>
    public static string GoldenError(string chart, string set, int major)
    {
        var err = File.ReadAllText(Path.Combine(Root, "testdata", "golden", chart, $"{set}.helm{major}.err"));
        int at = err.IndexOf("Error: ", StringComparison.Ordinal);
        var message = err[(at + "Error: ".Length)..];
        const string hint = "\n\nUse --debug flag to render out invalid YAML";
        int cut = message.IndexOf(hint, StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd('\n');
    }

    /// <summary>
    /// The options of <c>helm template golden CHART -f SET [SET.args]</c> (the golden runner's command), for value sets
    /// whose .args only name the release and the namespace.
    /// </summary>
    public static RenderOptions Options(string chart, string set, HelmVersion version)
    {
        var o = new RenderOptions { ReleaseName = "golden", HelmVersion = version };
        o.ValueFiles.Add(ValueSet(chart, set));
        var argsFile = Path.Combine(Root, "testdata", "charts", chart + ".values", set + ".args");
        var args = File.Exists(argsFile) ? File.ReadAllLines(argsFile).Where(l => l.Length > 0).ToArray() : [];
        for (int i = 0; i < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--release-name": o.ReleaseName = args[i + 1]; break;
                case "--namespace": o.Namespace = args[i + 1]; break;
                default: throw new NotSupportedException($"{argsFile}: {args[i]}");
            }
        }
        return o;
    }

    /// <summary>True when helm rendered the set without an error.</summary>
    public static bool Succeeds(string chart, string set, int major) =>
        File.ReadAllText(Path.Combine(Root, "testdata", "golden", chart, $"{set}.helm{major}.exit")).Trim() == "0";

    /// <summary>A chart directory's files (chart-relative paths), as the in-memory overloads take them.</summary>
    public static List<(string Path, byte[] Data)> Files(string chart)
    {
        var dir = Chart(chart);
        return Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllBytes(f)))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();
    }
}
