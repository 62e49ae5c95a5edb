using HelmSharp.Go;

namespace HelmSharp.Template.Functions;

/// <summary>
/// The body of a template function. <paramref name="args"/> already holds one .NET object per Go
/// parameter, converted and checked by the executor against <see cref="GoFunction.Parameters"/>
/// exactly as Go's <c>evalArg</c>/<c>validateType</c> would; for a variadic function the trailing
/// arguments are passed flat (one entry each). Throw <see cref="GoFunctionException"/> for a Go
/// error or panic: the executor reports it as <c>error calling NAME: MESSAGE</c>.
/// </summary>
public delegate object? GoFunctionBody(IFunctionContext context, object?[] args);

/// <summary>
/// The one body of a string-valued function that writes its result into <paramref name="sink"/> (see
/// <see cref="GoFunction.SinkBody"/>): the executor hands it the template's output when the call is the whole action, a
/// buffer the next command reads when the call feeds text to the next function of the pipeline, and
/// <see cref="GoFunction.Body"/> is this body writing into a pooled buffer that is then made a string.
/// </summary>
internal delegate void GoSinkBody(IFunctionContext context, FunctionArgs args, System.Text.StringBuilder sink);

/// <summary>
/// The arguments of a <see cref="GoSinkBody"/>: one value per Go parameter, as a <see cref="GoFunctionBody"/> gets them,
/// except that the last one may be the text the previous command of the pipeline wrote
/// (<c>{{ include "x" . | nindent 4 }}</c>), read in place with <see cref="Text"/> (only functions that declare
/// <see cref="GoFunction.TakesText"/> get such text). A body that needs it as a value gets it as a string, made once.
/// </summary>
internal readonly ref struct FunctionArgs
{
    private readonly object?[] _values;
    private readonly ReadOnlySpan<char> _piped;
    private readonly bool _isPiped;

    /// <summary>Arguments that are all values.</summary>
    public FunctionArgs(object?[] values) => _values = values;

    /// <summary>Arguments whose last one is <paramref name="piped"/> (its slot in <paramref name="values"/> is null).</summary>
    public FunctionArgs(object?[] values, ReadOnlySpan<char> piped)
    {
        _values = values; _piped = piped; _isPiped = true;
    }

    /// <summary>The number of arguments.</summary>
    public int Length => _values.Length;

    /// <summary>True when the last argument is text piped in (read it with <see cref="Text"/>).</summary>
    public bool LastIsPiped => _isPiped;

    /// <summary>Argument <paramref name="i"/> as a value (piped text as a string).</summary>
    public object? this[int i] => _isPiped && i == _values.Length - 1 ? _values[i] ??= _piped.ToString() : _values[i];

    /// <summary>The string argument <paramref name="i"/> (of a <c>string</c> parameter), piped text read in place.</summary>
    public ReadOnlySpan<char> Text(int i) => _isPiped && i == _values.Length - 1 ? _piped : ((string)_values[i]!).AsSpan();

    /// <summary>Every argument as a value (piped text made a string), for bodies that take the array as a whole.</summary>
    public object?[] Values
    {
        get
        {
            if (_isPiped) _ = this[_values.Length - 1];
            return _values;
        }
    }
}

/// <summary>
/// A function callable from templates, described the way Go's reflection sees it: its parameter
/// types decide argument conversion and the <c>wrong type for value</c> / <c>wrong number of args</c>
/// errors. Immutable; resolved once when a template is parsed.
/// </summary>
public sealed class GoFunction
{
    /// <summary>Creates a function description.</summary>
    /// <param name="name">The name templates call it by.</param>
    /// <param name="parameters">Go parameter types; for a variadic function the last entry is the element type of the <c>...</c> parameter.</param>
    /// <param name="variadic">True when the last parameter is <c>...T</c>.</param>
    /// <param name="body">The implementation.</param>
    /// <param name="returnsError">True when the Go function returns <c>(T, error)</c> (documentation; errors are thrown).</param>
    /// <param name="effects">What the function does besides computing its result (<see cref="FunctionEffects"/>); undeclared means impure.</param>
    public GoFunction(string name, GoType[] parameters, bool variadic, GoFunctionBody body, bool returnsError = false,
        FunctionEffects effects = FunctionEffects.Undeclared)
    {
        Name = name; Parameters = parameters; IsVariadic = variadic; RawBody = body; ReturnsError = returnsError; Effects = effects;
    }

