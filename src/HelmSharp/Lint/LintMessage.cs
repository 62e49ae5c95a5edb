namespace HelmSharp.Lint;

/// <summary>The severity of a lint finding (helm's <c>support.*Sev</c>).</summary>
public enum LintSeverity
{
    /// <summary>Unknown (never produced by a rule).</summary>
    Unknown = 0,
    /// <summary>Information, e.g. a missing icon or values file.</summary>
    Info = 1,
    /// <summary>Breaks a convention or recommendation but will likely work; an error with <c>--strict</c>.</summary>
    Warning = 2,
    /// <summary>Will likely make the chart fail to install.</summary>
    Error = 3,
}

/// <summary>
/// One finding of <c>helm lint</c> (helm's <c>support.Message</c>): severity, the path helm reports (a chart file such
/// as <c>Chart.yaml</c> or <c>templates/deploy.yaml</c>, <c>templates/</c>, the chart directory, or empty) and helm's
/// text. Where the text names a place, <see cref="File"/>, <see cref="Line"/> and <see cref="Column"/> carry it.
/// </summary>
public sealed record LintMessage(LintSeverity Severity, string Path, string Text)
{
    /// <summary>The file the finding points into, when helm names one: a template's full name
    /// (<c>mychart/templates/x.yaml</c>) for render errors, the chart-relative file otherwise.</summary>
    public string? File { get; init; }
    /// <summary>The 1-based line helm names, if any (for a YAML error, the line within the document).</summary>
    public int? Line { get; init; }
    /// <summary>The column helm names, if any (Go's 0-based byte column of a template execution error).</summary>
    public int? Column { get; init; }

    /// <summary>helm's label for the severity: <c>INFO</c>, <c>WARNING</c>, <c>ERROR</c> or <c>UNKNOWN</c>.</summary>
    public string SeverityName => Severity switch
    {
        LintSeverity.Info => "INFO",
        LintSeverity.Warning => "WARNING",
        LintSeverity.Error => "ERROR",
        _ => "UNKNOWN",
    };

    /// <summary>The line helm prints: <c>[SEVERITY] path: text</c>.</summary>
    public override string ToString() => $"[{SeverityName}] {Path}: {Text}";
}

/// <summary>
/// A rule failure on its way to a <see cref="LintMessage"/>: helm's error text and the place it names.
/// </summary>
internal sealed record LintProblem(string Text, string? File = null, int? Line = null, int? Column = null);

/// <summary>helm's <c>support.Linter</c>: the findings of one chart, in rule order.</summary>
internal sealed class Linter(string chartDir, int helmMajor, List<string> log)
{
    public List<LintMessage> Messages { get; } = [];
    /// <summary>The absolute chart directory (Go's <c>filepath.Abs</c> of the path linted).</summary>
    public string ChartDir { get; } = chartDir;
    public int HelmMajor { get; } = helmMajor;
    /// <summary>helm's log lines (stderr), in the order they are written.</summary>
    public List<string> Log { get; } = log;

    /// <summary><c>RunLinterRule</c>: records the problem, if any; true when there was none.</summary>
    public bool Run(LintSeverity severity, string path, LintProblem? problem)
    {
        if (problem == null) return true;
        Messages.Add(new LintMessage(severity, path, problem.Text) { File = problem.File, Line = problem.Line, Column = problem.Column });
        return false;
    }

    /// <summary><c>RunLinterRule</c> with a plain error text (null: the rule passed).</summary>
    public bool Run(LintSeverity severity, string path, string? error) => Run(severity, path, error == null ? null : new LintProblem(error));

    /// <summary>The chart-relative file <paramref name="name"/> joined to <see cref="ChartDir"/>.</summary>
    public string Join(string name) => ChartDir.EndsWith('/') ? ChartDir + name : ChartDir + "/" + name;
}
