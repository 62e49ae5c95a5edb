using System.Text;
using HelmSharp.Charts;
using HelmSharp.Go;

namespace HelmSharp.Lint;

/// <summary>
/// helm 4's <c>rules.Crds</c>: every manifest in <c>crds/</c> (the chart's and its subcharts') must parse as plain
/// YAML and be an <c>apiextensions.k8s.io</c> <c>CustomResourceDefinition</c>.
/// </summary>
internal static class CrdRules
{
    private const string CrdsDir = "crds/";

    public static void Run(Linter linter)
    {
        var crdsPath = linter.Join("crds");
        if (!Directory.Exists(crdsPath) && !File.Exists(crdsPath)) return; // optional
        if (!linter.Run(LintSeverity.Error, CrdsDir, Directory.Exists(crdsPath) ? null : "not a directory")) return;

        Chart chart;
        try { chart = ChartLoader.Load(linter.ChartDir, linter.HelmMajor); }
        catch (ChartException e) { linter.Run(LintSeverity.Error, CrdsDir, e.Message); return; }

        var crds = Rendering.CrdFiles.Collect(chart);
        for (int i = 0; i < crds.Count; i++)
        {
            var crd = crds.File(i);
            var decoder = new K8sYamlDecoder(Encoding.UTF8.GetString(crd.Data), linter.HelmMajor);
            while (true)
            {
                K8sObject? obj;
                try
                {
                    if (!decoder.Next(out obj)) break;
                }
                catch (K8sDecodeException e)
                {
                    linter.Run(LintSeverity.Error, crd.Name, new LintProblem("unable to parse YAML: " + e.Message, crd.Name, e.Line));
                    return;
                }
                if (obj == null) continue;
                linter.Run(LintSeverity.Error, crd.Name, obj.ApiVersion.StartsWith("apiextensions.k8s.io", StringComparison.Ordinal)
                    ? null : "apiVersion is not in 'apiextensions.k8s.io'");
                linter.Run(LintSeverity.Error, crd.Name, obj.Kind == "CustomResourceDefinition" ? null : "object kind is not 'CustomResourceDefinition'");
            }
        }
    }
}
