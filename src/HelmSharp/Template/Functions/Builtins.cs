using System.Collections;
using System.Text;
using HelmSharp.Go;
using HelmSharp.Template.Exec;

namespace HelmSharp.Template.Functions;

/// <summary>
/// Go's text/template builtin functions (<c>funcs.go</c>): and, or, not, len, index, slice, call,
/// eq/ne/lt/le/gt/ge, html, js, urlquery, print, printf, println. They are always available to the
/// parser and executor; <see cref="Register"/> also adds them to a registry.
/// </summary>
public static class Builtins
{
    private static readonly GoType[] OneAny = [GoType.Interface];
    private static readonly GoType[] TwoAny = [GoType.Interface, GoType.Interface];

    /// <summary>The builtin <c>and</c> (short-circuits; executed specially).</summary>
    public static readonly GoFunction And = new("and", TwoAny, true, (_, a) => { foreach (var x in a) if (!GoValues.Truth(x)) return x; return a[^1]; }, effects: FunctionEffects.Pure);
    /// <summary>The builtin <c>or</c> (short-circuits; executed specially).</summary>
    public static readonly GoFunction Or = new("or", TwoAny, true, (_, a) => { foreach (var x in a) if (GoValues.Truth(x)) return x; return a[^1]; }, effects: FunctionEffects.Pure);

    private static readonly HashSet<GoFunction> s_reflect = new(ReferenceEqualityComparer.Instance);


    private static FunctionRegistry Build()
    {
        var r = new FunctionRegistry();
        AddTo(r);
        return r.Freeze();
    }

    /// <summary>Adds the builtins to <paramref name="registry"/>.</summary>
    public static void Register(FunctionRegistry registry) => AddTo(registry);

    internal static bool TakesReflectValues(GoFunction f) => s_reflect.Contains(f);

    /// <summary>True for the builtins the executor runs itself and recognizes by reference (<c>and</c>, <c>or</c>, <c>call</c>): wrappers must leave them as they are.</summary>
    internal static bool ExecutedSpecially(GoFunction f) => ReferenceEquals(f, And) || ReferenceEquals(f, Or) || ReferenceEquals(f, CallF);

    private static GoFunction R(GoFunction f) { lock (s_reflect) s_reflect.Add(f); return f; }

    private static void AddTo(FunctionRegistry r)
    {
        r.Add(And).Add(Or);
        r.Add(Not).Add(LenF).Add(IndexF).Add(SliceF).Add(CallF);
        r.Add(Eq).Add(Ne).Add(Lt).Add(Le).Add(Gt).Add(Ge);
        r.Add(Html).Add(Js).Add(UrlQuery).Add(Print).Add(Printf).Add(Println);
    }

    private static readonly GoFunction Not = R(new("not", OneAny, false, (_, a) => GoBoxes.Bool(!GoValues.Truth(a[0])), effects: FunctionEffects.Pure));
    private static readonly GoFunction LenF = R(new("len", OneAny, false, (_, a) => (nint)Length(a[0]), true, effects: FunctionEffects.Pure));
    private static readonly GoFunction IndexF = R(new("index", TwoAny, true, (_, a) => Index(a[0], a.AsSpan(1)), true, effects: FunctionEffects.Pure));
    private static readonly GoFunction SliceF = R(new("slice", TwoAny, true, (_, a) => Slice(a[0], a.AsSpan(1)), true, effects: FunctionEffects.Pure));
    private static readonly GoFunction CallF = R(new("call", TwoAny, true, (ctx, a) => Call(ctx, "", a), true)); // effects undeclared: it calls whatever function value it is given

