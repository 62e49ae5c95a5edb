using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using HelmSharp.Go;

namespace HelmSharp.Yaml;

internal static partial class GoYaml
{
    private const int MaxMarshalDepth = 10000;

    /// <summary>
    /// Encodes as <c>sigs.k8s.io/yaml.Marshal</c> (JSON round trip, go-yaml v2 emitter); the result ends in a newline.
    /// Throws <see cref="GoYamlException"/> (<c>error marshaling into JSON: json: unsupported value: NaN</c> …).
    /// </summary>
    public static string Marshal(object? value) => Marshal(value, trimFinalNewline: false);

    /// <summary><see cref="Marshal(object?)"/>, optionally without its final newline (helm's <c>toYaml</c> trims it) — without copying the text twice.</summary>
    internal static string Marshal(object? value, bool trimFinalNewline)
    {
        var arena = TreeArena.Lend();
        try
        {
            var tree = JsonTree(value, out var depth);
            return depth > 400 ? EmitOnLargeStack(tree, trimFinalNewline) : YamlEmitter.EmitDocument(tree, false, trimFinalNewline);
        }
        finally { arena?.TakeBack(); }
    }

    /// <summary>Appends what <see cref="Marshal(object?, bool)"/> returns to <paramref name="sink"/>; throws as it does, before appending anything.</summary>
    internal static void MarshalTo(object? value, bool trimFinalNewline, StringBuilder sink)
    {
        var arena = TreeArena.Lend();
        try
        {
            var tree = JsonTree(value, out var depth);
            if (depth > 400) sink.Append(EmitOnLargeStack(tree, trimFinalNewline));
            else YamlEmitter.EmitDocumentTo(tree, false, trimFinalNewline, sink);
        }
        finally { arena?.TakeBack(); }
    }

    // The arena the tree being built on this thread takes its arrays and maps from (null: fresh ones).
    [ThreadStatic] private static TreeArena? t_lending;

    /// <summary>
    /// The arrays and map nodes of JSON-round-trip trees, reused per thread: a tree lives only until it is emitted, so
    /// everything lent for it is taken back then (small arrays only, by exact length — nodes rely on their length).
    /// </summary>
    private sealed class TreeArena
    {
        private const int MaxLength = 16;
        [ThreadStatic] private static TreeArena? t_arena;
        private readonly Stack<string[]>[] _keys = new Stack<string[]>[MaxLength + 1];
        private readonly Stack<object?[]>[] _values = new Stack<object?[]>[MaxLength + 1];
        private readonly Stack<EmitMap> _maps = new();
        private readonly List<string[]> _lentKeys = [];
        private readonly List<object?[]> _lentValues = [];
        private readonly List<EmitMap> _lentMaps = [];

        /// <summary>Starts lending for a tree built on this thread; null when a tree is being built already (nested).</summary>
        public static TreeArena? Lend()
        {
            if (t_lending != null) return null;
            return t_lending = t_arena ??= new TreeArena();
        }

        public string[] Keys(int n)
        {
            if (n == 0) return [];
            if (n > MaxLength) return new string[n];
            var a = _keys[n] is { Count: > 0 } free ? free.Pop() : new string[n];
            _lentKeys.Add(a);
            return a;
        }

        public object?[] Values(int n)
        {
            if (n == 0) return [];
            if (n > MaxLength) return new object?[n];
            var a = _values[n] is { Count: > 0 } free ? free.Pop() : new object?[n];
            _lentValues.Add(a);
            return a;
        }

        public EmitMap Map(string[] keys, object?[] values)
        {
            var m = _maps.Count > 0 ? _maps.Pop() : new EmitMap([], []);
            m.Set(keys, values);
            _lentMaps.Add(m);
            return m;
        }

