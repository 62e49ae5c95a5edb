using NUnit.Framework;
using System.Text;
using HelmSharp.Charts;
using HelmSharp.Tests.Values;
using HelmSharp.Values;

namespace HelmSharp.Tests.Charts;

public class ChartLoadingTests
{
    internal static Chart Mem(int major, params (string name, string text)[] files) =>
        ChartLoader.LoadFiles(files.Select(f => new KeyValuePair<string, byte[]>(f.name, Encoding.UTF8.GetBytes(f.text))), major);

    [Test]
    public void ClassifiesFilesAndDecodesMetadata()
    {
        // helm v4/v3 template with `appVersion: 1.10` prints .Chart.AppVersion as 1.1
        var c = Mem(4,
            ("Chart.yaml", "apiVersion: v2\nname: c1\nversion: 0.1.0\nappVersion: 1.10\n"),
            ("values.yaml", "replicas: 3\n"),
            ("values.schema.json", "{}"),
            ("templates/a.yaml", "x"),
            ("README.md", "r"),
            ("crds/x.yaml", "c"),
            ("charts/.hidden/Chart.yaml", "nope"));
        Assert.That(c.Metadata.AppVersion, Is.EqualTo("1.1"));
        Assert.That(c.Templates.Select(t => t.Name), Is.EqualTo(new[] { "templates/a.yaml" }));
        Assert.That(c.Files.Select(t => t.Name), Is.EqualTo(new[] { "README.md", "crds/x.yaml" }));
        Assert.That(c.Values["replicas"], Is.EqualTo(3.0));
        Assert.That(c.Schema, Is.Not.Null);
        Assert.That(c.Dependencies, Is.Empty);
    }

    [Test]
    public void Helm4MergesValuesDocumentsHelm3ReadsFirst()
    {
        // values.yaml with a second document `second: doc`: helm v4 prints doc, v3 prints nothing
        var files = new[] { ("Chart.yaml", "apiVersion: v2\nname: c1\nversion: 0.1.0\n"), ("values.yaml", "a: 1\n---\nsecond: doc\n") };
        Assert.That(Mem(4, files).Values["second"], Is.EqualTo("doc"));
        Assert.That(Mem(3, files).Values.ContainsKey("second"), Is.False);
    }

    [TestCase("apiVersion: v2\nversion: 1.0.0\n", "validation: chart.metadata.name is required")]
    [TestCase("apiVersion: v2\nname: x\n", "validation: chart.metadata.version is required")]
    [TestCase("apiVersion: v2\nname: x\nversion: abc\n", "validation: chart.metadata.version \"abc\" is invalid")]
    [TestCase("apiVersion: v2\nname: x\nversion: 1.0.0\ntype: foo\n", "validation: chart.metadata.type must be application or library")]
    public void Validation(string chartYaml, string message)
    {
        var ex = Assert.Throws<ChartException>(() => Mem(4, ("Chart.yaml", chartYaml)));
        Assert.That(ex!.Message, Is.EqualTo(message));
    }

    [Test]
    public void MissingChartYaml()
    {
        var ex = Assert.Throws<ChartException>(() => Mem(4, ("values.yaml", "a: 1")));
        Assert.That(ex!.Message, Is.EqualTo("Chart.yaml file is missing"));
    }

