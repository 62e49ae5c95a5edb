using System.Globalization;
using System.Text;
using HelmSharp.Charts;

namespace HelmSharp.Values;

/// <summary>
/// Validates coalesced values against each chart's <c>values.schema.json</c> and reports failures
/// in helm's format (helm 4: santhosh-tekuri/jsonschema style; helm 3: gojsonschema style).
/// </summary>
internal static class SchemaValidator
{
    /// <summary>
    /// helm's <c>ValidateAgainstSchema</c>: the root chart's schema against <paramref name="values"/>, then every
    /// dependency's schema against <c>values[dep]</c>. Throws <see cref="ValuesException"/> with helm's message.
    /// </summary>
    public static void ValidateAgainstSchema(Chart chart, Dictionary<string, object?> values, int helmMajor = 4, SchemaLimits? limits = null)
    {
        var sb = new StringBuilder();
        var lim = limits ?? SchemaLimits.Default;
        HelmSharp.Go.StackGuard.Run((chart, values, helmMajor, sb, lim), static a => Validate(a.chart, a.values, a.helmMajor, a.sb, 0, a.lim));
        if (sb.Length > 0)
            throw new ValuesException("values don't meet the specifications of the schema(s) in the following chart(s):\n" + sb);
    }

    private static void Validate(Chart chart, Dictionary<string, object?> values, int major, StringBuilder sb, int depth, SchemaLimits limits)
    {
        if (depth > 256) return;
        if (chart.Schema != null)
        {
            var err = ValidateOne(chart.Schema, values, major, limits);
            if (err != null) sb.Append(chart.Name).Append(":\n").Append(err);
        }
        foreach (var sub in chart.Dependencies)
        {
            if (!values.TryGetValue(sub.Name, out var sv) || sv == null) continue;
            if (sv is Dictionary<string, object?> sm) Validate(sub, sm, major, sb, depth + 1, limits);
            else sb.Append(sub.Name).Append(":\ninvalid type for values: expected object (map), got ").Append(Strvals.GoTypeName(sv)).Append('\n');
        }
    }

    /// <summary>
    /// A schema file that is not JSON fails that chart's validation with the JSON decoder's error, as in helm (whose
    /// decoder reads a stream: an empty file is "EOF", a cut-off one "unexpected EOF"); null when it is JSON.
    /// </summary>
    private static string? SchemaSyntaxError(byte[] schemaBytes)
    {
        var text = Encoding.UTF8.GetString(schemaBytes);
        if (text.AsSpan().Trim(" \t\r\n").IsEmpty) return "EOF";
        try { HelmSharp.Json.GoJson.Unmarshal(text); }
        catch (HelmSharp.Json.GoJsonException e)
        {
            return e.Message == "unexpected end of JSON input" ? "unexpected EOF" : e.Message;
        }
        return null;
    }

    private static string? ValidateOne(byte[] schemaBytes, Dictionary<string, object?> values, int major, SchemaLimits limits)
    {
        if (SchemaSyntaxError(schemaBytes) is { } syntax) return syntax; // helm adds no line break after it
        var budget = new SchemaBudget(limits);
        try
        {
            var root = SchemaDocument.Parse(Encoding.UTF8.GetString(schemaBytes));
            if (root == null) return null;
            if (major == 3)
            {
                var doc = SchemaDocument.Create(root, SchemaDocument.DraftForHelm3(root), budget);
                return SchemaHelm3.Validate(doc, values, budget);
            }
            else
            {
                var doc = SchemaDocument.Create(root, SchemaDocument.DraftForHelm4(root, out _), budget);
                var err = SchemaHelm4.Validate(doc, values, budget);
                return err == null ? null : err + "\n";
            }
        }
        catch (SchemaCompileException e) { return e.Message; }
        catch (System.Text.Json.JsonException e) { throw new ValuesException("unable to validate schema: " + e.Message, e); }
        catch (SchemaLimitException e) { throw new ValuesException(e.Message, e); }
    }

    /// <summary>
    /// A number as helm 4's jsonschema messages print it (golang.org/x/text message printer, English):
    /// %g's choice between fixed and exponent form, digit grouping, exponents as <c>×10⁰⁶</c>.
    /// </summary>
    internal static string Localized(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) return d.ToString(CultureInfo.InvariantCulture);
        var sb = new System.Text.StringBuilder();
        if (d < 0 || (d == 0 && double.IsNegative(d))) { sb.Append('-'); d = -d; }
        // shortest round-trip digits and decimal-point position (value = 0.digits × 10^dp)
        string digits = HelmSharp.Go.GoStrconv.ShortestDecimal(d, out int dp);
        int nd = digits.Length, exp = dp - 1, eprec = 6;
        if (eprec > nd && nd >= dp) eprec = nd;
        if (exp < -4 || exp >= eprec)
        {
            sb.Append(digits[0]);
            if (nd > 1) sb.Append('.').Append(digits, 1, nd - 1);
            sb.Append("×10");
            const string sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
            if (exp < 0) sb.Append('⁻');
            var es = Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
            if (es.Length < 2) es = "0" + es;
            foreach (var c in es) sb.Append(sup[c - '0']);
            return sb.ToString();
        }
        string ip, fp;
        if (dp <= 0) { ip = "0"; fp = new string('0', -dp) + digits; }
        else if (dp >= nd) { ip = digits + new string('0', dp - nd); fp = ""; }
        else { ip = digits[..dp]; fp = digits[dp..]; }
        for (int i = 0; i < ip.Length; i++)
        {
            if (i > 0 && (ip.Length - i) % 3 == 0) sb.Append(',');
            sb.Append(ip[i]);
        }
        if (fp.Length > 0) sb.Append('.').Append(fp);
        return sb.ToString();
    }
}
