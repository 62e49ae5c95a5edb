using System.Text;

namespace HelmSharp.Template.Exec;

/// <summary>
/// Output buffers for executions (each <c>include</c> and <c>tpl</c> renders into its own until it returns):
/// a small per-thread pool, so a chart's thousands of nested executions reuse a few grown builders
/// instead of growing a new one each time. Executions nest, so buffers are rented and returned in stack order.
/// </summary>
internal static class OutputBuffers
{
    private const int MaxPooled = 32;
    private const int MaxRetainedChars = 256 * 1024;

    [ThreadStatic] private static Stack<StringBuilder>? t_pool;

    public static StringBuilder Rent()
    {
        var pool = t_pool;
        return pool != null && pool.TryPop(out var sb) ? sb : new StringBuilder(256);
    }

    /// <summary>What <paramref name="write"/> writes into a rented buffer, as a string (the string form of a writer).</summary>
    public static string Build<TState>(TState state, Action<TState, StringBuilder> write) where TState : allows ref struct
    {
        var sb = Rent();
        try
        {
            write(state, sb);
            return sb.ToString();
        }
        finally { Return(sb); }
    }

    public static void Return(StringBuilder sb)
    {
        if (sb.Capacity > MaxRetainedChars) return;
        var pool = t_pool ??= new Stack<StringBuilder>();
        if (pool.Count >= MaxPooled) return;
        sb.Clear();
        pool.Push(sb);
    }
}
