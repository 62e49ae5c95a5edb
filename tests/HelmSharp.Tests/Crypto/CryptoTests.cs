using NUnit.Framework;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HelmSharp.Crypto;
using HelmSharp.Go;
using HelmSharp.Template.Functions;
using HelmSharp.Tests.Sprig;

namespace HelmSharp.Tests.Crypto;

public class CryptoTests
{
    // helm v4.1.4: {{ encryptAES "my-secret-key-that-is-longer-than-32-bytes!!" "hello wörld, this is longer than a block" }}
    private const string HelmCipherLongKey = "GDUO/9yx5Jk6uk47IYU60w5dd8eYUkvobI9M+jA+OcwSj0r2Iw5WTM2f9Z160wuj6xGmbrijxhDrFrI68ultPg==";
    // helm v4.1.4: {{ encryptAES "short" "x" }}
    private const string HelmCipherShort = "WP+0tHrTemfmsjn08rC8lYr8GUyzLM+68SQl5hLa1N4=";

    [Test]
    public void DecryptsHelmCiphertexts()
    {
        Assert.That(SprigHarness.Call("decryptAES", "my-secret-key-that-is-longer-than-32-bytes!!", HelmCipherLongKey),
            Is.EqualTo("hello wörld, this is longer than a block"));
        Assert.That(SprigHarness.Call("decryptAES", "short", HelmCipherShort), Is.EqualTo("x"));
    }

    [TestCase("k", "")]
    [TestCase("k", "a")]
    [TestCase("", "exactly sixteen!")]
    [TestCase("a-very-long-password-longer-than-thirty-two-bytes", "ünïcödé ✓ text spanning more than one AES block")]
    public void AesRoundTrips(string key, string plain)
    {
        var ct = (string)SprigHarness.Call("encryptAES", key, plain)!;
        if (plain.Length == 0) { Assert.That(ct, Is.EqualTo("")); return; }
        var raw = Convert.FromBase64String(ct);
        Assert.That(raw.Length % 16, Is.EqualTo(0));
        Assert.That(raw.Length, Is.GreaterThanOrEqualTo(32));
        Assert.That(SprigHarness.Call("decryptAES", key, ct), Is.EqualTo(plain));
        Assert.That(SprigHarness.Call("encryptAES", key, plain), Is.Not.EqualTo(ct), "random IV");
    }

    // Error texts from helm v4.1.4, e.g. {{ decryptAES "k" "abc" }} -> error calling decryptAES: illegal base64 data at input byte 0
    [TestCase("abc", "illegal base64 data at input byte 0")]
    [TestCase("YWJj", "runtime error: slice bounds out of range [:16] with capacity 3")]
    [TestCase("MTIzNDU2Nzg5MDEyMzQ1Ng==", "runtime error: index out of range [-1]")]
    [TestCase("MTIzNDU2Nzg5MDEyMzQ1NjE3", "crypto/cipher: input not full blocks")]
    public void DecryptErrors(string input, string message)
    {
        var e = Assert.Throws<GoFunctionException>(() => SprigHarness.Call("decryptAES", "k", input));
        Assert.That(e!.Message, Is.EqualTo(message));
    }

    [Test]
    public void BcryptAndHtpasswd()
    {
        var h = (string)SprigHarness.Call("bcrypt", "secret")!;
        Assert.That(h, Does.StartWith("$2a$10$"));
        Assert.That(h, Has.Length.EqualTo(60));
        Assert.That(BCrypt.Net.BCrypt.Verify("secret", h), Is.True);
        // helm v4.1.4 produced this hash for {{ "x" | bcrypt }}; ours must verify it.
        Assert.That(BCrypt.Net.BCrypt.Verify("x", "$2a$10$nSLkxL8xceWIclZ/fGVO5eakGGrINqm/AHcraoB/oOJULD4Wi86qK"), Is.True);
        // helm v4.1.4: {{ bcrypt (repeat 73 "a") }}
        Assert.That(SprigHarness.Call("bcrypt", new string('a', 73)), Is.EqualTo("failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"));
        var hp = (string)SprigHarness.Call("htpasswd", "user", "pw")!;
        Assert.That(hp, Does.StartWith("user:$2a$10$"));
        Assert.That(BCrypt.Net.BCrypt.Verify("pw", hp[5..]), Is.True);
        // helm v4.1.4: {{ htpasswd "a:b" "c" }}
        Assert.That(SprigHarness.Call("htpasswd", "a:b", "c"), Is.EqualTo("invalid username: a:b"));
    }

