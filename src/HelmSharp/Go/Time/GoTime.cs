using System.Diagnostics;

namespace HelmSharp.Go.Time;

/// <summary>
/// Go's <c>time.Time</c>: an instant (Unix seconds + nanoseconds), a <see cref="GoLocation"/> and an
/// optional monotonic clock reading (present only on values from <c>now</c>, like Go). Immutable.
/// Prints like Go's <c>Time.String()</c> and exposes the common methods to templates.
/// </summary>
internal sealed partial class GoTime : IGoMethods, IGoStringer, IGoJsonMarshaler
{
    /// <summary>The Go type <c>time.Time</c>.</summary>
    public static readonly GoType Type = GoType.Struct("time.Time");

    /// <summary>The Go type <c>time.Month</c>.</summary>
    public static readonly GoType MonthType = GoType.Named("time.Month", GoType.Int);

    /// <summary>The Go type <c>time.Weekday</c>.</summary>
    public static readonly GoType WeekdayType = GoType.Named("time.Weekday", GoType.Int);

    internal static readonly string[] LongMonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    internal static readonly string[] ShortMonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    internal static readonly string[] LongDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    internal static readonly string[] ShortDayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    internal static readonly int[] DaysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    private static readonly long s_processStart = Stopwatch.GetTimestamp();

    /// <summary>Seconds since the Unix epoch.</summary>
    public long UnixSeconds { get; }
    /// <summary>Nanoseconds within the second, [0, 999999999].</summary>
    public int Nanosecond { get; }
    /// <summary>The location used for display.</summary>
    public GoLocation Location { get; }
    /// <summary>True when the value carries a monotonic clock reading (values from <c>now</c>).</summary>
    public bool HasMonotonic { get; }
    /// <summary>The monotonic reading in nanoseconds since process start (valid when <see cref="HasMonotonic"/>).</summary>
    public long Monotonic { get; }

    /// <summary>Creates a time from Unix seconds and nanoseconds (normalised) in <paramref name="location"/>.</summary>
    public GoTime(long unixSeconds, long nanoseconds, GoLocation location, bool hasMonotonic = false, long monotonic = 0)
    {
        if (nanoseconds < 0 || nanoseconds >= 1_000_000_000)
        {
            long q = nanoseconds / 1_000_000_000;
            nanoseconds -= q * 1_000_000_000;
            if (nanoseconds < 0) { nanoseconds += 1_000_000_000; q--; }
            unixSeconds = unchecked(unixSeconds + q);
        }
        UnixSeconds = unixSeconds; Nanosecond = (int)nanoseconds; Location = location;
        HasMonotonic = hasMonotonic; Monotonic = monotonic;
    }

    /// <summary>Go's zero <c>time.Time</c> (<c>0001-01-01 00:00:00 +0000 UTC</c>).</summary>
    public static GoTime Zero { get; } = new(-62135596800L, 0, GoLocation.Utc);

    /// <summary>Go's <c>time.Unix(sec, nsec)</c> in <see cref="GoLocation.Local"/>.</summary>
    public static GoTime Unix(long sec, long nsec = 0) => new(sec, nsec, GoLocation.Local);

