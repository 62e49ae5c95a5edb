using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using HelmSharp.Charts;
using HelmSharp.Crypto;
using HelmSharp.Rendering;

namespace HelmSharp.Benchmarks;

/// <summary>The benchmark chart shapes of scripts/gen-bench-charts.py, generated on demand under $TMPDIR/helmsharp-bench.</summary>
internal static class BenchShapes
{
    public static readonly string[] All = ["include", "toyaml", "range", "tpl", "bigvalues", "crds"];

    public static string ChartPath(string shape, int n)
    {
        var dir = Path.Combine(Path.GetTempPath(), "helmsharp-bench", "shape-" + shape + "-" + n);
        if (Directory.Exists(dir) && File.Exists(Path.Combine(dir, "Chart.yaml"))) return dir;
        var psi = new System.Diagnostics.ProcessStartInfo("python3") { UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(BenchCharts.RepoRoot(), "scripts", "gen-bench-charts.py"));
        psi.ArgumentList.Add(shape);
        psi.ArgumentList.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(dir);
        using var p = System.Diagnostics.Process.Start(psi)!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("gen-bench-charts.py failed");
        return dir;
    }
}

/// <summary>
/// Every chart shape of the suite at N = 500 and 2000: what one CLI run does in-process (load, compile, render
/// once) and a warm render of the compiled chart. The whole-process comparison with helm is scripts/compare-bench.py.
/// </summary>
[MemoryDiagnoser]
public class ShapeBenchmarks
{
    [ParamsSource(nameof(Shapes))]
    public string Shape = "";

    [Params(500, 2000)]
    public int N;

    public static IEnumerable<string> Shapes => BenchShapes.All;

    private string _dir = "";
    private CompiledChart _compiled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = BenchShapes.ChartPath(Shape, N);
        _compiled = HelmChart.Compile(ChartLoader.Load(_dir, 4));
        _compiled.Render(new TemplateRequest());
    }

    /// <summary>Load from disk, compile, render once (the CLI's work without process start and output).</summary>
    [Benchmark]
    public int Cold() => HelmChart.Compile(ChartLoader.Load(_dir, 4)).Render(new TemplateRequest()).Output.Length;

    /// <summary>Render the compiled chart again with the same values.</summary>
    [Benchmark]
    public int Warm() => _compiled.Render(new TemplateRequest()).Output.Length;
}

/// <summary>
/// RSA key generation as the key functions see it: HelmSharp's generator (<c>RsaKeyGenerator</c>: sieved prime
/// search over OpenSSL's big numbers, Go's Miller–Rabin rounds) on one core and on all of them, against the
/// platform's <c>RSA.Create</c> (OpenSSL 3's SP 800-56B generator on Linux), for the 2048-bit keys of
/// <c>genCA</c>/<c>genSelfSignedCert</c>/<c>genSignedCert</c> and the 4096-bit keys of <c>genPrivateKey "rsa"</c>;
/// and the export/import steps around them. Key generation time is random (a prime search): use many iterations.
/// </summary>
[MemoryDiagnoser]
public class KeyGenerationBenchmarks
{
    private RSA _key = null!;
    private byte[] _pkcs1 = [];

    [Params(2048, 4096)]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = RsaKeyGenerator.GeneratePlatform(2048);
        _pkcs1 = _key.ExportRSAPrivateKey();
    }

    [Benchmark(Baseline = true)]
    public int Platform()
    {
        using var k = RsaKeyGenerator.GeneratePlatform(Bits);
        return k.KeySize;
    }

    [Benchmark]
    public int OwnOneCore()
    {
        using var k = RsaKeyGenerator.Generate(Bits, workers: 1);
        return k.KeySize;
    }

    [Benchmark]
    public int OwnAllCores()
    {
        using var k = RsaKeyGenerator.Generate(Bits);
        return k.KeySize;
    }

    [Benchmark]
    public int ExportPkcs1Pem() => CertificateFunctions.PemEncode("RSA PRIVATE KEY", _key.ExportRSAPrivateKey()).Length;

    [Benchmark]
    public int ImportPkcs1()
    {
        using var k = RSA.Create();
        k.ImportRSAPrivateKey(_pkcs1, out _);
        return k.KeySize;
    }
}