        /// <summary>Takes back everything lent since <see cref="Lend"/> (the tree is no longer used).</summary>
        public void TakeBack()
        {
            t_lending = null;
            foreach (var a in _lentKeys)
            {
                Array.Clear(a);
                if ((_keys[a.Length] ??= new()).Count < 256) _keys[a.Length].Push(a);
            }
            foreach (var a in _lentValues)
            {
                Array.Clear(a);
                if ((_values[a.Length] ??= new()).Count < 256) _values[a.Length].Push(a);
            }
            foreach (var m in _lentMaps)
            {
                m.Set([], []);
                if (_maps.Count < 256) _maps.Push(m);
            }
            _lentKeys.Clear(); _lentValues.Clear(); _lentMaps.Clear();
            if (_lentKeys.Capacity > 4096) { _lentKeys.Capacity = 64; _lentValues.Capacity = 64; _lentMaps.Capacity = 64; }
        }
    }

    // (Lambdas kept out of the common paths: their captured state would be allocated on every call.)
    private static string EmitOnLargeStack(object? tree, bool trimFinalNewline)
    {
        string result = "";
        YamlDecoder.RunWithLargeStack(() => result = YamlEmitter.EmitDocument(tree, false, trimFinalNewline));
        return result;
    }

    private static object? JsonTreeOnLargeStack(object? value, out int depth)
    {
        object? tree = null;
        int dd = 0;
        YamlDecoder.RunWithLargeStack(() => { t_budget = MarshalBudget; t_charBudget = MarshalCharBudget; tree = ToJsonTree(value, 0, ref dd, null); });
        depth = dd;
        return tree;
    }

    // The value as the JSON round trip sees it (ready for the v2 emitter) and its depth; the errors of the JSON step.
    private static object? JsonTree(object? value, out int depth)
    {
        object? tree;
        depth = 0;
        try
        {
            try { t_budget = MarshalBudget; t_charBudget = MarshalCharBudget; tree = ToJsonTree(value, 0, ref depth, null); }
            catch (InsufficientStackException) { tree = JsonTreeOnLargeStack(value, out depth); }
        }
        catch (NelKeyException)
        {
            throw new GoYamlException(NelKeyError(value));
        }
        catch (JsonToYamlException e)
        {
            throw new GoYamlException(e.Message);
        }
        catch (GoYamlException e)
        {
            throw new GoYamlException("error marshaling into JSON: " + e.Message);
        }
        if (depth > MaxMarshalDepth)
            throw new GoYamlException("yaml: exceeded max depth of 10000");
        return tree;
    }

    /// <summary>
    /// Encodes as a go-yaml v3 <c>Encoder</c> with <c>SetIndent(2)</c> directly on the Go value (helm's
    /// <c>toYamlPretty</c>, before it trims the trailing newline): sequences indented under their key,
    /// no line folding, floats as Go formats them.
    /// </summary>
    public static string MarshalPretty(object? value)
    {
        int depth = 0;
        object? tree = null;
        try
        {
            try { t_budget = MarshalBudget; t_charBudget = MarshalCharBudget; tree = ToPrettyTree(value, 0, ref depth); }
            catch (InsufficientStackException)
            {
                depth = 0;
                YamlDecoder.RunWithLargeStack(() => { t_budget = MarshalBudget; t_charBudget = MarshalCharBudget; int dd = 0; tree = ToPrettyTree(value, 0, ref dd); depth = dd; });
            }
        }
        catch (JsonToYamlException e)
        {
            throw new GoYamlException(e.Message);
        }
        if (depth > MaxMarshalDepth)
            throw new GoYamlException("yaml: exceeded max depth of 10000");
        string result = "";
        if (depth > 400) YamlDecoder.RunWithLargeStack(() => result = YamlEmitter.EmitDocument(tree, true));
        else result = YamlEmitter.EmitDocument(tree, true);
        return result;
    }

    // ------------------------------------------------------------------ JSON round trip (v2 path)

    private sealed class InsufficientStackException : Exception;

    /// <summary>
    /// Upper bound on nodes plus string characters one Marshal may produce; shared references in
    /// template-built values can otherwise expand exponentially (Go would run out of memory).
    /// </summary>
    private const long MarshalBudget = 10L * 1000 * 1000;
    private const long MarshalCharBudget = 256L * 1024 * 1024;

    [ThreadStatic] private static long t_budget;
    [ThreadStatic] private static long t_charBudget;

    private static void Spend(object? v)
    {
        if (--t_budget < 0 || (v is string s && (t_charBudget -= s.Length) < 0))
            throw new JsonToYamlException("yaml: value too large to encode");
    }