    /// <summary>Go's <c>time.Now()</c> read from <paramref name="clock"/>, in Local, with a monotonic reading.</summary>
    public static GoTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        long ticks = now.UtcTicks - DateTime.UnixEpoch.Ticks;
        long sec = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rem);
        if (rem < 0) { rem += TimeSpan.TicksPerSecond; sec--; }
        long mono;
        if (ReferenceEquals(clock, TimeProvider.System))
            mono = (long)((Stopwatch.GetTimestamp() - s_processStart) * (1e9 / Stopwatch.Frequency));
        else
            mono = (long)(clock.GetTimestamp() * (1e9 / clock.TimestampFrequency));
        // Go's monotonic readings are never zero for a real clock; keep at least 1ns.
        if (mono <= 0) mono = 1;
        return new GoTime(sec, rem * 100, GoLocation.Local, true, mono);
    }

    /// <inheritdoc/>
    public GoType GoType => Type;

    /// <summary>True for the zero time.</summary>
    public bool IsZero => UnixSeconds == -62135596800L && Nanosecond == 0;

    /// <summary>Same instant in another location (drops the monotonic reading, as Go's <c>In</c>).</summary>
    public GoTime In(GoLocation location) => new(UnixSeconds, Nanosecond, location);

    /// <summary>Go's <c>Time.Add</c> (keeps the monotonic reading).</summary>
    public GoTime Add(long d)
    {
        long dsec = d / 1_000_000_000;
        long nsec = Nanosecond + d % 1_000_000_000;
        if (nsec >= 1_000_000_000) { dsec++; nsec -= 1_000_000_000; }
        else if (nsec < 0) { dsec--; nsec += 1_000_000_000; }
        long sec = unchecked(UnixSeconds + dsec);
        bool mono = HasMonotonic;
        long m = Monotonic;
        if (mono)
        {
            long te = unchecked(m + d);
            if ((d < 0 && te > m) || (d > 0 && te < m)) mono = false;
            else m = te;
        }
        return new GoTime(sec, nsec, Location, mono, mono ? m : 0);
    }

    /// <summary>Go's <c>Time.Sub</c> (saturating; uses monotonic readings when both have one).</summary>
    public long Sub(GoTime u)
    {
        if (HasMonotonic && u.HasMonotonic)
        {
            long te = Monotonic, ue = u.Monotonic;
            long d = unchecked(te - ue);
            if (d < 0 && te > ue) return long.MaxValue;
            if (d > 0 && te < ue) return long.MinValue;
            return d;
        }
        Int128 diff = ((Int128)UnixSeconds - u.UnixSeconds) * 1_000_000_000 + (Nanosecond - u.Nanosecond);
        if (diff > long.MaxValue) return long.MaxValue;
        if (diff < long.MinValue) return long.MinValue;
        return (long)diff;
    }

    /// <summary>Compares instants (monotonic readings when both have one), -1/0/+1.</summary>
    public int Compare(GoTime u)
    {
        if (HasMonotonic && u.HasMonotonic) return Monotonic.CompareTo(u.Monotonic);
        int c = UnixSeconds.CompareTo(u.UnixSeconds);
        return c != 0 ? c : Nanosecond.CompareTo(u.Nanosecond);
    }

    /// <summary>The zone abbreviation and offset (seconds east of UTC) in effect.</summary>
    public (string Name, int Offset) Zone()
    {
        var z = Location.Lookup(UnixSeconds);
        return (z.Name, z.Offset);
    }

    internal readonly struct Parts
    {
        public long Year { get; init; }
        public int Month { get; init; }
        public int Day { get; init; }
        public int Hour { get; init; }
        public int Minute { get; init; }
        public int Second { get; init; }
        public int YearDay { get; init; }
        public int Weekday { get; init; }
        public string ZoneName { get; init; }
        public int Offset { get; init; }
    }

    internal Parts GetParts()
    {
        var z = Location.Lookup(UnixSeconds);
        long local = UnixSeconds + z.Offset;
        long days = FloorDiv(local, 86400);
        long secOfDay = local - days * 86400;
        var (y, m, d) = CivilFromDays(days);
        int yday = DaysBefore[m - 1] + d;
        if (m > 2 && IsLeap(y)) yday++;
        int wd = (int)FloorMod(days + 4, 7);
        return new Parts
        {
            Year = y, Month = m, Day = d,
            Hour = (int)(secOfDay / 3600), Minute = (int)(secOfDay % 3600 / 60), Second = (int)(secOfDay % 60),
            YearDay = yday, Weekday = wd, ZoneName = z.Name, Offset = z.Offset,
        };
    }

    /// <summary>Go's <c>time.Date</c>: normalises out-of-range fields and resolves the zone offset in <paramref name="loc"/>.</summary>
    public static GoTime Date(long year, long month, long day, long hour, long min, long sec, long nsec, GoLocation loc)
    {
        long m = month - 1;
        Norm(ref year, ref m, 12);
        Norm(ref sec, ref nsec, 1_000_000_000);
        Norm(ref min, ref sec, 60);
        Norm(ref hour, ref min, 60);
        Norm(ref day, ref hour, 24);
        long days = DaysFromCivil(year, (int)m + 1, 1) + day - 1;
        long unix = days * 86400 + hour * 3600 + min * 60 + sec;
        var z = loc.Lookup(unix);
        if (z.Offset != 0)
        {
            long utc = unix - z.Offset;
            int offset = z.Offset;
            if (utc < z.Start || utc >= z.End) offset = loc.Lookup(utc).Offset;
            unix -= offset;
        }
        return new GoTime(unix, nsec, loc);
    }

    private static void Norm(ref long hi, ref long lo, long b)
    {
        if (lo < 0) { long n = (-lo - 1) / b + 1; hi -= n; lo += n * b; }
        if (lo >= b) { long n = lo / b; hi += n; lo -= n * b; }
    }

    /// <summary>Go's <c>Time.AddDate</c>.</summary>
    public GoTime AddDate(long years, long months, long days)
    {
        var p = GetParts();
        return Date(p.Year + years, p.Month + months, p.Day + days, p.Hour, p.Minute, p.Second, Nanosecond, Location);
    }

    /// <summary>Go's <c>Time.Truncate(d)</c> (relative to the zero time; drops the monotonic reading).</summary>
    public GoTime Truncate(long d)
    {
        if (d <= 0) return new GoTime(UnixSeconds, Nanosecond, Location);
        long r = Rem(d);
        return new GoTime(UnixSeconds, Nanosecond, Location).Add(-r).StripMono();
    }

    /// <summary>Go's <c>Time.Round(d)</c> (relative to the zero time; drops the monotonic reading).</summary>
    public GoTime Round(long d)
    {
        var t = new GoTime(UnixSeconds, Nanosecond, Location);
        if (d <= 0) return t;
        long r = Rem(d);
        if (unchecked((ulong)r + (ulong)r) < (ulong)d) return t.Add(-r);
        return t.Add(d - r);
    }

    private GoTime StripMono() => HasMonotonic ? new GoTime(UnixSeconds, Nanosecond, Location) : this;

    private long Rem(long d)
    {
        Int128 total = ((Int128)UnixSeconds + 62135596800L) * 1_000_000_000 + Nanosecond;
        Int128 r = total % d;
        if (r < 0) r += d;
        return (long)r;
    }

    /// <summary>Go's <c>Time.String()</c>: <c>2006-01-02 15:04:05.999999999 -0700 MST</c> plus <c> m=±s.nnnnnnnnn</c> when monotonic.</summary>
    public string GoString()
    {
        var s = Format("2006-01-02 15:04:05.999999999 -0700 MST");
        if (!HasMonotonic) return s;
        ulong m2 = (ulong)Monotonic;
        char sign = '+';
        if (Monotonic < 0) { sign = '-'; m2 = unchecked(0UL - m2); }
        ulong m1 = m2 / 1_000_000_000; m2 %= 1_000_000_000;
        ulong m0 = m1 / 1_000_000_000; m1 %= 1_000_000_000;
        var sb = new System.Text.StringBuilder(s, s.Length + 24);
        sb.Append(" m=").Append(sign);
        if (m0 != 0) { sb.Append(m0); sb.Append(m1.ToString("D9")); }
        else sb.Append(m1);
        sb.Append('.').Append(m2.ToString("D9"));
        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => GoString();

    /// <inheritdoc/>
    public bool TryGetMethod(string name, out GoMethod method)
    {
        var t = this;
        method = name switch
        {
            "String" => new GoMethod(name, [], _ => t.GoString()),
            "Format" => new GoMethod(name, [GoType.String], a => t.Format((string)a[0]!)),
            "Unix" => new GoMethod(name, [], _ => t.UnixSeconds),
            "UnixMilli" => new GoMethod(name, [], _ => (long)(((Int128)t.UnixSeconds * 1000) + t.Nanosecond / 1_000_000)),
            "UnixMicro" => new GoMethod(name, [], _ => (long)(((Int128)t.UnixSeconds * 1_000_000) + t.Nanosecond / 1000)),
            "UnixNano" => new GoMethod(name, [], _ => unchecked(t.UnixSeconds * 1_000_000_000 + t.Nanosecond)),
            "Year" => new GoMethod(name, [], _ => (nint)t.GetParts().Year),
            "Month" => new GoMethod(name, [], _ => new GoMonth(t.GetParts().Month)),
            "Day" => new GoMethod(name, [], _ => (nint)t.GetParts().Day),
            "Hour" => new GoMethod(name, [], _ => (nint)t.GetParts().Hour),
            "Minute" => new GoMethod(name, [], _ => (nint)t.GetParts().Minute),
            "Second" => new GoMethod(name, [], _ => (nint)t.GetParts().Second),
            "Nanosecond" => new GoMethod(name, [], _ => (nint)t.Nanosecond),
            "YearDay" => new GoMethod(name, [], _ => (nint)t.GetParts().YearDay),
            "Weekday" => new GoMethod(name, [], _ => new GoWeekday(t.GetParts().Weekday)),
            "UTC" => new GoMethod(name, [], _ => t.In(GoLocation.Utc)),
            "Local" => new GoMethod(name, [], _ => t.In(GoLocation.Local)),
            "In" => new GoMethod(name, [GoType.PointerTo(GoType.Struct("time.Location"))], a =>
                a[0] is GoLocation l ? t.In(l) : throw new GoMethodException("time: missing Location in call to Time.In")),
            "Location" => new GoMethod(name, [], _ => t.Location),
            "IsZero" => new GoMethod(name, [], _ => t.IsZero),
            "Add" => new GoMethod(name, [GoDuration.Type], a => t.Add(GoDuration.ToNanos(a[0]))),
            "AddDate" => new GoMethod(name, [GoType.Int, GoType.Int, GoType.Int], a =>
                t.AddDate(GoDuration.ToNanos(a[0]), GoDuration.ToNanos(a[1]), GoDuration.ToNanos(a[2]))),
            "Sub" => new GoMethod(name, [Type], a => new GoDuration(t.Sub((GoTime)a[0]!))),
            "Before" => new GoMethod(name, [Type], a => t.Compare((GoTime)a[0]!) < 0),
            "After" => new GoMethod(name, [Type], a => t.Compare((GoTime)a[0]!) > 0),
            "Equal" => new GoMethod(name, [Type], a => t.Compare((GoTime)a[0]!) == 0),
            "Compare" => new GoMethod(name, [Type], a => (nint)t.Compare((GoTime)a[0]!)),
            "Truncate" => new GoMethod(name, [GoDuration.Type], a => t.Truncate(GoDuration.ToNanos(a[0]))),
            "Round" => new GoMethod(name, [GoDuration.Type], a => t.Round(GoDuration.ToNanos(a[0]))),
            _ => null!,
        };
        return method != null;
    }

    // ---- calendar arithmetic (proleptic Gregorian, any year) ----

    internal static long FloorDiv(long a, long b) { long q = a / b; if ((a % b != 0) && ((a < 0) != (b < 0))) q--; return q; }
    internal static long FloorMod(long a, long b) { long r = a % b; if (r != 0 && ((r < 0) != (b < 0))) r += b; return r; }

    internal static bool IsLeap(long y) => y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);

    internal static int DaysIn(int month, long year) => month == 2 && IsLeap(year) ? 29 : DaysBefore[month] - DaysBefore[month - 1];

    /// <summary>Days since 1970-01-01 of a civil date.</summary>
    internal static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        long era = FloorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /// <summary>Civil date of a day count since 1970-01-01.</summary>
    internal static (long Year, int Month, int Day) CivilFromDays(long z)
    {
        z += 719468;
        long era = FloorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int)(doy - (153 * mp + 2) / 5 + 1);
        int m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }
}

