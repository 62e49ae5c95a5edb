using System.Diagnostics;

namespace HelmSharp.Values;

/// <summary>
/// The limits one values.schema.json validation runs under: wall-clock time, evaluation steps (each subschema applied
/// to a value is one step), nesting depth, and the number of errors kept. A breach ends the validation with a
/// <see cref="SchemaLimitException"/> naming the limit; nothing a schema or a value holds can make it run away.
/// </summary>
internal sealed class SchemaLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static SchemaLimits Default { get; } = new();

    /// <summary>Wall-clock budget of one chart's schema validation.</summary>
    public TimeSpan Time { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Most subschema evaluations (schema node applied to a value) of one validation.</summary>
    public long Steps { get; init; } = 20_000_000;
    /// <summary>Deepest nesting of subschema evaluations (through properties, items, $ref, allOf, ...).</summary>
    public int Depth { get; init; } = 2_000;
    /// <summary>Most errors collected before validation stops.</summary>
    public int Errors { get; init; } = 100_000;
    /// <summary>Optional cancellation from the caller.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>Thrown when a schema validation hits one of its <see cref="SchemaLimits"/>.</summary>
public sealed class SchemaLimitException(string message) : HelmSharpException(message);

internal sealed class SchemaBudget(SchemaLimits limits)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _steps;
    private int _errors;

    public SchemaLimits Limits { get; } = limits;

    /// <summary>Counts one evaluation step at <paramref name="depth"/>; throws when a limit is passed.</summary>
    public void Step(int depth)
    {
        if (++_steps > Limits.Steps)
            throw new SchemaLimitException($"schema validation stopped: more than {Limits.Steps} evaluation steps");
        if (depth > Limits.Depth || !HelmSharp.Go.StackGuard.Check())
            throw new SchemaLimitException($"schema validation stopped: nesting deeper than {Limits.Depth} levels");
        if ((_steps & 1023) == 0) CheckTime();
    }

    public void CheckTime()
    {
        if (Limits.Cancellation.IsCancellationRequested)
            throw new SchemaLimitException("schema validation stopped: cancelled");
        if (_clock.Elapsed > Limits.Time)
            throw new SchemaLimitException($"schema validation stopped: time budget of {Limits.Time.TotalSeconds:0.###}s exceeded");
    }

    public void Error()
    {
        if (++_errors > Limits.Errors)
            throw new SchemaLimitException($"schema validation stopped: more than {Limits.Errors} errors");
    }
}
