using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HelmSharp.Go;

/// <summary>A Go <c>regexp/syntax</c> parse error (<c>error parsing regexp: CODE: `EXPR`</c>).</summary>
internal sealed class GoRegexpSyntaxException(string code, string expr) : Exception("error parsing regexp: " + code + ": `" + expr + "`")
{
    public string Code { get; } = code;
    public string Expr { get; } = expr;
}

/// <summary>A match that ran past the library's time limit for one regular expression match (Go's RE2 engine is linear and never needs one).</summary>
internal sealed class GoRegexpTimeoutException() : Exception("regexp: match timed out");

/// <summary>
/// Go's <c>regexp</c> (RE2 syntax, Perl flags, leftmost-first matching) on top of .NET's regex
/// engine: the pattern is parsed and validated with Go's rules and error texts, then translated to
/// an equivalent .NET pattern (capture groups are renamed <c>gN</c> so that numbering follows Go). It runs on the
/// backtracking engine under a short time limit and moves to the linear-time <see cref="RegexOptions.NonBacktracking"/>
/// engine when a match runs past it (<see cref="BacktrackFirstRegex"/>): the linear engine costs milliseconds to
/// build, which most expressions a chart uses never need.
/// </summary>
internal sealed class GoRegexp
{
    private static readonly ConcurrentDictionary<string, GoRegexp> s_cache = new(StringComparer.Ordinal);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly BacktrackFirstRegex _regex;
    private readonly int[] _groupNumbers; // Go group i → .NET group number in the backtracking form
    private readonly string _expr;
    // Go's \b/\B are ASCII-only. _regex uses .NET's (Unicode) boundaries, which agree on ASCII input and keep
    // the linear-time engine; non-ASCII input goes to _exact, which spells the ASCII boundary out with
    // lookarounds (backtracking engine, guarded by the match timeout).
    private readonly string? _exactPattern;
    private Regex? _exact;

    /// <summary>Go names of the groups (index 0 is the whole match, "" for unnamed).</summary>
    public string[] SubexpNames { get; }
    /// <summary>The .NET pattern the Go expression was translated to.</summary>
    public string NetPattern { get; }

    private GoRegexp(string expr, string pattern, string[] names, string? exactPattern)
    {
        _expr = expr;
        NetPattern = pattern;
        SubexpNames = names;
        _exactPattern = exactPattern;
        var backtracking = BuildBacktracking(pattern, BacktrackFirstRegex.Slice);
        _regex = new BacktrackFirstRegex(backtracking, () => BuildLinear(pattern));
        _groupNumbers = GroupNumbers(backtracking);
    }

    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private Regex BuildBacktracking(string pattern, TimeSpan timeout)
    {
        try { return new Regex(pattern, Options, timeout); }
        catch (ArgumentException) { throw new GoRegexpSyntaxException("expression too large", _expr); }
    }

    private Regex BuildLinear(string pattern)
    {
        try { return new Regex(pattern, Options | RegexOptions.NonBacktracking, s_timeout); }
        catch (NotSupportedException) { return BuildBacktracking(pattern, s_timeout); }
        catch (ArgumentException) { return BuildBacktracking(pattern, s_timeout); }
    }

    private int[] GroupNumbers(Regex re)
    {
        var res = new int[SubexpNames.Length];
        for (var i = 1; i < res.Length; i++) res[i] = re.GroupNumberFromName("g" + i.ToString(CultureInfo.InvariantCulture));
        return res;
    }

    /// <summary>Runs <paramref name="match"/> on the form of the expression that <paramref name="input"/> needs.</summary>
    private T Run<T>(string input, Func<Regex, T> match)
    {
        try
        {
            if (_exactPattern is null || Ascii.IsValid(input)) return _regex.Run(match);
            // the exact form spells Go's ASCII \b/\B out with lookarounds, which only the backtracking engine runs
            return match(_exact ??= BuildBacktracking(_exactPattern, s_timeout));
        }
        catch (RegexMatchTimeoutException) { throw new GoRegexpTimeoutException(); }
    }

    /// <summary>Go's <c>regexp.Compile</c>; throws <see cref="GoRegexpSyntaxException"/> with Go's error text.</summary>
    public static GoRegexp Compile(string expr)
    {
        if (s_cache.TryGetValue(expr, out var cached)) return cached;
        var tr = new Translator(expr, nativeBoundary: true);
        var (pattern, names) = tr.Translate();
        var exact = tr.UsesBoundary ? new Translator(expr, nativeBoundary: false).Translate().pattern : null;
        var re = new GoRegexp(expr, pattern, names, exact);
        if (s_cache.Count < 4096) s_cache.TryAdd(expr, re);
        return re;
    }

    /// <summary>Go's <c>regexp.MustCompile</c> panic text for <paramref name="expr"/>.</summary>
    public static string MustCompileMessage(string expr, Exception e) => "regexp: Compile(" + QuoteForPanic(expr) + "): " + e.Message;

