using HelmSharp.Go;
using HelmSharp.Template.Exec;
using HelmSharp.Template.Functions;
using HelmSharp.Template.Parse;

namespace HelmSharp.Template;

/// <summary>What a missing map key yields (Go's <c>missingkey</c> option).</summary>
public enum MissingKey
{
    /// <summary><c>missingkey=default</c>/<c>invalid</c>: no value (prints <c>&lt;no value&gt;</c>).</summary>
    Default,
    /// <summary><c>missingkey=zero</c>: the zero value of the map's element type (Helm's choice).</summary>
    Zero,
    /// <summary><c>missingkey=error</c>: <c>map has no entry for key "x"</c>.</summary>
    Error,
}

/// <summary>Engine-wide options, shared by every execution of a <see cref="TemplateSet"/>.</summary>
public sealed class TemplateOptions
{
    /// <summary>The missing-key behaviour.</summary>
    public MissingKey MissingKey { get; init; } = MissingKey.Default;
    /// <summary>The helm release being emulated: <see cref="HelmVersion.V4"/> (Go 1.25 template semantics) or <see cref="HelmVersion.V3"/> (Go 1.23: no range over integers); an undefined value throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public HelmVersion HelmVersion { get => (HelmVersion)HelmMajor; init => HelmMajor = value.Major(nameof(value)); }
    /// <summary>The helm major version number (3 or 4).</summary>
    internal int HelmMajor { get; init { field = HelmVersions.CheckMajor(value, nameof(value)); } } = 4;
    /// <summary>The Go release whose template semantics the set follows (that of the helm version).</summary>
    internal GoRelease Go => GoReleases.Of(HelmMajor);
    /// <summary>Maximum nesting of <c>{{template}}</c> calls within one execution (Go's <c>maxExecDepth</c>, 100000); executions run on a large-stack thread.</summary>
    public int MaxExecDepth { get; init; } = 100000;
    /// <summary>Maximum nesting of executions started by functions (<c>include</c>, <c>tpl</c>) in one render; beyond it a <see cref="TemplateLimitException"/> is thrown (Helm's own include limit, 1000 per name, normally fires first).</summary>
    public int MaxNestedExecutions { get; init; } = 2000;
    /// <summary>Maximum output size in bytes of one execution (null: unlimited).</summary>
    public long? MaxOutputBytes { get; init; }
    /// <summary>The clock functions read.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>
    /// When false, text piped from one function to the next (<c>include "x" . | nindent 4</c>) is passed as a string
    /// instead of being read where the first function wrote it (see <c>GoFunction.TakesText</c>); the output is the same.
    /// </summary>
    internal bool PipeText { get; init; } = true;
}

