using System.Diagnostics;
using System.Text;
using NUnit.Framework;

namespace HelmSharp.Tests.Lint;

/// <summary>
/// Live differential mode for the lint corpus (only when <c>HELMSHARP_LIVE=1</c>): every case runs through the
/// pinned helm binary exactly as scripts/regen-lint.py runs it, and the committed goldens must still be what it prints.
/// Binaries: <c>$HELMSHARP_HELM4</c>/<c>$HELMSHARP_HELM3</c> or <c>.helm/v4/helm</c>/<c>.helm/v3/helm</c>.
/// </summary>
[TestFixture]
public sealed class LintLiveOracleTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        if (Environment.GetEnvironmentVariable("HELMSHARP_LIVE") != "1") yield break;
        foreach (var c in LintGoldenTests.Cases()) yield return c;
    }

    [TestCaseSource(nameof(Cases))]
    public void GoldensAreCurrent(LintGoldenTests.LintCase c)
    {
        var root = LintGoldenTests.Root;
        var golden = Path.Combine(root, "testdata", "lint", "golden", $"{c.Name}.helm{c.HelmMajor}");
        var (args, _) = LintGoldenTests.ReadArgs(Path.Combine(root, "testdata", "lint", "cases", c.Name + ".args"));
        var helm = Environment.GetEnvironmentVariable($"HELMSHARP_HELM{c.HelmMajor}") is { Length: > 0 } p
            ? p : Path.Combine(root, ".helm", $"v{c.HelmMajor}", "helm");
        var tmp = Directory.CreateTempSubdirectory("lint-live-").FullName;
        try
        {
            var psi = new ProcessStartInfo(helm)
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add("lint");
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment.Clear();
            psi.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
            psi.Environment["HOME"] = tmp;
            psi.Environment["XDG_CACHE_HOME"] = Path.Combine(tmp, "cache");
            psi.Environment["XDG_CONFIG_HOME"] = Path.Combine(tmp, "config");
            psi.Environment["XDG_DATA_HOME"] = Path.Combine(tmp, "data");
            psi.Environment["KUBECONFIG"] = Path.Combine(tmp, "no-kubeconfig");
            psi.Environment["TMPDIR"] = "/tmp";
            psi.Environment["TZ"] = "UTC";
            psi.Environment["LANG"] = "C";
            psi.Environment["LC_ALL"] = "C";
            using var proc = Process.Start(psi)!;
            proc.StandardInput.Close();
            var outTask = proc.StandardOutput.ReadToEndAsync();
            var errTask = proc.StandardError.ReadToEndAsync();
            Assert.That(proc.WaitForExit(TimeSpan.FromSeconds(120)), Is.True, $"helm v{c.HelmMajor} timed out on {c}");
            Assert.Multiple(() =>
            {
                Assert.That(proc.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", Is.EqualTo(File.ReadAllText(golden + ".exit")));
                Assert.That(LintGoldenTests.Normalise(outTask.Result), Is.EqualTo(Read(golden + ".out")));
                Assert.That(LintGoldenTests.Normalise(errTask.Result), Is.EqualTo(Read(golden + ".err")));
            });
        }
        finally
        {
            try { Directory.Delete(tmp, recursive: true); }
            catch (IOException) { }
        }
    }

    private static string Read(string path) => new UTF8Encoding(false, false).GetString(File.ReadAllBytes(path));
}
