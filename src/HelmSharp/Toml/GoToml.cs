using System.Collections;
using System.Globalization;
using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Toml;

/// <summary>
/// TOML as Helm's <c>toToml</c>/<c>fromToml</c> see it through BurntSushi/toml v1: <see cref="Marshal"/>
/// writes what its <c>Encoder</c> writes (keys sorted, plain keys before sub-tables, two-space
/// indentation, Go float formatting), <see cref="Unmarshal"/> decodes a document into
/// <c>map[string]interface{}</c> (integers <c>int64</c>, floats <c>float64</c>, arrays of tables
/// <c>[]map[string]interface {}</c>, date-times <see cref="GoTomlDateTime"/>).
/// </summary>
internal static class GoToml
{
    private const int MaxDepth = 2000;

    /// <summary>
    /// Encodes <paramref name="value"/> as BurntSushi's <c>Encoder.Encode</c> does. Encoder errors
    /// throw <see cref="GoTomlException"/> (Helm's toToml returns its message as the output);
    /// a nil value throws <see cref="GoFunctionException"/> with the Go panic text
    /// (<c>reflect: call of reflect.Value.Type on zero Value</c>), as helm fails the render.
    /// </summary>
    /// <param name="value">The Go value.</param>
    /// <param name="helmMajor">4 (BurntSushi v1.5: floats like <c>%g</c>, e.g. <c>1e+21</c>) or 3 (helm 3.17's BurntSushi: floats in plain decimal, e.g. <c>1000000000000000000000.0</c>).</param>
    public static string Marshal(object? value, int helmMajor = 4)
    {
        if (value == null) throw new GoFunctionException("reflect: call of reflect.Value.Type on zero Value");
        if (!StackGuard.OnBigStack) return StackGuard.Run((value, helmMajor), static a => Marshal(a.value, a.helmMajor));
        var enc = new Encoder(helmMajor >= 4 ? 'g' : 'f');
        enc.CheckArrays(value, 0);
        enc.Encode(new List<string>(), value);
        return enc.Sb.ToString();
    }

    private sealed class Encoder(char floatFormat)
    {
        public readonly StringBuilder Sb = new();
        private bool _hasWritten;

        private void Wf(string s) { Sb.Append(s); _hasWritten = true; }
        private void Newline() { if (_hasWritten) Wf("\n"); }

        public void CheckArrays(object? v, int depth)
        {
            if (depth > MaxDepth || ((depth & 31) == 31 && !StackGuard.Check()))
                throw new GoTomlException("toml: value nesting too deep");
            switch (v)
            {
                case null or string: return;
                case IDictionary d:
                    foreach (DictionaryEntry e in d)
                    {
                        if (e.Key is not string) throw new GoTomlException("toml: cannot encode a map with non-string key type");
                        CheckArrays(e.Value, depth + 1);
                    }
                    return;
                case IList l:
                    foreach (var x in l)
                    {
                        if (x == null) throw new GoTomlException("toml: cannot encode array with nil element");
                        CheckArrays(x, depth + 1);
                    }
                    return;
            }
        }

        private static bool IsTable(object? v) => v is IDictionary || IsArrayOfTables(v);

        private static bool IsArrayOfTables(object? v)
        {
            if (v is string || v is not IList l || l.Count == 0) return false;
            foreach (var x in l) if (x is not IDictionary) return false;
            return true;
        }

        private string Indent(int keyLen) => keyLen <= 1 ? "" : new string(' ', 2 * (keyLen - 1));

        public void Encode(List<string> key, object? v)
        {
            switch (v)
            {
                case null: return;
                case IDictionary d: ETable(key, d); return;
                case IList l when v is not string && IsArrayOfTables(v):
                    if (key.Count == 0) throw new GoTomlException("toml: top-level values must be Go maps or structs");
                    foreach (var x in l)
                    {
                        Newline();
                        Wf(Indent(key.Count) + "[[" + KeyString(key) + "]]");
                        Newline();
                        EMap(key, (IDictionary)x!, false);
                    }
                    return;
            }
            WriteKeyValue(key, v);
        }

        private void WriteKeyValue(List<string> key, object? v)
        {
            if (key.Count == 0) { EElement(v); return; }
            Wf(Indent(key.Count) + MaybeQuoted(key[^1]) + " = ");
            EElement(v);
            Newline();
        }