    [Test]
    public void RandBytesAndUuid()
    {
        var b = (string)SprigHarness.Call("randBytes", (nint)24)!;
        Assert.That(Convert.FromBase64String(b), Has.Length.EqualTo(24));
        Assert.That(SprigHarness.Call("randBytes", (nint)0), Is.EqualTo(""));
        var e = Assert.Throws<GoFunctionException>(() => SprigHarness.Call("randBytes", (nint)(-1)));
        Assert.That(e!.Message, Is.EqualTo("runtime error: makeslice: len out of range"));
        var u = (string)SprigHarness.Call("uuidv4")!;
        Assert.That(u, Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        Assert.That(SprigHarness.Call("uuidv4"), Is.Not.EqualTo(u));
    }

    [Test]
    public void PrivateKeys()
    {
        var rsa = (string)SprigHarness.Call("genPrivateKey", "rsa")!;
        Assert.That(rsa, Does.StartWith("-----BEGIN RSA PRIVATE KEY-----\n").And.EndWith("-----END RSA PRIVATE KEY-----\n"));
        using (var k = RSA.Create()) { k.ImportFromPem(rsa); Assert.That(k.KeySize, Is.EqualTo(4096)); }
        var ec = (string)SprigHarness.Call("genPrivateKey", "ecdsa")!;
        Assert.That(ec, Does.StartWith("-----BEGIN EC PRIVATE KEY-----\n"));
        using (var k = ECDsa.Create()) { k.ImportFromPem(ec); Assert.That(k.KeySize, Is.EqualTo(256)); }
        var ed = (string)SprigHarness.Call("genPrivateKey", "ed25519")!;
        Assert.That(ed, Does.StartWith("-----BEGIN PRIVATE KEY-----\n"));
        var der = Convert.FromBase64String(ed.Replace("-----BEGIN PRIVATE KEY-----", "").Replace("-----END PRIVATE KEY-----", "").Replace("\n", ""));
        Assert.That(der, Has.Length.EqualTo(48));
        Assert.That(der[..16], Is.EqualTo(Convert.FromHexString("302e020100300506032b657004220420")));
        foreach (var line in rsa.Split('\n')) Assert.That(line.Length, Is.LessThanOrEqualTo(64));
        // helm v4.1.4: {{ genPrivateKey "foo" }}
        Assert.That(SprigHarness.Call("genPrivateKey", "foo"), Is.EqualTo("Unknown type foo"));
    }

    [Test]
    public void DsaKey()
    {
        var dsa = (string)SprigHarness.Call("genPrivateKey", "dsa")!;
        Assert.That(dsa, Does.StartWith("-----BEGIN DSA PRIVATE KEY-----\n"));
        var der = Convert.FromBase64String(dsa.Replace("-----BEGIN DSA PRIVATE KEY-----", "").Replace("-----END DSA PRIVATE KEY-----", "").Replace("\n", ""));
        var seq = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        Assert.That((int)seq.ReadInteger(), Is.EqualTo(0));
        var p = seq.ReadInteger(); var q = seq.ReadInteger(); var g = seq.ReadInteger(); var y = seq.ReadInteger(); var x = seq.ReadInteger();
        Assert.That(seq.HasData, Is.False);
        Assert.That(System.Numerics.BigInteger.ModPow(g, x, p), Is.EqualTo(y), "y = g^x mod p");
        Assert.That(p.GetBitLength(), Is.EqualTo(2048));
    }

    private static X509Certificate2 Load(string pem) => X509Certificate2.CreateFromPem(pem);

    [Test]
    public void CertificateAuthorityAndChain()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        var ctx = new FnContext(clock);
        var ca = (SprigCertificate)SprigHarness.Call(ctx, "genCA", "my-ca", (nint)365)!;
        Assert.That(GoType.Of(ca)!.Name, Is.EqualTo("sprig.certificate"));
        Assert.That(ca.TryGetField("Cert", out var c) && c is string, Is.True);
        using var caCert = Load(ca.Cert);
        Assert.That(caCert.Subject, Is.EqualTo("CN=my-ca"));
        Assert.That(caCert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority, Is.True);
        var ku = caCert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
        Assert.That(ku, Is.EqualTo(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment));
        Assert.That((caCert.NotAfter.ToUniversalTime() - caCert.NotBefore.ToUniversalTime()).TotalDays, Is.EqualTo(365));
        Assert.That(caCert.GetSerialNumber().Length, Is.LessThanOrEqualTo(17));
        Assert.That(ca.Key, Does.StartWith("-----BEGIN RSA PRIVATE KEY-----"));

        var leaf = (SprigCertificate)SprigHarness.Call(ctx, "genSignedCert", "leaf.example", new object?[] { "10.0.0.1", "::1" }, new object?[] { "a.example" }, (nint)30, ca)!;
        using var leafCert = Load(leaf.Cert);
        Assert.That(leafCert.Issuer, Is.EqualTo("CN=my-ca"));
        var san = leafCert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.That(san.EnumerateDnsNames(), Is.EqualTo(new[] { "a.example" }));
        Assert.That(san.EnumerateIPAddresses().Select(a => a.ToString()), Is.EqualTo(new[] { "10.0.0.1", "::1" }));
        var eku = leafCert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.That(eku.Cast<Oid>().Select(o => o.Value), Is.EqualTo(new[] { "1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2" }));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(caCert);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.That(chain.Build(leafCert), Is.True);
    }