    /// <summary>A failure of yaml.v2 re-reading the JSON text (sigs.k8s.io JSONToYAML).</summary>
    private sealed class JsonToYamlException(string message) : GoYamlException(message);

    private static object? ToJsonTree(object? v, int level, ref int maxDepth, List<object>? path)
    {
        if (level > maxDepth) maxDepth = level;
        Spend(v);
        if (!HelmSharp.Go.StackGuard.Check()) throw new InsufficientStackException();
        if (level > MaxMarshalDepth + 1) return null; // deeper than yaml accepts; caller reports
        switch (v)
        {
            case null: return null;
            case string s: return JsonString(s);
            case bool b: return b ? EmitPlain.True : EmitPlain.False;
            case double d: return FloatNode(d);
            case float f: return FloatNode(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            case long l: return EmitPlain.Integer(l);
            case nint n: return EmitPlain.Integer(n);
            case int i: return EmitPlain.Integer(i);
            case short sh: return new EmitPlain(sh.ToString(CultureInfo.InvariantCulture));
            case sbyte sb: return new EmitPlain(sb.ToString(CultureInfo.InvariantCulture));
            case ulong ul: return new EmitPlain(ul.ToString(CultureInfo.InvariantCulture));
            case nuint nu: return new EmitPlain(((ulong)nu).ToString(CultureInfo.InvariantCulture));
            case uint ui: return new EmitPlain(ui.ToString(CultureInfo.InvariantCulture));
            case ushort us: return new EmitPlain(us.ToString(CultureInfo.InvariantCulture));
            case byte by: return new EmitPlain(by.ToString(CultureInfo.InvariantCulture));
            case byte[] bytes: return Convert.ToBase64String(bytes);
            case HelmSharp.Go.IGoJsonMarshaler j: return ToJsonTree(HelmSharp.Json.GoJson.PlainJsonValue(j), level, ref maxDepth, path);
        }
        if (v is Dictionary<string, object?> typed)
        {
            // The common case (values, dict, fromYaml results): keys already distinct, no boxing of entries.
            path = EnterCycleCheck(v, level, path);
            var arena = t_lending;
            var keys = arena != null ? arena.Keys(typed.Count) : new string[typed.Count];
            var vals = arena != null ? arena.Values(typed.Count) : new object?[typed.Count];
            int n = 0;
            bool renamed = false;
            foreach (var kv in typed)
            {
                var k = JsonKey(kv.Key);
                renamed |= !ReferenceEquals(k, kv.Key);
                keys[n] = k;
                vals[n++] = ToJsonTree(kv.Value, level + 1, ref maxDepth, path);
            }
            path?.RemoveAt(path.Count - 1);
            // Sanitizing invalid UTF-8 can make two keys equal: the later one wins, at the first one's place.
            if (renamed || arena == null) return SortedMap(keys, vals, mayRepeat: renamed, YamlKeyComparer.V2);
            InsertionOrMergeSort(keys, vals, YamlKeyComparer.V2);
            return arena.Map(keys, vals);
        }
        if (v is IDictionary dict)
        {
            path = EnterCycleCheck(v, level, path);
            var keys = new string[dict.Count];
            var vals = new object?[dict.Count];
            int n = 0;
            foreach (DictionaryEntry e in dict)
            {
                keys[n] = e.Key switch
                {
                    string s => JsonKey(s),
                    long or int or nint or short or sbyte or ulong or uint or nuint or ushort or byte => Convert.ToString(e.Key, CultureInfo.InvariantCulture)!,
                    _ => throw new GoYamlException("json: unsupported type: " + (GoType.Of(v)?.Name ?? "map")),
                };
                vals[n++] = ToJsonTree(e.Value, level + 1, ref maxDepth, path);
            }
            path?.RemoveAt(path.Count - 1);
            return SortedMap(keys, vals, mayRepeat: true, YamlKeyComparer.V2);
        }
        if (v is IList list)
        {
            path = EnterCycleCheck(v, level, path);
            var arr = t_lending is { } arena ? arena.Values(list.Count) : new object?[list.Count];
            for (int i = 0; i < arr.Length; i++) arr[i] = ToJsonTree(list[i], level + 1, ref maxDepth, path);
            path?.RemoveAt(path.Count - 1);
            return arr;
        }
        if (v is IGoStruct st)
        {
            var keys = new List<string>();
            var vals = new List<object?>();
            foreach (var (name, fv) in st.Fields)
            {
                keys.Add(name);
                vals.Add(ToJsonTree(fv, level + 1, ref maxDepth, path));
            }
            return SortedMap(keys.ToArray(), vals.ToArray(), mayRepeat: true, YamlKeyComparer.V2);
        }
        throw new GoYamlException("json: unsupported type: " + (GoType.Of(v)?.Name ?? v.GetType().Name));
    }

