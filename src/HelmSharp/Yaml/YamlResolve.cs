using System.Globalization;
using HelmSharp.Go;

namespace HelmSharp.Yaml;

/// <summary>The kinds of value go-yaml v2's implicit resolver can produce.</summary>
internal enum YamlResolved
{
    Str, Null, Bool, Int, Float, Timestamp, Merge,
}

/// <summary>go-yaml v2 <c>resolve.go</c>: YAML 1.1 implicit typing of plain scalars.</summary>
internal static class YamlResolve
{
    internal const string LongTagPrefix = "tag:yaml.org,2002:";
    internal const string StrTag = LongTagPrefix + "str";
    internal const string BoolTag = LongTagPrefix + "bool";
    internal const string IntTag = LongTagPrefix + "int";
    internal const string FloatTag = LongTagPrefix + "float";
    internal const string NullTag = LongTagPrefix + "null";
    internal const string TimestampTag = LongTagPrefix + "timestamp";
    internal const string BinaryTag = LongTagPrefix + "binary";
    internal const string MergeTag = LongTagPrefix + "merge";

    internal static string ShortTag(string tag) =>
        tag.StartsWith(LongTagPrefix, StringComparison.Ordinal) ? "!!" + tag.Substring(LongTagPrefix.Length) : tag;

    internal static string TagOf(YamlResolved r) => r switch
    {
        YamlResolved.Null => NullTag,
        YamlResolved.Bool => BoolTag,
        YamlResolved.Int => IntTag,
        YamlResolved.Float => FloatTag,
        YamlResolved.Timestamp => TimestampTag,
        YamlResolved.Merge => MergeTag,
        _ => StrTag,
    };

    private static bool IsResolvable(string tag) =>
        tag.Length == 0 || tag == StrTag || tag == BoolTag || tag == IntTag || tag == FloatTag || tag == NullTag || tag == TimestampTag;

    /// <summary>
    /// Resolves a scalar: returns its kind and .NET value (bool, long, ulong, double, string or null).
    /// <paramref name="tag"/> is the long tag ("" for none). Throws <see cref="GoYamlException"/> on tag mismatches.
    /// </summary>
    internal static YamlResolved Resolve(string tag, string s, out object? value)
    {
        if (!IsResolvable(tag))
        {
            value = s;
            return YamlResolved.Str; // rtag is the custom tag; callers treat the value as a string
        }
        var r = ResolvePlain(s, tag, out value);
        if (tag.Length == 0 || tag == TagOf(r) || tag == StrTag) 
        {
            if (tag == StrTag) { value = s; return YamlResolved.Str; }
            return r;
        }
        if (tag == FloatTag && r == YamlResolved.Int)
        {
            value = value switch { long l => (double)l, ulong u => (double)u, _ => value };
            return YamlResolved.Float;
        }
        throw new GoYamlException("yaml: cannot decode " + ShortTag(TagOf(r)) + " `" + s + "` as a " + ShortTag(tag));
    }

    /// <summary>Implicit resolution of a plain scalar (tag "" or a specific resolvable tag).</summary>
    internal static YamlResolved ResolvePlain(string s, string tag, out object? value)
    {
        value = s;
        char c0 = s.Length == 0 ? 'N' : s[0];
        char hint = Hint(s.Length == 0 ? '\0' : c0, s.Length == 0);
        if (hint == '\0' || tag == StrTag || tag == BinaryTag) return YamlResolved.Str;
        switch (s)
        {
            case "y": case "Y": case "yes": case "Yes": case "YES":
            case "true": case "True": case "TRUE":
            case "on": case "On": case "ON":
                value = GoBoxes.True; return YamlResolved.Bool;
            case "n": case "N": case "no": case "No": case "NO":
            case "false": case "False": case "FALSE":
            case "off": case "Off": case "OFF":
                value = GoBoxes.False; return YamlResolved.Bool;
            case "": case "~": case "null": case "Null": case "NULL":
                value = null; return YamlResolved.Null;
            case ".nan": case ".NaN": case ".NAN":
                value = double.NaN; return YamlResolved.Float;
            case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF":
                value = double.PositiveInfinity; return YamlResolved.Float;
            case "-.inf": case "-.Inf": case "-.INF":
                value = double.NegativeInfinity; return YamlResolved.Float;
            case "<<":
                value = "<<"; return YamlResolved.Merge;
        }
        switch (hint)
        {
            case 'M':
                return YamlResolved.Str;
            case '.':
                if (GoStrconv.TryParseFloat(s, 64, out var fv)) { value = fv; return YamlResolved.Float; }
                return YamlResolved.Str;
            case 'D':
            case 'S':
                if ((tag.Length == 0 || tag == TimestampTag) && IsTimestamp(s)) return YamlResolved.Timestamp;
                var plain = s.Contains('_') ? s.Replace("_", "", StringComparison.Ordinal) : s;
                if (TryDecimal(plain, out value, out var isFloat)) return isFloat ? YamlResolved.Float : YamlResolved.Int;
                if (TryPrefixedInt(plain, "0b", 2, out value)) return YamlResolved.Int;
                value = s;
                return YamlResolved.Str;
        }
        return YamlResolved.Str;
    }

