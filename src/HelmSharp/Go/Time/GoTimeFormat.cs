using System.Text;

namespace HelmSharp.Go.Time;

internal sealed partial class GoTime
{
    private const int StdNone = 0, StdLongMonth = 1, StdMonth = 2, StdNumMonth = 3, StdZeroMonth = 4,
        StdLongWeekDay = 5, StdWeekDay = 6, StdDay = 7, StdUnderDay = 8, StdZeroDay = 9,
        StdUnderYearDay = 10, StdZeroYearDay = 11, StdHour = 12, StdHour12 = 13, StdZeroHour12 = 14,
        StdMinute = 15, StdZeroMinute = 16, StdSecond = 17, StdZeroSecond = 18, StdLongYear = 19, StdYear = 20,
        StdPM = 21, Stdpm = 22, StdTZ = 23, StdISO8601TZ = 24, StdISO8601SecondsTZ = 25, StdISO8601ShortTZ = 26,
        StdISO8601ColonTZ = 27, StdISO8601ColonSecondsTZ = 28, StdNumTZ = 29, StdNumSecondsTz = 30,
        StdNumShortTZ = 31, StdNumColonTZ = 32, StdNumColonSecondsTZ = 33, StdFracSecond0 = 34, StdFracSecond9 = 35;

    private static readonly int[] s_std0x = [StdZeroMonth, StdZeroDay, StdZeroHour12, StdZeroMinute, StdZeroSecond, StdYear];

    /// <summary>One layout element: the std code plus, for fractional seconds, digit count and separator.</summary>
    private readonly struct Std
    {
        public Std(int code, int digits = 0, char sep = '.') { Code = code; Digits = digits; Sep = sep; }
        public int Code { get; }
        public int Digits { get; }
        public char Sep { get; }
    }

    private static bool StartsWithLower(string s, int i) => i < s.Length && s[i] >= 'a' && s[i] <= 'z';

    private static bool IsDigitAt(string s, int i) => i < s.Length && s[i] >= '0' && s[i] <= '9';

    private static bool At(string s, int i, string lit) => s.Length - i >= lit.Length && string.CompareOrdinal(s, i, lit, 0, lit.Length) == 0;