    /// <summary>The builtin <c>call</c> (the executor passes the callee's name to <see cref="Call"/>).</summary>
    internal static GoFunction CallFunction => CallF;
    private static readonly GoFunction Eq = R(new("eq", TwoAny, true, (c, a) => GoBoxes.Bool(EqF(a[0], a.AsSpan(1), GoReleases.Of(c.HelmVersion))), true, effects: FunctionEffects.Pure));
    private static readonly GoFunction Ne = R(new("ne", TwoAny, false, (c, a) => GoBoxes.Bool(!EqF(a[0], a.AsSpan(1), GoReleases.Of(c.HelmVersion))), true, effects: FunctionEffects.Pure));
    private static readonly GoFunction Lt = R(new("lt", TwoAny, false, (c, a) => GoBoxes.Bool(LtF(a[0], a[1], GoReleases.Of(c.HelmVersion))), true, effects: FunctionEffects.Pure));
    private static readonly GoFunction Le = R(new("le", TwoAny, false, (c, a) => GoBoxes.Bool(LeF(a[0], a[1], GoReleases.Of(c.HelmVersion))), true, effects: FunctionEffects.Pure));
    private static readonly GoFunction Gt = R(new("gt", TwoAny, false, (c, a) => GoBoxes.Bool(!LeF(a[0], a[1], GoReleases.Of(c.HelmVersion))), true, effects: FunctionEffects.Pure));
    private static readonly GoFunction Ge = R(new("ge", TwoAny, false, (c, a) => GoBoxes.Bool(!LtF(a[0], a[1], GoReleases.Of(c.HelmVersion))), true, effects: FunctionEffects.Pure));
    private static readonly GoFunction Html = new("html", OneAny, true, (_, a) => HtmlEscape(EvalArgs(a)), effects: FunctionEffects.Pure);
    private static readonly GoFunction Js = new("js", OneAny, true, (_, a) => JsEscape(EvalArgs(a)), effects: FunctionEffects.Pure);
    private static readonly GoFunction UrlQuery = new("urlquery", OneAny, true, (_, a) => QueryEscape(EvalArgs(a)), effects: FunctionEffects.Pure);
    private static readonly GoFunction Print = new("print", OneAny, true, (_, a) => GoFormat.Sprint(a), effects: FunctionEffects.Pure);
    private static readonly GoFunction Printf = new("printf", [GoType.String, GoType.Interface], true, (_, a) => GoFormat.Sprintf((string)a[0]!, a[1..]), effects: FunctionEffects.Pure);
    private static readonly GoFunction Println = new("println", OneAny, true, (_, a) => GoFormat.Sprintln(a), effects: FunctionEffects.Pure);

    private static object? Ind(object? v) => v is NilInterface ? null : v;

    // ---- len ----
    private static long Length(object? item)
    {
        if (item is NilInterface) throw new GoFunctionException("len of nil pointer");
        if (item == null) throw new GoFunctionException("reflect: call of reflect.Value.Type on zero Value");
        switch (item)
        {
            case string s: return HelmSharp.Go.GoUtf8.GetByteCount(s);
            case Array a: return a.Length;
            case IDictionary d: return d.Count;
            case IGoList l: return l.Count;
        }
        var k = GoValues.KindOf(item);
        if (k is GoKind.Slice or GoKind.Array or GoKind.Map or GoKind.String or GoKind.Chan && item is ICollection c) return c.Count;
        throw new GoFunctionException("len of type " + GoValues.TypeName(item));
    }

    // ---- index ----
    private static (long X, string? Err) IndexArg(object? index, long cap)
    {
        index = Ind(index);
        long x;
        var k = GoValues.KindOf(index);
        if (k.IsSignedInt()) x = GoValues.ToInt64(index);
        else if (k.IsUnsignedInt()) x = (long)GoValues.ToUint64(index);
        else if (index == null) return (0, "cannot index slice/array with nil");
        else return (0, "cannot index slice/array with type " + GoValues.TypeName(index));
        if (x < 0 || x > cap) return (0, "index out of range: " + x);
        return (x, null);
    }

    private static object? Index(object? item, ReadOnlySpan<object?> indexes)
    {
        item = Ind(item);
        if (item == null) throw new GoFunctionException("index of untyped nil");
        foreach (var idx0 in indexes)
        {
            var index = Ind(idx0);
            if (item is NilInterface || item == null) throw new GoFunctionException("index of nil pointer");
            switch (item)
            {
                case string s:
                {
                    var bytes = HelmSharp.Go.GoUtf8.GetBytes(s);
                    var (x, err) = IndexArg(index, bytes.Length);
                    if (err != null) throw new GoFunctionException(err);
                    if (x == bytes.Length) throw new GoFunctionException("reflect: string index out of range");
                    item = bytes[x];
                    continue;
                }
                case Array a:
                {
                    var (x, err) = IndexArg(index, a.Length);
                    if (err != null) throw new GoFunctionException(err);
                    if (x == a.Length) throw new GoFunctionException("reflect: slice index out of range");
                    var e = a.GetValue(x);
                    item = e == null && a.GetType().GetElementType() == typeof(object) ? NilInterface.Value : e;
                    continue;
                }
            }
            var kind = GoValues.KindOf(item);
            if (kind == GoKind.Map && item is IDictionary d)
            {
                var mt = GoType.Of(item)!;
                var keyType = mt.Key ?? GoType.String;
                object? key = PrepareArg(index, keyType);
                var elem = mt.Elem ?? GoType.Interface;
                if (key != null && d.Contains(key))
                {
                    var v = d[key];
                    item = v == null && elem.Kind == GoKind.Interface ? NilInterface.Value : v;
                }
                else item = elem.Kind == GoKind.Interface || elem.CanBeNil ? NilInterface.Value : elem.ZeroValue;
                if (item == null) item = NilInterface.Value;
                continue;
            }
            if (kind is GoKind.Slice or GoKind.Array && item is IList list)
            {
                var (x, err) = IndexArg(index, list.Count);
                if (err != null) throw new GoFunctionException(err);
                if (x == list.Count) throw new GoFunctionException("reflect: slice index out of range");
                item = list[(int)x] ?? NilInterface.Value;
                continue;
            }
            if (item is IGoList gl)
            {
                var (x, err) = IndexArg(index, gl.Count);
                if (err != null) throw new GoFunctionException(err);
                if (x == gl.Count) throw new GoFunctionException("reflect: slice index out of range");
                item = gl[(int)x] ?? NilInterface.Value;
                continue;
            }
            throw new GoFunctionException("can't index item of type " + GoValues.TypeName(item));
        }
        return item;
    }

