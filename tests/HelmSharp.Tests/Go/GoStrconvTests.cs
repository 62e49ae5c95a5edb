using HelmSharp.Go;
using NUnit.Framework;

namespace HelmSharp.Tests.Go;

/// <summary>
/// strconv conformance. Expectations are Go's own (golang/go src/strconv *_test.go tables and
/// documented behaviour); the float layouts are also exercised against helm through SprintfTests.
/// </summary>
public class GoStrconvTests
{
    [TestCase(1.0, 'e', 5, 64, "1.00000e+00")]
    [TestCase(20.0, 'g', -1, 64, "20")]
    [TestCase(1e23, 'e', 17, 64, "9.99999999999999916e+22")]
    [TestCase(1e23, 'f', -1, 64, "100000000000000000000000")]
    [TestCase(1e23, 'g', -1, 64, "1e+23")]
    [TestCase(1e23, 'f', 0, 64, "99999999999999991611392")]
    [TestCase(100000.0, 'g', -1, 64, "100000")]
    [TestCase(1e6, 'g', -1, 64, "1e+06")]
    [TestCase(0.000001234, 'g', -1, 64, "1.234e-06")]
    [TestCase(0.0001234, 'g', -1, 64, "0.0001234")]
    [TestCase(-0.0, 'g', -1, 64, "-0")]
    [TestCase(1.5, 'e', 0, 64, "2e+00")]
    [TestCase(2.5, 'e', 0, 64, "2e+00")]
    [TestCase(0.5, 'f', 0, 64, "0")]
    [TestCase(1.5, 'f', 0, 64, "2")]
    [TestCase(2.5, 'f', 0, 64, "2")]
    [TestCase(0.05, 'f', 1, 64, "0.1")]
    [TestCase(9.5, 'f', 0, 64, "10")]
    [TestCase(0.0009, 'f', 2, 64, "0.00")]
    [TestCase(123456789.0, 'g', 3, 64, "1.23e+08")]
    [TestCase(123456789.0, 'G', -1, 64, "1.23456789E+08")]
    [TestCase(1.0, 'b', -1, 64, "4503599627370496p-52")]
    [TestCase(1.0, 'b', -1, 32, "8388608p-23")]
    [TestCase(1.0, 'x', -1, 64, "0x1p+00")]
    [TestCase(1.0, 'x', 3, 64, "0x1.000p+00")]
    [TestCase(0.1, 'g', -1, 32, "0.1")]
    [TestCase(3.4028234663852886e38, 'g', -1, 32, "3.4028235e+38")]
    [TestCase(5e-324, 'e', -1, 64, "5e-324")]
    [TestCase(1.7976931348623157e308, 'g', -1, 64, "1.7976931348623157e+308")]
    [TestCase(double.NaN, 'g', -1, 64, "NaN")]
    [TestCase(double.PositiveInfinity, 'f', 2, 64, "+Inf")]
    [TestCase(double.NegativeInfinity, 'e', -1, 64, "-Inf")]
    [TestCase(0.0, 'e', 3, 64, "0.000e+00")]
    [TestCase(123.456, 'f', -1, 64, "123.456")]
    [TestCase(123.456, 'e', -1, 64, "1.23456e+02")]
    public void FormatFloat(double v, char fmt, int prec, int bits, string expected) =>
        Assert.That(GoStrconv.FormatFloat(v, fmt, prec, bits), Is.EqualTo(expected));

    [Test]
    public void FormatFloat32UsesFloat32Digits()
    {
        Assert.That(GoStrconv.FormatFloat(0.1f, 'g', -1, 64), Is.EqualTo("0.10000000149011612"));
        Assert.That(GoStrconv.FormatFloat(0.1f, 'g', -1, 32), Is.EqualTo("0.1"));
    }

    [TestCase("0x1F", 0, 64, 31L)]
    [TestCase("0X1f", 0, 64, 31L)]
    [TestCase("0o17", 0, 64, 15L)]
    [TestCase("017", 0, 64, 15L)]
    [TestCase("0b101", 0, 64, 5L)]
    [TestCase("1_000", 0, 64, 1000L)]
    [TestCase("-0x_1F", 0, 64, -31L)]
    [TestCase("-9223372036854775808", 10, 64, long.MinValue)]
    [TestCase("9223372036854775807", 10, 64, long.MaxValue)]
    [TestCase("+12", 10, 64, 12L)]
    [TestCase("zz", 36, 64, 1295L)]
    [TestCase("-128", 10, 8, -128L)]
    [TestCase("0", 0, 64, 0L)]
    public void ParseInt(string s, int b, int bits, long expected) =>
        Assert.That(GoStrconv.ParseInt(s, b, bits), Is.EqualTo(expected));

