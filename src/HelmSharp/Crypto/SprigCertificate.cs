using HelmSharp.Go;

namespace HelmSharp.Crypto;

/// <summary>Sprig's <c>certificate</c> struct (<c>sprig.certificate</c>): PEM-encoded <c>Cert</c> and <c>Key</c>.</summary>
internal sealed class SprigCertificate : IGoStruct
{
    /// <summary>The Go type <c>sprig.certificate</c>.</summary>
    public static readonly GoType Type = GoType.Struct("sprig.certificate");

    /// <summary>Creates the struct.</summary>
    public SprigCertificate(string cert, string key) { Cert = cert; Key = key; }

    /// <summary>PEM certificate (<c>-----BEGIN CERTIFICATE-----</c>…).</summary>
    public string Cert { get; }
    /// <summary>PEM private key.</summary>
    public string Key { get; }

    /// <inheritdoc/>
    public GoType GoType => Type;

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        switch (name)
        {
            case "Cert": value = Cert; return true;
            case "Key": value = Key; return true;
            default: value = null; return false;
        }
    }

    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<string, object?>> Fields =>
        [new("Cert", Cert), new("Key", Key)];
}