    private static object? PrepareArg(object? value, GoType argType)
    {
        if (value == null)
        {
            if (!argType.CanBeNil) throw new GoFunctionException("value is nil; should be of type " + argType.Name);
            return null;
        }
        var vt = GoType.Of(value)!;
        if (vt.IsAssignableTo(argType)) return value;
        bool IntLike(GoKind k) => k.IsSignedInt() || k.IsUnsignedInt();
        if (IntLike(vt.Kind) && IntLike(argType.Kind))
        {
            if (argType.Kind.IsSignedInt())
            {
                long l = vt.Kind.IsSignedInt() ? GoValues.ToInt64(value) : (long)GoValues.ToUint64(value);
                return argType.Kind switch { GoKind.Int64 => l, GoKind.Int32 => (int)l, GoKind.Int16 => (short)l, GoKind.Int8 => (sbyte)l, _ => (object)(nint)l };
            }
            ulong u = vt.Kind.IsUnsignedInt() ? GoValues.ToUint64(value) : (ulong)GoValues.ToInt64(value);
            return argType.Kind switch { GoKind.Uint64 => u, GoKind.Uint32 => (uint)u, GoKind.Uint16 => (ushort)u, GoKind.Uint8 => (byte)u, _ => (object)(nuint)u };
        }
        throw new GoFunctionException("value has type " + vt.Name + "; should be " + argType.Name);
    }

    // ---- slice ----
    private static object? Slice(object? item, ReadOnlySpan<object?> indexes)
    {
        item = Ind(item);
        if (item == null) throw new GoFunctionException("slice of untyped nil");
        if (indexes.Length > 3) throw new GoFunctionException("too many slice indexes: " + indexes.Length);
        long cap, len;
        byte[]? bytes = null;
        switch (item)
        {
            case string s:
                if (indexes.Length == 3) throw new GoFunctionException("cannot 3-index slice a string");
                bytes = HelmSharp.Go.GoUtf8.GetBytes(s);
                cap = len = bytes.Length;
                break;
            case Array a:
                cap = len = a.Length;
                break;
            default:
                throw new GoFunctionException("can't slice item of type " + GoValues.TypeName(item));
        }
        var idx = new long[] { 0, len, 0 };
        for (int i = 0; i < indexes.Length; i++)
        {
            var v = indexes[i];
            if (v is NilInterface) throw new GoFunctionException("cannot index slice/array with type interface {}");
            var (x, err) = IndexArg(v, cap);
            if (err != null) throw new GoFunctionException(err);
            idx[i] = x;
        }
        if (idx[0] > idx[1]) throw new GoFunctionException("invalid slice index: " + idx[0] + " > " + idx[1]);
        if (indexes.Length == 3 && idx[1] > idx[2]) throw new GoFunctionException("invalid slice index: " + idx[1] + " > " + idx[2]);
        if (bytes != null) return HelmSharp.Go.GoUtf8.GetString(bytes, (int)idx[0], (int)(idx[1] - idx[0]));
        var arr = (Array)item;
        var res = Array.CreateInstanceFromArrayType(arr.GetType(), (int)(idx[1] - idx[0]));
        Array.Copy(arr, idx[0], res, 0, idx[1] - idx[0]);
        return res;
    }

