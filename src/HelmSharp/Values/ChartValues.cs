using HelmSharp.Charts;

namespace HelmSharp.Values;

/// <summary>The result of <see cref="ChartValues.ToRenderValues"/>: the processed chart and its coalesced values.</summary>
/// <param name="Chart">A processed copy of the chart: disabled dependencies removed, aliases applied, imports merged into values.</param>
/// <param name="Values">The coalesced values (what <c>.Values</c> is for the root chart).</param>
/// <param name="Warnings">helm's log/warning lines produced on the way (not printed by <c>helm template</c> on stdout).</param>
internal sealed record RenderValues(Chart Chart, HelmValues Values, IReadOnlyList<string> Warnings);

/// <summary>
/// Dependency processing (conditions, tags, aliases, import-values), coalescing and schema
/// validation: everything between loading a chart and executing its templates.
/// </summary>
internal static class ChartValues
{
    /// <summary>
    /// helm's <c>CheckDependencies</c> + <c>ProcessDependencies(WithMerge)</c> + <c>CoalesceValues</c>
    /// (+ schema validation unless <paramref name="skipSchemaValidation"/>). The input chart is not modified.
    /// </summary>
    public static RenderValues ToRenderValues(Chart chart, Dictionary<string, object?>? userValues, int helmMajor = 4, bool skipSchemaValidation = false) =>
        HelmSharp.Go.StackGuard.Run((chart, userValues, helmMajor, skipSchemaValidation),
            static a => ToRenderValuesHere(a.chart, a.userValues, a.helmMajor, a.skipSchemaValidation));

    private static RenderValues ToRenderValuesHere(Chart chart, Dictionary<string, object?>? userValues, int helmMajor, bool skipSchemaValidation)
    {
        userValues ??= new Dictionary<string, object?>();
        var warnings = new List<string>();
        CheckDependencies(chart, helmMajor);
        var given = TakeGivenValues(chart);
        var c = chart.CloneTree();
        // Charts whose values ProcessDependencies replaced with a fresh tree of their own: coalescing takes those as they
        // are instead of copying them once more (c is this call's private clone, and nothing reads them afterwards).
        var owned = new HashSet<Chart>(ReferenceEqualityComparer.Instance);
        try { ProcessDependencies(c, userValues, helmMajor, warnings, owned); }
        catch (ValuesException e) when (helmMajor != 3)
        {
            throw new ValuesException("chart dependencies processing failed: " + e.Message, e);
        }
        if (given != null) OwnGivenValues(c, given, owned);
        var coalesced = ValueMerge.CoalesceValues(c, userValues, helmMajor, warnings, owned);
        if (!skipSchemaValidation) SchemaValidator.ValidateAgainstSchema(c, coalesced, helmMajor);
        return new RenderValues(c, new HelmValues(coalesced, helmMajor), warnings);
    }

    /// <summary>
    /// The default values given to this render (<see cref="Chart.GiveValuesToOneRender"/>) in the chart tree, taken
    /// (compared by reference); null when none were given.
    /// </summary>
    private static HashSet<Dictionary<string, object?>>? TakeGivenValues(Chart chart)
    {
        HashSet<Dictionary<string, object?>>? given = null;
        foreach (var x in chart.SelfAndDependencies())
            if (x.TakeGivenValues() is { } v) (given ??= new(ReferenceEqualityComparer.Instance)).Add(v);
        return given;
    }

    /// <summary>
    /// Adds to <paramref name="owned"/> the charts of the processed tree whose values are still given defaults (see
    /// <see cref="Chart.GiveValuesToOneRender"/>: a loaded tree of their own that no one reads after this render) held
    /// by that chart alone: a dependency enabled under two aliases shares its defaults between both copies, and each
    /// must merge its own copy of them (as helm does). Dependency processing has read them (copying) before this.
    /// </summary>
    private static void OwnGivenValues(Chart processed, HashSet<Dictionary<string, object?>> given, HashSet<Chart> owned)
    {
        var charts = processed.SelfAndDependencies();
        var uses = new Dictionary<Dictionary<string, object?>, int>(ReferenceEqualityComparer.Instance);
        foreach (var x in charts)
            if (given.Contains(x.Values)) uses[x.Values] = uses.GetValueOrDefault(x.Values) + 1;
        foreach (var x in charts)
            if (uses.TryGetValue(x.Values, out int n) && n == 1) owned.Add(x);
    }

    /// <summary>
    /// helm's <c>action.CheckDependencies</c> for the root chart; throws with the message <c>helm template</c> prints
    /// (<c>An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: a, b</c>).
    /// </summary>
    public static void CheckDependencies(Chart chart, int helmMajor = 4)
    {
        var reqs = chart.Metadata.Dependencies;
        if (reqs == null) return;
        var missing = new List<string>();
        foreach (var r in reqs)
        {
            if (r == null) continue;
            bool found = false;
            foreach (var d in chart.Dependencies) if (d.Name == r.Name) { found = true; break; }
            if (!found) missing.Add(r.Name);
        }
        if (missing.Count > 0)
            throw new ChartException((helmMajor == 3 ? "An" : "an") + " error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: " + string.Join(", ", missing));
    }

