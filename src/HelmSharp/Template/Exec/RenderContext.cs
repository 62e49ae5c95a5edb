namespace HelmSharp.Template.Exec;

/// <summary>State shared by every execution started from one top-level <c>Execute</c> (includes, tpl).</summary>
internal sealed class RenderContext(TemplateSet set, CancellationToken ct, Dictionary<string, object?>? state = null)
{
    public TemplateSet Set { get; } = set;
    public CancellationToken CancellationToken { get; } = ct;
    /// <summary>The functions' state (made on first use unless handed in by a caller that shares it between executions).</summary>
    public Dictionary<string, object?> RenderState => state ??= new(StringComparer.Ordinal);
    public long BytesWritten;
    public int NestedExecutions;
    /// <summary>The innermost execution running (diagnostics: the call stack of an error walks its parents).</summary>
    internal ExecState? Current;

    /// <summary>Counts <paramref name="bytes"/> of output against the set's limit (if any); throws when it is exceeded.</summary>
    public void CountOutput(long bytes)
    {
        if (Set.Options.MaxOutputBytes is not long max) return;
        BytesWritten += bytes;
        if (BytesWritten > max) throw new TemplateLimitException("template: output exceeds the limit of " + max + " bytes");
    }
}
