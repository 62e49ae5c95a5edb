using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace HelmSharp.Charts;

/// <summary>
/// Loads charts exactly as helm's <c>pkg/chart/loader</c> does: from a directory (with
/// <c>.helmignore</c>), a <c>.tgz</c> archive (path checks, size caps) or in-memory files.
/// </summary>
internal static class ChartLoader
{
    /// <summary>Maximum total decompressed size of an archive (100 MiB).</summary>
    public const long MaxDecompressedChartSize = 100L * 1024 * 1024;
    /// <summary>Maximum size of one file (5 MiB).</summary>
    public const long MaxDecompressedFileSize = 5L * 1024 * 1024;
    private const int MaxSubchartDepth = 64;

    private static readonly byte[] s_bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Loads a chart from a directory or an archive file (helm's <c>loader.Load</c>).</summary>
    /// <param name="path">Chart directory or <c>.tgz</c> file.</param>
    /// <param name="helmMajor">Helm major version to emulate (4 or 3).</param>
    public static Chart Load(string path, int helmMajor = 4)
    {
        HelmVersions.CheckMajor(helmMajor);
        var phase = HelmSharp.Rendering.RenderPhases.Start();
        try { return LoadPath(path, helmMajor); }
        finally { HelmSharp.Rendering.RenderPhases.End(HelmSharp.Rendering.RenderPhases.Phase.Load, phase); }
    }

    private static Chart LoadPath(string path, int helmMajor)
    {
        if (Directory.Exists(path)) return LoadDirectory(path, helmMajor);
        if (!File.Exists(path)) throw new ChartException("stat " + path + ": no such file or directory");
        using var fs = File.OpenRead(path);
        EnsureArchive(path, fs);
        return LoadArchive(fs, helmMajor);
    }

    // helm's EnsureArchive: a friendly error when the file is not gzip (DetectContentType over a zero-padded 512-byte buffer).
    internal static void EnsureArchive(string name, Stream raw)
    {
        var buf = new byte[512];
        int n = 0, r;
        while (n < buf.Length && (r = raw.Read(buf, n, buf.Length - n)) > 0) n += r;
        raw.Seek(0, SeekOrigin.Begin);
        if (n >= 3 && buf[0] == 0x1F && buf[1] == 0x8B && buf[2] == 0x08) return;
        if (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal))
            throw new ChartException("file '" + name + "' seems to be a YAML file, but expected a gzipped archive");
        bool text = true;
        foreach (var b in buf) if (b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D or 0x1B)) { text = false; break; }
        var contentType = text ? "text/plain; charset=utf-8" : "application/octet-stream";
        throw new ChartException("file '" + name + "' does not appear to be a gzipped archive; got '" + contentType + "'");
    }

    /// <summary>Loads a chart directory: lexical walk, <c>.helmignore</c> applied, irregular and oversized files rejected.</summary>
    public static Chart LoadDirectory(string dir, int helmMajor = 4)
    {
        HelmVersions.CheckMajor(helmMajor);
        var top = Path.GetFullPath(dir);
        if (helmMajor != 3 && !File.Exists(Path.Combine(top, "Chart.yaml")))
        {
            var cy = Path.Combine(dir, "Chart.yaml");
            throw new ChartException("unable to detect chart at " + cy + ": open " + cy + ": no such file or directory");
        }
        var rules = HelmIgnore.Empty();
        var ifile = Path.Combine(top, ".helmignore");
        if (File.Exists(ifile)) rules = HelmIgnore.Parse(File.ReadAllText(ifile));
        rules.AddDefaults();
        var files = new List<(string, byte[])>();
        Walk(top, "", rules, files, 0);
        return LoadFiles(files, helmMajor);
    }

    internal static void Walk(string abs, string rel, HelmIgnore rules, List<(string, byte[])> files, int depth)
    {
        if (depth > 256) throw new ChartException("chart directory nesting is too deep: " + rel);
        var entries = new List<string>();
        foreach (var e in Directory.EnumerateFileSystemEntries(abs)) entries.Add(Path.GetFileName(e));
        entries.Sort(StringComparer.Ordinal);
        foreach (var name in entries)
        {
            var full = Path.Combine(abs, name);
            var r = rel.Length == 0 ? name : rel + "/" + name;
            FileSystemInfo fi = new FileInfo(full);
            if (fi.LinkTarget != null)
            {
                var target = fi.ResolveLinkTarget(true);
                if (target == null || !target.Exists) throw new ChartException("error evaluating symlink " + full + ": lstat " + fi.LinkTarget + ": no such file or directory");
                fi = target;
            }
            else if (Directory.Exists(full)) fi = new DirectoryInfo(full);
            if (fi is DirectoryInfo)
            {
                if (rules.Ignore(r, true)) continue;
                Walk(fi.FullName, r, rules, files, depth + 1);
                continue;
            }
            if (rules.Ignore(r, false)) continue;
            var f = (FileInfo)fi;
            if ((f.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0 && f.LinkTarget == null && (f.Attributes & FileAttributes.Device) != 0)
                throw new ChartException("cannot load irregular file " + full + " as it has file mode type bits set");
            if (f.Length > MaxDecompressedFileSize)
                throw new ChartException($"chart file \"{name}\" is larger than the maximum file size {MaxDecompressedFileSize}");
            byte[] data;
            try { data = File.ReadAllBytes(f.FullName); }
            catch (IOException e) { throw new ChartException("error reading " + r + ": " + e.Message, e); }
            files.Add((r, StripBom(data)));
        }
    }

    internal static byte[] StripBom(byte[] data) =>
        data.AsSpan().StartsWith(s_bom) ? data.AsSpan(3).ToArray() : data;

    /// <summary>Loads a gzipped tar chart archive (helm's <c>LoadArchive</c>; <c>.helmignore</c> is not applied).</summary>
    /// <remarks>helm 4.1 reports every archive-level failure (paths, sizes, gzip) as <c>unable to load chart archive</c>.</remarks>
    public static Chart LoadArchive(Stream stream, int helmMajor = 4)
    {
        HelmVersions.CheckMajor(helmMajor);
        List<(string Name, byte[] Data)> files;
        try { files = ReadArchiveFiles(stream); }
        catch (ChartException e) when (helmMajor != 3) { throw new ChartException("unable to load chart archive", e); }
        return LoadFiles(files, helmMajor);
    }

    /// <summary>Reads the files of a chart archive with helm's safety checks; names have their first path component stripped.</summary>
    public static List<(string Name, byte[] Data)> ReadArchiveFiles(Stream stream)
    {
        var files = new List<(string, byte[])>();
        long remaining = MaxDecompressedChartSize;
        try
        {
            using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var tr = new TarReader(gz, leaveOpen: true);
            TarEntry? hd;
            while ((hd = tr.GetNextEntry(copyData: false)) != null)
            {
                if (hd.EntryType is TarEntryType.Directory) continue;
                if (hd.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes) continue;
                var hname = hd.Name;
                var delim = hname.Contains('\\') ? '\\' : '/';
                var parts = hname.Split(delim);
                var n = string.Join("/", parts.Skip(1));
                if (n.StartsWith('/')) throw new ChartException("chart illegally contains absolute paths");
                n = HelmSharp.Go.GoPath.Clean(n);
                if (n == ".") throw new ChartException("chart illegally contains content outside the base directory: " + HelmSharp.Go.GoStrconv.Quote(hname));
                if (n.StartsWith("..")) throw new ChartException("chart illegally references parent directory");
                if (n.Length >= 3 && char.IsAsciiLetter(n[0]) && n[1] == ':' && n[2] == '/') throw new ChartException("chart contains illegally named files");
                if (parts[0] == "Chart.yaml") throw new ChartException("chart yaml not in base directory");
                long size = hd.Length;
                // helm checks the remaining chart budget before the per-file limit (helm v3.17.3, a 300 MiB entry).
                if (size > remaining)
                    throw new ChartException($"decompressed chart is larger than the maximum file size {MaxDecompressedChartSize}");
                if (size > MaxDecompressedFileSize)
                    throw new ChartException($"decompressed chart file {HelmSharp.Go.GoStrconv.Quote(hname)} is larger than the maximum file size {MaxDecompressedFileSize}");
                byte[] data;
                if (hd.DataStream == null || hd.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink) data = [];
                else
                {
                    using var ms = new MemoryStream();
                    var buf = new byte[81920];
                    long total = 0;
                    int read;
                    while ((read = hd.DataStream.Read(buf, 0, buf.Length)) > 0)
                    {
                        total += read;
                        if (total > remaining || total > MaxDecompressedFileSize)
                            throw new ChartException($"decompressed chart is larger than the maximum file size {MaxDecompressedChartSize}");
                        ms.Write(buf, 0, read);
                    }
                    data = ms.ToArray();
                    remaining -= total;
                }
                files.Add((n, StripBom(data)));
            }
        }
        catch (InvalidDataException e) { throw new ChartException(GzipMessage(e), e); }
        catch (FormatException e) { throw new ChartException("archive/tar: invalid tar header", e); }
        catch (EndOfStreamException e) { throw new ChartException("unexpected EOF", e); }
        if (files.Count == 0) throw new ChartException("no files in chart archive");
        return files;
    }

    private static string GzipMessage(InvalidDataException e) =>
        e.Message.Contains("magic", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("header", StringComparison.OrdinalIgnoreCase)
            ? "gzip: invalid header" : "unexpected EOF";

    /// <summary>Loads a chart from in-memory files (name → bytes), as helm's <c>LoadFiles</c>.</summary>
    public static Chart LoadFiles(IEnumerable<KeyValuePair<string, byte[]>> files, int helmMajor = 4) =>
        LoadFiles(files.Select(kv => (kv.Key, StripBom(kv.Value))).ToList(), HelmVersions.CheckMajor(helmMajor));

    internal static Chart LoadFiles(List<(string Name, byte[] Data)> files, int helmMajor) => LoadFiles(files, helmMajor, 0);

    // Go strings are bytes: a file that is not valid UTF-8 keeps its bytes (surrogate-escaped) so that the YAML reader
    // rejects them as go-yaml does instead of reading U+FFFD.
    private static string Text(byte[] b) => HelmSharp.Go.GoUtf8.GetString(b);

    private static Chart LoadFiles(List<(string Name, byte[] Data)> files, int helmMajor, int depth)
    {
        if (depth > MaxSubchartDepth) throw new ChartException("chart nesting is too deep");
        var c = new Chart();
        bool haveMeta = false;
        foreach (var (name, data) in files)
        {
            c.Raw.Add(new ChartFile(name, data));
            if (name == "Chart.yaml")
            {
                haveMeta = true;
                try { c.Metadata.ApplyYaml(ChartYaml.LoadFirst(Text(data)), helmMajor); }
                catch (Exception e) when (e is ChartException or Yaml.GoYamlException) { throw new ChartException("cannot load Chart.yaml: " + e.Message, e); }
                if (c.Metadata.ApiVersion.Length == 0) c.Metadata.ApiVersion = "v1";
            }
        }
        var subcharts = new SortedDictionary<string, List<(string, byte[])>>(StringComparer.Ordinal);
        foreach (var (name, data) in files)
        {
            switch (name)
            {
                case "Chart.yaml": continue;
                case "Chart.lock":
                    c.Lock = DecodeLock(data, "Chart.lock");
                    continue;
                case "values.yaml":
                    c.Values = LoadValuesFile(Text(data), helmMajor, "cannot load values.yaml");
                    continue;
                case "values.schema.json":
                    c.Schema = data;
                    continue;
                case "requirements.yaml":
                    haveMeta = true;
                    try
                    {
                        var doc = ChartYaml.LoadFirst(Text(data));
                        c.Metadata.ApplyYaml(doc, helmMajor);
                    }
                    catch (Exception e) when (e is ChartException or Yaml.GoYamlException) { throw new ChartException("cannot load requirements.yaml: " + e.Message, e); }
                    if (c.Metadata.ApiVersion == "v1") c.Files.Add(new ChartFile(name, data));
                    continue;
                case "requirements.lock":
                    c.Lock = DecodeLock(data, "requirements.lock");
                    haveMeta = true;
                    if (c.Metadata.ApiVersion == "v1") c.Files.Add(new ChartFile(name, data));
                    continue;
            }
            if (name.StartsWith("templates/", StringComparison.Ordinal)) { c.Templates.Add(new ChartFile(name, data)); continue; }
            if (name.StartsWith("charts/", StringComparison.Ordinal))
            {
                if (name.EndsWith(".prov", StringComparison.Ordinal) && HelmSharp.Go.GoPath.Ext(name) == ".prov") { c.Files.Add(new ChartFile(name, data)); continue; }
                var fname = name.Substring("charts/".Length);
                int slash = fname.IndexOf('/');
                var cname = slash >= 0 ? fname.Substring(0, slash) : fname;
                if (!subcharts.TryGetValue(cname, out var l)) subcharts[cname] = l = [];
                l.Add((fname, data));
                continue;
            }
            c.Files.Add(new ChartFile(name, data));
        }
        if (!haveMeta) throw new ChartException("Chart.yaml file is missing");
        c.Metadata.Validate(helmMajor);
        foreach (var (n, sfiles) in subcharts)
        {
            if (n.Length > 0 && (n[0] == '_' || n[0] == '.')) continue;
            Chart sc;
            try
            {
                if (HelmSharp.Go.GoPath.Ext(n) == ".tgz")
                {
                    var file = sfiles[0];
                    if (file.Item1 != n)
                        throw new ChartException($"error unpacking subchart tar in {c.Name}: expected {n}, got {file.Item1}");
                    using var ms = new MemoryStream(file.Item2);
                    sc = LoadFiles(ReadArchiveFiles(ms), helmMajor, depth + 1);
                }
                else
                {
                    var buff = new List<(string, byte[])>();
                    foreach (var (fn, fd) in sfiles)
                    {
                        int i = fn.IndexOf('/');
                        if (i < 0) continue;
                        buff.Add((fn.Substring(i + 1), fd));
                    }
                    sc = LoadFiles(buff, helmMajor, depth + 1);
                }
            }
            catch (ChartException e) when (!e.Message.StartsWith("error unpacking subchart tar in", StringComparison.Ordinal) || HelmSharp.Go.GoPath.Ext(n) != ".tgz")
            {
                throw new ChartException($"error unpacking subchart {n} in {c.Name}: {e.Message}", e);
            }
            c.AddDependency(sc);
        }
        return c;
    }

    private static object? DecodeLock(byte[] data, string what)
    {
        try { return ChartYaml.LoadFirst(Text(data)); }
        catch (Yaml.GoYamlException e) { throw new ChartException("cannot load " + what + ": " + e.Message, e); }
    }

    /// <summary>
    /// Reads a values file as helm does: helm 3 decodes the first YAML document into a map; helm 4
    /// decodes every document and merges them (<c>loader.LoadValues</c>).
    /// </summary>
    public static Dictionary<string, object?> LoadValuesFile(string text, int helmMajor, string? errorPrefix = null)
    {
        try
        {
            if (helmMajor == 3)
            {
                var doc = ChartYaml.LoadFirst(text);
                return AsValuesMap(doc, "map[string]interface {}");
            }
            try { return Yaml.GoYaml.UnmarshalAll(text); }
            catch (Yaml.GoYamlException e) { throw new ChartException(e.Message, e); }
        }
        catch (Exception e) when (errorPrefix != null && e is ChartException or Yaml.GoYamlException)
        {
            throw new ChartException(errorPrefix + ": " + e.Message, e);
        }
    }

    private static Dictionary<string, object?> AsValuesMap(object? doc, string goType) => doc switch
    {
        null => new Dictionary<string, object?>(),
        Dictionary<string, object?> d => d,
        _ => throw new ChartException($"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {ChartMetadata.JsonKind(doc)} into Go value of type {goType}"),
    };
}
