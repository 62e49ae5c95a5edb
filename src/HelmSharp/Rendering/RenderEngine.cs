using System.Text;
using HelmSharp.Go;
using HelmSharp.Helm;
using HelmSharp.Rendering.Objects;
using HelmSharp.Template;
using HelmSharp.Template.Parse;
using HelmSharp.Template.Caching;
using HelmSharp.Template.Exec;
using HelmSharp.Charts;
using HelmSharp.Values;

namespace HelmSharp.Rendering;

/// <summary>
/// helm's <c>pkg/engine</c>: gathers every template of a chart tree with its scoped values,
/// parses them into one set (deepest paths first, so a parent's <c>define</c> wins), executes each
/// non-partial file and strips <c>&lt;no value&gt;</c>.
/// </summary>
internal static class RenderEngine
{
    /// <summary>
    /// A template file of the chart tree: its full name, text, <c>.Template.BasePath</c> and the chart it belongs to (its
    /// index in <see cref="TemplatePlan.Charts"/>' order, so a plan serves every processed copy of the same tree).
    /// </summary>
    internal sealed record PlannedTemplate(string Name, string Text, string BasePath, int Owner, bool Partial);

    /// <summary>
    /// Every template of a chart tree in helm's execution order (a function of the chart alone, so a compiled chart keeps
    /// it), with the <c>.Template</c> objects handed to every render while
    /// values are shared (see <see cref="SharedValues"/>).
    /// </summary>
    internal sealed class TemplatePlan(List<PlannedTemplate> files, int helmMajor, (List<ChartFile> Templates, string Path, bool Library)[] shape)
    {
        public List<PlannedTemplate> Files { get; } = files;

        /// <summary>
        /// True when <paramref name="charts"/> (a processed tree, in <see cref="Charts"/>' order) would give this plan: the same
        /// template lists, full paths and library flags chart by chart. A compiled chart processes its tree afresh for new
        /// values (a copy whose dependencies the values may enable or disable); while they give the same tree the plan, its
        /// parsed templates and its <c>.Template</c> objects are reused.
        /// </summary>
        public bool Fits(List<Chart> charts)
        {
            if (charts.Count != shape.Length) return false;
            for (int i = 0; i < shape.Length; i++)
            {
                var c = charts[i];
                if (!ReferenceEquals(c.Templates, shape[i].Templates) || c.IsLibrary != shape[i].Library
                    || !string.Equals(c.ChartFullPath(), shape[i].Path, StringComparison.Ordinal)) return false;
            }
            return true;
        }

        /// <summary>The charts of a tree in the order their templates are gathered: each chart after its dependencies.</summary>
        public static List<Chart> Charts(Chart root)
        {
            var all = new List<Chart>();
            Walk(root, all, 0);
            return all;

            static void Walk(Chart c, List<Chart> into, int depth)
            {
                if (depth > 256) throw new ChartException("chart dependency nesting is too deep");
                foreach (var child in c.Dependencies) Walk(child, into, depth + 1);
                into.Add(c);
            }
        }
        private HelmValues?[]? _templates;
        private volatile IReadOnlyDictionary<string, Tree>? _parsed;

        /// <summary>
        /// The templates as a set parsed them (with this plan's major version and the compiled chart's functions), to be
        /// adopted by later renders (<see cref="TemplateSet.Adopt"/>); null until a render has parsed them.
        /// </summary>
        public IReadOnlyDictionary<string, Tree>? Parsed { get => _parsed; set => _parsed = value; }

