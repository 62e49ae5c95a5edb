using HelmSharp.Charts;

namespace HelmSharp.Values;

/// <summary>
/// User-supplied values as on helm's command line (<c>pkg/cli/values.Options</c>): <c>-f</c> files
/// and the <c>--set</c> family, merged in helm's order.
/// </summary>
internal sealed class ValueOptions
{
    /// <summary><c>-f/--values</c> files (paths, or contents via <see cref="ValueFileContents"/>).</summary>
    public List<string> ValueFiles { get; } = [];
    /// <summary>Optional in-memory contents for value files, keyed by the name used in <see cref="ValueFiles"/>.</summary>
    public Dictionary<string, string> ValueFileContents { get; } = new();
    /// <summary><c>--set</c> lines.</summary>
    public List<string> Values { get; } = [];
    /// <summary><c>--set-string</c> lines.</summary>
    public List<string> StringValues { get; } = [];
    /// <summary><c>--set-file</c> lines.</summary>
    public List<string> FileValues { get; } = [];
    /// <summary><c>--set-json</c> lines.</summary>
    public List<string> JsonValues { get; } = [];
    /// <summary><c>--set-literal</c> lines.</summary>
    public List<string> LiteralValues { get; } = [];
    /// <summary>Values already in the engine's model, merged after the <c>-f</c> files (<see cref="HelmSharp.ChartOptions.Values"/>).</summary>
    internal Dictionary<string, object?>? ObjectValues { get; init; }
    /// <summary>Reads a file for <c>-f</c> and <c>--set-file</c>; defaults to the file system (in-memory contents win).</summary>
    public Func<string, string>? ReadFile { get; set; }

    private string Read(string path)
    {
        if (ValueFileContents.TryGetValue(path, out var s)) return s;
        if (ReadFile != null) return ReadFile(path);
        try { return HelmSharp.Go.GoUtf8.GetString(File.ReadAllBytes(path)); } // the bytes as Go reads them (no BOM or UTF-16 detection)
        catch (FileNotFoundException) { throw new ValuesException("open " + path + ": no such file or directory"); }
        catch (DirectoryNotFoundException) { throw new ValuesException("open " + path + ": no such file or directory"); }
        // Go's os.ReadFile: opening a directory succeeds and reading it fails.
        catch (UnauthorizedAccessException e) when (Directory.Exists(path)) { throw new ValuesException("read " + path + ": is a directory", e); }
        catch (UnauthorizedAccessException e) { throw new ValuesException("open " + path + ": permission denied", e); }
        catch (IOException e) { throw new ValuesException("read " + path + ": " + e.Message, e); }
    }

    /// <summary>Merges as <see cref="MergeValues(int)"/> does, for <paramref name="version"/> of helm.</summary>
    public Dictionary<string, object?> MergeValues(HelmVersion version) => MergeValues(version.Major());

    /// <summary>
    /// helm's <c>Options.MergeValues</c>: -f files, then --set-json, --set, --set-string, --set-file,
    /// --set-literal. Throws <see cref="ValuesException"/> with helm's messages.
    /// </summary>
    public Dictionary<string, object?> MergeValues(int helmMajor = 4)
    {
        HelmVersions.CheckMajor(helmMajor);
        var bas = new Dictionary<string, object?>();
        foreach (var f in ValueFiles)
        {
            var text = Read(f);
            Dictionary<string, object?> cur;
            try { cur = ChartLoader.LoadValuesFile(text, helmMajor); }
            catch (Exception e) when (e is ChartException or Yaml.GoYamlException)
            {
                throw new ValuesException("failed to parse " + f + ": " + e.Message, e);
            }
            bas = helmMajor == 3 ? ValueMerge.MergeMapsSimple(bas, cur) : ValueMerge.MergeMaps(bas, cur);
        }
        if (ObjectValues != null) bas = helmMajor == 3 ? ValueMerge.MergeMapsSimple(bas, ObjectValues) : ValueMerge.MergeMaps(bas, ObjectValues);
        foreach (var value in JsonValues)
        {
            var trimmed = value.Trim();
            if (helmMajor != 3 && trimmed.Length > 0 && trimmed[0] == '{')
            {
                object? o;
                try { o = HelmSharp.Json.GoJson.Unmarshal(trimmed); }
                catch (HelmSharp.Json.GoJsonException) { throw new ValuesException("failed parsing --set-json data JSON: " + value); }
                if (o is not Dictionary<string, object?> jm) throw new ValuesException("failed parsing --set-json data JSON: " + value);
                bas = ValueMerge.MergeMaps(bas, jm);
                continue;
            }
            try { Strvals.ParseJson(value, bas, helmMajor); }
            catch (ValuesException) { throw new ValuesException("failed parsing --set-json data " + value); }
        }
        foreach (var value in Values)
        {
            try { Strvals.ParseInto(value, bas, helmMajor); }
            catch (ValuesException e) { throw new ValuesException("failed parsing --set data: " + e.Message, e); }
        }
        foreach (var value in StringValues)
        {
            try { Strvals.ParseIntoString(value, bas, helmMajor); }
            catch (ValuesException e) { throw new ValuesException("failed parsing --set-string data: " + e.Message, e); }
        }
        foreach (var value in FileValues)
        {
            try { Strvals.ParseIntoFile(value, bas, rs => Read(rs), helmMajor); }
            catch (ValuesException e) { throw new ValuesException("failed parsing --set-file data: " + e.Message, e); }
        }
        foreach (var value in LiteralValues)
        {
            try { Strvals.ParseLiteralInto(value, bas, helmMajor); }
            catch (ValuesException e) { throw new ValuesException("failed parsing --set-literal data: " + e.Message, e); }
        }
        return bas;
    }
}