    /// <summary>Go's <c>nextStdChunk</c>: finds the first layout element at or after <paramref name="start"/>.</summary>
    private static (int PrefixEnd, Std Std, int SuffixStart) NextStdChunk(string layout, int start)
    {
        for (int i = start; i < layout.Length; i++)
        {
            char c = layout[i];
            switch (c)
            {
                case 'J':
                    if (At(layout, i, "Jan"))
                    {
                        if (At(layout, i, "January")) return (i, new Std(StdLongMonth), i + 7);
                        if (!StartsWithLower(layout, i + 3)) return (i, new Std(StdMonth), i + 3);
                    }
                    break;
                case 'M':
                    if (layout.Length >= i + 3)
                    {
                        if (At(layout, i, "Mon"))
                        {
                            if (At(layout, i, "Monday")) return (i, new Std(StdLongWeekDay), i + 6);
                            if (!StartsWithLower(layout, i + 3)) return (i, new Std(StdWeekDay), i + 3);
                        }
                        if (At(layout, i, "MST")) return (i, new Std(StdTZ), i + 3);
                    }
                    break;
                case '0':
                    if (layout.Length >= i + 2 && layout[i + 1] >= '1' && layout[i + 1] <= '6')
                        return (i, new Std(s_std0x[layout[i + 1] - '1']), i + 2);
                    if (layout.Length >= i + 3 && layout[i + 1] == '0' && layout[i + 2] == '2')
                        return (i, new Std(StdZeroYearDay), i + 3);
                    break;
                case '1':
                    if (layout.Length >= i + 2 && layout[i + 1] == '5') return (i, new Std(StdHour), i + 2);
                    return (i, new Std(StdNumMonth), i + 1);
                case '2':
                    if (At(layout, i, "2006")) return (i, new Std(StdLongYear), i + 4);
                    return (i, new Std(StdDay), i + 1);
                case '_':
                    if (layout.Length >= i + 2 && layout[i + 1] == '2')
                    {
                        if (At(layout, i + 1, "2006")) return (i + 1, new Std(StdLongYear), i + 5);
                        return (i, new Std(StdUnderDay), i + 2);
                    }
                    if (layout.Length >= i + 3 && layout[i + 1] == '_' && layout[i + 2] == '2')
                        return (i, new Std(StdUnderYearDay), i + 3);
                    break;
                case '3': return (i, new Std(StdHour12), i + 1);
                case '4': return (i, new Std(StdMinute), i + 1);
                case '5': return (i, new Std(StdSecond), i + 1);
                case 'P':
                    if (layout.Length >= i + 2 && layout[i + 1] == 'M') return (i, new Std(StdPM), i + 2);
                    break;
                case 'p':
                    if (layout.Length >= i + 2 && layout[i + 1] == 'm') return (i, new Std(Stdpm), i + 2);
                    break;
                case '-':
                    if (At(layout, i, "-070000")) return (i, new Std(StdNumSecondsTz), i + 7);
                    if (At(layout, i, "-07:00:00")) return (i, new Std(StdNumColonSecondsTZ), i + 9);
                    if (At(layout, i, "-0700")) return (i, new Std(StdNumTZ), i + 5);
                    if (At(layout, i, "-07:00")) return (i, new Std(StdNumColonTZ), i + 6);
                    if (At(layout, i, "-07")) return (i, new Std(StdNumShortTZ), i + 3);
                    break;
                case 'Z':
                    if (At(layout, i, "Z070000")) return (i, new Std(StdISO8601SecondsTZ), i + 7);
                    if (At(layout, i, "Z07:00:00")) return (i, new Std(StdISO8601ColonSecondsTZ), i + 9);
                    if (At(layout, i, "Z0700")) return (i, new Std(StdISO8601TZ), i + 5);
                    if (At(layout, i, "Z07:00")) return (i, new Std(StdISO8601ColonTZ), i + 6);
                    if (At(layout, i, "Z07")) return (i, new Std(StdISO8601ShortTZ), i + 3);
                    break;
                case '.':
                case ',':
                    if (i + 1 < layout.Length && (layout[i + 1] == '0' || layout[i + 1] == '9'))
                    {
                        char ch = layout[i + 1];
                        int j = i + 1;
                        while (j < layout.Length && layout[j] == ch) j++;
                        if (!IsDigitAt(layout, j))
                            return (i, new Std(ch == '0' ? StdFracSecond0 : StdFracSecond9, j - (i + 1), c), j);
                    }
                    break;
            }
        }
        return (layout.Length, new Std(StdNone), layout.Length);
    }

    private static void AppendInt(StringBuilder b, long x, int width)
    {
        ulong u = (ulong)x;
        if (x < 0) { b.Append('-'); u = unchecked(0UL - u); }
        Span<char> buf = stackalloc char[20];
        int i = buf.Length;
        while (u >= 10) { i--; buf[i] = (char)('0' + u % 10); u /= 10; }
        i--; buf[i] = (char)('0' + u);
        for (int w = buf.Length - i; w < width; w++) b.Append('0');
        b.Append(buf[i..]);
    }

    /// <summary>Go's <c>Time.MarshalJSON</c>: the RFC 3339 form with nanoseconds.</summary>
    public object? ToJsonValue() => Format("2006-01-02T15:04:05.999999999Z07:00");