    // ---- call ----
    /// <summary>Go's builtin <c>call</c>; <paramref name="name"/> is the callee's node text.</summary>
    internal static object? Call(IFunctionContext ctx, string name, object?[] a)
    {
        var fn = Ind(a[0]);
        if (fn == null) throw new GoFunctionException("call of nil");
        if (fn is not GoFunction f) throw new GoFunctionException("non-function " + name + " of type " + GoValues.TypeName(fn));
        var args = new object?[a.Length - 1];
        for (int i = 1; i < a.Length; i++) args[i - 1] = Ind(a[i]);
        int n = args.Length;
        if (f.IsVariadic ? n < f.Parameters.Count - 1 : n != f.Parameters.Count)
            throw new GoFunctionException(f.IsVariadic
                ? "wrong number of args: got " + n + " want at least " + (f.Parameters.Count - 1)
                : "wrong number of args: got " + n + " want " + f.Parameters.Count);
        return f.RawBody(ctx, args);
    }

    // ---- comparison ----
    private enum Kind { Invalid, Bool, Complex, Int, Float, String, Uint }

    private static Kind BasicKind(object? v, out bool ok)
    {
        ok = true;
        switch (v)
        {
            case string: return Kind.String;
            case bool: return Kind.Bool;
            case double: return Kind.Float;
            case nint: case long: return Kind.Int;
            case System.Numerics.Complex: return Kind.Complex;
        }
        var k = GoValues.KindOf(v);
        if (k.IsSignedInt()) return Kind.Int;
        if (k.IsUnsignedInt()) return Kind.Uint;
        if (k.IsFloat()) return Kind.Float;
        if (k == GoKind.Bool) return Kind.Bool;
        if (k == GoKind.String) return Kind.String;
        if (k is GoKind.Complex64 or GoKind.Complex128) return Kind.Complex;
        ok = false;
        return Kind.Invalid;
    }

    private static string Str(object? v) => v is string s ? s : v is IGoStringer gs ? gs.GoString() : v?.ToString() ?? "";

    // Go 1.24+ (Helm 4) names the two types: "incompatible types for comparison: int and float64".
    private static GoFunctionException BadComparison(object? a, object? b, GoRelease go) =>
        new(go >= GoRelease.Go125
            ? "incompatible types for comparison: " + GoValues.TypeName(a) + " and " + GoValues.TypeName(b)
            : "incompatible types for comparison");

    private static bool EqF(object? arg1, ReadOnlySpan<object?> arg2, GoRelease go)
    {
        arg1 = Ind(arg1);
        if (arg2.Length == 0) throw new GoFunctionException("missing argument for comparison");
        var k1 = BasicKind(arg1, out _);
        foreach (var a0 in arg2)
        {
            var arg = Ind(a0);
            var k2 = BasicKind(arg, out _);
            bool truth = false;
            if (k1 != k2)
            {
                if (k1 == Kind.Int && k2 == Kind.Uint) truth = GoValues.ToInt64(arg1) >= 0 && (ulong)GoValues.ToInt64(arg1) == GoValues.ToUint64(arg);
                else if (k1 == Kind.Uint && k2 == Kind.Int) truth = GoValues.ToInt64(arg) >= 0 && GoValues.ToUint64(arg1) == (ulong)GoValues.ToInt64(arg);
                else if (arg1 != null && arg != null) throw BadComparison(arg1, arg, go);
            }
            else
            {
                switch (k1)
                {
                    case Kind.Bool: truth = (bool)arg1! == (bool)arg!; break;
                    case Kind.Complex: truth = (System.Numerics.Complex)arg1! == (System.Numerics.Complex)arg!; break;
                    case Kind.Float: truth = GoValues.ToDouble(arg1) == GoValues.ToDouble(arg); break;
                    case Kind.Int: truth = GoValues.ToInt64(arg1) == GoValues.ToInt64(arg); break;
                    case Kind.String: truth = string.Equals(Str(arg1), Str(arg), StringComparison.Ordinal); break;
                    case Kind.Uint: truth = GoValues.ToUint64(arg1) == GoValues.ToUint64(arg); break;
                    default:
                    {
                        var ka = GoValues.KindOf(arg1); var kb = GoValues.KindOf(arg);
                        if (ka != kb && ka != GoKind.Invalid && kb != GoKind.Invalid)
                            throw new GoFunctionException("non-comparable types " + GoFormat.Sprintf("%s", arg1) + ": " + GoValues.TypeName(arg1) + ", " + GoValues.TypeName(arg) + ": " + GoValues.Sprint(arg));
                        bool n1 = arg1 == null, n2 = arg == null;
                        if (n1 || n2) truth = n1 == n2;
                        else
                        {
                            if (kb is GoKind.Map or GoKind.Slice or GoKind.Func)
                                throw new GoFunctionException("non-comparable type " + GoFormat.Sprintf("%s", arg) + ": " + GoValues.TypeName(arg));
                            truth = Equals(arg1, arg);
                        }
                        break;
                    }
                }
            }
            if (truth) return true;
        }
        return false;
    }

