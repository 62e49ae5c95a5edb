namespace HelmSharp.Template.Functions;

/// <summary>
/// What a template function does besides computing its result from its arguments, declared where the function is
/// registered (<see cref="GoFunction.Effects"/>). Caches read these declarations and nothing else: the include memo
/// (see <c>Template/Caching</c>) stores a result only when every function its execution called is known to keep it
/// repeatable. A function that declares nothing (<see cref="Undeclared"/>) is treated as impure, so a new function can
/// never silently break caching.
/// </summary>
[Flags]
public enum FunctionEffects
{
    /// <summary>Nothing declared: the function is treated as impure (a result that called it is never reused).</summary>
    Undeclared = 0,

    /// <summary>Pure: the result is a function of the argument values (what they reach included), and nothing changes.</summary>
    Pure = 1 << 0,

    /// <summary>Reads outside its arguments — the clock, randomness, the environment, the cluster: a call is not repeatable.</summary>
    ReadsOutside = 1 << 1,

    /// <summary>Writes into its first argument in place (<c>set</c>, <c>unset</c>, the <c>merge</c> family, <c>sortAlpha</c>).</summary>
    MutatesArgument = 1 << 2,

    /// <summary>With <see cref="MutatesArgument"/>: may also write into the maps nested in its first argument (<c>merge</c>).</summary>
    MutatesDeep = 1 << 3,

    /// <summary>With <see cref="MutatesArgument"/>: stores its other arguments inside the first (<c>set</c>).</summary>
    StoresArguments = 1 << 4,

    /// <summary>Returns a new container (<c>dict</c>, <c>pick</c>, <c>omit</c>).</summary>
    CreatesValue = 1 << 5,

    /// <summary>With <see cref="CreatesValue"/>: every container nested in the result is new too (<c>deepCopy</c>, <c>fromYaml</c>).</summary>
    CreatesDeep = 1 << 6,

    /// <summary>Holds or hands on its arguments without reading into them (<c>dict</c>, <c>list</c>, the data of <c>include</c> and <c>tpl</c>).</summary>
    PassesArguments = 1 << 7,

    /// <summary>
    /// Needs the render: runs the named template of its first argument with its second as dot (<c>include</c>). Its result
    /// is a function of the template, the data and what the functions it calls declare.
    /// </summary>
    IncludesTemplate = 1 << 8,

    /// <summary>Needs the render: parses its first argument as a template and runs it (<c>tpl</c>).</summary>
    RendersText = 1 << 9,

    /// <summary>
    /// Decodes the document text of its one argument (<c>fromYaml</c>, <c>fromJson</c>): a decoded tree may be handed to
    /// several calls with the same text while nobody writes into it.
    /// </summary>
    DecodesText = 1 << 10,
}

/// <summary>Questions caches ask of <see cref="FunctionEffects"/>.</summary>
public static class FunctionEffectsExtensions
{
    /// <summary>True when a call cannot be repeated with the same result: undeclared, or it reads outside its arguments.</summary>
    public static bool IsImpure(this FunctionEffects e) => e == FunctionEffects.Undeclared || (e & FunctionEffects.ReadsOutside) != 0;

    /// <summary>True when any of <paramref name="flags"/> is declared.</summary>
    public static bool Has(this FunctionEffects e, FunctionEffects flags) => (e & flags) != 0;
}
