using System.Text;
using HelmSharp.Go;

namespace HelmSharp.Lint;

/// <summary>
/// The parts of Go's <c>net/url</c> parser that <c>asaskevich/govalidator</c> leans on: whether
/// <c>url.Parse</c> / <c>url.ParseRequestURI</c> accept a string, and the scheme, host and path they find.
/// Strings are handled as Go does, byte by byte over their UTF-8 form.
/// </summary>
internal static class GoUrl
{
    /// <summary>What the parser found (only the fields the validators read).</summary>
    internal sealed record Parsed(string Scheme, string Host, string Path, string Opaque);

    /// <summary><c>url.Parse</c>: a fragment is cut off first; null when Go returns an error.</summary>
    public static Parsed? Parse(string raw)
    {
        var b = Encoding.UTF8.GetBytes(raw);
        int hash = Array.IndexOf(b, (byte)'#');
        var u = hash >= 0 ? b[..hash] : b;
        var parsed = ParseBytes(u, viaRequest: false);
        if (parsed == null) return null;
        if (hash >= 0 && Unescape(b[(hash + 1)..], Mode.Fragment) == null) return null;
        return parsed;
    }

    /// <summary><c>url.ParseRequestURI</c>: an absolute URI or an absolute path; null when Go returns an error.</summary>
    public static Parsed? ParseRequestUri(string raw) => ParseBytes(Encoding.UTF8.GetBytes(raw), viaRequest: true);

    private enum Mode { Path, Host, Zone, UserPassword, Fragment }

