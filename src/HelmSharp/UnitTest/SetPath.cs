using System.Text;
using HelmSharp.Go;

namespace HelmSharp.UnitTest;

/// <summary>
/// The plugin's <c>set:</c> handling: <c>BuildValueOfSetPath</c> turns a <c>--set</c>-style path (<c>a.b[0].c</c>,
/// <c>a.[x.y]</c> for a key with dots) and a value into a nested map, and <c>MergeTables</c> (helm's
/// <c>chartutil.MergeTables</c>) merges such maps, the earlier one winning.
/// </summary>
internal static class SetPath
{
    private const int MaxSegments = 10000;

    /// <summary>The map that sets <paramref name="value"/> at <paramref name="path"/>.</summary>
    public static Dictionary<string, object?> Build(object? value, string path)
    {
        if (path.Length == 0) throw new UnitTestException("set path is empty");
        var cursors = new List<object>();
        Traverse(path, cursors);
        var built = new Dictionary<string, object?>(StringComparer.Ordinal);
        object current = built;
        for (int depth = 0; depth < cursors.Count; depth++)
        {
            object? next;
            if (depth == cursors.Count - 1) next = value;
            else if (cursors[depth + 1] is int idx)
            {
                if (idx > 1_000_000) throw new UnitTestException("set path index " + idx + " is too large");
                var l = new List<object?>(idx + 1);
                for (int i = 0; i <= idx; i++) l.Add(null);
                next = l;
            }
            else next = new Dictionary<string, object?>(StringComparer.Ordinal);
            switch (cursors[depth])
            {
                case string key:
                    if (current is not Dictionary<string, object?> m) throw new UnitTestException("invalid set path " + path);
                    m[key] = next;
                    break;
                case int i:
                    if (current is not List<object?> list || i < 0 || i >= list.Count) throw new UnitTestException("invalid set path " + path);
                    list[i] = next;
                    break;
            }
            current = next!;
        }
        return built;
    }

    private enum Expect { Key, Index, Denotation, Escaping }

    // valueutils.traverseSetPath, iteratively
    private static void Traverse(string path, List<object> cursors)
    {
        var state = Expect.Key;
        int pos = 0;
        string bufferedMapKey = "";
        for (int guard = 0; ; guard++)
        {
            if (guard > MaxSegments) throw new UnitTestException("set path has too many segments");
            var k = new StringBuilder();
            int last = -1;
            bool eof = true;
            while (pos < path.Length)
            {
                int r = NextRune(path, ref pos);
                if (r is '.' or '[' or ']' or ',' or '{' or '}' or '=') { last = r; eof = false; break; }
                k.Append(char.ConvertFromUtf32(r));
            }
            if (last is ',' or '{' or '}' or '=') throw new UnitTestException("invalid token found " + (char)last);
            if (eof)
            {
                if (k.Length != 0 && state == Expect.Key) { cursors.Add(k.ToString()); return; }
                if (k.Length == 0 && state == Expect.Denotation) return;
                throw new UnitTestException("unexpected end of");
            }
            switch (state)
            {
                case Expect.Index:
                    if (last != ']') throw new UnitTestException("missing index value");
                    if (!GoStrconv.TryParseInt(k.ToString(), 10, 64, out var idx, out var err) || idx > int.MaxValue || idx < int.MinValue)
                        throw new UnitTestException(err?.Message.Replace("strconv.ParseInt", "strconv.Atoi", StringComparison.Ordinal)
                                                    ?? "strconv.Atoi: parsing " + GoStrconv.Quote(k.ToString()) + ": value out of range");
                    if (idx < 0) throw new UnitTestException("negative index " + idx + " in set path " + path);
                    cursors.Add((int)idx);
                    state = Expect.Denotation;
                    break;
                case Expect.Denotation:
                    state = last switch
                    {
                        '.' => Expect.Key,
                        '[' => Expect.Index,
                        _ => throw new UnitTestException("invalid denotation token " + (char)last),
                    };
                    break;
                case Expect.Key:
                    switch (last)
                    {
                        case '.':
                            cursors.Add(k.ToString());
                            state = Expect.Key;
                            break;
                        case '[':
                            if (k.Length == 0)
                            {
                                bufferedMapKey = "";
                                state = Expect.Escaping;
                            }
                            else
                            {
                                cursors.Add(k.ToString());
                                state = Expect.Index;
                            }
                            break;
                        default:
                            throw new UnitTestException("invalid key " + (char)last);
                    }
                    break;
                case Expect.Escaping:
                    switch (last)
                    {
                        case '.':
                            bufferedMapKey += k + ".";
                            break;
                        case ']':
                            bufferedMapKey += k.ToString();
                            cursors.Add(bufferedMapKey);
                            state = Expect.Denotation;
                            break;
                        default:
                            throw new UnitTestException("invalid escaping token " + (char)last);
                    }
                    break;
            }
        }
    }

    private static int NextRune(string s, ref int pos)
    {
        if (char.IsHighSurrogate(s[pos]) && pos + 1 < s.Length && char.IsLowSurrogate(s[pos + 1]))
        {
            var r = char.ConvertToUtf32(s[pos], s[pos + 1]);
            pos += 2;
            return r;
        }
        return s[pos++];
    }

    /// <summary>helm's <c>chartutil.MergeTables(dst, src)</c>: keys of <paramref name="src"/> missing in <paramref name="dst"/> are added, nested maps merged; <paramref name="dst"/> wins.</summary>
    public static Dictionary<string, object?> MergeTables(Dictionary<string, object?> dst, Dictionary<string, object?> src) =>
        StackGuard.Run((dst, src), static t => MergeTables(t.dst, t.src, 0));

    private static Dictionary<string, object?> MergeTables(Dictionary<string, object?> dst, Dictionary<string, object?> src, int depth)
    {
        if (depth > 20000) throw new UnitTestException("value nesting too deep");
        foreach (var (key, srcVal) in src)
        {
            if (!dst.TryGetValue(key, out var dv)) { dst[key] = srcVal; continue; }
            if (dv is Dictionary<string, object?> dm && srcVal is Dictionary<string, object?> sm) MergeTables(dm, sm, depth + 1);
        }
        return dst;
    }
}