    [Test]
    public void SelfSignedAndWithKeyVariants()
    {
        var ctx = new FnContext();
        var ecKey = (string)SprigHarness.Call("genPrivateKey", "ecdsa")!;
        var ss = (SprigCertificate)SprigHarness.Call(ctx, "genSelfSignedCertWithKey", "self", null, null, (nint)10, ecKey)!;
        Assert.That(ss.Key, Is.EqualTo(ecKey));
        using (var cert = Load(ss.Cert))
        {
            Assert.That(cert.Subject, Is.EqualTo(cert.Issuer));
            Assert.That(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>(), Is.Empty);
            Assert.That(cert.SignatureAlgorithm.Value, Is.EqualTo("1.2.840.10045.4.3.2"));
        }
        var caWithKey = (SprigCertificate)SprigHarness.Call(ctx, "genCAWithKey", "ca2", (nint)5, ecKey)!;
        var leafKey = (string)SprigHarness.Call("genPrivateKey", "ecdsa")!;
        var leaf = (SprigCertificate)SprigHarness.Call(ctx, "genSignedCertWithKey", "l", null, new object?[] { "x.test" }, (nint)5, caWithKey, leafKey)!;
        Assert.That(leaf.Key, Is.EqualTo(leafKey));
        using var leafCert = Load(leaf.Cert);
        using var caCert = Load(caWithKey.Cert);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(caCert);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.That(chain.Build(leafCert), Is.True);
    }

