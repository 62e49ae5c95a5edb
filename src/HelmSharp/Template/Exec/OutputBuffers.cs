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

    /// <summary>The text Go's text/template prints for a missing value, which helm removes from what templates render.</summary>
    public const string NoValue = "<no value>";

    /// <summary>
    /// helm's <c>strings.ReplaceAll(text, "&lt;no value&gt;", "")</c> on <paramref name="sb"/> from <paramref name="start"/> on.
    /// <see cref="StringBuilder.Replace(string, string?, int, int)"/> compares at every position, one character at a time; this
    /// first looks for a <c>&lt;</c> chunk by chunk (vectorized) and hands only the rest from the first one on to it.
    /// </summary>
    public static void RemoveNoValue(StringBuilder sb, int start)
    {
        int offset = 0;
        foreach (var chunk in sb.GetChunks())
        {
            var span = chunk.Span;
            int end = offset + span.Length;
            if (end > start)
            {
                int from = Math.Max(start - offset, 0);
                int at = span[from..].IndexOf('<');
                if (at >= 0)
                {
                    int first = offset + from + at;
                    sb.Replace(NoValue, "", first, sb.Length - first);
                    return;
                }
            }
            offset = end;
        }
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
