using System.Runtime.CompilerServices;

namespace HelmSharp.Template.Caching;

/// <summary>
/// Decoded documents handed to many executions without a copy. A chart that decodes the same text again and
/// again (<c>include "x.values" . | fromYaml</c> in every resource) gets one decoded tree, registered here as
/// shared. In Go each call returns a new tree, so sharing is only invisible while nobody writes to it: every
/// in-place write of a template function (<c>set</c>, <c>unset</c>, the <c>merge</c> family) asks
/// <see cref="CheckWritable"/> first, and a write to a shared map aborts the render with
/// <see cref="SharedValueWriteException"/> before anything changed. The compiled chart then stops sharing and
/// renders again handing out private copies (<see cref="HelmSharp.Rendering.HelmTemplate"/>), so the output is
/// always what unshared decoding gives.
/// </summary>
internal static class SharedValues
{
    // Weak keys: an entry lives as long as the decoded tree does (the compiled chart's decode cache holds it).
    private static readonly ConditionalWeakTable<object, object> s_shared = new();
    private static readonly object s_marker = new();

    /// <summary>Registers every map and list of <paramref name="value"/> (a decoded document, or coalesced values) as shared.</summary>
    public static void Share(object? value)
    {
        switch (value)
        {
            case System.Collections.IDictionary d:
                s_shared.AddOrUpdate(d, s_marker);
                foreach (System.Collections.DictionaryEntry kv in d) Share(kv.Value);
                break;
            case object?[] a:
                s_shared.AddOrUpdate(a, s_marker);
                foreach (var e in a) Share(e);
                break;
        }
    }

    /// <summary>True when <paramref name="container"/> is part of a shared tree.</summary>
    public static bool IsShared(object container) => s_shared.TryGetValue(container, out _);

    /// <summary>Called before a template function writes into <paramref name="container"/> in place.</summary>
    /// <exception cref="SharedValueWriteException">The container is shared: the render must run again without sharing.</exception>
    public static void CheckWritable(object container)
    {
        if (s_shared.TryGetValue(container, out _)) throw new SharedValueWriteException();
    }
}

/// <summary>
/// A template function was about to write into a shared decoded tree (see <see cref="SharedValues"/>). Derives
/// from <see cref="OperationCanceledException"/> so that no error handler of the engine turns it into a template
/// error: it always reaches the renderer, which renders again with private copies.
/// </summary>
internal sealed class SharedValueWriteException() : OperationCanceledException("a shared decoded value was written to; the render runs again without sharing");
