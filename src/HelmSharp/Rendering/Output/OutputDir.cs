using System.Text;
using HelmSharp.Go;

namespace HelmSharp.Rendering;

/// <summary>
/// <c>helm template --output-dir</c> (the public entry is <see cref="HelmTemplate.WriteOutputDir"/>): one file per
/// source template instead of the printed text.
/// </summary>
internal static class OutputDir
{
    /// <inheritdoc cref="HelmTemplate.WriteOutputDir"/>
    public static string Write(TemplateResult result, TemplateRequest request, string outputDir, bool useReleaseName)
    {
        var stdout = new StringBuilder();
        var written = new HashSet<string>(StringComparer.Ordinal);
        if (request.IncludeCrds)
        {
            foreach (var crd in result.Crds)
            {
                WriteToFile(outputDir, crd.Key, crd.Value, written.Contains(crd.Key), stdout);
                written.Add(crd.Key);
            }
        }
        var newDir = useReleaseName ? Path.Join(outputDir, request.ReleaseName) : outputDir;
        if (useReleaseName) newDir = GoPath.Clean(newDir);
        foreach (var m in result.Manifests)
        {
            WriteToFile(newDir, m.Path, m.Content, written.Contains(m.Path), stdout);
            written.Add(m.Path);
        }
        var hookWritten = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in result.Hooks)
        {
            if (!OutputAssembler.IsPrinted(h, request)) continue;
            // helm appends when the file already exists (from the manifests or an earlier run)
            if (File.Exists(GoPath.Clean(Path.Join(newDir, h.Path)))) hookWritten.Add(h.Path);
            WriteToFile(newDir, h.Path, h.Content, hookWritten.Contains(h.Path), stdout);
            hookWritten.Add(h.Path);
        }
        stdout.Append('\n'); // strings.TrimSpace of the (empty) release manifest, plus its newline
        return stdout.ToString();
    }

    private static void WriteToFile(string dir, string name, string data, bool append, StringBuilder stdout)
    {
        var file = dir + "/" + name;
        var parent = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(parent)) Directory.CreateDirectory(parent);
        var text = OutputText.SourcePrefix + name + "\n" + data + "\n";
        var bytes = GoUtf8.GetBytes(text); // the Go string's bytes, as helm writes them
        using (var f = new FileStream(file, append ? FileMode.Append : FileMode.Create, FileAccess.Write))
            f.Write(bytes);
        stdout.Append("wrote ").Append(file).Append('\n');
    }
}
