using HelmSharp.Go;
namespace HelmSharp.UnitTest;

/// <summary>
/// Go's <c>path/filepath.Glob</c> (sorted per directory, I/O errors ignored) with <c>yargevad/filepathx</c>'s <c>**</c>
/// extension: each <c>**</c> matches zero or more directory levels (every path under the matches so far).
/// </summary>
internal static class GoGlob
{
    private const int MaxResults = 100_000;

    public static List<string> Glob(string pattern)
    {
        if (!pattern.Contains("**", StringComparison.Ordinal)) return FilepathGlob(pattern);
        var globs = pattern.Split("**");
        var matches = new List<string> { "" };
        foreach (var glob in globs)
        {
            var hits = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var m in matches)
            {
                foreach (var p in FilepathGlob(m + glob))
                {
                    foreach (var w in Walk(p))
                    {
                        if (seen.Add(w)) hits.Add(w);
                        if (hits.Count > MaxResults) throw new UnitTestException("glob " + pattern + " matches too many files");
                    }
                }
            }
            matches = hits;
        }
        return matches;
    }

    // filepath.Walk: the root, then (for a directory) its entries in lexical order, depth first
    private static IEnumerable<string> Walk(string root)
    {
        yield return root;
        if (!Directory.Exists(root)) yield break;
        var stack = new Stack<IEnumerator<string>>();
        stack.Push(Sorted(root).GetEnumerator());
        while (stack.Count > 0)
        {
            var e = stack.Peek();
            if (!e.MoveNext()) { stack.Pop(); continue; }
            var p = e.Current;
            yield return p;
            if (Directory.Exists(p) && !IsSymlink(p)) stack.Push(Sorted(p).GetEnumerator());
        }
    }

    private static bool IsSymlink(string p)
    {
        try { return new FileInfo(p).LinkTarget != null; }
        catch (IOException) { return false; }
    }

    private static List<string> Sorted(string dir)
    {
        var res = new List<string>();
        try
        {
            foreach (var e in Directory.EnumerateFileSystemEntries(dir)) res.Add(Join(dir, Path.GetFileName(e)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        res.Sort(StringComparer.Ordinal);
        return res;
    }

    private static string Join(string dir, string name) => GoPath.Clean(dir.Length == 0 ? name : dir + "/" + name);

    private static bool HasMeta(string p) => p.IndexOfAny(['*', '?', '[', '\\']) >= 0;

    /// <summary><c>filepath.Glob</c>.</summary>
    public static List<string> FilepathGlob(string pattern)
    {
        if (!HasMeta(pattern))
        {
            return File.Exists(pattern) || Directory.Exists(pattern) ? [pattern] : [];
        }
        int slash = pattern.LastIndexOf('/');
        string dir = slash >= 0 ? pattern[..(slash + 1)] : "";
        string file = slash >= 0 ? pattern[(slash + 1)..] : pattern;
        dir = CleanGlobPath(dir);
        if (!HasMeta(dir)) return GlobIn(dir, file);
        if (dir == pattern) return [];
        var res = new List<string>();
        foreach (var d in FilepathGlob(dir)) res.AddRange(GlobIn(d, file));
        return res;
    }

    private static string CleanGlobPath(string path) => path switch
    {
        "" => ".",
        "/" => "/",
        _ => path[..^1],
    };

    private static List<string> GlobIn(string dir, string pattern)
    {
        var res = new List<string>();
        if (!Directory.Exists(dir)) return res;
        var names = new List<string>();
        try { foreach (var e in Directory.EnumerateFileSystemEntries(dir)) names.Add(Path.GetFileName(e)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return res; }
        names.Sort(StringComparer.Ordinal);
        foreach (var n in names)
        {
            if (!HelmSharp.Go.GoPath.Match(pattern, n, out var bad)) { if (bad) return []; continue; }
            res.Add(GoPath.Clean(dir + "/" + n));
        }
        return res;
    }
}