    [Test]
    public void DirectoryWithHelmIgnoreAndSubchart()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hs-charts-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "templates"));
            Directory.CreateDirectory(Path.Combine(dir, "charts", "sub", "templates"));
            Directory.CreateDirectory(Path.Combine(dir, "docs"));
            File.WriteAllText(Path.Combine(dir, "Chart.yaml"), "apiVersion: v2\nname: p\nversion: 0.1.0\n");
            File.WriteAllText(Path.Combine(dir, ".helmignore"), "*.bak\ndocs/\n");
            File.WriteAllText(Path.Combine(dir, "a.bak"), "x");
            File.WriteAllText(Path.Combine(dir, "docs", "d.txt"), "x");
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "\uFEFFhi");
            File.WriteAllText(Path.Combine(dir, "templates", ".hidden"), "x");
            File.WriteAllText(Path.Combine(dir, "templates", "a.yaml"), "x");
            File.WriteAllText(Path.Combine(dir, "charts", "sub", "Chart.yaml"), "apiVersion: v2\nname: sub\nversion: 1.0.0\n");
            var c = ChartLoader.Load(dir);
            Assert.That(c.Files.Select(f => f.Name), Is.EqualTo(new[] { ".helmignore", "notes.txt" }));
            Assert.That(Encoding.UTF8.GetString(c.Files[1].Data), Is.EqualTo("hi"));
            Assert.That(c.Templates.Select(f => f.Name), Is.EqualTo(new[] { "templates/a.yaml" }));
            Assert.That(c.Dependencies.Single().ChartFullPath(), Is.EqualTo("p/charts/sub"));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void HelmIgnoreRules()
    {
        var r = HelmIgnore.Parse("# c\n*.txt\n/root.md\nsub/x.yaml\n");
        Assert.That(r.Ignore("a/b.txt", false), Is.True);
        Assert.That(r.Ignore("root.md", false), Is.True);
        Assert.That(r.Ignore("a/root.md", false), Is.False);
        Assert.That(r.Ignore("sub/x.yaml", false), Is.True);
        Assert.That(r.Ignore("other", false), Is.False);
        // negation quirk: a negated rule ignores everything it does not match
        var n = HelmIgnore.Parse("!keep.txt\n");
        Assert.That(n.Ignore("other.txt", false), Is.True);
        Assert.That(n.Ignore("keep.txt", false), Is.False);
        Assert.That(Assert.Throws<ChartException>(() => HelmIgnore.Parse("a/**/b"))!.Message, Is.EqualTo("double-star (**) syntax is not supported"));
    }

    [Test]
    public void ArchiveRejectsParentPaths()
    {
        using var ms = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, true))
        using (var tw = new System.Formats.Tar.TarWriter(gz, System.Formats.Tar.TarEntryFormat.Pax, true))
        {
            var e = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "c/../../evil") { DataStream = new MemoryStream([1]) };
            tw.WriteEntry(e);
        }
        ms.Position = 0;
        // helm v3 template trav.tgz: "chart illegally references parent directory"; v4.1.4: "unable to load chart archive"
        var ex = Assert.Throws<ChartException>(() => ChartLoader.LoadArchive(ms, 3));
        Assert.That(ex!.Message, Is.EqualTo("chart illegally references parent directory"));
        ms.Position = 0;
        ex = Assert.Throws<ChartException>(() => ChartLoader.LoadArchive(ms, 4));
        Assert.That(ex!.Message, Is.EqualTo("unable to load chart archive"));
    }

    [Test]
    public void ArchiveRoundTrip()
    {
        using var ms = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, true))
        using (var tw = new System.Formats.Tar.TarWriter(gz, System.Formats.Tar.TarEntryFormat.Pax, true))
        {
            void Add(string n, string t) => tw.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, n) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(t)) });
            Add("mychart/Chart.yaml", "apiVersion: v2\nname: mychart\nversion: 1.0.0\n");
            Add("mychart/templates/a.yaml", "a");
        }
        ms.Position = 0;
        var c = ChartLoader.LoadArchive(ms);
        Assert.That(c.Name, Is.EqualTo("mychart"));
        Assert.That(c.Templates.Single().Name, Is.EqualTo("templates/a.yaml"));
    }

    // helm template b1 with Chart.yaml `name: [x]` (v4.1.4 and v3.17.3 print the same)
    [TestCase(4)]
    [TestCase(3)]
    public void ChartYamlTypeError(int major)
    {
        var ex = Assert.Throws<ChartException>(() => Mem(major, ("Chart.yaml", "apiVersion: v2\nname: [x]\nversion: 1.0.0\n")));
        Assert.That(ex!.Message, Is.EqualTo("cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Metadata.name of type string"));
    }

    // helm template b1 with values.yaml "- a"
    [TestCase(4, "cannot load values.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [TestCase(3, "cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")]
    public void ValuesYamlNotAMap(int major, string message)
    {
        var ex = Assert.Throws<ChartException>(() => Mem(major, ("Chart.yaml", "apiVersion: v2\nname: b1\nversion: 1.0.0\n"), ("values.yaml", "- a\n")));
        Assert.That(ex!.Message, Is.EqualTo(message));
    }

    // helm template -f bad.yaml (a YAML list)
    [TestCase(4, "failed to parse bad.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [TestCase(3, "failed to parse bad.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")]
    public void ValuesFileNotAMap(int major, string message)
    {
        var o = new ValueOptions();
        o.ValueFiles.Add("bad.yaml");
        o.ValueFileContents["bad.yaml"] = "- a\n";
        Assert.That(Assert.Throws<ValuesException>(() => o.MergeValues(major))!.Message, Is.EqualTo(message));
    }

    // helm v4/v3 template -f f1.yaml -f f2.yaml: lists replaced, maps merged: {"l":[2],"m":{"a":1,"b":2}}
    [TestCase(4)]
    [TestCase(3)]
    public void ValueFilesMerge(int major)
    {
        var o = new ValueOptions();
        o.ValueFiles.AddRange(["f1.yaml", "f2.yaml"]);
        o.ValueFileContents["f1.yaml"] = "l: [1]\nm: {a: 1}\n";
        o.ValueFileContents["f2.yaml"] = "l: [2]\nm: {b: 2}\n";
        Assert.That(TestJson.Of(o.MergeValues(major)), Is.EqualTo("{\"l\":[2],\"m\":{\"a\":1,\"b\":2}}"));
    }

    // A negated .helmignore rule ignores everything it does not match, Chart.yaml included:
    // helm v4 and v3 template print "Error: Chart.yaml file is missing".
    [TestCase(4)]
    [TestCase(3)]
    public void NegatedIgnoreRuleHidesChartYaml(int major)
    {
        var dir = Path.Combine(Path.GetTempPath(), "hs-charts-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Chart.yaml"), "apiVersion: v2\nname: p\nversion: 0.1.0\n");
            File.WriteAllText(Path.Combine(dir, ".helmignore"), "!keep.txt\n");
            var ex = Assert.Throws<ChartException>(() => ChartLoader.Load(dir, major));
            Assert.That(ex!.Message, Is.EqualTo("Chart.yaml file is missing"));
            File.Delete(Path.Combine(dir, "Chart.yaml"));
            ex = Assert.Throws<ChartException>(() => ChartLoader.Load(dir, major));
            var cy = Path.Combine(dir, "Chart.yaml");
            Assert.That(ex!.Message, Is.EqualTo(major == 3 ? "Chart.yaml file is missing" : "unable to detect chart at " + cy + ": open " + cy + ": no such file or directory"));
        }
        finally { Directory.Delete(dir, true); }
    }

    // helm v3 template big.tgz (a 6,000,000-byte file): per-file limit message; helm v4.1.4 collapses it.
    [Test]
    public void ArchiveFileTooLarge()
    {
        using var ms = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, true))
        using (var tw = new System.Formats.Tar.TarWriter(gz, System.Formats.Tar.TarEntryFormat.Pax, true))
        {
            tw.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "big/Chart.yaml") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("apiVersion: v2\nname: big\nversion: 0.1.0\n")) });
            tw.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "big/large.txt") { DataStream = new MemoryStream(new byte[6000000]) });
        }
        ms.Position = 0;
        Assert.That(Assert.Throws<ChartException>(() => ChartLoader.LoadArchive(ms, 3))!.Message, Is.EqualTo("decompressed chart file \"big/large.txt\" is larger than the maximum file size 5242880"));
    }

    // helm v4/v3 template v.yaml / v.tgz (plain text "a: 1")
    [Test]
    public void NotAnArchive()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hs-charts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var y = Path.Combine(dir, "v.yaml"); File.WriteAllText(y, "a: 1\n");
            var t = Path.Combine(dir, "v.tgz"); File.WriteAllText(t, "a: 1\n");
            Assert.That(Assert.Throws<ChartException>(() => ChartLoader.Load(y))!.Message, Is.EqualTo("file '" + y + "' seems to be a YAML file, but expected a gzipped archive"));
            Assert.That(Assert.Throws<ChartException>(() => ChartLoader.Load(t))!.Message, Is.EqualTo("file '" + t + "' does not appear to be a gzipped archive; got 'application/octet-stream'"));
        }
        finally { Directory.Delete(dir, true); }
    }

    // helm v4/v3 template md2 printing .Chart fields: "1|123456789|true|16|1.1234568|[1 2.5]|md2" and
    // kubeVersion 1.5e3 read as "1500" (helm: "chart requires kubeVersion: 1500 ...").
    [TestCase(4)]
    [TestCase(3)]
    public void MetadataNumbersBecomeStrings(int major)
    {
        var c = Mem(major, ("Chart.yaml", "apiVersion: v2\nname: md2\nversion: 1.0\nappVersion: 123456789\nkubeVersion: 1.5e3\ndescription: true\nhome: 16\nicon: 1.123456789\nNAME: md2\nKeyWords: [1, 2.5]\n"));
        var m = c.Metadata;
        Assert.That(new[] { m.Version, m.AppVersion, m.KubeVersion, m.Description, m.Home, m.Icon, string.Join(" ", m.Keywords!), m.Name },
            Is.EqualTo(new[] { "1", "123456789", "1500", "true", "16", "1.1234568", "1 2.5", "md2" }));
    }

    // helm v4/v3 template vv with these Chart.yaml bodies (after "apiVersion: v2")
    [TestCase(4, "name: vv\nversion: 1.2.3.4", "validation: chart.metadata.version \"1.2.3.4\" is invalid")]
    [TestCase(3, "name: a/b\nversion: 1.0.0", "validation: chart.metadata.name \"a/b\" is invalid")]
    [TestCase(4, "name: vv\nversion: 1.0.0-01", "validation: chart.metadata.version \"1.0.0-01\" is invalid")]
    [TestCase(3, "name: vv\nversion: 1.0.0\ndependencies:\n- name: x\n  alias: \"a b\"", "validation: dependency \"x\" has disallowed characters in the alias")]
    [TestCase(4, "name: vv\nversion: 1.0.0\ndependencies:\n- name: x\n- name: y\n  alias: x", "validation: more than one dependency with name or alias \"x\"")]
    [TestCase(4, "name: vv\nversion: 1.0.0\nmaintainers:\n- null", "validation: maintainers must not contain empty or null nodes")]
    [TestCase(4, "name: \"..\"\nversion: 1.0.0", "validation: chart.metadata.name \"..\" is not allowed")]
    [TestCase(3, "name: \"..\"\nversion: 1.0.0", null)]
    [TestCase(4, "name: vv\nversion: v1.2", null)]
    public void MoreValidation(int major, string body, string? message)
    {
        var files = new[] { ("Chart.yaml", "apiVersion: v2\n" + body + "\n") };
        if (message == null) { Assert.DoesNotThrow(() => Mem(major, files)); return; }
        Assert.That(Assert.Throws<ChartException>(() => Mem(major, files))!.Message, Is.EqualTo(message));
    }
}