    private static List<object>? EnterCycleCheck(object v, int level, List<object>? path)
    {
        if (level < 1000) return path;
        path ??= new List<object>();
        foreach (var p in path)
            if (ReferenceEquals(p, v))
                throw new GoYamlException("json: unsupported value: encountered a cycle via " + (GoType.Of(v)?.Name ?? "map[string]interface {}"));
        path.Add(v);
        return path;
    }

    /// <summary>
    /// Sorts the parallel arrays by go-yaml's key order and wraps them (takes ownership of both). When keys may
    /// repeat (converted or sanitized keys), a repeated key keeps its first place and takes its last value, as
    /// writing them into a Go map does.
    /// </summary>
    private static EmitMap SortedMap(string[] keys, object?[] vals, bool mayRepeat, YamlKeyComparer cmp)
    {
        if (mayRepeat) (keys, vals) = Distinct(keys, vals);
        InsertionOrMergeSort(keys, vals, cmp);
        return new EmitMap(keys, vals);
    }

    private static (string[], object?[]) Distinct(string[] keys, object?[] vals)
    {
        var at = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        var k2 = new List<string>(keys.Length);
        var v2 = new List<object?>(keys.Length);
        for (int i = 0; i < keys.Length; i++)
        {
            if (at.TryGetValue(keys[i], out var j)) { v2[j] = vals[i]; continue; }
            at[keys[i]] = k2.Count;
            k2.Add(keys[i]);
            v2.Add(vals[i]);
        }
        return k2.Count == keys.Length ? (keys, vals) : (k2.ToArray(), v2.ToArray());
    }

    private static void InsertionOrMergeSort(string[] a, object?[] b, YamlKeyComparer cmp)
    {
        if (a.Length <= 12)
        {
            for (int i = 1; i < a.Length; i++)
                for (int j = i; j > 0 && cmp.Less(a[j], a[j - 1]); j--)
                {
                    (a[j], a[j - 1]) = (a[j - 1], a[j]);
                    (b[j], b[j - 1]) = (b[j - 1], b[j]);
                }
            return;
        }
        // merge sort (Go's pdqsort differs only for comparator inconsistencies)
        var ta = new string[a.Length];
        var tb = new object?[b.Length];
        for (int width = 1; width < a.Length; width *= 2)
        {
            for (int lo = 0; lo < a.Length; lo += 2 * width)
            {
                int mid = Math.Min(lo + width, a.Length), hi = Math.Min(lo + 2 * width, a.Length);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi)
                {
                    if (cmp.Less(a[j], a[i])) { ta[k] = a[j]; tb[k++] = b[j++]; }
                    else { ta[k] = a[i]; tb[k++] = b[i++]; }
                }
                while (i < mid) { ta[k] = a[i]; tb[k++] = b[i++]; }
                while (j < hi) { ta[k] = a[j]; tb[k++] = b[j++]; }
            }
            Array.Copy(ta, a, a.Length);
            Array.Copy(tb, b, b.Length);
        }
    }

