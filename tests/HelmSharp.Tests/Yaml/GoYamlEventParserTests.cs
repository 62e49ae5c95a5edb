using HelmSharp.Yaml;
using NUnit.Framework;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace HelmSharp.Tests.Yaml;

/// <summary>
/// go-yaml's reader behind YamlDotNet's IParser: YamlDotNet's representation model loads what go-yaml accepts (shapes
/// YamlDotNet's own parser rejects) with the values our decoder — checked against helm by the YAML corpus — reads, and
/// reports go-yaml's errors.
/// </summary>
[TestFixture]
public class GoYamlEventParserTests
{
    private static readonly string[] AcceptedByGoYamlOnly =
    [
        "config.yml: |\n    \n    server:\n      port: 80\n",   // blank first line holding spaces (tpl | indent 4)
        "a: |\n      \nb: after\n",                              // more spaces than the next line: the scalar ends there
        "a: [1]# comment right after the bracket\n",
        "k: |2\n      \n    two extra\n",
    ];

    [TestCaseSource(nameof(AcceptedByGoYamlOnly))]
    public void YamlDotNetLoadsWhatGoYamlAccepts(string text)
    {
        Assert.Catch<YamlException>(() => new YamlStream().Load(new StringReader(text)), "YamlDotNet's own parser rejects this");

        var stream = new YamlStream();
        stream.Load(new GoYamlEventParser(text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var decoded = GoYaml.Unmarshal(text) as Dictionary<string, object?>;
        Assert.That(decoded, Is.Not.Null);
        foreach (var (k, v) in decoded!)
        {
            var node = root[new YamlScalarNode(k)];
            if (v is string s) Assert.That(((YamlScalarNode)node).Value, Is.EqualTo(s), k);
            else if (v is object?[] list) Assert.That(((YamlSequenceNode)node).Children, Has.Count.EqualTo(list.Length), k);
        }
    }

    [TestCase("a: b: c\n")]
    [TestCase("a:\n  b: 1\n c: 2\n")]
    [TestCase("a: |\n      \n    text\n")]
    [TestCase("a: \"\\q\"\n")]
    public void ErrorsAreGoYamls(string text)
    {
        var fromDecoder = Assert.Throws<GoYamlException>(() => GoYaml.Unmarshal(text))!.Message;
        var ex = Assert.Throws<GoYamlException>(() => new YamlStream().Load(new GoYamlEventParser(text)));
        Assert.That("error converting YAML to JSON: " + ex!.Message, Is.EqualTo(fromDecoder));
    }

    [Test]
    public void EventsCarryStylesAnchorsTagsAndOneBasedMarks()
    {
        var p = new GoYamlEventParser("a: &x !!str 'q'\nb: *x\nc: [1]\n");
        var events = new List<ParsingEvent>();
        while (p.MoveNext()) events.Add(p.Current!);
        Assert.That(p.Current, Is.Null);
        Assert.That(events[0], Is.InstanceOf<StreamStart>());
        Assert.That(events[^1], Is.InstanceOf<StreamEnd>());
        var q = events.OfType<Scalar>().Single(s => s.Value == "q");
        Assert.Multiple(() =>
        {
            Assert.That(q.Style, Is.EqualTo(ScalarStyle.SingleQuoted));
            Assert.That(q.Anchor.Value, Is.EqualTo("x"));
            Assert.That(q.Tag.Value, Is.EqualTo("tag:yaml.org,2002:str"));
            Assert.That(q.Start.Line, Is.EqualTo(1));
            Assert.That(q.Start.Column, Is.EqualTo(4)); // the anchor starts the node
            Assert.That(events.OfType<AnchorAlias>().Single().Value.Value, Is.EqualTo("x"));
            Assert.That(events.OfType<SequenceStart>().Single().Style, Is.EqualTo(SequenceStyle.Flow));
            Assert.That(events.OfType<Scalar>().Single(s => s.Value == "1").Start.Line, Is.EqualTo(3));
        });
    }
}