    private static bool LtF(object? arg1, object? arg2, GoRelease go)
    {
        arg1 = Ind(arg1);
        var k1 = BasicKind(arg1, out bool ok1);
        if (!ok1) throw new GoFunctionException("invalid type for comparison");
        arg2 = Ind(arg2);
        var k2 = BasicKind(arg2, out bool ok2);
        if (!ok2) throw new GoFunctionException("invalid type for comparison");
        if (k1 != k2)
        {
            if (k1 == Kind.Int && k2 == Kind.Uint) return GoValues.ToInt64(arg1) < 0 || (ulong)GoValues.ToInt64(arg1) < GoValues.ToUint64(arg2);
            if (k1 == Kind.Uint && k2 == Kind.Int) return GoValues.ToInt64(arg2) >= 0 && GoValues.ToUint64(arg1) < (ulong)GoValues.ToInt64(arg2);
            throw BadComparison(arg1, arg2, go);
        }
        return k1 switch
        {
            Kind.Bool or Kind.Complex => throw new GoFunctionException("invalid type for comparison"),
            Kind.Float => GoValues.ToDouble(arg1) < GoValues.ToDouble(arg2),
            Kind.Int => GoValues.ToInt64(arg1) < GoValues.ToInt64(arg2),
            Kind.String => GoValues.CompareStrings(Str(arg1), Str(arg2)) < 0,
            _ => GoValues.ToUint64(arg1) < GoValues.ToUint64(arg2),
        };
    }

    private static bool LeF(object? a, object? b, GoRelease go) => LtF(a, b, go) || EqF(a, [b], go);

    // ---- escaping ----
    private static string EvalArgs(object?[] args)
    {
        if (args.Length == 1 && args[0] is string s) return s;
        // Go's printableValue: an invalid (nil) argument prints as "<no value>" (a string operand,
        // so fmt.Sprint puts no space next to it).
        object?[]? copy = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is null or NilInterface)
            {
                copy ??= (object?[])args.Clone();
                copy[i] = "<no value>";
            }
        }
        return GoFormat.Sprint(copy ?? args);
    }

    /// <summary>Go's <c>template.HTMLEscapeString</c>.</summary>
    public static string HtmlEscape(string s)
    {
        if (s.AsSpan().IndexOfAny("'\"&<>\0") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("&#34;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\0': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Go's <c>template.JSEscapeString</c>.</summary>
    public static string JsEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (var r in s.EnumerateRunes())
        {
            int c = r.Value;
            if (c < 0x80)
            {
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); continue;
                    case '\'': sb.Append("\\'"); continue;
                    case '"': sb.Append("\\\""); continue;
                    case '<': sb.Append("\\u003C"); continue;
                    case '>': sb.Append("\\u003E"); continue;
                    case '&': sb.Append("\\u0026"); continue;
                    case '=': sb.Append("\\u003D"); continue;
                }
                if (c < ' ') { sb.Append("\\u00").Append("0123456789ABCDEF"[c >> 4]).Append("0123456789ABCDEF"[c & 15]); continue; }
                sb.Append((char)c);
                continue;
            }
            if (GoStrconv.IsPrint(r.Value)) sb.Append(r.ToString());
            else sb.Append("\\u").Append(c.ToString("X4"));
        }
        return sb.ToString();
    }

    /// <summary>Go's <c>url.QueryEscape</c>.</summary>
    public static string QueryEscape(string s)
    {
        var bytes = HelmSharp.Go.GoUtf8.GetBytes(s);
        var sb = new StringBuilder(bytes.Length + 8);
        foreach (byte b in bytes)
        {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_' || b == '.' || b == '~') sb.Append((char)b);
            else if (b == ' ') sb.Append('+');
            else sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
        }
        return sb.ToString();
    }

    /// <summary>The builtins, frozen (declared last: static initialisers run in textual order).</summary>
    public static FunctionRegistry Registry { get; } = Build();
}
