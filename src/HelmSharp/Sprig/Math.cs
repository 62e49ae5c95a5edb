using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    /// <summary>Upper bound on the length of lists built by until/untilStep/seq (Go would exhaust memory).</summary>
    internal const long MaxBuiltList = 1L << 24;

    static partial void RegisterMath(FunctionRegistry r)
    {
        r.Add(Pure("until", PInt, a => { var n = (long)(nint)a[0]!; return UntilStep(0, n, n < 0 ? -1 : 1); }));
        r.Add(Pure("untilStep", [GoType.Int, GoType.Int, GoType.Int], a => UntilStep((nint)a[0]!, (nint)a[1]!, (nint)a[2]!)));
        r.Add(Pure("add1", PAny, a => unchecked(SprigValues.ToInt64(a[0]) + 1)));
        r.Add(Pure("add", PAny, a =>
        {
            long s = 0;
            foreach (var x in a) s = unchecked(s + SprigValues.ToInt64(x));
            return s;
        }, variadic: true));
        r.Add(Pure("sub", PAnyAny, a => unchecked(SprigValues.ToInt64(a[0]) - SprigValues.ToInt64(a[1]))));
        r.Add(Pure("div", PAnyAny, a => Div(SprigValues.ToInt64(a[0]), SprigValues.ToInt64(a[1]))));
        r.Add(Pure("mod", PAnyAny, a => Mod(SprigValues.ToInt64(a[0]), SprigValues.ToInt64(a[1]))));
        r.Add(Pure("mul", PAnyAny, a =>
        {
            var v = SprigValues.ToInt64(a[0]);
            for (var i = 1; i < a.Length; i++) v = unchecked(v * SprigValues.ToInt64(a[i]));
            return v;
        }, variadic: true));
        r.Add(Fn(FunctionEffects.ReadsOutside, "randInt", [GoType.Int, GoType.Int], a =>
        {
            long min = (nint)a[0]!, max = (nint)a[1]!;
            var n = unchecked(max - min);
            if (n <= 0) throw new GoFunctionException("invalid argument to Intn");
            return (nint)unchecked(NextInt64(n) + min);
        }));
        r.Add(Pure("add1f", PAny, a => DecimalOp(a[0], [1L], 0, 0)));
        r.Add(Pure("addf", PAny, a => DecimalOp(0d, a, 0, 0), variadic: true));
        r.Add(Pure("subf", PAnyAny, a => DecimalOp(a[0], a, 1, 1), variadic: true));
        r.Add(Pure("divf", PAnyAny, a => DecimalOp(a[0], a, 1, 3), variadic: true));
        r.Add(Pure("mulf", PAnyAny, a => DecimalOp(a[0], a, 1, 2), variadic: true));
        r.Add(Pure("biggest", PAnyAny, a => MaxInt(a), variadic: true));
        r.Add(Pure("max", PAnyAny, a => MaxInt(a), variadic: true));
        r.Add(Pure("min", PAnyAny, a =>
        {
            var v = SprigValues.ToInt64(a[0]);
            for (var i = 1; i < a.Length; i++) { var b = SprigValues.ToInt64(a[i]); if (b < v) v = b; }
            return v;
        }, variadic: true));
        r.Add(Pure("maxf", PAnyAny, a =>
        {
            var v = SprigValues.ToFloat64(a[0]);
            for (var i = 1; i < a.Length; i++) v = GoMax(v, SprigValues.ToFloat64(a[i]));
            return v;
        }, variadic: true));
        r.Add(Pure("minf", PAnyAny, a =>
        {
            var v = SprigValues.ToFloat64(a[0]);
            for (var i = 1; i < a.Length; i++) v = GoMin(v, SprigValues.ToFloat64(a[i]));
            return v;
        }, variadic: true));
        r.Add(Pure("ceil", PAny, a => Math.Ceiling(SprigValues.ToFloat64(a[0]))));
        r.Add(Pure("floor", PAny, a => Math.Floor(SprigValues.ToFloat64(a[0]))));
        r.Add(Pure("round", [GoType.Interface, GoType.Int, GoType.Float64], a => Round(a), variadic: true));
    }

    private static long NextInt64(long n) => n <= int.MaxValue ? RandomNumberGenerator.GetInt32((int)n) : (long)(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) % (ulong)n);

    private static long MaxInt(object?[] a)
    {
        var v = SprigValues.ToInt64(a[0]);
        for (var i = 1; i < a.Length; i++) { var b = SprigValues.ToInt64(a[i]); if (b > v) v = b; }
        return v;
    }

    private static long Div(long a, long b)
    {
        if (b == 0) throw new GoFunctionException("runtime error: integer divide by zero");
        if (b == -1) return unchecked(-a);
        return a / b;
    }

    private static long Mod(long a, long b)
    {
        if (b == 0) throw new GoFunctionException("runtime error: integer divide by zero");
        if (b == -1) return 0;
        return a % b;
    }

    private static double GoMax(double x, double y)
    {
        if (double.IsPositiveInfinity(x) || double.IsPositiveInfinity(y)) return double.PositiveInfinity;
        if (double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        if (x == 0 && x == y) return double.IsNegative(x) ? y : x;
        return x > y ? x : y;
    }

    private static double GoMin(double x, double y)
    {
        if (double.IsNegativeInfinity(x) || double.IsNegativeInfinity(y)) return double.NegativeInfinity;
        if (double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        if (x == 0 && x == y) return double.IsNegative(x) ? x : y;
        return x < y ? x : y;
    }

    internal static nint[] UntilStep(long start, long stop, long step)
    {
        BigInteger count;
        if (stop < start)
        {
            if (step >= 0) return [];
            count = ((BigInteger)start - stop + (-(BigInteger)step) - 1) / (-(BigInteger)step);
        }
        else
        {
            if (step <= 0) return [];
            count = ((BigInteger)stop - start + step - 1) / step;
        }
        if (count > MaxBuiltList) throw new GoFunctionException("runtime error: makeslice: len out of range");
        var v = new nint[(int)count];
        var i = start;
        for (var k = 0; k < v.Length; k++, i = unchecked(i + step)) v[k] = (nint)i;
        return v;
    }

    private static double Round(object?[] a)
    {
        var roundOn = a.Length > 2 ? (double)a[2]! : .5;
        var val = SprigValues.ToFloat64(a[0]);
        var places = (double)(long)(nint)a[1]!;
        var pow = Math.Pow(10, places);
        var digit = pow * val;
        var frac = digit - Math.Truncate(digit);
        if (double.IsInfinity(digit)) frac = 0;
        var rounded = frac >= roundOn ? Math.Ceiling(digit) : Math.Floor(digit);
        return rounded / pow;
    }

    // ---------------------------------------------------------------- shopspring/decimal

    /// <summary>execDecimalOp: a ∘ b[from..] on shopspring decimals; op 0 add, 1 sub, 2 mul, 3 div.</summary>
    private static double DecimalOp(object? first, object?[] rest, int from, int op)
    {
        var acc = GoDecimal.FromFloat(SprigValues.ToFloat64(first));
        for (var i = from; i < rest.Length; i++)
        {
            var d = GoDecimal.FromFloat(SprigValues.ToFloat64(rest[i]));
            acc = op switch
            {
                0 => acc.Add(d),
                1 => acc.Sub(d),
                2 => acc.Mul(d),
                _ => acc.Div(d),
            };
        }
        return acc.ToDouble();
    }

    private readonly struct GoDecimal(BigInteger value, int exp)
    {
        private readonly BigInteger _value = value;
        private readonly int _exp = exp;

        public static GoDecimal FromFloat(double f)
        {
            if (double.IsNaN(f) || double.IsInfinity(f))
                throw new GoFunctionException("Cannot create a Decimal from " + (double.IsNaN(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf"));
            if (f == 0) return new GoDecimal(BigInteger.Zero, 0);
            var s = f.ToString("R", CultureInfo.InvariantCulture); // shortest round-trip digits
            var neg = s[0] == '-';
            if (neg) s = s[1..];
            var e = 0;
            var ei = s.IndexOfAny(['E', 'e']);
            if (ei >= 0) { e = int.Parse(s[(ei + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture); s = s[..ei]; }
            var dot = s.IndexOf('.');
            if (dot >= 0) { e -= s.Length - dot - 1; s = s.Remove(dot, 1); }
            var v = BigInteger.Parse(s, CultureInfo.InvariantCulture);
            return new GoDecimal(neg ? -v : v, e);
        }

        private static (BigInteger a, BigInteger b, int exp) Align(GoDecimal x, GoDecimal y)
        {
            if (x._exp == y._exp) return (x._value, y._value, x._exp);
            if (x._exp < y._exp) return (x._value, y._value * BigInteger.Pow(10, y._exp - x._exp), x._exp);
            return (x._value * BigInteger.Pow(10, x._exp - y._exp), y._value, y._exp);
        }

        public GoDecimal Add(GoDecimal d) { var (a, b, e) = Align(this, d); return new GoDecimal(a + b, e); }
        public GoDecimal Sub(GoDecimal d) { var (a, b, e) = Align(this, d); return new GoDecimal(a - b, e); }
        public GoDecimal Mul(GoDecimal d) => new(_value * d._value, _exp + d._exp);

        public GoDecimal Div(GoDecimal d)
        {
            if (d._value.IsZero) throw new GoFunctionException("decimal division by 0");
            // DivRound(d, 16): quotient rounded half away from zero to 16 decimal places
            const int prec = 16;
            // this / d = (v1 * 10^e1) / (v2 * 10^e2); scale to 10^-prec
            var shift = _exp - d._exp + prec;
            BigInteger num = _value, den = d._value;
            if (shift >= 0) num *= BigInteger.Pow(10, shift); else den *= BigInteger.Pow(10, -shift);
            var q = BigInteger.DivRem(num, den, out var rem);
            if (!rem.IsZero)
            {
                var twice = BigInteger.Abs(rem) * 2;
                if (twice >= BigInteger.Abs(den)) q += (num.Sign * den.Sign) < 0 ? -1 : 1;
            }
            return new GoDecimal(q, -prec);
        }

        public double ToDouble()
        {
            if (_value.IsZero) return 0;
            var s = _value.ToString(CultureInfo.InvariantCulture) + "E" + _exp.ToString(CultureInfo.InvariantCulture);
            return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }
}
