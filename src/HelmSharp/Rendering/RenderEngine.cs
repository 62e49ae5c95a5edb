using System.Text;
using HelmSharp.Go;
using HelmSharp.Helm;
using HelmSharp.Rendering.Objects;
using HelmSharp.Template;

namespace HelmSharp.Rendering;

/// <summary>What the engine needs of a (processed) chart: its templates, files, metadata object and enabled dependencies.</summary>
internal interface IRenderableChart
{
    /// <summary>The chart's name (the alias for an aliased dependency).</summary>
    string Name { get; }
    /// <summary><c>ChartFullPath</c>: the names from the root down, joined with <c>/charts/</c>.</summary>
    string ChartFullPath { get; }
    /// <summary><c>type: library</c> (case-insensitive).</summary>
    bool IsLibrary { get; }
    /// <summary>Template files, chart-relative names (<c>templates/x.yaml</c>) and text.</summary>
    IEnumerable<KeyValuePair<string, string>> Templates { get; }
    /// <summary>The <c>.Chart</c> object for helm <paramref name="helmMajor"/>.</summary>
    object ChartObject(int helmMajor);
    /// <summary>The <c>.Files</c> object.</summary>
    Files Files { get; }
    /// <summary>The enabled dependencies, in helm's order.</summary>
    IEnumerable<IRenderableChart> Dependencies { get; }
}

/// <summary>
/// helm's <c>pkg/engine</c>: gathers every template of a chart tree with its scoped values,
/// parses them into one set (deepest paths first, so a parent's <c>define</c> wins), executes each
/// non-partial file and strips <c>&lt;no value&gt;</c>.
/// </summary>
internal static class RenderEngine
{
    private sealed record Renderable(string Text, Dictionary<string, object?> Vals, string BasePath);

    /// <summary>Renders every template; returns template path → output. Throws <see cref="HelmException"/> with helm's message.</summary>
    public static Dictionary<string, string> Render(IRenderableChart chart, Dictionary<string, object?> topValues, int helmMajor, TemplateOptions options, CancellationToken ct)
    {
        var templates = new Dictionary<string, Renderable>(StringComparer.Ordinal);
        RecAllTpls(chart, templates, topValues, helmMajor, isRoot: true);
        var keys = SortTemplates(templates.Keys);

        var set = new TemplateSet(HelmFunctions.For(helmMajor), options) { RootName = "gotpl" };
        foreach (var name in keys)
        {
            try { set.Parse(name, templates[name].Text); }
            catch (TemplateParseException e) { throw new HelmException(HelmErrorFormatter.ParseError(name, e.Message)); }
        }

        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in keys)
        {
            if (BaseName(name).StartsWith('_')) continue;
            var r = templates[name];
            r.Vals["Template"] = ValuesFactory.Create(helmMajor, new Dictionary<string, object?> { ["Name"] = name, ["BasePath"] = r.BasePath });
            string output;
            try { output = set.Execute(name, r.Vals, ct); }
            catch (TemplateExecException e) { throw new HelmException(HelmErrorFormatter.ExecError(name, e, helmMajor)); }
            rendered[name] = output.Replace("<no value>", "", StringComparison.Ordinal);
        }
        return rendered;
    }

    private static Dictionary<string, object?> RecAllTpls(IRenderableChart c, Dictionary<string, Renderable> templates, Dictionary<string, object?> vals, int helmMajor, bool isRoot)
    {
        var next = ValuesFactory.Create(helmMajor, new Dictionary<string, object?>
        {
            ["Chart"] = c.ChartObject(helmMajor),
            ["Files"] = c.Files,
            ["Release"] = vals.GetValueOrDefault("Release"),
            ["Capabilities"] = vals.GetValueOrDefault("Capabilities"),
            ["Values"] = ValuesFactory.Create(helmMajor, new Dictionary<string, object?>()),
        });
        if (isRoot) next["Values"] = vals.GetValueOrDefault("Values");
        else if (vals.GetValueOrDefault("Values") is Dictionary<string, object?> parentValues
                 && parentValues.GetValueOrDefault(c.Name) is Dictionary<string, object?> mine)
        {
            next["Values"] = ValuesFactory.AsValues(helmMajor, mine);
        }

        // helm writes each child's next map under .Subcharts (helm 3.13+/4).
        var subcharts = new Dictionary<string, object?>(StringComparer.Ordinal);
        next["Subcharts"] = subcharts;
        foreach (var child in c.Dependencies)
        {
            subcharts[child.Name] = RecAllTpls(child, templates, next, helmMajor, isRoot: false);
        }

        foreach (var kv in c.Templates)
        {
            if (c.IsLibrary && !BaseName(kv.Key).StartsWith('_')) continue;
            templates[c.ChartFullPath + "/" + kv.Key] = new Renderable(kv.Value, next, c.ChartFullPath + "/templates");
        }
        return next;
    }

    /// <summary>helm's <c>sortTemplates</c>: more slashes first; equal depth in descending byte order.</summary>
    internal static List<string> SortTemplates(IEnumerable<string> names)
    {
        var keys = names.ToList();
        keys.Sort((a, b) =>
        {
            int ca = a.Count(ch => ch == '/'), cb = b.Count(ch => ch == '/');
            if (ca != cb) return cb.CompareTo(ca);
            return string.CompareOrdinal(b, a);
        });
        return keys;
    }

    private static string BaseName(string path) => path.Contains('/') ? path[(path.LastIndexOf('/') + 1)..] : path;
}
