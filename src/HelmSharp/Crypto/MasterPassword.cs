using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HelmSharp.Crypto;

/// <summary>Sprig's <c>derivePassword</c>: the Master Password algorithm (scrypt N=32768 r=8 p=2, HMAC-SHA256 seed, templates).</summary>
internal static class MasterPassword
{
    private const string Seed = "com.lyndir.masterpassword";

    private static readonly Dictionary<string, string[]> s_templates = new(StringComparer.Ordinal)
    {
        ["maximum"] = ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        ["long"] = ["CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
            "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
            "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
            "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
            "CvccCvcvCvccno"],
        ["medium"] = ["CvcnoCvc", "CvcCvcno"],
        ["short"] = ["Cvcn"],
        ["basic"] = ["aaanaaan", "aannaaan", "aaannaaa"],
        ["pin"] = ["nnnn"],
    };

    private static string Chars(char c) => c switch
    {
        'V' => "AEIOU",
        'C' => "BCDFGHJKLMNPQRSTVWXYZ",
        'v' => "aeiou",
        'c' => "bcdfghjklmnpqrstvwxyz",
        'A' => "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
        'a' => "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        'n' => "0123456789",
        'o' => "@&%?,=[]_:-+*$#!'^~;()/.",
        _ => "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
    };

    /// <summary>Derives the site password exactly as Sprig does (error texts returned as the result, like Sprig).</summary>
    public static string Derive(uint counter, string passwordType, string password, string user, string site)
    {
        if (!s_templates.TryGetValue(passwordType, out var templates))
            return "cannot find password template " + passwordType;
        var userBytes = HelmSharp.Go.GoUtf8.GetBytes(user);
        var seedBytes = HelmSharp.Go.GoUtf8.GetBytes(Seed);
        var salt = new byte[seedBytes.Length + 4 + userBytes.Length];
        seedBytes.CopyTo(salt, 0);
        BinaryPrimitives.WriteUInt32BigEndian(salt.AsSpan(seedBytes.Length), (uint)userBytes.Length);
        userBytes.CopyTo(salt, seedBytes.Length + 4);
        var key = Scrypt.DeriveKey(HelmSharp.Go.GoUtf8.GetBytes(password), salt, 32768, 8, 2, 64);

        var siteBytes = HelmSharp.Go.GoUtf8.GetBytes(site);
        var msg = new byte[seedBytes.Length + 4 + siteBytes.Length + 4];
        seedBytes.CopyTo(msg, 0);
        BinaryPrimitives.WriteUInt32BigEndian(msg.AsSpan(seedBytes.Length), (uint)siteBytes.Length);
        siteBytes.CopyTo(msg, seedBytes.Length + 4);
        BinaryPrimitives.WriteUInt32BigEndian(msg.AsSpan(seedBytes.Length + 4 + siteBytes.Length), counter);
        var seed = HMACSHA256.HashData(key, msg);
        var temp = templates[seed[0] % templates.Length];
        var sb = new StringBuilder(temp.Length);
        for (int i = 0; i < temp.Length; i++)
        {
            var chars = Chars(temp[i]);
            sb.Append(chars[seed[i + 1] % chars.Length]);
        }
        return sb.ToString();
    }
}
