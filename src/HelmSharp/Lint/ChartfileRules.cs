using System.Text;
using HelmSharp.Charts;
using HelmSharp.Go;
using HelmSharp.Semver;
using HelmSharp.Yaml;

namespace HelmSharp.Lint;

/// <summary>helm's <c>rules.Chartfile</c>: the checks of Chart.yaml.</summary>
internal static class ChartfileRules
{
    private const string ChartFileName = "Chart.yaml";

    public static void Run(Linter linter)
    {
        var chartPath = linter.Join(ChartFileName);
        linter.Run(LintSeverity.Error, ChartFileName, Directory.Exists(chartPath) ? "should be a file, not a directory" : null);

        var (chartFile, loadError) = LoadChartfile(chartPath, linter.HelmMajor);
        if (!linter.Run(LintSeverity.Error, ChartFileName, loadError == null ? null : "unable to parse YAML\n\t" + loadError)) return;
        var cf = chartFile!;

        if (linter.HelmMajor >= 4)
        {
            var strict = StrictError(chartPath);
            linter.Run(LintSeverity.Warning, ChartFileName, strict == null ? null : "failed to strictly parse chart metadata file\n\t" + strict);
        }

        var typeCheck = LoadForTypeCheck(chartPath);
        linter.Run(LintSeverity.Error, ChartFileName, ValidateName(cf));
        linter.Run(LintSeverity.Error, ChartFileName, ValidateApiVersion(cf));
        linter.Run(LintSeverity.Error, ChartFileName, IsStringValue(typeCheck, "version"));
        linter.Run(LintSeverity.Error, ChartFileName, ValidateVersion(cf, linter.HelmMajor));
        linter.Run(LintSeverity.Error, ChartFileName, IsStringValue(typeCheck, "appVersion"));
        linter.Run(LintSeverity.Error, ChartFileName, ValidateMaintainers(cf, linter.HelmMajor));
        linter.Run(LintSeverity.Error, ChartFileName, ValidateSources(cf));
        linter.Run(LintSeverity.Info, ChartFileName, cf.Icon.Length == 0 ? "icon is recommended" : null);
        linter.Run(LintSeverity.Error, ChartFileName, cf.Icon.Length != 0 && !GoValidator.IsRequestURL(cf.Icon) ? $"invalid icon URL '{cf.Icon}'" : null);
        linter.Run(LintSeverity.Error, ChartFileName, cf.Type.Length > 0 && cf.ApiVersion != "v2"
            ? $"chart type is not valid in apiVersion '{cf.ApiVersion}'. It is valid in apiVersion 'v2'" : null);
        linter.Run(LintSeverity.Error, ChartFileName, cf.Dependencies is { Count: > 0 } && cf.ApiVersion != "v2"
            ? $"dependencies are not valid in the Chart file with apiVersion '{cf.ApiVersion}'. They are valid in apiVersion 'v2'" : null);
        if (linter.HelmMajor >= 4)
            linter.Run(LintSeverity.Warning, ChartFileName, IsStrictSemver(cf.Version) ? null : $"version '{cf.Version}' is not a valid SemVerV2");
    }

    /// <summary><c>chartutil.LoadChartfile</c>: the file decoded into the metadata struct (no defaults, no validation).</summary>
    internal static (ChartMetadata? Metadata, string? Error) LoadChartfile(string path, int helmMajor)
    {
        string text;
        try { text = ReadText(path); }
        catch (IOException e) { return (null, e.Message); }
        var m = new ChartMetadata();
        try { m.ApplyYaml(ChartYaml.LoadFirst(text), helmMajor); }
        catch (Exception e) when (e is ChartException or GoYamlException) { return (null, e.Message); }
        return (m, null);
    }

    /// <summary>Reads a file as Go's <c>os.ReadFile</c> would report it (a directory: <c>read PATH: is a directory</c>).</summary>
    internal static string ReadText(string path)
    {
        if (Directory.Exists(path)) throw new IOException("read " + path + ": is a directory");
        // go-yaml skips a byte order mark at the start of its input.
        try { return Encoding.UTF8.GetString(File.ReadAllBytes(path) is var b && b.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? b[3..] : b); }
        catch (FileNotFoundException) { throw new IOException("open " + path + ": no such file or directory"); }
        catch (DirectoryNotFoundException) { throw new IOException("open " + path + ": no such file or directory"); }
        catch (UnauthorizedAccessException) { throw new IOException("open " + path + ": permission denied"); }
    }

    // The Chart.yaml struct fields (json tags), for sigs.k8s.io/yaml.UnmarshalStrict's unknown-field check.
    private static readonly string[] s_metadataFields =
        ["name", "home", "sources", "version", "description", "keywords", "maintainers", "icon", "apiVersion",
         "condition", "tags", "appVersion", "deprecated", "annotations", "kubeVersion", "dependencies", "type"];
    private static readonly string[] s_maintainerFields = ["name", "email", "url"];
    private static readonly string[] s_dependencyFields = ["name", "version", "repository", "condition", "tags", "enabled", "import-values", "alias"];

    /// <summary>
    /// helm 4's <c>StrictLoadChartfile</c>: the first field the metadata struct does not have, in the order Go's JSON
    /// decoder meets it (sorted keys, depth first), as <c>json: unknown field "x"</c>.
    /// </summary>
    private static string? StrictError(string path)
    {
        object? doc;
        try { doc = GoYaml.UnmarshalRaw(ReadText(path)); }
        catch (Exception e) when (e is GoYamlException or IOException) { return e.Message; }
        if (doc is not Dictionary<string, object?> top) return null;
        var unknown = FirstUnknown(top, s_metadataFields, (key, v) => key switch
        {
            "maintainers" => FirstUnknownInList(v, s_maintainerFields),
            "dependencies" => FirstUnknownInList(v, s_dependencyFields),
            _ => null,
        });
        return unknown == null ? null : "error unmarshaling JSON: while decoding JSON: json: unknown field " + GoStrconv.Quote(unknown);
    }

