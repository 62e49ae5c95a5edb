using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HelmSharp.Go;
using HelmSharp.Sprig;
using HelmSharp.Template.Functions;
using HelmSharp.Tests.Conformance;

namespace HelmSharp.Tests.Sprig;

/// <summary>A function context with a fixed clock and a selectable Helm major.</summary>
internal sealed class FnContext : IFunctionContext
{
    public FnContext(TimeProvider? clock = null, int helmMajor = 4) { Clock = clock ?? TimeProvider.System; HelmVersion = (HelmVersion)HelmVersions.CheckMajor(helmMajor); }
    public TimeProvider Clock { get; }
    public CancellationToken CancellationToken => default;
    public HelmVersion HelmVersion { get; }
    public string ExecuteTemplate(string name, object? data) => throw new NotSupportedException();
    public string ParseAndExecute(string name, string text, object? data) => throw new NotSupportedException();
    public IDictionary<string, object?> RenderState { get; } = new Dictionary<string, object?>();
}

/// <summary>A clock frozen at one instant.</summary>
internal sealed class FixedClock : TimeProvider
{
    private readonly DateTimeOffset _now;
    public FixedClock(DateTimeOffset now) { _now = now; }
    public override DateTimeOffset GetUtcNow() => _now;
}

/// <summary>
/// Calls Sprig functions from a registry, plus a tiny evaluator for single template actions made of
/// function calls and literals (<c>upper (trim " x ")</c>, <c>"a" | quote</c>) so that a test can run
/// the very template text of a case in testdata/cases that was run through helm (<see cref="HelmRows"/>).
/// Results print the way Go's <c>%v</c> prints the value kinds that occur in these tests.
/// </summary>
internal static class SprigHarness
{
    public static readonly FunctionRegistry Registry = SprigLibrary.RegisterAll(new FunctionRegistry()).Freeze();

    /// <summary>Calls a registered function's body directly (no executor: arguments must already have the parameter types).</summary>
    public static object? Call(IFunctionContext ctx, string name, params object?[] args)
    {
        if (!Registry.TryGet(name, out var f)) throw new InvalidOperationException("no function " + name);
        return f.Body(ctx, args);
    }

    public static object? Call(string name, params object?[] args) => Call(new FnContext(), name, args);

    /// <summary>Evaluates a pipeline and prints it like a template action would (errors print as <c>ERR: text</c>).</summary>
    public static string Render(string pipeline, int helmMajor = 4, Dictionary<string, object?>? vars = null)
    {
        try
        {
            var p = new Parser(pipeline, vars ?? new(), new FnContext(null, helmMajor));
            var v = p.Pipeline();
            // What helm printed: the Go string's bytes (GoUtf8: invalid bytes are surrogate-escaped)
            // read back as UTF-8, so an invalid byte shows as U+FFFD.
            return v is null ? "<no value>" : Encoding.UTF8.GetString(GoUtf8.GetBytes(Print(v)));
        }
        catch (GoFunctionException e) { return "ERR: " + e.Message; }
    }

    /// <summary>One case of testdata/cases: its single action and helm's result per major, as <see cref="Render"/> prints it.</summary>
    public sealed record HelmRow(string File, string Case, string Action, IReadOnlyDictionary<int, string> Expected);

