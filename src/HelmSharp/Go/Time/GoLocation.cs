using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace HelmSharp.Go.Time;

/// <summary>
/// Go's <c>*time.Location</c>: a named set of zones and transitions loaded from the system's TZif
/// files (as Go's <c>time.LoadLocation</c> does), including the POSIX TZ footer rule for times
/// after the last transition.
/// </summary>
internal sealed class GoLocation : IGoValue, IGoStringer
{
    private static readonly GoType s_type = GoType.PointerTo(GoType.Struct("time.Location"));
    private static readonly ConcurrentDictionary<string, GoLocation?> s_cache = new(StringComparer.Ordinal);
    private static readonly string[] s_zoneDirs = ["/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo/"];
    private static GoLocation? s_local;

    internal readonly struct Zone
    {
        public Zone(string name, int offset, bool isDst) { Name = name; Offset = offset; IsDst = isDst; }
        public string Name { get; }
        public int Offset { get; }
        public bool IsDst { get; }
    }

    private readonly Zone[] _zones;
    private readonly long[] _txWhen;
    private readonly byte[] _txIndex;
    private readonly string _extend;

    /// <summary>The location's name (<c>UTC</c>, <c>Local</c>, <c>Europe/Berlin</c> …).</summary>
    public string Name { get; }

    /// <summary>Go's <c>time.UTC</c>.</summary>
    public static GoLocation Utc { get; } = new("UTC", [], [], [], "");

    private GoLocation(string name, Zone[] zones, long[] txWhen, byte[] txIndex, string extend)
    {
        Name = name; _zones = zones; _txWhen = txWhen; _txIndex = txIndex; _extend = extend;
    }

    /// <summary>Go's <c>time.FixedZone(name, offset)</c>.</summary>
    public static GoLocation Fixed(string name, int offsetSeconds) =>
        new(name, [new Zone(name, offsetSeconds, false)], [long.MinValue], [0], "");

    /// <summary>True when this is UTC (no zones at all).</summary>
    public bool IsUtc => _zones.Length == 0;

    /// <inheritdoc/>
    public GoType GoType => s_type;

    /// <inheritdoc/>
    public string GoString() => Name;

    /// <summary>
    /// Go's <c>time.Local</c>: from the <c>TZ</c> environment variable (unset: <c>/etc/localtime</c>;
    /// empty: UTC), falling back to UTC. Its name is <c>Local</c>.
    /// </summary>
    public static GoLocation Local => s_local ??= InitLocal();

    private static GoLocation InitLocal()
    {
        var tz = Environment.GetEnvironmentVariable("TZ");
        GoLocation? loc = null;
        if (tz == null) loc = LoadFile("/etc/localtime", "Local");
        else if (tz.Length > 0)
        {
            if (tz[0] == ':') tz = tz[1..];
            if (tz.Length > 0 && tz[0] == '/') loc = LoadFile(tz, "Local");
            else if (tz.Length > 0 && tz != "UTC") loc = LoadFromDirs(tz, "Local");
        }
        return loc ?? new GoLocation("UTC", [], [], [], "");
    }

    /// <summary>
    /// Go's <c>time.LoadLocation</c>: <c>""</c>/<c>UTC</c> give UTC, <c>Local</c> gives <see cref="Local"/>,
    /// anything else is read from the system zoneinfo directories.
    /// </summary>
    public static bool TryLoad(string name, out GoLocation location)
    {
        if (name == "" || name == "UTC") { location = Utc; return true; }
        if (name == "Local") { location = Local; return true; }
        if (!ContainsDotDot(name) && name[0] != '/' && name[0] != '\\' && name.IndexOf('\0') < 0 && name.Length < 256)
        {
            var loc = s_cache.GetOrAdd(name, n => LoadFromDirs(n, n));
            if (loc != null) { location = loc; return true; }
        }
        location = Utc;
        return false;
    }

    /// <summary>The error text of Go's <c>time.LoadLocation</c> for a name it cannot load.</summary>
    public static string LoadError(string name) =>
        ContainsDotDot(name) || (name.Length > 0 && (name[0] == '/' || name[0] == '\\'))
            ? "time: invalid location name"
            : "unknown time zone " + name;

    private static bool ContainsDotDot(string s)
    {
        if (s.Length < 2) return false;
        for (int i = 0; i < s.Length - 1; i++)
            if (s[i] == '.' && s[i + 1] == '.') return true;
        return false;
    }

