namespace HelmSharp.Cli;

/// <summary>How a flag takes values (cobra/pflag kinds that matter for error texts and splitting).</summary>
internal enum FlagKind
{
    /// <summary>A boolean switch (<c>--x</c>, <c>--x=false</c>).</summary>
    Bool,
    /// <summary>A single string; later occurrences replace earlier ones.</summary>
    String,
    /// <summary>pflag StringArray: every occurrence appends its value verbatim.</summary>
    StringArray,
    /// <summary>pflag StringSlice: every occurrence appends its comma-separated (CSV) values.</summary>
    StringSlice,
    /// <summary>A string with pflag's <c>NoOptDefVal</c>: <c>--x</c> alone means <see cref="FlagSpec.NoOptDefault"/>, a value needs <c>--x=v</c>.</summary>
    OptionalString,
}

/// <summary>A flag definition: how it parses, and what <c>--help</c> says about it.</summary>
/// <param name="Name">The long name.</param>
/// <param name="Short">The one-letter shorthand, if any.</param>
/// <param name="Kind">How it takes values.</param>
/// <param name="Usage">The description <c>--help</c> prints (helm's).</param>
internal sealed record FlagSpec(string Name, char? Short, FlagKind Kind, string? Usage = null)
{
    /// <summary>The helm major the flag exists in (0: both).</summary>
    public int Major { get; init; }
    /// <summary>The type name <c>--help</c> shows after the flag, when not the kind's (<c>WaitStrategy</c>).</summary>
    public string? VarName { get; init; }
    /// <summary>pflag's <c>NoOptDefVal</c> (for <see cref="FlagKind.OptionalString"/>).</summary>
    public string? NoOptDefault { get; init; }
    /// <summary>The non-zero default as <c>--help</c> prints it after "default ".</summary>
    public string? DefaultText { get; init; }
    /// <summary>Accepted but not listed by <c>--help</c> (helm's deprecated flags).</summary>
    public bool Hidden { get; init; }
    /// <summary>Checks a value; returns the reason it is invalid, or null.</summary>
    public Func<string, string?>? Validate { get; init; }

    /// <summary>True when the flag exists in helm <paramref name="major"/>.</summary>
    public bool AppliesTo(int major) => Major == 0 || Major == major;
}

/// <summary>Thrown for a command-line error; the message is what helm prints after <c>Error: </c>.</summary>
internal sealed class UsageException(string message, bool showUsage = false) : Exception(message)
{
    public bool ShowUsage { get; } = showUsage;
}

/// <summary>A small pflag-compatible parser: long/short flags, <c>=</c> or separate values, <c>--</c>, interspersed positionals.</summary>
internal sealed class FlagParser
{
    private readonly Dictionary<string, FlagSpec> _long = new(StringComparer.Ordinal);
    private readonly Dictionary<char, FlagSpec> _short = new();

    public FlagParser(IEnumerable<FlagSpec> specs)
    {
        foreach (var s in specs)
        {
            _long[s.Name] = s;
            if (s.Short is char c) _short[c] = s;
        }
    }

    public sealed class Result
    {
        public List<string> Positionals { get; } = new();
        public Dictionary<string, List<string>> Values { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, bool> Bools { get; } = new(StringComparer.Ordinal);
        public List<string> All(string name) => Values.TryGetValue(name, out var l) ? l : new List<string>();
        public string? Last(string name) => Values.TryGetValue(name, out var l) && l.Count > 0 ? l[^1] : null;
        public bool Bool(string name) => Bools.TryGetValue(name, out var b) && b;
    }

    public Result Parse(IReadOnlyList<string> args)
    {
        var r = new Result();
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--") { for (i++; i < args.Count; i++) r.Positionals.Add(args[i]); break; }
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var body = a[2..];
                string? value = null;
                int eq = body.IndexOf('=');
                if (eq >= 0) { value = body[(eq + 1)..]; body = body[..eq]; }
                if (!_long.TryGetValue(body, out var spec)) throw new UsageException($"unknown flag: --{body}");
                if (spec.Kind == FlagKind.Bool) { r.Bools[spec.Name] = ParseBool(value, "--" + spec.Name); continue; }
                if (spec.Kind == FlagKind.OptionalString) { Add(r, spec, value ?? spec.NoOptDefault ?? "", "--" + spec.Name); continue; }
                if (value == null)
                {
                    if (i + 1 >= args.Count) throw new UsageException($"flag needs an argument: --{spec.Name}");
                    value = args[++i];
                }
                Add(r, spec, value, "--" + spec.Name);
            }
            else if (a.StartsWith('-') && a.Length > 1)
            {
                // A cluster of short flags: -abc, -fvalue, -f value, -f=value.
                for (int j = 1; j < a.Length; j++)
                {
                    char c = a[j];
                    if (!_short.TryGetValue(c, out var spec)) throw new UsageException($"unknown shorthand flag: '{c}' in {a}");
                    if (spec.Kind == FlagKind.Bool)
                    {
                        if (j + 1 < a.Length && a[j + 1] == '=') { r.Bools[spec.Name] = ParseBool(a[(j + 2)..], "-" + c); break; }
                        r.Bools[spec.Name] = true;
                        continue;
                    }
                    if (spec.Kind == FlagKind.OptionalString)
                    {
                        if (j + 1 < a.Length && a[j + 1] == '=') { Add(r, spec, a[(j + 2)..], "-" + c); break; }
                        Add(r, spec, spec.NoOptDefault ?? "", "-" + c);
                        continue;
                    }
                    string value;
                    if (j + 1 < a.Length) value = a[j + 1] == '=' ? a[(j + 2)..] : a[(j + 1)..];
                    else if (i + 1 < args.Count) value = args[++i];
                    else throw new UsageException($"flag needs an argument: '{c}' in -{c}");
                    Add(r, spec, value, "-" + c);
                    break;
                }
            }
            else r.Positionals.Add(a);
        }
        return r;
    }

    private static bool ParseBool(string? value, string flag) => value switch
    {
        null => true,
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new UsageException($"invalid argument \"{value}\" for \"{flag}\" flag: strconv.ParseBool: parsing \"{value}\": invalid syntax"),
    };

    private static void Add(Result r, FlagSpec spec, string value, string flag)
    {
        if (spec.Validate?.Invoke(value) is { } invalid) throw new UsageException($"invalid argument \"{value}\" for \"{flag}\" flag: {invalid}");
        if (!r.Values.TryGetValue(spec.Name, out var list)) r.Values[spec.Name] = list = new List<string>();
        switch (spec.Kind)
        {
            case FlagKind.String or FlagKind.OptionalString: list.Clear(); list.Add(value); break;
            case FlagKind.StringArray: list.Add(value); break;
            case FlagKind.StringSlice: if (value.Length > 0) list.AddRange(SplitCsv(value)); break;
        }
    }

    /// <summary>pflag's StringSlice reads its value as one CSV record.</summary>
    private static IEnumerable<string> SplitCsv(string value)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (quoted)
            {
                if (c == '"') { if (i + 1 < value.Length && value[i + 1] == '"') { sb.Append('"'); i++; } else quoted = false; }
                else sb.Append(c);
            }
            else if (c == '"' && sb.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
