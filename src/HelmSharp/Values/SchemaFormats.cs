using System.Globalization;
using System.Net;
using HelmSharp.Go;

namespace HelmSharp.Values;

/// <summary>
/// <c>format</c> checks of the two validators and the regex engine both use for <c>pattern</c>/<c>patternProperties</c>:
/// Go's RE2 syntax through <see cref="GoRegexp"/>, which matches in linear time (no catastrophic backtracking).
/// </summary>
internal static class SchemaFormats
{
    public static GoRegexp CompileRegex(string pattern, SchemaBudget budget)
    {
        budget.CheckTime();
        try { return GoRegexp.Compile(pattern); }
        catch (GoRegexpSyntaxException e) { throw new SchemaCompileException($"invalid regex {SchemaHelm4.Quote(pattern)}: {e.Message}"); }
    }

    public static bool Matches(GoRegexp re, string s)
    {
        try { return re.IsMatch(s); }
        catch (GoRegexpTimeoutException) { throw new SchemaLimitException("schema validation stopped: regular expression match timed out"); }
    }

    /// <summary>santhosh-tekuri's check of a format, as the text after "is not valid X: "; null when valid or not checked.</summary>
    public static string? Helm4(string format, object? v)
    {
        if (v is not string s) return null;
        switch (format)
        {
            case "email": return Email(s);
            case "hostname": return Hostname(s);
            case "ipv4": return Ipv4(s);
            case "ipv6":
                if (!s.Contains(':')) return "missing colon";
                if (!IPAddress.TryParse(s, out var a6) || a6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return "ParseAddr(" + HelmSharp.Go.GoStrconv.Quote(s) + "): unable to parse IP";
                return s.Contains('%') ? "zone id is not a part of ipv6 address" : null;
            case "uuid": return Uuid(s);
            case "regex":
                try { GoRegexp.Compile(s); return null; } catch (GoRegexpSyntaxException e) { return e.Message; }
            case "date":
                return DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "parsing time " + HelmSharp.Go.GoStrconv.Quote(s) + " as \"2006-01-02\": cannot parse";
            default: return null;
        }
    }

    private static string? Email(string s)
    {
        if (s.Length > 254) return "more than 255 characters long";
        int at = s.LastIndexOf('@');
        if (at < 0) return "missing @";
        ReadOnlySpan<char> local = s.AsSpan(0, at), domain = s.AsSpan(at + 1);
        if (local.Length > 64) return "local part more than 64 characters long";
        if (local.Length > 1 && local[0] == '"')
        {
            var inner = local[1..^1];
            if (inner.Contains('\\') || inner.Contains('"')) return "backslash and quote are not allowed within quoted local part";
        }
        else
        {
            if (local.StartsWith('.')) return "starts with dot";
            if (local.EndsWith('.')) return "ends with dot";
            if (local.Contains("..", StringComparison.Ordinal)) return "consecutive dots";
            foreach (var r in local.EnumerateRunes())
            {
                int ch = r.Value;
                if (ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' || ".!#$%&'*+-/=?^_`{|}~".Contains((char)ch) && ch < 128) continue;
                return "invalid character " + HelmSharp.Go.GoStrconv.QuoteRune(ch);
            }
        }
        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            var d = domain[1..^1].ToString();
            if (d.StartsWith("IPv6:", StringComparison.Ordinal))
                return Helm4("ipv6", d[5..]) is { } e6 ? "invalid ipv6 address: " + e6 : null;
            return Ipv4(d) is { } e4 ? "invalid ipv4 address: " + e4 : null;
        }
        return Hostname(domain) is { } eh ? "invalid domain: " + eh : null;
    }

    private static string? Hostname(string s) => Hostname(s.AsSpan());

    // (on spans: the labels of every hostname and email domain of a values file were substrings before)
    private static string? Hostname(ReadOnlySpan<char> s)
    {
        if (s.EndsWith('.')) s = s[..^1];
        if (System.Text.Encoding.UTF8.GetByteCount(s) > 253) return "more than 253 characters long";
        while (true)
        {
            int dot = s.IndexOf('.');
            var label = dot < 0 ? s : s[..dot];
            int n = System.Text.Encoding.UTF8.GetByteCount(label);
            if (n < 1 || n > 63) return "label must be 1 to 63 characters long";
            if (label.StartsWith('-')) return "label starts with hyphen";
            if (label.EndsWith('-')) return "label ends with hyphen";
            foreach (var r in label.EnumerateRunes())
            {
                int ch = r.Value;
                if (ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-') continue;
                return "invalid character " + HelmSharp.Go.GoStrconv.QuoteRune(ch);
            }
            if (dot < 0) return null;
            s = s[(dot + 1)..];
        }
    }

    private static string? Ipv4(string s)
    {
        var groups = s.Split('.');
        if (groups.Length != 4) return "expected four decimals";
        foreach (var g in groups)
        {
            if (g.Length > 1 && g[0] == '0') return "leading zeros";
            if (!int.TryParse(g, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                return "strconv.Atoi: parsing " + HelmSharp.Go.GoStrconv.Quote(g) + ": " + (g.Length > 0 && g.TrimStart('+', '-').All(char.IsAsciiDigit) && g.TrimStart('+', '-').Length > 0 ? "value out of range" : "invalid syntax");
            if (n < 0 || n > 255) return "decimal must be between 0 and 255";
        }
        return null;
    }

    private static string? Uuid(string s)
    {
        int[] hex = [8, 4, 4, 4, 12];
        var groups = s.Split('-');
        if (groups.Length != hex.Length) return $"must have {hex.Length} elements";
        for (int i = 0; i < groups.Length; i++)
        {
            if (groups[i].Length != hex[i]) return $"element {i + 1} must be {hex[i]} characters long";
            foreach (var r in groups[i].EnumerateRunes())
                if (!(r.Value < 128 && char.IsAsciiHexDigit((char)r.Value))) return "non-hex character " + HelmSharp.Go.GoStrconv.QuoteRune(r.Value);
        }
        return null;
    }

    /// <summary>gojsonschema's format checkers (helm 3 asserts <c>format</c> in every draft); unknown formats pass.</summary>
    public static bool Helm3(string format, object? v)
    {
        if (v is not string s) return true;
        switch (format)
        {
            case "email":
            case "idn-email":
            {
                // net/mail.ParseAddress: a local part, an @ and a domain, no spaces outside quotes
                int at = s.LastIndexOf('@');
                return at > 0 && at < s.Length - 1 && !s.Any(char.IsWhiteSpace) && !s[(at + 1)..].Contains('@');
            }
            case "hostname":
                return s.Length <= 255 && System.Text.RegularExpressions.Regex.IsMatch(s,
                    @"^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]{0,61}[a-zA-Z0-9])(\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]{0,61}[a-zA-Z0-9]))*$",
                    System.Text.RegularExpressions.RegexOptions.NonBacktracking);
            case "ipv4": return IPAddress.TryParse(s, out var a4) && a4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && s.Contains('.') && Ipv4(s) == null;
            case "ipv6": return IPAddress.TryParse(s, out var a6) && a6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && s.Contains(':') && !s.Contains('%');
            case "uuid": return System.Text.RegularExpressions.Regex.IsMatch(s, "^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$");
            case "regex":
                try { GoRegexp.Compile(s); return true; } catch (GoRegexpSyntaxException) { return false; }
            case "date-time":
                return DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
            case "date": return DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
            case "uri": return Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme.Length > 0 && !s.Contains('\\');
            case "uri-reference": return Uri.TryCreate(s, UriKind.RelativeOrAbsolute, out _) && !s.Contains('\\');
            default: return true;
        }
    }
}
