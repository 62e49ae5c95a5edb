using System.Globalization;
using System.Text;

namespace HelmSharp.Values;

/// <summary>
/// Helm's <c>pkg/strvals</c>: the <c>--set</c>, <c>--set-string</c>, <c>--set-file</c>,
/// <c>--set-json</c> and <c>--set-literal</c> line grammars, with Go's exact type inference and
/// error messages. Values are parsed <em>into</em> an existing map.
/// </summary>
internal static class Strvals
{
    /// <summary>Maximum list index (<c>strvals.MaxIndex</c>).</summary>
    public const int MaxIndex = 65536;
    /// <summary>Maximum nesting of dotted names (<c>strvals.MaxNestedNameLevel</c>).</summary>
    public const int MaxNestedNameLevel = 30;
    private const int MaxListNesting = 1000;
    /// <summary>
    /// Our bound on the parser's recursion (names and indexes together: <c>a[0].a[0]...</c> nests without raising
    /// helm's name level). helm has none; nesting beyond 10000 levels fails later in any case (values deeper than
    /// that are refused by coalescing), and a fixed count, unlike a stack probe, trips the same way on every thread.
    /// </summary>
    private const int MaxRecursion = 10_000;

    /// <summary><c>strvals.ParseInto</c> (<c>--set</c>): typed values (int64, bool, null, string).</summary>
    public static void ParseInto(string s, Dictionary<string, object?> dest, int helmMajor = 4) =>
        Run(new Parser(s, dest, rs => TypedVal(rs, false), false, false), helmMajor);

    /// <summary><c>strvals.ParseIntoString</c> (<c>--set-string</c>): every value is a string.</summary>
    public static void ParseIntoString(string s, Dictionary<string, object?> dest, int helmMajor = 4) =>
        Run(new Parser(s, dest, rs => rs, false, false), helmMajor);

    /// <summary><c>strvals.ParseIntoFile</c> (<c>--set-file</c>): each value is a path handed to <paramref name="reader"/>.</summary>
    public static void ParseIntoFile(string s, Dictionary<string, object?> dest, Func<string, object?> reader, int helmMajor = 4) =>
        Run(new Parser(s, dest, reader, false, false), helmMajor);

    /// <summary><c>strvals.ParseJSON</c> (<c>--set-json</c>): values are JSON documents; empty value is null.</summary>
    public static void ParseJson(string s, Dictionary<string, object?> dest, int helmMajor = 4) =>
        Run(new Parser(s, dest, null, true, false), helmMajor);

    /// <summary><c>strvals.ParseLiteralInto</c> (<c>--set-literal</c>): the rest of the line is the string value.</summary>
    public static void ParseLiteralInto(string s, Dictionary<string, object?> dest, int helmMajor = 4) =>
        Run(new Parser(s, dest, null, false, true), helmMajor);

    // The parser recurses per nesting level: it runs on the large-stack worker, so its limits do not depend on the caller's thread.
    private static void Run(Parser parser, int helmMajor) => HelmSharp.Go.StackGuard.Run((parser, helmMajor), static x => x.parser.Parse(x.helmMajor));

    /// <summary><c>strvals.Parse</c>: a fresh map from a <c>--set</c> line.</summary>
    public static Dictionary<string, object?> Parse(string s)
    {
        var d = new Dictionary<string, object?>();
        ParseInto(s, d);
        return d;
    }

