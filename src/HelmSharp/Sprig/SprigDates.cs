using System.Globalization;
using HelmSharp.Go;
using HelmSharp.Go.Time;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

/// <summary>Sprig's date functions (<c>date.go</c>).</summary>
public static partial class SprigLibrary
{
    static partial void RegisterDates(FunctionRegistry r)
    {
        var s = GoType.String;
        var i = GoType.Interface;
        var t = GoTime.Type;
        r.Add(new GoFunction("date", [s, i], false, (c, a) => DateInZone(c, (string)a[0]!, a[1], "Local")) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("htmlDate", [i], false, (c, a) => DateInZone(c, "2006-01-02", a[0], "Local")) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("htmlDateInZone", [i, s], false, (c, a) => DateInZone(c, "2006-01-02", a[0], (string)a[1]!)) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("dateInZone", [s, i, s], false, (c, a) => DateInZone(c, (string)a[0]!, a[1], (string)a[2]!)) { Effects = FunctionEffects.ReadsOutside });
        r.Alias("date_in_zone", "dateInZone");
        r.Add(new GoFunction("dateModify", [s, t], false, (_, a) =>
            GoDuration.TryParse((string)a[0]!, out var d, out string? _) ? ((GoTime)a[1]!).Add(d) : a[1]) { Effects = FunctionEffects.ReadsOutside });
        r.Alias("date_modify", "dateModify");
        r.Add(new GoFunction("mustDateModify", [s, t], false, (_, a) =>
            GoDuration.TryParse((string)a[0]!, out var d, out var err) ? ((GoTime)a[1]!).Add(d) : throw new GoFunctionException(err!), true) { Effects = FunctionEffects.ReadsOutside });
        r.Alias("must_date_modify", "mustDateModify");
        r.Add(new GoFunction("ago", [i], false, (c, a) => DateAgo(c, a[0])) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("duration", [i], false, (_, a) => Duration(a[0])) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("durationRound", [i], false, (c, a) => DurationRound(c, a[0])) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("now", [], false, (c, _) => GoTime.Now(c.Clock)) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("toDate", [s, s], false, (_, a) =>
            GoTime.TryParseInLocation((string)a[0]!, (string)a[1]!, GoLocation.Local, out var res, out string? _) ? res : GoTime.Zero) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("mustToDate", [s, s], false, (_, a) =>
            GoTime.TryParseInLocation((string)a[0]!, (string)a[1]!, GoLocation.Local, out var res, out var err) ? res : throw new GoFunctionException(err!), true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("unixEpoch", [t], false, (_, a) => ((GoTime)a[0]!).UnixSeconds.ToString(CultureInfo.InvariantCulture)) { Effects = FunctionEffects.ReadsOutside });
    }

    /// <summary>Sprig's <c>dateInZone</c>: time.Time / int / int32 / int64 (Unix seconds); anything else is now.</summary>
    internal static string DateInZone(IFunctionContext ctx, string fmt, object? date, string zone)
    {
        GoTime t = date switch
        {
            GoTime g => g,
            long l => GoTime.Unix(l),
            nint n => GoTime.Unix(n),
            int n32 => GoTime.Unix(n32),
            _ => GoTime.Now(ctx.Clock),
        };
        if (!GoLocation.TryLoad(zone, out var loc)) loc = GoLocation.Utc;
        return t.In(loc).Format(fmt);
    }

    private static string DateAgo(IFunctionContext ctx, object? date)
    {
        var now = GoTime.Now(ctx.Clock);
        GoTime t = date switch
        {
            GoTime g => g,
            long l => GoTime.Unix(l),
            nint n => GoTime.Unix(n),
            _ => now,
        };
        return GoDuration.Format(GoDuration.Round(now.Sub(t), 1_000_000_000));
    }

    // n, _ := strconv.ParseInt(s, 10, 64): Go's value whatever the error (0 on a syntax error, clamped on a range error).
    private static long ParseIntIgnoringError(string s)
    {
        GoStrconv.TryParseInt(s.AsSpan(), 10, 64, out var n);
        return n;
    }

    private static string Duration(object? sec)
    {
        long n = sec switch
        {
            string str => ParseIntIgnoringError(str),
            long l => l,
            _ => 0,
        };
        return GoDuration.Format(unchecked(n * 1_000_000_000));
    }

    private static string DurationRound(IFunctionContext ctx, object? duration)
    {
        long d = duration switch
        {
            string str => GoDuration.TryParse(str, out var v, out _) ? v : 0,
            long l => l,
            GoTime t => GoTime.Now(ctx.Clock).Sub(t),
            _ => 0,
        };
        ulong u = (ulong)d;
        if (d < 0) u = unchecked(0UL - u);
        const ulong hour = 3_600_000_000_000UL, minute = 60_000_000_000UL, second = 1_000_000_000UL;
        const ulong day = hour * 24, month = day * 30, year = day * 365;
        if (u > year) return (u / year).ToString(CultureInfo.InvariantCulture) + "y";
        if (u > month) return (u / month).ToString(CultureInfo.InvariantCulture) + "mo";
        if (u > day) return (u / day).ToString(CultureInfo.InvariantCulture) + "d";
        if (u > hour) return (u / hour).ToString(CultureInfo.InvariantCulture) + "h";
        if (u > minute) return (u / minute).ToString(CultureInfo.InvariantCulture) + "m";
        if (u > second) return (u / second).ToString(CultureInfo.InvariantCulture) + "s";
        return "0s";
    }
}