    /// <summary>
    /// A string-valued function with one body writing into a sink (<see cref="SinkBody"/>); its <see cref="Body"/> is that
    /// body writing into a pooled buffer, unless <paramref name="stringBody"/> can give the string more cheaply (a
    /// cached one) — it must return exactly what the sink body writes.
    /// </summary>
    internal GoFunction(string name, GoType[] parameters, bool variadic, GoSinkBody sinkBody, bool returnsError = false,
        FunctionEffects effects = FunctionEffects.Undeclared, GoFunctionBody? stringBody = null)
        : this(name, parameters, variadic, stringBody ?? ((context, args) => WriteToString(context, new FunctionArgs(args), sinkBody)), returnsError, effects)
    {
        SinkBody = sinkBody;
    }

    /// <summary>The name templates call it by.</summary>
    public string Name { get; }
    /// <summary>Go parameter types (for variadic functions the last one is the element type).</summary>
    public IReadOnlyList<GoType> Parameters { get; }
    /// <summary>True when the last parameter is variadic.</summary>
    public bool IsVariadic { get; }
    /// <summary>True when the Go function has a second, <c>error</c> result.</summary>
    public bool ReturnsError { get; }
    /// <summary>What the function does besides computing its result, as declared where it was registered; caches read only this.</summary>
    public FunctionEffects Effects { get; init; }
    /// <summary>
    /// The implementation, callable from any thread: a call made off the library's large-stack worker runs on it (see
    /// <see cref="HelmSharp.Go.StackGuard"/>), so functions that recurse over their arguments (<c>deepCopy</c>,
    /// <c>toYaml</c>, <c>merge</c> …) reach their depth limits the same way whatever thread calls them.
    /// </summary>
    public GoFunctionBody Body => _guarded ??= Guard(RawBody);

    private GoFunctionBody? _guarded;

    /// <summary>The implementation as registered, for callers already on the large-stack worker (the executor).</summary>
    internal GoFunctionBody RawBody { get; }

    private static GoFunctionBody Guard(GoFunctionBody body) => (context, args) => HelmSharp.Go.StackGuard.OnBigStack
        ? body(context, args)
        : HelmSharp.Go.StackGuard.Run((body, context, args), static s => s.body(s.context, s.args));

    /// <summary>
    /// The body of a string-valued function that writes its result into a sink (null for most functions): the executor
    /// calls it with the template's output when the call is the whole action (<c>{{ include "x" . }}</c>,
    /// <c>{{ toYaml . | nindent 4 }}</c>) and with a buffer when the next command takes the text (see
    /// <see cref="TakesText"/>), so no intermediate string is made.
    /// </summary>
    internal GoSinkBody? SinkBody { get; }

    /// <summary>
    /// True when <see cref="SinkBody"/> reads its last argument with <see cref="FunctionArgs.Text"/>, so that the text a
    /// previous command with a sink body wrote can be handed to it in place (<c>| nindent 4</c>, <c>| quote</c>, <c>| sha256sum</c>).
    /// </summary>
    internal bool TakesText { get; init; }

    /// <summary>Runs <paramref name="body"/> into a pooled buffer and returns what it wrote (the string form of a sink body).</summary>
    internal static string WriteToString(IFunctionContext context, FunctionArgs args, GoSinkBody body) =>
        Exec.OutputBuffers.Build(new SinkCall(context, args, body), static (call, sb) => call.Body(call.Context, call.Args, sb));

    private readonly ref struct SinkCall(IFunctionContext context, FunctionArgs args, GoSinkBody body)
    {
        public readonly IFunctionContext Context = context;
        public readonly FunctionArgs Args = args;
        public readonly GoSinkBody Body = body;
    }

