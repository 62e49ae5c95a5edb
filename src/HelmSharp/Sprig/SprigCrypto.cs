using System.Security.Cryptography;
using System.Text;
using HelmSharp.Crypto;
using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

/// <summary>Sprig's crypto and random functions (<c>crypto.go</c>).</summary>
public static partial class SprigLibrary
{
    /// <summary>The largest <c>randBytes</c> count accepted (Go would try to allocate anything; we refuse absurd sizes).</summary>
    internal const int MaxRandBytes = 64 << 20;

    static partial void RegisterCrypto(FunctionRegistry r)
    {
        var s = GoType.String;
        var i = GoType.Int;
        var list = GoType.SliceInterface;
        var cert = SprigCertificate.Type;
        r.Add(new GoFunction("bcrypt", [s], false, (_, a) => Bcrypt((string)a[0]!)) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("htpasswd", [s, s], false, (_, a) =>
        {
            var user = (string)a[0]!;
            if (user.Contains(':')) return "invalid username: " + user;
            return user + ":" + Bcrypt((string)a[1]!);
        }) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("genPrivateKey", [s], false, (_, a) => CertificateFunctions.GeneratePrivateKey((string)a[0]!)) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("derivePassword", [GoType.Uint32, s, s, s, s], false, (_, a) =>
            MasterPassword.Derive((uint)a[0]!, (string)a[1]!, (string)a[2]!, (string)a[3]!, (string)a[4]!)) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("buildCustomCert", [s, s], false, (_, a) =>
            CertificateFunctions.BuildCustomCertificate((string)a[0]!, (string)a[1]!), true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("genCA", [s, i], false, (c, a) =>
            CertificateFunctions.GenerateCertificateAuthority(c.Clock, (string)a[0]!, (nint)a[1]!, null), true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("genCAWithKey", [s, i, s], false, (c, a) =>
            CertificateFunctions.GenerateCertificateAuthority(c.Clock, (string)a[0]!, (nint)a[1]!, (string)a[2]!), true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("genSelfSignedCert", [s, list, list, i], false, (c, a) =>
            CertificateFunctions.GenerateSelfSignedCertificate(c.Clock, (string)a[0]!, (object?[]?)a[1], (object?[]?)a[2], (nint)a[3]!, null), true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("genSelfSignedCertWithKey", [s, list, list, i, s], false, (c, a) =>
            CertificateFunctions.GenerateSelfSignedCertificate(c.Clock, (string)a[0]!, (object?[]?)a[1], (object?[]?)a[2], (nint)a[3]!, (string)a[4]!), true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("genSignedCert", [s, list, list, i, cert], false, (c, a) =>
            CertificateFunctions.GenerateSignedCertificate(c.Clock, (string)a[0]!, (object?[]?)a[1], (object?[]?)a[2], (nint)a[3]!, (SprigCertificate)a[4]!, null), true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("genSignedCertWithKey", [s, list, list, i, cert, s], false, (c, a) =>
            CertificateFunctions.GenerateSignedCertificate(c.Clock, (string)a[0]!, (object?[]?)a[1], (object?[]?)a[2], (nint)a[3]!, (SprigCertificate)a[4]!, (string)a[5]!), true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("encryptAES", [s, s], false, (_, a) => CertificateFunctions.EncryptAes((string)a[0]!, (string)a[1]!), true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("decryptAES", [s, s], false, (_, a) => CertificateFunctions.DecryptAes((string)a[0]!, (string)a[1]!), true) { Effects = FunctionEffects.Pure });
        r.Add(new GoFunction("randBytes", [i], false, (_, a) =>
        {
            long n = (nint)a[0]!;
            if (n < 0 || n > MaxRandBytes) throw new GoFunctionException("runtime error: makeslice: len out of range");
            return Convert.ToBase64String(RandomNumberGenerator.GetBytes((int)n));
        }, true) { Effects = FunctionEffects.ReadsOutside });
        r.Add(new GoFunction("uuidv4", [], false, (_, _) => Guid.NewGuid().ToString("D")) { Effects = FunctionEffects.ReadsOutside });
    }

    /// <summary>Sprig's <c>bcrypt</c>: <c>$2a$10$…</c>; passwords over 72 bytes give x/crypto's error text as the result.</summary>
    internal static string Bcrypt(string input)
    {
        if (HelmSharp.Go.GoUtf8.GetByteCount(input) > 72)
            return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
        return BCrypt.Net.BCrypt.HashPassword(input, BCrypt.Net.BCrypt.GenerateSalt(10, 'a'));
    }
}