    private static string? FirstUnknown(Dictionary<string, object?> map, string[] fields, Func<string, object?, string?>? nested)
    {
        var keys = new List<string>(map.Keys);
        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            string? field = null;
            foreach (var f in fields) if (string.Equals(f, key, StringComparison.OrdinalIgnoreCase)) { field = f; break; }
            if (field == null) return key;
            if (nested?.Invoke(field, map[key]) is { } inner) return inner;
        }
        return null;
    }

    private static string? FirstUnknownInList(object? v, string[] fields)
    {
        if (v is not object?[] list) return null;
        foreach (var e in list)
            if (e is Dictionary<string, object?> m && FirstUnknown(m, fields, null) is { } u) return u;
        return null;
    }

    /// <summary><c>loadChartFileForTypeCheck</c>: Chart.yaml as a generic map (numbers float64); empty on error.</summary>
    private static Dictionary<string, object?> LoadForTypeCheck(string path)
    {
        try { return GoYaml.Unmarshal(ReadText(path)) as Dictionary<string, object?> ?? new(); }
        catch (Exception e) when (e is GoYamlException or IOException) { return new(); }
    }

    private static string? IsStringValue(Dictionary<string, object?> data, string key)
    {
        if (!data.TryGetValue(key, out var value)) return null;
        var type = value switch
        {
            string => "string",
            null => "<nil>",
            bool => "bool",
            double or long => "float64",
            object?[] => "[]interface {}",
            Dictionary<string, object?> => "map[string]interface {}",
            _ => value.GetType().Name,
        };
        return type == "string" ? null : $"{key} should be of type string but it's of type {type}";
    }

    private static string? ValidateName(ChartMetadata cf)
    {
        if (cf.Name.Length == 0) return "name is required";
        if (GoFilepathBase(cf.Name) != cf.Name) return $"chart name {GoStrconv.Quote(cf.Name)} is invalid";
        return null;
    }

    private static string GoFilepathBase(string p)
    {
        if (p.Length == 0) return ".";
        var t = p.TrimEnd('/');
        if (t.Length == 0) return "/";
        int i = t.LastIndexOf('/');
        return i >= 0 ? t[(i + 1)..] : t;
    }

    private static string? ValidateApiVersion(ChartMetadata cf)
    {
        if (cf.ApiVersion.Length == 0) return "apiVersion is required. The value must be either \"v1\" or \"v2\"";
        if (cf.ApiVersion is not ("v1" or "v2")) return $"apiVersion '{cf.ApiVersion}' is not valid. The value must be either \"v1\" or \"v2\"";
        return null;
    }

    private static string? ValidateVersion(ChartMetadata cf, int major)
    {
        if (cf.Version.Length == 0) return "version is required";
        if (!SemverVersion.TryParse(cf.Version, out var v, out _, v330: major < 4)) return $"version '{cf.Version}' is not a valid SemVer";
        // semver.NewConstraint(">0.0.0-0").Validate(v): only 0.0.0-0 itself is not greater.
        if (v.Major == 0 && v.Minor == 0 && v.Patch == 0 && v.Prerelease == "0")
            return $"version {v.GoString()} is less than or equal to 0.0.0-0";
        return null;
    }

    private static string? ValidateMaintainers(ChartMetadata cf, int major)
    {
        if (cf.Maintainers == null) return null;
        foreach (var m in cf.Maintainers)
        {
            if (m == null)
            {
                if (major >= 4) return "a maintainer entry is empty";
                continue; // helm 3 dereferences the nil pointer and crashes
            }
            if (m.Name.Length == 0) return "each maintainer requires a name";
            if (m.Email.Length != 0 && !GoValidator.IsEmail(m.Email)) return $"invalid email '{m.Email}' for maintainer '{m.Name}'";
            if (m.Url.Length != 0 && !GoValidator.IsURL(m.Url)) return $"invalid url '{m.Url}' for maintainer '{m.Name}'";
        }
        return null;
    }

    private static string? ValidateSources(ChartMetadata cf)
    {
        if (cf.Sources == null) return null;
        foreach (var s in cf.Sources)
            if (s.Length == 0 || !GoValidator.IsRequestURL(s)) return $"invalid source URL '{s}'";
        return null;
    }

    /// <summary>Masterminds semver 3.4's <c>StrictNewVersion</c> succeeds: exactly MAJOR.MINOR.PATCH, no leading zeros.</summary>
    internal static bool IsStrictSemver(string v)
    {
        if (v.Length == 0) return false;
        var parts = v.Split('.', 3);
        if (parts.Length != 3) return false;
        int plus = parts[2].IndexOf('+');
        if (plus >= 0)
        {
            if (SemverVersion.ValidateMetadata(parts[2][(plus + 1)..]) != null) return false;
            parts[2] = parts[2][..plus];
        }
        int dash = parts[2].IndexOf('-');
        if (dash >= 0)
        {
            if (SemverVersion.ValidatePrerelease(parts[2][(dash + 1)..]) != null) return false;
            parts[2] = parts[2][..dash];
        }
        foreach (var p in parts)
        {
            foreach (var c in p) if (c is < '0' or > '9') return false;
            if (p.Length > 1 && p[0] == '0') return false;
            if (!ulong.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)) return false;
        }
        return true;
    }
}
