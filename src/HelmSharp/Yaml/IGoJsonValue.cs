namespace HelmSharp.Go;

/// <summary>
/// Implemented by Go values (structs, named types) that know their <c>encoding/json</c> form:
/// <see cref="ToJsonValue"/> returns the equivalent plain value (maps with string keys, slices,
/// strings, numbers, bools, null) that <c>json.Marshal</c> would produce. Used by <c>toYaml</c>.
/// </summary>
public interface IGoJsonValue
{
    /// <summary>The value as <c>json.Marshal</c> sees it (JSON tags applied, omitempty honoured).</summary>
    object? ToJsonValue();
}