    private static readonly Regex SingleAction = new(@"\A\{\{ (.*) \}\}\z", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private const string Str = @"""(?:[^""\\]|\\.)*""";
    private static readonly Regex LiteralCall = new(
        @"\A[A-Za-z_][A-Za-z0-9_]*(?: +(?:" + Str + @"|-?[0-9]+(?:\.[0-9]*)?|nil|\(int64 -?[0-9]+\)|\(mustToDate " + Str + " " + Str + @"\)))*\z",
        RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static readonly Regex ErrorCalling = new(@">: error calling [A-Za-z0-9_]+: ", RegexOptions.CultureInvariant);

    /// <summary>
    /// The cases of <paramref name="file"/> (relative to testdata/cases, or a full path to a case file elsewhere) whose template is one action <c>{{ X }}</c> (no values, files or
    /// args), except known deviations, with helm's result for each major: the action's output, or <c>ERR: m</c> for
    /// helm's <c>error calling NAME: m</c>; a case whose helm result is neither (a parse error, a wrong argument count)
    /// has no entry for that major. With <paramref name="literalCallsOnly"/>, only one function call whose arguments
    /// are literals (strings, numbers, nil, <c>(int64 N)</c>, <c>(mustToDate "layout" "value")</c>).
    /// </summary>
    public static IEnumerable<HelmRow> HelmRows(string file, bool literalCallsOnly = false)
    {
        var deviations = ConformanceTests.KnownDeviations();
        var expected = Corpus.LoadExpected(file);
        foreach (var spec in Corpus.LoadSpecs(file))
        {
            if (spec.Values != null || spec.Files.Count > 0 || spec.Args.Count > 0 || deviations.ContainsKey((file, spec.Name))) continue;
            var m = SingleAction.Match(spec.Template);
            if (!m.Success || m.Groups[1].Value.Contains("{{", StringComparison.Ordinal)) continue;
            var action = m.Groups[1].Value;
            if (literalCallsOnly && !LiteralCall.IsMatch(action)) continue;
            if (!expected.TryGetValue(spec.Name, out var perMajor))
                throw new InvalidOperationException($"{spec}: no expectation (regenerate with scripts/regen-cases.py, or scripts/gen-semver-cases.py for the matrix)");
            var rows = new Dictionary<int, string>();
            foreach (var (major, result) in perMajor)
                if (Printed(result) is { } text) rows[major] = text;
            yield return new HelmRow(file, spec.Name, action, rows);
        }
    }

    /// <summary>What the harness prints for helm's result: the decoded output (invalid UTF-8 as U+FFFD), or <c>ERR: m</c>.</summary>
    private static string? Printed(ExpectedResult r)
    {
        if (r.TimedOut) return null;
        if (r.Exit == 0)
            return Corpus.OutputBytes(r.Stdout) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        const string debugHint = "\n\nUse --debug flag to render out invalid YAML\n";
        var err = r.Stderr.EndsWith(debugHint, StringComparison.Ordinal) ? r.Stderr[..^debugHint.Length] : r.Stderr.TrimEnd('\n');
        int at = err.IndexOf("executing \"case/templates/_case.tpl\" at <", StringComparison.Ordinal);
        if (at < 0) return null;
        var call = ErrorCalling.Match(err, at);
        return call.Success ? "ERR: " + err[(call.Index + call.Length)..] : null;
    }

    private sealed class Parser(string s, Dictionary<string, object?> vars, IFunctionContext ctx)
    {
        private int _i;

        public object? Pipeline()
        {
            object? last = null;
            var first = true;
            while (true)
            {
                last = Command(first ? null : new[] { last });
                first = false;
                Skip();
                if (_i < s.Length && s[_i] == '|') { _i++; continue; }
                if (_i < s.Length && s[_i] == ')') return last;
                if (_i >= s.Length) return last;
                throw new FormatException("junk at " + _i + " in " + s);
            }
        }

        private void Skip() { while (_i < s.Length && s[_i] == ' ') _i++; }

        private object? Command(object?[]? piped)
        {
            Skip();
            var start = _i;
            if (_i < s.Length && char.IsLetter(s[_i]))
            {
                while (_i < s.Length && (char.IsLetterOrDigit(s[_i]) || s[_i] == '_')) _i++;
                var name = s[start.._i];
                if (name is "true" or "false") return name == "true";
                if (name == "nil") return null;
                var args = new List<(object? v, bool lit)>();
                while (true)
                {
                    Skip();
                    if (_i >= s.Length || s[_i] is '|' or ')') break;
                    args.Add(Operand());
                }
                if (piped is not null) args.Add((piped[0], false));
                return Invoke(name, args);
            }
            return Operand().v;
        }

        private (object? v, bool lit) Operand()
        {
            Skip();
            var c = s[_i];
            if (c == '(')
            {
                _i++;
                var v = Pipeline();
                Skip();
                _i++; // )
                while (_i < s.Length && s[_i] == '.')
                {
                    var st = ++_i;
                    while (_i < s.Length && (char.IsLetterOrDigit(s[_i]) || s[_i] == '_')) _i++;
                    v = v is IDictionary d ? d[s[st.._i]] : throw new FormatException("field of non-map");
                }
                return (v, false);
            }
            if (c == '$')
            {
                var st = _i++;
                while (_i < s.Length && char.IsLetterOrDigit(s[_i])) _i++;
                return (vars[s[st.._i]], false);
            }
            if (c == '"')
            {
                var sb = new StringBuilder();
                _i++;
                while (s[_i] != '"')
                {
                    if (s[_i] == '\\')
                    {
                        _i++;
                        var e = s[_i++];
                        switch (e)
                        {
                            case 'n': sb.Append('\n'); break;
                            case 't': sb.Append('\t'); break;
                            case 'r': sb.Append('\r'); break;
                            case 'u': sb.Append((char)int.Parse(s.AsSpan(_i, 4), NumberStyles.HexNumber)); _i += 4; break;
                            case 'x': sb.Append((char)int.Parse(s.AsSpan(_i, 2), NumberStyles.HexNumber)); _i += 2; break;
                            default: sb.Append(e); break;
                        }
                    }
                    else sb.Append(s[_i++]);
                }
                _i++;
                return (sb.ToString(), false);
            }
            if (c == '`')
            {
                var end = s.IndexOf('`', _i + 1);
                var v = s[(_i + 1)..end];
                _i = end + 1;
                return (v, false);
            }
            if (char.IsDigit(c) || c is '-' or '+' or '.')
            {
                var st = _i;
                _i++;
                while (_i < s.Length && (char.IsLetterOrDigit(s[_i]) || s[_i] is '.' or '_' || (s[_i] is '+' or '-' && (s[_i - 1] | 0x20) == 'e'))) _i++;
                var tok = s[st.._i];
                if (!tok.StartsWith("0x") && (tok.Contains('.') || tok.Contains('e') || tok.Contains('E')))
                    return (double.Parse(tok, CultureInfo.InvariantCulture), true);
                return ((nint)(tok.StartsWith("0x") ? Convert.ToInt64(tok[2..], 16) : long.Parse(tok, CultureInfo.InvariantCulture)), true);
            }
            if (char.IsLetter(c))
            {
                var v = Command(null);
                return (v, v is bool);
            }
            throw new FormatException("bad operand at " + _i + " in " + s);
        }

        private object? Invoke(string name, List<(object? v, bool lit)> args)
        {
            switch (name)
            {
                case "len":
                    return (nint)(args[0].v switch { string str => System.Text.Encoding.UTF8.GetByteCount(str), ICollection c => c.Count, _ => throw new GoFunctionException("len of bad type") });
                case "print":
                    {
                        var sb = new StringBuilder();
                        for (var k = 0; k < args.Count; k++)
                        {
                            if (k > 0 && args[k].v is not string && args[k - 1].v is not string) sb.Append(' ');
                            sb.Append(Print(args[k].v));
                        }
                        return sb.ToString();
                    }
                case "gt": return (long)(nint)args[0].v! > (long)(nint)args[1].v!;
                case "lt": return (long)(nint)args[0].v! < (long)(nint)args[1].v!;
            }
            if (!Registry.TryGet(name, out var f)) throw new InvalidOperationException("no function " + name);
            var ps = f.Parameters;
            var conv = new object?[args.Count];
            for (var k = 0; k < args.Count; k++)
            {
                var pt = f.IsVariadic && k >= ps.Count - 1 ? ps[^1] : ps[k];
                var (v, lit) = args[k];
                conv[k] = pt.Kind switch
                {
                    GoKind.Int when v is nint => v,
                    GoKind.Int => throw new GoFunctionException("wrong type for value; expected int; got " + (GoType.Of(v)?.Name ?? "<nil>")),
                    GoKind.Float64 when v is nint n && lit => (double)n,
                    GoKind.Int64 when v is nint n && lit => (long)n,
                    GoKind.Uint32 when v is nint n && lit && n >= 0 && n <= uint.MaxValue => (uint)n,
                    _ => v,
                };
            }
            return f.Body(ctx, conv);
        }
    }

    /// <summary>Go's <c>%v</c> for the value kinds used in the tests.</summary>
    public static string Print(object? v) => v switch
    {
        null => "<nil>",
        string s => s,
        IGoStringer s => s.GoString(),
        bool b => b ? "true" : "false",
        double d => FormatFloat(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        nint n => ((long)n).ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        IDictionary m => "map[" + string.Join(" ", m.Keys.Cast<string>().OrderBy(k => k, StringComparer.Ordinal).Select(k => k + ":" + Print(m[k]))) + "]",
        IList l => "[" + string.Join(" ", l.Cast<object?>().Select(Print)) + "]",
        _ => v.ToString() ?? "",
    };

    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "+Inf";
        if (double.IsNegativeInfinity(d)) return "-Inf";
        if (d == 0) return double.IsNegative(d) ? "-0" : "0";
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var neg = shortest.StartsWith('-');
        if (neg) shortest = shortest[1..];
        var exp = 0;
        var ei = shortest.IndexOf('E');
        if (ei >= 0) { exp = int.Parse(shortest[(ei + 1)..], CultureInfo.InvariantCulture); shortest = shortest[..ei]; }
        var dot = shortest.IndexOf('.');
        var digits = dot >= 0 ? shortest.Remove(dot, 1) : shortest;
        var intLen = dot >= 0 ? dot : shortest.Length;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') { lead++; intLen--; }
        digits = digits[lead..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        var dp = intLen + exp; // decimal point position
        var x = dp - 1;
        string body;
        if (x < -4 || x >= 6)
        {
            var mant = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            body = mant + "e" + (x < 0 ? "-" : "+") + Math.Abs(x).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (dp <= 0) body = "0." + new string('0', -dp) + digits;
        else if (dp >= digits.Length) body = digits + new string('0', dp - digits.Length);
        else body = digits[..dp] + "." + digits[dp..];
        return (neg ? "-" : "") + body;
    }
}