    /// <summary>The same function under another name (Sprig's aliases).</summary>
    internal GoFunction Renamed(string name) => SinkBody != null
        ? new(name, [.. Parameters], IsVariadic, SinkBody, ReturnsError, Effects, RawBody) { TakesText = TakesText, TransientArgs = TransientArgs }
        : new(name, [.. Parameters], IsVariadic, RawBody, ReturnsError, Effects) { TransientArgs = TransientArgs };

    /// <summary>
    /// True when the body neither keeps nor returns the argument array it is handed (only its elements), so the
    /// executor may reuse the array for the next call. Set for the functions of this library; never for functions
    /// of unknown origin.
    /// </summary>
    internal bool TransientArgs { get; set; }

    /// <summary>A method of a Go value as a function the executor calls (the receiver is bound in the method's body).</summary>
    /// <remarks>The library's methods only read their receiver and arguments (pure).</remarks>
    internal static GoFunction ForMethod(GoMethod method) =>
        new(method.Name, method.Parameters, false, (_, a) => method.Body(a), method.ReturnsError, FunctionEffects.Pure);

    /// <summary>Convenience: a function of fixed arity whose parameters are all <c>interface {}</c>.</summary>
    public static GoFunction Any(string name, int arity, Func<object?[], object?> body) =>
        new(name, Enumerable.Repeat(GoType.Interface, arity).ToArray(), false, (_, a) => body(a));
}

/// <summary>
/// A Go error or recovered panic raised by a template function. The executor wraps it as
/// <c>error calling NAME: MESSAGE</c> at the call's position.
/// </summary>
public class GoFunctionException : HelmSharpException
{
    /// <summary>Creates the error with Go's exact message text.</summary>
    public GoFunctionException(string message) : base(message) { }
    /// <summary>Creates the error with Go's exact message text and an inner cause.</summary>
    public GoFunctionException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// What a function may ask of the render it runs in. Implemented by the executor; functions that
/// need none of it ignore it. Keeps clocks and randomness injectable (deterministic tests) and lets
/// Helm's <c>include</c>/<c>tpl</c> reach the template set.
/// </summary>
public interface IFunctionContext
{
    /// <summary>The clock for <c>now</c>, <c>ago</c>, <c>date</c> … .</summary>
    TimeProvider Clock { get; }
    /// <summary>Cancellation of the render.</summary>
    CancellationToken CancellationToken { get; }
    /// <summary>The helm release being emulated (<see cref="HelmSharp.HelmVersion.V4"/> or <see cref="HelmSharp.HelmVersion.V3"/>).</summary>
    HelmVersion HelmVersion { get; }
    /// <summary>Executes the named template of the current set with <paramref name="data"/> as dot and returns its output (Go's <c>ExecuteTemplate</c>, as <c>include</c> uses it).</summary>
    string ExecuteTemplate(string name, object? data);
    /// <summary>Parses <paramref name="text"/> as a new template named <paramref name="name"/> in an overlay of the current set and executes it (Helm's <c>tpl</c>).</summary>
    string ParseAndExecute(string name, string text, object? data);
    /// <summary>
    /// Per-render bag for functions of other origin that keep state across calls within one render (the library's own
    /// functions keep theirs in typed members of the render).
    /// </summary>
    IDictionary<string, object?> RenderState { get; }

    /// <summary><see cref="ExecuteTemplate"/>, appending the output to <paramref name="output"/> (the executor writes it there directly).</summary>
    void ExecuteTemplateTo(string name, object? data, System.Text.StringBuilder output) => output.Append(ExecuteTemplate(name, data));

    /// <summary><see cref="ParseAndExecute"/>, appending the output to <paramref name="output"/> (the executor writes it there directly).</summary>
    void ParseAndExecuteTo(string name, string text, object? data, System.Text.StringBuilder output) => output.Append(ParseAndExecute(name, text, data));

    /// <summary>The render this call belongs to, for the library's own caching layer (null in a context of other origin).</summary>
    internal Exec.RenderContext? Render => null;

    /// <summary>The templates this call sees (its set, or a <c>tpl</c> overlay of it), for the library's own caching layer.</summary>
    internal Exec.Namespace? Namespace => null;
}
