using System.Text;
using NUnit.Framework;

namespace HelmSharp.Tests.Charts.Golden;

/// <summary>
/// Chart-level golden corpus: every chart in testdata/charts × every value set × helm major is rendered
/// in-process through <see cref="HelmSharp.Cli.Program.Run"/> with the same arguments
/// scripts/regen-charts.py gave the pinned helm binary, and exit code, stdout and stderr must match the
/// recorded testdata/golden/&lt;chart&gt;/&lt;set&gt;.helm{4,3}.{exit,out,err} byte for byte.
/// </summary>
[TestFixture]
[NonParallelizable] // the CLI sees relative paths (as helm did): the working directory is the repository root
public sealed class ChartGoldenTests
{
    private const string DefaultRelease = "golden";
    private static readonly object CwdLock = new();

    /// <summary>One golden case: chart, value set and helm major.</summary>
    public sealed record GoldenCase(string Chart, string ValueSet, int HelmMajor)
    {
        public override string ToString() => $"{Chart}/{ValueSet}/helm{HelmMajor}";
    }

    public static IEnumerable<TestCaseData> Cases()
    {
        var root = RepositoryRoot();
        var charts = Path.Combine(root, "testdata", "charts");
        var chartDirs = Directory.GetDirectories(charts);
        Array.Sort(chartDirs, StringComparer.Ordinal);
        foreach (var dir in chartDirs)
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith('_') || name.EndsWith(".values", StringComparison.Ordinal))
            {
                continue;
            }

            var valuesDir = dir + ".values";
            if (!Directory.Exists(valuesDir))
            {
                continue;
            }

            var sets = Directory.GetFiles(valuesDir, "*.yaml");
            Array.Sort(sets, StringComparer.Ordinal);
            foreach (var setFile in sets)
            {
                var set = Path.GetFileNameWithoutExtension(setFile);
                var parsed = ParseArgsFile(Path.Combine(valuesDir, set + ".args"));
                foreach (var major in new[] { 4, 3 })
                {
                    if (parsed.Only is int only && only != major)
                    {
                        continue;
                    }

                    var c = new GoldenCase(name, set, major);
                    yield return new TestCaseData(c).SetName($"Golden({name}/{set}/helm{major})");
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void RendersLikeHelm(GoldenCase c)
    {
        var root = RepositoryRoot();
        var golden = Path.Combine(root, "testdata", "golden", c.Chart, $"{c.ValueSet}.helm{c.HelmMajor}");
        Assert.That(File.Exists(golden + ".exit"), Is.True, $"missing golden {golden}.exit: run scripts/regen-charts.py");

        var expectedExit = int.Parse(File.ReadAllText(golden + ".exit").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var expectedOut = ReadGoString(golden + ".out");
        var expectedErr = ReadGoString(golden + ".err");

        var args = BuildArgs(root, c);
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exit;
        lock (CwdLock)
        {
            var saved = Environment.CurrentDirectory;
            try
            {
                Environment.CurrentDirectory = root;
                exit = HelmSharp.Cli.Program.Run(args, stdout, stderr);
            }
            finally
            {
                Environment.CurrentDirectory = saved;
            }
        }

        // What the CLI writes to its streams (GoBytesWriter): the Go string's bytes.
        var actualOut = AsWritten(stdout.ToString());
        var actualErr = AsWritten(stderr.ToString());
        var command = "helm " + string.Join(' ', args);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(expectedExit), $"exit code of `{command}`\nstderr:\n{actualErr}");
            Assert.That(actualOut, Is.EqualTo(expectedOut), $"stdout of `{command}`");
            Assert.That(actualErr, Is.EqualTo(expectedErr), $"stderr of `{command}`");
        });
    }

    /// <summary>The argument vector regen-charts.py used, plus <c>--helm3</c> for helm-3 mode.</summary>
    internal static string[] BuildArgs(string root, GoldenCase c)
    {
        var parsed = ParseArgsFile(Path.Combine(root, "testdata", "charts", c.Chart + ".values", c.ValueSet + ".args"));
        var args = new List<string> { "template" };
        if (parsed.Release is not null)
        {
            args.Add(parsed.Release);
        }

        args.Add("testdata/charts/" + c.Chart);
        args.Add("-f");
        args.Add("testdata/charts/" + c.Chart + ".values/" + c.ValueSet + ".yaml");
        args.AddRange(parsed.Args);
        if (c.HelmMajor == 3)
        {
            args.Add("--helm3");
        }

        return args.ToArray();
    }

