using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    static partial void RegisterUrls(FunctionRegistry r)
    {
        r.Add(Pure("urlParse", PStr, a => UrlParse((string)a[0]!)));
        r.Add(Pure("urlJoin", PMap, a => UrlJoin(Map(a[0]))));
    }

    private enum UrlEnc { Path, Host, UserPassword, Fragment, Query }

    private sealed class GoUrl
    {
        public string Scheme = "", Opaque = "", Host = "", Path = "", RawQuery = "", Fragment = "";
        public string? User;
        public string? Password;
        public bool ForceQuery, OmitHost;
    }

    private static Dictionary<string, object?> UrlParse(string v)
    {
        GoUrl u;
        try { u = ParseUrl(v); }
        catch (FormatException e) { throw new GoFunctionException("unable to parse url: " + e.Message); }
        var d = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["scheme"] = u.Scheme,
            ["host"] = u.Host,
            ["hostname"] = Hostname(u.Host),
            ["path"] = u.Path,
            ["query"] = u.RawQuery,
            ["opaque"] = u.Opaque,
            ["fragment"] = u.Fragment,
            ["userinfo"] = u.User is null ? "" : UserString(u),
        };
        return d;
    }

    private static string UserString(GoUrl u) =>
        UrlEscape(u.User!, UrlEnc.UserPassword) + (u.Password is null ? "" : ":" + UrlEscape(u.Password, UrlEnc.UserPassword));

    private static string DictGetOrEmpty(Dictionary<string, object?>? d, string key)
    {
        if (d is null || !d.TryGetValue(key, out var v)) return "";
        if (v is string s) return s;
        if (v is null) throw new GoFunctionException("runtime error: invalid memory address or nil pointer dereference");
        throw new GoFunctionException($"unable to parse {key} key, must be of type string, but {SprigValues.KindName(v)} found");
    }

    private static string UrlJoin(Dictionary<string, object?>? d)
    {
        var u = new GoUrl
        {
            Scheme = DictGetOrEmpty(d, "scheme"),
            Host = DictGetOrEmpty(d, "host"),
            Path = DictGetOrEmpty(d, "path"),
            RawQuery = DictGetOrEmpty(d, "query"),
            Opaque = DictGetOrEmpty(d, "opaque"),
            Fragment = DictGetOrEmpty(d, "fragment"),
        };
        var userinfo = DictGetOrEmpty(d, "userinfo");
        if (userinfo.Length != 0)
        {
            GoUrl tmp;
            try { tmp = ParseUrl("proto://" + userinfo + "@host"); }
            catch (FormatException e) { throw new GoFunctionException("unable to parse userinfo in dict: " + e.Message); }
            u.User = tmp.User;
            u.Password = tmp.Password;
        }
        return UrlString(u);
    }

    private static string UrlString(GoUrl u)
    {
        var sb = new StringBuilder();
        if (u.Scheme.Length != 0) sb.Append(u.Scheme).Append(':');
        if (u.Opaque.Length != 0) sb.Append(u.Opaque);
        else
        {
            if (u.Scheme.Length != 0 || u.Host.Length != 0 || u.User is not null)
            {
                if (!(u.OmitHost && u.Host.Length == 0 && u.User is null))
                {
                    if (u.Host.Length != 0 || u.Path.Length != 0 || u.User is not null) sb.Append("//");
                    if (u.User is not null) sb.Append(UserString(u)).Append('@');
                    if (u.Host.Length != 0) sb.Append(UrlEscape(u.Host, UrlEnc.Host));
                }
            }
            var path = u.Path == "*" ? "*" : UrlEscape(u.Path, UrlEnc.Path);
            if (path.Length != 0 && path[0] != '/' && u.Host.Length != 0) sb.Append('/');
            if (sb.Length == 0)
            {
                var slash = path.IndexOf('/');
                var segment = slash < 0 ? path : path[..slash];
                if (segment.Contains(':')) sb.Append("./");
            }
            sb.Append(path);
        }
        if (u.ForceQuery || u.RawQuery.Length != 0) sb.Append('?').Append(u.RawQuery);
        if (u.Fragment.Length != 0) sb.Append('#').Append(UrlEscape(u.Fragment, UrlEnc.Fragment));
        return sb.ToString();
    }

    private static string Hostname(string hostPort)
    {
        var host = hostPort;
        var colon = host.LastIndexOf(':');
        if (colon != -1 && ValidOptionalPort(host[colon..])) host = host[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        return host;
    }

    private static bool ValidOptionalPort(string port)
    {
        if (port.Length == 0) return true;
        if (port[0] != ':') return false;
        for (var i = 1; i < port.Length; i++) if (port[i] is < '0' or > '9') return false;
        return true;
    }

    private static FormatException UrlError(string url, string msg) => new("parse " + GoStrconv.Quote(url) + ": " + msg);

    /// <summary>Go's <c>net/url.Parse</c> (the parts urlParse exposes). Throws FormatException with Go's error text.</summary>
    private static GoUrl ParseUrl(string rawUrl)
    {
        var hash = rawUrl.IndexOf('#');
        var rest0 = hash < 0 ? rawUrl : rawUrl[..hash];
        var frag = hash < 0 ? "" : rawUrl[(hash + 1)..];
        GoUrl url;
        try { url = ParseUrlNoFragment(rest0); }
        catch (UrlInnerException e) { throw UrlError(rest0, e.Message); }
        if (frag.Length == 0) return url;
        try { url.Fragment = UrlUnescape(frag, UrlEnc.Fragment); }
        catch (UrlInnerException e) { throw UrlError(rawUrl, e.Message); }
        return url;
    }

    private sealed class UrlInnerException(string message) : Exception(message);

    private static GoUrl ParseUrlNoFragment(string rawUrl)
    {
        foreach (var c in rawUrl)
            if (c < 0x20 || c == 0x7f) throw new UrlInnerException("net/url: invalid control character in URL");
        var url = new GoUrl();
        if (rawUrl == "*") { url.Path = "*"; return url; }
        // getScheme
        string rest = rawUrl;
        for (var i = 0; i < rawUrl.Length; i++)
        {
            var c = rawUrl[i];
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z') continue;
            if (c is >= '0' and <= '9' or '+' or '-' or '.')
            {
                if (i == 0) break;
                continue;
            }
            if (c == ':')
            {
                if (i == 0) throw new UrlInnerException("missing protocol scheme");
                url.Scheme = rawUrl[..i].ToLowerInvariant();
                rest = rawUrl[(i + 1)..];
            }
            break;
        }
        var q = rest.IndexOf('?');
        if (rest.EndsWith('?') && q == rest.Length - 1)
        {
            url.ForceQuery = true;
            rest = rest[..^1];
        }
        else if (q >= 0)
        {
            url.RawQuery = rest[(q + 1)..];
            rest = rest[..q];
        }
        if (!rest.StartsWith('/'))
        {
            if (url.Scheme.Length != 0)
            {
                url.Opaque = rest;
                return url;
            }
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            if (segment.Contains(':')) throw new UrlInnerException("first path segment in URL cannot contain colon");
        }
        if ((url.Scheme.Length != 0 || !rest.StartsWith("///", StringComparison.Ordinal)) && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            rest = "";
            var i = authority.IndexOf('/');
            if (i >= 0) { rest = authority[i..]; authority = authority[..i]; }
            ParseAuthority(authority, url);
        }
        else if (url.Scheme.Length != 0 && rest.StartsWith('/')) url.OmitHost = true;
        url.Path = UrlUnescape(rest, UrlEnc.Path);
        return url;
    }

    private static void ParseAuthority(string authority, GoUrl url)
    {
        var i = authority.LastIndexOf('@');
        url.Host = ParseHost(i < 0 ? authority : authority[(i + 1)..]);
        if (i < 0) return;
        var userinfo = authority[..i];
        foreach (var c in userinfo)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9') continue;
            if ("-._:~!$&'()*+,;=%@".Contains(c)) continue;
            throw new UrlInnerException("net/url: invalid userinfo");
        }
        var colon = userinfo.IndexOf(':');
        if (colon < 0) url.User = UrlUnescape(userinfo, UrlEnc.UserPassword);
        else
        {
            url.User = UrlUnescape(userinfo[..colon], UrlEnc.UserPassword);
            url.Password = UrlUnescape(userinfo[(colon + 1)..], UrlEnc.UserPassword);
        }
    }

    private static string ParseHost(string host)
    {
        if (host.StartsWith('['))
        {
            var i = host.LastIndexOf(']');
            if (i < 0) throw new UrlInnerException("missing ']' in host");
            var colonPort = host[(i + 1)..];
            if (!ValidOptionalPort(colonPort)) throw new UrlInnerException("invalid port " + GoStrconv.Quote(colonPort) + " after host");
        }
        else
        {
            var i = host.LastIndexOf(':');
            if (i != -1)
            {
                var colonPort = host[i..];
                if (!ValidOptionalPort(colonPort)) throw new UrlInnerException("invalid port " + GoStrconv.Quote(colonPort) + " after host");
            }
        }
        return UrlUnescape(host, UrlEnc.Host);
    }

    private static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
    private static int Unhex(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static string UrlUnescape(string str, UrlEnc mode)
    {
        var s = HelmSharp.Go.GoUtf8.GetBytes(str);
        var n = 0;
        for (var i = 0; i < s.Length;)
        {
            switch (s[i])
            {
                case (byte)'%':
                    n++;
                    if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))
                    {
                        var bad = HelmSharp.Go.GoUtf8.GetString(s, i, Math.Min(3, s.Length - i));
                        throw new UrlInnerException("invalid URL escape " + GoStrconv.Quote(bad));
                    }
                    if (mode == UrlEnc.Host && Unhex(s[i + 1]) < 8 && !(s[i + 1] == '2' && s[i + 2] == '5'))
                        throw new UrlInnerException("invalid URL escape " + GoStrconv.Quote(HelmSharp.Go.GoUtf8.GetString(s, i, 3)));
                    i += 3;
                    break;
                default:
                    if (mode == UrlEnc.Host && s[i] < 0x80 && ShouldEscape(s[i], mode))
                        throw new UrlInnerException("invalid character " + GoStrconv.Quote(((char)s[i]).ToString()) + " in host name");
                    i++;
                    break;
            }
        }
        if (n == 0) return str;
        var outb = new List<byte>(s.Length);
        for (var i = 0; i < s.Length;)
        {
            if (s[i] == '%') { outb.Add((byte)(Unhex(s[i + 1]) << 4 | Unhex(s[i + 2]))); i += 3; }
            else outb.Add(s[i++]);
        }
        return HelmSharp.Go.GoUtf8.GetString(outb.ToArray());
    }

    private static bool ShouldEscape(byte c, UrlEnc mode)
    {
        if (c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9') return false;
        if (mode == UrlEnc.Host && c is (byte)'!' or (byte)'$' or (byte)'&' or (byte)'\'' or (byte)'(' or (byte)')' or (byte)'*' or (byte)'+' or (byte)',' or (byte)';' or (byte)'=' or (byte)':' or (byte)'[' or (byte)']' or (byte)'<' or (byte)'>' or (byte)'"')
            return false;
        switch (c)
        {
            case (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~':
                return false;
            case (byte)'$' or (byte)'&' or (byte)'+' or (byte)',' or (byte)'/' or (byte)':' or (byte)';' or (byte)'=' or (byte)'?' or (byte)'@':
                switch (mode)
                {
                    case UrlEnc.Path: return c == '?';
                    case UrlEnc.UserPassword: return c is (byte)'@' or (byte)'/' or (byte)'?' or (byte)':';
                    case UrlEnc.Query: return true;
                    case UrlEnc.Fragment: return false;
                }
                break;
        }
        if (mode == UrlEnc.Fragment && c is (byte)'!' or (byte)'(' or (byte)')' or (byte)'*') return false;
        return true;
    }

    private static string UrlEscape(string str, UrlEnc mode)
    {
        var s = HelmSharp.Go.GoUtf8.GetBytes(str);
        var need = false;
        foreach (var b in s) if (ShouldEscape(b, mode)) { need = true; break; }
        if (!need) return str;
        var sb = new StringBuilder(s.Length * 3);
        var pending = new List<byte>();
        foreach (var b in s)
        {
            if (ShouldEscape(b, mode))
            {
                if (pending.Count > 0) { sb.Append(HelmSharp.Go.GoUtf8.GetString(pending.ToArray())); pending.Clear(); }
                sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
            }
            else pending.Add(b);
        }
        if (pending.Count > 0) sb.Append(HelmSharp.Go.GoUtf8.GetString(pending.ToArray()));
        return sb.ToString();
    }
}
