using HelmSharp.Template.Functions;

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
    /// <summary>Helm major version being emulated: 4 (Go 1.25 template semantics) or 3 (Go 1.23: no range over integers).</summary>
    public int HelmMajor { get; init; } = 4;
    /// <summary>Maximum nesting of template invocations/actions before a clean error (Go: 100000; we cap lower to protect the stack).</summary>
    public int MaxExecDepth { get; init; } = 10000;
    /// <summary>Maximum output size in bytes of one execution (null: unlimited).</summary>
    public long? MaxOutputBytes { get; init; }
    /// <summary>The clock functions read.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// A namespace of parsed templates (Go's <c>*template.Template</c> with its associated set).
/// Parsing is not thread-safe; once parsing is finished, executing is safe from many threads at once.
/// (Owner: the engine. Placeholder until it lands.)
/// </summary>
public sealed partial class TemplateSet
{
    /// <summary>Creates an empty set using <paramref name="functions"/> (frozen by the caller) and <paramref name="options"/>.</summary>
    public TemplateSet(FunctionRegistry functions, TemplateOptions? options = null)
    {
        Functions = functions; Options = options ?? new TemplateOptions();
    }
    /// <summary>The function map templates are parsed against.</summary>
    public FunctionRegistry Functions { get; }
    /// <summary>Options shared by every execution.</summary>
    public TemplateOptions Options { get; }

    /// <summary>Parses <paramref name="text"/> as the template <paramref name="name"/> (Go's <c>t.New(name).Parse(text)</c>): its <c>define</c>s join the set under Go's redefinition rules.</summary>
    public void Parse(string name, string text) => throw new NotImplementedException();
    /// <summary>True when the set holds a template of that name.</summary>
    public bool Contains(string name) => throw new NotImplementedException();
    /// <summary>Executes the named template with <paramref name="data"/> as dot and returns the output (Go's <c>ExecuteTemplate</c>).</summary>
    public string Execute(string name, object? data, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>Executes the named template, writing to <paramref name="output"/>.</summary>
    public void Execute(string name, object? data, TextWriter output, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