        private void ETable(List<string> key, IDictionary d)
        {
            if (key.Count == 1) Newline();
            if (key.Count > 0)
            {
                Wf(Indent(key.Count) + "[" + KeyString(key) + "]");
                Newline();
            }
            EMap(key, d, false);
        }

        private static void SplitKeys(IDictionary d, out List<string> direct, out List<string> sub)
        {
            direct = new List<string>(); sub = new List<string>();
            foreach (DictionaryEntry e in d)
            {
                var k = (string)e.Key;
                if (IsTable(e.Value)) sub.Add(k); else direct.Add(k);
            }
            direct.Sort(GoSort.CompareStrings);
            sub.Sort(GoSort.CompareStrings);
        }

        private void EMap(List<string> key, IDictionary d, bool inline)
        {
            SplitKeys(d, out var direct, out var sub);
            if (inline)
            {
                Wf("{");
                bool first = true;
                foreach (var list in new[] { direct, sub })
                {
                    foreach (var k in list)
                    {
                        var v = d[k];
                        if (v == null) continue;
                        if (!first) Wf(", ");
                        first = false;
                        Wf(MaybeQuoted(k) + " = ");
                        EElement(v);
                    }
                }
                Wf("}");
                return;
            }
            foreach (var list in new[] { direct, sub })
            {
                foreach (var k in list)
                {
                    var v = d[k];
                    if (v == null) continue;
                    key.Add(k);
                    Encode(key, v);
                    key.RemoveAt(key.Count - 1);
                }
            }
        }

        private void EElement(object? v)
        {
            switch (v)
            {
                case string s: WriteQuoted(Sb, s); _hasWritten = true; return;
                case bool b: Wf(b ? "true" : "false"); return;
                case double d: WriteFloat(d, 64); return;
                case float f: WriteFloat(f, 32); return;
                case nint or long or int or short or sbyte or nuint or ulong or uint or ushort or byte:
                    Wf(Convert.ToString(v, CultureInfo.InvariantCulture)!);
                    return;
                case GoTomlDateTime dt: Wf(dt.ToTomlString()); return;
                case IDictionary d: EMap(new List<string>(), d, true); return;
                case IList l:
                    Wf("[");
                    for (int i = 0; i < l.Count; i++)
                    {
                        if (i > 0) Wf(", ");
                        EElement(l[i]);
                    }
                    Wf("]");
                    return;
                case IGoStringer st: WriteQuoted(Sb, st.GoString()); _hasWritten = true; return;
            }
            throw new GoTomlException("toml: unsupported type: " + GoFormat.TypeName(v));
        }

        private void WriteFloat(double f, int bits)
        {
            if (double.IsNaN(f)) { Wf("nan"); return; }
            if (double.IsInfinity(f)) { Wf(f < 0 ? "-inf" : "inf"); return; }
            var s = GoStrconv.FormatFloat(f, floatFormat, -1, bits);
            if (!s.Contains('.') && !s.Contains('e')) s += ".0";
            Wf(s);
        }
    }

    private static bool IsBareKey(string k)
    {
        if (k.Length == 0) return false;
        foreach (char c in k)
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
        return true;
    }

    private static string MaybeQuoted(string k)
    {
        if (IsBareKey(k)) return k;
        var sb = new StringBuilder(k.Length + 2);
        WriteQuoted(sb, k);
        return sb.ToString();
    }

    private static string KeyString(List<string> key)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < key.Count; i++)
        {
            if (i > 0) sb.Append('.');
            sb.Append(MaybeQuoted(key[i]));
        }
        return sb.ToString();
    }

    private static void WriteQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>
    /// Decodes a TOML document into <c>map[string]interface{}</c> as BurntSushi's <c>toml.Unmarshal</c>
    /// does; errors throw <see cref="GoTomlException"/> with a BurntSushi-style message
    /// (<c>toml: line N (last key "k"): …</c>).
    /// </summary>
    /// <param name="toml">The document.</param>
    /// <param name="helmMajor">4, or 3 for helm 3.17's BurntSushi (no trailing comma in inline tables).</param>
    public static Dictionary<string, object?> Unmarshal(string toml, int helmMajor = 4) =>
        StackGuard.Run((toml, helmMajor), static a => new TomlParser(a.toml, a.helmMajor).Parse());
}

/// <summary>A TOML encode/decode error carrying the Go library's message.</summary>
internal class GoTomlException(string message) : HelmSharpException(message);

