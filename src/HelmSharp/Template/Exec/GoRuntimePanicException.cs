namespace HelmSharp.Template.Exec;

/// <summary>A Go runtime panic (e.g. index out of range) inside text/template itself: not wrapped in the template's error position, recovered by the enclosing function call.</summary>
internal sealed class GoRuntimePanicException(string message) : Exception(message);
