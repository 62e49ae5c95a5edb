using System.Collections;
using System.Globalization;
using System.Text;
using HelmSharp.Go;
using HelmSharp.Sprig;
using HelmSharp.Template.Functions;

namespace HelmSharp.Tests.Sprig;

/// <summary>
/// Calls Sprig functions from a registry, plus a tiny evaluator for single template actions made of
/// function calls and literals (<c>upper (trim " x ")</c>, <c>"a" | quote</c>) so that test rows can be
/// written as the very template text that was run through helm. Results print the way Go's
/// <c>%v</c> prints the value kinds that occur in these tests.
/// </summary>
internal static class SprigHarness
{
    public static readonly FunctionRegistry Registry = SprigLibrary.RegisterAll(new FunctionRegistry()).Freeze();

    public static object? Call(string name, params object?[] args)
    {
        if (!Registry.TryGet(name, out var f)) throw new InvalidOperationException("no function " + name);
        return f.Body(null!, args);
    }

    /// <summary>Evaluates a pipeline and prints it like a template action would (errors print as <c>ERR: text</c>).</summary>
    public static string Render(string pipeline, Dictionary<string, object?>? vars = null)
    {
        try
        {
            var p = new Parser(pipeline, vars ?? new());
            var v = p.Pipeline();
            // What helm printed: the Go string's bytes (GoUtf8: invalid bytes are surrogate-escaped)
            // read back as UTF-8, so an invalid byte shows as U+FFFD.
            return v is null ? "<no value>" : System.Text.Encoding.UTF8.GetString(HelmSharp.Go.GoUtf8.GetBytes(Print(v)));
        }
        catch (GoFunctionException e) { return "ERR: " + e.Message; }
    }

    private sealed class Parser(string s, Dictionary<string, object?> vars)
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

        private static object? Invoke(string name, List<(object? v, bool lit)> args)
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
                    _ => v,
                };
            }
            return f.Body(null!, conv);
        }
    }

    /// <summary>Go's <c>%v</c> for the value kinds used in the tests.</summary>
    public static string Print(object? v) => v switch
    {
        null => "<nil>",
        string s => s,
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