    /// <summary>Helm's <c>typedVal</c>: <c>true/false</c> (any case) → bool, <c>null</c> → nil, decimal integers → int64, else string.</summary>
    public static object? TypedVal(string val, bool forceString)
    {
        if (forceString) return val;
        if (val.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (val.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        if (val.Equals("null", StringComparison.OrdinalIgnoreCase)) return null;
        if (val == "0") return 0L;
        if (val.Length != 0 && val[0] != '0' && HelmSharp.Go.GoStrconv.TryParseInt(val, 10, 64, out var iv)) return iv;
        return val;
    }

    internal class StrvalsError(string message) : Exception(message);

    private sealed class Eof : Exception { public static readonly Eof Instance = new(); }

    /// <summary>An index cut off by the end of the text (Go: <c>error parsing index: %w</c> of <c>io.EOF</c>).</summary>
    private sealed class IndexEof() : StrvalsError("error parsing index: EOF");

    /// <summary>Go's type name for a value in an <c>interface conversion</c> panic.</summary>
    internal static string GoTypeName(object? v) => v == null ? "nil" : HelmSharp.Go.GoType.Of(v)?.Name ?? v.GetType().Name;

    private static string ConvPanic(object? v, string want) =>
        "unable to parse key: interface conversion: interface {} is " + GoTypeName(v) + ", not " + want;

    private class Scanner(string s)
    {
        protected readonly string S = s;
        public int Pos;
        private int _lastWidth;

        public bool ReadRune(out int r)
        {
            if (Pos >= S.Length) { r = -1; _lastWidth = 0; return false; }
            char c = S[Pos];
            if (char.IsHighSurrogate(c) && Pos + 1 < S.Length && char.IsLowSurrogate(S[Pos + 1]))
            {
                r = char.ConvertToUtf32(c, S[Pos + 1]); _lastWidth = 2;
            }
            else { r = char.IsSurrogate(c) ? 0xFFFD : c; _lastWidth = 1; }
            Pos += _lastWidth;
            return true;
        }

        public void UnreadRune() { Pos -= _lastWidth; _lastWidth = 0; }

        public string Rest => S.Substring(Pos);

        // runesUntil: returns (value, last, eof)
        public (string v, int last, bool eof) RunesUntil(string stop, bool escapes)
        {
            var sb = new StringBuilder();
            while (true)
            {
                if (!ReadRune(out var r)) return (sb.ToString(), -1, true);
                if (r < 0x10000 && stop.IndexOf((char)r) >= 0) return (sb.ToString(), r, false);
                if (escapes && r == '\\')
                {
                    if (!ReadRune(out var next)) return (sb.ToString(), -1, true);
                    sb.Append(char.ConvertFromUtf32(next));
                    continue;
                }
                sb.Append(char.ConvertFromUtf32(r));
            }
        }
    }

    // fmt %q of a []rune: ['a' 'b']
    private static string QuoteRunes(string k)
    {
        var sb = new StringBuilder("[");
        bool first = true;
        foreach (var r in k.EnumerateRunes())
        {
            if (!first) sb.Append(' ');
            first = false;
            var q = HelmSharp.Go.GoStrconv.Quote(r.ToString());
            var inner = q.Substring(1, q.Length - 2).Replace("\\\"", "\"");
            if (r.Value == '\'') inner = "\\'";
            sb.Append('\'').Append(inner).Append('\'');
        }
        return sb.Append(']').ToString();
    }

    // Go grows its stack; here an absurdly nested line fails cleanly at MaxRecursion levels (the stack probe is only a
    // backstop: the parser runs on the large-stack worker, where the count trips first).
    private static void EnsureDepth(int depth)
    {
        if (depth > MaxRecursion || !HelmSharp.Go.StackGuard.Check())
            throw new StrvalsError($"value name nested level is greater than maximum supported nested level of {MaxNestedNameLevel}");
    }

    private static object?[] SetIndex(object?[] list, int index, object? val)
    {
        if (index < 0) throw new StrvalsError($"negative {index} index not allowed");
        if (index > MaxIndex) throw new StrvalsError($"index of {index} is greater than maximum supported index of {MaxIndex}");
        if (list.Length <= index)
        {
            var nl = new object?[index + 1];
            Array.Copy(list, nl, list.Length);
            list = nl;
        }
        list[index] = val;
        return list;
    }

    private static void Set(Dictionary<string, object?> data, string key, object? val)
    {
        if (key.Length == 0) return;
        data[key] = val;
    }

    private static int Atoi(string s)
    {
        long l;
        try { l = HelmSharp.Go.GoStrconv.Atoi(s); }
        catch (HelmSharp.Go.GoNumError e) { throw new StrvalsError("error parsing index: " + e.Message); }
        if (l > int.MaxValue) throw new StrvalsError($"index of {l} is greater than maximum supported index of {MaxIndex}");
        if (l < int.MinValue) throw new StrvalsError($"negative {l} index not allowed");
        return (int)l;
    }

    /// <summary>
    /// helm's strvals <c>parser</c> (<c>--set</c>, <c>--set-string</c>, <c>--set-file</c>, <c>--set-json</c>) and, with
    /// <paramref name="literal"/>, its <c>literalParser</c> (<c>--set-literal</c>): no escapes, no <c>,</c> separator,
    /// and a value is the rest of the text.
    /// </summary>
    private sealed class Parser(string s, Dictionary<string, object?> data, Func<string, object?>? reader, bool isJson, bool literal) : Scanner(s)
    {
        private readonly bool _escapes = !literal;
        private int _depth; // current recursion of Key and ListItem

        public void Parse(int helmMajor)
        {
            try
            {
                while (true)
                {
                    _depth = 0;
                    Key(data, 0);
                }
            }
            catch (Eof) { }
            // helm 4 ends the line quietly at an index cut off by the end (its parser tests errors.Is(err, io.EOF) and
            // the index error wraps EOF): what was set before stays; helm 3 reports it.
            catch (IndexEof) when (helmMajor >= 4) { }
            catch (StrvalsError e) { throw new ValuesException(e.Message); }
        }

        /// <summary>What <c>=</c> assigns: the rest of the text (literal), a JSON value, a <c>{a,b}</c> list or a scalar.</summary>
        private object? Value(out bool eof)
        {
            eof = false;
            if (literal)
            {
                var rest = Rest; Pos = S.Length;
                return rest;
            }
            if (isJson)
            {
                if (EmptyVal()) return null;
                var v = DecodeJson();
                EmptyVal();
                return v;
            }
            var (vl, state) = ValList();
            switch (state)
            {
                case ListState.Ok: return vl;
                case ListState.Eof: eof = true; return "";
                default:
                    var (rs, _, _) = RunesUntil(",", true);
                    return reader!(rs);
            }
        }

        private int Index()
        {
            var (iv, _, ieof) = RunesUntil("]", _escapes);
            if (ieof) throw new IndexEof();
            return Atoi(iv);
        }

        private void Key(Dictionary<string, object?> data, int nested)
        {
            EnsureDepth(++_depth);
            try { KeyHere(data, nested); }
            finally { _depth--; }
        }

        private void KeyHere(Dictionary<string, object?> data, int nested)
        {
            var (k, last, eof) = RunesUntil(literal ? "=[." : "=[,.", _escapes);
            if (eof)
            {
                if (k.Length == 0) throw Eof.Instance;
                throw new StrvalsError($"key {HelmSharp.Go.GoStrconv.Quote(k)} has no value");
            }
            switch (last)
            {
                case '[':
                {
                    int i = Index();
                    var list = Array.Empty<object?>();
                    if (data.TryGetValue(k, out var existing))
                    {
                        if (existing is object?[] l && existing.GetType() == typeof(object[])) list = l;
                        else throw new StrvalsError(ConvPanic(existing, "[]interface {}"));
                    }
                    try { list = ListItem(list, i, nested, 0); }
                    catch (Exception e) when (e is Eof or IndexEof || (literal && e is StrvalsError)) { Set(data, k, list); throw; }
                    Set(data, k, list);
                    return;
                }
                case '=':
                {
                    var v = Value(out bool atEof);
                    Set(data, k, v);
                    if (atEof) throw Eof.Instance;
                    return;
                }
                case ',':
                    Set(data, k, "");
                    throw new StrvalsError($"key {HelmSharp.Go.GoStrconv.Quote(k)} has no value (cannot end with ,)");
                default: // '.'
                {
                    nested++;
                    if (nested > MaxNestedNameLevel)
                        throw new StrvalsError($"value name nested level is greater than maximum supported nested level of {MaxNestedNameLevel}");
                    var inner = new Dictionary<string, object?>();
                    if (data.TryGetValue(k, out var existing))
                    {
                        if (existing is Dictionary<string, object?> d && existing.GetType() == typeof(Dictionary<string, object?>)) inner = d;
                        else throw new StrvalsError(ConvPanic(existing, "map[string]interface {}"));
                    }
                    try { Key(inner, nested); }
                    catch (Exception e) when (e is Eof or StrvalsError)
                    {
                        if (inner.Count != 0) Set(data, k, inner);
                        throw;
                    }
                    if (inner.Count == 0) throw new StrvalsError($"key map {HelmSharp.Go.GoStrconv.Quote(k)} has no value");
                    Set(data, k, inner);
                    return;
                }
            }
        }

        private object?[] ListItem(object?[] list, int i, int nested, int depth)
        {
            EnsureDepth(++_depth);
            try { return ListItemHere(list, i, nested, depth); }
            finally { _depth--; }
        }

        private object?[] ListItemHere(object?[] list, int i, int nested, int depth)
        {
            if (depth > MaxListNesting)
                throw new StrvalsError($"value name nested level is greater than maximum supported nested level of {MaxNestedNameLevel}");
            if (i < 0) throw new StrvalsError($"negative {i} index not allowed");
            var (k, last, eof) = RunesUntil("[.=", _escapes);
            if (k.Length > 0) throw new StrvalsError("unexpected data at end of array index: " + QuoteRunes(k));
            if (eof) throw Eof.Instance;
            switch (last)
            {
                case '=':
                    return SetIndex(list, i, Value(out _));
                case '[':
                {
                    int nextI = Index();
                    var crt = Array.Empty<object?>();
                    if (list.Length > i && list[i] != null)
                    {
                        if (list[i] is object?[] l && l.GetType() == typeof(object[])) crt = l;
                        else throw new StrvalsError(ConvPanic(list[i], "[]interface {}"));
                    }
                    return SetIndex(list, i, ListItem(crt, nextI, nested, depth + 1));
                }
                default: // '.'
                {
                    var inner = new Dictionary<string, object?>();
                    if (list.Length > i)
                    {
                        if (list[i] is Dictionary<string, object?> d && d.GetType() == typeof(Dictionary<string, object?>)) inner = d;
                        else list[i] = inner;
                    }
                    Key(inner, nested);
                    return SetIndex(list, i, inner);
                }
            }
        }

        private bool EmptyVal()
        {
            while (true)
            {
                if (!ReadRune(out var r)) return true;
                if (r == ',') return true;
                if (!HelmSharp.Go.GoUnicode.IsSpace(r)) { UnreadRune(); return false; }
            }
        }

        private object? DecodeJson()
        {
            var rest = Rest;
            int consumed;
            object? v;
            try { v = HelmSharp.Json.GoJson.DecodeFirst(rest, out consumed); }
            catch (HelmSharp.Json.GoJsonException e) { throw new StrvalsError(e.Message); }
            Pos += consumed;
            return v;
        }

        private enum ListState { Ok, Eof, NotList }

        private (object?[] list, ListState state) ValList()
        {
            if (!ReadRune(out var r)) return (Array.Empty<object?>(), ListState.Eof);
            if (r != '{') { UnreadRune(); return (Array.Empty<object?>(), ListState.NotList); }
            var list = new List<object?>();
            while (true)
            {
                var (rs, last, eof) = RunesUntil(",}", true);
                if (eof) throw new StrvalsError("list must terminate with '}'");
                if (last == '}')
                {
                    if (ReadRune(out var r2) && r2 != ',') UnreadRune();
                    list.Add(reader!(rs));
                    return (list.ToArray(), ListState.Ok);
                }
                list.Add(reader!(rs));
            }
        }
    }
}
