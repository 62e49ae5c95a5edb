using System.Globalization;
using System.Numerics;

namespace HelmSharp.Template.Parse;

/// <summary>Go's <c>strconv.ParseInt/ParseUint/ParseFloat</c> with base 0 / Go literal syntax.</summary>
internal static class GoNumbers
{
    private static char Lower(char c) => (char)(c | 0x20);

    public static bool UnderscoreOK(string s) => HelmSharp.Go.GoStrconv.UnderscoreOK(s);

    /// <summary>strconv.ParseUint(s, 0, 64).</summary>
    public static bool TryParseUint(string s, out ulong value) => HelmSharp.Go.GoStrconv.TryParseUint(s, 0, 64, out value, out _);

    /// <summary>strconv.ParseInt(s, 0, 64).</summary>
    public static bool TryParseInt(string s, out long value) => HelmSharp.Go.GoStrconv.TryParseInt(s, 0, 64, out value, out _);

    /// <summary>strconv.ParseFloat(s, 64).</summary>
    public static bool TryParseFloat(string s, out double value) => HelmSharp.Go.GoStrconv.TryParseFloat(s, 64, out value, out _);

    /// <summary>fmt.Sscan of a complex literal like <c>1+2i</c>.</summary>
    public static bool TryParseComplex(string s, out Complex c)
    {
        c = Complex.Zero;
        // split at the sign that starts the imaginary part (not after e/E/p/P)
        for (int i = s.Length - 2; i > 0; i--)
        {
            if ((s[i] == '+' || s[i] == '-') && Lower(s[i - 1]) != 'e' && Lower(s[i - 1]) != 'p')
            {
                if (!TryParseFloat(s[..i], out double re)) return false;
                var im = s[i..^1];
                if (!TryParseFloat(im, out double imv)) return false;
                c = new Complex(re, imv);
                return true;
            }
        }
        return false;
    }
}
