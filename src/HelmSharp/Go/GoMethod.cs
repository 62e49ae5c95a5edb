namespace HelmSharp.Go;

/// <summary>
/// A method of a Go value (<see cref="IGoMethods"/>), described the way Go's reflection sees it: its name, parameter types
/// and body. The template executor checks and converts the arguments against <see cref="Parameters"/> as it does for a
/// function, then calls <see cref="Body"/>; an exception the body throws is the method's Go error (or panic), reported as
/// <c>error calling NAME: MESSAGE</c>.
/// </summary>
internal sealed class GoMethod(string name, GoType[] parameters, Func<object?[], object?> body, bool returnsError = false)
{
    /// <summary>The method's name.</summary>
    public string Name { get; } = name;
    /// <summary>Go parameter types (methods of this library are never variadic).</summary>
    public GoType[] Parameters { get; } = parameters;
    /// <summary>True when the Go method has a second, <c>error</c> result.</summary>
    public bool ReturnsError { get; } = returnsError;
    /// <summary>The implementation: one argument per parameter, already converted.</summary>
    public Func<object?[], object?> Body { get; } = body;
}

/// <summary>A Go error returned (or panic raised) by a <see cref="GoMethod"/> body, with Go's exact message text.</summary>
internal sealed class GoMethodException(string message) : HelmSharpException(message);
