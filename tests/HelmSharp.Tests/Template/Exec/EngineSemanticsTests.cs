using HelmSharp.Go;
using HelmSharp.Template;
using HelmSharp.Template.Functions;
using NUnit.Framework;

namespace HelmSharp.Tests.Template.Exec;

/// <summary>
/// Go text/template semantics that `helm template` cannot exercise directly (methods, structs,
/// missingkey=default/error, typed maps). Expectations follow Go 1.25 src/text/template/exec.go
/// (evalField, evalCall, validateType) as cited per test.
/// </summary>
[TestFixture]
public class EngineSemanticsTests
{
    private sealed class Person : IGoStruct, IGoMethods
    {
        public static readonly GoType Type = GoType.Struct("main.Person");
        public GoType GoType => Type;
        public bool TryGetField(string name, out object? value)
        {
            switch (name)
            {
                case "Name": value = "Ann"; return true;
                case "Tags": value = new Dictionary<string, object?> { ["k"] = "v" }; return true;
                case "Nothing": value = null; return true;
            }
            value = null; return false;
        }
        public IEnumerable<KeyValuePair<string, object?>> Fields => [new("Name", "Ann")];
        public bool TryGetMethod(string name, out GoMethod method)
        {
            switch (name)
            {
                case "Greet":
                    method = new GoMethod("Greet", [GoType.String], a => "hi " + a[0] + " from Ann");
                    return true;
                case "Name2":
                    method = new GoMethod("Name2", [], _ => "Ann2");
                    return true;
            }
            method = null!; return false;
        }
    }

    private sealed class Values : Dictionary<string, object?>, IGoValue, IGoMethods
    {
        public static readonly GoType Type = GoType.Named("chartutil.Values", GoType.MapStringInterface);
        public GoType GoType => Type;
        public bool TryGetMethod(string name, out GoMethod method)
        {
            if (name == "AsMap") { var self = this; method = new GoMethod("AsMap", [], _ => new Dictionary<string, object?>(self)); return true; }
            method = null!; return false;
        }
    }

    private static string Run(string text, object? data, MissingKey mk = MissingKey.Zero, int major = 4)
    {
        var set = EngineTestHost.NewSet(major, mk);
        set.Parse("t", text);
        return set.Execute("t", data);
    }

    private static string Err(string text, object? data, MissingKey mk = MissingKey.Zero)
    {
        var ex = Assert.Catch<TemplateException>(() => Run(text, data, mk))!;
        return ex.Message;
    }

    [Test]
    public void MethodsAndStructFields()
    {
        var d = new Dictionary<string, object?> { ["p"] = new Person() };
        Assert.That(Run("{{ .p.Name }} {{ .p.Greet \"Bob\" }} {{ \"Cy\" | .p.Greet }} {{ .p.Name2 }} {{ .p.Tags.k }}", d),
            Is.EqualTo("Ann hi Bob from Ann hi Cy from Ann Ann2 v"));
    }

    [Test]
    public void StructFieldErrors()
    {
        var d = new Dictionary<string, object?> { ["p"] = new Person() };
        // A struct reached through map[string]interface {} is still an interface value for the message.
        Assert.That(Err("{{ .p.Nope }}", d), Is.EqualTo("template: t:1:5: executing \"t\" at <.p.Nope>: can't evaluate field Nope in type interface {}"));
        Assert.That(Err("{{ .Nope }}", new Person()), Is.EqualTo("template: t:1:3: executing \"t\" at <.Nope>: can't evaluate field Nope in type main.Person"));
        Assert.That(Err("{{ .p.Name 1 }}", d), Is.EqualTo("template: t:1:5: executing \"t\" at <.p.Name>: Name has arguments but cannot be invoked as function"));
        Assert.That(Err("{{ .p.Greet }}", d), Is.EqualTo("template: t:1:5: executing \"t\" at <.p.Greet>: wrong number of args for Greet: want 1 got 0"));
    }

