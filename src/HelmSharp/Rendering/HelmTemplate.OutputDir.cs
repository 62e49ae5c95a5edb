using System.Text;
using HelmSharp.Go;

namespace HelmSharp.Rendering;

internal static partial class HelmTemplate
{
    /// <summary>
    /// <c>helm template --output-dir</c>: writes the CRDs (with <see cref="TemplateRequest.IncludeCrds"/>),
    /// manifests and hooks of <paramref name="result"/> as helm does (one file per source template,
    /// each document as <c>---\n# Source: …\n…\n</c>; hooks are appended to existing files) and returns
    /// what helm prints on stdout: a <c>wrote PATH</c> line per document, then the empty manifest line.
    /// </summary>
    /// <param name="result">A successful render.</param>
    /// <param name="request">The request it was rendered from.</param>
    /// <param name="outputDir">The directory as given (helm joins it to the file name textually).</param>
    /// <param name="useReleaseName"><c>--release-name</c>: manifests and hooks go under <c>outputDir/NAME</c>.</param>
    public static string WriteOutputDir(TemplateResult result, TemplateRequest request, string outputDir, bool useReleaseName)
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
        if (!request.NoHooks)
        {
            var hookWritten = new HashSet<string>(StringComparer.Ordinal);
            foreach (var h in result.Hooks)
            {
                if (request.SkipTests && h.Events.Contains("test")) continue;
                // helm appends when the file already exists (from the manifests or an earlier run)
                if (File.Exists(GoPath.Clean(Path.Join(newDir, h.Path)))) hookWritten.Add(h.Path);
                WriteToFile(newDir, h.Path, h.Content, hookWritten.Contains(h.Path), stdout);
                hookWritten.Add(h.Path);
            }
        }
        stdout.Append('\n'); // strings.TrimSpace of the (empty) release manifest, plus its newline
        return stdout.ToString();
    }

    private static void WriteToFile(string dir, string name, string data, bool append, StringBuilder stdout)
    {
        var file = dir + "/" + name;
        var parent = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(parent)) Directory.CreateDirectory(parent);
        var text = "---\n# Source: " + name + "\n" + data + "\n";
        var bytes = GoUtf8.GetBytes(text); // the Go string's bytes, as helm writes them
        using (var f = new FileStream(file, append ? FileMode.Append : FileMode.Create, FileAccess.Write))
            f.Write(bytes);
        stdout.Append("wrote ").Append(file).Append('\n');
    }
}
