namespace HelmSharp.Rendering;

/// <summary>An error of the helm layer (values, charts, manifests) carrying helm's message text.</summary>
public class HelmException : HelmSharpException
{
    /// <summary>Creates the error with helm's exact message text.</summary>
    public HelmException(string message) : base(message) { }
    /// <summary>Creates the error with helm's exact message text and the error underneath.</summary>
    public HelmException(string message, Exception? innerException) : base(message, innerException) { }
}
