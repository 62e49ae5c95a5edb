using HelmSharp.Go;
using HelmSharp.Json;
using HelmSharp.Sprig;
using HelmSharp.Template.Functions;
using NUnit.Framework;

namespace HelmSharp.Tests.Json;

/// <summary>
/// encoding/json conformance; expectations produced by helm v4.1.4 (`helm template` of the template
/// in each comment; sprig's must* functions call json.Marshal / MarshalIndent / Encoder directly).
/// </summary>
public class GoJsonTests
{
    private static TestCaseData Enc(string expected, string fn, object? value) =>
        new TestCaseData(fn, value).Returns(expected).SetName("Encode_" + fn + "#" + (s_n++).ToString());
    private static int s_n;

    public static IEnumerable<TestCaseData> EncodeCases() => new[]
    {
        // {{ mustToJson 1 }}
        Enc("1", "mustToJson", (nint)(1)),
        // {{ mustToJson "a<b>&c \u2028\u2029 \x01\b\f\n\r\t\"\\ é☺😀" }}
        Enc("\"a\\u003cb\\u003e\\u0026c \\u2028\\u2029 \\u0001\\b\\f\\n\\r\\t\\\"\\\\ \u00e9\u263a\ud83d\ude00\"", "mustToJson", "a<b>&c \u2028\u2029 \x01\b\f\n\r\t\"\\ é☺😀"),
        // {{ mustToRawJson "a<b>&c \u2028 \x7f" }}
        Enc("\"a<b>&c \\u2028 \u007f\"", "mustToRawJson", "a<b>&c \u2028 \x7f"),
        // {{ mustToJson nil }}
        Enc("null", "mustToJson", null),
        // {{ mustToJson true }}
        Enc("true", "mustToJson", true),
        // {{ mustToJson (int64 -9223372036854775807) }}
        Enc("-9223372036854775807", "mustToJson", -9223372036854775807L),
        // {{ mustToJson (list 1.0 3.5 1e21 1e20 0.000001 0.0000001 1.5e-10 -0.0 123456789.0 1e100 5e-324 0.1) }}
        Enc("[1,3.5,1e+21,100000000000000000000,0.000001,1e-7,1.5e-10,-0,123456789,1e+100,5e-324,0.1]", "mustToJson", new object?[]{1.0d, 3.5d, 1e21d, 1e20d, 0.000001d, 0.0000001d, 1.5e-10d, -0.0d, 123456789.0d, 1e100d, 5e-324d, 0.1d}),
        // {{ mustToJson (dict "b" (list 1 (dict "z" nil "a" "x")) "a" (dict ) "c" (list ) "é" 1 "B" 2 "<" 3) }}
        Enc("{\"\\u003c\":3,\"B\":2,\"a\":{},\"b\":[1,{\"a\":\"x\",\"z\":null}],\"c\":[],\"\u00e9\":1}", "mustToJson", new Dictionary<string, object?>{["b"]=new object?[]{(nint)(1), new Dictionary<string, object?>{["z"]=null, ["a"]="x"}}, ["a"]=new Dictionary<string, object?>{}, ["c"]=new object?[]{}, ["é"]=(nint)(1), ["B"]=(nint)(2), ["<"]=(nint)(3)}),
        // {{ mustToPrettyJson (dict "b" (list 1 (dict "z" nil "a" "x")) "a" (dict ) "c" (list ) "d" "<&>") }}
        Enc("{\n  \"a\": {},\n  \"b\": [\n    1,\n    {\n      \"a\": \"x\",\n      \"z\": null\n    }\n  ],\n  \"c\": [],\n  \"d\": \"\\u003c\\u0026\\u003e\"\n}", "mustToPrettyJson", new Dictionary<string, object?>{["b"]=new object?[]{(nint)(1), new Dictionary<string, object?>{["z"]=null, ["a"]="x"}}, ["a"]=new Dictionary<string, object?>{}, ["c"]=new object?[]{}, ["d"]="<&>"}),
        // {{ mustToPrettyJson (list ) }}
        Enc("[]", "mustToPrettyJson", new object?[]{}),
        // {{ mustToPrettyJson "x" }}
        Enc("\"x\"", "mustToPrettyJson", "x"),
        // {{ mustToPrettyJson (list (list ) (dict ) (list 1)) }}
        Enc("[\n  [],\n  {},\n  [\n    1\n  ]\n]", "mustToPrettyJson", new object?[]{new object?[]{}, new Dictionary<string, object?>{}, new object?[]{(nint)(1)}}),
        // {{ mustToRawJson (dict "k" "<v>" "a" (list 2.5 nil)) }}
        Enc("{\"a\":[2.5,null],\"k\":\"<v>\"}", "mustToRawJson", new Dictionary<string, object?>{["k"]="<v>", ["a"]=new object?[]{2.5d, null}}),
    };