    /// <summary>Go's <c>Time.Format(layout)</c> with every layout element of Go's <c>time</c> package.</summary>
    public string Format(string layout)
    {
        var p = GetParts();
        var b = new StringBuilder(layout.Length + 10);
        int pos = 0;
        while (pos < layout.Length)
        {
            var (prefixEnd, std, suffix) = NextStdChunk(layout, pos);
            b.Append(layout, pos, prefixEnd - pos);
            if (std.Code == StdNone) break;
            pos = suffix;
            switch (std.Code)
            {
                case StdYear:
                    long y = p.Year;
                    if (y < 0) y = -y;
                    AppendInt(b, y % 100, 2);
                    break;
                case StdLongYear: AppendInt(b, p.Year, 4); break;
                case StdMonth: b.Append(ShortMonthNames[p.Month - 1]); break;
                case StdLongMonth: b.Append(LongMonthNames[p.Month - 1]); break;
                case StdNumMonth: AppendInt(b, p.Month, 0); break;
                case StdZeroMonth: AppendInt(b, p.Month, 2); break;
                case StdWeekDay: b.Append(ShortDayNames[p.Weekday]); break;
                case StdLongWeekDay: b.Append(LongDayNames[p.Weekday]); break;
                case StdDay: AppendInt(b, p.Day, 0); break;
                case StdUnderDay:
                    if (p.Day < 10) b.Append(' ');
                    AppendInt(b, p.Day, 0);
                    break;
                case StdZeroDay: AppendInt(b, p.Day, 2); break;
                case StdUnderYearDay:
                    if (p.YearDay < 100) { b.Append(' '); if (p.YearDay < 10) b.Append(' '); }
                    AppendInt(b, p.YearDay, 0);
                    break;
                case StdZeroYearDay: AppendInt(b, p.YearDay, 3); break;
                case StdHour: AppendInt(b, p.Hour, 2); break;
                case StdHour12:
                case StdZeroHour12:
                    int hr = p.Hour % 12;
                    if (hr == 0) hr = 12;
                    AppendInt(b, hr, std.Code == StdZeroHour12 ? 2 : 0);
                    break;
                case StdMinute: AppendInt(b, p.Minute, 0); break;
                case StdZeroMinute: AppendInt(b, p.Minute, 2); break;
                case StdSecond: AppendInt(b, p.Second, 0); break;
                case StdZeroSecond: AppendInt(b, p.Second, 2); break;
                case StdPM: b.Append(p.Hour >= 12 ? "PM" : "AM"); break;
                case Stdpm: b.Append(p.Hour >= 12 ? "pm" : "am"); break;
                case StdISO8601TZ:
                case StdISO8601ColonTZ:
                case StdISO8601SecondsTZ:
                case StdISO8601ShortTZ:
                case StdISO8601ColonSecondsTZ:
                case StdNumTZ:
                case StdNumColonTZ:
                case StdNumSecondsTz:
                case StdNumShortTZ:
                case StdNumColonSecondsTZ:
                    {
                        int code = std.Code;
                        bool iso = code is StdISO8601TZ or StdISO8601ColonTZ or StdISO8601SecondsTZ or StdISO8601ShortTZ or StdISO8601ColonSecondsTZ;
                        if (p.Offset == 0 && iso) { b.Append('Z'); break; }
                        int zone = p.Offset / 60;
                        int absoffset = p.Offset;
                        if (zone < 0) { b.Append('-'); zone = -zone; absoffset = -absoffset; }
                        else b.Append('+');
                        AppendInt(b, zone / 60, 2);
                        if (code is StdISO8601ColonTZ or StdNumColonTZ or StdISO8601ColonSecondsTZ or StdNumColonSecondsTZ) b.Append(':');
                        if (code != StdNumShortTZ && code != StdISO8601ShortTZ) AppendInt(b, zone % 60, 2);
                        if (code is StdISO8601SecondsTZ or StdNumSecondsTz or StdNumColonSecondsTZ or StdISO8601ColonSecondsTZ)
                        {
                            if (code is StdNumColonSecondsTZ or StdISO8601ColonSecondsTZ) b.Append(':');
                            AppendInt(b, absoffset % 60, 2);
                        }
                        break;
                    }
                case StdTZ:
                    if (p.ZoneName.Length > 0) { b.Append(p.ZoneName); break; }
                    {
                        int zone = p.Offset / 60;
                        if (zone < 0) { b.Append('-'); zone = -zone; } else b.Append('+');
                        AppendInt(b, zone / 60, 2);
                        AppendInt(b, zone % 60, 2);
                    }
                    break;
                case StdFracSecond0:
                case StdFracSecond9:
                    AppendNano(b, Nanosecond, std);
                    break;
            }
        }
        return b.ToString();
    }

    private static void AppendNano(StringBuilder b, int nanosec, Std std)
    {
        bool trim = std.Code == StdFracSecond9;
        int n = std.Digits;
        if (trim && (n == 0 || nanosec == 0)) return;
        int start = b.Length;
        b.Append(std.Sep);
        AppendInt(b, nanosec, 9);
        if (n < 9) b.Length -= 9 - n;
        if (trim)
        {
            while (b.Length > start && b[^1] == '0') b.Length--;
            if (b.Length > start && b[^1] == std.Sep) b.Length--;
        }
    }

    // ---------------------------------------------------------------- parsing

