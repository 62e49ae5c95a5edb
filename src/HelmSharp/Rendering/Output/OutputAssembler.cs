using System.Text;
using HelmSharp.Charts;
using HelmSharp.Yaml;

namespace HelmSharp.Rendering;

/// <summary>
/// Everything a render does with the rendered files after the template engine, in helm's order: the notes are taken
/// out (<see cref="NotesFile"/>), the rest is split into documents and sorted into hooks and manifests
/// (<see cref="Manifests"/>), the <c>crds/</c> files are listed (<see cref="CrdFiles"/>), the printed text is put
/// together (<see cref="OutputText"/>: CRDs with <c>--include-crds</c>, the manifests, then the hooks that
/// <c>--no-hooks</c>/<c>--skip-tests</c> leave) and cut down by <c>--show-only</c> (<see cref="ShowOnly"/>).
/// <c>--output-dir</c> writes the result instead of printing it (<see cref="OutputDir"/>).
/// </summary>
internal static class OutputAssembler
{
    /// <summary>The result of a render whose templates rendered <paramref name="files"/>; throws <see cref="HelmTemplateException"/> with helm's message.</summary>
    /// <param name="files">The rendered files; the caller releases them afterwards (nothing in the result points into them then).</param>
    /// <param name="chart">The processed chart that was rendered.</param>
    /// <param name="request">The request (helm major, the output switches).</param>
    /// <param name="caches">A compiled chart's caches (manifest heads), or null.</param>
    /// <param name="log">helm's warning lines so far; the assembly adds its own.</param>
    public static TemplateResult Assemble(RenderedFiles files, Chart chart, TemplateRequest request, RenderCaches? caches, List<string> log)
    {
        var notes = NotesFile.Take(files, chart, request.RenderSubchartNotes);
        var (hooks, manifests) = Sort(files, request.HelmMajor, caches, log);
        var crds = CrdFiles.Collect(chart);
        var output = Text(files, request, manifests, hooks, crds);
        if (request.ShowOnly.Count > 0) output = OutputText.Of(ShowOnly.Select(output.ToString(), request.ShowOnly, log));
        return new TemplateResult(output, manifests, hooks, crds, notes, log);
    }

    /// <summary><c>helm template</c> prints (and <c>--output-dir</c> writes) a hook unless <c>--no-hooks</c>, or <c>--skip-tests</c> and it is a test.</summary>
    public static bool IsPrinted(Hook hook, TemplateRequest request) =>
        !(request.NoHooks || request.SkipTests && hook.Events.Contains("test"));

    /// <summary>helm's <c>SortManifests</c> over the rendered files, the manifest heads decoded (and cached by a compiled chart).</summary>
    private static (List<Hook> Hooks, List<Manifest> Manifests) Sort(RenderedFiles files, int major, RenderCaches? caches, List<string> log)
    {
        try
        {
            // The Go type named in a decoding error: releaseutil.SimpleHead in helm 3, util.SimpleHead in helm 4.
            var headType = major >= 4 ? "util.SimpleHead" : "releaseutil.SimpleHead";
            return Manifests.Sort(files.Trimmed(), major, doc =>
            {
                var yaml = RenderPhases.Start();
                var h = caches != null ? caches.ManifestHead(doc.Span, headType) : GoYaml.DecodeManifestHead(doc.ToString(), headType);
                RenderPhases.End(RenderPhases.Phase.Yaml, yaml);
                return (h.Kind, h.Name, h.Annotations);
            }, skipped => log.Add(major >= 4
                ? $"level=INFO msg=\"skipping unknown hooks\" hookTypes={HelmSharp.Go.GoSlog.Value(skipped)}"
                : $"manifest_sorter.go:190: info: skipping unknown hook: {HelmSharp.Go.GoStrconv.Quote(skipped)}"));
        }
        catch (HelmException e)
        {
            // helm --debug prints the rendered files as they are when a document is not YAML.
            var dump = new StringBuilder();
            foreach (var (name, f) in files.Files)
            {
                if (f.Trimmed.IsEmpty) continue;
                dump.Append(OutputText.SourcePrefix).Append(name).Append('\n').Append(f.Exact.Span).Append('\n');
            }
            throw new HelmTemplateException(e.Message, log, dump.ToString(), HelmTemplate.Underneath(e));
        }
    }

    /// <summary>
    /// The printed text: helm's <c>strings.TrimSpace</c> of the CRDs (with <c>--include-crds</c>) and manifests, a line
    /// break, then the printed hooks, each document as <c>---\n# Source: PATH\nTEXT\n</c>.
    /// </summary>
    private static OutputText Text(RenderedFiles files, TemplateRequest request, List<Manifest> manifests, List<Hook> hooks, CrdFiles crds)
    {
        // A document is three pieces with a cached source line (pooled buffers), else five (see OutputText.AddDocument).
        var output = new OutputText((files.Pooled ? 3 : 5) * (manifests.Count + hooks.Count + crds.Count) + 1);
        var placed = new List<(RenderedDocument Doc, int Piece)>(manifests.Count + hooks.Count);
        if (request.IncludeCrds)
            for (int i = 0; i < crds.Count; i++) output.AddDocument(crds.Path(i), crds.Text(i).AsMemory(), files.Pooled);
        foreach (var m in manifests) placed.Add((m, output.AddDocument(m.Path, m.Text, files.Pooled)));
        output.EndTrimmedPart();
        output.Add("\n");
        foreach (var h in hooks)
        {
            if (!IsPrinted(h, request)) { if (files.Pooled) h.Detach(); }
            else placed.Add((h, output.AddDocument(h.Path, h.Text, files.Pooled)));
        }
        // With pooled buffers, every document in the output points into it from now on (the others have strings of
        // their own); otherwise they keep pointing into the render's own buffers and the output is joined on demand.
        if (files.Pooled)
        {
            foreach (var (doc, piece) in placed)
            {
                if (output.InJoined(piece, out var text)) doc.MoveTo(text);
                else doc.Detach();
            }
        }
        return output;
    }
}
