namespace HelmSharp.Go;

/// <summary>
/// Go's <c>fmt</c> package over the Go value model (see <see cref="GoType"/>): <c>Sprint</c>,
/// <c>Sprintln</c>, <c>Sprintf</c> and the value printing templates use.
/// (Owner: the fmt layer. This is a placeholder until the exact port lands.)
/// </summary>
public static partial class GoFormat
{
    /// <summary>Go's <c>fmt.Sprint</c>: spaces between operands when neither is a string.</summary>
    public static string Sprint(params object?[] args) => string.Concat(args.Select(a => a?.ToString() ?? "<nil>"));
    /// <summary>Go's <c>fmt.Sprintln</c>.</summary>
    public static string Sprintln(params object?[] args) => string.Join(" ", args.Select(a => a?.ToString() ?? "<nil>")) + "\n";
    /// <summary>Go's <c>fmt.Sprintf</c>.</summary>
    public static string Sprintf(string format, params object?[] args) => format;
}