    private sealed class BadException : Exception { }

    /// <summary>Go's <c>time.ParseInLocation</c>; returns false with Go's <c>ParseError</c> text on failure.</summary>
    public static bool TryParseInLocation(string layout, string value, GoLocation loc, out GoTime result, out string? error)
        => TryParse(layout, value, loc, loc, out result, out error);

    /// <summary>Go's <c>time.Parse</c> (UTC default, Local used to match zone names/offsets).</summary>
    public static bool TryParse(string layout, string value, out GoTime result, out string? error)
        => TryParse(layout, value, GoLocation.Utc, GoLocation.Local, out result, out error);

    private static string ParseError(string layout, string value, string layoutElem, string valueElem, string message) =>
        message.Length == 0
            ? "parsing time " + GoDuration.Quote(value) + " as " + GoDuration.Quote(layout) + ": cannot parse " + GoDuration.Quote(valueElem) + " as " + GoDuration.Quote(layoutElem)
            : "parsing time " + GoDuration.Quote(value) + message;

    private static bool TryParse(string alayout, string avalue, GoLocation defaultLocation, GoLocation local, out GoTime result, out string? error)
    {
        result = Zero; error = null;
        string layout = alayout, value = avalue;
        string rangeErr = "";
        bool amSet = false, pmSet = false;
        long year = 0; int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
        GoLocation? z = null;
        int zoneOffset = -1;
        string zoneName = "";
        int lpos = 0;
        while (true)
        {
            var (prefixEnd, std, suffix) = NextStdChunk(layout, lpos);
            string prefix = layout[lpos..prefixEnd];
            string stdstr = layout[prefixEnd..suffix];
            if (!Skip(ref value, prefix))
            {
                error = ParseError(alayout, avalue, prefix, value, "");
                return false;
            }
            if (std.Code == StdNone)
            {
                if (value.Length != 0)
                {
                    error = ParseError(alayout, avalue, "", value, ": extra text: " + GoDuration.Quote(value));
                    return false;
                }
                break;
            }
            lpos = suffix;
            string hold = value;
            bool err = false;
            try
            {
                switch (std.Code)
                {
                    case StdYear:
                        {
                            if (value.Length < 2) throw new BadException();
                            string pp = value[..2]; value = value[2..];
                            if (!Atoi(pp, out var yy)) throw new BadException();
                            year = yy >= 69 ? yy + 1900 : yy + 2000;
                            break;
                        }
                    case StdLongYear:
                        {
                            if (value.Length < 4 || !IsDigitAt(value, 0)) throw new BadException();
                            string pp = value[..4]; value = value[4..];
                            if (!Atoi(pp, out var yy)) throw new BadException();
                            year = yy;
                            break;
                        }
                    case StdMonth: month = Lookup(ShortMonthNames, ref value) + 1; break;
                    case StdLongMonth: month = Lookup(LongMonthNames, ref value) + 1; break;
                    case StdNumMonth:
                    case StdZeroMonth:
                        month = GetNum(ref value, std.Code == StdZeroMonth);
                        if (month <= 0 || 12 < month) rangeErr = "month";
                        break;
                    case StdWeekDay: Lookup(ShortDayNames, ref value); break;
                    case StdLongWeekDay: Lookup(LongDayNames, ref value); break;
                    case StdDay:
                    case StdUnderDay:
                    case StdZeroDay:
                        if (std.Code == StdUnderDay && value.Length > 0 && value[0] == ' ') value = value[1..];
                        day = GetNum(ref value, std.Code == StdZeroDay);
                        break;
                    case StdUnderYearDay:
                    case StdZeroYearDay:
                        for (int i = 0; i < 2; i++)
                            if (std.Code == StdUnderYearDay && value.Length > 0 && value[0] == ' ') value = value[1..];
                        yday = GetNum3(ref value, std.Code == StdZeroYearDay);
                        break;
                    case StdHour:
                        hour = GetNum(ref value, false);
                        if (hour < 0 || 24 <= hour) rangeErr = "hour";
                        break;
                    case StdHour12:
                    case StdZeroHour12:
                        hour = GetNum(ref value, std.Code == StdZeroHour12);
                        if (hour < 0 || 12 < hour) rangeErr = "hour";
                        break;
                    case StdMinute:
                    case StdZeroMinute:
                        min = GetNum(ref value, std.Code == StdZeroMinute);
                        if (min < 0 || 60 <= min) rangeErr = "minute";
                        break;
                    case StdSecond:
                    case StdZeroSecond:
                        sec = GetNum(ref value, std.Code == StdZeroSecond);
                        if (sec < 0 || 60 <= sec) { rangeErr = "second"; break; }
                        if (value.Length >= 2 && (value[0] == '.' || value[0] == ',') && IsDigitAt(value, 1))
                        {
                            var next = NextStdChunk(layout, lpos).Std.Code;
                            if (next == StdFracSecond0 || next == StdFracSecond9) break;
                            int n = 2;
                            while (n < value.Length && IsDigitAt(value, n)) n++;
                            nsec = ParseNanoseconds(value, n, ref rangeErr);
                            value = value[n..];
                        }
                        break;
                    case StdPM:
                    case Stdpm:
                        {
                            if (value.Length < 2) throw new BadException();
                            string pp = value[..2]; value = value[2..];
                            string pm = std.Code == StdPM ? "PM" : "pm", am = std.Code == StdPM ? "AM" : "am";
                            if (pp == pm) pmSet = true;
                            else if (pp == am) amSet = true;
                            else throw new BadException();
                            break;
                        }
                    case StdISO8601TZ:
                    case StdISO8601ShortTZ:
                    case StdISO8601ColonTZ:
                    case StdISO8601SecondsTZ:
                    case StdISO8601ColonSecondsTZ:
                    case StdNumTZ:
                    case StdNumShortTZ:
                    case StdNumColonTZ:
                    case StdNumSecondsTz:
                    case StdNumColonSecondsTZ:
                        {
                            int code = std.Code;
                            if (code is StdISO8601TZ or StdISO8601ShortTZ or StdISO8601ColonTZ or StdISO8601SecondsTZ or StdISO8601ColonSecondsTZ
                                && value.Length >= 1 && value[0] == 'Z')
                            {
                                value = value[1..];
                                z = GoLocation.Utc;
                                break;
                            }
                            string sign, hh, mm, ss;
                            if (code is StdISO8601ColonTZ or StdNumColonTZ)
                            {
                                if (value.Length < 6 || value[3] != ':') throw new BadException();
                                sign = value[..1]; hh = value[1..3]; mm = value[4..6]; ss = "00"; value = value[6..];
                            }
                            else if (code is StdNumShortTZ or StdISO8601ShortTZ)
                            {
                                if (value.Length < 3) throw new BadException();
                                sign = value[..1]; hh = value[1..3]; mm = "00"; ss = "00"; value = value[3..];
                            }
                            else if (code is StdISO8601ColonSecondsTZ or StdNumColonSecondsTZ)
                            {
                                if (value.Length < 9 || value[3] != ':' || value[6] != ':') throw new BadException();
                                sign = value[..1]; hh = value[1..3]; mm = value[4..6]; ss = value[7..9]; value = value[9..];
                            }
                            else if (code is StdISO8601SecondsTZ or StdNumSecondsTz)
                            {
                                if (value.Length < 7) throw new BadException();
                                sign = value[..1]; hh = value[1..3]; mm = value[3..5]; ss = value[5..7]; value = value[7..];
                            }
                            else
                            {
                                if (value.Length < 5) throw new BadException();
                                sign = value[..1]; hh = value[1..3]; mm = value[3..5]; ss = "00"; value = value[5..];
                            }
                            int hr = GetNum(ref hh, true);
                            int mi = GetNum(ref mm, true);
                            int se = GetNum(ref ss, true);
                            if (hr > 24) rangeErr = "time zone offset hour";
                            if (mi > 60) rangeErr = "time zone offset minute";
                            if (se > 60) rangeErr = "time zone offset second";
                            zoneOffset = (hr * 60 + mi) * 60 + se;
                            if (sign[0] == '-') zoneOffset = -zoneOffset;
                            else if (sign[0] != '+') throw new BadException();
                            break;
                        }
                    case StdTZ:
                        {
                            if (value.Length >= 3 && value.StartsWith("UTC", StringComparison.Ordinal))
                            {
                                z = GoLocation.Utc;
                                value = value[3..];
                                break;
                            }
                            int n = ParseTimeZone(value);
                            if (n <= 0) throw new BadException();
                            zoneName = value[..n]; value = value[n..];
                            break;
                        }
                    case StdFracSecond0:
                        {
                            int ndigit = 1 + std.Digits;
                            if (value.Length < ndigit) throw new BadException();
                            nsec = ParseNanoseconds(value, ndigit, ref rangeErr);
                            value = value[ndigit..];
                            break;
                        }
                    case StdFracSecond9:
                        {
                            if (value.Length < 2 || !(value[0] == '.' || value[0] == ',') || value[1] < '0' || '9' < value[1]) break;
                            int i = 0;
                            while (i + 1 < value.Length && value[i + 1] >= '0' && value[i + 1] <= '9') i++;
                            nsec = ParseNanoseconds(value, 1 + i, ref rangeErr);
                            value = value[(1 + i)..];
                            break;
                        }
                }
            }
            catch (BadException) { err = true; }
            if (rangeErr.Length > 0)
            {
                error = ParseError(alayout, avalue, stdstr, value, ": " + rangeErr + " out of range");
                return false;
            }
            if (err)
            {
                error = ParseError(alayout, avalue, stdstr, hold, "");
                return false;
            }
        }
        if (pmSet && hour < 12) hour += 12;
        else if (amSet && hour == 12) hour = 0;

        if (yday >= 0)
        {
            int d = 0, m = 0;
            if (IsLeap(year))
            {
                if (yday == 31 + 29) { m = 2; d = 29; }
                else if (yday > 31 + 29) yday--;
            }
            if (yday < 1 || yday > 365)
            {
                error = ParseError(alayout, avalue, "", value, ": day-of-year out of range");
                return false;
            }
            if (m == 0)
            {
                m = (yday - 1) / 31 + 1;
                if (DaysBefore[m] < yday) m++;
                d = yday - DaysBefore[m - 1];
            }
            if (month >= 0 && month != m)
            {
                error = ParseError(alayout, avalue, "", value, ": day-of-year does not match month");
                return false;
            }
            month = m;
            if (day >= 0 && day != d)
            {
                error = ParseError(alayout, avalue, "", value, ": day-of-year does not match day");
                return false;
            }
            day = d;
        }
        else
        {
            if (month < 0) month = 1;
            if (day < 0) day = 1;
        }
        if (day < 1 || day > DaysIn(month, year))
        {
            error = ParseError(alayout, avalue, "", value, ": day out of range");
            return false;
        }
        if (z != null)
        {
            result = Date(year, month, day, hour, min, sec, nsec, z);
            return true;
        }
        if (zoneOffset != -1)
        {
            var t = Date(year, month, day, hour, min, sec, nsec, GoLocation.Utc);
            long unix = t.UnixSeconds - zoneOffset;
            var lz = local.Lookup(unix);
            if (lz.Offset == zoneOffset && (zoneName.Length == 0 || lz.Name == zoneName))
            {
                result = new GoTime(unix, nsec, local);
                return true;
            }
            result = new GoTime(unix, nsec, GoLocation.Fixed(zoneName, zoneOffset));
            return true;
        }
        if (zoneName.Length > 0)
        {
            var t = Date(year, month, day, hour, min, sec, nsec, GoLocation.Utc);
            if (local.LookupName(zoneName, t.UnixSeconds, out var off))
            {
                result = new GoTime(t.UnixSeconds - off, nsec, local);
                return true;
            }
            int offset = 0;
            if (zoneName.Length > 3 && zoneName.StartsWith("GMT", StringComparison.Ordinal))
            {
                Atoi(zoneName[3..], out var o);
                offset = (int)o * 3600;
            }
            result = new GoTime(t.UnixSeconds, nsec, GoLocation.Fixed(zoneName, offset));
            return true;
        }
        result = Date(year, month, day, hour, min, sec, nsec, defaultLocation);
        return true;
    }

