using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using HelmSharp.Charts;
using HelmSharp.Rendering;
using NUnit.Framework;

namespace HelmSharp.Tests.Safety;

/// <summary>Helpers for hostile-input tests: in-memory and temp charts, and bounded execution (a hang fails the test, not the run).</summary>
internal static class Hostile
{
    public const string ChartYaml = "apiVersion: v2\nname: c\nversion: 0.1.0\n";

    /// <summary>Generous bound for one hostile operation on a loaded 2-core machine.</summary>
    public const int DefaultSeconds = 120;

    public static Chart Mem(int major, params (string Name, string Text)[] files)
    {
        var list = new List<KeyValuePair<string, byte[]>> { new("Chart.yaml", Encoding.UTF8.GetBytes(ChartYaml)) };
        foreach (var (n, t) in files) list.Add(new(n, Encoding.UTF8.GetBytes(t)));
        return ChartLoader.LoadFiles(list, major);
    }

    /// <summary>A chart with one template <c>templates/a.yaml</c> and an optional values.yaml.</summary>
    public static Chart Tpl(string template, string? values = null, int major = 4) =>
        values == null ? Mem(major, ("templates/a.yaml", template)) : Mem(major, ("templates/a.yaml", template), ("values.yaml", values));

    /// <summary>Runs <paramref name="f"/> on its own thread; fails the test if it does not finish in time.</summary>
    public static T Bounded<T>(Func<T> f, int seconds = DefaultSeconds)
    {
        var task = Task.Factory.StartNew(f, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!task.Wait(TimeSpan.FromSeconds(seconds))) Assert.Fail($"did not finish within {seconds}s (hang)");
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return task.Result;
    }

    public static string Render(Chart c, TemplateRequest? r = null, int seconds = DefaultSeconds) =>
        Bounded(() => HelmTemplate.Render(c, r ?? new TemplateRequest()).Output, seconds);

    /// <summary>The <see cref="HelmTemplateException"/> message of a render that must fail cleanly.</summary>
    public static string RenderError(Chart c, TemplateRequest? r = null, int seconds = DefaultSeconds) =>
        Bounded(() =>
        {
            try
            {
                HelmTemplate.Render(c, r ?? new TemplateRequest());
                return "<no error>";
            }
            catch (HelmTemplateException e) { return e.Message; }
        }, seconds);

    /// <summary>The CLI (<c>helmsharp template ...</c>) with captured streams.</summary>
    public static (int Rc, string Out, string Err) RunCli(params string[] args) =>
        Bounded(() =>
        {
            var o = new StringWriter { NewLine = "\n" };
            var e = new StringWriter { NewLine = "\n" };
            int rc = HelmSharp.Cli.Program.Run(args, o, e);
            return (rc, o.ToString(), e.ToString());
        });

    /// <summary>Writes a chart directory (Chart.yaml added) under a fresh temp directory; returns its path.</summary>
    public static string WriteChart(params (string Name, string Text)[] files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "hs-safety-" + Guid.NewGuid().ToString("N"), "c");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "Chart.yaml"), ChartYaml);
        foreach (var (n, t) in files)
        {
            var p = Path.Combine(dir, n);
            Directory.CreateDirectory(Path.GetDirectoryName(p)!);
            File.WriteAllText(p, t);
        }
        return dir;
    }

    public static void Delete(string chartDir)
    {
        try { Directory.Delete(Path.GetDirectoryName(chartDir)!, true); } catch (IOException) { }
    }

    public static string Sha256(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    public static string Doc(string body) => "---\n# Source: c/templates/a.yaml\n" + body + "\n";
}
