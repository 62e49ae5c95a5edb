using System.Collections;

namespace HelmSharp.Values;

/// <summary>Structural equality of value trees (maps, lists, scalars of the same .NET type), for caches keyed by values.</summary>
internal static class ValueEquality
{
    private const int MaxDepth = 256;

    /// <summary>True when both trees have the same shape, keys and scalars (too deep a tree counts as different).</summary>
    public static bool Equal(object? a, object? b) => Equal(a, b, 0);

    private static bool Equal(object? a, object? b, int depth)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.GetType() != b.GetType() || depth > MaxDepth) return false;
        switch (a)
        {
            case IDictionary<string, object?> da:
            {
                var db = (IDictionary<string, object?>)b;
                if (da.Count != db.Count) return false;
                foreach (var kv in da)
                    if (!db.TryGetValue(kv.Key, out var other) || !Equal(kv.Value, other, depth + 1)) return false;
                return true;
            }
            case IList la:
            {
                var lb = (IList)b;
                if (la.Count != lb.Count) return false;
                for (int i = 0; i < la.Count; i++)
                    if (!Equal(la[i], lb[i], depth + 1)) return false;
                return true;
            }
            case IDictionary:
                return false; // other map types: only the same instance is known to be equal
            default:
                return a.Equals(b);
        }
    }
}
