namespace HelmSharp.Rendering;

/// <summary>The result of a render (<see cref="HelmChart.Render(string, RenderOptions?, CancellationToken)"/>, <see cref="CompiledChart.Render(RenderOptions?, CancellationToken)"/>).</summary>
public sealed class TemplateResult
{
    private readonly OutputText _output;

    internal TemplateResult(OutputText output, List<Manifest> manifests, List<Hook> hooks, IReadOnlyList<KeyValuePair<string, string>> crds, string notes, List<string> log)
    {
        _output = output; Manifests = manifests; Hooks = hooks; Crds = crds; Notes = notes; Log = log;
    }
    /// <summary>Exactly what <c>helm template</c> prints on stdout (joined into one string on first use).</summary>
    /// <remarks>
    /// helm prints bytes, and a chart may put bytes that are not valid UTF-8 into its output (a Latin-1 file in
    /// <c>crds/</c>, a raw string literal, <c>b64dec</c> of binary data). The string holds Go's bytes the way every Go
    /// string of the library does: a byte that is not part of valid UTF-8 is the lone surrogate U+DC00+byte (see
    /// <see cref="HelmSharp.Go.GoUtf8"/>). For valid UTF-8 output (nearly every chart) this is the plain text; to get
    /// helm's exact bytes use <see cref="GetOutputBytes"/> (what the CLI writes), not <c>Encoding.UTF8</c>, which would
    /// turn each such byte into U+FFFD.
    /// </remarks>
    public string Output => _output.ToString();

    /// <summary>Exactly the bytes <c>helm template</c> writes to stdout: <see cref="Output"/> with each escaped byte restored.</summary>
    public byte[] GetOutputBytes() => HelmSharp.Go.GoUtf8.GetBytes(Output);

    /// <summary>Writes <see cref="Output"/> to <paramref name="writer"/> piece by piece, without building the joined string (with the same escapes as <see cref="Output"/>).</summary>
    public void WriteOutput(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _output.WriteTo(writer);
    }
    /// <summary>The rendered manifests in install order.</summary>
    public IReadOnlyList<Manifest> Manifests { get; }
    /// <summary>The hooks (tests included), kind-sorted.</summary>
    public IReadOnlyList<Hook> Hooks { get; }
    /// <summary>CRD files (path, raw content as a Go string, see <see cref="Output"/>), included in <see cref="Output"/> only with <see cref="TemplateRequest.IncludeCrds"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Crds { get; }
    /// <summary>The rendered <c>NOTES.txt</c> of the root chart (helm template does not print it).</summary>
    public string Notes { get; }
    /// <summary>helm's warning/info lines, as it writes them to stderr.</summary>
    public IReadOnlyList<string> Log { get; }
}
