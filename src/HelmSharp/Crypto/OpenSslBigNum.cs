using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace HelmSharp.Crypto;

/// <summary>
/// The few big-number operations of OpenSSL's libcrypto that RSA key generation needs (<c>BN_*</c>), called directly.
/// </summary>
/// <remarks>
/// On Linux .NET's own cryptography is OpenSSL, so libcrypto is already on the machine (and usually in the process).
/// Its modular exponentiation is the fastest at hand: about 14 times <see cref="System.Numerics.BigInteger.ModPow"/>
/// for a 2048-bit modulus. Only Linux is tried; elsewhere, or when the library or a function is missing,
/// <see cref="IsAvailable"/> is false and key generation falls back to the platform's <c>RSA.Create</c>.
/// Every handle is owned by one <see cref="BigNum"/> or <see cref="Context"/> and freed by its <c>Dispose</c>;
/// secret numbers are cleared when freed.
/// </remarks>
internal static class OpenSslBigNum
{
    private const string Lib = "helmsharp-libcrypto";

    private static readonly Lazy<bool> available = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether libcrypto's big numbers can be used in this process.</summary>
    public static bool IsAvailable => available.Value;

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(OpenSslBigNum).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // A resolver was set already (only this class sets one): it is ours.
        }
        try
        {
            using var ctx = new Context();
            using var a = BigNum.FromBytes([0x0b]);
            using var m = BigNum.FromBytes([0x0d]);
            using var r = new BigNum();
            // 11^12 mod 13 = 1 (Fermat): proves the exponentiation runs.
            using var e = BigNum.FromBytes([0x0c]);
            ctx.ModExp(r, a, e, m);
            return BN_is_one(r.Handle) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or CryptographicException)
        {
            return false;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Lib) return IntPtr.Zero;
        foreach (var candidate in new[] { "libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so" })
            if (NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        return IntPtr.Zero;
    }

    /// <summary>A <c>BIGNUM</c>; cleared and freed on dispose.</summary>
    internal sealed class BigNum : IDisposable
    {
        public IntPtr Handle { get; private set; }

        public BigNum()
        {
            Handle = BN_new();
            if (Handle == IntPtr.Zero) throw Failure("BN_new");
        }

        private BigNum(IntPtr handle) => Handle = handle;

        /// <summary>The unsigned big-endian number <paramref name="bytes"/>.</summary>
        public static BigNum FromBytes(byte[] bytes)
        {
            var h = BN_bin2bn(bytes, bytes.Length, IntPtr.Zero);
            if (h == IntPtr.Zero) throw Failure("BN_bin2bn");
            return new BigNum(h);
        }

        public int BitLength => BN_num_bits(Handle);

        public bool IsOne => BN_is_one(Handle) == 1;

        /// <summary>The number as exactly <paramref name="length"/> big-endian bytes (left-padded with zeros).</summary>
        public byte[] ToBytes(int length)
        {
            var b = new byte[length];
            if (BN_bn2binpad(Handle, b, length) != length) throw Failure("BN_bn2binpad");
            return b;
        }

        public int CompareTo(BigNum other) => BN_cmp(Handle, other.Handle);

        public void Set(BigNum other)
        {
            if (BN_copy(Handle, other.Handle) == IntPtr.Zero) throw Failure("BN_copy");
        }

        public void AddWord(ulong w)
        {
            if (BN_add_word(Handle, w) != 1) throw Failure("BN_add_word");
        }

        public void SubWord(ulong w)
        {
            if (BN_sub_word(Handle, w) != 1) throw Failure("BN_sub_word");
        }

        public void ShiftRight(BigNum a, int n)
        {
            if (BN_rshift(Handle, a.Handle, n) != 1) throw Failure("BN_rshift");
        }

        public bool IsBitSet(int n) => BN_is_bit_set(Handle, n) == 1;

        public void Dispose()
        {
            if (Handle != IntPtr.Zero) BN_clear_free(Handle);
            Handle = IntPtr.Zero;
        }
    }

    /// <summary>A <c>BN_CTX</c> (scratch space; one per thread) and the operations that need it.</summary>
    internal sealed class Context : IDisposable
    {
        private IntPtr ctx;

        public Context()
        {
            ctx = BN_CTX_new();
            if (ctx == IntPtr.Zero) throw Failure("BN_CTX_new");
        }

        /// <summary><paramref name="r"/> = <paramref name="a"/>^<paramref name="e"/> mod <paramref name="m"/> (m odd).</summary>
        public void ModExp(BigNum r, BigNum a, BigNum e, BigNum m, Montgomery? mont = null)
        {
            if (BN_mod_exp_mont(r.Handle, a.Handle, e.Handle, m.Handle, ctx, mont?.Handle ?? IntPtr.Zero) != 1) throw Failure("BN_mod_exp_mont");
        }

        /// <summary><paramref name="r"/> = <paramref name="a"/>^<paramref name="e"/> mod <paramref name="m"/> for a one-word base.</summary>
        public void ModExpWord(BigNum r, ulong a, BigNum e, BigNum m, Montgomery mont)
        {
            if (BN_mod_exp_mont_word(r.Handle, a, e.Handle, m.Handle, ctx, mont.Handle) != 1) throw Failure("BN_mod_exp_mont_word");
        }

        /// <summary><paramref name="r"/> = <paramref name="a"/>² mod <paramref name="m"/>.</summary>
        public void ModSquare(BigNum r, BigNum a, BigNum m)
        {
            if (BN_mod_sqr(r.Handle, a.Handle, m.Handle, ctx) != 1) throw Failure("BN_mod_sqr");
        }

        /// <summary>The bit length of |<paramref name="a"/> − <paramref name="b"/>|.</summary>
        public static int DistanceBits(BigNum a, BigNum b)
        {
            using var r = new BigNum();
            if (BN_sub(r.Handle, a.Handle, b.Handle) != 1) throw Failure("BN_sub");
            return r.BitLength; // BN_num_bits ignores the sign
        }

        /// <summary><paramref name="r"/> = <paramref name="a"/> · <paramref name="b"/>.</summary>
        public void Multiply(BigNum r, BigNum a, BigNum b)
        {
            if (BN_mul(r.Handle, a.Handle, b.Handle, ctx) != 1) throw Failure("BN_mul");
        }

        /// <summary><paramref name="r"/> = <paramref name="a"/> mod <paramref name="m"/>.</summary>
        public void Mod(BigNum r, BigNum a, BigNum m)
        {
            if (BN_div(IntPtr.Zero, r.Handle, a.Handle, m.Handle, ctx) != 1) throw Failure("BN_div");
        }

        /// <summary><paramref name="r"/> = <paramref name="a"/>⁻¹ mod <paramref name="m"/>; false when there is no inverse.</summary>
        public bool TryModInverse(BigNum r, BigNum a, BigNum m)
        {
            if (BN_mod_inverse(r.Handle, a.Handle, m.Handle, ctx) != IntPtr.Zero) return true;
            ERR_clear_error();
            return false;
        }

        /// <summary>Montgomery constants for the odd modulus <paramref name="m"/>.</summary>
        public Montgomery MontgomeryFor(BigNum m)
        {
            var mont = new Montgomery();
            if (BN_MONT_CTX_set(mont.Handle, m.Handle, ctx) != 1)
            {
                mont.Dispose();
                throw Failure("BN_MONT_CTX_set");
            }
            return mont;
        }

        public void Dispose()
        {
            if (ctx != IntPtr.Zero) BN_CTX_free(ctx);
            ctx = IntPtr.Zero;
        }
    }

    /// <summary>A <c>BN_MONT_CTX</c>.</summary>
    internal sealed class Montgomery : IDisposable
    {
        public IntPtr Handle { get; private set; }

        public Montgomery()
        {
            Handle = BN_MONT_CTX_new();
            if (Handle == IntPtr.Zero) throw Failure("BN_MONT_CTX_new");
        }

        public void Dispose()
        {
            if (Handle != IntPtr.Zero) BN_MONT_CTX_free(Handle);
            Handle = IntPtr.Zero;
        }
    }

    private static CryptographicException Failure(string function)
    {
        ulong code = ERR_get_error();
        ERR_clear_error();
        return new CryptographicException(function + " failed (OpenSSL error 0x" + code.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ")");
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code, which this assembly does not allow; these signatures are blittable.
    [DllImport(Lib)] private static extern IntPtr BN_new();
    [DllImport(Lib)] private static extern void BN_clear_free(IntPtr a);
    [DllImport(Lib)] private static extern IntPtr BN_bin2bn(byte[] s, int len, IntPtr ret);
    [DllImport(Lib)] private static extern int BN_bn2binpad(IntPtr a, byte[] to, int tolen);
    [DllImport(Lib)] private static extern int BN_num_bits(IntPtr a);
    [DllImport(Lib)] private static extern int BN_is_one(IntPtr a);
    [DllImport(Lib)] private static extern int BN_is_bit_set(IntPtr a, int n);
    [DllImport(Lib)] private static extern int BN_cmp(IntPtr a, IntPtr b);
    [DllImport(Lib)] private static extern IntPtr BN_copy(IntPtr to, IntPtr from);
    [DllImport(Lib)] private static extern int BN_add_word(IntPtr a, ulong w);
    [DllImport(Lib)] private static extern int BN_sub_word(IntPtr a, ulong w);
    [DllImport(Lib)] private static extern int BN_rshift(IntPtr r, IntPtr a, int n);
    [DllImport(Lib)] private static extern int BN_sub(IntPtr r, IntPtr a, IntPtr b);
    [DllImport(Lib)] private static extern int BN_mul(IntPtr r, IntPtr a, IntPtr b, IntPtr ctx);
    [DllImport(Lib)] private static extern int BN_div(IntPtr dv, IntPtr rem, IntPtr a, IntPtr d, IntPtr ctx);
    [DllImport(Lib)] private static extern int BN_mod_sqr(IntPtr r, IntPtr a, IntPtr m, IntPtr ctx);
    [DllImport(Lib)] private static extern IntPtr BN_mod_inverse(IntPtr r, IntPtr a, IntPtr n, IntPtr ctx);
    [DllImport(Lib)] private static extern int BN_mod_exp_mont(IntPtr r, IntPtr a, IntPtr p, IntPtr m, IntPtr ctx, IntPtr mont);
    [DllImport(Lib)] private static extern int BN_mod_exp_mont_word(IntPtr r, ulong a, IntPtr p, IntPtr m, IntPtr ctx, IntPtr mont);
    [DllImport(Lib)] private static extern IntPtr BN_CTX_new();
    [DllImport(Lib)] private static extern void BN_CTX_free(IntPtr ctx);
    [DllImport(Lib)] private static extern IntPtr BN_MONT_CTX_new();
    [DllImport(Lib)] private static extern void BN_MONT_CTX_free(IntPtr mont);
    [DllImport(Lib)] private static extern int BN_MONT_CTX_set(IntPtr mont, IntPtr mod, IntPtr ctx);
    [DllImport(Lib)] private static extern ulong ERR_get_error();
    [DllImport(Lib)] private static extern void ERR_clear_error();
#pragma warning restore SYSLIB1054
}
