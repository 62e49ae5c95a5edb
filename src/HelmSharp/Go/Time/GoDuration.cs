using System.Text;

namespace HelmSharp.Go.Time;

/// <summary>
/// Go's <c>time.Duration</c> (an <c>int64</c> count of nanoseconds) as a template value: prints
/// like <c>Duration.String()</c> and exposes its methods.
/// </summary>
internal sealed class GoDuration : IGoMethods, IGoStringer, IEquatable<GoDuration>, IGoJsonMarshaler
{
    /// <summary>The Go type <c>time.Duration</c>.</summary>
    public static readonly GoType Type = GoType.Named("time.Duration", GoType.Int64);

    /// <summary>Nanoseconds.</summary>
    public long Nanoseconds { get; }

    /// <summary>Wraps a nanosecond count.</summary>
    public GoDuration(long nanoseconds) { Nanoseconds = nanoseconds; }

    /// <inheritdoc/>
    public GoType GoType => Type;

    /// <inheritdoc/>
    public string GoString() => Format(Nanoseconds);

    /// <inheritdoc/>
    public override string ToString() => Format(Nanoseconds);

    /// <inheritdoc/>
    public bool Equals(GoDuration? other) => other is not null && other.Nanoseconds == Nanoseconds;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GoDuration d && Equals(d);

    /// <inheritdoc/>
    public override int GetHashCode() => Nanoseconds.GetHashCode();

    /// <inheritdoc/>
    public bool TryGetMethod(string name, out GoMethod method)
    {
        long d = Nanoseconds;
        method = name switch
        {
            "String" => new GoMethod(name, [], _ => Format(d)),
            "Hours" => new GoMethod(name, [], _ => (double)(d / 3_600_000_000_000L) + (double)(d % 3_600_000_000_000L) / 3.6e12),
            "Minutes" => new GoMethod(name, [], _ => (double)(d / 60_000_000_000L) + (double)(d % 60_000_000_000L) / 6e10),
            "Seconds" => new GoMethod(name, [], _ => (double)(d / 1_000_000_000L) + (double)(d % 1_000_000_000L) / 1e9),
            "Milliseconds" => new GoMethod(name, [], _ => d / 1_000_000L),
            "Microseconds" => new GoMethod(name, [], _ => d / 1_000L),
            "Nanoseconds" => new GoMethod(name, [], _ => d),
            "Abs" => new GoMethod(name, [], _ => new GoDuration(d >= 0 ? d : d == long.MinValue ? long.MaxValue : -d)),
            "Round" => new GoMethod(name, [Type], a => new GoDuration(Round(d, ToNanos(a[0])))),
            "Truncate" => new GoMethod(name, [Type], a => new GoDuration(Truncate(d, ToNanos(a[0])))),
            _ => null!,
        };
        return method != null;
    }

    /// <summary>Converts a template argument (a <see cref="GoDuration"/> or any Go integer) to nanoseconds.</summary>
    public static long ToNanos(object? v) => v switch
    {
        GoDuration g => g.Nanoseconds,
        long l => l,
        nint n => n,
        int i => i,
        short s => s,
        sbyte b => b,
        _ => 0,
    };

    /// <summary>Go's <c>Duration.Truncate</c>.</summary>
    public static long Truncate(long d, long m) => m <= 0 ? d : d - d % m;

    /// <summary>Go's <c>Duration.Round</c>.</summary>
    public static long Round(long d, long m)
    {
        if (m <= 0) return d;
        long r = d % m;
        if (d < 0)
        {
            r = -r;
            if (r + r < m) return d + r;
            long d1 = d - m + r;
            if (d1 < d) return d1;
            return long.MinValue;
        }
        if (r + r < m) return d - r;
        long d2 = d + m - r;
        if (d2 > d) return d2;
        return long.MaxValue;
    }

    /// <summary>Go's <c>Duration.String()</c>: <c>1h2m5.5s</c>, <c>1.5µs</c>, <c>0s</c>.</summary>
    public static string Format(long d)
    {
        Span<char> buf = stackalloc char[32];
        int w = buf.Length;
        ulong u = (ulong)d;
        bool neg = d < 0;
        if (neg) u = unchecked(0UL - u);
        if (u < 1_000_000_000UL)
        {
            int prec;
            w--; buf[w] = 's';
            w--;
            if (u == 0) return "0s";
            if (u < 1_000UL) { prec = 0; buf[w] = 'n'; }
            else if (u < 1_000_000UL) { prec = 3; buf[w] = 'µ'; }
            else { prec = 6; buf[w] = 'm'; }
            w = FmtFrac(buf, w, ref u, prec);
            w = FmtInt(buf, w, u);
        }
        else
        {
            w--; buf[w] = 's';
            w = FmtFrac(buf, w, ref u, 9);
            w = FmtInt(buf, w, u % 60);
            u /= 60;
            if (u > 0)
            {
                w--; buf[w] = 'm';
                w = FmtInt(buf, w, u % 60);
                u /= 60;
                if (u > 0)
                {
                    w--; buf[w] = 'h';
                    w = FmtInt(buf, w, u);
                }
            }
        }
        if (neg) { w--; buf[w] = '-'; }
        return new string(buf[w..]);
    }