/// <summary>The kind of a TOML date-time value.</summary>
internal enum GoTomlDateTimeKind
{
    /// <summary>Offset date-time (a real instant).</summary>
    OffsetDateTime,
    /// <summary>Local date-time (location <c>datetime-local</c>).</summary>
    LocalDateTime,
    /// <summary>Local date (location <c>date-local</c>).</summary>
    LocalDate,
    /// <summary>Local time (location <c>time-local</c>).</summary>
    LocalTime,
}

/// <summary>
/// A TOML date-time decoded as BurntSushi does: a Go <c>time.Time</c>, local kinds carrying the
/// pseudo-locations <c>datetime-local</c>, <c>date-local</c>, <c>time-local</c>.
/// </summary>
internal sealed class GoTomlDateTime : IGoValue, IGoStringer, HelmSharp.Go.IGoJsonMarshaler
{
    private static readonly GoType s_type = GoType.Struct("time.Time");

    /// <summary>Creates a value.</summary>
    public GoTomlDateTime(DateTimeOffset value, GoTomlDateTimeKind kind, int nanosecond)
    {
        Value = value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond)); Kind = kind;
        Nanosecond = nanosecond != 0 ? nanosecond : (int)(value.Ticks % TimeSpan.TicksPerSecond) * 100;
    }

    /// <summary>The instant to whole seconds (local kinds use offset zero).</summary>
    public DateTimeOffset Value { get; }
    /// <summary>Which TOML date-time form it came from.</summary>
    public GoTomlDateTimeKind Kind { get; }
    /// <summary>The fractional second in nanoseconds (0..999999999).</summary>
    public int Nanosecond { get; }

    private string Frac() => Nanosecond == 0 ? "" : "." + Nanosecond.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');

    /// <inheritdoc/>
    public GoType GoType => s_type;

    /// <summary>Go's <c>time.Time.String()</c>: <c>2006-01-02 15:04:05.999999999 -0700 MST</c>.</summary>
    public string GoString()
    {
        var sb = new StringBuilder();
        sb.Append(Kind == GoTomlDateTimeKind.LocalTime
            ? "0000-01-01 " + Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : Value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        sb.Append(Frac());
        var off = Value.Offset;
        sb.Append(' ').Append(off < TimeSpan.Zero ? '-' : '+');
        var a = off.Duration();
        sb.Append(a.Hours.ToString("D2", CultureInfo.InvariantCulture)).Append(a.Minutes.ToString("D2", CultureInfo.InvariantCulture));
        sb.Append(' ').Append(Kind switch
        {
            GoTomlDateTimeKind.LocalDateTime => "datetime-local",
            GoTomlDateTimeKind.LocalDate => "date-local",
            GoTomlDateTimeKind.LocalTime => "time-local",
            _ => off == TimeSpan.Zero
                ? "UTC"
                : (off < TimeSpan.Zero ? "-" : "+") + off.Duration().Hours.ToString("D2", CultureInfo.InvariantCulture) + off.Duration().Minutes.ToString("D2", CultureInfo.InvariantCulture),
        });
        return sb.ToString();
    }

    /// <summary>The TOML literal BurntSushi's encoder writes for this value.</summary>
    public string ToTomlString()
    {
        string frac = Frac();
        switch (Kind)
        {
            case GoTomlDateTimeKind.LocalDate: return Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case GoTomlDateTimeKind.LocalTime: return Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + frac;
            case GoTomlDateTimeKind.LocalDateTime: return Value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + frac;
        }
        var off = Value.Offset;
        string z = off == TimeSpan.Zero ? "Z" : (off < TimeSpan.Zero ? "-" : "+") + off.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
        return Value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + frac + z;
    }

    /// <summary>Go's <c>time.Time.MarshalJSON</c>: RFC 3339 with nanoseconds trimmed (local kinds print as UTC).</summary>
    public object? ToJsonValue()
    {
        string frac = Frac();
        string date = Kind == GoTomlDateTimeKind.LocalTime ? "0000-01-01" : Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var off = Value.Offset;
        string z = off == TimeSpan.Zero ? "Z" : (off < TimeSpan.Zero ? "-" : "+") + off.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
        return date + "T" + Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + frac + z;
    }

    /// <inheritdoc/>
    public override string ToString() => GoString();
}