    private static GoLocation? LoadFromDirs(string name, string locName)
    {
        var zoneinfo = Environment.GetEnvironmentVariable("ZONEINFO");
        if (!string.IsNullOrEmpty(zoneinfo) && Directory.Exists(zoneinfo))
        {
            var l = LoadFile(Path.Combine(zoneinfo, name), locName);
            if (l != null) return l;
        }
        foreach (var dir in s_zoneDirs)
        {
            var l = LoadFile(dir + name, locName);
            if (l != null) return l;
        }
        return null;
    }

    private static GoLocation? LoadFile(string path, string name)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var info = new FileInfo(path);
            if (info.Length > 10 << 20) return null;
            return FromTzData(name, File.ReadAllBytes(path));
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Go's <c>time.LoadLocationFromTZData</c>; null when the data is malformed.</summary>
    public static GoLocation? FromTzData(string name, ReadOnlySpan<byte> data)
    {
        try { return Parse(name, data); }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or FormatException) { return null; }
    }

    private static GoLocation? Parse(string name, ReadOnlySpan<byte> d)
    {
        if (d.Length < 44 || d[0] != 'T' || d[1] != 'Z' || d[2] != 'i' || d[3] != 'f') return null;
        int version = d[4] == 0 ? 1 : d[4] - '0';
        int p = 20;
        var n = new int[6];
        for (int i = 0; i < 6; i++) { n[i] = checked((int)BinaryPrimitives.ReadUInt32BigEndian(d[p..])); p += 4; }
        // n: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
        bool is64 = false;
        if (version > 1)
        {
            int skip = n[3] * 4 + n[3] + n[4] * 6 + n[5] + n[2] * 8 + n[1] + n[0];
            p += skip;
            if (d.Length < p + 44 || d[p] != 'T' || d[p + 1] != 'Z' || d[p + 2] != 'i' || d[p + 3] != 'f') return null;
            p += 20;
            for (int i = 0; i < 6; i++) { n[i] = checked((int)BinaryPrimitives.ReadUInt32BigEndian(d[p..])); p += 4; }
            is64 = true;
        }
        int timecnt = n[3], typecnt = n[4], charcnt = n[5], leapcnt = n[2];
        if (typecnt == 0) return null;
        var when = new long[timecnt];
        for (int i = 0; i < timecnt; i++)
        {
            when[i] = is64 ? BinaryPrimitives.ReadInt64BigEndian(d[p..]) : BinaryPrimitives.ReadInt32BigEndian(d[p..]);
            p += is64 ? 8 : 4;
        }
        var idx = d.Slice(p, timecnt).ToArray(); p += timecnt;
        var raw = d.Slice(p, typecnt * 6); p += typecnt * 6;
        var chars = d.Slice(p, charcnt); p += charcnt;
        p += leapcnt * (is64 ? 12 : 8) + n[1] + n[0];
        var zones = new Zone[typecnt];
        for (int i = 0; i < typecnt; i++)
        {
            int off = BinaryPrimitives.ReadInt32BigEndian(raw[(i * 6)..]);
            bool dst = raw[i * 6 + 4] != 0;
            int ai = raw[i * 6 + 5];
            int end = ai;
            while (end < chars.Length && chars[end] != 0) end++;
            var abbr = ai <= chars.Length ? System.Text.Encoding.ASCII.GetString(chars[ai..end]) : "";
            zones[i] = new Zone(abbr, off, dst);
        }
        foreach (var b in idx) if (b >= typecnt) return null;
        string extend = "";
        if (is64 && p < d.Length && d[p] == '\n')
        {
            int e = p + 1;
            while (e < d.Length && d[e] != '\n') e++;
            if (e < d.Length) extend = System.Text.Encoding.ASCII.GetString(d[(p + 1)..e]);
        }
        if (timecnt == 0) { when = [long.MinValue]; idx = [0]; }
        return new GoLocation(name, zones, when, idx, extend);
    }

    /// <summary>The zone in effect at <paramref name="unixSec"/>: abbreviation, offset east of UTC and the [start,end) range it holds for.</summary>
    internal (string Name, int Offset, long Start, long End, bool IsDst) Lookup(long unixSec)
    {
        if (_zones.Length == 0) return ("UTC", 0, long.MinValue, long.MaxValue, false);
        if (_txWhen.Length == 0 || unixSec < _txWhen[0])
        {
            var z = _zones[LookupFirstZone()];
            return (z.Name, z.Offset, long.MinValue, _txWhen.Length > 0 ? _txWhen[0] : long.MaxValue, z.IsDst);
        }
        int lo = 0, hi = _txWhen.Length;
        long end = long.MaxValue;
        while (hi - lo > 1)
        {
            int m = (int)((uint)(lo + hi) >> 1);
            if (unixSec < _txWhen[m]) { end = _txWhen[m]; hi = m; }
            else lo = m;
        }
        var zone = _zones[_txIndex[lo]];
        var result = (zone.Name, zone.Offset, _txWhen[lo], end, zone.IsDst);
        if (lo == _txWhen.Length - 1 && _extend.Length > 0)
        {
            if (TzRule.TrySet(_extend, _txWhen[lo], unixSec, out var r)) return r;
        }
        return result;
    }

    private int LookupFirstZone()
    {
        bool firstUsed = false;
        foreach (var i in _txIndex) if (i == 0) { firstUsed = true; break; }
        if (!firstUsed) return 0;
        if (_txIndex.Length > 0 && _zones[_txIndex[0]].IsDst)
        {
            for (int zi = _txIndex[0] - 1; zi >= 0; zi--)
                if (!_zones[zi].IsDst) return zi;
        }
        for (int zi = 0; zi < _zones.Length; zi++)
            if (!_zones[zi].IsDst) return zi;
        return 0;
    }

    /// <summary>Go's <c>Location.lookupName</c>: the offset of a zone abbreviation, preferring one in effect at <paramref name="unix"/>.</summary>
    internal bool LookupName(string name, long unix, out int offset)
    {
        foreach (var z in _zones)
        {
            if (z.Name == name)
            {
                var r = Lookup(unix - z.Offset);
                if (r.Name == z.Name) { offset = r.Offset; return true; }
            }
        }
        foreach (var z in _zones)
        {
            if (z.Name == name) { offset = z.Offset; return true; }
        }
        offset = 0;
        return false;
    }

    /// <summary>Go's POSIX TZ rule evaluation (<c>tzset</c>).</summary>
    private static class TzRule
    {
        private struct Rule { public int Kind, Day, Week, Mon, Time; }

        public static bool TrySet(string s, long lastTxSec, long sec, out (string, int, long, long, bool) result)
        {
            result = default;
            string stdName, dstName;
            int stdOffset, dstOffset;
            if (!TzName(ref s, out stdName) || !TzOffset(ref s, out stdOffset)) return false;
            stdOffset = -stdOffset;
            if (s.Length == 0 || s[0] == ',')
            {
                result = (stdName, stdOffset, lastTxSec, long.MaxValue, false);
                return true;
            }
            if (!TzName(ref s, out dstName)) return false;
            if (s.Length == 0 || s[0] == ',') dstOffset = stdOffset + 3600;
            else
            {
                if (!TzOffset(ref s, out dstOffset)) return false;
                dstOffset = -dstOffset;
            }
            if (s.Length == 0) s = ",M3.2.0,M11.1.0";
            if (s[0] != ',' && s[0] != ';') return false;
            s = s[1..];
            if (!TzRuleParse(ref s, out var startRule) || s.Length == 0 || s[0] != ',') return false;
            s = s[1..];
            if (!TzRuleParse(ref s, out var endRule) || s.Length > 0) return false;

            long days = FloorDiv(sec, 86400);
            var (year, _, _) = GoTime.CivilFromDays(days);
            long yearStart = GoTime.DaysFromCivil(year, 1, 1) * 86400;
            long ysec = sec - yearStart;
            long startSec = RuleTime(year, startRule, stdOffset);
            long endSec = RuleTime(year, endRule, dstOffset);
            bool dstIsDst = true, stdIsDst = false;
            if (endSec < startSec)
            {
                (startSec, endSec) = (endSec, startSec);
                (stdName, dstName) = (dstName, stdName);
                (stdOffset, dstOffset) = (dstOffset, stdOffset);
                (stdIsDst, dstIsDst) = (dstIsDst, stdIsDst);
            }
            if (ysec < startSec) result = (stdName, stdOffset, yearStart, startSec + yearStart, stdIsDst);
            else if (ysec >= endSec) result = (stdName, stdOffset, endSec + yearStart, GoTime.DaysFromCivil(year + 1, 1, 1) * 86400, stdIsDst);
            else result = (dstName, dstOffset, startSec + yearStart, endSec + yearStart, dstIsDst);
            return true;
        }

        private static long FloorDiv(long a, long b) { long q = a / b; if ((a % b != 0) && ((a < 0) != (b < 0))) q--; return q; }

        private static bool TzName(ref string s, out string name)
        {
            name = "";
            if (s.Length == 0) return false;
            if (s[0] != '<')
            {
                int i = 0;
                for (; i < s.Length; i++)
                {
                    char c = s[i];
                    if (c is >= '0' and <= '9' or ',' or '-' or '+') break;
                }
                if (i < 3) return false;
                name = s[..i]; s = s[i..];
                return true;
            }
            int end = s.IndexOf('>');
            if (end < 0) return false;
            name = s[1..end]; s = s[(end + 1)..];
            return true;
        }

        private static bool TzOffset(ref string s, out int off)
        {
            off = 0;
            if (s.Length == 0) return false;
            bool neg = false;
            if (s[0] == '+') s = s[1..];
            else if (s[0] == '-') { neg = true; s = s[1..]; }
            if (!TzNum(ref s, 0, 24 * 7, out var hours)) return false;
            off = hours * 3600;
            if (s.Length == 0 || s[0] != ':') { if (neg) off = -off; return true; }
            s = s[1..];
            if (!TzNum(ref s, 0, 59, out var mins)) return false;
            off += mins * 60;
            if (s.Length == 0 || s[0] != ':') { if (neg) off = -off; return true; }
            s = s[1..];
            if (!TzNum(ref s, 0, 59, out var secs)) return false;
            off += secs;
            if (neg) off = -off;
            return true;
        }

        private static bool TzNum(ref string s, int min, int max, out int num)
        {
            num = 0;
            int i = 0;
            for (; i < s.Length && s[i] >= '0' && s[i] <= '9'; i++)
            {
                num = num * 10 + (s[i] - '0');
                if (num > max) return false;
            }
            if (i == 0 || num < min) return false;
            s = s[i..];
            return true;
        }

        private static bool TzRuleParse(ref string s, out Rule r)
        {
            r = default;
            if (s.Length == 0) return false;
            if (s[0] == 'J')
            {
                s = s[1..];
                if (!TzNum(ref s, 1, 365, out r.Day)) return false;
                r.Kind = 0;
            }
            else if (s[0] == 'M')
            {
                s = s[1..];
                if (!TzNum(ref s, 1, 12, out r.Mon) || s.Length == 0 || s[0] != '.') return false;
                s = s[1..];
                if (!TzNum(ref s, 1, 5, out r.Week) || s.Length == 0 || s[0] != '.') return false;
                s = s[1..];
                if (!TzNum(ref s, 0, 6, out r.Day)) return false;
                r.Kind = 2;
            }
            else
            {
                if (!TzNum(ref s, 0, 365, out r.Day)) return false;
                r.Kind = 1;
            }
            if (s.Length == 0 || s[0] != '/') { r.Time = 2 * 3600; return true; }
            s = s[1..];
            if (!TzOffset(ref s, out r.Time)) return false;
            return true;
        }

        private static long RuleTime(long year, Rule r, int off)
        {
            long s;
            bool leap = GoTime.IsLeap(year);
            switch (r.Kind)
            {
                case 0:
                    s = (r.Day - 1) * 86400L;
                    if (leap && r.Day >= 60) s += 86400;
                    break;
                case 1:
                    s = r.Day * 86400L;
                    break;
                default:
                    long m1 = (r.Mon + 9) % 12 + 1;
                    long yy0 = year;
                    if (r.Mon <= 2) yy0--;
                    long yy1 = yy0 / 100, yy2 = yy0 % 100;
                    long dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7;
                    if (dow < 0) dow += 7;
                    long d = r.Day - dow;
                    if (d < 0) d += 7;
                    for (int i = 1; i < r.Week; i++)
                    {
                        if (d + 7 >= GoTime.DaysIn(r.Mon, year)) break;
                        d += 7;
                    }
                    d += GoTime.DaysBefore[r.Mon - 1];
                    if (leap && r.Mon > 2) d++;
                    s = d * 86400;
                    break;
            }
            return s + r.Time - off;
        }
    }
}
