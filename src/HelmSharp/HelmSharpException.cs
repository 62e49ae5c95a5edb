namespace HelmSharp;

/// <summary>
/// The base of every error HelmSharp throws for a chart, its values or its templates (argument errors aside:
/// <see cref="ArgumentException"/>, and <see cref="OperationCanceledException"/> on cancellation).
/// <see cref="Exception.Message"/> is the text helm prints after <c>Error: </c> (or Go's text, for the engine's own errors).
/// </summary>
/// <remarks>
/// The families below it: <see cref="HelmSharp.Rendering.HelmException"/> (helm's layer; a failed render is a
/// <see cref="HelmSharp.Rendering.HelmTemplateException"/> with the place helm names),
/// <see cref="HelmSharp.Charts.ChartException"/> (loading), <see cref="HelmSharp.Values.ValuesException"/> (values),
/// <see cref="HelmSharp.Template.TemplateException"/> (the Go template engine), and the codec errors
/// (<see cref="HelmSharp.Yaml.GoYamlException"/>, <see cref="HelmSharp.Json.GoJsonException"/>,
/// <see cref="HelmSharp.Toml.GoTomlException"/>).
/// </remarks>
public abstract class HelmSharpException : Exception
{
    /// <summary>Creates the error with its message.</summary>
    protected HelmSharpException(string message) : base(message) { }

    /// <summary>Creates the error with its message and the error underneath.</summary>
    protected HelmSharpException(string message, Exception? innerException) : base(message, innerException) { }
}
