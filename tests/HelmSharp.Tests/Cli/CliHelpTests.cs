using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace HelmSharp.Tests.Cli;

/// <summary>
/// helmsharp's help, version and command-line errors against what the pinned helm binaries print for the same
/// arguments (testdata/cli/cli.expected.json, written by scripts/regen-cli.py with its documented adaptation:
/// the program name, helmsharp's commands and flags, its own root and version descriptions).
/// </summary>
[TestFixture]
[NonParallelizable] // relative chart paths: the working directory is the repository root
public class CliHelpTests
{
    public sealed record Case(string Name, int Major, string[] Args, string Compare, int Exit, string Stdout, string Stderr)
    {
        public override string ToString() => $"{Name} (helm {Major})";
    }

    public static IEnumerable<Case> Cases()
    {
        var path = Path.Combine(HelmSharp.Tests.Charts.Golden.ChartGoldenTests.RepositoryRoot(), "testdata", "cli", "cli.expected.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = HelmSharp.Tests.Charts.Golden.ChartGoldenTests.RepositoryRoot();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            yield return new Case(c.GetProperty("name").GetString()!, c.GetProperty("major").GetInt32(),
                c.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray(), c.GetProperty("compare").GetString()!,
                c.GetProperty("exit").GetInt32(), c.GetProperty("stdout").GetString()!.Replace("<ROOT>", root),
                c.GetProperty("stderr").GetString()!.Replace("<ROOT>", root));
        }
    }

    private static (int Exit, string Out, string Err) Run(string[] args)
    {
        var root = HelmSharp.Tests.Charts.Golden.ChartGoldenTests.RepositoryRoot();
        var saved = Environment.CurrentDirectory;
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        try
        {
            Environment.CurrentDirectory = root;
            var exit = HelmSharp.Cli.Program.Run(args, stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally { Environment.CurrentDirectory = saved; }
    }

    [TestCaseSource(nameof(Cases))]
    public void PrintsWhatHelmPrints(Case c)
    {
        var args = c.Major == 3 ? [.. c.Args, "--helm3"] : c.Args;
        var (exit, stdout, stderr) = Run(args);
        Assert.That(exit, Is.EqualTo(c.Exit), "exit code");
        Assert.That(stderr, Is.EqualTo(c.Stderr), "stderr");
        switch (c.Compare)
        {
            case "exact":
                Assert.That(stdout, Is.EqualTo(c.Stdout), "stdout");
                break;
            case "version":
            {
                // helm: version.BuildInfo{Version:"v4.1.4", GitCommit:"…", …}; helmsharp: the same form with its own fields,
                // and the helm release it reproduces is this binary's.
                var pair = new Regex("(\\w+):\"([^\"]*)\"");
                var helmFields = pair.Matches(c.Stdout).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
                Assert.That(stdout, Does.Match("^version\\.BuildInfo\\{(\\w+:\"[^\"]*\", )*\\w+:\"[^\"]*\"\\}\n$"));
                Assert.That(c.Stdout, Does.Match("^version\\.BuildInfo\\{(\\w+:\"[^\"]*\", )*\\w+:\"[^\"]*\"\\}\n$"));
                var ours = pair.Matches(stdout).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
                Assert.That(ours.Select(f => f.Item1).Take(2), Is.EqualTo(helmFields.Keys.Take(2)), "Version and GitCommit come first, as in helm");
                Assert.That(ours[0].Item2, Does.Match("^v\\d+\\.\\d+\\.\\d+"));
                Assert.That(ours.Single(f => f.Item1 == "HelmVersion").Item2, Is.EqualTo(helmFields["Version"]));
                break;
            }
            case "version-short":
                Assert.That(c.Stdout, Does.Match("^v\\d+\\.\\d+\\.\\d+\\+g[0-9a-f]{7}\n$"));
                Assert.That(stdout, Does.Match("^v\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+g[0-9a-f]{7})?\n$"));
                break;
            case "version-template":
                Assert.That(c.Stdout, Does.Match("^v\\d+\\.\\d+\\.\\d+$"));
                Assert.That(stdout, Does.Match("^v\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$"));
                break;
            default:
                Assert.Fail("unknown comparison " + c.Compare);
                break;
        }
    }

    [Test]
    public void EveryCommandHasAHelpCase()
    {
        // A command added to the CLI must be added to scripts/regen-cli.py (its help then comes from helm's).
        var names = Cases().Where(c => c.Compare == "exact").Select(c => c.Args).ToList();
        foreach (var command in HelmSharp.Cli.Program.Commands)
            Assert.That(names.Any(a => a.SequenceEqual([command.Name, "--help"])), Is.True, command.Name);
    }
}