    [TestCaseSource(nameof(EncodeCases))]
    public string Encode(string fn, object? value) => fn switch
    {
        "mustToJson" => GoJson.Marshal(value),
        "mustToPrettyJson" => GoJson.MarshalIndent(value, "  "),
        "mustToRawJson" => GoJson.Marshal(value, escapeHtml: false),
        _ => throw new ArgumentException(fn),
    };

    // {{ mustToJson (float64 "NaN") }} → error calling mustToJson: json: unsupported value: NaN
    // {{ mustToJson (float64 "+Inf") }} → ... json: unsupported value: +Inf
    // {{ mustToJson (list 1 (float64 "-Inf")) }} → ... json: unsupported value: -Inf
    [TestCase(double.NaN, "json: unsupported value: NaN")]
    [TestCase(double.PositiveInfinity, "json: unsupported value: +Inf")]
    [TestCase(double.NegativeInfinity, "json: unsupported value: -Inf")]
    public void MarshalNonFinite(double v, string message)
    {
        Assert.That(() => GoJson.Marshal(new object?[] { (nint)1, v }), Throws.TypeOf<GoJsonException>().With.Message.EqualTo(message));
    }

    private static GoFunction Fn(string name)
    {
        var r = SprigLibrary.RegisterAll(new FunctionRegistry());
        Assert.That(r.TryGet(name, out var f), Is.True, name);
        return f;
    }

    // {{ toJson (float64 "NaN") }} and {{ toPrettyJson (float64 "NaN") }} render as empty strings.
    [TestCase("toJson")]
    [TestCase("toPrettyJson")]
    public void SprigSwallowsErrors(string name) =>
        Assert.That(Fn(name).Body(null!, [double.NaN]), Is.EqualTo(""));

    // toRawJson fails like the must- variants (helm: "error calling toRawJson: json: unsupported value: NaN",
    // testdata/cases/functions/json.cases).
    [TestCase("mustToJson")]
    [TestCase("mustToRawJson")]
    [TestCase("toRawJson")]
    public void SprigMustReportsErrors(string name) =>
        Assert.That(() => Fn(name).Body(null!, [double.NaN]),
            Throws.TypeOf<GoFunctionException>().With.Message.EqualTo("json: unsupported value: NaN"));

    // {{ mustFromJson "{\"a\":[1,2.5,\"x\",null,true,1e21,1e-7],\"b\":{},\"c\":\"\\u00e9\\ud83d\\ude00\\t\"}" }}
    [Test]
    public void DecodeAndPrint()
    {
        var v = GoJson.Unmarshal("{\"a\":[1,2.5,\"x\",null,true,1e21,1e-7],\"b\":{},\"c\":\"\\u00e9\\ud83d\\ude00\\t\"}");
        Assert.That(GoFormat.FormatValue(v), Is.EqualTo("map[a:[1 2.5 x <nil> true 1e+21 1e-07] b:map[] c:é😀\t]"));
        Assert.That(v, Is.TypeOf<Dictionary<string, object?>>());
        Assert.That(((Dictionary<string, object?>)v!)["a"], Is.TypeOf<object?[]>());
        // {{ mustFromJson " [1] " | toString }} → [1];  {{ mustFromJson "123456789" }} → 1.23456789e+08
        Assert.That(GoFormat.FormatValue(GoJson.Unmarshal(" [1] ")), Is.EqualTo("[1]"));
        Assert.That(GoFormat.FormatValue(GoJson.Unmarshal("123456789")), Is.EqualTo("1.23456789e+08"));
        Assert.That(GoJson.Unmarshal("1"), Is.TypeOf<double>());
        Assert.That(Fn("fromJson").Body(null!, ["{x"]), Is.Null);
    }