        /// <summary>The <c>.Template</c> object of file <paramref name="i"/>: shared between renders (registered as shared) when <paramref name="share"/>.</summary>
        public HelmValues TemplateObject(int i, bool share)
        {
            var f = Files[i];
            if (!share) return new HelmValues(helmMajor) { ["Name"] = f.Name, ["BasePath"] = f.BasePath };
            var all = Volatile.Read(ref _templates) ?? Interlocked.CompareExchange(ref _templates, new HelmValues?[Files.Count], null) ?? _templates!;
            if (all[i] is { } t) return t;
            t = new HelmValues(helmMajor) { ["Name"] = f.Name, ["BasePath"] = f.BasePath };
            SharedValues.Share(t);
            return Interlocked.CompareExchange(ref all[i], t, null) ?? t;
        }

        /// <param name="charts">The tree's charts in <see cref="Charts"/>' order.</param>
        /// <param name="helmMajor">The helm major version.</param>
        /// <param name="caches">A compiled chart's caches (decoded template texts), or null.</param>
        public static TemplatePlan Build(List<Chart> charts, int helmMajor, RenderCaches? caches)
        {
            var byName = new Dictionary<string, PlannedTemplate>(StringComparer.Ordinal);
            var shape = new (List<ChartFile>, string, bool)[charts.Count];
            for (int i = 0; i < charts.Count; i++)
            {
                var c = charts[i];
                var fullPath = c.ChartFullPath();
                shape[i] = (c.Templates, fullPath, c.IsLibrary);
                var basePath = fullPath + "/templates";
                foreach (var t in c.Templates)
                {
                    if (c.IsLibrary && !Manifests.IsPartial(t.Name)) continue;
                    var name = fullPath + "/" + t.Name;
                    byName[name] = new PlannedTemplate(name, caches?.TemplateText(t) ?? HelmSharp.Go.GoUtf8.GetString(t.Data), basePath, i, Manifests.IsPartial(t.Name));
                }
            }
            var files = new List<PlannedTemplate>(byName.Count);
            foreach (var name in SortTemplates(byName.Keys)) files.Add(byName[name]);
            return new TemplatePlan(files, helmMajor, shape);
        }
    }

    /// <summary>Renders every template; returns template path → output. Throws <see cref="HelmException"/> with helm's message.</summary>
    /// <remarks>The caller owns the result and must <see cref="RenderedFiles.Release"/> it once nothing points into it (when pooled).
    /// With <paramref name="lintLog"/> the engine runs in helm's lint mode: <c>required</c> and <c>fail</c> log a line
    /// there and return "" instead of failing. With <paramref name="recorder"/> (diagnostics, see <see cref="SourceMap"/>) the
    /// execution of its target file is recorded.</remarks>
    public static RenderedFiles Render(Chart chart, Dictionary<string, object?> topValues, int helmMajor, TemplateOptions options, CancellationToken ct,
        RenderCaches? caches, HelmSharp.Template.Functions.FunctionRegistry? functions = null, List<string>? lintLog = null, OutputRecorder? recorder = null)
    {
        var charts = TemplatePlan.Charts(chart);
        var plan = caches?.Plan(charts, helmMajor) ?? TemplatePlan.Build(charts, helmMajor, null);
        var links = new List<ValuesLink>();
        var scopes = new Dictionary<Chart, HelmValues>(ReferenceEqualityComparer.Instance);
        RecAllTpls(chart, topValues, helmMajor, isRoot: true, links, scopes);

        var set = caches != null
            ? new TemplateSet(caches.Functions(helmMajor), options) { RootName = "gotpl", SharedParseCache = caches.Parses(helmMajor) }
            : new TemplateSet(functions ?? HelmFunctions.For(helmMajor), options) { RootName = "gotpl" };
        var parse = RenderPhases.Start();
        if (caches != null && plan.Parsed is { } table) set.Adopt(table);
        else
        {
            foreach (var f in plan.Files)
            {
                try { set.Parse(f.Name, f.Text); }
                catch (TemplateParseException e) { throw new HelmException(HelmErrorFormatter.ParseError(f.Name, e.Message), e); }
            }
            if (caches != null) plan.Parsed = set.Templates;
        }
        RenderPhases.End(RenderPhases.Phase.Parse, parse);

        // One include memo for the whole render (results reused across template files), told about the top-level
        // object of each chart with templates, whose Template entry changes from file to file.
        MemoState? memo = null;
        if (caches is { MemoizeIncludes: true })
        {
            memo = caches.RentMemo();
            var told = new HashSet<Chart>(ReferenceEqualityComparer.Instance);
            foreach (var f in plan.Files)
            {
                if (!told.Add(charts[f.Owner])) continue;
                var r = scopes[charts[f.Owner]];
                memo.AddRoot(r);
                if (r.GetValueOrDefault("Subcharts") is { } sub) memo.AddRootHolder(sub);
            }
        }
        var render = new RenderContext(set, ct) { Memo = memo, Observer = memo, LintLog = lintLog };

        try
        {
            // A compiled chart's first render is treated as a one-shot one (its text is not pooled: the result keeps it).
            bool pooled = caches != null && caches.NextRender() > 0;
            var rendered = Execute(set, plan, charts, scopes, links, render, helmMajor, share: caches is { SharesDecoded: true }, pooled, recorder);
            if (memo != null) caches!.RenderDone(memo);
            return rendered;
        }
        finally { if (memo != null) caches!.ReturnMemo(memo); }
    }

