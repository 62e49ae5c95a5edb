using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Rendering.Objects;

/// <summary>
/// helm's <c>.Files</c> (<c>engine.files</c>, a <c>map[string][]byte</c> with methods): the chart's
/// non-template files by chart-relative path. Files keep their bytes exactly as the archive or the disk held them
/// (only a leading UTF-8 BOM is dropped at load, as helm does): the strings made from them are Go strings, whose
/// bytes that are not valid UTF-8 are carried by <see cref="GoUtf8"/>'s surrogate escaping, so <c>b64enc</c>,
/// <c>sha256sum</c>, <c>len</c> and the rendered output see the file's own bytes (a compressed or binary file
/// survives <c>.Files.Get | b64enc</c>).
/// </summary>
internal sealed class Files : Dictionary<string, object?>, IGoMethods
{
    private static readonly GoType s_type = GoType.Named("engine.files", GoType.MapOf(GoType.String, GoType.SliceUint8));

    /// <summary>Creates the object over <paramref name="files"/> (path → bytes).</summary>
    public Files(IEnumerable<KeyValuePair<string, byte[]>> files) : base(StringComparer.Ordinal)
    {
        foreach (var kv in files) this[kv.Key] = kv.Value;
    }

    /// <inheritdoc/>
    public GoType GoType => s_type;

    /// <inheritdoc/>
    public bool TryGetMethod(string name, out GoMethod method) => (method = BuildMethod(name)!) != null;

    /// <summary>The file's bytes, or an empty array.</summary>
    public byte[] GetBytes(string name) => TryGetValue(name, out var v) && v is byte[] b ? b : [];

    /// <summary>The file's content as a Go string (<c>string(bytes)</c>, see <see cref="GoUtf8"/>), or "".</summary>
    public string Get(string name) => GoUtf8.GetString(GetBytes(name));

    /// <summary>The files whose path matches the gobwas glob <paramref name="pattern"/> (an invalid pattern matches everything).</summary>
    public Files Glob(string pattern)
    {
        var re = GlobPattern.TryCompile(pattern);
        var result = new Files([]);
        foreach (var kv in this)
            if (re == null || re.IsMatch(kv.Key)) result[kv.Key] = kv.Value;
        return result;
    }

    /// <summary>The file split into lines (one trailing newline removed); an empty array when missing.</summary>
    public string[] Lines(string path)
    {
        if (!TryGetValue(path, out var v) || v is not byte[] b) return [];
        var s = GoUtf8.GetString(b);
        if (s.Length == 0) throw new GoFunctionException("runtime error: index out of range [-1]");
        if (s[^1] == '\n') s = s[..^1];
        return s.Split('\n');
    }

    /// <summary><c>toYaml</c> of base name → content (Go strings: toYaml's JSON step turns each invalid byte into U+FFFD, as in helm).</summary>
    public string AsConfig() => AsMap(GoUtf8.GetString);

    /// <summary><c>toYaml</c> of base name → base64 content.</summary>
    public string AsSecrets() => AsMap(Convert.ToBase64String);

    private string AsMap(Func<byte[], string> convert)
    {
        var m = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in this)
        {
            m[GoPath.Base(kv.Key)] = convert(kv.Value as byte[] ?? []);
        }
        return HelmSharp.Helm.HelmFunctions.ToYaml(m);
    }

    private GoMethod? BuildMethod(string name) => name switch
    {
        "Get" => new(name, [GoType.String], a => Get((string)a[0]!)),
        "GetBytes" => new(name, [GoType.String], a => GetBytes((string)a[0]!)),
        "Glob" => new(name, [GoType.String], a => Glob((string)a[0]!)),
        "Lines" => new(name, [GoType.String], a => Lines((string)a[0]!)),
        "AsConfig" => new(name, [], _ => AsConfig()),
        "AsSecrets" => new(name, [], _ => AsSecrets()),
        _ => null,
    };
}