    [Test]
    public void BuildCustomCertRoundTripsAndErrors()
    {
        var ca = (SprigCertificate)SprigHarness.Call("genCA", "x", (nint)1)!;
        var b64 = (string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        var built = (SprigCertificate)SprigHarness.Call("buildCustomCert", b64(ca.Cert), b64(ca.Key))!;
        Assert.That(built.Cert, Is.EqualTo(ca.Cert));
        Assert.That(built.Key, Is.EqualTo(ca.Key));
        // helm v4.1.4 messages: {{ buildCustomCert "x" "y" }}, {{ buildCustomCert "eA==" "eA==" }}, {{ genCAWithKey "x" 1 "junk" }}
        Assert.That(Assert.Throws<GoFunctionException>(() => SprigHarness.Call("buildCustomCert", "x", "y"))!.Message, Is.EqualTo("unable to decode base64 certificate"));
        Assert.That(Assert.Throws<GoFunctionException>(() => SprigHarness.Call("buildCustomCert", "eA==", "eA=="))!.Message, Is.EqualTo("unable to decode certificate"));
        Assert.That(Assert.Throws<GoFunctionException>(() => SprigHarness.Call("genCAWithKey", "x", (nint)1, "junk"))!.Message, Is.EqualTo("parsing private key: no PEM data in input"));
        // helm v4.1.4: {{ genSelfSignedCert "x" (list 1) nil 1 }} / (list "1.2.3.04") / nil (list 1)
        Assert.That(Assert.Throws<GoFunctionException>(() => SprigHarness.Call("genSelfSignedCert", "x", new object?[] { (nint)1 }, null, (nint)1))!.Message, Is.EqualTo("error parsing ip: 1 is not a string"));
        Assert.That(Assert.Throws<GoFunctionException>(() => SprigHarness.Call("genSelfSignedCert", "x", new object?[] { "1.2.3.04" }, null, (nint)1))!.Message, Is.EqualTo("error parsing ip: 1.2.3.04"));
        Assert.That(Assert.Throws<GoFunctionException>(() => SprigHarness.Call("genSelfSignedCert", "x", null, new object?[] { (nint)1 }, (nint)1))!.Message, Is.EqualTo("error processing alternate dns name: 1 is not a string"));
    }

    private const string HelmCa = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURBekNDQWV1Z0F3SUJBZ0lRRHVPbnpQSXRDSjZYL1RCNjJyUWVtREFOQmdrcWhraUc5dzBCQVFzRkFEQU0KTVFvd0NBWURWUVFERXdGb01CNFhEVEkyTVRFeU5qRXlNVGd3TlZvWERUSTJNVEV5T1RFeU1UZ3dOVm93RERFSwpNQWdHQTFVRUF4TUJhRENDQVNJd0RRWUpLb1pJaHZjTkFRRUJCUUFEZ2dFUEFEQ0NBUW9DZ2dFQkFMVVFNQXVhCmd0VVFhcEtaOWhnTlZrbkpHd29tTU92Q3IrUmRQZ2Jpd3FVeTJPMDlXRG1SQ29VQkJhK2xrWW1sbXZIc0FmdFIKOEE3RUVVczl1STA4TklIb2piSDhCeFczbTRZRWp6Unh0N291NXhpUVBZbmdkTitUYUs3U0o4MUdTWnhRb3RJSQpTTVl0czRhVmRDR2x5VFJ3NHNrYWM5MzV5dWxEQmtxc2U2Tld0UFBTdkNGUVFWMmFrMXNtVlkxSHI0b2o0Qy9SCktYUXRMQ2ZVQzBUYmZkalNBY3VJK1N6cHg4c0EwbERXMFFZeGFSM2RaZll3UHpEK3NSM2d1WElTYUxGSTI1c2oKT0NMTjRGa3U5T3NOTWU3R1Jidk5MNlBtNUpZRlkwRHEvMVZwYmhxYmRoMHhldGVmV1A3c1BET0s0M0FDaENYUApnalVDbXFPZEU1NkxMUDhDQXdFQUFhTmhNRjh3RGdZRFZSMFBBUUgvQkFRREFnS2tNQjBHQTFVZEpRUVdNQlFHCkNDc0dBUVVGQndNQkJnZ3JCZ0VGQlFjREFqQVBCZ05WSFJNQkFmOEVCVEFEQVFIL01CMEdBMVVkRGdRV0JCVDMKVEZPNm5ETkdCaVJCWHd5cFFWS2lid0NlRURBTkJna3Foa2lHOXcwQkFRc0ZBQU9DQVFFQXNsazU4WS84bVhJNgp1c2dQSGVQNk1yd0ZadEN0OHFlcnNjRWg0MHRaanVYVmtnbGhlWDkrakpLaVpNOG5JaWxzTUlUS21Ja2d5NTV5CjBPb2hGMENyekZXdGlFZFVvd29QOXFlVWdzLzZieDA2eDJxditBTXoxVDViWUFscFg4OWd5VXZuL1BCNEU2cUEKL2pmV05mRldHK21JS3N2T01HZ29VNHhPdmdhVDFHTWwzc2lycFRPcDB0MHBYeXBIYWh1ZHU1TXE4YXgzVUtXMgpmcFRBSXNwUVQ0QXQyRHpVV1NNNXgySSs3KzM5cFdUcUtwb29kQlRNa0NvMmZWUlZZZG0zNEpvaDE5YVdpcHhsClAvMWYxRmtkMllDVjNiNW84c3dUVEk1eHBiWEpDcGtDV0ttU0NwcWRsakVTNVAyV0ZxT2R5Ujc2NlEyTVJ4WVYKQnBwRG9lS0JIUT09Ci0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBdFJBd0M1cUMxUkJxa3BuMkdBMVdTY2tiQ2lZdzY4S3Y1RjArQnVMQ3BUTFk3VDFZCk9aRUtoUUVGcjZXUmlhV2E4ZXdCKzFId0RzUVJTejI0alR3MGdlaU5zZndIRmJlYmhnU1BOSEczdWk3bkdKQTkKaWVCMDM1Tm9ydEluelVaSm5GQ2kwZ2hJeGkyemhwVjBJYVhKTkhEaXlScHozZm5LNlVNR1NxeDdvMWEwODlLOApJVkJCWFpxVFd5WlZqVWV2aWlQZ0w5RXBkQzBzSjlRTFJOdDkyTklCeTRqNUxPbkh5d0RTVU5iUkJqRnBIZDFsCjlqQS9NUDZ4SGVDNWNoSm9zVWpibXlNNElzM2dXUzcwNncweDdzWkZ1ODB2bytia2xnVmpRT3IvVldsdUdwdDIKSFRGNjE1OVkvdXc4TTRyamNBS0VKYytDTlFLYW81MFRub3NzL3dJREFRQUJBb0lCQUNDOGFZTmZqeklJZ3N3NApxK2JUV251Q3NiSFhEOWRBWHQ3U0FPbnJ5N2RraHhYMWxtTHFGMVhPeG9Gb1ZQVG5EU21hT3cxK1ZnSEZiejhFClRMNjBXT1gzN3M1ME82K3dmNXp1YkJuV1NacU82bGRsbE1xOTIwT2srak5KYWNyU1gzSzBuWXVOMWVLRzFzT0oKZC9LeGI3eGNnSlJOaFE5b0gwaW5ScGJ2c25ib1l5VW5hMGZOMnNJVThFMTJkVTZ1ZFBJWktEY0ozWDQ1NTM2QQpmeG1KNWpWY3NZWHE5SkVFdWcxQWhDRVpxWGpsZjhUTVVTNHM2bCt4Smh1dVR0eW9sSXR5bVhpZFN5Vk9PenlpCkhBY0V4a2ZMUnBQV0VxTHFCb0ZvUmMyUjQ0UG4vVVI2MUJTNk1DL2ZGdHdmOW1zdzIyT3NYWVFOL0g5SzlRUEUKOEJkaERYa0NnWUVBN0R1blB1UjJBeTBUVjdXYU0rcnF6Wk1YUFM2MXRlb0hlaml2d2JhVVJKd0dJRjlCSGtyOQpkMWJxdC9sU3VSQ0ZTSTBaRjgycDZrMW0xVGRyVTZGNEx6K2NtcE94UjFSOVJMeEg0WWZCdTA5VmtzK1Nzb2ltCmlsZEhRd3BRdks2Rm5ESmY2c01OWk84YlJRd3R4Q3NuMGNHSkJ6dUo2ZnVUSys2Vm5RcmRQbzBDZ1lFQXhEYSsKRjd0T0NONkxCdmJxOEtGd1cyVlhlR3FQZXpxbk0rRnh1cDF4OFVsWjVOM1pUL1l1dEoyWmFUc1JBdzRzWEgzcwoyOVdsSm4xVEVvV1g3c1Zic2M1Vm5uSUJ5eEgrN2JHb1lvRGEzMG1uMDgydnI4cmpLUVRqaFJkanhTeGdwcW8rCnhlUGp6OXpvY0p1NDNJUGw0RUpOZVZ6Z1o5S2JPRFFCQVpsM2JMc0NnWUErSHduQi9pNFNjNzRNYUpNZVovNUwKQlEwdFo2VWRLMmUvK2p3dHdxZUd5MGpKSm9OblJlMFZmdVBHY1dnUmhvaW1KWVNkdjlXWTZiWExDQUhQUWp6cQpuOTI4d0czMEJnSFRHM2dEbE1HYlVpZDhyZDB6MmIrQnphWE51VjYxMzJiL1JqZjI4a2dKYk45TTd3RHgveTgvCmQ1ZGpNWUw0NXRFeTBsREJ0V09zMlFLQmdDbG4rL2w2RjErYnh1N3pVR1R6VElpYy9EWjNGa3hFOWwvbVpWK2kKTmhkYkNWTlkxYkVnSEg4VSt2alA5Q2tXNXBtbUlVUEs5QTBKU1d5Uk1KeThuVHNLZGRyMzZCVDRlVG1qMGdybgpja2pJZkZnZ0FjRXhLWHJRZzBya3dyTXJTRUlqanhlbm5iMlJ1cU40MlN2LzBaVGZxUVhCYWNHL0dlNWtXd29CClhzaGRBb0dCQUpjcGZtUXByMUtUdDh5dnBSM1Z3VnVGaENBK1ZvN2VhSUJOUnlBa1hEcVBZVmpUTUdRcjFiM1kKREU0aHF4eVZnRVF3ekhqSndiM3dqUWlqQlBaSThsZlpkWDNicXdFUVVTbjlyRXNDL05TOFdQaTVQWGgzVmVtcQpTNVhWUm5YWGlpWlZsVEhWUkFLOUY3TEw2dEhtTmRFckJ6cjFhbWFiQS80cHlCdFZ0T3hiCi0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg==";

    [Test]
    public void SignsWithHelmGeneratedCa()
    {
        // helm v4.1.4: {{ $ca := genCA "h" 3 }}{{ $ca.Cert | b64enc }} {{ $ca.Key | b64enc }}
        var parts = HelmCa.Split(' ');
        var ca = (SprigCertificate)SprigHarness.Call("buildCustomCert", parts[0], parts[1])!;
        var leaf = (SprigCertificate)SprigHarness.Call("genSignedCert", "leaf", null, null, (nint)2, ca)!;
        using var leafCert = Load(leaf.Cert);
        using var caCert = Load(ca.Cert);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(caCert);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        Assert.That(chain.Build(leafCert), Is.True);
    }

    [Test]
    public void GetHostByNameIsNeutered()
    {
        Assert.That(SprigHarness.Call("getHostByName", "example.com"), Is.EqualTo(""));
    }
}

public class CryptoDsaErrorTests
{
    // helm v4.1.4: {{ genCAWithKey "x" 1 (genPrivateKey "dsa") }} and
    // {{ $ca := genCA "x" 1 }}{{ genSignedCertWithKey "x" nil nil 1 $ca (genPrivateKey "dsa") }}
    [Test]
    public void DsaKeysFailLikeGo()
    {
        var dsa = (string)SprigHarness.Call("genPrivateKey", "dsa")!;
        var e = Assert.Throws<GoFunctionException>(() => SprigHarness.Call("genCAWithKey", "x", (nint)1, dsa));
        Assert.That(e!.Message, Is.EqualTo("error creating certificate: x509: certificate private key does not implement crypto.Signer"));
        var ca = SprigHarness.Call("genCA", "x", (nint)1);
        e = Assert.Throws<GoFunctionException>(() => SprigHarness.Call("genSignedCertWithKey", "x", null, null, (nint)1, ca, dsa));
        Assert.That(e!.Message, Is.EqualTo("error creating certificate: x509: unsupported public key type: *dsa.PublicKey"));
    }

