namespace HelmSharp.Yaml.Reader;

/// <summary>A position as libyaml counts it: characters (runes) from the start, 0-based line and column.</summary>
internal struct YamlMark
{
    public int Index;
    public int Line;
    public int Column;
}

internal enum YamlTokenType : byte
{
    None,
    StreamStart,
    StreamEnd,
    VersionDirective,
    TagDirective,
    DocumentStart,
    DocumentEnd,
    BlockSequenceStart,
    BlockMappingStart,
    BlockEnd,
    FlowSequenceStart,
    FlowSequenceEnd,
    FlowMappingStart,
    FlowMappingEnd,
    BlockEntry,
    FlowEntry,
    Key,
    Value,
    Alias,
    Anchor,
    Tag,
    Scalar,
}

/// <summary>Scalar styles as libyaml names them.</summary>
internal enum YamlScalarStyle : byte
{
    Any,
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

internal struct YamlToken
{
    public YamlTokenType Type;
    public YamlMark Start;
    public YamlMark End;
    /// <summary>Scalar value, anchor/alias name, tag handle, or %TAG handle.</summary>
    public string? Value;
    /// <summary>Tag suffix, or %TAG prefix.</summary>
    public string? Suffix;
    public YamlScalarStyle Style;
    public int Major, Minor;
    /// <summary>A scalar whose <see cref="Value"/> was not made (only in the scanner's <see cref="YamlScanner.LazyValues"/> mode).</summary>
    public YamlLazyValue Lazy;
    /// <summary><see cref="YamlLazyValue.Slice"/>: where the value lies in the scanner's text.</summary>
    public int SliceStart, SliceLength;
}

/// <summary>
/// Why a scalar token or event has no <c>Value</c> in <see cref="YamlScanner.LazyValues"/> mode (a reader of manifest
/// heads that drops most values): never in the default mode, so no other reader sees these.
/// </summary>
internal enum YamlLazyValue : byte
{
    /// <summary>The value is in <c>Value</c>.</summary>
    None,
    /// <summary>A one-line plain scalar: its value is the text at SliceStart/SliceLength, made on demand (<see cref="YamlParser.ScalarText"/>).</summary>
    Slice,
    /// <summary>Scanned while the reader said it drops values (<see cref="YamlScanner.DropValues"/>): the value is lost; a reader that needs it after all must read the document again without the lazy mode.</summary>
    Dropped,
}

internal enum YamlEventType : byte
{
    None,
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Alias,
    Scalar,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
}

internal struct YamlEvent
{
    public YamlEventType Type;
    public YamlMark Start;
    public YamlMark End;
    public string? Anchor;
    public string? Tag;
    public string? Value;
    /// <summary>libyaml's <c>implicit</c> (for scalars: plain_implicit).</summary>
    public bool Implicit;
    public bool QuotedImplicit;
    public YamlScalarStyle Style;
    /// <summary>True for flow collections.</summary>
    public bool Flow;
    /// <summary>A scalar's <see cref="YamlToken.Lazy"/> and slice (<see cref="YamlParser.ScalarText"/> makes a slice's value).</summary>
    public YamlLazyValue Lazy;
    public int SliceStart, SliceLength;
}

internal enum YamlErrorKind : byte { Reader, Scanner, Parser, Composer }

/// <summary>
/// An error of the libyaml-derived reader, scanner or parser, with the fields libyaml records. <see cref="GoMessage"/>
/// formats it as go-yaml v2's <c>parser.fail</c> does.
/// </summary>
internal sealed class YamlReaderException : Exception
{
    public YamlReaderException(YamlErrorKind kind, string problem, YamlMark problemMark, string? context = null, YamlMark contextMark = default)
        : base(problem)
    {
        Kind = kind;
        Problem = problem;
        ProblemMark = problemMark;
        Context = context;
        ContextMark = contextMark;
    }

    public YamlErrorKind Kind { get; }
    public string Problem { get; }
    public YamlMark ProblemMark { get; }
    public string? Context { get; }
    public YamlMark ContextMark { get; }

    /// <summary>
    /// go-yaml v2 (<c>decode.go</c> <c>parser.fail</c>): the problem mark's 0-based line (plus one for scanner
    /// errors), else the context mark's 0-based line; no line when that is 0; reader errors carry no marks.
    /// </summary>
    public string GoMessage()
    {
        if (Kind == YamlErrorKind.Composer) return "yaml: " + Problem;
        int line = 0;
        if (Kind != YamlErrorKind.Reader)
        {
            if (ProblemMark.Line != 0)
            {
                line = ProblemMark.Line;
                if (Kind == YamlErrorKind.Scanner) line++;
            }
            else if (ContextMark.Line != 0)
            {
                line = ContextMark.Line;
            }
        }
        var where = line != 0 ? "line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " : "";
        return "yaml: " + where + (Problem.Length > 0 ? Problem : "unknown problem parsing YAML content");
    }
}
