using HelmSharp.Template.Parse;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Parse;

/// <summary>The lexer's item stream (types, UTF-8 byte positions, lines), following Go's parse/lex.go.</summary>
[TestFixture]
public class LexerTests
{
    private static List<Item> Lex(string s)
    {
        var l = new Lexer(System.Text.Encoding.UTF8.GetBytes(s), true, true);
        var items = new List<Item>();
        while (true)
        {
            var i = l.NextItem();
            items.Add(i);
            if (i.Type is ItemType.EOF or ItemType.Error) return items;
        }
    }

    [Test]
    public void PositionsAreUtf8ByteOffsets()
    {
        var items = Lex("é\n{{- .a.b | f 1 }} x");
        Assert.That(items.Select(i => i.Type), Is.EqualTo(new[]
        {
            ItemType.Text, ItemType.LeftDelim, ItemType.Field, ItemType.Field, ItemType.Space, ItemType.Pipe, ItemType.Space,
            ItemType.Identifier, ItemType.Space, ItemType.Number, ItemType.Space, ItemType.RightDelim, ItemType.Text, ItemType.EOF,
        }));
        Assert.That(items[0].Value, Is.EqualTo("é")); // the newline is trimmed by {{-
        Assert.That(items[1].Pos, Is.EqualTo(3));
        Assert.That(items[2].Pos, Is.EqualTo(7));
        Assert.That(items[2].Value, Is.EqualTo(".a"));
        Assert.That(items[3].Value, Is.EqualTo(".b"));
        Assert.That(items[2].Line, Is.EqualTo(2));
    }

    [Test]
    public void KeywordsVariablesAndTrimMarkers()
    {
        var items = Lex("{{$x := -3}}{{-3}}{{ range $i, $v = . -}}  \n {{end}}");
        Assert.That(items.Where(i => i.Type != ItemType.Space).Select(i => i.Type + ":" + i.Value), Is.EqualTo(new[]
        {
            "LeftDelim:{{", "Variable:$x", "Declare::=", "Number:-3", "RightDelim:}}",
            "LeftDelim:{{", "Number:-3", "RightDelim:}}",
            "LeftDelim:{{", "Range:range", "Variable:$i", "Char:,", "Variable:$v", "Assign:=", "Dot:.", "RightDelim:}}",
            "LeftDelim:{{", "End:end", "RightDelim:}}", "EOF:",
        }));
    }

    [Test]
    public void ItemStringsFollowGo()
    {
        // Go: fmt.Sprintf("%.10q...", val) where val keeps its quotes.
        Assert.That(Lex("{{ \"a very long string\" }}")[2].ToString(), Is.EqualTo("\"\\\"a very lo\"..."));
        Assert.That(Lex("{{ if }}")[2].ToString(), Is.EqualTo("<if>"));
        Assert.That(Lex("{{ 1x }}")[^1].ToString(), Is.EqualTo("bad number syntax: \"1x\""));
    }
}
