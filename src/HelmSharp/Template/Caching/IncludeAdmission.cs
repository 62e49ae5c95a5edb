namespace HelmSharp.Template.Caching;

/// <summary>
/// Which <c>include</c> results a compiled chart's renders store. A stored result costs memory for the whole render
/// (and garbage-collector work, since it outlives young collections); a define whose results are never reused — the
/// one that renders a whole resource, say — is better not stored. Every 16th render stores everything and counts, per
/// define name, results stored and reused; the renders in between skip the names stored at least 16 times and never
/// reused. Only what is cached changes, never what is rendered.
/// </summary>
internal sealed class IncludeAdmission
{
    private const int ProfileEvery = 16;
    private const int MinStores = 16;
    private int _renders;
    private HashSet<string>? _cold;
    private volatile bool _coldFiles;

    /// <summary>Prepares <paramref name="memo"/> for a render.</summary>
    public void Begin(MemoState memo)
    {
        bool profile = (Interlocked.Increment(ref _renders) - 1) % ProfileEvery == 0;
        memo.Admit(profile ? null : Volatile.Read(ref _cold), !profile && _coldFiles, profile);
    }

    /// <summary>The names not stored by the renders between profiling ones (empty before any profile).</summary>
    public IReadOnlyCollection<string> Cold => (IReadOnlyCollection<string>?)Volatile.Read(ref _cold) ?? [];

    /// <summary>True when results of including template files are not stored (none was reused in the last profile).</summary>
    public bool ColdFiles => _coldFiles;

    /// <summary>Learns from a finished render (a profiling one).</summary>
    public void End(MemoState memo)
    {
        if (memo.Profile is not { } profile) return;
        var cold = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, (stores, hits)) in profile)
            if (hits == 0 && stores >= MinStores) cold.Add(name);
        Volatile.Write(ref _cold, cold.Count > 0 ? cold : null);
        var (fileStores, fileHits) = memo.FileProfile;
        _coldFiles = fileHits == 0 && fileStores >= MinStores;
    }
}
