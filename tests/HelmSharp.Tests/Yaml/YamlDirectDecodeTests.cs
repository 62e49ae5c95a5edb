using System.Text;
using HelmSharp.Yaml;
using NUnit.Framework;

namespace HelmSharp.Tests.Yaml;

/// <summary>
/// The one-pass decode (YamlDecoder.Direct.cs) against the node path it stands in for (<c>ParseFirst</c> +
/// <c>DecodeDocument</c>, which the go-yaml generated suites check): the same values, types and key order where it
/// decodes, the node path (and so its errors, in its order) everywhere else; manifest heads that skip building
/// what they do not read still fail where the full decode fails. The fast document splitting against the line by
/// line one.
/// </summary>
[TestFixture]
public class YamlDirectDecodeTests
{
    private static readonly string[] s_direct =
    [
        "a: 1\nb: two\nc: [1, 2.5, true, null, ~, '3']\n",
        "a:\n  b:\n    c: {d: e, f: [g, {h: i}]}\n  j: []\n  k: {}\n",
        "- a\n- - b\n  - c\n- d: e\n  f: g\n",
        "plain scalar\n",
        "a: multi\n  line\n\n   plain  \n  text # comment\nb: x   \n",
        "a: 'it''s'\nb: \"\\u00e9\\t\\n\"\nc: |\n  lit\n   eral\nd: >-\n  fol\n  ded\n",
        "1: one\n2.5: x\ntrue: y\n0x1F: z\n1e3: w\n-0: v\nnull_: u\n",
        "a: 1\nb: 2\na: 3\n",
        "a: !!str 12\nb: !!float 3\nc: !!binary aGVsbG8=\nd: 2001-12-14t21:59:43.10-05:00\ne: !custom x\n",
        "a: 18446744073709551615\nb: 9223372036854775808\nc: -9223372036854775809\nd: 1e400\n",
        "{a: [x, y], 'b': \"c\"}\n",
        "a: \"\"\nb:\nc: ''\n",
        "key with spaces: value with spaces\n\"quoted key\": 1\n",
        "a: \uD83D\uDE00 emoji \u00e9\nb: x\u00a0y\n",
        "# only a comment\n",
        "",
        "--- a\n",
        "a: 1\n---\nb: 2\n",
        "? a\n: 1\n",
        "a: !!merge <<\n",
    ];

    private static readonly string[] s_nodePath =
    [
        "a: &x 1\nb: *x\n",                  // anchors and aliases
        "<<: {a: 1}\nb: 2\n",                // merge keys
        "~: 1\n",                            // a null key (an error after the decode)
        "18446744073709551615: x\n",         // a uint64 key (the same)
        "a: .nan\n",                         // NaN and Inf values (the JSON stage's error)
        "a: [1, -.inf]\n",
        "? [a]\n: 1\n",                      // a collection as a key
        "a: !!int x\n",                      // a tag that does not fit
        "a: !!binary \"%%%\"\n",             // bad base64
        "a:\n\tb: 1\n",                      // a tab (a scanner error)
        "a: 1\n b: 2\n",                     // a parser error
        "a: *nope\n",                        // an unknown anchor
    ];

    public static IEnumerable<string> DirectDocuments() => s_direct.Concat([Deep(DirectMaxDepth()), DeepBlock(DirectMaxDepth())]);

    public static IEnumerable<string> NodePathDocuments() => s_nodePath.Concat([Deep(DirectMaxDepth() + 1), DeepBlock(DirectMaxDepth() + 1)]);

    private static int DirectMaxDepth() => 400;

    private static string Deep(int n) => new string('[', n) + new string(']', n) + "\n";