    private static object FloatNode(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
            throw new GoYamlException("json: unsupported value: " + YamlFloat.FormatG(d, 64));
        // Integers below 2^53 are exact doubles whose shortest digits are the integer itself: JSON prints them
        // as such and yaml.v2 re-reads an int.
        if (d == Math.Floor(d) && Math.Abs(d) < 9007199254740992.0 && !(d == 0 && double.IsNegative(d)))
            return new EmitPlain(((long)d).ToString(CultureInfo.InvariantCulture));
        if (d == Math.Floor(d) && Math.Abs(d) < 1e21)
        {
            // encoding/json prints integral floats below 1e21 without exponent; yaml.v2 re-reads them as ints
            // json prints the shortest digits padded with zeros ('f', -1); yaml.v2 then reads int64/uint64
            var text = ShortestIntegerText(d);
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ||
                ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                return new EmitPlain(text);
            // beyond 64 bits yaml.v2 resolves the JSON digits by its float regex before trying big ints
            return new EmitPlain(YamlFloat.FormatG(d, 64));
        }
        return new EmitPlain(YamlFloat.FormatG(d, 64));
    }

    private static string ShortestIntegerText(double d)
    {
        if (d == 0) return "0";
        var g = YamlFloat.FormatG(d, 64); // shortest digits, maybe with exponent
        int e = g.IndexOf('e');
        if (e < 0) return g;
        bool neg = g.StartsWith('-');
        string mant = g.Substring(neg ? 1 : 0, e - (neg ? 1 : 0)).Replace(".", "", StringComparison.Ordinal);
        int exp = int.Parse(g.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        if (neg) sb.Append('-');
        sb.Append(mant);
        sb.Append('0', Math.Max(0, exp + 1 - mant.Length));
        return sb.ToString();
    }

    /// <summary>
    /// A map key after the JSON round trip: a key containing U+0085 (NEL, left unescaped by
    /// encoding/json) spans two lines of the JSON text, which yaml.v2 rejects as a flow mapping key.
    /// </summary>
    private static string JsonKey(string s)
    {
        if (s.IndexOf('\u0085') >= 0) throw new NelKeyException();
        return JsonString(s);
    }

    private sealed class NelKeyException : Exception;

    /// <summary>
    /// The error yaml.v2 reports for the first NEL-containing key: a parser error on the (0-based)
    /// line reached after counting every NEL of the JSON text up to the end of that key.
    /// </summary>
    private static string NelKeyError(object? root)
    {
        int count = 0;
        return CountNels(root, ref count, 0) ? "yaml: line " + count.ToString(CultureInfo.InvariantCulture) + ": did not find expected ',' or '}'" : "yaml: did not find expected ',' or '}'";
    }

    private static bool CountNels(object? v, ref int count, int depth)
    {
        if (depth > MaxMarshalDepth) return false;
        switch (v)
        {
            case string s:
                foreach (var c in s) if (c == '\u0085') count++;
                return false;
            case HelmSharp.Go.IGoJsonMarshaler j:
                return CountNels(HelmSharp.Json.GoJson.PlainJsonValue(j), ref count, depth + 1);
            case IDictionary d:
            {
                var keys = new List<string>();
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry e in d)
                {
                    var k = Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "";
                    if (!map.ContainsKey(k)) keys.Add(k);
                    map[k] = e.Value;
                }
                keys.Sort(StringComparer.Ordinal);
                foreach (var k in keys)
                {
                    bool nel = false;
                    foreach (var c in k) if (c == '\u0085') { count++; nel = true; }
                    if (nel) return true;
                    if (CountNels(map[k], ref count, depth + 1)) return true;
                }
                return false;
            }
            case IList l when v is not byte[]:
                foreach (var item in l) if (CountNels(item, ref count, depth + 1)) return true;
                return false;
            case IGoStruct st:
                foreach (var (_, fv) in st.Fields) if (CountNels(fv, ref count, depth + 1)) return true;
                return false;
        }
        return false;
    }

