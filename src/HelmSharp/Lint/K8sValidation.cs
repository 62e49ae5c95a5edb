using System.Text;
using System.Text.RegularExpressions;
using HelmSharp.Go;

namespace HelmSharp.Lint;

/// <summary>
/// The object-name checks of <c>k8s.io/apimachinery</c> helm's template rules use (<c>IsDNS1123Subdomain</c>,
/// <c>IsDNS1123Label</c>, <c>IsDNS1035Label</c>, <c>IsValidPathSegmentName</c>) with their exact messages, and the
/// <c>field.Invalid(...).ToAggregate()</c> formatting of a list of them.
/// </summary>
internal static partial class K8sValidation
{
    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035LabelErrMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

    // Go's $ matches only at the end of the text: \z here.
    [GeneratedRegex("^" + Dns1123LabelFmt + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();
    [GeneratedRegex("^" + Dns1123SubdomainFmt + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();
    [GeneratedRegex("^" + Dns1035LabelFmt + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Label();

    private static int GoLen(string s) => Encoding.UTF8.GetByteCount(s);

    private static string MaxLenError(int n) => $"must be no more than {n} characters";

    private static string RegexError(string msg, string fmt, params string[] examples)
    {
        if (examples.Length == 0) return msg + " (regex used for validation is '" + fmt + "')";
        var sb = new StringBuilder(msg).Append(" (e.g. ");
        for (int i = 0; i < examples.Length; i++)
        {
            if (i > 0) sb.Append(" or ");
            sb.Append('\'').Append(examples[i]).Append("', ");
        }
        return sb.Append("regex used for validation is '").Append(fmt).Append("')").ToString();
    }

    public static List<string> IsDns1123Label(string value)
    {
        var errs = new List<string>();
        if (GoLen(value) > 63) errs.Add(MaxLenError(63));
        if (!Dns1123Label().IsMatch(value))
        {
            if (Dns1123Subdomain().IsMatch(value)) errs.Add("must not contain dots");
            else errs.Add(RegexError(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errs;
    }

    public static List<string> IsDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (GoLen(value) > 253) errs.Add(MaxLenError(253));
        if (!Dns1123Subdomain().IsMatch(value)) errs.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        return errs;
    }

    public static List<string> IsDns1035Label(string value)
    {
        var errs = new List<string>();
        if (GoLen(value) > 63) errs.Add(MaxLenError(63));
        if (!Dns1035Label().IsMatch(value)) errs.Add(RegexError(Dns1035LabelErrMsg, Dns1035LabelFmt, "my-name", "abc-123"));
        return errs;
    }

    public static List<string> IsValidPathSegmentName(string name)
    {
        if (name is "." or "..") return [$"may not be '{name}'"];
        var errs = new List<string>();
        foreach (var bad in new[] { "/", "%" })
            if (name.Contains(bad, StringComparison.Ordinal)) errs.Add($"may not contain '{bad}'");
        return errs;
    }

    /// <summary>
    /// helm's <c>validateMetadataNameFunc</c>: the name rule of an object kind (case-insensitive), DNS-1123
    /// subdomain by default.
    /// </summary>
    public static List<string> ValidateName(string kind, string name) => kind.ToLowerInvariant() switch
    {
        "service" => IsDns1035Label(name),
        "namespace" => IsDns1123Label(name),
        "certificatesigningrequest" => [],
        "role" or "clusterrole" or "rolebinding" or "clusterrolebinding" => IsValidPathSegmentName(name),
        _ => IsDns1123Subdomain(name),
    };

    /// <summary>
    /// <c>field.ErrorList{field.Invalid(metadata.name, name, msg)...}.ToAggregate().Error()</c>: one error as it is,
    /// several (distinct) ones in brackets, comma-separated.
    /// </summary>
    public static string Aggregate(string name, List<string> messages)
    {
        var seen = new List<string>();
        foreach (var m in messages)
        {
            var e = "metadata.name: Invalid value: " + GoStrconv.Quote(name) + ": " + m;
            if (!seen.Contains(e)) seen.Add(e);
        }
        return seen.Count == 1 ? seen[0] : "[" + string.Join(", ", seen) + "]";
    }
}