    // DSAParameters pads X (and Y) with leading zeros; the DER of "DSA PRIVATE KEY" must use minimal integers
    // (a key whose X started with a zero byte used to throw, about one genPrivateKey "dsa" in 200).
    [Test]
    public void DsaKeyWithLeadingZeroBytesEncodes()
    {
        using var gen = System.Security.Cryptography.DSA.Create(1024);
        var p = gen.ExportParameters(false);
        static System.Numerics.BigInteger Big(byte[] b) => new(b, isUnsigned: true, isBigEndian: true);
        static byte[] Pad(System.Numerics.BigInteger v, int len)
        {
            var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
            var r = new byte[len];
            raw.CopyTo(r, len - raw.Length);
            return r;
        }
        var x = new System.Numerics.BigInteger(5);
        var y = System.Numerics.BigInteger.ModPow(Big(p.G!), x, Big(p.P!));
        var dsa = System.Security.Cryptography.DSA.Create();
        dsa.ImportParameters(new System.Security.Cryptography.DSAParameters { P = p.P, Q = p.Q, G = p.G, Y = Pad(y, p.P!.Length), X = Pad(x, p.Q!.Length) });
        var pem = HelmSharp.Crypto.CertificateFunctions.PemBlockForKey(new HelmSharp.Crypto.CertificateFunctions.PrivateKey { Algorithm = dsa });
        Assert.That(pem, Does.StartWith("-----BEGIN DSA PRIVATE KEY-----\n"));
        var der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal))));
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        for (int i = 0; i < 5; i++) reader.ReadInteger();
        Assert.That(reader.ReadInteger(), Is.EqualTo(x));
    }
}