    private static Parsed? ParseBytes(byte[] raw, bool viaRequest)
    {
        foreach (var c in raw) if (c < 0x20 || c == 0x7f) return null; // invalid control character in URL
        if (raw.Length == 0 && viaRequest) return null; // empty url
        if (raw.Length == 1 && raw[0] == '*') return new Parsed("", "", "*", "");

        // getScheme
        string scheme = "";
        byte[] rest = raw;
        for (int i = 0; i < raw.Length; i++)
        {
            byte c = raw[i];
            if (c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z') continue;
            if (c is >= (byte)'0' and <= (byte)'9' or (byte)'+' or (byte)'-' or (byte)'.')
            {
                if (i == 0) break;
                continue;
            }
            if (c == ':')
            {
                if (i == 0) return null; // missing protocol scheme
                scheme = Encoding.ASCII.GetString(raw, 0, i).ToLowerInvariant();
                rest = raw[(i + 1)..];
            }
            break;
        }

        int q = Array.IndexOf(rest, (byte)'?');
        if (q >= 0 && q == rest.Length - 1) rest = rest[..^1];
        else if (q >= 0) rest = rest[..q];

        bool slash = rest.Length > 0 && rest[0] == '/';
        if (!slash)
        {
            if (scheme.Length > 0) return new Parsed(scheme, "", "", Encoding.UTF8.GetString(rest));
            if (viaRequest) return null; // invalid URI for request
            int s = Array.IndexOf(rest, (byte)'/');
            var segment = s >= 0 ? rest[..s] : rest;
            if (Array.IndexOf(segment, (byte)':') >= 0) return null; // first path segment in URL cannot contain colon
        }

        string host = "";
        bool twoSlashes = rest.Length >= 2 && rest[0] == '/' && rest[1] == '/';
        bool threeSlashes = twoSlashes && rest.Length >= 3 && rest[2] == '/';
        if ((scheme.Length > 0 || !viaRequest && !threeSlashes) && twoSlashes)
        {
            var authority = rest[2..];
            rest = [];
            int i = Array.IndexOf(authority, (byte)'/');
            if (i >= 0) { rest = authority[i..]; authority = authority[..i]; }
            var h = ParseAuthority(authority);
            if (h == null) return null;
            host = h;
        }
        var path = Unescape(rest, Mode.Path);
        if (path == null) return null;
        return new Parsed(scheme, host, path, "");
    }

    private static string? ParseAuthority(byte[] authority)
    {
        int at = Array.LastIndexOf(authority, (byte)'@');
        var host = ParseHost(at < 0 ? authority : authority[(at + 1)..]);
        if (host == null) return null;
        if (at < 0) return host;
        var userinfo = authority[..at];
        if (!ValidUserinfo(userinfo)) return null;
        int colon = Array.IndexOf(userinfo, (byte)':');
        if (colon < 0) return Unescape(userinfo, Mode.UserPassword) == null ? null : host;
        if (Unescape(userinfo[..colon], Mode.UserPassword) == null) return null;
        if (Unescape(userinfo[(colon + 1)..], Mode.UserPassword) == null) return null;
        return host;
    }

    private static bool ValidUserinfo(byte[] s)
    {
        foreach (var r in Encoding.UTF8.GetString(s))
        {
            if (r is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9') continue;
            switch (r)
            {
                case '-': case '.': case '_': case ':': case '~': case '!': case '$': case '&': case '\'':
                case '(': case ')': case '*': case '+': case ',': case ';': case '=': case '%': case '@':
                    continue;
                default:
                    return false;
            }
        }
        return true;
    }

    private static string? ParseHost(byte[] host)
    {
        if (host.Length > 0 && host[0] == '[')
        {
            int i = Array.LastIndexOf(host, (byte)']');
            if (i < 0) return null; // missing ']' in host
            if (!ValidOptionalPort(host[(i + 1)..])) return null;
            int zone = IndexOf(host[..i], "%25"u8);
            if (zone >= 0)
            {
                var h1 = Unescape(host[..zone], Mode.Host);
                var h2 = Unescape(host[zone..i], Mode.Zone);
                var h3 = Unescape(host[i..], Mode.Host);
                return h1 == null || h2 == null || h3 == null ? null : h1 + h2 + h3;
            }
        }
        else
        {
            int i = Array.LastIndexOf(host, (byte)':');
            if (i != -1 && !ValidOptionalPort(host[i..])) return null;
        }
        return Unescape(host, Mode.Host);
    }

    private static int IndexOf(byte[] s, ReadOnlySpan<byte> what) => s.AsSpan().IndexOf(what);

    private static bool ValidOptionalPort(byte[] port)
    {
        if (port.Length == 0) return true;
        if (port[0] != ':') return false;
        for (int i = 1; i < port.Length; i++) if (port[i] is < (byte)'0' or > (byte)'9') return false;
        return true;
    }

    private static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static byte Unhex(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => (byte)(c - '0'),
        >= (byte)'a' and <= (byte)'f' => (byte)(c - 'a' + 10),
        >= (byte)'A' and <= (byte)'F' => (byte)(c - 'A' + 10),
        _ => 0,
    };

    private static bool ShouldEscapeHost(byte c)
    {
        if (c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9') return false;
        switch (c)
        {
            case (byte)'!': case (byte)'$': case (byte)'&': case (byte)'\'': case (byte)'(': case (byte)')': case (byte)'*':
            case (byte)'+': case (byte)',': case (byte)';': case (byte)'=': case (byte)':': case (byte)'[': case (byte)']':
            case (byte)'<': case (byte)'>': case (byte)'"':
            case (byte)'-': case (byte)'_': case (byte)'.': case (byte)'~':
                return false;
        }
        return true;
    }

    // Go's unescape: null on an invalid escape or, in a host, a character that must be escaped.
    private static string? Unescape(byte[] s, Mode mode)
    {
        var outb = new List<byte>(s.Length);
        for (int i = 0; i < s.Length;)
        {
            byte c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) return null;
                bool is25 = s[i + 1] == '2' && s[i + 2] == '5';
                if (mode == Mode.Host && Unhex(s[i + 1]) < 8 && !is25) return null;
                if (mode == Mode.Zone)
                {
                    byte v = (byte)(Unhex(s[i + 1]) << 4 | Unhex(s[i + 2]));
                    if (!is25 && v != ' ' && ShouldEscapeHost(v)) return null;
                }
                outb.Add((byte)(Unhex(s[i + 1]) << 4 | Unhex(s[i + 2])));
                i += 3;
                continue;
            }
            if ((mode == Mode.Host || mode == Mode.Zone) && c < 0x80 && ShouldEscapeHost(c)) return null;
            outb.Add(c);
            i++;
        }
        return Encoding.UTF8.GetString(outb.ToArray());
    }
}

/// <summary>The validators of <c>asaskevich/govalidator</c> (the version helm pins) that helm's Chart.yaml rules call.</summary>
internal static class GoValidator
{
    private const string Email = "^(((([a-zA-Z]|\\d|[!#\\$%&'\\*\\+\\-\\/=\\?\\^_`{\\|}~]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])+(\\.([a-zA-Z]|\\d|[!#\\$%&'\\*\\+\\-\\/=\\?\\^_`{\\|}~]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])+)*)|((\\x22)((((\\x20|\\x09)*(\\x0d\\x0a))?(\\x20|\\x09)+)?(([\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]|\\x21|[\\x23-\\x5b]|[\\x5d-\\x7e]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])|(\\([\\x01-\\x09\\x0b\\x0c\\x0d-\\x7f]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}]))))*(((\\x20|\\x09)*(\\x0d\\x0a))?(\\x20|\\x09)+)?(\\x22)))@((([a-zA-Z]|\\d|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])|(([a-zA-Z]|\\d|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])([a-zA-Z]|\\d|-|\\.|_|~|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])*([a-zA-Z]|\\d|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])))\\.)+(([a-zA-Z]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])|(([a-zA-Z]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])([a-zA-Z]|\\d|-|_|~|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])*([a-zA-Z]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])))\\.?$";