    private static int FmtFrac(Span<char> buf, int w, ref ulong v, int prec)
    {
        bool print = false;
        for (int i = 0; i < prec; i++)
        {
            ulong digit = v % 10;
            print = print || digit != 0;
            if (print) { w--; buf[w] = (char)('0' + digit); }
            v /= 10;
        }
        if (print) { w--; buf[w] = '.'; }
        return w;
    }

    private static int FmtInt(Span<char> buf, int w, ulong v)
    {
        if (v == 0) { w--; buf[w] = '0'; return w; }
        while (v > 0) { w--; buf[w] = (char)('0' + v % 10); v /= 10; }
        return w;
    }

    /// <summary>Go's <c>time.ParseDuration</c>; the error text is Go's.</summary>
    public static bool TryParse(string s, out long duration, out string? error)
    {
        string orig = s;
        duration = 0; error = null;
        ulong d = 0;
        bool neg = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+')) { neg = s[0] == '-'; s = s[1..]; }
        if (s == "0") return true;
        if (s.Length == 0) { error = "time: invalid duration " + Quote(orig); return false; }
        while (s.Length > 0)
        {
            ulong v, f = 0;
            double scale = 1;
            if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) { error = "time: invalid duration " + Quote(orig); return false; }
            int pl = s.Length;
            if (!LeadingInt(ref s, out v)) { error = "time: invalid duration " + Quote(orig); return false; }
            bool pre = pl != s.Length;
            bool post = false;
            if (s.Length > 0 && s[0] == '.')
            {
                s = s[1..];
                int pl2 = s.Length;
                LeadingFraction(ref s, out f, out scale);
                post = pl2 != s.Length;
            }
            if (!pre && !post) { error = "time: invalid duration " + Quote(orig); return false; }
            int i = 0;
            for (; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '.' || (c >= '0' && c <= '9')) break;
            }
            if (i == 0) { error = "time: missing unit in duration " + Quote(orig); return false; }
            string u = s[..i];
            s = s[i..];
            ulong unit;
            switch (u)
            {
                case "ns": unit = 1; break;
                case "us": case "\u00b5s": case "\u03bcs": unit = 1_000; break;
                case "ms": unit = 1_000_000; break;
                case "s": unit = 1_000_000_000; break;
                case "m": unit = 60_000_000_000; break;
                case "h": unit = 3_600_000_000_000; break;
                default: error = "time: unknown unit " + Quote(u) + " in duration " + Quote(orig); return false;
            }
            if (v > (1UL << 63) / unit) { error = "time: invalid duration " + Quote(orig); return false; }
            v *= unit;
            if (f > 0)
            {
                v += (ulong)((double)f * ((double)unit / scale));
                if (v > 1UL << 63) { error = "time: invalid duration " + Quote(orig); return false; }
            }
            d += v;
            if (d > 1UL << 63) { error = "time: invalid duration " + Quote(orig); return false; }
        }
        if (neg) { duration = unchecked(-(long)d); return true; }
        if (d > long.MaxValue) { error = "time: invalid duration " + Quote(orig); return false; }
        duration = (long)d;
        return true;
    }

    private static bool LeadingInt(ref string s, out ulong x)
    {
        x = 0;
        int i = 0;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c < '0' || c > '9') break;
            if (x > (1UL << 63) / 10) return false;
            x = x * 10 + (ulong)(c - '0');
            if (x > 1UL << 63) return false;
        }
        s = s[i..];
        return true;
    }

    private static void LeadingFraction(ref string s, out ulong x, out double scale)
    {
        x = 0; scale = 1;
        int i = 0;
        bool overflow = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c < '0' || c > '9') break;
            if (overflow) continue;
            if (x > (ulong)long.MaxValue / 10) { overflow = true; continue; }
            ulong y = x * 10 + (ulong)(c - '0');
            if (y > 1UL << 63) { overflow = true; continue; }
            x = y;
            scale *= 10;
        }
        s = s[i..];
    }

    /// <summary>Go's <c>time</c> package <c>quote</c> (non-ASCII and control bytes as <c>\xNN</c>).</summary>
    internal static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        Span<byte> tmp = stackalloc byte[4];
        foreach (var r in s.EnumerateRunes())
        {
            if (r.Value >= 0x80 || r.Value < ' ')
            {
                int n = r.EncodeToUtf8(tmp);
                for (int j = 0; j < n; j++) sb.Append("\\x").Append("0123456789abcdef"[tmp[j] >> 4]).Append("0123456789abcdef"[tmp[j] & 0xF]);
            }
            else
            {
                if (r.Value == '"' || r.Value == '\\') sb.Append('\\');
                sb.Append((char)r.Value);
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary><c>time.Duration</c> is an int64: JSON sees its nanoseconds.</summary>
    public object? ToJsonValue() => Nanoseconds;
}
