namespace HelmSharp.Yaml;

/// <summary>Go's <c>strconv.FormatFloat(f, 'g', -1, bits)</c> (shortest representation), as the YAML layer names it.</summary>
internal static class YamlFloat
{
    // The formatting is Go/GoFloat's; this name stays for the emitter side (GoYamlMarshal, ManifestHead).
    internal static string FormatG(double f, int bits) => HelmSharp.Go.GoStrconv.FormatFloat(f, 'g', -1, bits);
}
