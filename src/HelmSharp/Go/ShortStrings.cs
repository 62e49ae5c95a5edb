using System.Runtime.InteropServices;
using System.Text;

namespace HelmSharp.Go;

/// <summary>
/// Short strings shared between everything a thread reads: template tokens (<c>include</c>, <c>Values</c>, <c>{{</c>)
/// and YAML scalars (<c>name</c>, <c>image</c>, <c>true</c>, <c>100m</c>) repeat by the thousand, and one string each
/// instead of one per occurrence is less to allocate and less for the collector to copy. A direct-mapped table keyed
/// by the characters' hash: a hit hands out the string made before (strings are immutable, so which instance a value
/// holds is not observable), a miss makes the string and replaces the slot. Bounded: at most <see cref="MaxSlots"/>
/// strings of at most <see cref="MaxLength"/> characters per thread, kept for the thread's lifetime. The table starts
/// at <see cref="FirstSlots"/> slots and grows (empty: it is only a cache) when misses outnumber the slots twice over,
/// so a small chart does not pay for clearing 64 KiB of fresh memory per thread that a large one needs.
/// </summary>
internal sealed class ShortStrings
{
    /// <summary>Longest text kept.</summary>
    public const int MaxLength = 32;
    internal const int FirstSlots = 1024, MaxSlots = 8192;
    private string?[] _table = new string?[FirstSlots];
    private int _misses;

    /// <summary>The table's current number of slots (tests).</summary>
    internal int Capacity => _table.Length;

    // one table per thread: its users (the template lexer, the YAML scanner) run one call at a time on a thread
    [ThreadStatic] private static ShortStrings? t_table;

    /// <summary>The calling thread's table.</summary>
    public static ShortStrings ForThread() => t_table ??= new ShortStrings();

    /// <summary>A string equal to <paramref name="chars"/>: the table's when it holds one, else a new one (then kept).</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        if (chars.Length > MaxLength) return new string(chars);
        if (chars.Length == 0) return "";
        var table = _table;
        ref string? slot = ref table[Hash(chars) & (table.Length - 1)];
        var hit = slot;
        if (hit != null && chars.SequenceEqual(hit)) return hit;
        var made = new string(chars);
        slot = made;
        if (++_misses > 2 * table.Length && table.Length < MaxSlots)
        {
            _table = new string?[Math.Min(table.Length * 4, MaxSlots)];
            _misses = 0;
        }
        return made;
    }

    /// <summary><see cref="Get(ReadOnlySpan{char})"/> of ASCII bytes (at most <see cref="MaxLength"/>).</summary>
    public string GetAscii(ReadOnlySpan<byte> ascii)
    {
        Span<char> chars = stackalloc char[MaxLength];
        int n = Encoding.ASCII.GetChars(ascii, chars);
        return Get(chars[..n]);
    }

    /// <summary><see cref="Get(ReadOnlySpan{char})"/> of a builder's text.</summary>
    public string Get(StringBuilder sb)
    {
        if (sb.Length > MaxLength) return sb.ToString();
        Span<char> buf = stackalloc char[MaxLength];
        sb.CopyTo(0, buf, sb.Length);
        return Get(buf[..sb.Length]);
    }

    /// <summary>A hash of 1 to <see cref="MaxLength"/> characters, four at a time (the last four overlap when the length is not a multiple).</summary>
    private static uint Hash(ReadOnlySpan<char> chars)
    {
        var bytes = MemoryMarshal.AsBytes(chars);
        ulong h = (ulong)chars.Length * 0x9E3779B97F4A7C15UL;
        if (bytes.Length < 8)
        {
            ulong v = 0;
            for (int i = 0; i < chars.Length; i++) v = v << 16 | chars[i];
            h = (h ^ v) * 0xFF51AFD7ED558CCDUL;
        }
        else
        {
            int i = 0;
            for (; i + 8 < bytes.Length; i += 8)
                h = (h ^ MemoryMarshal.Read<ulong>(bytes[i..])) * 0xFF51AFD7ED558CCDUL;
            h = (h ^ MemoryMarshal.Read<ulong>(bytes[^8..])) * 0xFF51AFD7ED558CCDUL;
        }
        return (uint)(h >> 32) ^ (uint)h;
    }
}