    private static bool Skip(ref string value, string prefix)
    {
        int pi = 0, vi = 0;
        while (pi < prefix.Length)
        {
            if (prefix[pi] == ' ')
            {
                if (vi < value.Length && value[vi] != ' ') { value = value[vi..]; return false; }
                while (pi < prefix.Length && prefix[pi] == ' ') pi++;
                while (vi < value.Length && value[vi] == ' ') vi++;
                continue;
            }
            if (vi >= value.Length || value[vi] != prefix[pi]) { value = value[vi..]; return false; }
            pi++; vi++;
        }
        value = value[vi..];
        return true;
    }

    private static int Lookup(string[] tab, ref string val)
    {
        for (int i = 0; i < tab.Length; i++)
        {
            var v = tab[i];
            if (val.Length >= v.Length && MatchFold(val, v))
            {
                val = val[v.Length..];
                return i;
            }
        }
        throw new BadException();
    }

    private static bool MatchFold(string s1, string s2)
    {
        for (int i = 0; i < s2.Length; i++)
        {
            char c1 = s1[i], c2 = s2[i];
            if (c1 != c2)
            {
                c1 |= (char)('a' - 'A');
                c2 |= (char)('a' - 'A');
                if (c1 != c2 || c1 < 'a' || c1 > 'z') return false;
            }
        }
        return true;
    }