    /// <summary>False when a non-empty plain scalar starting with <paramref name="c"/> resolves to the string itself.</summary>
    internal static bool MayResolve(char c) => Hint(c, false) != '\0';

    private static char Hint(char c, bool empty)
    {
        if (empty) return 'N';
        switch (c)
        {
            case '+': case '-': return 'S';
            case >= '0' and <= '9': return 'D';
            case 'y': case 'Y': case 'n': case 'N': case 't': case 'T': case 'f': case 'F': case 'o': case 'O': case '~': return 'M';
            case '.': return '.';
            default: return '\0';
        }
    }

    /// <summary>
    /// go-yaml's numeric tries on a plain scalar without its underscores (v2 and v3 alike): <c>strconv.ParseInt(plain, 0, 64)</c>
    /// (a <see cref="long"/>), then <c>ParseUint(plain, 0, 64)</c> (a <see cref="ulong"/>), then, when it looks like a YAML
    /// float, <c>ParseFloat(plain, 64)</c> (a <see cref="double"/>, <paramref name="isFloat"/> set).
    /// </summary>
    internal static bool TryDecimal(string plain, out object? value, out bool isFloat)
    {
        isFloat = false;
        value = null;
        if (GoStrconv.TryParseInt(plain, 0, 64, out long iv)) { value = GoBoxes.Int64(iv); return true; }
        if (GoStrconv.TryParseUint(plain, 0, 64, out ulong uv)) { value = uv; return true; }
        if (IsYamlStyleFloat(plain) && GoStrconv.TryParseFloat(plain, 64, out double fv)) { value = fv; isFloat = true; return true; }
        return false;
    }

    /// <summary>
    /// go-yaml's fallback for a base prefix that <c>ParseInt(plain, 0, 64)</c> refused (a sign after it: <c>0b-101</c>):
    /// <c>plain</c> starting with <paramref name="prefix"/> is <c>ParseInt(rest, base, 64)</c>, else <c>ParseUint(rest, base, 64)</c>;
    /// <c>-</c> + <paramref name="prefix"/> is <c>ParseInt("-" + rest, base, 64)</c>.
    /// </summary>
    internal static bool TryPrefixedInt(string plain, string prefix, int @base, out object? value)
    {
        value = null;
        if (plain.StartsWith(prefix, StringComparison.Ordinal))
        {
            var rest = plain.AsSpan(prefix.Length);
            if (GoStrconv.TryParseInt(rest, @base, 64, out long iv)) { value = iv; return true; }
            if (GoStrconv.TryParseUint(rest, @base, 64, out ulong uv)) { value = uv; return true; }
        }
        else if (plain.Length > prefix.Length && plain[0] == '-' && plain.AsSpan(1).StartsWith(prefix, StringComparison.Ordinal))
        {
            if (GoStrconv.TryParseInt("-" + plain[(prefix.Length + 1)..], @base, 64, out long nv)) { value = nv; return true; }
        }
        return false;
    }

