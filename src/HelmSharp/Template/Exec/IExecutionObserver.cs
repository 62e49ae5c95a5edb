using HelmSharp.Template.Functions;

namespace HelmSharp.Template.Exec;

/// <summary>
/// Watches how an execution uses values, for a cache that must know what an <c>include</c> read
/// (see <see cref="Caching.MemoState"/>). Called only on successful steps.
/// </summary>
internal interface IExecutionObserver
{
    /// <summary>A field or method <paramref name="name"/> was evaluated on <paramref name="receiver"/>.</summary>
    void Field(object receiver, string name);

    /// <summary><paramref name="fn"/> was called with <paramref name="args"/> and returned <paramref name="result"/>.</summary>
    void Call(GoFunction fn, object?[] args, object? result);

    /// <summary>The whole of <paramref name="value"/> was read (printed, ranged over).</summary>
    void Read(object? value);
}
