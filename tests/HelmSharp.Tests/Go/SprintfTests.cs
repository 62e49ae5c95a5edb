using HelmSharp.Go;
using NUnit.Framework;

namespace HelmSharp.Tests.Go;

/// <summary>
/// fmt.Sprintf conformance. Every expectation was produced by helm v4.1.4 rendering
/// <c>{{ printf FORMAT ARGS }}</c> (the template is in the comment above each case; ints are Go
/// <c>int</c>, float literals float64, <c>list</c>/<c>dict</c> are []interface{} / map[string]interface{}).
/// </summary>
public class SprintfTests
{
    private static TestCaseData Case(string expected, string format, params object?[]? args) =>
        new TestCaseData(format, args ?? new object?[] { null }).Returns(expected).SetName("Sprintf(" + format.Replace("\n", "\\n") + ")#" + (s_n++).ToString());
    private static int s_n;

    public static IEnumerable<TestCaseData> Cases() => new[]
    {
        // printf "%v" 42
        Case("42", "%v", (nint)(42)),
        // printf "%d" -42
        Case("-42", "%d", (nint)(-42)),
        // printf "%5d|%-5d|%05d" 42 42 -42
        Case("   42|42   |-0042", "%5d|%-5d|%05d", (nint)(42), (nint)(42), (nint)(-42)),
        // printf "%+d|% d|%x|%X|%o|%O|%b|%#x|%#o|%#b" 42 42 42 42 42 42 42 42 42 42
        Case("+42| 42|2a|2A|52|0o52|101010|0x2a|052|0b101010", "%+d|% d|%x|%X|%o|%O|%b|%#x|%#o|%#b", (nint)(42), (nint)(42), (nint)(42), (nint)(42), (nint)(42), (nint)(42), (nint)(42), (nint)(42), (nint)(42), (nint)(42)),
        // printf "%.3d|%8.3d|%08.3d|%.0d|%5.0d" 7 7 7 0 0
        Case("007|     007|     007||     ", "%.3d|%8.3d|%08.3d|%.0d|%5.0d", (nint)(7), (nint)(7), (nint)(7), (nint)(0), (nint)(0)),
        // printf "%c|%q|%U|%#U|%+q" 65 9786 9786 9786 9786
        Case("A|'\u263a'|U+263A|U+263A '\u263a'|'\\u263a'", "%c|%q|%U|%#U|%+q", (nint)(65), (nint)(9786), (nint)(9786), (nint)(9786), (nint)(9786)),
        // printf "%s" 5
        Case("%!s(int=5)", "%s", (nint)(5)),
        // printf "%d" "x"
        Case("%!d(string=x)", "%d", "x"),
        // printf "%t|%t" true false
        Case("true|false", "%t|%t", true, false),
        // printf "%d" true
        Case("%!d(bool=true)", "%d", true),
        // printf "%v %v" true false
        Case("true false", "%v %v", true, false),
        // printf "%s|%10s|%-10s|%.2s|%5.1s|%q|%x|%X|% x|%#x|%# x" "hello" "hello" "hello" "hello" "hello" "hello" "hello" "hello" "hello" "hello" "hello"
        Case("hello|     hello|hello     |he|    h|\"hello\"|68656c6c6f|68656C6C6F|68 65 6c 6c 6f|0x68656c6c6f|0x68 0x65 0x6c 0x6c 0x6f", "%s|%10s|%-10s|%.2s|%5.1s|%q|%x|%X|% x|%#x|%# x", "hello", "hello", "hello", "hello", "hello", "hello", "hello", "hello", "hello", "hello", "hello"),
        // printf "%q" "a\tb\"c\\"
        Case("\"a\\tb\\\"c\\\\\"", "%q", "a\tb\"c\\"),
        // printf "%#q" "abc"
        Case("`abc`", "%#q", "abc"),
        // printf "%+q" "héllo"
        Case("\"h\\u00e9llo\"", "%+q", "héllo"),
        // printf "%q" "héllo☺"
        Case("\"h\u00e9llo\u263a\"", "%q", "héllo☺"),
        // printf "%v" 1000000.0
        Case("1e+06", "%v", 1000000.0d),
        // printf "%v" 100000.0
        Case("100000", "%v", 100000.0d),
        // printf "%v" 123456789.0
        Case("1.23456789e+08", "%v", 123456789.0d),
        // printf "%v" 0.0001
        Case("0.0001", "%v", 0.0001d),
        // printf "%v" 0.00001
        Case("1e-05", "%v", 0.00001d),
        // printf "%v|%g|%e|%E|%f|%F|%G" 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159
        Case("3.14159|3.14159|3.141590e+00|3.141590E+00|3.141590|3.141590|3.14159", "%v|%g|%e|%E|%f|%F|%G", 3.14159d, 3.14159d, 3.14159d, 3.14159d, 3.14159d, 3.14159d, 3.14159d),
        // printf "%.2f|%.0f|%.3e|%.3g|%10.2f|%-10.2f|%010.2f|%+.2f" 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159
        Case("3.14|3|3.142e+00|3.14|      3.14|3.14      |0000003.14|+3.14", "%.2f|%.0f|%.3e|%.3g|%10.2f|%-10.2f|%010.2f|%+.2f", 3.14159d, 3.14159d, 3.14159d, 3.14159d, 3.14159d, 3.14159d, 3.14159d, 3.14159d),
        // printf "%.2f|%.1f|%.0f|%.0f|%.0f" 0.125 0.25 0.5 1.5 2.5
        Case("0.12|0.2|0|2|2", "%.2f|%.1f|%.0f|%.0f|%.0f", 0.125d, 0.25d, 0.5d, 1.5d, 2.5d),
        // printf "%g|%g|%g|%g" 1e21 1e20 1.5e-7 123456.0
        Case("1e+21|1e+20|1.5e-07|123456", "%g|%g|%g|%g", 1e21d, 1e20d, 1.5e-7d, 123456.0d),
        // printf "%#g|%#v|%#.3g|%#f|%#e" 1.0 1.0 1.0 1.0 1.0
        Case("1.00000|1|1.00|1.000000|1.000000e+00", "%#g|%#v|%#.3g|%#f|%#e", 1.0d, 1.0d, 1.0d, 1.0d, 1.0d),
        // printf "%b" 1.0
        Case("4503599627370496p-52", "%b", 1.0d),
        // printf "%x" 1.0
        Case("0x1p+00", "%x", 1.0d),
        // printf "%d" 1.5
        Case("%!d(float64=1.5)", "%d", 1.5d),
        // printf "%s" 2.0
        Case("%!s(float64=2)", "%s", 2.0d),
        // printf "%v|%e" 0.0 0.0
        Case("0|0.000000e+00", "%v|%e", 0.0d, 0.0d),
        // printf "%v" -0.0
        Case("-0", "%v", -0.0d),
        // printf "%.3g|%.3g|%.10g" 100.0 1000.0 1.0
        Case("100|1e+03|1", "%.3g|%.3g|%.10g", 100.0d, 1000.0d, 1.0d),
        // printf "%v" (int64 9223372036854775807)
        Case("9223372036854775807", "%v", 9223372036854775807L),
        // printf "%x" (int64 -255)
        Case("-ff", "%x", -255L),
        // printf "%v" nil
        Case("<nil>", "%v", null),
        // printf "%d" nil
        Case("%!d(<nil>)", "%d", null),
        // printf "%s" nil
        Case("%!s(<nil>)", "%s", null),
        // printf "%T" nil
        Case("<nil>", "%T", null),
        // printf "%5v|" nil
        Case("<nil>|", "%5v|", null),
        // printf "%T %T %T %T %T" 1 "a" 1.0 true (int64 1)
        Case("int string float64 bool int64", "%T %T %T %T %T", (nint)(1), "a", 1.0d, true, 1L),
        // printf "%T|%T" (list 1) (dict "a" 1)
        Case("[]interface {}|map[string]interface {}", "%T|%T", new object?[]{(nint)(1)}, new Dictionary<string, object?>{["a"]=(nint)(1)}),
        // printf "%v" (list 1 "a" nil true)
        Case("[1 a <nil> true]", "%v", new object?[] { new object?[]{(nint)(1), "a", null, true} }),
        // printf "%d" (list 1 "a" nil)
        Case("[1 %!d(string=a) <nil>]", "%d", new object?[] { new object?[]{(nint)(1), "a", null} }),
        // printf "%s" (list "a" "b")
        Case("[a b]", "%s", new object?[] { new object?[]{"a", "b"} }),
        // printf "%q" (list "a" "b")
        Case("[\"a\" \"b\"]", "%q", new object?[] { new object?[]{"a", "b"} }),
        // printf "%x" (list "ab" 255)
        Case("[6162 ff]", "%x", new object?[] { new object?[]{"ab", (nint)(255)} }),
        // printf "%v" (dict "b" (list "x" "y") "a" 1 "c" nil)
        Case("map[a:1 b:[x y] c:<nil>]", "%v", new Dictionary<string, object?>{["b"]=new object?[]{"x", "y"}, ["a"]=(nint)(1), ["c"]=null}),
        // printf "%+v|%#v" (dict "a" 1 "b" "s") (dict "a" 1 "b" "s")
        Case("map[a:1 b:s]|map[string]interface {}{\"a\":1, \"b\":\"s\"}", "%+v|%#v", new Dictionary<string, object?>{["a"]=(nint)(1), ["b"]="s"}, new Dictionary<string, object?>{["a"]=(nint)(1), ["b"]="s"}),
        // printf "%#v" (list 1 "a" nil)
        Case("[]interface {}{1, \"a\", interface {}(nil)}", "%#v", new object?[] { new object?[]{(nint)(1), "a", null} }),
        // printf "%05v" (list 1 22)
        Case("[00001 00022]", "%05v", new object?[] { new object?[]{(nint)(1), (nint)(22)} }),
        // printf "%v" (dict "B" 1 "a" 2 "_" 3 "Z" 4 "10" 5 "9" 6)
        Case("map[10:5 9:6 B:1 Z:4 _:3 a:2]", "%v", new Dictionary<string, object?>{["B"]=(nint)(1), ["a"]=(nint)(2), ["_"]=(nint)(3), ["Z"]=(nint)(4), ["10"]=(nint)(5), ["9"]=(nint)(6)}),
        // printf "%s" 
        Case("%!s(MISSING)", "%s"),
        // printf "%d %d" 1
        Case("1 %!d(MISSING)", "%d %d", (nint)(1)),
        // printf "%d" 1 2
        Case("1%!(EXTRA int=2)", "%d", (nint)(1), (nint)(2)),
        // printf "%d" 1 "x" nil (list )
        Case("1%!(EXTRA string=x, <nil>, []interface {}=[])", "%d", (nint)(1), "x", null, new object?[]{}),
        // printf "%!" 
        Case("%!!(MISSING)", "%!"),
        // printf "%" 
        Case("%!(NOVERB)", "%"),
        // printf "%z" 1
        Case("%!z(int=1)", "%z", (nint)(1)),
        // printf "%-" 1
        Case("%!(NOVERB)%!(EXTRA int=1)", "%-", (nint)(1)),
        // printf "%[2]d %[1]d" 1 2
        Case("2 1", "%[2]d %[1]d", (nint)(1), (nint)(2)),
        // printf "%[3]d" 1 2
        Case("%!d(BADINDEX)", "%[3]d", (nint)(1), (nint)(2)),
        // printf "%[0]d" 1
        Case("%!d(BADINDEX)", "%[0]d", (nint)(1)),
        // printf "%[x]d" 1
        Case("%!d(BADINDEX)", "%[x]d", (nint)(1)),
        // printf "%[2]*[1]d" 12 5
        Case("   12", "%[2]*[1]d", (nint)(12), (nint)(5)),
        // printf "%*d|%-*d|%.*d" 5 1 -5 2 3 4
        Case("    1|2    |004", "%*d|%-*d|%.*d", (nint)(5), (nint)(1), (nint)(-5), (nint)(2), (nint)(3), (nint)(4)),
        // printf "%*d" "x" 1
        Case("%!(BADWIDTH)1", "%*d", "x", (nint)(1)),
        // printf "%.*d" "x" 1
        Case("%!(BADPREC)1", "%.*d", "x", (nint)(1)),
        // printf "%10.3v|" "hello"
        Case("       hel|", "%10.3v|", "hello"),
        // printf "%%|%5%|%c" 128512
        Case("%|%|\ud83d\ude00", "%%|%5%|%c", (nint)(128512)),
        // printf "%v|%s|%q" "" "" ""
        Case("||\"\"", "%v|%s|%q", "", "", ""),
        // printf "%x|%5x|" "" ""
        Case("|     |", "%x|%5x|", "", ""),
        // printf "%6.2x" "hello"
        Case("  6865", "%6.2x", "hello"),
        // printf "%e|%g" 1e-320 1e-320
        Case("9.999889e-321|1e-320", "%e|%g", 1e-320d, 1e-320d),
        // printf "%v|%v|%v" 1.7976931348623157e308 5e-324 123456789012345678.0
        Case("1.7976931348623157e+308|5e-324|1.2345678901234568e+17", "%v|%v|%v", 1.7976931348623157e308d, 5e-324d, 123456789012345678.0d),
        // printf "%.20f|%.30e" 0.1 0.1
        Case("0.10000000000000000555|1.000000000000000055511151231258e-01", "%.20f|%.30e", 0.1d, 0.1d),
        // printf "%5.1f|%-8.3e|" -2.55 -2.55
        Case(" -2.5|-2.550e+00|", "%5.1f|%-8.3e|", -2.55d, -2.55d),
        // printf "%v %v" "a" 1
        Case("a 1", "%v %v", "a", (nint)(1)),
        // printf "%08.3f|%+08.3f|% 08.3f|%-08.3f|" -3.14159 -3.14159 -3.14159 -3.14159
        Case("-003.142|-003.142|-003.142|-3.142  |", "%08.3f|%+08.3f|% 08.3f|%-08.3f|", -3.14159d, -3.14159d, -3.14159d, -3.14159d),
        // printf "%U|%#U|%.6U|%c|%q" 128512 10 65 -1 1114112
        Case("U+1F600|U+000A|U+000041|\ufffd|'\ufffd'", "%U|%#U|%.6U|%c|%q", (nint)(128512), (nint)(10), (nint)(65), (nint)(-1), (nint)(1114112)),
        // printf "%q|%+q|%#q" "\x01\u2028☺" "\x01\u2028☺" "a`b"
        Case("\"\\x01\\u2028\u263a\"|\"\\x01\\u2028\\u263a\"|\"a`b\"", "%q|%+q|%#q", "\x01\u2028☺", "\x01\u2028☺", "a`b"),
        // printf "%6.3v|%-8v|%08v|%+v|% v" 1.23456 1.5 -1.5 1.5 1.5
        Case("  1.23|1.5     |-00001.5|1.5| 1.5", "%6.3v|%-8v|%08v|%+v|% v", 1.23456d, 1.5d, -1.5d, 1.5d, 1.5d),
        // printf "%v" (list 1.5 1e6 1e-7)
        Case("[1.5 1e+06 1e-07]", "%v", new object?[] { new object?[]{1.5d, 1e6d, 1e-7d} }),
        // printf "%5s|%-5s|%5q|%.1q" "é☺" "é☺" "é" "é☺"
        Case("   \u00e9\u263a|\u00e9\u263a   |  \"\u00e9\"|\"\u00e9\"", "%5s|%-5s|%5q|%.1q", "é☺", "é☺", "é", "é☺"),
        // printf "%05s|%-05s|%05q" "ab" "ab" "a"
        Case("000ab|ab   |00\"a\"", "%05s|%-05s|%05q", "ab", "ab", "a"),
        // printf "%3c|%-3c|%03c" 65 65 65
        Case("  A|A  |00A", "%3c|%-3c|%03c", (nint)(65), (nint)(65), (nint)(65)),
        // printf "%x|%X|% X|%#X" "é" "é" "ab" "ab"
        Case("c3a9|C3A9|61 62|0X6162", "%x|%X|% X|%#X", "é", "é", "ab", "ab"),
        // printf "%08b|%o|%#O|%x" -5 -8 8 -1
        Case("-0000101|-10|0o010|-1", "%08b|%o|%#O|%x", (nint)(-5), (nint)(-8), (nint)(8), (nint)(-1)),
        // printf "%+.3e|% .3e|%+g" 12345.678 12345.678 -0.0
        Case("+1.235e+04| 1.235e+04|-0", "%+.3e|% .3e|%+g", 12345.678d, 12345.678d, -0.0d),
        // printf "%.3s|%.0s|%.10s" "héllo" "abc" "ab"
        Case("h\u00e9l||ab", "%.3s|%.0s|%.10s", "héllo", "abc", "ab"),
        // printf "%t|%5t|%-6t|" true false true
        Case("true|false|true  |", "%t|%5t|%-6t|", true, false, true),
        // printf "%q" 39
        Case("'\\''", "%q", (nint)(39)),
        // printf "%q|%#q" "\\" "a\nb"
        Case("\"\\\\\"|\"a\\nb\"", "%q|%#q", "\\", "a\nb"),
        // printf "%v|%v" (int64 -1) (int64 "-9223372036854775808")
        Case("-1|-9223372036854775808", "%v|%v", -1L, long.MinValue),
        // printf "%2$d" 1
        Case("%!$(int= 1)d", "%2$d", (nint)(1)),
        // printf "%[1]d %d %[1]d" 1 2
        Case("1 2 1", "%[1]d %d %[1]d", (nint)(1), (nint)(2)),
        // printf "%[2]d %[1]d %d" 1 2
        Case("2 1 2", "%[2]d %[1]d %d", (nint)(1), (nint)(2)),
        // printf "%[1]*d" 3
        Case("%!d(MISSING)", "%[1]*d", (nint)(3)),
        // printf "%.[2]d" 1 2
        Case("2", "%.[2]d", (nint)(1), (nint)(2)),
        // printf "%[1]" 1
        Case("%!(NOVERB)", "%[1]", (nint)(1)),
        // printf "%[1]%" 1
        Case("%", "%[1]%", (nint)(1)),
        // printf "%.*f|%*.*f" 2 3.14159 8 3 3.14159
        Case("3.14|   3.142", "%.*f|%*.*f", (nint)(2), 3.14159d, (nint)(8), (nint)(3), 3.14159d),
        // printf "%-+5d|%+-5d|% -5d|%0-5d|" 3 3 3 3
        Case("+3   |+3   | 3   |3    |", "%-+5d|%+-5d|% -5d|%0-5d|", (nint)(3), (nint)(3), (nint)(3), (nint)(3)),
        // printf "%#v|%#v|%#v|%#v" "q" true 5 1e21
        Case("\"q\"|true|5|1e+21", "%#v|%#v|%#v|%#v", "q", true, (nint)(5), 1e21d),
        // printf "%#v" (dict "k" (list 1 "x") "n" nil)
        Case("map[string]interface {}{\"k\":[]interface {}{1, \"x\"}, \"n\":interface {}(nil)}", "%#v", new Dictionary<string, object?>{["k"]=new object?[]{(nint)(1), "x"}, ["n"]=null}),
        // printf "%+v" (dict "k" (list 1 (dict "z" nil)))
        Case("map[k:[1 map[z:<nil>]]]", "%+v", new Dictionary<string, object?>{["k"]=new object?[]{(nint)(1), new Dictionary<string, object?>{["z"]=null}}}),
        // printf "%10v|%-10v|" (list 1 2) (dict "a" 1)
        Case("[         1          2]|map[a         :1         ]|", "%10v|%-10v|", new object?[]{(nint)(1), (nint)(2)}, new Dictionary<string, object?>{["a"]=(nint)(1)}),
        // printf "%v|%d|%s" 1 2 "3"
        Case("1|2|3", "%v|%d|%s", (nint)(1), (nint)(2), "3"),

    };

    [TestCaseSource(nameof(Cases))]
    public string Sprintf(string format, object?[] args) => GoFormat.Sprintf(format, args);
}
