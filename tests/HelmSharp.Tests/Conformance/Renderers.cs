using System.Diagnostics;

namespace HelmSharp.Tests.Conformance;

/// <summary>
/// The default renderer: writes the case chart to a temp dir and calls the CLI in-process,
/// <c>HelmSharp.Cli.Program.Run(["template", "case", dir, ..args] (+ "--helm3"), stdout, stderr)</c>.
/// </summary>
public sealed class CliCaseRenderer : ICaseRenderer
{
    /// <inheritdoc/>
    public CaseResult Render(CaseSpec spec, int helmMajor)
    {
        string tmp = CaseChart.NewTempDir();
        try
        {
            string chartDir = Path.Combine(tmp, "case");
            CaseChart.Write(spec, chartDir);
            var args = new List<string> { "template", "case", chartDir };
            args.AddRange(spec.Args);
            if (helmMajor == 3) args.Add("--helm3");
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            int exit = HelmSharp.Cli.Program.Run([.. args], stdout, stderr);
            return new CaseResult(exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            CaseChart.TryDelete(tmp);
        }
    }
}

/// <summary>
/// Runs the real helm binary (live differential mode, <c>HELMSHARP_LIVE=1</c>): same chart layout and
/// pinned environment as scripts/regen-cases.py. Binaries: <c>$HELMSHARP_HELM4</c>/<c>$HELMSHARP_HELM3</c>
/// or <c>.helm/v4/helm</c>/<c>.helm/v3/helm</c> under the repository root.
/// </summary>
public sealed class HelmBinaryCaseRenderer(string repoRoot) : ICaseRenderer
{
    /// <summary>The helm binary used for <paramref name="helmMajor"/>.</summary>
    public string HelmPath(int helmMajor) =>
        Environment.GetEnvironmentVariable($"HELMSHARP_HELM{helmMajor}") is { Length: > 0 } p
            ? p
            : Path.Combine(repoRoot, ".helm", $"v{helmMajor}", "helm");

    /// <inheritdoc/>
    public CaseResult Render(CaseSpec spec, int helmMajor)
    {
        string tmp = CaseChart.NewTempDir();
        try
        {
            string home = Path.Combine(tmp, "home");
            Directory.CreateDirectory(home);
            string chartDir = Path.Combine(tmp, "case");
            CaseChart.Write(spec, chartDir);
            var psi = new ProcessStartInfo(HelmPath(helmMajor))
            {
                WorkingDirectory = home,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add("template");
            psi.ArgumentList.Add("case");
            psi.ArgumentList.Add(chartDir);
            foreach (string a in spec.Args) psi.ArgumentList.Add(a);
            psi.Environment.Clear();
            psi.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
            psi.Environment["HOME"] = home;
            psi.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
            psi.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
            psi.Environment["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share");
            psi.Environment["KUBECONFIG"] = Path.Combine(home, "no-kubeconfig");
            psi.Environment["TZ"] = "UTC";
            psi.Environment["LANG"] = "C";
            psi.Environment["LC_ALL"] = "C";
            using var p = Process.Start(psi)!;
            p.StandardInput.Close();
            var outTask = p.StandardOutput.ReadToEndAsync();
            var errTask = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"helm v{helmMajor} timed out on {spec}");
            }
            return new CaseResult(p.ExitCode, outTask.Result, errTask.Result);
        }
        finally
        {
            CaseChart.TryDelete(tmp);
        }
    }
}
