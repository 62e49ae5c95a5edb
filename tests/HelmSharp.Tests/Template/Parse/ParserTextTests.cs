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

    [Test]
    public void LongAsciiTextIsASliceOfTheSourceAndShortOrNonAsciiTextIsItsOwn()
    {
        string source = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .x }}\ndata: {}\n";
        var nodes = Top(source).Root!.Nodes.OfType<TextNode>().ToList();
        // the long text points into the source string itself (no copy); its string form is the same text
        Assert.That(System.Runtime.InteropServices.MemoryMarshal.TryGetString(nodes[0].Memory, out var held, out int start, out int length), Is.True);
        Assert.That(ReferenceEquals(held, source) && start == 0 && length == 49, Is.True);
        Assert.That(nodes[0].Text, Is.EqualTo("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "));
        Assert.That(nodes[1].Text, Is.EqualTo("\ndata: {}\n"));
        Assert.That(nodes[0].Utf8Length, Is.EqualTo(49));
        // non-ASCII sources are decoded: the node's text is a string of its own, measured in UTF-8 bytes
        var utf = Top("ééééééééééééééééééééééééééééééééééééééé {{ .x }}").Root!.Nodes.OfType<TextNode>().Single();
        Assert.That(utf.Text, Is.EqualTo(new string('é', 39) + " "));
        Assert.That(utf.Utf8Length, Is.EqualTo(79));
    }

    [Test]
    public void ChildrenAreExactSizeArraysAndTheTreePrintsBack()
    {
        const string source = "{{ define \"d\" }}{{ $a := .b }}{{ range $i, $v := $a.c.d }}{{ $v.e | printf (print .h).i 3 }}{{ end }}{{ end }}"
            + "{{ if .x }}text long enough to be a slice of the source{{ else if .y }}y{{ end }}";
        var set = Parser.Parse("t", source, HelmSharp.Helm.HelmFunctions.For(4), GoRelease.Go125, out var top);
        var d = set["d"].Root!;
        Assert.That(d.Nodes, Is.TypeOf<Node[]>().And.Count.EqualTo(2));
        var range = (RangeNode)d.Nodes[1];
        Assert.That(range.Pipe.Decl.Select(v => v.Ident[0]), Is.EqualTo(new[] { "$i", "$v" }));
        Assert.That(((VariableNode)range.Pipe.Cmds[0].Args[0]).Ident, Is.TypeOf<string[]>().And.EqualTo(new[] { "$a", "c", "d" }));
        var pipe = ((ActionNode)range.List.Nodes[0]).Pipe;
        Assert.That(pipe.Cmds, Is.TypeOf<CommandNode[]>().And.Count.EqualTo(2));
        Assert.That(pipe.Cmds[1].Args, Is.TypeOf<Node[]>().And.Count.EqualTo(3));
        var chain = (ChainNode)pipe.Cmds[1].Args[1];
        Assert.That(chain.Field, Is.EqualTo(new[] { "i" }));
        Assert.That(d.ToString(), Is.EqualTo("{{$a := .b}}{{range $i, $v := $a.c.d}}{{$v.e | printf (print .h).i 3}}{{end}}"));
        Assert.That(top.Root!.ToString(), Is.EqualTo("{{if .x}}text long enough to be a slice of the source{{else}}{{if .y}}y{{end}}{{end}}"));
    }
}