    [Test]
    public void NamedMapTypesActAsMapsAndMethodsWin()
    {
        var v = new Values { ["a"] = "x", ["AsMap"] = "shadowed" };
        var d = new Dictionary<string, object?> { ["Values"] = v };
        Assert.That(Run("{{ .Values.a }} {{ .Values.AsMap.a }} {{ len .Values }} {{ range $k, $v := .Values }}{{ $k }};{{ end }}", d),
            Is.EqualTo("x x 2 AsMap;a;"));
    }

    [Test]
    public void MapStringStringMissingKeyIsEmptyStringUnderZero()
    {
        var d = new Dictionary<string, object?> { ["m"] = new Dictionary<string, string> { ["a"] = "1" } };
        Assert.That(Run("[{{ .m.a }}][{{ .m.b }}][{{ .m.b | len }}]", d), Is.EqualTo("[1][][0]"));
    }

    [Test]
    public void MissingKeyDefault()
    {
        // exec.go evalField: mapInvalid returns the invalid value; evalField on an invalid receiver returns zero.
        var d = new Dictionary<string, object?>();
        Assert.That(Run("{{ .a }} {{ .a.b }}", d, MissingKey.Default), Is.EqualTo("<no value> <no value>"));
    }

    [Test]
    public void MissingKeyError()
    {
        var d = new Dictionary<string, object?>();
        Assert.That(Err("{{ .a }}", d, MissingKey.Error), Is.EqualTo("template: t:1:3: executing \"t\" at <.a>: map has no entry for key \"a\""));
        Assert.That(Err("{{ $x := index . \"a\" }}{{ $x.b }}", d, MissingKey.Error),
            Is.EqualTo("template: t:1:28: executing \"t\" at <$x.b>: nil data; no entry for key \"b\""));
    }

    [Test]
    public void RangeOverNumericKeysSortsNumerically()
    {
        var d = new Dictionary<string, object?> { ["m"] = new Dictionary<long, object?> { [10] = "a", [2] = "b", [-1] = "c" } };
        Assert.That(Run("{{ range $k, $v := .m }}{{ $k }}={{ $v }} {{ end }}", d), Is.EqualTo("-1=c 2=b 10=a "));
    }

    [Test]
    public void RangeOverTypedIntegersKeepsTheType()
    {
        var d = new Dictionary<string, object?> { ["n"] = 3L };
        Assert.That(Run("{{ range .n }}{{ typeOf . }}{{ . }} {{ end }}", d), Is.EqualTo("int640 int641 int642 "));
        Assert.That(Run("{{ range $v := 2 }}{{ $v }}{{ end }}", null), Is.EqualTo("01"));
    }

    [Test]
    public void VariadicArgumentCounts()
    {
        Assert.That(Err("{{ printf }}", null), Is.EqualTo("template: t:1:3: executing \"t\" at <printf>: wrong number of args for printf: want at least 1 got 0"));
        Assert.That(Err("{{ printf 1 }}", null), Is.EqualTo("template: t:1:10: executing \"t\" at <1>: expected string; found 1"));
    }

    [Test]
    public void LiteralConversionToTypedParameters()
    {
        var reg = new FunctionRegistry();
        reg.Add(new GoFunction("f", [GoType.Float64, GoType.Uint8, GoType.Bool, GoType.Int64], false,
            (_, a) => $"{GoType.Of(a[0])!.Name}:{a[0]} {GoType.Of(a[1])!.Name}:{a[1]} {a[2]} {GoType.Of(a[3])!.Name}:{a[3]}"));
        var set = new TemplateSet(reg.Freeze());
        set.Parse("t", "{{ f 2 7 true 'a' }}");
        Assert.That(set.Execute("t", null), Is.EqualTo("float64:2 uint8:7 True int64:97"));
        set.Parse("u", "{{ f 2 -1 true 1 }}");
        var ex = Assert.Throws<TemplateExecException>(() => set.Execute("u", null))!;
        Assert.That(ex.Message, Is.EqualTo("template: u:1:7: executing \"u\" at <-1>: expected unsigned integer; found -1"));
        set.Parse("v", "{{ f 2 1 nil 1 }}");
        ex = Assert.Throws<TemplateExecException>(() => set.Execute("v", null))!;
        Assert.That(ex.Message, Is.EqualTo("template: v:1:9: executing \"v\" at <nil>: cannot assign nil to bool"));
    }

