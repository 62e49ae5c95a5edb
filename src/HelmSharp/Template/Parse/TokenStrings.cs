namespace HelmSharp.Template.Parse;

/// <summary>
/// Short token texts (identifiers, fields, variables, numbers, delimiters, spaces) shared between the tokens and nodes
/// of every template parsed on a thread: a chart's templates repeat the same few hundred words (<c>include</c>,
/// <c>Values</c>, <c>{{</c>, <c>" "</c>), and one string each instead of one per occurrence is less to allocate and
/// less for the collector to copy. A lossy table (a slot keeps its latest text), so it stays small whatever is parsed.
/// </summary>
internal static class TokenStrings
{
    /// <summary>Longest text kept.</summary>
    public const int MaxLength = 32;
    private const int Slots = 4096;

    [ThreadStatic] private static string?[]? t_table;

    /// <summary>The text of <paramref name="ascii"/> (ASCII bytes only, at most <see cref="MaxLength"/>).</summary>
    public static string Get(ReadOnlySpan<byte> ascii)
    {
        uint h = 2166136261;
        foreach (var b in ascii) h = (h ^ b) * 16777619;
        var table = t_table ??= new string?[Slots];
        ref var slot = ref table[(h ^ (h >> 15)) & (Slots - 1)];
        var s = slot;
        if (s != null && s.Length == ascii.Length)
        {
            int i = 0;
            while (i < ascii.Length && s[i] == ascii[i]) i++;
            if (i == ascii.Length) return s;
        }
        s = System.Text.Encoding.ASCII.GetString(ascii);
        slot = s;
        return s;
    }

    /// <summary>The text of <paramref name="chars"/> (any characters; longer ones are not kept).</summary>
    public static string Get(ReadOnlySpan<char> chars)
    {
        if (chars.Length > MaxLength) return new string(chars);
        uint h = 2166136261;
        foreach (var c in chars)
        {
            if (c >= 0x80) return new string(chars);
            h = (h ^ c) * 16777619;
        }
        var table = t_table ??= new string?[Slots];
        ref var slot = ref table[(h ^ (h >> 15)) & (Slots - 1)];
        var s = slot;
        if (s != null && chars.SequenceEqual(s)) return s;
        s = new string(chars);
        slot = s;
        return s;
    }
}
