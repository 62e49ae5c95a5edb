using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace HelmSharp.Tests.Lint;

/// <summary>
/// The <c>helm lint</c> golden corpus: every case in testdata/lint/cases × helm major runs through
/// <see cref="HelmSharp.Cli.Program.Run(string[], TextWriter, TextWriter)"/> with the arguments scripts/regen-lint.py gave
/// the pinned helm binary (from the repository root, <c>--helm3</c> added in helm-3 mode), and exit code, stdout and stderr
/// must equal testdata/lint/golden/&lt;case&gt;.helm{4,3}.{exit,out,err} byte for byte, after the normalisation the script
/// applies (the repository root becomes <c>&lt;ROOT&gt;</c>, a temporary <c>helm-lint</c> directory <c>&lt;TMP&gt;</c>).
/// </summary>
[TestFixture]
[NonParallelizable] // the CLI sees relative paths (as helm did): the working directory is the repository root
public sealed partial class LintGoldenTests
{
    private static readonly object CwdLock = new();

    /// <summary>One golden case: the case name and helm major.</summary>
    public sealed record LintCase(string Name, int HelmMajor)
    {
        public override string ToString() => $"{Name}/helm{HelmMajor}";
    }

    internal static string Root => Conformance.Corpus.RepoRoot;

    public static IEnumerable<TestCaseData> Cases()
    {
        var dir = Path.Combine(Root, "testdata", "lint", "cases");
        var files = Directory.GetFiles(dir, "*.args");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var f in files)
        {
            var name = Path.GetFileNameWithoutExtension(f);
            var (_, only) = ReadArgs(f);
            foreach (var major in new[] { 4, 3 })
            {
                if (only is int o && o != major) continue;
                yield return new TestCaseData(new LintCase(name, major)).SetName($"Lint({name}/helm{major})");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void LintsLikeHelm(LintCase c)
    {
        var golden = Path.Combine(Root, "testdata", "lint", "golden", $"{c.Name}.helm{c.HelmMajor}");
        Assert.That(File.Exists(golden + ".exit"), Is.True, $"missing golden {golden}.exit: run scripts/regen-lint.py {c.Name}");
        var expectedExit = int.Parse(File.ReadAllText(golden + ".exit").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var expectedOut = ReadUtf8(golden + ".out");
        var expectedErr = ReadUtf8(golden + ".err");

        var (args, _) = ReadArgs(Path.Combine(Root, "testdata", "lint", "cases", c.Name + ".args"));
        var argv = new List<string> { "lint" };
        argv.AddRange(args);
        if (c.HelmMajor == 3) argv.Add("--helm3");

        var (exit, stdout, stderr) = RunCli(argv.ToArray());
        var command = "helm " + string.Join(' ', argv);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(expectedExit), $"exit code of `{command}`\nstdout:\n{stdout}\nstderr:\n{stderr}");
            Assert.That(Normalise(stdout), Is.EqualTo(expectedOut), $"stdout of `{command}`");
            Assert.That(Normalise(stderr), Is.EqualTo(expectedErr), $"stderr of `{command}`");
        });
    }

    /// <summary>Runs the CLI from the repository root; returns exit code, stdout and stderr.</summary>
    internal static (int Exit, string Out, string Err) RunCli(string[] argv)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exit;
        lock (CwdLock)
        {
            var saved = Environment.CurrentDirectory;
            try
            {
                Environment.CurrentDirectory = Root;
                exit = HelmSharp.Cli.Program.Run(argv, stdout, stderr);
            }
            finally
            {
                Environment.CurrentDirectory = saved;
            }
        }
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex(@"[^\s'""]*/helm-lint[0-9]+")]
    private static partial Regex TempDir();

    /// <summary>What scripts/regen-lint.py does to helm's output: the repository root and temporary directories made stable.</summary>
    internal static string Normalise(string text) => TempDir().Replace(text.Replace(Root, "<ROOT>", StringComparison.Ordinal), "<TMP>");

    /// <summary>Mirrors read_args in scripts/regen-lint.py: one argument per line, '#' comments, <c>--only N</c>.</summary>
    internal static (List<string> Args, int? Only) ReadArgs(string path)
    {
        var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Trim().Length != 0 && !l.StartsWith('#'))
            .ToList();
        var args = new List<string>();
        int? only = null;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i] == "--only" && i + 1 < lines.Count) { only = int.Parse(lines[++i], System.Globalization.CultureInfo.InvariantCulture); continue; }
            args.Add(lines[i]);
        }
        return (args, only);
    }

    private static string ReadUtf8(string path) =>
        new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(File.ReadAllBytes(path));
}

/// <summary>Sanity checks of the lint corpus itself.</summary>
[TestFixture]
public sealed class LintGoldenCorpusTests
{
    [Test]
    public void EveryCaseHasRecordedGoldens()
    {
        int count = 0;
        foreach (var data in LintGoldenTests.Cases())
        {
            var c = (LintGoldenTests.LintCase)data.Arguments[0]!;
            var golden = Path.Combine(LintGoldenTests.Root, "testdata", "lint", "golden", $"{c.Name}.helm{c.HelmMajor}");
            Assert.That(File.Exists(golden + ".out") && File.Exists(golden + ".err") && File.Exists(golden + ".exit"), Is.True, golden);
            count++;
        }
        Assert.That(count, Is.GreaterThanOrEqualTo(2 * 60), "at least 60 lint cases in both helm modes");
    }

    [Test]
    public void NormalisationMatchesTheRegenerationScript()
    {
        var root = LintGoldenTests.Root;
        Assert.That(LintGoldenTests.Normalise($"[WARNING] {root}/testdata/x: y\n[ERROR] /tmp/helm-lint123456/archived: z"),
            Is.EqualTo("[WARNING] <ROOT>/testdata/x: y\n[ERROR] <TMP>/archived: z"));
    }
}