    private static string DeepBlock(int n)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < n - 1; i++) sb.Append(' ', i).Append("k:\n");
        sb.Append(' ', n - 1).Append("k: v\n");
        return sb.ToString();
    }

    [Test]
    public void DepthLimitIsTheDecoders() => Assert.That(YamlDecoder.DirectMaxDepth, Is.EqualTo(DirectMaxDepth()));

    private static string NodePath(string yaml, bool raw)
    {
        try
        {
            return Dump(YamlDecoder.DecodeDocument(YamlDecoder.ParseFirst(yaml, out var depth), depth, raw));
        }
        catch (GoYamlException e)
        {
            return "error: " + e.Message;
        }
    }

    [TestCaseSource(nameof(DirectDocuments))]
    public void DirectDecodesAsTheNodePath(string yaml)
    {
        foreach (var raw in new[] { false, true })
        {
            Assert.That(YamlDecoder.TryDecodeDirect(yaml, raw, YamlDecoder.DirectFilter.All, out var v), Is.True, "raw=" + raw);
            Assert.That(Dump(v), Is.EqualTo(NodePath(yaml, raw)), "raw=" + raw);
        }
    }

    [TestCaseSource(nameof(NodePathDocuments))]
    public void OtherDocumentsTakeTheNodePath(string yaml)
    {
        foreach (var raw in new[] { false, true })
            Assert.That(YamlDecoder.TryDecodeDirect(yaml, raw, YamlDecoder.DirectFilter.All, out _), Is.False, "raw=" + raw);
        // and the public entry point gives exactly the node path's value or error
        string viaApi;
        try { viaApi = Dump(GoYaml.UnmarshalRaw(yaml)); }
        catch (GoYamlException e) { viaApi = "error: " + e.Message.Replace("error converting YAML to JSON: ", "", StringComparison.Ordinal); }
        Assert.That(viaApi, Is.EqualTo(NodePath(yaml, true)));
    }

    private static readonly string[] s_heads =
    [
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n\n  labels: {a: b}\n  annotations:\n    x: 1\n    y: true\n    z: 1.50\ndata:\n  k: v\n",
        "kind: K\nKind: J\nKIND: L\nmetadata: {name: a, NAME: b, Name: 3, annotations: {x: 1}, Annotations: {y: 2}}\n",
        "kind: K\nspec:\n  a: [1, {b: [c, d]}]\n  e: {f: g}\nmetadata:\n  name: n\n  other: {deep: [1, 2]}\n",
        "kind: K\nmetadata: ~\n",
        "kind: K\nmetadata: [1]\n",
        "kind: [1]\n",
        "kind: K\nmetadata:\n  annotations: [1]\n",
        "kind: K\nmetadata:\n  annotations: {a: [1]}\n",
        "- a\n",
        "plain\n",
        "",
        // errors in the parts a head does not build: they fail the head as they fail the full decode
        "kind: K\nspec:\n  x: !!int abc\n",
        "kind: K\nspec:\n  x: .nan\n",
        "kind: K\nspec: {~: 1}\n",
        "kind: K\nspec: {18446744073709551615: 1}\n",
        "kind: K\nspec:\n  list: [!!binary \"%%%\"]\n",
        "kind: K\nmetadata:\n  labels: {a: .inf}\n",
        "kind: K\nspec:\n  a: &x {b: 1}\n  c: *x\n",
        "kind: K\nspec:\n  <<: [1]\n",
        "kind: K\nspec:\n  a: 1\n b: 2\n",
        "kind: K\nspec:\n  ? {a: 1}\n  : x\n",
    ];

    // the scanner hands a head's reader lazy values (slices of one-line plain scalars; quoted, block and folded ones
    // dropped while it reads a skipped part): these the one-pass head decodes, without the node path
    private static readonly string[] s_lazyHeads =
    [
        "data:\n  long: \"a double quoted value with \\\"escapes\\\" that is long enough\"\n  lit: |\n    a\n    b\n  fold: >-\n    c\n    d\n" +
            "  plain: over\n    two lines\n  'q': x\n  ? complex key\n  : v\n  n: 1.5\n  b: yes\n  t: \"~\"\nkind: K\napiVersion: \"v1\"\n" +
            "metadata:\n  labels: {a: \"b\"}\n  annotations:\n    \"note\": \"quoted\"\n    multi: plain\n      folded\n    long: a plain annotation value long enough not to be interned\n  name: 'n'\n",
        "kind: K\nspec: [\"a\", 'b', {d: \"e\"}, plain words, \"two\n  lines\"]\nmetadata: {name: \"n\"}\n",
        "kind: K\nspec:\n  a: [x, y]\n  b: {\"c\": 'd'}\nmetadata:\n  name: |-\n    block-name\n",
        "spec: {a: b}\nkind: [\"a\", 'b', c d]\n",
        // plain scalars over lines in a skipped part: strings whatever their first character
        "kind: K\nspec:\n  a: on\n    and on\n  b: 12\n    34\n  c: .5\n    x\n  d: 2001-12-14\n    21:59:43.10 -5\n  e: ~\n    x\n  f: -.inf\n    x\n",
    ];

    // errors (or values the node path must decide) in skipped parts that are quoted, block or multi-line: the
    // one-pass head gives up on them, so that the node path reports them
    private static readonly string[] s_lazyHeadsNodePath =
    [
        "kind: K\nspec:\n  a:\n    - c: \"text\"\n    - d: [1, 2, .nan]\n",
        "kind: K\nmetadata:\n  labels: {x: \"y\", z: -.Inf}\n",
        "kind: K\ndata:\n  cert: !!binary |\n    %%% not base64 %%%\n",
        "kind: K\ndata:\n  cert: !!binary \"%%%\"\n",
        "kind: K\nspec:\n  replicas: !!int \"three\"\n",
        "kind: K\nspec:\n  replicas: !!float 'x'\n",
        "kind: K\nspec:\n  a: {b: {~: \"value\"}}\n",
        "kind: K\nspec:\n  a: {b: {null: \"value\"}}\n",
        "kind: K\nspec:\n  a:\n    <<: \"not a map\"\n",
        "kind: K\nspec:\n  a: {18446744073709551615: \"x\"}\n",
        "kind: K\nspec:\n  a: \"x\"\n  b: &a 'y'\n",
        // a kept value scanned ahead while a skipped part was read: dropped, so read again by the node path
        "data:\n  x: y\n\"kind\": \"Quoted\"\n",
    ];

    [TestCaseSource(nameof(s_lazyHeads))]
    public void LazyHeadDecodesInOnePass(string yaml)
    {
        Assert.That(YamlDecoder.TryDecodeDirect(yaml, raw: true, YamlDecoder.DirectFilter.ManifestHead, out _), Is.True);
        foreach (var type in new[] { "util.SimpleHead", "releaseutil.SimpleHead" })
            Assert.That(Head(yaml, type, direct: true), Is.EqualTo(Head(yaml, type, direct: false)));
    }

    [TestCaseSource(nameof(s_lazyHeadsNodePath))]
    public void LazyHeadLeavesCheckedPartsToTheNodePath(string yaml)
    {
        Assert.That(YamlDecoder.TryDecodeDirect(yaml, raw: true, YamlDecoder.DirectFilter.ManifestHead, out _), Is.False);
        foreach (var type in new[] { "util.SimpleHead", "releaseutil.SimpleHead" })
            Assert.That(Head(yaml, type, direct: true), Is.EqualTo(Head(yaml, type, direct: false)));
    }

    public static IEnumerable<string> HeadDocuments() => s_heads.Concat(s_lazyHeads).Concat(s_lazyHeadsNodePath).Concat([
        "kind: K\nspec:\n" + DeepBlock(DirectMaxDepth() + 3).Replace("k:", "  k:", StringComparison.Ordinal),
    ]);

    [TestCaseSource(nameof(HeadDocuments))]
    public void ManifestHeadAsTheNodePath(string yaml)
    {
        foreach (var type in new[] { "util.SimpleHead", "releaseutil.SimpleHead" })
            Assert.That(Head(yaml, type, direct: true), Is.EqualTo(Head(yaml, type, direct: false)));
    }

    private static string Head(string yaml, string type, bool direct)
    {
        try
        {
            var h = GoYaml.DecodeManifestHeadVia(yaml, type, direct);
            return $"{h.ApiVersion}|{h.Kind}|{h.HasMetadata}|{h.Name}|" + (h.Annotations == null ? "nil" : Dump(h.Annotations.ToDictionary(p => p.Key, p => (object?)p.Value)));
        }
        catch (GoYamlException e)
        {
            return "error: " + e.Message;
        }
    }

    private static readonly string[] s_streams =
    [
        "", "\n", "a", "a\n", "---", "---\n", "---\na: 1\n", "a: 1\n---\nb: 2\n", "a: 1\n---", "a: 1\n--- # c\nb: 2",
        "--- \n---\n", "a\n---\n---\nb\n", "a\n----\n", "a\n--- x\n", "a\n---\t\n", "a\n---\u00a0\n", "x---\n---y\n",
        "a: 1\n---\n", "\n\n---\n\n", "---a\n",
    ];

    public static IEnumerable<string> Streams() => s_streams;

    [TestCaseSource(nameof(Streams))]
    public void SplitDocumentsAsLineByLine(string yaml)
    {
        Assert.That(Split(GoYaml.SplitDocuments, yaml), Is.EqualTo(Split(GoYaml.SplitDocumentsByLine, yaml)));
        // with CR LF line ends the line by line split is the one used
        var crlf = yaml.Replace("\n", "\r\n", StringComparison.Ordinal);
        Assert.That(Split(GoYaml.SplitDocuments, crlf), Is.EqualTo(Split(GoYaml.SplitDocumentsByLine, crlf)));
    }

    private static string Split(Func<string, List<string>> f, string yaml)
    {
        try { return string.Join("|", f(yaml).Select(d => "<" + d + ">")); }
        catch (GoYamlException e) { return "error: " + e.Message; }
    }

    private static string Dump(object? v) => YamlValueDump.Dump(v);
}