    [TestCase("", 10, 64, "strconv.ParseInt: parsing \"\": invalid syntax")]
    [TestCase("12a", 10, 64, "strconv.ParseInt: parsing \"12a\": invalid syntax")]
    [TestCase("1__0", 0, 64, "strconv.ParseInt: parsing \"1__0\": invalid syntax")]
    [TestCase("_1", 0, 64, "strconv.ParseInt: parsing \"_1\": invalid syntax")]
    [TestCase("1_", 0, 64, "strconv.ParseInt: parsing \"1_\": invalid syntax")]
    [TestCase("1_000", 10, 64, "strconv.ParseInt: parsing \"1_000\": invalid syntax")]
    [TestCase("08", 0, 64, "strconv.ParseInt: parsing \"08\": invalid syntax")]
    [TestCase("0x", 0, 64, "strconv.ParseInt: parsing \"0x\": invalid syntax")]
    [TestCase("9223372036854775808", 10, 64, "strconv.ParseInt: parsing \"9223372036854775808\": value out of range")]
    [TestCase("-9223372036854775809", 10, 64, "strconv.ParseInt: parsing \"-9223372036854775809\": value out of range")]
    [TestCase("128", 10, 8, "strconv.ParseInt: parsing \"128\": value out of range")]
    [TestCase("12", 1, 64, "strconv.ParseInt: parsing \"12\": invalid base 1")]
    [TestCase("12", 10, 65, "strconv.ParseInt: parsing \"12\": invalid bit size 65")]
    public void ParseIntErrors(string s, int b, int bits, string message) =>
        Assert.That(() => GoStrconv.ParseInt(s, b, bits), Throws.TypeOf<GoNumError>().With.Message.EqualTo(message));

    [Test]
    public void ParseIntRangeErrorsClamp()
    {
        Assert.That(GoStrconv.TryParseInt("99999999999999999999", 10, 64, out var v, out var err), Is.False);
        Assert.That(v, Is.EqualTo(long.MaxValue));
        Assert.That(err!.Err, Is.EqualTo(GoNumError.Range));
        Assert.That(GoStrconv.TryParseInt("-99999999999999999999", 10, 64, out v, out _), Is.False);
        Assert.That(v, Is.EqualTo(long.MinValue));
    }

    [Test]
    public void ParseUintAndAtoi()
    {
        Assert.That(GoStrconv.ParseUint("18446744073709551615", 10, 64), Is.EqualTo(ulong.MaxValue));
        Assert.That(() => GoStrconv.ParseUint("18446744073709551616", 10, 64), Throws.TypeOf<GoNumError>().With.Message.EqualTo("strconv.ParseUint: parsing \"18446744073709551616\": value out of range"));
        Assert.That(() => GoStrconv.ParseUint("-1", 10, 64), Throws.TypeOf<GoNumError>().With.Message.EqualTo("strconv.ParseUint: parsing \"-1\": invalid syntax"));
        Assert.That(GoStrconv.Atoi("-42"), Is.EqualTo(-42L));
        Assert.That(() => GoStrconv.Atoi("4x"), Throws.TypeOf<GoNumError>().With.Message.EqualTo("strconv.Atoi: parsing \"4x\": invalid syntax"));
        Assert.That(GoStrconv.FormatInt(-255, 16), Is.EqualTo("-ff"));
        Assert.That(GoStrconv.FormatInt(long.MinValue, 2), Is.EqualTo("-1" + new string('0', 63)));
        Assert.That(GoStrconv.FormatUint(35, 36), Is.EqualTo("z"));
        Assert.That(GoStrconv.ParseBool("T"), Is.True);
        Assert.That(() => GoStrconv.ParseBool("yes"), Throws.TypeOf<GoNumError>().With.Message.EqualTo("strconv.ParseBool: parsing \"yes\": invalid syntax"));
    }

    [TestCase("1.5", 1.5)]
    [TestCase("-1e3", -1000.0)]
    [TestCase("1_23.50_0_0e+1_2", 1.235e14)]
    [TestCase(".5", 0.5)]
    [TestCase("5.", 5.0)]
    [TestCase("0x1p-2", 0.25)]
    [TestCase("0x1.8p1", 3.0)]
    [TestCase("inf", double.PositiveInfinity)]
    [TestCase("-Infinity", double.NegativeInfinity)]
    [TestCase("1e-400", 0.0)]
    public void ParseFloat(string s, double expected) =>
        Assert.That(GoStrconv.ParseFloat(s, 64), Is.EqualTo(expected));

