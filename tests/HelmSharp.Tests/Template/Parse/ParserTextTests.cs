using HelmSharp.Template;
using HelmSharp.Template.Parse;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Parse;

/// <summary>
/// Token and node texts of the parser: cut from the source string when it is ASCII, decoded from its UTF-8 bytes
/// otherwise, short ones shared between parses; error positions stay UTF-8 byte columns either way.
/// </summary>
[TestFixture]
public class ParserTextTests
{
    private static Tree Top(string text)
    {
        Parser.Parse("t", text, HelmSharp.Helm.HelmFunctions.For(4), GoRelease.Go125, out var top);
        return top;
    }

    private static List<string> Texts(Tree t) => t.Root!.Nodes.OfType<TextNode>().Select(n => n.Text).ToList();

    [Test]
    public void AsciiAndNonAsciiSourcesGiveTheSameTexts()
    {
        Assert.That(Texts(Top("a {{ .x }} b\n{{- .y }}  c ")), Is.EqualTo(new[] { "a ", " b", "  c " }));
        Assert.That(Texts(Top("é {{ .x }} ü\n{{- .y }}  ß ")), Is.EqualTo(new[] { "é ", " ü", "  ß " }));
        // a byte that is not UTF-8 (held as a surrogate-escaped character) comes back as the same character
        Assert.That(Texts(Top("\uDC80{{ .x }}z")), Is.EqualTo(new[] { "\uDC80", "z" }));
    }

    [Test]
    public void FieldAndVariablePartsAreSplitAtDots()
    {
        var action = (ActionNode)Top("{{ $v := .a.b.c }}{{ $v.d.e }}").Root!.Nodes[0];
        var field = (FieldNode)action.Pipe.Cmds[0].Args[0];
        Assert.That(field.Ident, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(action.Pipe.Decl[0].Ident, Is.EqualTo(new[] { "$v" }));
        var use = (VariableNode)((ActionNode)Top("{{ $v := 1 }}{{ $v.d.e }}").Root!.Nodes[1]).Pipe.Cmds[0].Args[0];
        Assert.That(use.Ident, Is.EqualTo(new[] { "$v", "d", "e" }));
        var noDecl = (ActionNode)Top("{{ .x }}").Root!.Nodes[0];
        Assert.That(noDecl.Pipe.Decl, Is.Empty);
    }

    [Test]
    public void ShortTokenTextsAreSharedBetweenParses()
    {
        static FieldNode Field(string text) => (FieldNode)Top(text).Root!.Nodes.OfType<ActionNode>().First().Pipe.Cmds[0].Args[0];
        var a = Field("{{ .Values.image.repository }}");
        var b = Field("x: {{ .Values.image.repository }}");
        for (int i = 0; i < 3; i++) Assert.That(ReferenceEquals(a.Ident[i], b.Ident[i]), Is.True, a.Ident[i]);
    }

    [Test]
    public void ErrorPositionsAreByteColumnsAfterNonAsciiText()
    {
        var e = Assert.Throws<TemplateParseException>(() => Top("é\nüü {{ nosuch }}"))!;
        Assert.That(e.Message, Is.EqualTo("template: t:2: function \"nosuch\" not defined"));
        var set = new TemplateSet(HelmSharp.Helm.HelmFunctions.For(4));
        set.Parse("t", "éé{{ .x.y }}");
        // the chain .x.y sits at its second field, byte 9 ('éé' is 4 bytes; 7 would be counting characters)
        var ex = Assert.Throws<TemplateExecException>(() => set.Execute("t", new Dictionary<string, object?> { ["x"] = 1 }))!;
        Assert.That(ex.Message, Does.StartWith("template: t:1:9: executing \"t\" at <.x.y>:"));
    }
}