    private static RenderedFiles Execute(TemplateSet set, TemplatePlan plan, List<Chart> charts, Dictionary<Chart, HelmValues> scopes,
        List<ValuesLink> links, RenderContext render, int helmMajor, bool share, bool pooled, OutputRecorder? recorder)
    {
        var rendered = new RenderedFiles(plan.Files.Count, pooled);
        // One render for all files (include's nesting counts, the memo), as in helm.
        var memo = render.Memo;
        try
        {
            for (int i = 0; i < plan.Files.Count; i++)
            {
                var f = plan.Files[i];
                if (f.Partial) continue;
                var vals = scopes[charts[f.Owner]];
                vals["Template"] = plan.TemplateObject(i, share);
                memo?.NextFile();
                // A subchart's .Values is the parent's map in helm: carry writes across before each template.
                foreach (var link in links)
                    if (link.Sync()) memo?.ExternalMutation();
                if (recorder != null) OutputRecorder.Current = string.Equals(f.Name, recorder.Target, StringComparison.Ordinal) ? recorder : null;
                try { set.Execute(f.Name, vals, render, rendered, static (sb, name, files) =>
                {
                    OutputBuffers.RemoveNoValue(sb, 0);
                    files.Add(name, sb);
                }); }
                catch (TemplateExecException e) { throw new HelmException(HelmErrorFormatter.ExecError(f.Name, e, helmMajor), e); }
                catch (TemplateLimitException e) { throw new HelmException(e.Message, e); } // e.g. tpl nesting: helm dies of a Go stack overflow
            }
            return rendered;
        }
        catch
        {
            rendered.Release();
            throw;
        }
        finally
        {
            if (recorder != null) OutputRecorder.Current = null;
        }
    }

    /// <summary>
    /// helm hands a subchart the parent's own map (<c>Values.Table</c> converts, never copies); here the
    /// subchart's <see cref="HelmValues"/> is a separate dictionary, so top-level writes (<c>set</c>/<c>unset</c>)
    /// on either side are reconciled at template boundaries (nested maps are shared objects already).
    /// </summary>
    private sealed class ValuesLink(HelmValues view, Dictionary<string, object?> backing)
    {
        private Dictionary<string, object?> _snapshot = new(view, StringComparer.Ordinal);