/// <summary>Go's <c>time.Month</c> value (prints its English name).</summary>
internal sealed class GoMonth : IGoValue, IGoStringer
{
    /// <summary>Wraps a month number 1–12.</summary>
    public GoMonth(int value) { Value = value; }
    /// <summary>The month number.</summary>
    public int Value { get; }
    /// <inheritdoc/>
    public GoType GoType => GoTime.MonthType;
    /// <inheritdoc/>
    public string GoString() => Value is >= 1 and <= 12 ? GoTime.LongMonthNames[Value - 1] : "%!Month(" + Value + ")";
    /// <inheritdoc/>
    public override string ToString() => GoString();
}

/// <summary>Go's <c>time.Weekday</c> value (prints its English name).</summary>
internal sealed class GoWeekday : IGoValue, IGoStringer
{
    /// <summary>Wraps a weekday number 0 (Sunday) – 6.</summary>
    public GoWeekday(int value) { Value = value; }
    /// <summary>The weekday number.</summary>
    public int Value { get; }
    /// <inheritdoc/>
    public GoType GoType => GoTime.WeekdayType;
    /// <inheritdoc/>
    public string GoString() => Value is >= 0 and <= 6 ? GoTime.LongDayNames[Value] : "%!Weekday(" + Value + ")";
    /// <inheritdoc/>
    public override string ToString() => GoString();
}