    private sealed record ArgsFile(string? Release, List<string> Args, int? Only);

    /// <summary>Mirrors read_args in scripts/regen-charts.py.</summary>
    private static ArgsFile ParseArgsFile(string path)
    {
        string? release = DefaultRelease;
        int? only = null;
        var args = new List<string>();
        if (File.Exists(path))
        {
            var lines = new List<string>();
            foreach (var raw in File.ReadAllText(path, Encoding.UTF8).Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.Trim().Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                lines.Add(line);
            }

            for (var i = 0; i < lines.Count; i++)
            {
                var l = lines[i];
                if (l == "--release-name" && i + 1 < lines.Count)
                {
                    release = lines[++i];
                }
                else if (l.StartsWith("--release-name=", StringComparison.Ordinal))
                {
                    release = l["--release-name=".Length..];
                }
                else if (l == "--only" && i + 1 < lines.Count)
                {
                    only = int.Parse(lines[++i], System.Globalization.CultureInfo.InvariantCulture);
                }
                else
                {
                    args.Add(l);
                }
            }
        }

        if (release == "-")
        {
            release = null;
        }

        return new ArgsFile(release, args, only);
    }

    /// <summary>
    /// helm's bytes as the Go string the CLI's writers hold (<see cref="HelmSharp.Go.GoUtf8"/>: bytes that are not
    /// valid UTF-8 are surrogate-escaped), so the comparison is byte for byte, also for output that is not UTF-8.
    /// </summary>
    private static string ReadGoString(string path) => HelmSharp.Go.GoUtf8.GetString(File.ReadAllBytes(path));

    private static string AsWritten(string text) => HelmSharp.Go.GoUtf8.GetString(HelmSharp.Go.GoUtf8.GetBytes(text));

    /// <summary>The repository root (shared finder: <see cref="Conformance.Corpus.RepoRoot"/>).</summary>
    internal static string RepositoryRoot() => Conformance.Corpus.RepoRoot;
}

/// <summary>Sanity checks of the corpus itself (these pass without the renderer).</summary>
[TestFixture]
public sealed class ChartGoldenCorpusTests
{
    [Test]
    public void EveryCaseHasRecordedGoldens()
    {
        var root = ChartGoldenTests.RepositoryRoot();
        var count = 0;
        foreach (var data in ChartGoldenTests.Cases())
        {
            var c = (ChartGoldenTests.GoldenCase)data.Arguments[0]!;
            var golden = Path.Combine(root, "testdata", "golden", c.Chart, $"{c.ValueSet}.helm{c.HelmMajor}");
            Assert.That(File.Exists(golden + ".out") && File.Exists(golden + ".err") && File.Exists(golden + ".exit"), Is.True, golden);
            count++;
        }

        Assert.That(count, Is.GreaterThanOrEqualTo(2 * 2 * 26), "at least 26 charts with two value sets each, two helm majors");
    }

    [Test]
    public void EveryChartHasAtLeastTwoValueSets()
    {
        var root = ChartGoldenTests.RepositoryRoot();
        var charts = Path.Combine(root, "testdata", "charts");
        foreach (var dir in Directory.GetDirectories(charts))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith('_') || name.EndsWith(".values", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.That(Directory.Exists(dir + ".values"), Is.True, name + ".values missing");
            Assert.That(Directory.GetFiles(dir + ".values", "*.yaml"), Has.Length.GreaterThanOrEqualTo(2), name);
        }
    }

    [Test]
    public void ArgumentsMirrorTheRegenerationScript()
    {
        var root = ChartGoldenTests.RepositoryRoot();
        var args = ChartGoldenTests.BuildArgs(root, new ChartGoldenTests.GoldenCase("webapp", "show-only", 3));
        Assert.That(args, Is.EqualTo(new[]
        {
            "template", "testdata/charts/webapp", "-f", "testdata/charts/webapp.values/show-only.yaml",
            "--show-only", "templates/servicemonitor.yaml", "--show-only", "templates/tests/test-connection.yaml",
            "--namespace", "monitoring", "--helm3",
        }));
    }
}