        /// <summary>Reconciles both sides; true when either changed.</summary>
        public bool Sync()
        {
            var snap = _snapshot;
            bool changed = false;
            List<string>? remove = null;
            foreach (var kv in view)
                if (!snap.TryGetValue(kv.Key, out var old) || !Same(old, kv.Value)) { Write(backing)[kv.Key] = kv.Value; changed = true; }
            foreach (var k in snap.Keys)
                if (!view.ContainsKey(k) && backing.ContainsKey(k)) changed |= Write(backing).Remove(k);
            foreach (var kv in backing)
                if ((!snap.TryGetValue(kv.Key, out var old) || !Same(old, kv.Value)) && !(view.TryGetValue(kv.Key, out var mine) && Same(mine, kv.Value)))
                {
                    view[kv.Key] = kv.Value;
                    changed = true;
                }
            foreach (var kv in snap)
                if (!backing.ContainsKey(kv.Key) && view.TryGetValue(kv.Key, out var mine) && Same(mine, kv.Value)) (remove ??= []).Add(kv.Key);
            if (remove != null) { foreach (var k in remove) view.Remove(k); changed = true; }
            if (view.Count != snap.Count || remove != null) { _snapshot = new(view, StringComparer.Ordinal); return changed; }
            foreach (var kv in view)
                if (!snap.TryGetValue(kv.Key, out var old) || !Same(old, kv.Value)) { _snapshot = new(view, StringComparer.Ordinal); return changed; }
            return changed;
        }

        // The parent's map may be part of a compiled chart's shared values (see SharedValues).
        private static Dictionary<string, object?> Write(Dictionary<string, object?> map)
        {
            SharedValues.CheckWritable(map);
            return map;
        }

        private static bool Same(object? a, object? b) =>
            ReferenceEquals(a, b) || (a != null && b != null && a.GetType() == b.GetType() && (a is string || a.GetType().IsValueType) && a.Equals(b));
    }

    // helm's recAllTpls without the templates (see TemplatePlan): each chart's top-level object, by chart.
    private static HelmValues RecAllTpls(Chart c, Dictionary<string, object?> vals, int helmMajor, bool isRoot,
        List<ValuesLink> links, Dictionary<Chart, HelmValues> scopes)
    {
        var next = new HelmValues(new Dictionary<string, object?>
        {
            ["Chart"] = ChartObject.Create(c.Metadata, c.IsRoot, helmMajor),
            ["Files"] = new Files(c.Files),
            ["Release"] = vals.GetValueOrDefault("Release"),
            ["Capabilities"] = vals.GetValueOrDefault("Capabilities"),
            ["Values"] = new HelmValues(helmMajor),
            ["Subcharts"] = null,
        }, helmMajor);
        if (isRoot) next["Values"] = vals.GetValueOrDefault("Values");
        else if (vals.GetValueOrDefault("Values") is Dictionary<string, object?> parentValues
                 && parentValues.GetValueOrDefault(c.Name) is Dictionary<string, object?> mine)
        {
            if (mine is HelmValues same) next["Values"] = same;
            else
            {
                var view = new HelmValues(mine, helmMajor);
                next["Values"] = view;
                links.Add(new ValuesLink(view, mine));
            }
        }

        // helm writes each child's next map under .Subcharts (helm 3.13+/4).
        var subcharts = new Dictionary<string, object?>(StringComparer.Ordinal);
        next["Subcharts"] = subcharts;
        foreach (var child in c.Dependencies)
        {
            subcharts[child.Name] = RecAllTpls(child, next, helmMajor, isRoot: false, links, scopes);
        }
        scopes[c] = next;
        return next;
    }

    /// <summary>helm's <c>sortTemplates</c>: more slashes first; equal depth in descending byte order.</summary>
    internal static List<string> SortTemplates(IEnumerable<string> names)
    {
        var keyed = new List<(string Name, int Slashes)>();
        foreach (var n in names) keyed.Add((n, n.AsSpan().Count('/')));
        keyed.Sort(static (a, b) => a.Slashes != b.Slashes ? b.Slashes.CompareTo(a.Slashes) : string.CompareOrdinal(b.Name, a.Name));
        var keys = new List<string>(keyed.Count);
        foreach (var k in keyed) keys.Add(k.Name);
        return keys;
    }
}
