using HelmSharp.Charts;
using HelmSharp.Rendering;
using HelmSharp.Template;
using HelmSharp.Values;
using HelmSharp.Yaml;

namespace HelmSharp.Diagnostics;

/// <summary>
/// The final coalesced values the templates see as <c>.Values</c> (chart defaults, subchart values, globals, imports and
/// the user's values, schema-checked), as <c>helm install --dry-run=client --debug</c> prints them under
/// <c>COMPUTED VALUES:</c>.
/// </summary>
public static class ComputedValues
{
    /// <summary>The values of <paramref name="chart"/> rendered with <paramref name="options"/> (their values, helm version, schema switch).</summary>
    /// <exception cref="HelmTemplateException">helm's message for bad values, a failed schema or a broken dependency.</exception>
    public static IReadOnlyDictionary<string, object?> Compute(Chart chart, RenderOptions? options = null) =>
        Compute(chart, (options ?? new RenderOptions()).ToRequest());

    /// <summary>The values of <paramref name="chart"/> rendered with <paramref name="request"/> (its values, helm major, schema switch).</summary>
    internal static IReadOnlyDictionary<string, object?> Compute(Chart chart, TemplateRequest request)
    {
        int major = request.HelmMajor >= 4 ? 4 : 3;
        try
        {
            ChartValues.CheckDependencies(chart, major);
            return TemplateSet.RunWithLargeStack(() => ChartValues.ToRenderValues(chart, request.Values, major, request.SkipSchemaValidation)).Values;
        }
        catch (Exception e) when (e is ValuesException or ChartException or GoYamlException)
        {
            throw new HelmTemplateException(e.Message, [], null, e);
        }
    }

    /// <summary>The values as helm prints them (<c>sigs.k8s.io/yaml</c>: keys sorted, JSON numbers).</summary>
    public static string ToYaml(IReadOnlyDictionary<string, object?> values) => GoYaml.Marshal(values);

    /// <summary>helm's section: <c>COMPUTED VALUES:</c>, the YAML, and a blank line.</summary>
    public static string Section(Chart chart, RenderOptions? options = null) => Section(Compute(chart, options));

    /// <summary>helm's section for the values of a <paramref name="request"/>.</summary>
    internal static string Section(Chart chart, TemplateRequest request) => Section(Compute(chart, request));

    private static string Section(IReadOnlyDictionary<string, object?> values) => "COMPUTED VALUES:\n" + ToYaml(values) + "\n";
}
