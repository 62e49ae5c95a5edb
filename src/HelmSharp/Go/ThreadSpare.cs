namespace HelmSharp.Go;

/// <summary>
/// One spare <typeparamref name="T"/> per thread (working buffers of readers, printers and parsers that run one call
/// at a time on a thread): <see cref="Take"/> hands it out and leaves none, so a nested or concurrent user on the same
/// thread makes its own; <see cref="Give"/> keeps one for the next call. The caller decides what to clear and whether
/// a buffer grown too large is worth keeping.
/// </summary>
internal static class ThreadSpare<T> where T : class
{
    [ThreadStatic] private static T? t_spare;

    /// <summary>The thread's spare (none left behind), or null when there is none.</summary>
    public static T? Take()
    {
        var spare = t_spare;
        t_spare = null;
        return spare;
    }

    /// <summary>Keeps <paramref name="item"/> (cleared by the caller) as the thread's spare.</summary>
    public static void Give(T item) => t_spare = item;
}