    /// <summary>helm's <c>ProcessDependenciesWithMerge</c>: enables/disables dependencies and imports values (modifies <paramref name="c"/>).</summary>
    /// <remarks><c>owned</c> receives the charts whose <see cref="Chart.Values"/> became a fresh, alias-free tree of their own
    /// here (see <see cref="ValueMerge.CoalesceValues"/>); null: not recorded.</remarks>
    public static void ProcessDependencies(Chart c, Dictionary<string, object?> v, int helmMajor, List<string> warnings, HashSet<Chart>? owned = null)
    {
        if (!HelmSharp.Go.StackGuard.OnBigStack)
        {
            HelmSharp.Go.StackGuard.Run((c, v, helmMajor, warnings, owned), static a => ProcessDependencies(a.c, a.v, a.helmMajor, a.warnings, a.owned));
            return;
        }
        ProcessDependencyEnabled(c, v, "", helmMajor, warnings, 0);
        ProcessDependencyImportValues(c, helmMajor, warnings, 0, owned);
    }

    private static void ProcessDependencyEnabled(Chart c, Dictionary<string, object?> v, string path, int major, List<string> warn, int depth)
    {
        if (depth > 256) throw new ChartException("chart dependency nesting is too deep");
        if (c.Metadata.Dependencies == null) return;
        var chartDeps = new List<Chart>();
        foreach (var existing in c.Dependencies)
        {
            bool declared = false;
            foreach (var req in c.Metadata.Dependencies)
                if (req != null && existing.Name == req.Name && IsCompatibleRange(req.Version, existing.Metadata.Version, major)) { declared = true; break; }
            if (!declared) chartDeps.Add(existing);
        }
        foreach (var req in c.Metadata.Dependencies)
        {
            if (req == null) continue;
            var cd = GetAliasDependency(c.Dependencies, req, major);
            if (cd != null) chartDeps.Add(cd);
            if (req.Alias.Length != 0) req.Name = req.Alias;
        }
        c.SetDependencies(chartDeps);
        foreach (var lr in c.Metadata.Dependencies) if (lr != null) lr.Enabled = true;
        var cvals = ValueMerge.CoalesceValues(c, v, major, warn);
        ProcessTags(c.Metadata.Dependencies, cvals, warn);
        ProcessConditions(c.Metadata.Dependencies, cvals, path, warn);
        var rm = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in c.Metadata.Dependencies) if (r != null && !r.Enabled) rm.Add(r.Name);
        var cd2 = new List<Chart>();
        foreach (var n in c.Dependencies) if (!rm.Contains(n.Metadata.Name)) cd2.Add(n);
        var cdMeta = new List<ChartDependency?>();
        foreach (var n in c.Metadata.Dependencies) if (n == null || !rm.Contains(n.Name)) cdMeta.Add(n);
        foreach (var t in cd2) ProcessDependencyEnabled(t, cvals, path + t.Metadata.Name + ".", major, warn, depth + 1);
        c.Metadata.Dependencies = cdMeta;
        c.SetDependencies(cd2);
    }

    /// <summary>helm's <c>chartutil.IsCompatibleRange</c>: the version satisfies the constraint (Masterminds/semver of that helm; false when either does not parse).</summary>
    private static bool IsCompatibleRange(string constraint, string version, int major)
    {
        bool v330 = major < 4;
        if (!HelmSharp.Semver.SemverVersion.TryParse(version, out var v, out _, v330)) return false;
        try { return HelmSharp.Semver.SemverConstraints.Parse(constraint, v330).Check(v, v330); }
        catch (HelmSharp.Template.Functions.GoFunctionException) { return false; }
    }

    private static Chart? GetAliasDependency(IReadOnlyList<Chart> charts, ChartDependency dep, int major)
    {
        foreach (var ch in charts)
        {
            if (ch.Name != dep.Name) continue;
            if (!IsCompatibleRange(dep.Version, ch.Metadata.Version, major)) continue;
            var outc = ch.ShallowCopy();
            foreach (var d in ch.Dependencies) outc.AddDependency(d.CloneTree());
            if (dep.Alias.Length != 0) outc.Metadata.Name = dep.Alias;
            return outc;
        }
        return null;
    }

    private static void ProcessTags(List<ChartDependency?> reqs, Dictionary<string, object?> cvals, List<string> warn)
    {
        if (!cvals.TryGetValue("tags", out var tv) || tv is not Dictionary<string, object?> vt || tv.GetType() != typeof(Dictionary<string, object?>)) return;
        foreach (var r in reqs)
        {
            if (r == null) continue;
            bool hasTrue = false, hasFalse = false;
            if (r.Tags != null)
                foreach (var k in r.Tags)
                {
                    if (!vt.TryGetValue(k, out var b)) continue;
                    if (b is bool bv) { if (bv) hasTrue = true; else hasFalse = true; }
                    else warn.Add($"Warning: Tag '{k}' for chart {r.Name} returned non-bool value");
                }
            if (!hasTrue && hasFalse) r.Enabled = false;
            else if (hasTrue || !hasTrue && !hasFalse) r.Enabled = true;
        }
    }

    private static void ProcessConditions(List<ChartDependency?> reqs, Dictionary<string, object?> cvals, string cpath, List<string> warn)
    {
        foreach (var r in reqs)
        {
            if (r == null) continue;
            foreach (var c in r.Condition.Trim().Split(','))
            {
                if (c.Length == 0) continue;
                var (ok, vv, _) = HelmValues.TryPathValue(cvals, cpath + c);
                if (ok)
                {
                    if (vv is bool bv) { r.Enabled = bv; break; }
                    warn.Add($"Warning: Condition path '{c}' for chart {r.Name} returned non-bool value");
                }
            }
        }
    }

    private static void ProcessDependencyImportValues(Chart c, int major, List<string> warn, int depth, HashSet<Chart>? owned)
    {
        if (depth > 256) throw new ChartException("chart dependency nesting is too deep");
        foreach (var d in c.Dependencies) ProcessDependencyImportValues(d, major, warn, depth + 1, owned);
        ProcessImportValues(c, major, warn, owned);
    }

    private static void ProcessImportValues(Chart c, int major, List<string> warn, HashSet<Chart>? owned)
    {
        if (c.Metadata.Dependencies == null) return;
        var cvals = ValueMerge.MergeValues(c, null, major, warn);
        var b = new Dictionary<string, object?>();
        foreach (var r in c.Metadata.Dependencies)
        {
            if (r == null || r.ImportValues == null) continue;
            var outiv = new List<object?>();
            foreach (var riv in r.ImportValues)
            {
                if (riv is Dictionary<string, object?> iv)
                {
                    var child = GoSprintV(iv.GetValueOrDefault("child"));
                    var parent = GoSprintV(iv.GetValueOrDefault("parent"));
                    outiv.Add(new Dictionary<string, string> { ["child"] = child, ["parent"] = parent });
                    var (vv, err) = HelmValues.TryTable(cvals, r.Name + "." + child, major);
                    if (err != null) { warn.Add($"Warning: ImportValues missing table from chart {r.Name}: {err}"); continue; }
                    b = ValueMerge.MergeTables(b, PathToMap(parent, vv.AsMap()), major);
                }
                else if (riv is string s)
                {
                    var child = "exports." + s;
                    outiv.Add(new Dictionary<string, string> { ["child"] = child, ["parent"] = "." });
                    var (vm, err) = HelmValues.TryTable(cvals, r.Name + "." + child, major);
                    if (err != null) { warn.Add($"Warning: ImportValues missing table: {err}"); continue; }
                    b = ValueMerge.MergeTables(b, vm.AsMap(), major);
                }
            }
            r.ImportValues = outiv.ToArray();
        }
        // helm merges the imports into a copy of cvals; with nothing imported that merge changes nothing, and
        // cvals is already a fresh tree of its own (MergeValues copies every default): no second copy needed.
        // Without imports that tree is a copy no one else holds, and the final coalescing may take it as it is (helm
        // copies it once more) when it has no two paths to one map or list: DeepCopy copies every occurrence, but the
        // globals handed down to subcharts are shallow copies (their nested maps and lists are shared with the parent's),
        // and imports can put one child table in two places. Those trees are copied as before.
        if (b.Count == 0)
        {
            c.Values = cvals;
            if (owned != null && ScalarGlobals(c, cvals, 0)) owned.Add(c);
        }
        else c.Values = ValueMerge.MergeTables(ValueMerge.DeepCopyMap(cvals), b, major);
    }

    // True when the global table of these values and of every subchart's values (under its name) holds scalars only.
    private static bool ScalarGlobals(Chart c, Dictionary<string, object?> vals, int depth)
    {
        if (depth > 256) return false;
        if (vals.TryGetValue("global", out var g) && g != null)
        {
            if (g is not Dictionary<string, object?> gm) return false;
            foreach (var x in gm.Values) if (x is System.Collections.IDictionary or System.Collections.IList) return false;
        }
        foreach (var sub in c.Dependencies)
            if (vals.TryGetValue(sub.Name, out var sv) && sv is Dictionary<string, object?> sm && !ScalarGlobals(sub, sm, depth + 1)) return false;
        return true;
    }

    private static string GoSprintV(object? v) => v switch
    {
        null => "<nil>",
        string s => s,
        bool bo => bo ? "true" : "false",
        double d => HelmSharp.Go.GoStrconv.FormatFloat(d, 'g', -1, 64),
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static Dictionary<string, object?> PathToMap(string path, Dictionary<string, object?> data)
    {
        if (path == ".") return data;
        var parts = path.Split('.');
        var cur = data;
        for (int i = parts.Length - 1; i >= 0; i--) cur = new Dictionary<string, object?> { [parts[i]] = cur };
        return cur;
    }
}
