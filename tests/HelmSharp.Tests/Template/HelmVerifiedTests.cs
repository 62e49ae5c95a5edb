using HelmSharp.Template;
using NUnit.Framework;

namespace HelmSharp.Tests.Template;

/// <summary>Parse and execution behaviour checked against the pinned helm binaries.</summary>
[TestFixture]
public class HelmVerifiedTests
{
    // Parse errors: expectations are the raw Go text helm v3.17.3 printed for
    //   helm template mychart <chart>   with templates/x.yaml = `# {{ tpl .Values.t . }}` and values t: <TEMPLATE>
    // (the part after `cannot parse template "...": `; tpl parses the text as a template named gotpl).
    public static IEnumerable<TestCaseData> ParseErrorCases()
    {
        yield return new TestCaseData("{{ if }}", "template: gotpl:1: missing value for if");
        yield return new TestCaseData("{{ end }}", "template: gotpl:1: unexpected {{end}}");
        yield return new TestCaseData("{{ else }}", "template: gotpl:1: unexpected {{else}}");
        yield return new TestCaseData("{{ range .x }}{{ else }}{{ else }}{{ end }}", "template: gotpl:1: expected end; found {{else}}");
        yield return new TestCaseData("{{ range .x }}", "template: gotpl:1: unexpected EOF");
        yield return new TestCaseData("{{ break }}", "template: gotpl:1: {{break}} outside {{range}}");
        yield return new TestCaseData("{{ continue }}", "template: gotpl:1: {{continue}} outside {{range}}");
        yield return new TestCaseData("{{ define \"a\" }}A{{ end }}{{ define \"a\" }}B{{ end }}", "template: gotpl:1: template: multiple definition of template \"a\"");
        yield return new TestCaseData("{{ $x }}", "template: gotpl:1: undefined variable \"$x\"");
        yield return new TestCaseData("{{ (1 }}", "template: gotpl:1: unclosed left paren");
        yield return new TestCaseData("{{ 1) }}", "template: gotpl:1: unexpected right paren");
        yield return new TestCaseData("{{ \"abc }}", "template: gotpl:1: unterminated quoted string");
        yield return new TestCaseData("{{ 'ab' }}", "template: gotpl:1: malformed character constant: 'ab'");
        yield return new TestCaseData("{{ 1x }}", "template: gotpl:1: bad number syntax: \"1x\"");
        yield return new TestCaseData("{{ 99999999999999999999 }}", "template: gotpl:1: integer overflow: \"99999999999999999999\"");
        yield return new TestCaseData("{{ 089 }}", "template: gotpl:1: integer overflow: \"089\"");
        yield return new TestCaseData("{{ 0x }}", "template: gotpl:1: illegal number syntax: \"0x\"");
        yield return new TestCaseData("{{ 1e400 }}", "template: gotpl:1: illegal number syntax: \"1e400\"");
        yield return new TestCaseData("{{ .x\n", "template: gotpl:2: unclosed action started at gotpl:1");
        yield return new TestCaseData("{{ .x", "template: gotpl:1: unclosed action");
        yield return new TestCaseData("{{\n.x", "template: gotpl:2: unclosed action started at gotpl:1");
        yield return new TestCaseData("a\n{{ .x \n\n", "template: gotpl:4: unclosed action started at gotpl:2");
        yield return new TestCaseData("{{ /* bad */}}", "template: gotpl:1: unexpected \"/\" in command");
        yield return new TestCaseData("{{/* x */ }}", "template: gotpl:1: comment ends before closing delimiter");
        yield return new TestCaseData("{{/* x ", "template: gotpl:1: unclosed comment");
        yield return new TestCaseData("{{ range $a, $b, $c := . }}{{ end }}", "template: gotpl:1: too many declarations in range");
        yield return new TestCaseData("{{ range $a, 1 }}{{ end }}", "template: gotpl:1: range can only initialize variables");
        yield return new TestCaseData("{{ with $a, $b := . }}{{ end }}", "template: gotpl:1: too many declarations in with");
        yield return new TestCaseData("{{ .a | 1 }}", "template: gotpl:1: non executable command in pipeline stage 2");
        yield return new TestCaseData("{{ \"a\" | \"b\" }}", "template: gotpl:1: non executable command in pipeline stage 2");
        yield return new TestCaseData("{{ 1.foo }}", "template: gotpl:1: bad number syntax: \"1.f\"");
        yield return new TestCaseData("{{ nil.foo }}", "template: gotpl:1: unexpected . after term \"nil\"");
        yield return new TestCaseData("{{ | .a }}", "template: gotpl:1: unexpected \"|\" in command");
        yield return new TestCaseData("{{ template }}", "template: gotpl:1: unexpected \"}}\" in template clause");
        yield return new TestCaseData("{{ template .x }}", "template: gotpl:1: unexpected \".x\" in template clause");
        yield return new TestCaseData("{{ block \"b\" }}{{ end }}", "template: gotpl:1: missing value for block clause");
        yield return new TestCaseData("{{ define }}", "template: gotpl:1: unexpected \"}}\" in define clause");
        yield return new TestCaseData("{{ define \"x\" }}", "template: gotpl:1: unexpected EOF");
        yield return new TestCaseData("{{ define \"x\" }}{{ else }}{{ end }}", "template: gotpl:1: unexpected {{else}} in define clause");
        yield return new TestCaseData("{{ if 1 }}{{ else if }}{{ end }}", "template: gotpl:1: missing value for if");
        yield return new TestCaseData("{{ 'a }}", "template: gotpl:1: unterminated character constant");
        yield return new TestCaseData("{{ '\\q' }}", "template: gotpl:1: invalid syntax");
        yield return new TestCaseData("{{ \"\\q\" }}", "template: gotpl:1: invalid syntax");
        yield return new TestCaseData("{{ #x }}", "template: gotpl:1: unexpected \"#\" in command");
        yield return new TestCaseData("{{ \u00E9 }}", "template: gotpl:1: function \"\u00E9\" not defined");
        yield return new TestCaseData("{{ .a# }}", "template: gotpl:1: bad character U+0023 '#'");
        yield return new TestCaseData("{{ .a:b }}", "template: gotpl:1: expected :=");
        yield return new TestCaseData("{{ a:=1 }}", "template: gotpl:1: function \"a\" not defined");
        yield return new TestCaseData("{{ = }}", "template: gotpl:1: unexpected \"=\" in command");
        yield return new TestCaseData("{{ -}}", "template: gotpl:1: missing value for command");
        yield return new TestCaseData("{{ 3-}}", "template: gotpl:1: bad number syntax: \"3-\"");
        yield return new TestCaseData("{{ @ }}", "template: gotpl:1: unexpected \"@\" in command");
        yield return new TestCaseData("{{ 1.2.3 }}", "template: gotpl:1: unexpected \".3\" in operand");
        yield return new TestCaseData("{{ 0x1.8 }}", "template: gotpl:1: illegal number syntax: \"0x1.8\"");
        yield return new TestCaseData("{{ $x := 1 }}{{ if 1 }}{{ $y := 2 }}{{ end }}{{ $y }}", "template: gotpl:1: undefined variable \"$y\"");
        yield return new TestCaseData("{{ if 1 }}", "template: gotpl:1: unexpected EOF");
        yield return new TestCaseData("{{ with 1 }}{{ end }}{{ end }}", "template: gotpl:1: unexpected {{end}}");
        yield return new TestCaseData("{{ ( ) }}", "template: gotpl:1: missing value for parenthesized pipeline");
        yield return new TestCaseData("{{ foo }}", "template: gotpl:1: function \"foo\" not defined");
        yield return new TestCaseData("{{ 1 }}\n\n{{ foo }}", "template: gotpl:3: function \"foo\" not defined");
        yield return new TestCaseData("x\n{{ if 1 }}\ny\n{{ else }}\n{{ end }}\n{{ end }}", "template: gotpl:6: unexpected {{end}}");
        yield return new TestCaseData("{{ \"\\xZZ\" }}", "template: gotpl:1: invalid syntax");
        yield return new TestCaseData("{{ range $i, $v := . }}{{ break 1 }}{{ end }}", "template: gotpl:1: unexpected \"1\" in {{break}}");
    }

