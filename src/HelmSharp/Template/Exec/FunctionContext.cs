using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Functions;
using HelmSharp.Template.Parse;

namespace HelmSharp.Template.Exec;

/// <summary>The function context handed to template functions.</summary>
internal sealed class FunctionContext(RenderContext render, Namespace ns) : IFunctionContext
{
    public TimeProvider Clock => render.Set.Options.Clock;
    public CancellationToken CancellationToken => render.CancellationToken;
    public HelmVersion HelmVersion => render.Set.Options.HelmVersion;
    public IDictionary<string, object?> RenderState => render.RenderState;
    RenderContext? IFunctionContext.Render => render;
    Namespace? IFunctionContext.Namespace => ns;

    public string ExecuteTemplate(string name, object? data) =>
        OutputBuffers.Build((Context: this, name, data), static (s, sb) => s.Context.ExecuteTemplateTo(s.name, s.data, sb));

    public void ExecuteTemplateTo(string name, object? data, StringBuilder w)
    {
        var tree = ns.Lookup(name) ?? throw new TemplateExecException(
            "template: no template " + GoStrconv.Quote(name) + " associated with template " + GoStrconv.Quote(render.Set.RootName),
            null, 0, 0, render.Set.RootName, null,
            "no template " + GoStrconv.Quote(name) + " associated with template " + GoStrconv.Quote(render.Set.RootName));
        ExecState.Run(render, ns, tree, data, w, this, render.Current == null ? TemplateFrameKind.File : TemplateFrameKind.Include);
    }

    public string ParseAndExecute(string name, string text, object? data) =>
        OutputBuffers.Build((Context: this, name, text, data), static (s, sb) => s.Context.ParseAndExecuteTo(s.name, s.text, s.data, sb));

    /// <summary><see cref="ParseAndExecute"/>, writing to <paramref name="w"/>.</summary>
    public void ParseAndExecuteTo(string name, string text, object? data, StringBuilder w)
    {
        var (trees, top) = render.Set.ParseCached(name, text);
        // The overlay's own templates: the parsed ones, except empty ones that would hide an existing template
        // (Go's associate). The parsed map is shared and never changed, so when nothing is dropped it serves as is.
        var own = trees;
        foreach (var kv in trees)
        {
            if (!HidesExisting(kv)) continue;
            own = new Dictionary<string, Tree>(StringComparer.Ordinal);
            foreach (var t in trees) if (!HidesExisting(t)) own[t.Key] = t.Value;
            break;
        }
        var overlay = new Namespace(render.Set, own, ns);

        bool HidesExisting(KeyValuePair<string, Tree> t) => Parser.IsEmptyTree(t.Value.Root) && ns.Lookup(t.Key) != null;
        // Go executes the new template itself (t.New(name).Parse(text).Execute), whatever the map holds.
        ExecState.Run(render, overlay, top, data, w, null, TemplateFrameKind.Tpl);
    }
}
