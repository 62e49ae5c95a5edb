using System.Formats.Tar;
using System.IO.Enumeration;
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
        return LoadFiles(ReadDirectory(top), helmMajor, 0);
    }

    /// <summary>The files of a chart directory (<paramref name="top"/>, absolute) as helm's <c>LoadDir</c> walks it, with its <c>.helmignore</c>.</summary>
    internal static List<ChartFile> ReadDirectory(string top)
    {
        var rules = HelmIgnore.Empty();
        var ifile = Path.Combine(top, ".helmignore");
        if (File.Exists(ifile)) rules = HelmIgnore.Parse(File.ReadAllText(ifile));
        rules.AddDefaults();
        var files = new List<ChartFile>();
        Walk(top, "", rules, files, 0);
        return files;
    }

    private static readonly EnumerationOptions s_entries = new()
    {
        AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false, ReturnSpecialDirectories = false,
    };

    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink, FileAttributes Attributes, long Length);

    // One directory read; the names' kinds come with it and a file's size from one lstat (no per-entry FileInfo,
    // readlink or extra stat but for symbolic links).
    private static List<Entry> ReadEntries(string abs)
    {
        var list = new List<Entry>(new FileSystemEnumerable<Entry>(abs, static (ref FileSystemEntry e) =>
        {
            var attrs = e.Attributes;
            bool link = (attrs & FileAttributes.ReparsePoint) != 0;
            bool dir = !link && e.IsDirectory;
            return new Entry(e.FileName.ToString(), dir, link, attrs, dir || link ? 0 : e.Length);
        }, s_entries));
        list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return list;
    }

    internal static void Walk(string abs, string rel, HelmIgnore rules, List<ChartFile> files, int depth)
    {
        if (depth > 256) throw new ChartException("chart directory nesting is too deep: " + rel);
        foreach (var e in ReadEntries(abs))
        {
            var name = e.Name;
            var full = Path.Combine(abs, name);
            var r = rel.Length == 0 ? name : rel + "/" + name;
            string path = full;
            bool isDir = e.IsDirectory;
            long length = e.Length;
            FileAttributes attrs = e.Attributes;
            if (e.IsLink)
            {
                FileSystemInfo fi = new FileInfo(full);
                var target = fi.LinkTarget == null ? fi : fi.ResolveLinkTarget(true);
                if (target != null && !target.Exists && Directory.Exists(target.FullName)) target = new DirectoryInfo(target.FullName);
                if (target == null || !target.Exists) throw new ChartException("error evaluating symlink " + full + ": lstat " + fi.LinkTarget + ": no such file or directory");
                path = target.FullName;
                isDir = target is DirectoryInfo;
                attrs = target.Attributes;
                length = target is FileInfo tf ? tf.Length : 0;
            }
            if (isDir)
            {
                if (rules.Ignore(r, true)) continue;
                Walk(path, r, rules, files, depth + 1);
                continue;
            }
            if (rules.Ignore(r, false)) continue;
            if ((attrs & FileAttributes.Device) != 0)
                throw new ChartException("cannot load irregular file " + full + " as it has file mode type bits set");
            if (length > MaxDecompressedFileSize)
                throw new ChartException($"chart file \"{name}\" is larger than the maximum file size {MaxDecompressedFileSize}");
            var file = ChartFile.OnDisk(r, path);
            // What loading reads is read now, in walk order as helm reads every file; the rest when first used. A file
            // read later that cannot be opened now fails now, as in helm (a cheap check: readable by everyone, or root).
            if (NeededAtLoad(r)) _ = file.Data;
            else if (!Environment.IsPrivilegedProcess && !ReadableByAll(path)) ChartFileContent.ReadFile(path, r);
            files.Add(file);
        }
    }

    // Over-approximates the files LoadFiles reads (at any depth: a subchart's are under charts/NAME/): metadata,
    // values, schema, locks, templates and subchart archives.
    private static bool NeededAtLoad(string rel)
    {
        int slash = rel.LastIndexOf('/');
        var baseName = slash < 0 ? rel : rel.Substring(slash + 1);
        if (baseName is "Chart.yaml" or "Chart.lock" or "values.yaml" or "values.schema.json" or "requirements.yaml" or "requirements.lock") return true;
        if (rel.StartsWith("templates/", StringComparison.Ordinal) || rel.Contains("/templates/", StringComparison.Ordinal)) return true;
        return baseName.EndsWith(".tgz", StringComparison.Ordinal);
    }

    private static bool ReadableByAll(string path)
    {
        if (OperatingSystem.IsWindows()) return true;
        try { return (File.GetUnixFileMode(path) & UnixFileMode.OtherRead) != 0; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    internal static byte[] StripBom(byte[] data) =>
        data.AsSpan().StartsWith(s_bom) ? data.AsSpan(3).ToArray() : data;

    /// <summary>Loads a gzipped tar chart archive (helm's <c>LoadArchive</c>; <c>.helmignore</c> is not applied).</summary>
    /// <remarks>helm 4.1 reports every archive-level failure (paths, sizes, gzip) as <c>unable to load chart archive</c>.</remarks>
    public static Chart LoadArchive(Stream stream, int helmMajor = 4)
    {
        HelmVersions.CheckMajor(helmMajor);
        List<ChartFile> files;
        try { files = ReadArchiveFiles(stream); }
        catch (ChartException e) when (helmMajor != 3) { throw new ChartException("unable to load chart archive", e); }
        return LoadFiles(files, helmMajor);
    }

    /// <summary>Reads the files of a chart archive with helm's safety checks; names have their first path component stripped.</summary>
    public static List<ChartFile> ReadArchiveFiles(Stream stream)
    {
        var files = new List<ChartFile>();
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
                    // Into an array of the header's size (bounded by the checks above), one copy; a stream that runs
                    // past the header's size is refused as helm's LimitReader-guarded copy refuses it.
                    data = size == 0 ? [] : GC.AllocateUninitializedArray<byte>((int)size);
                    int total = 0, read;
                    while (total < data.Length && (read = hd.DataStream.Read(data, total, data.Length - total)) > 0) total += read;
                    if (total < data.Length) data = data.AsSpan(0, total).ToArray();
                    else if (hd.DataStream.ReadByte() >= 0)
                        throw new ChartException($"decompressed chart is larger than the maximum file size {MaxDecompressedChartSize}");
                    remaining -= total;
                }
                files.Add(new ChartFile(n, StripBom(data)));
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
        LoadFiles(files.Select(kv => new ChartFile(kv.Key, StripBom(kv.Value))).ToList(), HelmVersions.CheckMajor(helmMajor), 0);

    internal static Chart LoadFiles(List<ChartFile> files, int helmMajor) => LoadFiles(files, helmMajor, 0);

    // Go strings are bytes: a file that is not valid UTF-8 keeps its bytes (surrogate-escaped) so that the YAML reader
    // rejects them as go-yaml does instead of reading U+FFFD.
    private static string Text(byte[] b) => HelmSharp.Go.GoUtf8.GetString(b);

    // The chart's lists share the ChartFile objects (one per file; a subchart's are the same contents renamed): a file
    // read lazily is read once, whichever list it is reached through.
    private static Chart LoadFiles(List<ChartFile> files, int helmMajor, int depth)
    {
        if (depth > MaxSubchartDepth) throw new ChartException("chart nesting is too deep");
        var c = new Chart();
        bool haveMeta = false;
        c.Raw.AddRange(files);
        foreach (var f in files)
        {
            if (f.Name == "Chart.yaml")
            {
                haveMeta = true;
                try { c.Metadata.ApplyYaml(ChartYaml.LoadFirst(Text(f.Data)), helmMajor); }
                catch (Exception e) when (e is ChartException or Yaml.GoYamlException) { throw new ChartException("cannot load Chart.yaml: " + e.Message, e); }
                if (c.Metadata.ApiVersion.Length == 0) c.Metadata.ApiVersion = "v1";
            }
        }
        var subcharts = new SortedDictionary<string, List<ChartFile>>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            var name = f.Name;
            switch (name)
            {
                case "Chart.yaml": continue;
                case "Chart.lock":
                    c.Lock = DecodeLock(f.Data, "Chart.lock");
                    continue;
                case "values.yaml":
                    c.Values = LoadValuesFile(Text(f.Data), helmMajor, "cannot load values.yaml");
                    continue;
                case "values.schema.json":
                    c.Schema = f.Data;
                    continue;
                case "requirements.yaml":
                    haveMeta = true;
                    try
                    {
                        var doc = ChartYaml.LoadFirst(Text(f.Data));
                        c.Metadata.ApplyYaml(doc, helmMajor);
                    }
                    catch (Exception e) when (e is ChartException or Yaml.GoYamlException) { throw new ChartException("cannot load requirements.yaml: " + e.Message, e); }
                    if (c.Metadata.ApiVersion == "v1") c.Files.Add(f);
                    continue;
                case "requirements.lock":
                    c.Lock = DecodeLock(f.Data, "requirements.lock");
                    haveMeta = true;
                    if (c.Metadata.ApiVersion == "v1") c.Files.Add(f);
                    continue;
            }
            if (name.StartsWith("templates/", StringComparison.Ordinal)) { c.Templates.Add(f); continue; }
            if (name.StartsWith("charts/", StringComparison.Ordinal))
            {
                if (name.EndsWith(".prov", StringComparison.Ordinal) && HelmSharp.Go.GoPath.Ext(name) == ".prov") { c.Files.Add(f); continue; }
                var fname = name.Substring("charts/".Length);
                int slash = fname.IndexOf('/');
                var cname = slash >= 0 ? fname.Substring(0, slash) : fname;
                if (!subcharts.TryGetValue(cname, out var l)) subcharts[cname] = l = [];
                l.Add(f.WithName(fname));
                continue;
            }
            c.Files.Add(f);
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
                    if (file.Name != n)
                        throw new ChartException($"error unpacking subchart tar in {c.Name}: expected {n}, got {file.Name}");
                    using var ms = new MemoryStream(file.Data);
                    sc = LoadFiles(ReadArchiveFiles(ms), helmMajor, depth + 1);
                }
                else
                {
                    var buff = new List<ChartFile>();
                    foreach (var sf in sfiles)
                    {
                        int i = sf.Name.IndexOf('/');
                        if (i < 0) continue;
                        buff.Add(sf.WithName(sf.Name.Substring(i + 1)));
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

    /// <summary>The default values of a chart this class loaded as helm <paramref name="helmMajor"/>, decoded again from its values.yaml as loading decoded them.</summary>
    internal static Dictionary<string, object?> ReloadValues(Chart c, int helmMajor)
    {
        ChartFile? values = null;
        foreach (var f in c.Raw) if (f.Name == "values.yaml") values = f; // the last one, as loading takes it
        return values == null ? new Dictionary<string, object?>() : LoadValuesFile(Text(values.Data), helmMajor, "cannot load values.yaml");
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
