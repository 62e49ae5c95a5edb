using System.Text.RegularExpressions;

namespace HelmSharp.Go;

/// <summary>
/// A regular expression run on .NET's backtracking engine under a short match time limit, and on the linear-time
/// <see cref="RegexOptions.NonBacktracking"/> engine from the first match that runs past it. Both engines accept the
/// same patterns here (no lookarounds, backreferences or atomic groups) and report the same matches; what differs is
/// the cost: the backtracking interpreter is built in microseconds but can take exponential time on a hostile
/// pattern or input, the linear engine is safe but takes milliseconds to build (its symbolic automaton) — most of
/// a small chart's render when a constraint check or a <c>regexMatch</c> builds one.
/// </summary>
/// <remarks>
/// The time lost to a hostile pattern is one slice per expression, and at most <see cref="MaxSlicesLost"/> slices per
/// process (6.4 s): after that many timeouts every expression goes straight to the linear engine. The slice is long
/// enough that a machine under load does not cut ordinary matches short: the two engines agree except on the
/// priority of some lazy quantifiers, where the backtracking engine is the one that agrees with Go's RE2 (three
/// generated regex cases in testdata/cases/functions/regex-fuzz*.cases), so the output must not depend on which one
/// ran for any but hostile expressions.
/// </remarks>
internal sealed class BacktrackFirstRegex
{
    /// <summary>How long one match may run on the backtracking engine, in milliseconds.</summary>
    internal const int SliceMilliseconds = 100;
    /// <inheritdoc cref="SliceMilliseconds"/>
    internal static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(SliceMilliseconds);
    /// <summary>Timeouts after which the process stops trying the backtracking engine.</summary>
    internal const int MaxSlicesLost = 64;
    private static int s_slicesLost;

    private readonly Regex _backtracking;
    private readonly Func<Regex> _buildLinear;
    private Regex? _linear;
    private volatile bool _timedOut;

    /// <summary>
    /// <paramref name="backtracking"/> is the pattern on the backtracking engine with a match timeout of
    /// <see cref="Slice"/> (e.g. a <c>[GeneratedRegex]</c> with that timeout); <paramref name="buildLinear"/>
    /// builds its linear-time form, called only when needed.
    /// </summary>
    public BacktrackFirstRegex(Regex backtracking, Func<Regex> buildLinear)
    {
        _backtracking = backtracking;
        _buildLinear = buildLinear;
    }

    /// <summary>A pattern whose linear form is <paramref name="pattern"/> with <see cref="RegexOptions.NonBacktracking"/> added.</summary>
    public BacktrackFirstRegex(Regex backtracking, string pattern, RegexOptions options)
        : this(backtracking, () => new Regex(pattern, options | RegexOptions.NonBacktracking)) { }

    /// <summary>Whether the next match runs on the backtracking engine.</summary>
    public bool OnBacktracking => !_timedOut && Volatile.Read(ref s_slicesLost) < MaxSlicesLost;

    /// <summary>The linear-time engine's form (built on first use).</summary>
    public Regex Linear => _linear ??= _buildLinear();

    /// <summary>Whether <paramref name="regex"/> is this expression's backtracking form.</summary>
    public bool IsBacktracking(Regex regex) => ReferenceEquals(regex, _backtracking);

    /// <summary>
    /// Runs <paramref name="match"/> (which must finish its work with the regex it is given: no lazy match
    /// collections may escape) on the backtracking engine, or on the linear one if that timed out.
    /// </summary>
    public T Run<T>(Func<Regex, T> match)
    {
        if (OnBacktracking)
        {
            try { return match(_backtracking); }
            catch (RegexMatchTimeoutException)
            {
                _timedOut = true;
                Interlocked.Increment(ref s_slicesLost);
            }
        }
        return match(Linear);
    }

    /// <summary>Whether <paramref name="input"/> contains a match.</summary>
    public bool IsMatch(string input) => Run(r => r.IsMatch(input));
}
