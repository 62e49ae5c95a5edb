using System.Text;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    static partial void RegisterPaths(FunctionRegistry r)
    {
        // path and path/filepath are identical on the platforms helm templates are rendered on (separator '/').
        foreach (var (plain, os) in new[] { ("base", "osBase"), ("dir", "osDir"), ("clean", "osClean"), ("ext", "osExt"), ("isAbs", "osIsAbs") })
        {
            Func<object?[], object?> body = plain switch
            {
                "base" => a => PathBase((string)a[0]!),
                "dir" => a => PathDir((string)a[0]!),
                "clean" => a => PathClean((string)a[0]!),
                "ext" => a => PathExt((string)a[0]!),
                _ => a => ((string)a[0]!).StartsWith('/'),
            };
            r.Add(Fn(plain, PStr, body));
            r.Add(Fn(os, PStr, body));
        }
    }

    /// <summary>Go's <c>path.Clean</c>.</summary>
    internal static string PathClean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var n = path.Length;
        var buf = new StringBuilder(n);
        int r = 0, dotdot = 0;
        if (rooted) { buf.Append('/'); r = 1; dotdot = 1; }
        while (r < n)
        {
            if (path[r] == '/') r++;
            else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) r++;
            else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/'))
            {
                r += 2;
                if (buf.Length > dotdot)
                {
                    var w = buf.Length - 1;
                    while (w > dotdot && buf[w] != '/') w--;
                    buf.Length = w;
                }
                else if (!rooted)
                {
                    if (buf.Length > 0) buf.Append('/');
                    buf.Append("..");
                    dotdot = buf.Length;
                }
            }
            else
            {
                if (rooted && buf.Length != 1 || !rooted && buf.Length != 0) buf.Append('/');
                for (; r < n && path[r] != '/'; r++) buf.Append(path[r]);
            }
        }
        if (buf.Length == 0) return ".";
        return buf.ToString();
    }

    /// <summary>Go's <c>path.Base</c>.</summary>
    internal static string PathBase(string path)
    {
        if (path.Length == 0) return ".";
        while (path.Length > 0 && path[^1] == '/') path = path[..^1];
        var i = path.LastIndexOf('/');
        if (i >= 0) path = path[(i + 1)..];
        return path.Length == 0 ? "/" : path;
    }

    /// <summary>Go's <c>path.Dir</c>.</summary>
    internal static string PathDir(string path)
    {
        var i = path.LastIndexOf('/');
        return PathClean(path[..(i + 1)]);
    }

    /// <summary>Go's <c>path.Ext</c>.</summary>
    internal static string PathExt(string path)
    {
        for (var i = path.Length - 1; i >= 0 && path[i] != '/'; i--)
            if (path[i] == '.') return path[i..];
        return "";
    }
}