    private static int GetNum(ref string s, bool fixedWidth)
    {
        if (!IsDigitAt(s, 0)) throw new BadException();
        if (!IsDigitAt(s, 1))
        {
            if (fixedWidth) throw new BadException();
            int r = s[0] - '0';
            s = s[1..];
            return r;
        }
        int v = (s[0] - '0') * 10 + (s[1] - '0');
        s = s[2..];
        return v;
    }

    private static int GetNum3(ref string s, bool fixedWidth)
    {
        int n = 0, i = 0;
        for (; i < 3 && IsDigitAt(s, i); i++) n = n * 10 + (s[i] - '0');
        if (i == 0 || (fixedWidth && i != 3)) throw new BadException();
        s = s[i..];
        return n;
    }

    private static bool Atoi(string s, out long x)
    {
        x = 0;
        bool neg = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+')) { neg = s[0] == '-'; s = s[1..]; }
        int i = 0;
        ulong q = 0;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c < '0' || c > '9') break;
            if (q > (1UL << 63) / 10) return false;
            q = q * 10 + (ulong)(c - '0');
            if (q > 1UL << 63) return false;
        }
        if (i < s.Length) return false;
        x = unchecked((long)q);
        if (neg) x = -x;
        return true;
    }

    private static int ParseNanoseconds(string value, int nbytes, ref string rangeErr)
    {
        if (!(value[0] == '.' || value[0] == ',')) throw new BadException();
        if (nbytes > 10) { value = value[..10]; nbytes = 10; }
        if (!Atoi(value[1..nbytes], out var ns)) throw new BadException();
        if (ns < 0) { rangeErr = "fractional second"; return 0; }
        for (int i = 0; i < 10 - nbytes; i++) ns *= 10;
        return (int)ns;
    }

    private static int ParseTimeZone(string value)
    {
        if (value.Length < 3) return 0;
        if (value.Length >= 4 && (value.StartsWith("ChST", StringComparison.Ordinal) || value.StartsWith("MeST", StringComparison.Ordinal))) return 4;
        if (value.StartsWith("GMT", StringComparison.Ordinal))
        {
            if (value.Length == 3) return 3;
            return 3 + ParseSignedOffset(value[3..]);
        }
        if (value[0] == '+' || value[0] == '-') return ParseSignedOffset(value);
        int nUpper = 0;
        for (; nUpper < 6; nUpper++)
        {
            if (nUpper >= value.Length) break;
            char c = value[nUpper];
            if (c < 'A' || 'Z' < c) break;
        }
        switch (nUpper)
        {
            case 5: return value[4] == 'T' ? 5 : 0;
            case 4: return value[3] == 'T' || value.StartsWith("WITA", StringComparison.Ordinal) ? 4 : 0;
            case 3: return 3;
            default: return 0;
        }
    }

    private static int ParseSignedOffset(string value)
    {
        char sign = value[0];
        if (sign != '-' && sign != '+') return 0;
        int i = 1;
        ulong x = 0;
        for (; i < value.Length; i++)
        {
            char c = value[i];
            if (c < '0' || c > '9') break;
            if (x > (1UL << 63) / 10) return 0;
            x = x * 10 + (ulong)(c - '0');
            if (x > 1UL << 63) return 0;
        }
        if (i == 1) return 0;
        if (x > 24) return 0;
        return i;
    }
}
