namespace HelmSharp.Tests.Conformance;

/// <summary>One conformance case parsed from a <c>.cases</c> file (format: testdata/cases/README.md).</summary>
/// <param name="Name">The case name (unique within its file).</param>
/// <param name="SourceFile">The .cases file path relative to testdata/cases, with '/' separators (e.g. <c>template/lexing.cases</c>).</param>
/// <param name="Line">1-based line of the <c>#### case:</c> marker.</param>
/// <param name="Template">The template section, byte for byte (becomes <c>templates/_case.tpl</c>).</param>
/// <param name="Values">The values section (becomes <c>values.yaml</c>), or null when absent (an empty file is written).</param>
/// <param name="Files">The <c>file:</c> sections in file order (path relative to the chart root, content).</param>
/// <param name="Args">Extra <c>helm template</c> arguments, already shell-split.</param>
/// <param name="Only">3 or 4 when the case runs for one helm major only, otherwise null.</param>
public sealed record CaseSpec(
    string Name,
    string SourceFile,
    int Line,
    string Template,
    string? Values,
    IReadOnlyList<KeyValuePair<string, string>> Files,
    IReadOnlyList<string> Args,
    int? Only)
{
    /// <summary>True when the case has an expectation for <paramref name="helmMajor"/>.</summary>
    public bool RunsOn(int helmMajor) => Only is null || Only == helmMajor;

    /// <inheritdoc/>
    public override string ToString() => $"{SourceFile}:{Line} {Name}";
}

/// <summary>What a renderer (or helm) produced for a case: process-style exit code and the two output streams.</summary>
/// <param name="Exit">The exit code (helm: 0 success, 1 error).</param>
/// <param name="Stdout">Everything written to stdout.</param>
/// <param name="Stderr">Everything written to stderr.</param>
public sealed record CaseResult(int Exit, string Stdout, string Stderr);

/// <summary>Renders a case the way <c>helm template case &lt;chartdir&gt; &lt;args&gt;</c> would.</summary>
public interface ICaseRenderer
{
    /// <summary>Renders <paramref name="spec"/> emulating helm major version <paramref name="helmMajor"/> (3 or 4).</summary>
    CaseResult Render(CaseSpec spec, int helmMajor);
}