    [Test]
    public void RedefinitionRulesAcrossParseCalls()
    {
        var set = EngineTestHost.NewSet();
        set.Parse("a.tpl", "{{ define \"x\" }}first{{ end }}");
        set.Parse("b.tpl", "{{ define \"x\" }}  {{ end }}");   // empty: does not replace
        set.Parse("main", "{{ template \"x\" }}");
        Assert.That(set.Execute("main", null), Is.EqualTo("first"));
        set.Parse("c.tpl", "{{ define \"x\" }}second{{ end }}"); // later non-empty replaces
        Assert.That(set.Execute("main", null), Is.EqualTo("second"));
    }

    [Test]
    public void ParseErrorCarriesTypedFields()
    {
        var set = EngineTestHost.NewSet();
        var ex = Assert.Throws<TemplateParseException>(() => set.Parse("f.yaml", "a\nb {{ nope }}"))!;
        Assert.That(ex.Message, Is.EqualTo("template: f.yaml:2: function \"nope\" not defined"));
        Assert.That(ex.TemplateName, Is.EqualTo("f.yaml"));
        Assert.That(ex.Line, Is.EqualTo(2));
        Assert.That(ex.Detail, Is.EqualTo("function \"nope\" not defined"));
    }

    [Test]
    public void ErrorsInsideDefinesReportTheFileAndTheDefineName()
    {
        // helm v3.17.3: `# {{ define "t" }}{{ .Values.x.y }}{{ end }}{{ template "t" . }}` →
        // template: mychart/templates/x.yaml:1:28: executing "t" at <.Values.x.y>: nil pointer evaluating interface {}.y
        var set = EngineTestHost.NewSet();
        set.Parse("mychart/templates/x.yaml", "# {{ define \"t\" }}{{ .Values.x.y }}{{ end }}{{ template \"t\" . }}");
        var ex = Assert.Throws<TemplateExecException>(() => set.Execute("mychart/templates/x.yaml", EngineTestHost.Data("{}")))!;
        Assert.That(ex.Message, Is.EqualTo("template: mychart/templates/x.yaml:1:28: executing \"t\" at <.Values.x.y>: nil pointer evaluating interface {}.y"));
        Assert.That(ex.File, Is.EqualTo("mychart/templates/x.yaml"));
        Assert.That(ex.TemplateName, Is.EqualTo("t"));
        Assert.That(ex.Column, Is.EqualTo(28));
    }

    [Test]
    public void HelmThreeCommentsDoNotCountLines()
    {
        // helm v4.1.4 (Go 1.25) reports line 3, helm v3.17.3 (Go 1.23) line 1 for
        // `# {{ 1 }}{{- /* c\n\nd */ -}}{{ foo }}` (function "foo" not defined).
        var text = "# {{ 1 }}{{- /* c\n\nd */ -}}{{ foo }}";
        var ex4 = Assert.Throws<TemplateParseException>(() => EngineTestHost.NewSet(4).Parse("x", text))!;
        var ex3 = Assert.Throws<TemplateParseException>(() => EngineTestHost.NewSet(3).Parse("x", text))!;
        Assert.That(ex4.Line, Is.EqualTo(3));
        Assert.That(ex3.Line, Is.EqualTo(1));
    }

    [Test]
    public void BuiltinsWork()
    {
        Assert.That(Run("{{ slice \"abcdef\" 1 3 }} {{ index (slice (list 1 2 3) 1) 0 }} {{ len (slice (list 1 2 3) 1 2) }}", null), Is.EqualTo("bc 2 1"));
        Assert.That(Run("{{ html \"<a href='x'>&\\\"\" }}", null), Is.EqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&#34;"));
    }
}
