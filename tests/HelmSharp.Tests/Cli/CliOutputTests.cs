using System.Security.Cryptography;
using NUnit.Framework;

namespace HelmSharp.Tests.Cli;

/// <summary>
/// CLI behaviour the golden corpus cannot record (files written by <c>--output-dir</c>, <c>--debug</c>
/// whose stderr carries absolute paths and timestamps). Expected values come from the pinned binaries.
/// </summary>
[TestFixture]
[NonParallelizable] // relative chart paths: the working directory is the repository root
public class CliOutputTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => RepoWorkingDirectory.Cli(args);

    // sha256 of every file `helm template x testdata/charts/crds-hooks --output-dir DIR --include-crds`
    // wrote (helm v4.1.4 and v3.17.3 wrote identical files).
    private static readonly (string Path, string Sha256)[] s_outputDirFiles =
    [
        ("crds-hooks/charts/sub/crds/subthings.yaml", "858fce358cb26f920a5d97617939195d2db136134c268a50dbd61477a3969179"),
        ("crds-hooks/charts/sub/templates/cm.yaml", "60573ff0331ea4f241433451028d802c6a85cd10e48708713fd2b4f7b154307d"),
        ("crds-hooks/crds/Json.JSON", "fc277f577dd87dee073199cde2209be04162cab66f941dcdddc0f3f45b483528"),
        ("crds-hooks/crds/nested/multi.yml", "2bde8a198b9e968b02af29a32668f8c27e70ba1abb487378600978afa337fe3f"),
        ("crds-hooks/crds/widgets.yaml", "dee52c48deb9fa71aa76e474cab836d00e08ae51724ffebb690e4687e860a2b9"),
        ("crds-hooks/templates/hooks.yaml", "0d6e7c28f3439dad6bab310fbd967fe664b5367e79c9645dc653c3ba22ca777f"),
        ("crds-hooks/templates/service.yaml", "521e2319427c1708436d27db471e349cbbdb8a352f301f3a19eeb150c6bb7e65"),
        ("crds-hooks/templates/tests/test-a.yaml", "bd124c7fbc0808f3506f58ea00dca313a5433c30124f1fdf03e5dcfa879b93da"),
        ("crds-hooks/templates/tests/test-success.yaml", "81225ce2784886df8a27febad08eed8df26c1655b521840b33b5f36e2adf9b3a"),
        ("crds-hooks/templates/widget.yaml", "d662ea11a20feba87926680c76d2a4e0d9642ca4593284f780c0ef02101fd110"),
    ];

    [TestCase(4)]
    [TestCase(3)]
    public void OutputDirWritesTheFilesHelmWrites(int major)
    {
        var dir = Path.Combine(Path.GetTempPath(), "helmsharp-outdir-" + Guid.NewGuid().ToString("N"));
        try
        {
            var args = new List<string> { "template", "x", "testdata/charts/crds-hooks", "--output-dir", dir, "--include-crds" };
            if (major == 3) args.Add("--helm3");
            var (exit, stdout, _) = Run([.. args]);
            Assert.That(exit, Is.EqualTo(0));
            // helm prints one "wrote" line per document (14 here) and then the empty release manifest line.
            Assert.That(stdout.Split('\n').Count(l => l.StartsWith("wrote " + dir + "/crds-hooks/", StringComparison.Ordinal)), Is.EqualTo(14));
            Assert.That(stdout, Does.EndWith("wrote " + dir + "/crds-hooks/templates/tests/test-success.yaml\n\n"));
            var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            Assert.That(files, Is.EqualTo(s_outputDirFiles.Select(f => f.Path).ToArray()));
            foreach (var (path, sha) in s_outputDirFiles)
            {
                var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, path))));
                Assert.That(actual, Is.EqualTo(sha), path);
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [TestCase(4)]
    [TestCase(3)]
    public void DebugPrintsTheEmptyReleaseManifestOnARenderError(int major)
    {
        // helm template golden testdata/charts/err-fail -f testdata/charts/err-fail.values/bad-mode.yaml --debug
        // printed "\n" on stdout (both majors) and ended stderr with the bare error (no "Use --debug" hint).
        var args = new List<string> { "template", "golden", "testdata/charts/err-fail", "-f", "testdata/charts/err-fail.values/bad-mode.yaml", "--debug" };
        if (major == 3) args.Add("--helm3");
        var (exit, stdout, stderr) = Run([.. args]);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Is.EqualTo("\n"));
        Assert.That(stderr, Does.EndWith("Error: execution error at (err-fail/templates/validate.yaml:5:4): \nVALUES VALIDATION:\n  mode must be standalone or cluster\n"));
    }

    [Test]
    public void DebugPrintsTheRenderedFilesOnAYamlError()
    {
        // helm (both majors) printed every non-empty rendered file as "---\n# Source: NAME\nCONTENT\n" before
        // the YAML error; the order is Go map order, so only the pieces are checked.
        var (exit, stdout, stderr) = Run("template", "golden", "testdata/charts/err-bad-yaml", "-f", "testdata/charts/err-bad-yaml.values/broken.yaml", "--debug");
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.StartWith("---\n# Source: err-bad-yaml/templates/"));
        // The file is printed exactly as rendered, its final newline included (helm printed a blank line after it).
        Assert.That(stdout, Does.Contain("---\n# Source: err-bad-yaml/templates/ok.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: golden\n\n---"));
        Assert.That(stdout, Does.Contain("---\n# Source: err-bad-yaml/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\n"));
        Assert.That(stderr, Does.EndWith("Error: YAML parse error on err-bad-yaml/templates/cm.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context\n"));
    }
    [Test]
    public void ChartGivenAsTgzLoadsFromTheArchive()
    {
        // helm template x testdata/charts/packaged-deps/charts/alpha-1.2.0.tgz -n prod (helm v4.1.4 / v3.17.3):
        // the packaged chart loads and fails on its include of a sibling's template, exit 1, empty stdout.
        var (exit4, out4, err4) = Run("template", "x", "testdata/charts/packaged-deps/charts/alpha-1.2.0.tgz", "-n", "prod");
        Assert.That(exit4, Is.EqualTo(1));
        Assert.That(out4, Is.Empty);
        Assert.That(err4, Is.EqualTo("Error: alpha/templates/cm.yaml:7:13\n  executing \"alpha/templates/cm.yaml\" at <include \"gamma.stamp\" .>:\n    error calling include:\ntemplate: no template \"gamma.stamp\" associated with template \"gotpl\"\n\nUse --debug flag to render out invalid YAML\n"));
        var (exit3, out3, err3) = Run("template", "x", "testdata/charts/packaged-deps/charts/alpha-1.2.0.tgz", "-n", "prod", "--helm3");
        Assert.That(exit3, Is.EqualTo(1));
        Assert.That(out3, Is.Empty);
        Assert.That(err3, Is.EqualTo("Error: template: alpha/templates/cm.yaml:7:13: executing \"alpha/templates/cm.yaml\" at <include \"gamma.stamp\" .>: error calling include: template: no template \"gamma.stamp\" associated with template \"gotpl\"\n\nUse --debug flag to render out invalid YAML\n"));
    }
}