    // {{ mustFromJson `INPUT` }} → error calling mustFromJson: MESSAGE  (helm v4.1.4)
    [TestCase("[1,]", "invalid character ']' looking for beginning of value")]
    [TestCase("{\"a\" 1}", "invalid character '1' after object key")]
    [TestCase("{\"a\":1 \"b\"}", "invalid character '\"' after object key:value pair")]
    [TestCase("[1 2]", "invalid character '2' after array element")]
    [TestCase("{1:2}", "invalid character '1' looking for beginning of object key string")]
    [TestCase("\"\\q\"", "invalid character 'q' in string escape code")]
    [TestCase("\"\\u12x4\"", "invalid character 'x' in \\u hexadecimal character escape")]
    [TestCase("01", "invalid character '1' after top-level value")]
    [TestCase("-x", "invalid character 'x' in numeric literal")]
    [TestCase("1.x", "invalid character 'x' after decimal point in numeric literal")]
    [TestCase("1ex", "invalid character 'x' in exponent of numeric literal")]
    [TestCase("nul", "invalid character ' ' in literal null (expecting 'l')")]
    [TestCase("\"abc", "unexpected end of JSON input")]
    [TestCase("[", "unexpected end of JSON input")]
    [TestCase("\"\\", "invalid character ' ' in string escape code")]
    [TestCase("{\"a\":1}}", "invalid character '}' after top-level value")]
    [TestCase("1e400", "json: cannot unmarshal number 1e400 into Go value of type float64")]
    [TestCase(" ", "unexpected end of JSON input")]
    // {{ (fromJson "tr").Error }} etc. (helm's fromJson reports into .Error)
    [TestCase("tr", "invalid character ' ' in literal true (expecting 'u')")]
    [TestCase("{\"a\":1}x", "invalid character 'x' after top-level value")]
    [TestCase("é", "invalid character 'Ã' looking for beginning of value")]
    [TestCase("\"a\tb\"", "invalid character '\\t' in string literal")]
    [TestCase("", "unexpected end of JSON input")]
    public void DecodeErrors(string json, string message)
    {
        Assert.That(() => GoJson.Unmarshal(json), Throws.TypeOf<GoJsonException>().With.Message.EqualTo(message));
        Assert.That(() => Fn("mustFromJson").Body(null!, [json]), Throws.TypeOf<GoFunctionException>().With.Message.EqualTo(message));
    }

    [Test]
    public void DepthCap()
    {
        // {{ (fromJson (repeat 10001 "[")).Error }} → invalid character '[' exceeded max depth
        Assert.That(() => GoJson.Unmarshal(new string('[', 10001)), Throws.TypeOf<GoJsonException>().With.Message.EqualTo("invalid character '[' exceeded max depth"));
        Assert.That(() => GoJson.Unmarshal(new string('[', 10000)), Throws.TypeOf<GoJsonException>().With.Message.EqualTo("unexpected end of JSON input"));
    }

    // helm's fromJson decodes into map[string]interface{}: {{ (fromJson "5").Error }} etc.
    [TestCase("5", "json: cannot unmarshal number into Go value of type map[string]interface {}")]
    [TestCase("[1]", "json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [TestCase("1e400", "json: cannot unmarshal number into Go value of type map[string]interface {}")]
    [TestCase("true", "json: cannot unmarshal bool into Go value of type map[string]interface {}")]
    [TestCase("\"s\"", "json: cannot unmarshal string into Go value of type map[string]interface {}")]
    public void UnmarshalObjectErrors(string json, string message) =>
        Assert.That(() => GoJson.UnmarshalObject(json), Throws.TypeOf<GoJsonException>().With.Message.EqualTo(message));

    [Test]
    public void UnmarshalObjectNull() => Assert.That(GoJson.UnmarshalObject("null"), Is.Null);

    [Test]
    public void DecodeFirstReadsOnePrefixValue()
    {
        Assert.That(GoJson.DecodeFirst("  [1,2] , x", out int n), Is.EqualTo(new object?[] { 1d, 2d }));
        Assert.That(n, Is.EqualTo(7));
        Assert.That(GoJson.DecodeFirst("123abc", out n), Is.EqualTo(123d));
        Assert.That(n, Is.EqualTo(3));
        Assert.That(() => GoJson.DecodeFirst("[1", out _), Throws.TypeOf<GoJsonException>().With.Message.EqualTo("unexpected EOF"));
        Assert.That(() => GoJson.DecodeFirst("", out _), Throws.TypeOf<GoJsonException>().With.Message.EqualTo("EOF"));
    }
}