    private const string IP = @"(([0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:)|fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|::(ffff(:0{1,4}){0,1}:){0,1}((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])|([0-9a-fA-F]{1,4}:){1,4}:((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9]))";
    private const string URLSchema = @"((ftp|tcp|udp|wss?|https?):\/\/)";
    private const string URLUsername = @"(\S+(:\S*)?@)";
    private const string URLPath = @"((\/|\?|#)[^\s]*)";
    private const string URLPort = @"(:(\d{1,5}))";
    private const string URLIP = @"([1-9]\d?|1\d\d|2[01]\d|22[0-3]|24\d|25[0-5])(\.(\d{1,2}|1\d\d|2[0-4]\d|25[0-5])){2}(?:\.([0-9]\d?|1\d\d|2[0-4]\d|25[0-5]))";
    private const string URLSubdomain = @"((www\.)|([a-zA-Z0-9]+([-_\.]?[a-zA-Z0-9])*[a-zA-Z0-9]\.[a-zA-Z0-9]+))";
    private const string URL = "^" + URLSchema + "?" + URLUsername + "?" + "((" + URLIP + @"|(\[" + IP + @"\])|(([a-zA-Z0-9]([a-zA-Z0-9-_]+)?[a-zA-Z0-9]([-\.][a-zA-Z0-9]+)*)|(" + URLSubdomain + @"?))?(([a-zA-Z\x{00a1}-\x{ffff}0-9]+-?-?)*[a-zA-Z\x{00a1}-\x{ffff}0-9]+)(?:\.([a-zA-Z\x{00a1}-\x{ffff}]{1,}))?))\.?" + URLPort + "?" + URLPath + "?$";

    private static readonly Lazy<GoRegexp> s_email = new(() => GoRegexp.Compile(Email));
    private static readonly Lazy<GoRegexp> s_url = new(() => GoRegexp.Compile(URL));

    private const int MaxURLRuneCount = 2083;
    private const int MinURLRuneCount = 3;

    /// <summary><c>govalidator.IsEmail</c>.</summary>
    public static bool IsEmail(string s) => s_email.Value.IsMatch(s);

    /// <summary><c>govalidator.IsURL</c>.</summary>
    public static bool IsURL(string s)
    {
        if (s.Length == 0 || s.EnumerateRunes().Count() >= MaxURLRuneCount || Encoding.UTF8.GetByteCount(s) <= MinURLRuneCount || s.StartsWith('.'))
            return false;
        var temp = s;
        if (s.Contains(':') && !s.Contains("://", StringComparison.Ordinal)) temp = "http://" + s;
        var u = GoUrl.Parse(temp);
        if (u == null) return false;
        if (u.Host.StartsWith('.')) return false;
        if (u.Host.Length == 0 && u.Path.Length != 0 && !u.Path.Contains('.')) return false;
        return s_url.Value.IsMatch(s);
    }

    /// <summary><c>govalidator.IsRequestURL</c>: <c>url.ParseRequestURI</c> succeeds and finds a scheme.</summary>
    public static bool IsRequestURL(string s)
    {
        var u = GoUrl.ParseRequestUri(s);
        return u != null && u.Scheme.Length > 0;
    }
}
