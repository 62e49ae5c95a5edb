using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HelmSharp.Template.Functions;

namespace HelmSharp.Crypto;

/// <summary>
/// Sprig's key and certificate helpers (<c>crypto.go</c>) over the BCL: key generation and PEM
/// encoding in Go's formats, and X.509 certificates shaped like Go's <c>x509.CreateCertificate</c>
/// output for Sprig's templates.
/// </summary>
internal static class CertificateFunctions
{
    private const string Ed25519Oid = "1.3.101.112";

    /// <summary>A parsed private key: a BCL algorithm, or an Ed25519 seed.</summary>
    internal sealed class PrivateKey : IDisposable
    {
        public AsymmetricAlgorithm? Algorithm { get; init; }
        public byte[]? Ed25519Seed { get; init; }
        public void Dispose() => Algorithm?.Dispose();
    }

    /// <summary>Go's <c>pem.EncodeToMemory</c>: 64-column base64, trailing newline.</summary>
    public static string PemEncode(string type, ReadOnlySpan<byte> der)
    {
        var sb = new StringBuilder(der.Length * 4 / 3 + 80);
        sb.Append("-----BEGIN ").Append(type).Append("-----\n");
        var b64 = Convert.ToBase64String(der);
        for (int i = 0; i < b64.Length; i += 64)
            sb.Append(b64, i, Math.Min(64, b64.Length - i)).Append('\n');
        sb.Append("-----END ").Append(type).Append("-----\n");
        return sb.ToString();
    }