    /// <summary><c>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</c></summary>
    internal static bool IsYamlStyleFloat(string s)
    {
        int i = 0, n = s.Length;
        if (i < n && (s[i] == '-' || s[i] == '+')) i++;
        if (i < n && s[i] == '.')
        {
            i++;
            int st = i;
            while (i < n && char.IsAsciiDigit(s[i])) i++;
            if (i == st) return false;
        }
        else
        {
            int st = i;
            while (i < n && char.IsAsciiDigit(s[i])) i++;
            if (i == st) return false;
            if (i < n && s[i] == '.')
            {
                i++;
                while (i < n && char.IsAsciiDigit(s[i])) i++;
            }
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < n && (s[i] == '-' || s[i] == '+')) i++;
            int st = i;
            while (i < n && char.IsAsciiDigit(s[i])) i++;
            if (i == st) return false;
        }
        return i == n;
    }

    /// <summary>
    /// go-yaml v2 parseTimestamp: starts with 4 digits and '-', then parses with one of
    /// <c>2006-1-2T15:4:5.999999999Z07:00</c>, the lowercase-t variant, <c>2006-1-2 15:4:5.999999999</c>, <c>2006-1-2</c>.
    /// </summary>
    internal static bool IsTimestamp(string s)
    {
        int i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i != 4 || i == s.Length || s[i] != '-') return false;
        int p = 5;
        // month: 1-2 digits, value 1..12
        if (!Num(s, ref p, 1, 2, 1, 12) || p >= s.Length || s[p] != '-') return false;
        p++;
        int dayStart = p;
        if (!Num(s, ref p, 1, 2, 1, 31)) return false;
        if (!ValidDay(s, dayStart, p)) return false;
        if (p == s.Length) return true;
        char sep = s[p];
        if (sep != 'T' && sep != 't' && sep != ' ') return false;
        p++;
        if (!Num(s, ref p, 1, 2, 0, 23) || p >= s.Length || s[p] != ':') return false;
        p++;
        if (!Num(s, ref p, 1, 2, 0, 59) || p >= s.Length || s[p] != ':') return false;
        p++;
        if (!Num(s, ref p, 1, 2, 0, 59)) return false;
        if (p < s.Length && s[p] == '.')
        {
            int st = ++p;
            while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
            if (p == st) return false;
        }
        if (sep == ' ') return p == s.Length;
        if (p == s.Length) return false;
        if (s[p] == 'Z') return p + 1 == s.Length;
        if (s[p] != '+' && s[p] != '-') return false;
        p++;
        if (p + 5 != s.Length || !char.IsAsciiDigit(s[p]) || !char.IsAsciiDigit(s[p + 1]) || s[p + 2] != ':' ||
            !char.IsAsciiDigit(s[p + 3]) || !char.IsAsciiDigit(s[p + 4])) return false;
        int hh = (s[p] - '0') * 10 + s[p + 1] - '0', mm = (s[p + 3] - '0') * 10 + s[p + 4] - '0';
        return hh <= 24 && mm <= 59;
    }

    private static bool ValidDay(string s, int dayStart, int dayEnd)
    {
        int year = int.Parse(s.AsSpan(0, 4), CultureInfo.InvariantCulture);
        int mEnd = s.IndexOf('-', 5);
        int month = int.Parse(s.AsSpan(5, mEnd - 5), CultureInfo.InvariantCulture);
        int day = int.Parse(s.AsSpan(dayStart, dayEnd - dayStart), CultureInfo.InvariantCulture);
        return day <= DateTime.DaysInMonth(year == 0 ? 2000 : year, month);
    }

    private static bool Num(string s, ref int p, int minDigits, int maxDigits, int min, int max)
    {
        int st = p, v = 0;
        while (p < s.Length && p - st < maxDigits && char.IsAsciiDigit(s[p])) { v = v * 10 + s[p] - '0'; p++; }
        if (p - st < minDigits) return false;
        // Go's "1"/"2"/"15"/"4"/"5" layout elements: a two-digit value may not be followed by another digit
        if (p < s.Length && char.IsAsciiDigit(s[p])) return false;
        return v >= min && v <= max;
    }
}