public class Ed25519Tests
{
    // RFC 8032 section 7.1, TEST 1 and TEST 2.
    [TestCase("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [TestCase("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "72",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    public void Rfc8032Vectors(string seed, string msg, string pub, string sig)
    {
        var s = Convert.FromHexString(seed);
        Assert.That(Convert.ToHexStringLower(Ed25519.PublicKey(s)), Is.EqualTo(pub));
        Assert.That(Convert.ToHexStringLower(Ed25519.Sign(s, Convert.FromHexString(msg))), Is.EqualTo(sig));
    }

    [Test]
    public void Ed25519CertificateAuthority()
    {
        var key = (string)SprigHarness.Call("genPrivateKey", "ed25519")!;
        var ca = (SprigCertificate)SprigHarness.Call("genCAWithKey", "edca", (nint)10, key)!;
        Assert.That(ca.Key, Is.EqualTo(key));
        using var cert = X509Certificate2.CreateFromPem(ca.Cert);
        Assert.That(cert.SignatureAlgorithm.Value, Is.EqualTo("1.3.101.112"));
        Assert.That(cert.PublicKey.Oid.Value, Is.EqualTo("1.3.101.112"));
        var leaf = (SprigCertificate)SprigHarness.Call("genSignedCert", "leaf", null, null, (nint)5, ca)!;
        using var leafCert = X509Certificate2.CreateFromPem(leaf.Cert);
        Assert.That(leafCert.Issuer, Is.EqualTo("CN=edca"));
        Assert.That(leafCert.SignatureAlgorithm.Value, Is.EqualTo("1.3.101.112"));
    }
}