    /// <summary>Sprig's <c>genPrivateKey</c>: <c>rsa</c> (4096, PKCS#1), <c>dsa</c> (L2048N256), <c>ecdsa</c> (P-256, SEC 1), <c>ed25519</c> (PKCS#8).</summary>
    public static string GeneratePrivateKey(string typ)
    {
        switch (typ)
        {
            case "":
            case "rsa":
                using (var rsa = KeyPool.TakeRsa(4096)) return PemBlockForKey(new PrivateKey { Algorithm = rsa });
            case "dsa":
                try
                {
                    using var dsa = DSA.Create(2048);
                    return PemBlockForKey(new PrivateKey { Algorithm = dsa });
                }
                catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
                {
                    return "failed to generate dsa params: " + e.Message;
                }
            case "ecdsa":
                using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256)) return PemBlockForKey(new PrivateKey { Algorithm = ec });
            case "ed25519":
                return PemBlockForKey(new PrivateKey { Ed25519Seed = RandomNumberGenerator.GetBytes(32) });
            default:
                return "Unknown type " + typ;
        }
    }

    private static ReadOnlySpan<byte> WithoutLeadingZeros(byte[] unsigned)
    {
        int i = 0;
        while (i < unsigned.Length - 1 && unsigned[i] == 0) i++;
        return unsigned.AsSpan(i);
    }

    private static PrivateKey ImportKey<T>(string kind, Func<T> create, Action<T> import) where T : AsymmetricAlgorithm
    {
        var key = create();
        try
        {
            import(key);
            return new PrivateKey { Algorithm = key };
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            key.Dispose();
            throw new GoFunctionException("parsing " + kind + " private key from PEM: " + e.Message);
        }
    }

    /// <summary>Sprig's <c>pemBlockForKey</c> encoded to PEM.</summary>
    internal static string PemBlockForKey(PrivateKey key)
    {
        switch (key.Algorithm)
        {
            case RSA rsa: return PemEncode("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey());
            case ECDsa ec: return PemEncode("EC PRIVATE KEY", ec.ExportECPrivateKey());
            case DSA dsa:
                {
                    var p = dsa.ExportParameters(true);
                    var w = new AsnWriter(AsnEncodingRules.DER);
                    using (w.PushSequence())
                    {
                        w.WriteInteger(0);
                        // DSAParameters pads Y and X to the length of P and Q; DER wants the minimal encoding.
                        foreach (var part in new[] { p.P!, p.Q!, p.G!, p.Y!, p.X! })
                            w.WriteIntegerUnsigned(WithoutLeadingZeros(part));
                    }
                    return PemEncode("DSA PRIVATE KEY", w.Encode());
                }
        }
        if (key.Ed25519Seed is { } seed)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteInteger(0);
                using (w.PushSequence()) w.WriteObjectIdentifier(Ed25519Oid);
                var inner = new AsnWriter(AsnEncodingRules.DER);
                inner.WriteOctetString(seed);
                w.WriteOctetString(inner.Encode());
            }
            return PemEncode("PRIVATE KEY", w.Encode());
        }
        throw new GoFunctionException("unsupported key");
    }

    private static bool TryPemDecode(string text, out string label, out byte[] der)
    {
        label = ""; der = [];
        if (!PemEncoding.TryFind(text, out var fields)) return false;
        label = text[fields.Label];
        var b64 = text[fields.Base64Data];
        der = new byte[fields.DecodedDataLength];
        return Convert.TryFromBase64String(b64, der, out _);
    }

    /// <summary>Sprig's <c>parsePrivateKeyPEM</c>; throws <see cref="GoFunctionException"/> with Sprig's message.</summary>
    internal static PrivateKey ParsePrivateKeyPem(string pem)
    {
        if (!TryPemDecode(pem, out var type, out var der)) throw new GoFunctionException("no PEM data in input");
        if (type == "PRIVATE KEY")
        {
            try
            {
                var reader = new AsnReader(der, AsnEncodingRules.DER);
                var seq = reader.ReadSequence();
                seq.ReadInteger();
                var alg = seq.ReadSequence();
                var oid = alg.ReadObjectIdentifier();
                switch (oid)
                {
                    case "1.2.840.113549.1.1.1":
                        {
                            var rsa = RSA.Create();
                            rsa.ImportPkcs8PrivateKey(der, out _);
                            return new PrivateKey { Algorithm = rsa };
                        }
                    case "1.2.840.10045.2.1":
                        {
                            var ec = ECDsa.Create();
                            ec.ImportPkcs8PrivateKey(der, out _);
                            return new PrivateKey { Algorithm = ec };
                        }
                    case Ed25519Oid:
                        {
                            var inner = new AsnReader(seq.ReadOctetString(), AsnEncodingRules.DER).ReadOctetString();
                            if (inner.Length != 32) throw new GoFunctionException("decoding PEM as PKCS#8: x509: invalid Ed25519 private key length: " + inner.Length);
                            return new PrivateKey { Ed25519Seed = inner };
                        }
                    default:
                        throw new GoFunctionException("decoding PEM as PKCS#8: x509: PKCS#8 wrapping contained private key with unknown algorithm: " + oid);
                }
            }
            catch (Exception e) when (e is AsnContentException or CryptographicException)
            {
                throw new GoFunctionException("decoding PEM as PKCS#8: " + e.Message);
            }
        }
        if (!type.EndsWith(" PRIVATE KEY", StringComparison.Ordinal))
            throw new GoFunctionException("no private key data in PEM block of type " + type);
        switch (type[..^12])
        {
            case "RSA":
                return ImportKey("RSA", RSA.Create, k => k.ImportRSAPrivateKey(der, out _));
            case "EC":
                return ImportKey("EC", ECDsa.Create, k => k.ImportECPrivateKey(der, out _));
            case "DSA":
                try
                {
                    var seq = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
                    seq.ReadInteger();
                    var prm = new DSAParameters
                    {
                        P = seq.ReadIntegerBytes().ToArray(),
                        Q = seq.ReadIntegerBytes().ToArray(),
                        G = seq.ReadIntegerBytes().ToArray(),
                        Y = seq.ReadIntegerBytes().ToArray(),
                        X = seq.ReadIntegerBytes().ToArray(),
                    };
                    prm.P = Trim(prm.P); prm.Q = Trim(prm.Q);
                    prm.G = Pad(Trim(prm.G), prm.P.Length); prm.Y = Pad(Trim(prm.Y), prm.P.Length); prm.X = Pad(Trim(prm.X), prm.Q.Length);
                    var dsa = DSA.Create();
                    dsa.ImportParameters(prm);
                    return new PrivateKey { Algorithm = dsa };
                }
                catch (Exception e) when (e is CryptographicException or AsnContentException)
                {
                    throw new GoFunctionException("parsing DSA private key from PEM: " + e.Message);
                }
            default:
                throw new GoFunctionException("invalid private key type " + type);
        }
    }

    private static byte[] Trim(byte[] b)
    {
        int i = 0;
        while (i < b.Length - 1 && b[i] == 0) i++;
        return i == 0 ? b : b[i..];
    }

    private static byte[] Pad(byte[] b, int len)
    {
        if (b.Length >= len) return b;
        var r = new byte[len];
        b.CopyTo(r, len - b.Length);
        return r;
    }

    /// <summary>Sprig's <c>buildCustomCertificate</c>.</summary>
    public static SprigCertificate BuildCustomCertificate(string b64cert, string b64key)
    {
        if (!GoBase64.TryDecode(HelmSharp.Go.GoUtf8.GetBytes(b64cert), out var cert, out _))
            throw new GoFunctionException("unable to decode base64 certificate");
        if (!GoBase64.TryDecode(HelmSharp.Go.GoUtf8.GetBytes(b64key), out var key, out _))
            throw new GoFunctionException("unable to decode base64 private key");
        var certText = HelmSharp.Go.GoUtf8.GetString(cert);
        if (!TryPemDecode(certText, out _, out var der))
            throw new GoFunctionException("unable to decode certificate");
        try { X509CertificateLoader.LoadCertificate(der).Dispose(); }
        catch (CryptographicException e) { throw new GoFunctionException("error parsing certificate: decodedCert.Bytes: " + e.Message); }
        var keyText = HelmSharp.Go.GoUtf8.GetString(key);
        try { ParsePrivateKeyPem(keyText).Dispose(); }
        catch (GoFunctionException e) { throw new GoFunctionException("error parsing private key: " + e.Message); }
        return new SprigCertificate(certText, keyText);
    }

    /// <summary>Sprig's <c>generateCertificateAuthority[WithPEMKey]</c>.</summary>
    public static SprigCertificate GenerateCertificateAuthority(TimeProvider clock, string cn, long daysValid, string? privPem)
    {
        using var key = privPem == null ? new PrivateKey { Algorithm = KeyPool.TakeRsa(2048) } : ParseWithPrefix(privPem);
        return Create(clock, cn, null, null, daysValid, key, isCa: true, signer: null);
    }

    /// <summary>Sprig's <c>generateSelfSignedCertificate[WithPEMKey]</c>.</summary>
    public static SprigCertificate GenerateSelfSignedCertificate(TimeProvider clock, string cn, object?[]? ips, object?[]? dns, long daysValid, string? privPem)
    {
        var ipList = GetNetIps(ips);
        var dnsList = GetDnsNames(dns);
        using var key = privPem == null ? new PrivateKey { Algorithm = KeyPool.TakeRsa(2048) } : ParseWithPrefix(privPem);
        return Create(clock, cn, ipList, dnsList, daysValid, key, isCa: false, signer: null);
    }

    /// <summary>Sprig's <c>generateSignedCertificate[WithPEMKey]</c>.</summary>
    public static SprigCertificate GenerateSignedCertificate(TimeProvider clock, string cn, object?[]? ips, object?[]? dns, long daysValid, SprigCertificate ca, string? privPem)
    {
        using var key = privPem == null ? new PrivateKey { Algorithm = KeyPool.TakeRsa(2048) } : ParseWithPrefix(privPem);
        if (!TryPemDecode(ca.Cert, out _, out var der)) throw new GoFunctionException("unable to decode certificate");
        X509Certificate2 signerCert;
        try { signerCert = X509CertificateLoader.LoadCertificate(der); }
        catch (CryptographicException e) { throw new GoFunctionException("error parsing certificate: decodedSignerCert.Bytes: " + e.Message); }
        using (signerCert)
        {
            PrivateKey signerKey;
            try { signerKey = ParsePrivateKeyPem(ca.Key); }
            catch (GoFunctionException e) { throw new GoFunctionException("error parsing private key: " + e.Message); }
            using (signerKey)
            {
                var ipList = GetNetIps(ips);
                var dnsList = GetDnsNames(dns);
                return Create(clock, cn, ipList, dnsList, daysValid, key, isCa: false, signer: (signerCert, signerKey));
            }
        }
    }

    private static PrivateKey ParseWithPrefix(string pem)
    {
        try { return ParsePrivateKeyPem(pem); }
        catch (GoFunctionException e) { throw new GoFunctionException("parsing private key: " + e.Message); }
    }

    private static List<byte[]> GetNetIps(object?[]? ips)
    {
        var result = new List<byte[]>();
        if (ips == null) return result;
        foreach (var ip in ips)
        {
            if (ip is not string s) throw new GoFunctionException("error parsing ip: " + Go.GoFormat.Sprint(ip) + " is not a string");
            var bytes = GoParseIp(s) ?? throw new GoFunctionException("error parsing ip: " + s);
            result.Add(bytes);
        }
        return result;
    }

    private static List<string> GetDnsNames(object?[]? dns)
    {
        var result = new List<string>();
        if (dns == null) return result;
        foreach (var d in dns)
        {
            if (d is not string s) throw new GoFunctionException("error processing alternate dns name: " + Go.GoFormat.Sprint(d) + " is not a string");
            result.Add(s);
        }
        return result;
    }

    /// <summary>Go's <c>net.ParseIP</c>, returning the bytes as <c>x509</c> marshals them (4 bytes for IPv4 and IPv4-mapped).</summary>
    internal static byte[]? GoParseIp(string s)
    {
        if (s.Length == 0 || s.Length > 64) return null;
        if (s.Contains(':'))
        {
            if (s.Contains('%') || s.Contains('/') || s.Contains('[')) return null;
            if (!System.Net.IPAddress.TryParse(s, out var a) || a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return null;
            var b = a.GetAddressBytes();
            bool mapped = true;
            for (int i = 0; i < 10; i++) if (b[i] != 0) { mapped = false; break; }
            if (mapped && b[10] == 0xff && b[11] == 0xff) return b[12..];
            return b;
        }
        var parts = s.Split('.');
        if (parts.Length != 4) return null;
        var r = new byte[4];
        for (int i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length == 0 || p.Length > 3 || (p.Length > 1 && p[0] == '0')) return null;
            int v = 0;
            foreach (var c in p) { if (c < '0' || c > '9') return null; v = v * 10 + (c - '0'); }
            if (v > 255) return null;
            r[i] = (byte)v;
        }
        return r;
    }

    private static X500DistinguishedName SubjectName(string cn)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            if (cn.Length > 0)
            {
                using (w.PushSetOf())
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier("2.5.4.3");
                    bool printable = true;
                    foreach (var c in cn)
                    {
                        if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or ' ' or '\'' or '(' or ')' or '+' or ',' or '-' or '.' or '/' or ':' or '=' or '?'))
                        { printable = false; break; }
                    }
                    w.WriteCharacterString(printable ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String, cn);
                }
            }
        }
        return new X500DistinguishedName(w.Encode());
    }

    private static SprigCertificate Create(TimeProvider clock, string cn, List<byte[]>? ips, List<string>? dns, long daysValid, PrivateKey key,
        bool isCa, (X509Certificate2 Cert, PrivateKey Key)? signer)
    {
        // Go's x509.CreateCertificate checks the signing key first, then the signee's public key.
        var signingKey = signer is { } sk ? sk.Key : key;
        if (signingKey.Algorithm is DSA)
            throw new GoFunctionException("error creating certificate: x509: certificate private key does not implement crypto.Signer");
        if (key.Algorithm is DSA)
            throw new GoFunctionException("error creating certificate: x509: unsupported public key type: *dsa.PublicKey");
        var subject = SubjectName(cn);
        PublicKey pub = key.Algorithm is { } alg ? new PublicKey(alg) : Ed25519.X509PublicKey(key.Ed25519Seed!);
        var hash = signingKey.Algorithm is ECDsa sec ? EcHash(sec) : HashAlgorithmName.SHA256;
        var req = new CertificateRequest(subject, pub, hash);
        var usage = X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature;
        if (isCa) usage |= X509KeyUsageFlags.KeyCertSign;
        req.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2") }, false));
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        if (isCa)
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(pub, X509SubjectKeyIdentifierHashAlgorithm.Sha1, false));
        if (signer is { } s0 && !s0.Cert.SubjectName.RawData.AsSpan().SequenceEqual(subject.RawData))
        {
            foreach (var ext in s0.Cert.Extensions)
            {
                if (ext is X509SubjectKeyIdentifierExtension)
                {
                    req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(s0.Cert, true, false));
                    break;
                }
            }
        }
        if ((ips != null && ips.Count > 0) || (dns != null && dns.Count > 0))
        {
            // Written by hand: Go's x509 takes any IA5 (ASCII) DNS name, where .NET's builder applies IDN rules
            // (a label longer than 63 characters, as a long release name makes, is rejected there).
            var san = new AsnWriter(AsnEncodingRules.DER);
            using (san.PushSequence())
            {
                if (dns != null)
                    foreach (var d in dns)
                    {
                        foreach (var ch in d)
                            if (ch > 0x7F) throw new GoFunctionException("error creating certificate: x509: " + HelmSharp.Go.GoStrconv.Quote(d) + " cannot be encoded as an IA5String");
                        san.WriteCharacterString(UniversalTagNumber.IA5String, d, new Asn1Tag(TagClass.ContextSpecific, 2));
                    }
                if (ips != null) foreach (var ip in ips) san.WriteOctetString(ip, new Asn1Tag(TagClass.ContextSpecific, 7));
            }
            req.CertificateExtensions.Add(new X509Extension("2.5.29.17", san.Encode(), false));
        }
        var now = clock.GetUtcNow();
        var notBefore = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        DateTimeOffset notAfter;
        try { notAfter = notBefore.AddDays(daysValid); }
        catch (ArgumentOutOfRangeException) { throw new GoFunctionException("error creating certificate: daysValid out of range"); }
        if (notAfter < notBefore) throw new GoFunctionException("error creating certificate: NotAfter before NotBefore is not supported by this implementation");
        var serial = RandomNumberGenerator.GetBytes(17);
        serial[0] = 0; // a positive 128-bit serial number, as Go's rand.Int(2^128)
        X509SignatureGenerator gen = signingKey.Algorithm switch
        {
            RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
            _ => new Ed25519.Generator(signingKey.Ed25519Seed!),
        };
        X509Certificate2 cert;
        try
        {
            var issuer = signer is { } s ? s.Cert.SubjectName : subject;
            cert = req.Create(issuer, gen, notBefore, notAfter, serial);
        }
        catch (CryptographicException e) { throw new GoFunctionException("error creating certificate: " + e.Message); }
        using (cert)
        {
            return new SprigCertificate(PemEncode("CERTIFICATE", cert.RawData), PemBlockForKey(key));
        }
    }

    private static HashAlgorithmName EcHash(ECDsa ec) => ec.KeySize switch
    {
        <= 256 => HashAlgorithmName.SHA256,
        <= 384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    /// <summary>Sprig's <c>encryptAES</c>: AES-256-CBC, key = password bytes zero-padded/truncated to 32, random IV prefix, PKCS#7, base64.</summary>
    public static string EncryptAes(string password, string plaintext)
    {
        if (plaintext.Length == 0) return "";
        var key = KeyFrom(password);
        using var aes = Aes.Create();
        aes.Key = key;
        var iv = RandomNumberGenerator.GetBytes(16);
        var content = HelmSharp.Go.GoUtf8.GetBytes(plaintext);
        var ct = aes.EncryptCbc(content, iv, PaddingMode.PKCS7);
        var all = new byte[16 + ct.Length];
        iv.CopyTo(all, 0);
        ct.CopyTo(all, 16);
        return Convert.ToBase64String(all);
    }

    /// <summary>Sprig's <c>decryptAES</c>, including Go's runtime panics on malformed input.</summary>
    public static string DecryptAes(string password, string crypt64)
    {
        if (crypt64.Length == 0) return "";
        var key = KeyFrom(password);
        if (!GoBase64.TryDecode(HelmSharp.Go.GoUtf8.GetBytes(crypt64), out var crypt, out var err))
            throw new GoFunctionException(err!);
        if (crypt.Length < 16)
            throw new GoFunctionException("runtime error: slice bounds out of range [:16] with capacity " + crypt.Length);
        int n = crypt.Length - 16;
        if (n % 16 != 0) throw new GoFunctionException("crypto/cipher: input not full blocks");
        if (n == 0) throw new GoFunctionException("runtime error: index out of range [-1]");
        using var aes = Aes.Create();
        aes.Key = key;
        var dec = aes.DecryptCbc(crypt.AsSpan(16), crypt.AsSpan(0, 16), PaddingMode.None);
        int pad = dec[^1];
        int end = dec.Length - pad;
        if (end < 0) throw new GoFunctionException("runtime error: slice bounds out of range [:" + end + "]");
        return HelmSharp.Go.GoUtf8.GetString(dec, 0, end);
    }

    private static byte[] KeyFrom(string password)
    {
        var key = new byte[32];
        var pw = HelmSharp.Go.GoUtf8.GetBytes(password);
        pw.AsSpan(0, Math.Min(32, pw.Length)).CopyTo(key);
        return key;
    }

}