    /// <summary>
    /// A string after json.Marshal and yaml.v2's re-reading of the JSON text: encoding/json leaves
    /// U+0085 (NEL) unescaped, and YAML folds that line break inside the double-quoted scalar.
    /// </summary>
    private static string JsonString(string s)
    {
        s = SanitizeString(s);
        foreach (var c in s)
        {
            // encoding/json leaves these unescaped and go-yaml's reader rejects them
            if (c == '\u007F' || (c >= '\u0080' && c <= '\u009F' && c != '\u0085') || c == '\uFFFE' || c == '\uFFFF')
                throw new JsonToYamlException("yaml: control characters are not allowed");
        }
        if (s.IndexOf('\u0085') < 0) return s;
        var sb = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c != ' ' && c != '\u0085') { sb.Append(c); i++; continue; }
            // a run of blanks and breaks
            var whitespaces = new StringBuilder();
            bool leadingBlanks = false;
            int trailingBreaks = 0;
            while (i < s.Length && (s[i] == ' ' || s[i] == '\u0085'))
            {
                if (s[i] == ' ') { if (!leadingBlanks) whitespaces.Append(' '); }
                else if (!leadingBlanks) { whitespaces.Clear(); leadingBlanks = true; }
                else trailingBreaks++;
                i++;
            }
            if (leadingBlanks)
            {
                if (trailingBreaks == 0) sb.Append(' ');
                else sb.Append('\n', trailingBreaks);
            }
            else sb.Append(whitespaces);
        }
        return sb.ToString();
    }

    private static string SanitizeString(string s)
    {
        foreach (var c in s)
        {
            if (char.IsSurrogate(c)) goto fix;
        }
        return s;
        fix:
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[i + 1]); i++; }
            else if (char.IsSurrogate(c)) sb.Append('\uFFFD');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------------ v3 raw path

    private static object? ToPrettyTree(object? v, int level, ref int maxDepth)
    {
        if (level > maxDepth) maxDepth = level;
        Spend(v);
        if (!HelmSharp.Go.StackGuard.Check()) throw new InsufficientStackException();
        if (level > MaxMarshalDepth + 1) return null;
        switch (v)
        {
            case null: return null;
            case string s: return s; // the v3 emitter writes text that is not UTF-8 as !!binary
            case bool b: return b ? EmitPlain.True : EmitPlain.False;
            case double d: return new EmitPlain(FloatText(d, 64));
            case float f: return new EmitPlain(FloatText(f, 32));
            case long or nint or int or short or sbyte or ulong or nuint or uint or ushort or byte:
                return new EmitPlain(Convert.ToString(v, CultureInfo.InvariantCulture)!);
            case BigInteger bi: return new EmitPlain(bi.ToString(CultureInfo.InvariantCulture));
            case HelmSharp.Go.IGoJsonMarshaler j when v is not IDictionary && v is not IGoStruct: return ToPrettyTree(HelmSharp.Json.GoJson.PlainJsonValue(j), level, ref maxDepth);
        }
        if (v is IDictionary dict)
        {
            var keys = new string[dict.Count];
            var vals = new object?[dict.Count];
            int n = 0;
            foreach (DictionaryEntry e in dict)
            {
                keys[n] = Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "";
                vals[n++] = ToPrettyTree(e.Value, level + 1, ref maxDepth);
            }
            return SortedMap(keys, vals, mayRepeat: true, YamlKeyComparer.V3);
        }
        if (v is IList list)
        {
            var arr = new object?[list.Count];
            for (int i = 0; i < arr.Length; i++) arr[i] = ToPrettyTree(list[i], level + 1, ref maxDepth);
            return arr;
        }
        if (v is IGoStruct st)
        {
            // yaml.v3 uses lowercased field names for untagged struct fields, in declaration order
            var keys = new List<string>();
            var vals = new List<object?>();
            foreach (var (name, fv) in st.Fields)
            {
                keys.Add(name.ToLowerInvariant());
                vals.Add(ToPrettyTree(fv, level + 1, ref maxDepth));
            }
            return new EmitMap(keys.ToArray(), vals.ToArray());
        }
        if (v is HelmSharp.Go.IGoJsonMarshaler j2) return ToPrettyTree(HelmSharp.Json.GoJson.PlainJsonValue(j2), level, ref maxDepth);
        if (v is IGoStringer gs) return gs.GoString();
        throw new GoYamlException("cannot marshal type: " + (GoType.Of(v)?.Name ?? v.GetType().Name));
    }

    private static string FloatText(double d, int bits)
    {
        var s = YamlFloat.FormatG(d, bits);
        return s switch { "+Inf" => ".inf", "-Inf" => "-.inf", "NaN" => ".nan", _ => s };
    }
}