    private static string QuoteForPanic(string s)
    {
        foreach (var r in s.EnumerateRunes())
        {
            if (r.Value == 0xFEFF || r.Value == 0xFFFD || (r.Value < ' ' && r.Value != '\t') || r.Value == '`' || r.Value == 0x7F)
                return HelmSharp.Go.GoStrconv.Quote(s);
        }
        return "`" + s + "`";
    }

    /// <summary>Go's <c>regexp.QuoteMeta</c>.</summary>
    public static string QuoteMeta(string s)
    {
        var sb = new StringBuilder(s.Length * 2);
        foreach (var c in s)
        {
            if (@"\.+*?()|[]{}^$".Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Group spans of the leftmost-first match at or after <paramref name="pos"/>, or null.</summary>
    private int[]? Execute(string s, int pos) => Run(s, regex => Spans(regex, regex.Match(s, pos)));

    private int[]? Spans(Regex regex, Match m)
    {
        if (!m.Success) return null;
        var res = new int[SubexpNames.Length * 2];
        res[0] = m.Index;
        res[1] = m.Index + m.Length;
        for (var i = 1; i < SubexpNames.Length; i++)
        {
            var g = _regex.IsBacktracking(regex) ? m.Groups[_groupNumbers[i]] : m.Groups["g" + i.ToString(CultureInfo.InvariantCulture)];
            if (g.Success) { res[2 * i] = g.Index; res[2 * i + 1] = g.Index + g.Length; }
            else { res[2 * i] = -1; res[2 * i + 1] = -1; }
        }
        return res;
    }

    private static int RuneWidth(string s, int pos) =>
        pos < s.Length ? (char.IsHighSurrogate(s[pos]) && pos + 1 < s.Length && char.IsLowSurrogate(s[pos + 1]) ? 2 : 1) : 0;

    /// <summary>Go's <c>MatchString</c>.</summary>
    public bool IsMatch(string s) => Run(s, regex => regex.IsMatch(s));

    /// <summary>Go's <c>FindString</c>.</summary>
    public string FindString(string s)
    {
        var m = Execute(s, 0);
        return m is null ? "" : s[m[0]..m[1]];
    }

    /// <summary>Go's <c>allMatches</c> driver (at most <paramref name="n"/> matches, all when negative).</summary>
    private List<int[]> AllMatches(string s, int n)
    {
        var end = s.Length;
        if (n < 0) n = end + 1;
        var res = new List<int[]>();
        for (int pos = 0, i = 0, prevMatchEnd = -1; i < n && pos <= end;)
        {
            var m = Execute(s, pos);
            if (m is null) break;
            var accept = true;
            if (m[1] == pos)
            {
                if (m[0] == prevMatchEnd) accept = false;
                var w = RuneWidth(s, pos);
                pos += w > 0 ? w : end + 1 - pos;
            }
            else pos = m[1];
            prevMatchEnd = m[1];
            if (accept) { res.Add(m); i++; }
        }
        return res;
    }

    /// <summary>Go's <c>FindAllString</c> (empty array where Go returns nil).</summary>
    public string[] FindAllString(string s, int n)
    {
        if (n == 0) return [];
        var ms = AllMatches(s, n);
        var res = new string[ms.Count];
        for (var i = 0; i < res.Length; i++) res[i] = s[ms[i][0]..ms[i][1]];
        return res;
    }

    /// <summary>Go's <c>Split</c>.</summary>
    public string[] Split(string s, int n)
    {
        if (n == 0) return [];
        if (_expr.Length > 0 && s.Length == 0) return [""];
        var matches = AllMatches(s, n);
        var strings = new List<string>(matches.Count + 1);
        int beg = 0, end = 0;
        foreach (var m in matches)
        {
            if (n > 0 && strings.Count == n - 1) break;
            end = m[0];
            if (m[1] != 0) strings.Add(s[beg..end]);
            beg = m[1];
        }
        if (end != s.Length) strings.Add(s[beg..]);
        return strings.ToArray();
    }

    /// <summary>Go's <c>ReplaceAllString</c> (<paramref name="literal"/>: <c>ReplaceAllLiteralString</c>).</summary>
    public string ReplaceAll(string src, string repl, bool literal)
    {
        var sb = new StringBuilder(src.Length);
        var lastMatchEnd = 0;
        var searchPos = 0;
        var end = src.Length;
        while (searchPos <= end)
        {
            var a = Execute(src, searchPos);
            if (a is null) break;
            sb.Append(src, lastMatchEnd, a[0] - lastMatchEnd);
            if (a[1] > lastMatchEnd || a[0] == 0)
            {
                if (literal) sb.Append(repl);
                else Expand(sb, repl, src, a);
            }
            lastMatchEnd = a[1];
            var width = RuneWidth(src, searchPos);
            if (searchPos + width > a[1]) searchPos += width;
            else if (searchPos + 1 > a[1]) searchPos++;
            else searchPos = a[1];
        }
        sb.Append(src, lastMatchEnd, src.Length - lastMatchEnd);
        return sb.ToString();
    }

    /// <summary>Go's <c>Regexp.expand</c>: <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c>, <c>$$</c>.</summary>
    private void Expand(StringBuilder dst, string template, string src, int[] match)
    {
        var t = template.AsSpan();
        while (t.Length > 0)
        {
            var i = t.IndexOf('$');
            if (i < 0) break;
            dst.Append(t[..i]);
            t = t[(i + 1)..];
            if (t.Length > 0 && t[0] == '$') { dst.Append('$'); t = t[1..]; continue; }
            if (!Extract(t, out var name, out var num, out var consumed)) { dst.Append('$'); continue; }
            t = t[consumed..];
            if (num >= 0)
            {
                if (2 * num + 1 < match.Length && match[2 * num] >= 0) dst.Append(src, match[2 * num], match[2 * num + 1] - match[2 * num]);
            }
            else
            {
                for (var k = 0; k < SubexpNames.Length; k++)
                {
                    if (name == SubexpNames[k] && 2 * k + 1 < match.Length && match[2 * k] >= 0)
                    {
                        dst.Append(src, match[2 * k], match[2 * k + 1] - match[2 * k]);
                        break;
                    }
                }
            }
        }
        dst.Append(t);
    }

    private static bool Extract(ReadOnlySpan<char> str, out string name, out int num, out int consumed)
    {
        name = ""; num = 0; consumed = 0;
        if (str.Length == 0) return false;
        var brace = false;
        var off = 0;
        if (str[0] == '{') { brace = true; off = 1; }
        var i = off;
        while (i < str.Length)
        {
            Rune.DecodeFromUtf16(str[i..], out var r, out var size);
            if (!Rune.IsLetter(r) && !Rune.IsDigit(r) && r.Value != '_') break;
            i += size;
        }
        if (i == off) return false;
        name = str[off..i].ToString();
        if (brace)
        {
            if (i >= str.Length || str[i] != '}') return false;
            i++;
        }
        num = 0;
        foreach (var c in name)
        {
            if (c < '0' || c > '9' || num >= 100_000_000) { num = -1; break; }
            num = num * 10 + (c - '0');
        }
        if (name[0] == '0' && name.Length > 1) num = -1;
        consumed = i;
        return true;
    }

    // ------------------------------------------------------------------ translation

    private sealed class Translator(string expr, bool nativeBoundary)
    {
        public bool UsesBoundary { get; private set; }

        private const int FoldCase = 1, OneLine = 2, DotNL = 4, NonGreedy = 8;
        private const int MaxRepeat = 1000, MaxHeight = 1000;

        private const string SurrogatePair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";
        private const string AsciiWord = "[0-9A-Za-z_]";

        private sealed class Item
        {
            public required string Text;
            public int MinN;
            public bool Quantified;
        }

        private sealed class Frame
        {
            public readonly List<Item> Items = new();
            public readonly List<string> Alternatives = new();
            public int AltMinN;
            public int SavedFlags;
            public int Cap; // >0 capturing, 0 non-capturing, -1 top level
        }

        private readonly string _s = expr;
        private int _flags = OneLine;
        private int _numCap;
        private readonly List<string> _names = [""];

        public (string pattern, string[] names) Translate()
        {
            var stack = new List<Frame> { new() { Cap = -1 } };
            var t = 0;
            var lastRepeat = -1; // start index of the previous repetition operator, -1 when the last token was not one
            while (t < _s.Length)
            {
                var repeat = -1;
                var top = stack[^1];
                var c = _s[t];
                switch (c)
                {
                    case '(':
                        if (t + 1 < _s.Length && _s[t + 1] == '?')
                        {
                            t = ParsePerlFlags(t, stack);
                            break;
                        }
                        _numCap++;
                        _names.Add("");
                        PushFrame(stack, _numCap);
                        t++;
                        break;
                    case '|':
                        EndAlternative(top);
                        t++;
                        break;
                    case ')':
                        if (stack.Count < 2) throw new GoRegexpSyntaxException("unexpected )", _s);
                        CloseFrame(stack);
                        t++;
                        break;
                    case '^':
                        Add(top, (_flags & OneLine) != 0 ? @"(?:\A)" : "(?m:^)");
                        t++;
                        break;
                    case '$':
                        Add(top, (_flags & OneLine) != 0 ? @"(?:\z)" : "(?m:$)");
                        t++;
                        break;
                    case '.':
                        Add(top, (_flags & DotNL) != 0 ? "(?:" + SurrogatePair + @"|[\s\S])" : "(?:" + SurrogatePair + @"|[^\n])");
                        t++;
                        break;
                    case '[':
                        t = ParseClass(t, top);
                        break;
                    case '*':
                    case '+':
                    case '?':
                        {
                            var before = t;
                            var after = t + 1;
                            after = Repeat(top, c.ToString(), -2, -2, before, after, lastRepeat);
                            repeat = before;
                            t = after;
                            break;
                        }
                    case '{':
                        {
                            var before = t;
                            if (!ParseRepeat(t, out var min, out var max, out var after))
                            {
                                AddLiteral(top, '{');
                                t++;
                                break;
                            }
                            if (min < 0 || min > MaxRepeat || max > MaxRepeat || max >= 0 && min > max)
                                throw new GoRegexpSyntaxException("invalid repeat count", _s[before..after]);
                            after = Repeat(top, null, min, max, before, after, lastRepeat);
                            repeat = before;
                            t = after;
                            break;
                        }
                    case '\\':
                        t = ParseBackslash(t, top);
                        break;
                    default:
                        {
                            var r = NextRune(t, out var w);
                            AddLiteral(top, r);
                            t += w;
                            break;
                        }
                }
                lastRepeat = repeat;
            }
            if (stack.Count > 1) throw new GoRegexpSyntaxException("missing closing )", _s);
            var root = stack[0];
            EndAlternative(root);
            return (string.Join("|", root.Alternatives), _names.ToArray());
        }

        private int NextRune(int t, out int width)
        {
            if (char.IsHighSurrogate(_s[t]) && t + 1 < _s.Length && char.IsLowSurrogate(_s[t + 1]))
            {
                width = 2;
                return char.ConvertToUtf32(_s[t], _s[t + 1]);
            }
            width = 1;
            return _s[t];
        }

        private void PushFrame(List<Frame> stack, int cap)
        {
            if (stack.Count > MaxHeight) throw new GoRegexpSyntaxException("expression nests too deeply", _s);
            stack.Add(new Frame { Cap = cap, SavedFlags = _flags });
        }

        private static void EndAlternative(Frame f)
        {
            var sb = new StringBuilder();
            foreach (var it in f.Items)
            {
                sb.Append(it.Text);
                if (it.MinN > f.AltMinN) f.AltMinN = it.MinN;
            }
            f.Alternatives.Add(sb.ToString());
            f.Items.Clear();
        }

        private void CloseFrame(List<Frame> stack)
        {
            var f = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            EndAlternative(f);
            _flags = f.SavedFlags;
            var body = string.Join("|", f.Alternatives);
            var text = f.Cap > 0 ? "(?<g" + f.Cap.ToString(CultureInfo.InvariantCulture) + ">" + body + ")" : "(?:" + body + ")";
            stack[^1].Items.Add(new Item { Text = text, MinN = f.AltMinN });
        }

        private static void Add(Frame f, string text) => f.Items.Add(new Item { Text = text });

        private void AddLiteral(Frame f, int r)
        {
            var lit = EscapeRune(r);
            if ((_flags & FoldCase) != 0 && HasCase(r)) lit = "(?i:" + lit + ")";
            else if (r > 0xFFFF) lit = "(?:" + lit + ")";
            Add(f, lit);
        }

        private static bool HasCase(int r)
        {
            if (r < 0x80) return r is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
            if (r > 0x10FFFF || r is >= 0xD800 and <= 0xDFFF) return false;
            var rune = new Rune(r);
            return Rune.ToUpperInvariant(rune) != rune || Rune.ToLowerInvariant(rune) != rune || r is 0x212A or 0x17F or 0x212B;
        }

        private static string EscapeRune(int r)
        {
            if (r < 0x80 && (char.IsAsciiLetterOrDigit((char)r) || r == '_')) return ((char)r).ToString();
            if (r <= 0xFFFF) return "\\u" + r.ToString("X4", CultureInfo.InvariantCulture);
            var s = char.ConvertFromUtf32(r);
            return "\\u" + ((int)s[0]).ToString("X4", CultureInfo.InvariantCulture) + "\\u" + ((int)s[1]).ToString("X4", CultureInfo.InvariantCulture);
        }

        private int Repeat(Frame top, string? op, int min, int max, int before, int after, int lastRepeat)
        {
            var flags = _flags;
            if (after < _s.Length && _s[after] == '?')
            {
                after++;
                flags ^= NonGreedy;
            }
            if (lastRepeat >= 0) throw new GoRegexpSyntaxException("invalid nested repetition operator", _s[lastRepeat..after]);
            if (top.Items.Count == 0) throw new GoRegexpSyntaxException("missing argument to repetition operator", _s[before..after]);
            var sub = top.Items[^1];
            var text = sub.Quantified ? "(?:" + sub.Text + ")" : sub.Text;
            var minN = sub.MinN;
            if (op is null)
            {
                text += max == -1 ? "{" + min.ToString(CultureInfo.InvariantCulture) + ",}"
                    : min == max ? "{" + min.ToString(CultureInfo.InvariantCulture) + "}"
                    : "{" + min.ToString(CultureInfo.InvariantCulture) + "," + max.ToString(CultureInfo.InvariantCulture) + "}";
                var m = max == 0 ? 0 : max < 0 ? min : max;
                minN = m == 0 ? 0 : Math.Max(m, (int)Math.Min(int.MaxValue, (long)m * Math.Max(minN, 0)));
                if ((min >= 2 || max >= 2) && minN > MaxRepeat)
                    throw new GoRegexpSyntaxException("invalid repeat count", _s[before..after]);
            }
            else text += op;
            if ((flags & NonGreedy) != 0) text += "?";
            top.Items[^1] = new Item { Text = text, MinN = minN, Quantified = true };
            return after;
        }

        // Go's parseRepeat: {n}, {n,}, {n,m}; false when it is not a repeat (then '{' is a literal).
        private bool ParseRepeat(int t, out int min, out int max, out int after)
        {
            min = max = -1;
            after = t;
            var i = t + 1;
            if (!ParseInt(ref i, out min)) return false;
            if (i >= _s.Length) return false;
            if (_s[i] != ',') max = min;
            else
            {
                i++;
                if (i >= _s.Length) return false;
                if (_s[i] == '}') max = -1;
                else if (!ParseInt(ref i, out max)) return false;
                else if (max < 0) { min = -1; }
            }
            if (i >= _s.Length || _s[i] != '}') return false;
            after = i + 1;
            return true;
        }

        private bool ParseInt(ref int i, out int n)
        {
            n = 0;
            if (i >= _s.Length || _s[i] < '0' || _s[i] > '9') return false;
            if (i + 1 < _s.Length && _s[i] == '0' && _s[i + 1] is >= '0' and <= '9') return false; // no leading zeros
            var start = i;
            while (i < _s.Length && _s[i] is >= '0' and <= '9') i++;
            if (i - start >= 8) n = -1; // out of range → invalid repeat count
            else n = int.Parse(_s.AsSpan(start, i - start), CultureInfo.InvariantCulture);
            return true;
        }

        private int ParsePerlFlags(int start, List<Frame> stack)
        {
            var rest = _s.Length - start;
            var startsWithP = rest > 4 && _s[start + 2] == 'P' && _s[start + 3] == '<';
            var startsWithName = rest > 3 && _s[start + 2] == '<';
            if (startsWithP || startsWithName)
            {
                var exprStart = start + (startsWithP ? 4 : 3);
                var end = _s.IndexOf('>', start);
                if (end < 0) throw new GoRegexpSyntaxException("invalid named capture", _s[start..]);
                var capture = _s[start..(end + 1)];
                var name = _s[exprStart..end];
                if (name.Length == 0) throw new GoRegexpSyntaxException("invalid named capture", capture);
                foreach (var ch in name)
                    if (ch != '_' && !char.IsAsciiLetterOrDigit(ch)) throw new GoRegexpSyntaxException("invalid named capture", capture);
                _numCap++;
                _names.Add(name);
                PushFrame(stack, _numCap);
                return end + 1;
            }
            var t = start + 2;
            var flags = _flags;
            var sign = 1;
            var sawFlag = false;
            while (t < _s.Length)
            {
                var c = NextRune(t, out var w);
                t += w;
                switch (c)
                {
                    case 'i': flags |= FoldCase; sawFlag = true; continue;
                    case 'm': flags &= ~OneLine; sawFlag = true; continue;
                    case 's': flags |= DotNL; sawFlag = true; continue;
                    case 'U': flags |= NonGreedy; sawFlag = true; continue;
                    case '-':
                        if (sign < 0) break;
                        sign = -1;
                        flags = ~flags;
                        sawFlag = false;
                        continue;
                    case ':':
                    case ')':
                        if (sign < 0)
                        {
                            if (!sawFlag) break;
                            flags = ~flags;
                        }
                        if (c == ':') PushFrame(stack, 0);
                        _flags = flags;
                        return t;
                }
                break;
            }
            throw new GoRegexpSyntaxException("invalid or unsupported Perl syntax", _s[start..t]);
        }

        private int ParseBackslash(int t, Frame top)
        {
            if (t + 1 < _s.Length)
            {
                switch (_s[t + 1])
                {
                    case 'A': Add(top, @"(?:\A)"); return t + 2;
                    // Go's \b is ASCII-only; .NET's is Unicode-aware, so spell it out (this needs the backtracking engine)
                    case 'b' when nativeBoundary: UsesBoundary = true; Add(top, @"(?:\b)"); return t + 2;
                    case 'B' when nativeBoundary: UsesBoundary = true; Add(top, @"(?:\B)"); return t + 2;
                    case 'b': Add(top, "(?:(?<=" + AsciiWord + ")(?!" + AsciiWord + ")|(?<!" + AsciiWord + ")(?=" + AsciiWord + "))"); return t + 2;
                    case 'B': Add(top, "(?:(?<=" + AsciiWord + ")(?=" + AsciiWord + ")|(?<!" + AsciiWord + ")(?!" + AsciiWord + "))"); return t + 2;
                    case 'C': throw new GoRegexpSyntaxException("invalid escape sequence", _s[t..(t + 2)]);
                    case 'Q':
                        {
                            var end = _s.IndexOf(@"\E", t + 2, StringComparison.Ordinal);
                            var lit = end < 0 ? _s[(t + 2)..] : _s[(t + 2)..end];
                            foreach (var r in lit.EnumerateRunes()) AddLiteral(top, r.Value);
                            return end < 0 ? _s.Length : end + 2;
                        }
                    case 'z': Add(top, @"(?:\z)"); return t + 2;
                }
            }
            var cls = new List<string>();
            if (t + 1 < _s.Length && _s[t + 1] is 'p' or 'P')
            {
                var after = ParseUnicodeClass(t, cls);
                if (after > 0) { AddClass(top, cls, false); return after; }
            }
            var pe = ParsePerlClassEscape(t, cls);
            if (pe > 0) { AddClass(top, cls, false); return pe; }
            var rr = ParseEscape(t, out var next);
            AddLiteral(top, rr);
            return next;
        }

        private readonly List<(int lo, int hi)> _astral = new();

        private void AddClass(Frame top, List<string> tokens, bool negate)
        {
            var body = string.Concat(tokens);
            var text = "[" + (negate ? "^" : "") + body + "]";
            if (body.Length == 0) text = negate ? @"[\s\S]" : @"[^\s\S]";
            if (negate && _astral.Count == 0) text = "(?:" + SurrogatePair + "|" + text + ")";
            else if (!negate && _astral.Count > 0)
            {
                var alts = new List<string>();
                foreach (var (lo, hi) in _astral) AstralAlternatives(lo, hi, alts);
                if (body.Length > 0) alts.Add(text);
                text = "(?:" + string.Join("|", alts) + ")";
            }
            _astral.Clear();
            if ((_flags & FoldCase) != 0) text = "(?i:" + text + ")";
            Add(top, text);
        }

        // .NET classes hold UTF-16 units: the astral part of a range is matched as surrogate pairs (see AddClass).
        private string Range(int lo, int hi)
        {
            if (hi > 0xFFFF) _astral.Add((Math.Max(lo, 0x10000), hi));
            if (lo > 0xFFFF) return "";
            if (hi > 0xFFFF) hi = 0xFFFF;
            return lo == hi ? EscapeRune(lo) : EscapeRune(lo) + "-" + EscapeRune(hi);
        }

        private static void AstralAlternatives(int lo, int hi, List<string> alts)
        {
            static string U(int c) => "\\u" + c.ToString("X4", CultureInfo.InvariantCulture);
            var loS = char.ConvertFromUtf32(lo);
            var hiS = char.ConvertFromUtf32(hi);
            int h1 = loS[0], l1 = loS[1], h2 = hiS[0], l2 = hiS[1];
            if (h1 == h2) { alts.Add(U(h1) + "[" + U(l1) + "-" + U(l2) + "]"); return; }
            alts.Add(U(h1) + "[" + U(l1) + "-\\uDFFF]");
            if (h2 - h1 > 1) alts.Add("[" + U(h1 + 1) + "-" + U(h2 - 1) + "][\\uDC00-\\uDFFF]");
            alts.Add(U(h2) + "[\\uDC00-" + U(l2) + "]");
        }

        private static readonly Dictionary<string, (int lo, int hi)[]> s_posix = new(StringComparer.Ordinal)
        {
            ["alnum"] = [('0', '9'), ('A', 'Z'), ('a', 'z')],
            ["alpha"] = [('A', 'Z'), ('a', 'z')],
            ["ascii"] = [(0, 0x7F)],
            ["blank"] = [('\t', '\t'), (' ', ' ')],
            ["cntrl"] = [(0, 0x1F), (0x7F, 0x7F)],
            ["digit"] = [('0', '9')],
            ["graph"] = [('!', '~')],
            ["lower"] = [('a', 'z')],
            ["print"] = [(' ', '~')],
            ["punct"] = [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
            ["space"] = [('\t', '\r'), (' ', ' ')],
            ["upper"] = [('A', 'Z')],
            ["word"] = [('0', '9'), ('A', 'Z'), ('a', 'z'), ('_', '_')],
            ["xdigit"] = [('0', '9'), ('A', 'F'), ('a', 'f')],
        };

        private static readonly Dictionary<char, (int lo, int hi)[]> s_perl = new()
        {
            ['d'] = [('0', '9')],
            ['s'] = [('\t', '\n'), ('\f', '\r'), (' ', ' ')],
            ['w'] = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
        };

        private void AppendRanges(List<string> cls, (int lo, int hi)[] ranges, bool negate)
        {
            if (!negate)
            {
                foreach (var (lo, hi) in ranges) cls.Add(Range(lo, hi));
                return;
            }
            var next = 0;
            foreach (var (lo, hi) in ranges.OrderBy(x => x.lo))
            {
                if (lo > next) cls.Add(Range(next, lo - 1));
                next = hi + 1;
            }
            if (next <= 0x10FFFF) cls.Add(Range(next, 0x10FFFF));
        }

        private int ParsePerlClassEscape(int t, List<string> cls)
        {
            if (t + 1 >= _s.Length || _s[t] != '\\') return 0;
            var c = _s[t + 1];
            var lower = char.ToLowerInvariant(c);
            if (!s_perl.TryGetValue(lower, out var ranges) || c is not ('d' or 'D' or 's' or 'S' or 'w' or 'W')) return 0;
            AppendRanges(cls, ranges, char.IsUpper(c));
            return t + 2;
        }

        private static readonly HashSet<string> s_categories = new(StringComparer.Ordinal)
        {
            "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
            "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps",
            "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
        };

        private static readonly Dictionary<string, string> s_scripts = new(StringComparer.Ordinal)
        {
            ["Latin"] = @"\u0041-\u005A\u0061-\u007A\u00AA\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02B8\u02E0-\u02E4\u1D00-\u1D25\u1D2C-\u1D5C\u1D62-\u1D65\u1D6B-\u1D77\u1D79-\u1DBE\u1E00-\u1EFF\u2071\u207F\u2090-\u209C\u212A\u212B\u2132\u214E\u2160-\u2188\u2C60-\u2C7F\uA722-\uA787\uA78B-\uA7FF\uAB30-\uAB5A\uAB5C-\uAB64\uFB00-\uFB06\uFF21-\uFF3A\uFF41-\uFF5A",
            ["Greek"] = @"\p{IsGreekandCoptic}\p{IsGreekExtended}",
            ["Cyrillic"] = @"\p{IsCyrillic}\p{IsCyrillicSupplement}",
            ["Han"] = @"\p{IsCJKUnifiedIdeographs}\p{IsCJKUnifiedIdeographsExtensionA}\p{IsCJKCompatibilityIdeographs}\u3005\u3007\u3021-\u3029\u3038-\u303B",
            ["Hiragana"] = @"\u3041-\u3096\u309D-\u309F",
            ["Katakana"] = @"\u30A1-\u30FA\u30FD-\u30FF\u31F0-\u31FF\u32D0-\u32FE\u3300-\u3357\uFF66-\uFF6F\uFF71-\uFF9D",
            ["Hangul"] = @"\p{IsHangulJamo}\p{IsHangulCompatibilityJamo}\p{IsHangulSyllables}",
            ["Arabic"] = @"\p{IsArabic}\p{IsArabicPresentationForms-A}\p{IsArabicPresentationForms-B}",
            ["Hebrew"] = @"\p{IsHebrew}",
            ["Thai"] = @"\p{IsThai}",
            ["Armenian"] = @"\p{IsArmenian}",
            ["Georgian"] = @"\p{IsGeorgian}",
            ["Devanagari"] = @"\p{IsDevanagari}",
        };

        // Go's parseUnicodeClass: \pL, \p{Name}, \p{^Name}, \PL. Returns 0 when not a Unicode class.
        private int ParseUnicodeClass(int t, List<string> cls)
        {
            var sign = _s[t + 1] == 'P' ? -1 : 1;
            var p = t + 2;
            if (p >= _s.Length) throw new GoRegexpSyntaxException("invalid character class range", _s[t..]);
            string seq, name;
            var c = NextRune(p, out var w);
            int after;
            if (c != '{')
            {
                after = p + w;
                seq = _s[t..after];
                name = seq[2..];
            }
            else
            {
                var end = _s.IndexOf('}', t);
                if (end < 0) throw new GoRegexpSyntaxException("invalid character class range", _s[t..]);
                after = end + 1;
                seq = _s[t..after];
                name = _s[(t + 3)..end];
            }
            if (name.Length > 0 && name[0] == '^') { sign = -sign; name = name[1..]; }
            string body;
            if (name == "Any") body = @"\u0000-\uFFFF";
            else if (s_categories.Contains(name)) body = @"\p{" + name + "}";
            else if (s_scripts.TryGetValue(name, out var sc)) body = sc;
            else throw new GoRegexpSyntaxException("invalid character class range", seq);
            if (sign > 0) cls.Add(body);
            else if (name is not "Any" && s_categories.Contains(name)) cls.Add(@"\P{" + name + "}");
            else cls.Add("-[" + body + "]"); // class subtraction (only valid as the last token; see AddClassToken)
            return after;
        }

        // Go's parseEscape (returns the rune; next = index after the escape).
        private int ParseEscape(int t, out int next)
        {
            var p = t + 1;
            if (p >= _s.Length) throw new GoRegexpSyntaxException("trailing backslash at end of expression", "");
            var c = NextRune(p, out var w);
            p += w;
            switch (c)
            {
                case >= '1' and <= '7':
                    if (p >= _s.Length || _s[p] < '0' || _s[p] > '7') break;
                    goto case '0';
                case '0':
                    {
                        var r = c - '0';
                        for (var i = 1; i < 3; i++)
                        {
                            if (p >= _s.Length || _s[p] < '0' || _s[p] > '7') break;
                            r = r * 8 + _s[p] - '0';
                            p++;
                        }
                        next = p;
                        return r;
                    }
                case 'x':
                    {
                        if (p >= _s.Length) break;
                        var c2 = NextRune(p, out var w2);
                        p += w2;
                        if (c2 == '{')
                        {
                            var nhex = 0;
                            var r = 0;
                            var ok = false;
                            while (true)
                            {
                                if (p >= _s.Length) break;
                                var c3 = NextRune(p, out var w3);
                                p += w3;
                                if (c3 == '}') { ok = true; break; }
                                var v = Unhex(c3);
                                if (v < 0) break;
                                r = r * 16 + v;
                                if (r > 0x10FFFF) break;
                                nhex++;
                            }
                            if (!ok || nhex == 0) break;
                            next = p;
                            return r;
                        }
                        var x = Unhex(c2);
                        var y = -1;
                        if (p < _s.Length) { var c4 = NextRune(p, out var w4); p += w4; y = Unhex(c4); }
                        if (x < 0 || y < 0) break;
                        next = p;
                        return x * 16 + y;
                    }
                case 'a': next = p; return '\a';
                case 'f': next = p; return '\f';
                case 'n': next = p; return '\n';
                case 'r': next = p; return '\r';
                case 't': next = p; return '\t';
                case 'v': next = p; return '\v';
                default:
                    if (c < 0x80 && !char.IsAsciiLetterOrDigit((char)c)) { next = p; return c; }
                    break;
            }
            throw new GoRegexpSyntaxException("invalid escape sequence", _s[t..p]);
        }

        private static int Unhex(int c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

        // Go's parseClass.
        private int ParseClass(int start, Frame top)
        {
            var t = start + 1;
            var negate = false;
            if (t < _s.Length && _s[t] == '^') { negate = true; t++; }
            var cls = new List<string>();
            var subtractions = new List<string>();
            var first = true;
            while (t >= _s.Length || _s[t] != ']' || first)
            {
                first = false;
                if (t + 2 < _s.Length && _s[t] == '[' && _s[t + 1] == ':')
                {
                    var end = _s.IndexOf(":]", t + 2, StringComparison.Ordinal);
                    if (end >= 0)
                    {
                        var whole = _s[t..(end + 2)];
                        var nm = _s[(t + 2)..end];
                        var neg = nm.StartsWith('^');
                        if (neg) nm = nm[1..];
                        if (!s_posix.TryGetValue(nm, out var pr)) throw new GoRegexpSyntaxException("invalid character class range", whole);
                        AppendRanges(cls, pr, neg);
                        t = end + 2;
                        continue;
                    }
                }
                if (t + 1 < _s.Length && _s[t] == '\\' && _s[t + 1] is 'p' or 'P')
                {
                    var tmp = new List<string>();
                    var after = ParseUnicodeClass(t, tmp);
                    foreach (var tok in tmp)
                    {
                        if (tok.StartsWith("-[", StringComparison.Ordinal)) subtractions.Add(tok[2..^1]);
                        else cls.Add(tok);
                    }
                    t = after;
                    continue;
                }
                var pe = ParsePerlClassEscape(t, cls);
                if (pe > 0) { t = pe; continue; }
                var rngStart = t;
                var lo = ParseClassChar(ref t, start);
                var hi = lo;
                if (t + 1 < _s.Length && _s[t] == '-' && _s[t + 1] != ']')
                {
                    t++;
                    hi = ParseClassChar(ref t, start);
                    if (hi < lo) throw new GoRegexpSyntaxException("invalid character class range", _s[rngStart..t]);
                }
                cls.Add(Range(lo, hi));
            }
            t++;
            if (subtractions.Count > 0)
            {
                // Go: union of the listed parts; .NET can only express "everything but X" per part: use alternation.
                var alts = new List<string>();
                if (cls.Count > 0) alts.Add("[" + string.Concat(cls) + "]");
                foreach (var sub in subtractions) alts.Add("[^" + sub + "]");
                var text = "(?:" + string.Join("|", alts) + ")";
                if (negate) text = "(?:(?!" + text + ")[\\s\\S])";
                if ((_flags & FoldCase) != 0) text = "(?i:" + text + ")";
                _astral.Clear();
                Add(top, text);
            }
            else AddClass(top, cls, negate);
            return t;
        }

        private int ParseClassChar(ref int t, int classStart)
        {
            if (t >= _s.Length) throw new GoRegexpSyntaxException("missing closing ]", _s[classStart..]);
            if (_s[t] == '\\')
            {
                var r = ParseEscape(t, out var next);
                t = next;
                return r;
            }
            var c = NextRune(t, out var w);
            t += w;
            return c;
        }
    }
}