/// <summary>
/// A namespace of parsed templates (Go's <c>*template.Template</c> with its associated set).
/// Parsing is not thread-safe; once parsing is finished, executing is safe from many threads at once.
/// </summary>
public sealed partial class TemplateSet
{
    private Dictionary<string, Tree> _templates = new(StringComparer.Ordinal);
    private bool _adopted;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, string Text), (Dictionary<string, Tree> Trees, Tree Top)> _parseCache = new();
    private Namespace? _ns;
    private string? _rootName;

    /// <summary>Creates an empty set using <paramref name="functions"/> (frozen by the caller) and <paramref name="options"/>.</summary>
    public TemplateSet(FunctionRegistry functions, TemplateOptions? options = null)
    {
        Functions = functions; Options = options ?? new TemplateOptions();
    }

    /// <summary>Creates an empty set whose root template (Go's <c>template.New(rootName)</c>) is named <paramref name="rootName"/>.</summary>
    public TemplateSet(FunctionRegistry functions, TemplateOptions? options, string rootName) : this(functions, options)
    {
        _rootName = rootName;
    }

    /// <summary>The function map templates are parsed against.</summary>
    public FunctionRegistry Functions { get; }
    /// <summary>Options shared by every execution.</summary>
    public TemplateOptions Options { get; }

    /// <summary>
    /// The name of the set's root template, used in <c>no template "x" associated with template "ROOT"</c>
    /// (Helm: <c>gotpl</c>). Defaults to the first parsed template's name.
    /// </summary>
    public string RootName { get => _rootName ?? ""; set => _rootName = value; }

    /// <summary>The names of every template in the set.</summary>
    public IEnumerable<string> Names => _templates.Keys;

    private const int InlineParseNesting = 64;

    /// <summary>
    /// Parser recursion is bounded by the text's nesting, which is bounded by its '(' and '{' count: a text with fewer
    /// than <see cref="InlineParseNesting"/> of them nests at most 32 levels, which fits in the stack the probe guarantees
    /// on any thread, and parses inline; every other text parses on the large-stack worker, so the parser's limits are
    /// reached the same way whatever thread calls.
    /// </summary>
    private static T RunParse<T>(string text, Func<T> parse)
    {
        if (StackGuard.OnBigStack) return parse();
        var span = text.AsSpan();
        return span.Count('(') + span.Count('{') < InlineParseNesting && StackGuard.Check() ? parse() : StackGuard.Run(parse);
    }

    /// <summary>A parse cache shared with other sets over the same <see cref="Functions"/> and helm major (compiled charts); null: per-set caching only.</summary>
    internal Caching.ParseCache? SharedParseCache { get; init; }

    private Namespace Ns => _ns ??= new Namespace(this, _templates, null);

    /// <summary>Parses <paramref name="text"/> as the template <paramref name="name"/> (Go's <c>t.New(name).Parse(text)</c>): its <c>define</c>s join the set under Go's redefinition rules.</summary>
    /// <exception cref="TemplateParseException">Go's parse error text.</exception>
    public void Parse(string name, string text)
    {
        if (_adopted) throw new InvalidOperationException("this set's templates are shared and cannot change");
        Dictionary<string, Tree> trees;
        if (SharedParseCache is { } shared)
        {
            if (!shared.TryGet(name, text, out var parsed))
            {
                parsed = RunParse(text, () => (Parser.Parse(name, text, Functions, Options.Go, out var t), t));
                shared.Add(name, text, parsed);
            }
            trees = parsed.Trees;
        }
        else trees = RunParse(text, () => Parser.Parse(name, text, Functions, Options.Go));
        _rootName ??= name;
        foreach (var kv in trees)
        {
            // Go's Template.associate: never replace an existing template with an empty one.
            if (_templates.ContainsKey(kv.Key) && Parser.IsEmptyTree(kv.Value.Root)) continue;
            _templates[kv.Key] = kv.Value;
        }
    }

    /// <summary>The set's templates by name, to be handed to <see cref="Adopt"/> of another set (never changed after that).</summary>
    internal IReadOnlyDictionary<string, Tree> Templates => _templates;

    /// <summary>
    /// Takes over the templates of a set that was filled by the same <see cref="Parse"/> calls with the same function
    /// map and major version (a compiled chart's earlier render); the table is shared, so this set parses nothing more.
    /// </summary>
    internal void Adopt(IReadOnlyDictionary<string, Tree> templates)
    {
        _templates = (Dictionary<string, Tree>)templates;
        _ns = null;
        _adopted = true;
    }

    /// <summary>True when the set holds a template of that name.</summary>
    public bool Contains(string name) => _templates.ContainsKey(name);

    /// <summary>Executes the named template with <paramref name="data"/> as dot and returns the output (Go's <c>ExecuteTemplate</c>).</summary>
    /// <remarks>
    /// <paramref name="data"/> may hold ordinary .NET values: lists and other collections become Go slices and maps, objects
    /// become maps of their public properties (see <see cref="HelmSharp.ChartOptions.Values"/>); values already in the
    /// engine's Go model (<c>Dictionary&lt;string, object?&gt;</c>, <c>string[]</c> as <c>[]string</c>, …) keep their Go type.
    /// </remarks>
    /// <exception cref="TemplateExecException">Go's execution error text.</exception>
    /// <exception cref="TemplateLimitException">A resource limit was hit.</exception>
    /// <exception cref="HelmSharp.Values.ValuesException"><paramref name="data"/> holds a value that cannot be converted (named in the message).</exception>
    public string Execute(string name, object? data, CancellationToken cancellationToken = default)
    {
        string result = "";
        Execute(name, TemplateData(data), new RenderContext(this, cancellationToken), 0, (sb, _, _) => result = sb.ToString());
        return result;
    }

    // Converted on the large stack: data may nest as deep as the engine allows.
    private static object? TemplateData(object? data) => data is null or string or HelmSharp.Go.IGoValue
        ? data
        : RunWithLargeStack(() => HelmSharp.Values.DotNetValues.ToTemplateData(data));

    /// <summary>
    /// Executes the named template as part of <paramref name="render"/> (made by the caller for this set; a chart render
    /// runs all its template files in one) and hands the output buffer to <paramref name="finish"/> (with the name and
    /// <paramref name="state"/>) before the buffer is reused.
    /// </summary>
    internal void Execute<TState>(string name, object? data, RenderContext render, TState state, Action<System.Text.StringBuilder, string, TState> finish)
    {
        if (!ReferenceEquals(render.Set, this)) throw new ArgumentException("the render belongs to another template set", nameof(render));
        try
        {
            if (StackGuard.OnBigStack) ExecuteHere(name, data, render, state, finish);
            else ExecuteOnLargeStack(name, data, render, state, finish);
        }
        catch (Exception e) when (e is not (TemplateException or OperationCanceledException or OutOfMemoryException))
        {
            // Never let an unexpected .NET exception escape as if it were a crash.
            throw new TemplateExecException("template: " + name + ": " + e.Message, null, 0, 0, name, null, e.Message, e);
        }
    }

    private void ExecuteOnLargeStack<TState>(string name, object? data, RenderContext render,
        TState state, Action<System.Text.StringBuilder, string, TState> finish) =>
        StackGuard.Run(() => { ExecuteHere(name, data, render, state, finish); return 0; });

    // Execute's body, on a large stack already (kept apart so the common path allocates no closure).
    private void ExecuteHere<TState>(string name, object? data, RenderContext render,
        TState state, Action<System.Text.StringBuilder, string, TState> finish)
    {
        var sb = OutputBuffers.Rent();
        try
        {
            render.BeginTopLevel();
            new FunctionContext(render, Ns).ExecuteTemplateTo(name, data, sb);
            finish(sb, name, state);
        }
        finally { OutputBuffers.Return(sb); }
    }

    /// <summary>Executes the named template, writing to <paramref name="output"/>.</summary>
    /// <exception cref="TemplateExecException">Go's execution error text.</exception>
    /// <exception cref="TemplateLimitException">A resource limit was hit.</exception>
    /// <remarks>The output is produced in memory and written once the execution has succeeded.</remarks>
    public void Execute(string name, object? data, TextWriter output, CancellationToken cancellationToken = default) =>
        output.Write(Execute(name, data, cancellationToken));

    /// <summary>
    /// Runs <paramref name="work"/> on the engine's pooled large-stack worker thread (inline when already
    /// on one) and returns its result, rethrowing its exception. Every <see cref="Execute(string, object?, CancellationToken)"/>
    /// and deep <see cref="Parse"/> already does this on its own; a caller that parses and executes many
    /// templates (a whole chart render) can wrap the batch to pay for a single thread hand-off.
    /// </summary>
    public static T RunWithLargeStack<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return StackGuard.Run(work);
    }

    /// <summary>Parses with a per-set cache keyed by name and text (used by <c>tpl</c>).</summary>
    internal (Dictionary<string, Tree> Trees, Tree Top) ParseCached(string name, string text)
    {
        if (SharedParseCache is { } shared)
        {
            if (shared.TryGet(name, text, out var p)) return p;
            p = (Parser.Parse(name, text, Functions, Options.Go, out var pt), pt);
            shared.Add(name, text, p);
            return p;
        }
        if (_parseCache.TryGetValue((name, text), out var t)) return t;
        var trees = Parser.Parse(name, text, Functions, Options.Go, out var top);
        t = (trees, top);
        if (_parseCache.Count < 4096) _parseCache.TryAdd((name, text), t);
        return t;
    }
}