    // Executions: expectations are what `helm template mychart <chart>` printed (v3.17.3 unless the helm column says v4)
    // for templates/x.yaml = TEMPLATE and values.yaml = VALUES (JSON). For output, the text after the
    // `---\n# Source: mychart/templates/x.yaml\n` header; for errors, the raw Go error after `Error: `
    // (helm 4 prints it on three lines `LOC` / `executing ... at <NODE>:` / `MSG`; rejoined as `template: LOC: executing ... at <NODE>: MSG`).
    public static IEnumerable<TestCaseData> ExecCases()
    {
        yield return new TestCaseData("# {{ .Values.a.b }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ .Values.x | upper }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:17: executing \"mychart/templates/x.yaml\" at <upper>: invalid value; expected string");
        yield return new TestCaseData("# {{ upper .Values.x }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:18: executing \"mychart/templates/x.yaml\" at <.Values.x>: wrong type for value; expected string; got interface {}");
        yield return new TestCaseData("# a: {{ .Values.a.b }} {{ .Values.n }}\n{{- range $i, $v := .Values.l }}\n# - {{ $i }}={{ $v }}\n{{- end }}\n# {{ if and .Values.a .Values.n }}yes{{ else }}no{{ end }}\n# {{ or 0 \"\" \"x\" }} {{ and 1 0 }} {{ not 0 }}", "{\"a\": {\"b\": \"hi\"}, \"n\": 3, \"l\": [1, \"two\", null]}", "v3", true, "# a: hi 3\n# - 0=1\n# - 1=two\n# - 2=\n# yes\n# x 0 true\n");
        yield return new TestCaseData("# {{ .Values.a.b.c }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b.c>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ .Values.a.b }}", "{\"a\": 1}", "v3", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b>: can't evaluate field b in type interface {}");
        yield return new TestCaseData("# {{ eq 1 1.0 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <eq 1 1.0>: error calling eq: incompatible types for comparison");
        yield return new TestCaseData("# {{ eq \"a\" 1 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <eq \"a\" 1>: error calling eq: incompatible types for comparison");
        yield return new TestCaseData("# {{ lt true false }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <lt true false>: error calling lt: invalid type for comparison");
        yield return new TestCaseData("# {{ eq 1 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <eq 1>: error calling eq: missing argument for comparison");
        yield return new TestCaseData("# {{ eq nil nil }} {{ eq .Values.x nil }} {{ ne 1 2 }} {{ lt 1 2 }} {{ ge \"b\" \"a\" }}", "{}", "v3", true, "# true true true true true\n");
        yield return new TestCaseData("# {{ index .Values \"x\" \"y\" }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <index .Values \"x\" \"y\">: error calling index: index of nil pointer");
        yield return new TestCaseData("# {{ index .Values.l 1 }} {{ index \"abc\" 1 }} {{ len .Values.l }} {{ len \"h\u00E9llo\" }}", "{\"l\": [1, 2, 3]}", "v3", true, "# 2 98 3 6\n");
        yield return new TestCaseData("# {{ index .Values.l 5 }}", "{\"l\": [1, 2, 3]}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <index .Values.l 5>: error calling index: index out of range: 5");
        yield return new TestCaseData("# {{ index .Values.l 1.5 }}", "{\"l\": [1, 2, 3]}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <index .Values.l 1.5>: error calling index: cannot index slice/array with type float64");
        yield return new TestCaseData("# {{ len .Values.x }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <len .Values.x>: error calling len: len of nil pointer");
        yield return new TestCaseData("# {{ .Values.x | len }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:17: executing \"mychart/templates/x.yaml\" at <len>: error calling len: reflect: call of reflect.Value.Type on zero Value");
        yield return new TestCaseData("# {{ range 3 }}{{ . }}{{ end }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:11: executing \"mychart/templates/x.yaml\" at <3>: range can't iterate over 3");
        yield return new TestCaseData("# {{ range 3 }}{{ . }}{{ end }}", "{}", "v4", true, "# 012\n");
        yield return new TestCaseData("# {{ range $i, $e := 3 }}{{ . }}{{ end }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:21: executing \"mychart/templates/x.yaml\" at <3>: range can't iterate over 3");
        yield return new TestCaseData("# {{ range \"abc\" }}{{ . }}{{ end }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:11: executing \"mychart/templates/x.yaml\" at <\"abc\">: range can't iterate over abc");
        yield return new TestCaseData("# {{ template \"nope\" }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:14: executing \"mychart/templates/x.yaml\" at <{{template \"nope\"}}>: template \"nope\" not defined");
        yield return new TestCaseData("# {{ include \"nope\" . }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <include \"nope\" .>: error calling include: template: no template \"nope\" associated with template \"gotpl\"");
        yield return new TestCaseData("# {{ define \"x\" }}{{ .Values.a.b }}{{ end }}{{ include \"x\" . }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:47: executing \"mychart/templates/x.yaml\" at <include \"x\" .>: error calling include: template: mychart/templates/x.yaml:1:28: executing \"x\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ tpl \"{{ .Values.a.b }}\" . }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <tpl \"{{ .Values.a.b }}\" .>: error calling tpl: error during tpl function execution for \"{{ .Values.a.b }}\": template: gotpl:1:10: executing \"gotpl\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ tpl \"{{ define \\\"q\\\" }}Q{{ end }}{{ include \\\"q\\\" . }}\" . }}{{ include \"q\" . }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:68: executing \"mychart/templates/x.yaml\" at <include \"q\" .>: error calling include: template: no template \"q\" associated with template \"gotpl\"");
        yield return new TestCaseData("# {{ tpl \"{{ define \\\"q\\\" }}Q{{ end }}{{ include \\\"q\\\" . }}\" . }}", "{}", "v3", true, "# Q\n");
        yield return new TestCaseData("# {{ nil }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <nil>: nil is not a command");
        yield return new TestCaseData("# {{ 1 2 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <1>: can't give argument to non-function 1");
        yield return new TestCaseData("# {{ .Values 1 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <.Values>: Values is not a method but has arguments");
        yield return new TestCaseData("# {{ upper 1 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:11: executing \"mychart/templates/x.yaml\" at <1>: expected string; found 1");
        yield return new TestCaseData("# {{ trunc 1.5 \"abc\" }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:11: executing \"mychart/templates/x.yaml\" at <1.5>: expected integer; found 1.5");
        yield return new TestCaseData("# {{ trunc \"a\" \"abc\" }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:11: executing \"mychart/templates/x.yaml\" at <\"a\">: expected integer; found \"a\"");
        yield return new TestCaseData("# {{ trunc nil \"abc\" }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:11: executing \"mychart/templates/x.yaml\" at <nil>: cannot assign nil to int");
        yield return new TestCaseData("# {{ upper }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <upper>: wrong number of args for upper: want 1 got 0");
        yield return new TestCaseData("# {{ 18446744073709551615 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <18446744073709551615>: 18446744073709551615 overflows int");
        yield return new TestCaseData("# {{ $x := 1 }}{{ $x = 2 }}{{ $x }}{{ $y = 3 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:43: executing \"mychart/templates/x.yaml\" at <3>: undefined variable: $y");
        yield return new TestCaseData("# {{ with .Values.x }}a{{ else with .Values.y }}b{{ else }}c{{ end }}", "{}", "v3", true, "# c\n");
        yield return new TestCaseData("# {{ if 0 }}a{{ else if 1 }}b{{ end }}", "{}", "v3", true, "# b\n");
        yield return new TestCaseData("{{- /* c */ -}}\n# x  {{- \"y\" -}}  z", "{}", "v3", true, "# xyz\n");
        yield return new TestCaseData("# x\n# {{ .Values.a.b }}\n#   {{ .Values.a.b.c }}", "{}", "v3", false, "template: mychart/templates/x.yaml:2:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ range .Values.a.l }}[{{ . }}]{{ end }} {{ range $k, $v := .Values.a.m }}{{ $k }}={{ $v }},{{ end }}\n# {{ .Values.a.b }} {{ .Values.a.missing }} {{ index .Values.a \"nope\" }} {{ index .Values.a.l 2 \"x\" }}", "{\"a\": {\"l\": [1, null], \"m\": {\"k2\": 2, \"k1\": 1, \"K\": 0}, \"b\": null}}", "v3", false, "template: mychart/templates/x.yaml:2:76: executing \"mychart/templates/x.yaml\" at <index .Values.a.l 2 \"x\">: error calling index: reflect: slice index out of range");
        yield return new TestCaseData("# {{ .Values.a.b.c }}", "{\"a\": {\"b\": null}}", "v3", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b.c>: nil pointer evaluating interface {}.c");
        yield return new TestCaseData("# {{ range .Values.a.l }}{{ .x }}{{ end }}", "{\"a\": {\"l\": [1, null]}}", "v3", false, "template: mychart/templates/x.yaml:1:28: executing \"mychart/templates/x.yaml\" at <.x>: can't evaluate field x in type interface {}");
        yield return new TestCaseData("# {{ range .Values.a.l }}{{ .q }}{{ end }}", "{\"a\": {\"l\": [{\"q\": 1}, null]}}", "v3", false, "template: mychart/templates/x.yaml:1:28: executing \"mychart/templates/x.yaml\" at <.q>: nil pointer evaluating interface {}.q");
        yield return new TestCaseData("# {{ $x := .Values.a.l }}{{ $x.foo }}", "{\"a\": {\"l\": [1]}}", "v3", false, "template: mychart/templates/x.yaml:1:30: executing \"mychart/templates/x.yaml\" at <$x.foo>: can't evaluate field foo in type []interface {}");
        yield return new TestCaseData("# {{ $x := .Values.a }}{{ $x.foo }}", "{\"a\": 1}", "v3", false, "template: mychart/templates/x.yaml:1:28: executing \"mychart/templates/x.yaml\" at <$x.foo>: can't evaluate field foo in type float64");
        yield return new TestCaseData("# {{ $x := .Values.nope }}{{ $x.foo }} ok", "{}", "v3", true, "#  ok\n");
        yield return new TestCaseData("# {{ define \"t\" }}{{ template \"t\" . }}{{ end }}{{ template \"t\" . }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:30: executing \"t\" at <{{template \"t\" .}}>: exceeded maximum template depth (100000)");
        yield return new TestCaseData("# {{ define \"t\" }}{{ .Values.x.y }}{{ end }}{{ template \"t\" . }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:28: executing \"t\" at <.Values.x.y>: nil pointer evaluating interface {}.y");
        yield return new TestCaseData("# {{ define \"t\" }}\n{{ .Values.x.y }}{{ end }}{{ include \"t\" . }}", "{}", "v3", false, "template: mychart/templates/x.yaml:2:29: executing \"mychart/templates/x.yaml\" at <include \"t\" .>: error calling include: template: mychart/templates/x.yaml:2:10: executing \"t\" at <.Values.x.y>: nil pointer evaluating interface {}.y");
        yield return new TestCaseData("# {{ define \"t\" }}{{ include \"u\" . }}{{ end }}{{ define \"u\" }}{{ .Values.x.y }}{{ end }}{{ include \"t\" . }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:91: executing \"mychart/templates/x.yaml\" at <include \"t\" .>: error calling include: template: mychart/templates/x.yaml:1:21: executing \"t\" at <include \"u\" .>: error calling include: template: mychart/templates/x.yaml:1:72: executing \"u\" at <.Values.x.y>: nil pointer evaluating interface {}.y");
        yield return new TestCaseData("# {{ if .Values.a }}{{ else }}{{ .Values.a.b }}{{ end }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:40: executing \"mychart/templates/x.yaml\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ eq .Values.a 1.5 }} {{ eq .Values.b 2 }}", "{\"a\": 1.5, \"b\": 2}", "v3", false, "template: mychart/templates/x.yaml:1:28: executing \"mychart/templates/x.yaml\" at <eq .Values.b 2>: error calling eq: incompatible types for comparison");
        yield return new TestCaseData("# {{ lt .Values.b 3 }}", "{\"a\": 1.5, \"b\": 2}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <lt .Values.b 3>: error calling lt: incompatible types for comparison");
        yield return new TestCaseData("# {{ eq .Values.a \"x\" }}", "{\"a\": [1]}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <eq .Values.a \"x\">: error calling eq: incompatible types for comparison");
        yield return new TestCaseData("# {{ eq .Values.nope \"x\" }} {{ eq \"x\" .Values.nope }} {{ eq .Values.nope .Values.nope2 }} {{ eq nil 1 }}", "{}", "v3", true, "# false false true false\n");
        yield return new TestCaseData("# {{ lt .Values.nope 1 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <lt .Values.nope 1>: error calling lt: invalid type for comparison");
        yield return new TestCaseData("# {{ lt 1 2.0 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <lt 1 2.0>: error calling lt: incompatible types for comparison");
        yield return new TestCaseData("# {{ index .Values.nope \"a\" }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <index .Values.nope \"a\">: error calling index: index of untyped nil");
        yield return new TestCaseData("# {{ index nil 1 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <index nil 1>: error calling index: index of untyped nil");
        yield return new TestCaseData("# {{ index 1 1 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <index 1 1>: error calling index: can't index item of type int");
        yield return new TestCaseData("# {{ index .Values.l \"a\" }}", "{\"l\": [1]}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <index .Values.l \"a\">: error calling index: cannot index slice/array with type string");
        yield return new TestCaseData("# {{ index .Values.l -1 }}", "{\"l\": [1]}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <index .Values.l -1>: error calling index: index out of range: -1");
        yield return new TestCaseData("# {{ len 3 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <len 3>: error calling len: len of type int");
        yield return new TestCaseData("# {{ html \"<a href='x'>&\\\"\" }} {{ js \"a'b\\\"c<>&=\\n\\u2028\u00E9\" }} {{ urlquery \"a b&c=d/\u00E9\" }}", "{}", "v3", true, "# &lt;a href=&#39;x&#39;&gt;&amp;&#34; a\\'b\\\"c\\u003C\\u003E\\u0026\\u003D\\u000A\\u2028\u00E9 a+b%26c%3Dd%2F%C3%A9\n");
        yield return new TestCaseData("# {{ .Values.a | .Values.b }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:24: executing \"mychart/templates/x.yaml\" at <.Values.b>: b is not a method but has arguments");
        yield return new TestCaseData("# {{ .Values.a.b 1 }}", "{\"a\": 1}", "v3", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b>: can't evaluate field b in type interface {}");
        yield return new TestCaseData("# {{ .Values.a 1 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a>: a is not a method but has arguments");
        yield return new TestCaseData("# {{ $x := 1 }}{{ $x 1 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:18: executing \"mychart/templates/x.yaml\" at <$x>: can't give argument to non-function $x");
        yield return new TestCaseData("# {{ (1) 2 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <(1) 2>: can't give argument to non-function 1");
        yield return new TestCaseData("# {{ and }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <and>: wrong number of args for and: want at least 1 got 0");
        yield return new TestCaseData("# {{ and 1 }} {{ or 0 }} {{ 1 | and 2 }} {{ 0 | or 0 }} {{ and 0 .Values.x.y.z }}", "{}", "v3", true, "# 1 0 1 0 0\n");
        yield return new TestCaseData("# {{ not 1 2 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <not>: wrong number of args for not: want 1 got 2");
        yield return new TestCaseData("# {{ with $x := 1 }}{{ $x }}{{ end }}{{ range $i := list 4 5 }}{{ $i }}{{ end }}", "{}", "v3", true, "# 145\n");
        yield return new TestCaseData("# {{ range $i, $v := list 4 5 }}{{ if eq $i 1 }}{{ break }}{{ end }}{{ $v }}{{ end }}{{ range list 1 2 3 }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}", "{}", "v3", true, "# 413\n");
        yield return new TestCaseData("# {{ $x := 0 }}{{ range list 1 2 }}{{ $x = . }}{{ end }}{{ $x }}", "{}", "v3", true, "# 2\n");
        yield return new TestCaseData("# {{ typeOf 1 }} {{ typeOf 1.0 }} {{ typeOf 'a' }} {{ typeOf 1e2 }} {{ typeOf 0x10 }} {{ typeOf \"s\" }} {{ typeOf nil }} {{ typeOf true }}", "{}", "v3", true, "# int float64 int float64 int string <nil> bool\n");
        yield return new TestCaseData("# {{ 1e100 | typeOf }}", "{}", "v3", true, "# float64\n");
        yield return new TestCaseData("# {{ 0x7fffffffffffffff }} {{ -9223372036854775808 }}", "{}", "v3", true, "# 9223372036854775807 -9223372036854775808\n");
        yield return new TestCaseData("# {{ 9223372036854775808 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <9223372036854775808>: 9223372036854775808 overflows int");
        yield return new TestCaseData("# {{ \"a\" }}{{- \"b\" }} {{- 3 -}} {{ -3 }}", "{}", "v3", true, "# ab3-3\n");
        yield return new TestCaseData("# {{ dict \"a\" 1 | typeOf }} {{ (dict \"a\" 1).a }} {{ (dict).a.b }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:53: executing \"mychart/templates/x.yaml\" at <dict>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ (dict \"a\" nil).a.b }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:15: executing \"mychart/templates/x.yaml\" at <nil>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ template \"a\" }}{{ define \"a\" }}A{{ $ }}{{ end }}", "{}", "v3", true, "# A\n");
        yield return new TestCaseData("# {{ block \"b\" . }}B{{ end }}{{ define \"b\" }}override{{ end }}", "{}", "v3", false, "parse error at (mychart/templates/x.yaml:1): multiple definition of template \"b\"");
        yield return new TestCaseData("# \u00E9\u20AC\uD83D\uDE00 {{ .Values.a.b }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:22: executing \"mychart/templates/x.yaml\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# x\r\n# {{ .Values.a.b }}", "{}", "v3", false, "template: mychart/templates/x.yaml:2:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("#  a\n\n  {{- /* x */}} b {{/* y */ -}}\n\n  c", "{}", "v3", true, "#  a b c\n");
        yield return new TestCaseData("# {{ $x := 1 }}{{ $x.a.b }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:20: executing \"mychart/templates/x.yaml\" at <$x.a.b>: can't evaluate field a in type int");
        yield return new TestCaseData("# {{ (.Values).a.b }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:6: executing \"mychart/templates/x.yaml\" at <.Values>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ .Values.a.b.c.d }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b.c.d>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ \"a\" | printf \"%s\" | .Values.x }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:32: executing \"mychart/templates/x.yaml\" at <.Values.x>: x is not a method but has arguments");
        yield return new TestCaseData("# {{ \"\\u00e9\\x41\\101\\t|\" }} {{ '\\n' }} {{ '\u00E9' }} {{ 0x1p-2 }} {{ 1_000 }} {{ 0o17 }} {{ 0b101 }} {{ 017 }} {{ 'a' }} {{ -0 }}", "{}", "v3", true, "# \u00E9AA\t| 10 233 0.25 1000 15 5 15 97 0\n");
        yield return new TestCaseData("# {{ if .Values.m.missing }}x{{ end }}{{ .Values.m.missing | upper }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:15: executing \"mychart/templates/x.yaml\" at <.Values.m.missing>: nil pointer evaluating interface {}.missing");
        yield return new TestCaseData("# {{ with .Values.a }}{{ .b }}{{ end }}", "{\"a\": {\"b\": null}}", "v3", true, "#\n");
        yield return new TestCaseData("# {{ range $k, $v := .Values.a }}{{ $k }}{{ $v.x }}{{ end }}", "{\"a\": {\"z\": null}}", "v3", false, "template: mychart/templates/x.yaml:1:46: executing \"mychart/templates/x.yaml\" at <$v.x>: nil pointer evaluating interface {}.x");
        yield return new TestCaseData("# {{ $ := 1 }}", "{}", "v3", true, "#\n");
        yield return new TestCaseData("# {{ range .Values.nope }}x{{ else }}none{{ end }}{{ range list }}x{{ else }}empty{{ end }}", "{}", "v3", true, "# noneempty\n");
        yield return new TestCaseData("# {{ .Values.a.b }}", "{\"a\": \"str\"}", "v3", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b>: can't evaluate field b in type interface {}");
        yield return new TestCaseData("# {{ template \"x\" 1 }}{{ define \"x\" }}{{ .a }}{{ end }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:41: executing \"x\" at <.a>: can't evaluate field a in type int");
        yield return new TestCaseData("# {{ define \"x\" }}{{ $.a }}{{ end }}{{ template \"x\" 1 }}", "{}", "v3", false, "template: mychart/templates/x.yaml:1:22: executing \"x\" at <$.a>: can't evaluate field a in type int");
        yield return new TestCaseData("# a  \t\n{{- 1 }}  \n# b", "{\"replicas\": 1}", "v3", true, "# a1  \n# b\n");
        yield return new TestCaseData("# a {{- 1 -}}\n\n  # b", "{\"replicas\": 1}", "v3", true, "# a1# b\n");
        yield return new TestCaseData("# a {{-\t1\t-}} b", "{\"replicas\": 1}", "v3", true, "# a1b\n");
        yield return new TestCaseData("# a {{-\n1\n-}} b", "{\"replicas\": 1}", "v3", true, "# a1b\n");
        yield return new TestCaseData("# a {{- /* c */ -}} b", "{\"replicas\": 1}", "v3", true, "# ab\n");
        yield return new TestCaseData("# a {{- /* c */}} b", "{\"replicas\": 1}", "v3", true, "# a b\n");
        yield return new TestCaseData("# a {{/* c */ -}} b", "{\"replicas\": 1}", "v3", true, "# a b\n");
        yield return new TestCaseData("# {{ 1 }}{{/* c */}}{{ 2 }}", "{\"replicas\": 1}", "v3", true, "# 12\n");
        yield return new TestCaseData("# {{ $x := 1 }}{{ with $x }}{{ $x = 2 }}{{ end }}{{ $x }}", "{\"replicas\": 1}", "v3", true, "# 2\n");
        yield return new TestCaseData("# {{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", "{\"replicas\": 1}", "v3", true, "# 21\n");
        yield return new TestCaseData("# {{ range $i, $v := list 1 2 }}{{ $i }}{{ end }}{{ $i }}", "{\"replicas\": 1}", "v3", false, "parse error at (mychart/templates/x.yaml:1): undefined variable \"$i\"");
        yield return new TestCaseData("# {{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}", "{\"replicas\": 1}", "v3", false, "parse error at (mychart/templates/x.yaml:1): undefined variable \"$x\"");
        yield return new TestCaseData("# {{ define \"a\" }}{{ $x := 1 }}{{ end }}{{ $x := 2 }}{{ template \"a\" }}{{ $x }}", "{\"replicas\": 1}", "v3", true, "# 2\n");
        yield return new TestCaseData("# {{ $x := 1 }}{{ define \"a\" }}{{ $x }}{{ end }}", "{\"replicas\": 1}", "v3", false, "parse error at (mychart/templates/x.yaml:1): undefined variable \"$x\"");
        yield return new TestCaseData("# {{ (list 1 2).foo }}", "{\"replicas\": 1}", "v3", false, "template: mychart/templates/x.yaml:1:13: executing \"mychart/templates/x.yaml\" at <2>: can't evaluate field foo in type []interface {}");
        yield return new TestCaseData("# {{ (list).foo }}", "{\"replicas\": 1}", "v3", false, "template: mychart/templates/x.yaml:1:6: executing \"mychart/templates/x.yaml\" at <list>: can't evaluate field foo in type []interface {}");
        yield return new TestCaseData("# {{ .Values.a.b | upper }}", "{\"replicas\": 1}", "v3", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ \"x\" | eq \"x\" }} {{ 2 | lt 1 }} {{ 1 | index (list 5 6) }}", "{\"replicas\": 1}", "v3", true, "# true true 6\n");
        yield return new TestCaseData("# {{ and (eq 1 1) (ne 1 2) }} {{ or (eq 1 2) \"fallback\" }}", "{\"replicas\": 1}", "v3", true, "# true fallback\n");
        yield return new TestCaseData("# {{ if eq .Values.replicas 1.0 }}one{{ end }}", "{\"replicas\": 1}", "v3", true, "# one\n");
        yield return new TestCaseData("# {{ if eq .Values.replicas 1 }}one{{ end }}", "{\"replicas\": 1}", "v3", false, "template: mychart/templates/x.yaml:1:8: executing \"mychart/templates/x.yaml\" at <eq .Values.replicas 1>: error calling eq: incompatible types for comparison");
        yield return new TestCaseData("# {{ with .Values.x }}{{ else with .Values.y }}{{ else with 0 }}{{ else }}e{{ end }}", "{\"replicas\": 1}", "v3", true, "# e\n");
        yield return new TestCaseData("# {{ range $i, $c := \"abc\" }}{{ $c }}{{ end }}", "{\"replicas\": 1}", "v3", false, "template: mychart/templates/x.yaml:1:21: executing \"mychart/templates/x.yaml\" at <\"abc\">: range can't iterate over abc");
        yield return new TestCaseData("# {{ len (list) }} {{ len (dict) }} {{ index (dict \"a\" \"b\") \"a\" }}", "{\"replicas\": 1}", "v3", true, "# 0 0 b\n");
        yield return new TestCaseData("# {{ range $k, $v := dict \"b\" 1 \"a\" 2 \"B\" 3 \"\u00E9\" 4 \"z\" 5 }}{{ $k }}{{ end }}", "{\"replicas\": 1}", "v3", true, "# Babz\u00E9\n");
        yield return new TestCaseData("# {{ break }}", "{\"replicas\": 1}", "v3", false, "parse error at (mychart/templates/x.yaml:1): {{break}} outside {{range}}");
        yield return new TestCaseData("{{ range list 1 }}{{ define \"x\" }}{{ end }}{{ end }}", "{\"replicas\": 1}", "v3", false, "parse error at (mychart/templates/x.yaml:1): unexpected <define> in command");
        yield return new TestCaseData("# {{ template \"x\" .Values.nope.foo }}{{ define \"x\" }}{{ end }}", "{\"replicas\": 1}", "v3", false, "template: mychart/templates/x.yaml:1:25: executing \"mychart/templates/x.yaml\" at <.Values.nope.foo>: nil pointer evaluating interface {}.foo");
        yield return new TestCaseData("# {{ .Values.a.b.c }}", "{}", "v4", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b.c>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ eq 1 1.0 }}", "{}", "v4", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <eq 1 1.0>: error calling eq: incompatible types for comparison: int and float64");
        yield return new TestCaseData("# {{ eq \"a\" 1 }}", "{}", "v4", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <eq \"a\" 1>: error calling eq: incompatible types for comparison: string and int");
        yield return new TestCaseData("# {{ lt true false }}", "{}", "v4", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <lt true false>: error calling lt: invalid type for comparison");
        yield return new TestCaseData("# {{ trunc 1.5 \"abc\" }}", "{}", "v4", false, "template: mychart/templates/x.yaml:1:11: executing \"mychart/templates/x.yaml\" at <1.5>: expected integer; found 1.5");
        yield return new TestCaseData("# x\n# {{ .Values.a.b }}\n#   {{ .Values.a.b.c }}", "{}", "v4", false, "template: mychart/templates/x.yaml:2:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ .Values.a.b.c }}", "{\"a\": {\"b\": null}}", "v4", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b.c>: nil pointer evaluating interface {}.c");
        yield return new TestCaseData("# {{ eq .Values.a 1.5 }} {{ eq .Values.b 2 }}", "{\"a\": 1.5, \"b\": 2}", "v4", false, "template: mychart/templates/x.yaml:1:28: executing \"mychart/templates/x.yaml\" at <eq .Values.b 2>: error calling eq: incompatible types for comparison: float64 and int");
        yield return new TestCaseData("# {{ lt .Values.b 3 }}", "{\"a\": 1.5, \"b\": 2}", "v4", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <lt .Values.b 3>: error calling lt: incompatible types for comparison: float64 and int");
        yield return new TestCaseData("# {{ eq .Values.a \"x\" }}", "{\"a\": [1]}", "v4", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <eq .Values.a \"x\">: error calling eq: incompatible types for comparison: []interface {} and string");
        yield return new TestCaseData("# {{ lt 1 2.0 }}", "{}", "v4", false, "template: mychart/templates/x.yaml:1:5: executing \"mychart/templates/x.yaml\" at <lt 1 2.0>: error calling lt: incompatible types for comparison: int and float64");
        yield return new TestCaseData("# {{ .Values.a.b.c.d }}", "{}", "v4", false, "template: mychart/templates/x.yaml:1:12: executing \"mychart/templates/x.yaml\" at <.Values.a.b.c.d>: nil pointer evaluating interface {}.b");
        yield return new TestCaseData("# {{ if eq .Values.replicas 1 }}one{{ end }}", "{\"replicas\": 1}", "v4", false, "template: mychart/templates/x.yaml:1:8: executing \"mychart/templates/x.yaml\" at <eq .Values.replicas 1>: error calling eq: incompatible types for comparison: float64 and int");
    }

    [TestCaseSource(nameof(ParseErrorCases))]
    public void ParseError(string template, string expected)
    {
        var set = EngineTestHost.NewSet();
        var ex = Assert.Throws<TemplateParseException>(() => set.Parse("gotpl", template))!;
        Assert.That(ex.Message, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(ExecCases))]
    public void Exec(string template, string valuesJson, string helm, bool ok, string expected)
    {
        int major = helm == "v4" ? 4 : 3;
        if (ok)
        {
            // helm trims trailing whitespace of each document and adds one newline.
            var output = EngineTestHost.Render(template, valuesJson, major);
            Assert.That(output.TrimEnd() + "\n", Is.EqualTo(expected));
        }
        else
        {
            var ex = Assert.Catch<TemplateException>(() => EngineTestHost.Render(template, valuesJson, major))!;
            var message = ex.Message;
            if (ex is TemplateParseException)
            {
                // helm reformats file parse errors (engine.go cleanupParseError): location = 2nd ": " token, message = last.
                var tokens = message.Split(": ");
                message = "parse error at (" + tokens[1] + "): " + tokens[^1];
            }
            Assert.That(message, Is.EqualTo(expected));
        }
    }
}
