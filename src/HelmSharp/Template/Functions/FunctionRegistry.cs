namespace HelmSharp.Template.Functions;

/// <summary>
/// A name → <see cref="GoFunction"/> map, built once and then shared read-only by every parse and
/// render (Go's <c>FuncMap</c>). Later registrations replace earlier ones, as Helm overrides Sprig.
/// </summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, GoFunction> _functions = new(StringComparer.Ordinal);
    private bool _frozen;

    /// <summary>Adds or replaces a function.</summary>
    public FunctionRegistry Add(GoFunction function)
    {
        if (_frozen) throw new InvalidOperationException("the function registry is frozen");
        _functions[function.Name] = function;
        return this;
    }

    /// <summary>Adds a function under another name (Sprig's aliases such as <c>trimall</c>).</summary>
    public FunctionRegistry Alias(string alias, string existing)
    {
        return Add(_functions[existing].Renamed(alias));
    }

    /// <summary>Removes a function (Helm removes Sprig's <c>env</c> and <c>expandenv</c>).</summary>
    public FunctionRegistry Remove(string name)
    {
        if (_frozen) throw new InvalidOperationException("the function registry is frozen");
        _functions.Remove(name);
        return this;
    }

    /// <summary>Makes the registry read-only; it may then be shared across threads.</summary>
    public FunctionRegistry Freeze() { _frozen = true; return this; }

    /// <summary>Looks up a function by name.</summary>
    public bool TryGet(string name, out GoFunction function) => _functions.TryGetValue(name, out function!);

    /// <summary>True when a function of that name exists.</summary>
    public bool Contains(string name) => _functions.ContainsKey(name);

    /// <summary>Every registered name.</summary>
    public IEnumerable<string> Names => _functions.Keys;

    /// <summary>A copy that can be extended (the copy is not frozen).</summary>
    public FunctionRegistry Clone()
    {
        var r = new FunctionRegistry();
        foreach (var kv in _functions) r._functions[kv.Key] = kv.Value;
        return r;
    }
}
