namespace HelmSharp.Template.Exec;

/// <summary>
/// One render: made by the caller and handed to execution (<see cref="TemplateSet"/> itself keeps nothing of a render).
/// Every execution started from it — the top-level ones (a chart render's template files) and the <c>include</c>s and
/// <c>tpl</c>s they run — shares its limits and output count, its cancellation, helm's include nesting counts, the include
/// memo, the observer of executions and, in lint mode, the log.
/// </summary>
internal sealed class RenderContext(TemplateSet set, CancellationToken ct)
{
    private Dictionary<string, int>? _includedNames;
    private Dictionary<string, object?>? _state;

    /// <summary>The set whose templates execute (its options are the render's limits).</summary>
    public TemplateSet Set { get; } = set;

    /// <summary>Cancellation of the render.</summary>
    public CancellationToken CancellationToken { get; } = ct;

    /// <summary>
    /// The include memo (see <see cref="Caching.IncludeMemo"/>): one kept by the caller for the whole render, or — for a
    /// set whose <c>include</c> memoizes but whose caller keeps none — made on the first memoized call.
    /// </summary>
    public Caching.MemoState? Memo { get; set; }

    /// <summary>Told how executions use values (field reads, function arguments, printed and ranged values); null: nobody asks.</summary>
    public IExecutionObserver? Observer { get; init; }

    /// <summary>helm's lint mode: <c>required</c> and <c>fail</c> write here instead of failing (null: an ordinary render).</summary>
    public List<string>? LintLog { get; init; }

    /// <summary>helm's <c>includedNames</c>: how deep each template name is nested in <c>include</c> calls right now.</summary>
    public Dictionary<string, int> IncludedNames => _includedNames ??= new(StringComparer.Ordinal);

    /// <summary>The state bag of <see cref="Functions.IFunctionContext.RenderState"/>, for functions of other origin.</summary>
    public Dictionary<string, object?> RenderState => _state ??= new(StringComparer.Ordinal);

    /// <summary>Bytes written by the running top-level execution (the output limit is per top-level execution).</summary>
    public long BytesWritten;
    public int NestedExecutions;
    /// <summary>The innermost execution running (diagnostics: the call stack of an error walks its parents).</summary>
    internal ExecState? Current;

    /// <summary>Starts a top-level execution: its output is counted from zero.</summary>
    public void BeginTopLevel() => BytesWritten = 0;

    /// <summary>Counts <paramref name="bytes"/> of output against the set's limit (if any); throws when it is exceeded.</summary>
    public void CountOutput(long bytes)
    {
        if (Set.Options.MaxOutputBytes is not long max) return;
        BytesWritten += bytes;
        if (BytesWritten > max) throw new TemplateLimitException("template: output exceeds the limit of " + max + " bytes");
    }
}
