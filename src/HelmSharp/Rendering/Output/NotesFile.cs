using System.Text;
using HelmSharp.Charts;

namespace HelmSharp.Rendering;

/// <summary>
/// <c>NOTES.txt</c>: helm renders every chart's notes with the templates, keeps the root chart's
/// (<c>templates/NOTES.txt</c>; every chart's with <c>--render-subchart-notes</c>, joined by a line break in render
/// order) as the release notes, which <c>helm template</c> does not print, and never treats a notes file as a manifest.
/// </summary>
internal static class NotesFile
{
    /// <summary>Takes the notes out of <paramref name="files"/>: returns the release notes and drops every notes file.</summary>
    public static string Take(RenderedFiles files, Chart chart, bool renderSubchartNotes)
    {
        var notes = new StringBuilder();
        var rootNotes = chart.Name + "/templates/NOTES.txt";
        foreach (var (k, f) in files.Files)
        {
            if (!IsNotes(k) || !(renderSubchartNotes || k == rootNotes)) continue;
            if (notes.Length > 0) notes.Append('\n');
            notes.Append(f.Exact.Span);
        }
        files.RemoveAll(IsNotes);
        return notes.ToString();
    }

    private static bool IsNotes(string path) => path.EndsWith("NOTES.txt", StringComparison.Ordinal);
}
