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
/// RSA key generation as the key functions see it: one 2048-bit key made on the calling thread (RSA.Create is lazy
/// on OpenSSL: the key is made on first use), six in a row from the pool (genCA/genSignedCert in a chart), and the
/// export/import steps around it.
/// </summary>
[MemoryDiagnoser]
public class KeyGenerationBenchmarks
{
    private RSA _key = null!;
    private byte[] _pkcs1 = [];

    [GlobalSetup]
    public void Setup()
    {
        _key = KeyPool.GenerateRsa(2048);
        _pkcs1 = _key.ExportRSAPrivateKey();
    }

    [Benchmark]
    public int Generate2048Inline()
    {
        using var k = KeyPool.GenerateRsa(2048);
        return k.KeySize;
    }

    [Benchmark]
    public int SixFromPool2048()
    {
        int s = 0;
        for (int i = 0; i < 6; i++)
        {
            using var k = KeyPool.TakeRsa(2048);
            s += k.KeySize;
        }
        return s;
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