    [TestCase("", "strconv.ParseFloat: parsing \"\": invalid syntax")]
    [TestCase("1e", "strconv.ParseFloat: parsing \"1e\": invalid syntax")]
    [TestCase("abc", "strconv.ParseFloat: parsing \"abc\": invalid syntax")]
    [TestCase("1_", "strconv.ParseFloat: parsing \"1_\": invalid syntax")]
    [TestCase("1e400", "strconv.ParseFloat: parsing \"1e400\": value out of range")]
    [TestCase(" 1", "strconv.ParseFloat: parsing \" 1\": invalid syntax")]
    public void ParseFloatErrors(string s, string message) =>
        Assert.That(() => GoStrconv.ParseFloat(s, 64), Throws.TypeOf<GoNumError>().With.Message.EqualTo(message));

    [TestCase("abc", "\"abc\"")]
    [TestCase("\a\b\f\r\n\t\v", "\"\\a\\b\\f\\r\\n\\t\\v\"")]
    [TestCase("\u263a", "\"\u263a\"")]
    [TestCase("\u00ff\u0000", "\"\u00ff\\x00\"")]
    [TestCase("\u2028\u00a0", "\"\\u2028\\u00a0\"")]
    [TestCase("\U0010ffff", "\"\\U0010ffff\"")]
    [TestCase("\U0001F600", "\"\U0001F600\"")]
    [TestCase("\x7f", "\"\\x7f\"")]
    public void Quote(string s, string expected) => Assert.That(GoStrconv.Quote(s), Is.EqualTo(expected));

    [Test]
    public void QuoteVariants()
    {
        Assert.That(GoStrconv.QuoteToASCII("\u263aé"), Is.EqualTo("\"\\u263a\\u00e9\""));
        Assert.That(GoStrconv.QuoteToASCII("\U0001F600"), Is.EqualTo("\"\\U0001f600\""));
        Assert.That(GoStrconv.QuoteRune('\''), Is.EqualTo("'\\''"));
        Assert.That(GoStrconv.QuoteRune('"'), Is.EqualTo("'\"'"));
        Assert.That(GoStrconv.QuoteRune(0x263a), Is.EqualTo("'\u263a'"));
        Assert.That(GoStrconv.QuoteRune(0xD800), Is.EqualTo("'\uFFFD'"));
        Assert.That(GoStrconv.QuoteRuneToASCII(0x263a), Is.EqualTo("'\\u263a'"));
        Assert.That(GoStrconv.CanBackquote("a\tb"), Is.True);
        Assert.That(GoStrconv.CanBackquote("a`b"), Is.False);
        Assert.That(GoStrconv.CanBackquote("a\nb"), Is.False);
    }
}

public class GoFloatRandomizedTests
{
    // Random doubles essentially never sit on an exact decimal tie, where .NET's correctly rounded
    // "E<p>" / "F<p>" formatting must agree digit for digit with Go's.
    [Test]
    public void FixedPrecisionMatchesCorrectRounding()
    {
        var rng = new Random(12345);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        for (int i = 0; i < 3000; i++)
        {
            double v = BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x7FEFFFFFFFFFFFFF));
            if (i % 3 == 0) v = rng.NextDouble() * Math.Pow(10, rng.Next(-10, 20));
            int p = rng.Next(0, 25);
            string net = v.ToString("E" + p, inv);
            int e = net.IndexOf('E');
            int exp = int.Parse(net[(e + 1)..], inv);
            string expected = net[..e] + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", inv);
            Assert.That(GoStrconv.FormatFloat(v, 'e', p, 64), Is.EqualTo(expected), $"{v:R} %.{p}e");
            if (Math.Abs(v) < 1e30)
            {
                int q = rng.Next(0, 12);
                Assert.That(GoStrconv.FormatFloat(v, 'f', q, 64), Is.EqualTo(v.ToString("F" + q, inv)), $"{v:R} %.{q}f");
            }
        }
    }

    [Test]
    public void ShortestRoundTrips()
    {
        var rng = new Random(777);
        for (int i = 0; i < 3000; i++)
        {
            double v = BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x7FEFFFFFFFFFFFFF));
            string s = GoStrconv.FormatFloat(v, 'g', -1, 64);
            Assert.That(GoStrconv.ParseFloat(s, 64), Is.EqualTo(v), s);
            string e = GoStrconv.FormatFloat(v, 'e', -1, 64);
            Assert.That(double.Parse(e, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(v), e);
        }
    }
}
