using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Semver;

/// <summary>
/// Masterminds/semver v3's <c>Version</c> (lenient "coerce" parsing as <c>NewVersion</c> does by
/// default). As a template value it is a <c>*semver.Version</c> whose methods (<c>Major</c>,
/// <c>Compare</c>, <c>IncMinor</c> …) are callable; it prints via <c>String()</c>.
/// </summary>
internal sealed partial class SemverVersion : IGoMethods, IGoStringer, IComparable<SemverVersion>, HelmSharp.Go.IGoJsonMarshaler
{
    /// <summary>The Go type <c>*semver.Version</c>.</summary>
    public static readonly GoType PointerType = GoType.PointerTo(GoType.Struct("semver.Version"));
    /// <summary>The Go type <c>semver.Version</c> (results of <c>IncMajor</c> and friends).</summary>
    public static readonly GoType ValueType = GoType.Struct("semver.Version");

    /// <summary>The maximum length of a version string accepted (bounds regex work on hostile input).</summary>
    internal const int MaxInputLength = 1 << 16;

    [GeneratedRegex(@"\Av?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LooseRegex();

    /// <summary>Major version.</summary>
    public ulong Major { get; }
    /// <summary>Minor version.</summary>
    public ulong Minor { get; }
    /// <summary>Patch version.</summary>
    public ulong Patch { get; }
    /// <summary>Pre-release identifiers (without the dash), or empty.</summary>
    public string Prerelease { get; }
    /// <summary>Build metadata (without the plus), or empty.</summary>
    public string Metadata { get; }
    /// <summary>The text the version was parsed from.</summary>
    public string Original { get; }
    /// <summary>True for <c>*semver.Version</c> (parsed values), false for <c>semver.Version</c> results of methods.</summary>
    public bool IsPointer { get; }

    /// <summary>Creates a version from its parts.</summary>
    public SemverVersion(ulong major, ulong minor, ulong patch, string prerelease, string metadata, string original, bool isPointer = true)
    {
        Major = major; Minor = minor; Patch = patch; Prerelease = prerelease; Metadata = metadata; Original = original; IsPointer = isPointer;
    }

    /// <inheritdoc/>
    public GoType GoType => IsPointer ? PointerType : ValueType;

    /// <summary>
    /// Masterminds' <c>NewVersion</c> (coercing): throws <see cref="GoFunctionException"/> with its
    /// error text (semver v3.4.0's lower-case texts, or v3.3.0's capitalised ones with <paramref name="v330"/>).
    /// </summary>
    public static SemverVersion Parse(string v, bool v330 = false) =>
        TryParse(v, out var r, out var err, v330) ? r : throw new GoFunctionException(err!);

    /// <summary>Masterminds' <c>NewVersion</c> (coercing); <paramref name="error"/> holds its error text.</summary>
    public static bool TryParse(string v, out SemverVersion version, out string? error, bool v330 = false)
    {
        bool ok = TryParseCore(v, out version, out error);
        if (!ok && v330 && error != null)
        {
            // semver v3.3.0 capitalised its error texts.
            error = error switch
            {
                "invalid semantic version" => "Invalid Semantic Version",
                "version segment starts with 0" => "Version segment starts with 0",
                "invalid prerelease string" => "Invalid Prerelease string",
                "invalid metadata string" => "Invalid Metadata string",
                _ when error.StartsWith("error parsing", StringComparison.Ordinal) => "E" + error[1..],
                _ => error,
            };
        }
        return ok;
    }

    private static bool TryParseCore(string v, out SemverVersion version, out string? error)
    {
        version = null!;
        error = null;
        if (v.Length > MaxInputLength) { error = "invalid semantic version"; return false; }
        var m = LooseRegex().Match(v);
        if (!m.Success) { error = "invalid semantic version"; return false; }
        if (!ParseSegment(m.Groups[1].Value, out var major, out error)) return false;
        ulong minor = 0, patch = 0;
        if (m.Groups[2].Success && !ParseSegment(m.Groups[2].Value[1..], out minor, out error)) return false;
        if (m.Groups[3].Success && !ParseSegment(m.Groups[3].Value[1..], out patch, out error)) return false;
        string pre = m.Groups[5].Value, meta = m.Groups[8].Value;
        if (pre.Length > 0 && (error = ValidatePrerelease(pre)) != null) return false;
        if (meta.Length > 0 && (error = ValidateMetadata(meta)) != null) return false;
        version = new SemverVersion(major, minor, patch, pre, meta, v);
        return true;
    }

    private static bool ParseSegment(string s, out ulong value, out string? error)
    {
        error = null;
        if (ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        error = "error parsing version segment: strconv.ParseUint: parsing " + GoStrconv.Quote(s) + ": value out of range";
        return false;
    }

    private static bool ContainsOnly(string s, bool allowLetters)
    {
        foreach (var c in s)
        {
            if (c is >= '0' and <= '9') continue;
            if (allowLetters && (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '-')) continue;
            return false;
        }
        return true;
    }

    internal static string? ValidatePrerelease(string p)
    {
        foreach (var part in p.Split('.'))
        {
            if (part.Length == 0) return "invalid prerelease string";
            if (ContainsOnly(part, false))
            {
                if (part.Length > 1 && part[0] == '0') return "version segment starts with 0";
            }
            else if (!ContainsOnly(part, true)) return "invalid prerelease string";
        }
        return null;
    }

    internal static string? ValidateMetadata(string m)
    {
        foreach (var part in m.Split('.'))
        {
            if (part.Length == 0 || !ContainsOnly(part, true)) return "invalid metadata string";
        }
        return null;
    }

    /// <summary>Masterminds' <c>String()</c>: <c>MAJOR.MINOR.PATCH[-PRE][+META]</c> (no leading v).</summary>
    public string GoString()
    {
        var sb = new StringBuilder(32);
        sb.Append(Major).Append('.').Append(Minor).Append('.').Append(Patch);
        if (Prerelease.Length > 0) sb.Append('-').Append(Prerelease);
        if (Metadata.Length > 0) sb.Append('+').Append(Metadata);
        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => GoString();

    /// <summary>Masterminds' <c>Compare</c>: -1, 0 or 1 (metadata ignored, pre-releases sort first).</summary>
    public int CompareTo(SemverVersion? o)
    {
        if (o is null) return 1;
        int d = Major.CompareTo(o.Major);
        if (d != 0) return Math.Sign(d);
        d = Minor.CompareTo(o.Minor);
        if (d != 0) return Math.Sign(d);
        d = Patch.CompareTo(o.Patch);
        if (d != 0) return Math.Sign(d);
        string ps = Prerelease, po = o.Prerelease;
        if (ps.Length == 0 && po.Length == 0) return 0;
        if (ps.Length == 0) return 1;
        if (po.Length == 0) return -1;
        return ComparePrerelease(ps, po);
    }

    internal static int ComparePrerelease(string v, string o)
    {
        var sparts = v.Split('.');
        var oparts = o.Split('.');
        int l = Math.Max(sparts.Length, oparts.Length);
        for (int i = 0; i < l; i++)
        {
            string s = i < sparts.Length ? sparts[i] : "";
            string t = i < oparts.Length ? oparts[i] : "";
            int d = ComparePrePart(s, t);
            if (d != 0) return d;
        }
        return 0;
    }

    private static int ComparePrePart(string s, string o)
    {
        if (s == o) return 0;
        if (s.Length == 0) return -1;
        if (o.Length == 0) return 1;
        bool oNum = ulong.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var oi);
        bool sNum = ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var si);
        if (!oNum && !sNum) return string.CompareOrdinal(s, o) > 0 ? 1 : -1;
        if (!oNum) return -1;
        if (!sNum) return 1;
        return si > oi ? 1 : -1;
    }

    private string VPrefix => Original.Length > 0 && Original[0] == 'v' ? "v" : "";

    private SemverVersion With(ulong major, ulong minor, ulong patch, string pre, string meta)
    {
        var tmp = new SemverVersion(major, minor, patch, pre, meta, "", false);
        return new SemverVersion(major, minor, patch, pre, meta, VPrefix + tmp.GoString(), false);
    }

    /// <summary>Masterminds' <c>IncPatch</c>.</summary>
    public SemverVersion IncPatch() => Prerelease.Length > 0 ? With(Major, Minor, Patch, "", "") : With(Major, Minor, Patch + 1, "", "");
    /// <summary>Masterminds' <c>IncMinor</c>.</summary>
    public SemverVersion IncMinor() => With(Major, Minor + 1, 0, "", "");
    /// <summary>Masterminds' <c>IncMajor</c>.</summary>
    public SemverVersion IncMajor() => With(Major + 1, 0, 0, "", "");

    /// <inheritdoc/>
    public bool TryGetMethod(string name, out GoMethod method)
    {
        var v = this;
        var p = PointerType;
        // Original, Compare and the comparison helpers have pointer receivers in Go: a semver.Version
        // value (the result of IncMajor & co.) is not addressable in a template, so they are absent.
        if (!IsPointer && name is "Original" or "Compare" or "LessThan" or "LessThanEqual" or "GreaterThan" or "GreaterThanEqual" or "Equal")
        {
            method = null!;
            return false;
        }
        method = name switch
        {
            "String" => new GoMethod(name, [], _ => v.GoString()),
            "Original" => new GoMethod(name, [], _ => v.Original),
            "Major" => new GoMethod(name, [], _ => v.Major),
            "Minor" => new GoMethod(name, [], _ => v.Minor),
            "Patch" => new GoMethod(name, [], _ => v.Patch),
            "Prerelease" => new GoMethod(name, [], _ => v.Prerelease),
            "Metadata" => new GoMethod(name, [], _ => v.Metadata),
            "Compare" => new GoMethod(name, [p], a => (nint)v.CompareTo(Arg(a[0]))),
            "LessThan" => new GoMethod(name, [p], a => v.CompareTo(Arg(a[0])) < 0),
            "LessThanEqual" => new GoMethod(name, [p], a => v.CompareTo(Arg(a[0])) <= 0),
            "GreaterThan" => new GoMethod(name, [p], a => v.CompareTo(Arg(a[0])) > 0),
            "GreaterThanEqual" => new GoMethod(name, [p], a => v.CompareTo(Arg(a[0])) >= 0),
            "Equal" => new GoMethod(name, [p], a => a[0] is SemverVersion o && (ReferenceEquals(o, v) || v.CompareTo(o) == 0)),
            "IncMajor" => new GoMethod(name, [], _ => v.IncMajor()),
            "IncMinor" => new GoMethod(name, [], _ => v.IncMinor()),
            "IncPatch" => new GoMethod(name, [], _ => v.IncPatch()),
            "SetPrerelease" => new GoMethod(name, [GoType.String], a =>
            {
                var s = (string)a[0]!;
                if (s.Length > 0 && ValidatePrerelease(s) is { } e) throw new GoFunctionException(e);
                return v.With(v.Major, v.Minor, v.Patch, s, v.Metadata);
            }, true),
            "SetMetadata" => new GoMethod(name, [GoType.String], a =>
            {
                var s = (string)a[0]!;
                if (s.Length > 0 && ValidateMetadata(s) is { } e) throw new GoFunctionException(e);
                return v.With(v.Major, v.Minor, v.Patch, v.Prerelease, s);
            }, true),
            _ => null!,
        };
        return method != null;
    }

    private static SemverVersion Arg(object? o) =>
        o as SemverVersion ?? throw new GoFunctionException("runtime error: invalid memory address or nil pointer dereference");

    /// <summary>Masterminds' <c>Version.MarshalJSON</c>: the version string.</summary>
    public object? ToJsonValue() => GoString();
}
