using System.Collections;
using System.Globalization;
using System.Text;

namespace HelmSharp.Go;

/// <summary>
/// Go's <c>fmt</c> package over the Go value model (see <see cref="GoType"/>): <c>Sprint</c>,
/// <c>Sprintln</c>, <c>Sprintf</c> and the value printing templates use. A port of Go's
/// <c>fmt/print.go</c> and <c>fmt/format.go</c> (verbs, flags, width, precision, argument indexes,
/// the <c>%!verb(type=value)</c> error forms) with map keys sorted as <c>internal/fmtsort</c> does.
/// </summary>
internal static partial class GoFormat
{
    /// <summary>Go's <c>fmt.Sprint</c>: spaces between operands when neither is a string.</summary>
    public static string Sprint(params object?[] args)
    {
        if (args.Length == 1) return FormatValue(args[0]);
        if (!StackGuard.OnBigStack) return StackGuard.Run(args, static a => Sprint(a));
        var p = GoPrinter.Rent();
        try
        {
            p.DoPrint(args);
            return p.Buf.ToString();
        }
        finally { GoPrinter.Return(p); }
    }

    /// <summary>Go's <c>fmt.Sprintln</c>: spaces between all operands and a trailing newline.</summary>
    public static string Sprintln(params object?[] args)
    {
        if (!StackGuard.OnBigStack) return StackGuard.Run(args, static a => Sprintln(a));
        var p = GoPrinter.Rent();
        try
        {
            p.DoPrintln(args);
            return p.Buf.ToString();
        }
        finally { GoPrinter.Return(p); }
    }

    /// <summary>Go's <c>fmt.Sprintf</c>.</summary>
    public static string Sprintf(string format, params object?[] args)
    {
        if (!StackGuard.OnBigStack) return StackGuard.Run((format, args), static s => Sprintf(s.format, s.args));
        var p = GoPrinter.Rent();
        try
        {
            p.DoPrintf(format, args);
            return p.Buf.ToString();
        }
        finally { GoPrinter.Return(p); }
    }

    /// <summary>
    /// What <c>{{ v }}</c> prints: <c>fmt.Sprint(v)</c> of a single value (fast paths for strings,
    /// numbers and booleans).
    /// </summary>
    public static string FormatValue(object? value)
    {
        switch (value)
        {
            case string s: return s;
            case null: return "<nil>";
            case bool b: return b ? "true" : "false";
            case nint n: return ((long)n).ToString(CultureInfo.InvariantCulture);
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            case int i: return i.ToString(CultureInfo.InvariantCulture);
            case double d: return GoStrconv.FormatFloat(d, 'g', -1, 64);
        }
        if (!StackGuard.OnBigStack) return StackGuard.Run(value, static v => FormatValue(v));
        var p = GoPrinter.Rent();
        try
        {
            p.PrintArg(value, 'v');
            return p.Buf.ToString();
        }
        finally { GoPrinter.Return(p); }
    }

    /// <summary>Appends what <c>fmt.Fprint(w, v)</c> writes for one value to <paramref name="sb"/>.</summary>
    public static void AppendValue(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case string s: sb.Append(s); return;
            case null: sb.Append("<nil>"); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case nint n: sb.Append((long)n); return;
            case long l: sb.Append(l); return;
            case int i: sb.Append(i); return;
        }
        sb.Append(FormatValue(value));
    }

    /// <summary>The Go type name <c>%T</c> prints (<c>&lt;nil&gt;</c> for nil).</summary>
    public static string TypeName(object? value) => GoType.Of(value)?.Name ?? "<nil>";
}

/// <summary>The state of one print operation: Go's <c>pp</c> and <c>fmt</c> structs.</summary>
internal sealed class GoPrinter
{
    private const string LDigits = "0123456789abcdefx";
    private const string UDigits = "0123456789ABCDEFX";
    private const int MaxDepth = 10000;

    public readonly StringBuilder Buf = new(64);

    // fmt flags
    private bool _widPresent, _precPresent, _minus, _plus, _sharp, _space, _zero, _plusV, _sharpV;
    private int _wid, _prec;

    // pp state
    private object? _arg;
    private bool _argIsNested; // p.value valid (printing a nested reflect value)
    private bool _erroring;
    private bool _reordered, _goodArgNum;

    public static GoPrinter Rent() => ThreadSpare<GoPrinter>.Take() ?? new GoPrinter();

    public static void Return(GoPrinter p)
    {
        if (p.Buf.Capacity > 64 * 1024) return;
        p.Buf.Clear();
        p.ClearFlags();
        p._arg = null; p._argIsNested = false; p._erroring = false;
        ThreadSpare<GoPrinter>.Give(p);
    }

    private void ClearFlags()
    {
        _widPresent = _precPresent = _minus = _plus = _sharp = _space = _zero = _plusV = _sharpV = false;
        _wid = _prec = 0;
    }

    // ------------------------------------------------------------------ doPrint family

    public void DoPrint(object?[] a)
    {
        bool prevString = false;
        for (int argNum = 0; argNum < a.Length; argNum++)
        {
            var arg = a[argNum];
            bool isString = arg != null && GoType.Of(arg)?.Kind == GoKind.String;
            if (argNum > 0 && !isString && !prevString) Buf.Append(' ');
            PrintArg(arg, 'v');
            prevString = isString;
        }
    }

    public void DoPrintln(object?[] a)
    {
        for (int argNum = 0; argNum < a.Length; argNum++)
        {
            if (argNum > 0) Buf.Append(' ');
            PrintArg(a[argNum], 'v');
        }
        Buf.Append('\n');
    }

    private static bool TooLarge(int x) => x > 1_000_000 || x < -1_000_000;

    private static int ParseNum(string s, int start, int end, out bool isNum, out int newi)
    {
        isNum = false;
        int num = 0;
        if (start >= end) { newi = end; return 0; }
        for (newi = start; newi < end && s[newi] >= '0' && s[newi] <= '9'; newi++)
        {
            if (TooLarge(num)) { isNum = false; newi = end; return 0; }
            num = num * 10 + (s[newi] - '0');
            isNum = true;
        }
        return num;
    }

    private static bool ParseArgNumber(string format, int start, out int index, out int wid)
    {
        index = 0; wid = 1;
        if (format.Length - start < 3) return false;
        for (int i = start + 1; i < format.Length; i++)
        {
            if (format[i] == ']')
            {
                int width = ParseNum(format, start + 1, i, out bool ok, out int newi);
                if (!ok || newi != i) { wid = i - start + 1; return false; }
                index = width - 1; wid = i - start + 1;
                return true;
            }
        }
        return false;
    }

    private int ArgNumber(int argNum, string format, int i, int numArgs, out int newi, out bool found)
    {
        if (format.Length <= i || format[i] != '[') { newi = i; found = false; return argNum; }
        _reordered = true;
        bool ok = ParseArgNumber(format, i, out int index, out int wid);
        if (ok && 0 <= index && index < numArgs) { newi = i + wid; found = true; return index; }
        _goodArgNum = false;
        newi = i + wid; found = ok;
        return argNum;
    }

    private static int IntFromArg(object?[] a, int argNum, out bool isInt, out int newArgNum)
    {
        newArgNum = argNum;
        isInt = false;
        int num = 0;
        if (argNum < a.Length)
        {
            switch (a[argNum])
            {
                case nint n: if ((long)n is >= int.MinValue and <= int.MaxValue) { num = (int)n; isInt = true; } break;
                case long l: if (l is >= int.MinValue and <= int.MaxValue) { num = (int)l; isInt = true; } break;
                case int i: num = i; isInt = true; break;
                case short s: num = s; isInt = true; break;
                case sbyte sb: num = sb; isInt = true; break;
                case nuint un: if ((ulong)un <= int.MaxValue) { num = (int)un; isInt = true; } break;
                case ulong ul: if (ul <= int.MaxValue) { num = (int)ul; isInt = true; } break;
                case uint ui: if (ui <= int.MaxValue) { num = (int)ui; isInt = true; } break;
                case ushort us: num = us; isInt = true; break;
                case byte b: num = b; isInt = true; break;
            }
            newArgNum = argNum + 1;
            if (TooLarge(num)) { num = 0; isInt = false; }
        }
        return num;
    }

    public void DoPrintf(string format, object?[] a)
    {
        int end = format.Length;
        int argNum = 0;
        bool afterIndex = false;
        _reordered = false;
        int i = 0;
        while (i < end)
        {
            _goodArgNum = true;
            int lasti = i;
            while (i < end && format[i] != '%') i++;
            if (i > lasti) Buf.Append(format, lasti, i - lasti);
            if (i >= end) break;
            i++;
            ClearFlags();
            bool simpleDone = false;
            for (; i < end; i++)
            {
                char c = format[i];
                switch (c)
                {
                    case '#': _sharp = true; continue;
                    case '0': _zero = true; continue;
                    case '+': _plus = true; continue;
                    case '-': _minus = true; continue;
                    case ' ': _space = true; continue;
                }
                if (c >= 'a' && c <= 'z' && argNum < a.Length)
                {
                    if (c == 'v')
                    {
                        _sharpV = _sharp; _sharp = false;
                        _plusV = _plus; _plus = false;
                    }
                    PrintArg(a[argNum], c);
                    argNum++;
                    i++;
                    simpleDone = true;
                }
                break;
            }
            if (simpleDone) continue;

            argNum = ArgNumber(argNum, format, i, a.Length, out i, out afterIndex);

            if (i < end && format[i] == '*')
            {
                i++;
                _wid = IntFromArg(a, argNum, out _widPresent, out argNum);
                if (!_widPresent) Buf.Append("%!(BADWIDTH)");
                if (_wid < 0) { _wid = -_wid; _minus = true; _zero = false; }
                afterIndex = false;
            }
            else
            {
                _wid = ParseNum(format, i, end, out _widPresent, out i);
                if (afterIndex && _widPresent) _goodArgNum = false;
            }

            if (i + 1 < end && format[i] == '.')
            {
                i++;
                if (afterIndex) _goodArgNum = false;
                argNum = ArgNumber(argNum, format, i, a.Length, out i, out afterIndex);
                if (i < end && format[i] == '*')
                {
                    i++;
                    _prec = IntFromArg(a, argNum, out _precPresent, out argNum);
                    if (_prec < 0) { _prec = 0; _precPresent = false; }
                    if (!_precPresent) Buf.Append("%!(BADPREC)");
                    afterIndex = false;
                }
                else
                {
                    _prec = ParseNum(format, i, end, out _precPresent, out i);
                    if (!_precPresent) { _prec = 0; _precPresent = true; }
                }
            }

            if (!afterIndex) argNum = ArgNumber(argNum, format, i, a.Length, out i, out afterIndex);

            if (i >= end) { Buf.Append("%!(NOVERB)"); break; }

            int verb = format[i];
            int size = 1;
            if (char.IsHighSurrogate(format[i]) && i + 1 < end && char.IsLowSurrogate(format[i + 1]))
            {
                verb = char.ConvertToUtf32(format[i], format[i + 1]);
                size = 2;
            }
            else if (char.IsSurrogate(format[i])) verb = 0xFFFD;
            i += size;

            if (verb == '%') Buf.Append('%');
            else if (!_goodArgNum) { Buf.Append("%!"); AppendRune(verb); Buf.Append("(BADINDEX)"); }
            else if (argNum >= a.Length) { Buf.Append("%!"); AppendRune(verb); Buf.Append("(MISSING)"); }
            else
            {
                if (verb == 'v')
                {
                    _sharpV = _sharp; _sharp = false;
                    _plusV = _plus; _plus = false;
                }
                PrintArg(a[argNum], verb);
                argNum++;
            }
        }

        if (!_reordered && argNum < a.Length)
        {
            ClearFlags();
            Buf.Append("%!(EXTRA ");
            for (int k = argNum; k < a.Length; k++)
            {
                if (k > argNum) Buf.Append(", ");
                var arg = a[k];
                if (arg == null) Buf.Append("<nil>");
                else
                {
                    Buf.Append(GoFormat.TypeName(arg)).Append('=');
                    PrintArg(arg, 'v');
                }
            }
            Buf.Append(')');
        }
    }

    private void AppendRune(int r)
    {
        if (r < 0x10000) Buf.Append((char)r);
        else Buf.Append(char.ConvertFromUtf32(r));
    }

    // ------------------------------------------------------------------ printArg / printValue

    public void PrintArg(object? arg, int verb)
    {
        _arg = arg;
        _argIsNested = false;
        if (arg == null)
        {
            if (verb == 'T' || verb == 'v') PadString("<nil>");
            else BadVerb(verb);
            return;
        }
        if (verb == 'T') { FmtS(GoFormat.TypeName(arg)); return; }
        if (verb == 'p') { FmtPointer(arg, 'p'); return; }
        if (FmtBasic(arg, verb)) return;
        if (arg is byte[] bytes) { FmtBytes(bytes, verb, "[]byte"); return; }
        if (!HandleMethods(arg, verb)) PrintValue(arg, verb, 0);
    }

    /// <summary>The basic kinds, formatted the same way by Go's printArg and printValue; false for anything else.</summary>
    private bool FmtBasic(object? arg, int verb)
    {
        switch (arg)
        {
            case bool b: FmtBool(b, verb); return true;
            case string s: FmtString(s, verb); return true;
            case double d: FmtFloat(d, 64, verb); return true;
            case float f: FmtFloat(f, 32, verb); return true;
            case System.Numerics.Complex c: FmtComplex(c, 128, verb); return true;
            case nint n: FmtInteger((ulong)(long)n, true, verb); return true;
            case long l: FmtInteger((ulong)l, true, verb); return true;
            case int i: FmtInteger((ulong)(long)i, true, verb); return true;
            case short sh: FmtInteger((ulong)(long)sh, true, verb); return true;
            case sbyte sb: FmtInteger((ulong)(long)sb, true, verb); return true;
            case nuint un: FmtInteger((ulong)un, false, verb); return true;
            case ulong ul: FmtInteger(ul, false, verb); return true;
            case uint ui: FmtInteger(ui, false, verb); return true;
            case ushort us: FmtInteger(us, false, verb); return true;
            case byte by: FmtInteger(by, false, verb); return true;
            default: return false;
        }
    }

    private bool HandleMethods(object? arg, int verb)
    {
        if (_erroring) return false;
        if (_sharpV) return false;
        if (verb is 'v' or 's' or 'x' or 'X' or 'q' && arg is IGoStringer st)
        {
            string s;
            try { s = st.GoString(); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Buf.Append("%!"); AppendRune(verb); Buf.Append("(PANIC=String method: ").Append(e.Message).Append(')');
                return true;
            }
            FmtString(s, verb);
            return true;
        }
        return false;
    }

    /// <summary>Go's printValue. <paramref name="value"/> is the concrete value (interfaces already unwrapped; null = nil interface).</summary>
    private void PrintValue(object? value, int verb, int depth)
    {
        if (depth > MaxDepth || ((depth & 31) == 31 && !StackGuard.Check()))
            throw new InvalidOperationException("fmt: value nesting too deep to print");
        if (depth > 0 && value != null)
        {
            _arg = value;
            if (HandleMethods(value, verb)) return;
        }
        _arg = null;
        _argIsNested = true;
        _nestedValue = value;

        if (FmtBasic(value, verb)) return;
        switch (value)
        {
            case null:
                // A nil interface element (or nil map/slice/pointer we cannot tell apart).
                if (_sharpV) Buf.Append("interface {}(nil)");
                else Buf.Append("<nil>");
                return;
            case byte[] bytes:
                if (verb is 's' or 'q' or 'x' or 'X') { FmtBytes(bytes, verb, "[]uint8"); return; }
                // Nested (a file's bytes when .Files or $ is printed with %v) Go prints element by element, each through
                // fmtInteger with the same flags: the same text as FmtBytes, which writes it without boxing every byte.
                // (%#v nested keeps the element path.)
                if ((depth == 0 || !_sharpV) && verb is 'v' or 'd') { FmtBytes(bytes, verb, "[]uint8"); return; }
                PrintList(bytes, GoType.SliceUint8, verb, depth);
                return;
        }

        var type = GoType.Of(value)!;
        switch (type.Kind)
        {
            case GoKind.Map:
                if (value is IDictionary dict) { PrintMap(dict, type, verb, depth); return; }
                break;
            case GoKind.Slice:
            case GoKind.Array:
                if (value is IList list)
                {
                    if (verb is 's' or 'q' or 'x' or 'X' && type.Elem?.Kind == GoKind.Uint8 && value is byte[] bb)
                    {
                        FmtBytes(bb, verb, type.Name);
                        return;
                    }
                    PrintList(list, type, verb, depth);
                    return;
                }
                break;
            case GoKind.Struct:
                if (value is IGoStruct st) { PrintStruct(st, type, verb, depth); return; }
                break;
            case GoKind.Pointer:
                if (depth == 0 && value is IGoStruct pst)
                {
                    Buf.Append('&');
                    PrintStruct(pst, type.Elem ?? type, verb, depth + 1);
                    return;
                }
                FmtPointer(value, verb);
                return;
            case GoKind.String:
                FmtString(value.ToString() ?? "", verb);
                return;
        }
        if (value is IDictionary d2) { PrintMap(d2, type, verb, depth); return; }
        if (value is IList l2) { PrintList(l2, type, verb, depth); return; }
        if (value is IGoStruct s2) { PrintStruct(s2, type, verb, depth); return; }
        Buf.Append('?').Append(type.Name).Append('?');
    }

    private object? _nestedValue;

    private void PrintMap(IDictionary dict, GoType type, int verb, int depth)
    {
        if (_sharpV)
        {
            Buf.Append(type.Name);
            Buf.Append('{');
        }
        else Buf.Append("map[");
        var keys = GoSort.SortedKeys(dict);
        for (int i = 0; i < keys.Length; i++)
        {
            if (i > 0)
            {
                if (_sharpV) Buf.Append(", ");
                else Buf.Append(' ');
            }
            PrintValue(keys[i], verb, depth + 1);
            Buf.Append(':');
            PrintValue(dict[keys[i]!], verb, depth + 1);
        }
        Buf.Append(_sharpV ? '}' : ']');
    }

    private void PrintList(IList list, GoType type, int verb, int depth)
    {
        if (_sharpV)
        {
            Buf.Append(type.Name);
            Buf.Append('{');
            for (int i = 0; i < list.Count; i++)
            {
                if (i > 0) Buf.Append(", ");
                PrintValue(list[i], verb, depth + 1);
            }
            Buf.Append('}');
            return;
        }
        Buf.Append('[');
        if (list is object?[] arr && arr.GetType() == typeof(object[]))
        {
            for (int i = 0; i < arr.Length; i++)
            {
                if (i > 0) Buf.Append(' ');
                PrintValue(arr[i], verb, depth + 1);
            }
        }
        else
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (i > 0) Buf.Append(' ');
                PrintValue(list[i], verb, depth + 1);
            }
        }
        Buf.Append(']');
    }

    private void PrintStruct(IGoStruct st, GoType type, int verb, int depth)
    {
        if (_sharpV) Buf.Append(type.Name);
        Buf.Append('{');
        bool first = true;
        foreach (var field in st.Fields)
        {
            if (!first) Buf.Append(_sharpV ? ", " : " ");
            first = false;
            if ((_plusV || _sharpV) && field.Key.Length > 0) Buf.Append(field.Key).Append(':');
            PrintValue(field.Value, verb, depth + 1);
        }
        Buf.Append('}');
    }

    private void BadVerb(int verb)
    {
        _erroring = true;
        Buf.Append("%!");
        AppendRune(verb);
        Buf.Append('(');
        if (_arg != null)
        {
            Buf.Append(GoFormat.TypeName(_arg)).Append('=');
            PrintArg(_arg, 'v');
        }
        else if (_argIsNested && _nestedValue != null)
        {
            var v = _nestedValue;
            Buf.Append(GoFormat.TypeName(v)).Append('=');
            PrintValue(v, 'v', 0);
        }
        else Buf.Append("<nil>");
        Buf.Append(')');
        _erroring = false;
    }

    private void FmtBool(bool v, int verb)
    {
        if (verb is 't' or 'v') PadString(v ? "true" : "false");
        else BadVerb(verb);
    }

    private void Fmt0x64(ulong v, bool leading0x)
    {
        bool sharp = _sharp;
        _sharp = leading0x;
        FmtIntegerCore(v, 16, false, 'v', LDigits);
        _sharp = sharp;
    }

    private void FmtInteger(ulong v, bool isSigned, int verb)
    {
        switch (verb)
        {
            case 'v':
                if (_sharpV && !isSigned) Fmt0x64(v, true);
                else FmtIntegerCore(v, 10, isSigned, verb, LDigits);
                return;
            case 'd': FmtIntegerCore(v, 10, isSigned, verb, LDigits); return;
            case 'b': FmtIntegerCore(v, 2, isSigned, verb, LDigits); return;
            case 'o': case 'O': FmtIntegerCore(v, 8, isSigned, verb, LDigits); return;
            case 'x': FmtIntegerCore(v, 16, isSigned, verb, LDigits); return;
            case 'X': FmtIntegerCore(v, 16, isSigned, verb, UDigits); return;
            case 'c': FmtC(v); return;
            case 'q': FmtQc(v); return;
            case 'U': FmtUnicode(v); return;
            default: BadVerb(verb); return;
        }
    }

    /// <summary>Go's <c>fmtComplex</c>: <c>(re+imi)</c>, each part formatted as a float, the imaginary part always signed.</summary>
    private void FmtComplex(System.Numerics.Complex v, int size, int verb)
    {
        switch (verb)
        {
            case 'v': case 'b': case 'g': case 'G': case 'x': case 'X': case 'f': case 'F': case 'e': case 'E':
                bool oldPlus = _plus;
                Buf.Append('(');
                FmtFloat(v.Real, size / 2, verb);
                _plus = true;
                FmtFloat(v.Imaginary, size / 2, verb);
                Buf.Append("i)");
                _plus = oldPlus;
                return;
            default: BadVerb(verb); return;
        }
    }

    private void FmtFloat(double v, int size, int verb)
    {
        switch (verb)
        {
            case 'v': FmtFloatCore(v, size, 'g', -1); return;
            case 'b': case 'g': case 'G': case 'x': case 'X': FmtFloatCore(v, size, (char)verb, -1); return;
            case 'f': case 'e': case 'E': FmtFloatCore(v, size, (char)verb, 6); return;
            case 'F': FmtFloatCore(v, size, 'f', 6); return;
            default: BadVerb(verb); return;
        }
    }

    private void FmtString(string v, int verb)
    {
        switch (verb)
        {
            case 'v':
                if (_sharpV) FmtQ(v); else FmtS(v);
                return;
            case 's': FmtS(v); return;
            case 'x': FmtSbx(v, null, LDigits); return;
            case 'X': FmtSbx(v, null, UDigits); return;
            case 'q': FmtQ(v); return;
            default: BadVerb(verb); return;
        }
    }

    private void FmtBytes(byte[] v, int verb, string typeString)
    {
        switch (verb)
        {
            case 'v':
            case 'd':
                if (_sharpV)
                {
                    Buf.Append(typeString);
                    Buf.Append('{');
                    for (int i = 0; i < v.Length; i++)
                    {
                        if (i > 0) Buf.Append(", ");
                        Fmt0x64(v[i], true);
                    }
                    Buf.Append('}');
                }
                else
                {
                    Buf.Append('[');
                    for (int i = 0; i < v.Length; i++)
                    {
                        if (i > 0) Buf.Append(' ');
                        FmtIntegerCore(v[i], 10, false, verb, LDigits);
                    }
                    Buf.Append(']');
                }
                return;
            case 's': FmtS(HelmSharp.Go.GoUtf8.GetString(v)); return;
            case 'x': FmtSbx(null, v, LDigits); return;
            case 'X': FmtSbx(null, v, UDigits); return;
            case 'q':
            {
                var sb = new StringBuilder(v.Length + 2);
                if (_precPresent) v = TruncateBytes(v, _prec);
                if (_sharp && GoStrconv.CanBackquote(HelmSharp.Go.GoUtf8.GetString(v)) && IsValidUtf8(v))
                {
                    PadString("`" + HelmSharp.Go.GoUtf8.GetString(v) + "`");
                    return;
                }
                GoStrconv.AppendQuotedBytes(sb, v, '"', _plus);
                PadString(sb.ToString());
                return;
            }
            default:
                _arg = null; _argIsNested = true; _nestedValue = v;
                PrintList(v, GoType.SliceUint8, verb, 0);
                return;
        }
    }

    private static bool IsValidUtf8(byte[] v) => System.Text.Unicode.Utf8.IsValid(v);

    private static byte[] TruncateBytes(byte[] v, int n)
    {
        // truncate to n runes
        int i = 0;
        var span = v.AsSpan();
        int pos = 0;
        while (pos < span.Length)
        {
            if (i == n) return span[..pos].ToArray();
            Rune.DecodeFromUtf8(span[pos..], out _, out int w);
            pos += w;
            i++;
        }
        return v;
    }

    private void FmtPointer(object value, int verb)
    {
        // .NET objects have no stable addresses: print a synthetic, deterministic-per-object address.
        var kind = GoType.Of(value)?.Kind ?? GoKind.Invalid;
        if (kind is not (GoKind.Chan or GoKind.Func or GoKind.Map or GoKind.Pointer or GoKind.Slice or GoKind.UnsafePointer))
        {
            BadVerb(verb);
            return;
        }
        ulong u = 0xc000000000UL + (ulong)(uint)System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value) * 8;
        switch (verb)
        {
            case 'v':
                if (_sharpV)
                {
                    Buf.Append('(').Append(GoFormat.TypeName(value)).Append(")(");
                    Fmt0x64(u, true);
                    Buf.Append(')');
                }
                else Fmt0x64(u, !_sharp);
                return;
            case 'p': Fmt0x64(u, !_sharp); return;
            case 'b': case 'o': case 'd': case 'x': case 'X': FmtInteger(u, false, verb); return;
            default: BadVerb(verb); return;
        }
    }

    // ------------------------------------------------------------------ fmt (format.go)

    private void WritePadding(int n)
    {
        if (n <= 0) return;
        Buf.Append(_zero && !_minus ? '0' : ' ', n);
    }

    private static int RuneCount(string s)
    {
        int n = s.Length;
        for (int i = 0; i < s.Length - 1; i++)
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1])) { n--; i++; }
        return n;
    }

    private void PadString(string s)
    {
        if (!_widPresent || _wid == 0) { Buf.Append(s); return; }
        int width = _wid - RuneCount(s);
        if (!_minus) { WritePadding(width); Buf.Append(s); }
        else { Buf.Append(s); WritePadding(width); }
    }

    private void Pad(ReadOnlySpan<char> s)
    {
        if (!_widPresent || _wid == 0) { Buf.Append(s); return; }
        int n = s.Length;
        for (int i = 0; i < s.Length - 1; i++)
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1])) { n--; i++; }
        int width = _wid - n;
        if (!_minus) { WritePadding(width); Buf.Append(s); }
        else { Buf.Append(s); WritePadding(width); }
    }

    private void FmtIntegerCore(ulong u, int @base, bool isSigned, int verb, string digits)
    {
        bool negative = isSigned && (long)u < 0;
        if (negative) u = 0UL - u;
        int bufLen = 68;
        if (_widPresent || _precPresent)
        {
            int width = 3 + _wid + _prec;
            if (width > bufLen) bufLen = width;
        }
        Span<char> buf = bufLen <= 512 ? stackalloc char[bufLen] : new char[bufLen];
        int prec = 0;
        if (_precPresent)
        {
            prec = _prec;
            if (prec == 0 && u == 0)
            {
                bool oldZero = _zero;
                _zero = false;
                WritePadding(_wid);
                _zero = oldZero;
                return;
            }
        }
        else if (_zero && !_minus && _widPresent)
        {
            prec = _wid;
            if (negative || _plus || _space) prec--;
        }
        int i = buf.Length;
        switch (@base)
        {
            case 10:
                while (u >= 10) { i--; ulong next = u / 10; buf[i] = (char)('0' + (int)(u - next * 10)); u = next; }
                break;
            case 16:
                while (u >= 16) { i--; buf[i] = digits[(int)(u & 0xF)]; u >>= 4; }
                break;
            case 8:
                while (u >= 8) { i--; buf[i] = (char)('0' + (int)(u & 7)); u >>= 3; }
                break;
            case 2:
                while (u >= 2) { i--; buf[i] = (char)('0' + (int)(u & 1)); u >>= 1; }
                break;
        }
        i--;
        buf[i] = digits[(int)u];
        while (i > 0 && prec > buf.Length - i) { i--; buf[i] = '0'; }
        if (_sharp)
        {
            switch (@base)
            {
                case 2: i--; buf[i] = 'b'; i--; buf[i] = '0'; break;
                case 8: if (buf[i] != '0') { i--; buf[i] = '0'; } break;
                case 16: i--; buf[i] = digits[16]; i--; buf[i] = '0'; break;
            }
        }
        if (verb == 'O') { i--; buf[i] = 'o'; i--; buf[i] = '0'; }
        if (negative) { i--; buf[i] = '-'; }
        else if (_plus) { i--; buf[i] = '+'; }
        else if (_space) { i--; buf[i] = ' '; }
        bool oz = _zero;
        _zero = false;
        Pad(buf[i..]);
        _zero = oz;
    }

    private void FmtUnicode(ulong u)
    {
        var sb = new StringBuilder(16);
        int prec = 4;
        if (_precPresent && _prec > 4) prec = _prec;
        string hex = u.ToString("X", CultureInfo.InvariantCulture);
        sb.Append("U+");
        for (int k = hex.Length; k < prec; k++) sb.Append('0');
        sb.Append(hex);
        if (_sharp && u <= 0x10FFFF && GoStrconv.IsPrint((int)u))
        {
            sb.Append(" '");
            sb.Append(char.ConvertFromUtf32((int)u));
            sb.Append('\'');
        }
        bool oz = _zero;
        _zero = false;
        Pad(sb.ToString());
        _zero = oz;
    }

    private void FmtC(ulong c)
    {
        int r = c > 0x10FFFF ? 0xFFFD : (int)c;
        if (r is >= 0xD800 and <= 0xDFFF) r = 0xFFFD;
        Pad(char.ConvertFromUtf32(r));
    }

    private void FmtQc(ulong c)
    {
        int r = c > 0x10FFFF ? 0xFFFD : (int)c;
        Pad(_plus ? GoStrconv.QuoteRuneToASCII(r) : GoStrconv.QuoteRune(r));
    }

    private string Truncate(string s)
    {
        if (_precPresent)
        {
            int n = _prec;
            for (int i = 0; i < s.Length; i++)
            {
                n--;
                if (n < 0) return s[..i];
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            }
        }
        return s;
    }

    private void FmtS(string s) => PadString(Truncate(s));

    private void FmtSbx(string? s, byte[]? b, string digits)
    {
        byte[] bytes = b ?? HelmSharp.Go.GoUtf8.GetBytes(s!);
        int length = bytes.Length;
        if (_precPresent && _prec < length) length = _prec;
        int width = 2 * length;
        if (width > 0)
        {
            if (_space)
            {
                if (_sharp) width *= 2;
                width += length - 1;
            }
            else if (_sharp) width += 2;
        }
        else
        {
            if (_widPresent) WritePadding(_wid);
            return;
        }
        if (_widPresent && _wid > width && !_minus) WritePadding(_wid - width);
        if (_sharp) Buf.Append('0').Append(digits[16]);
        for (int i = 0; i < length; i++)
        {
            if (_space && i > 0)
            {
                Buf.Append(' ');
                if (_sharp) Buf.Append('0').Append(digits[16]);
            }
            byte c = bytes[i];
            Buf.Append(digits[c >> 4]).Append(digits[c & 0xF]);
        }
        if (_widPresent && _wid > width && _minus) WritePadding(_wid - width);
    }

    private void FmtQ(string s)
    {
        s = Truncate(s);
        if (_sharp && GoStrconv.CanBackquote(s))
        {
            PadString("`" + s + "`");
            return;
        }
        var sb = new StringBuilder(s.Length + 2);
        GoStrconv.AppendQuoted(sb, s, '"', _plus);
        PadString(sb.ToString());
    }

    private void FmtFloatCore(double v, int size, char verb, int prec)
    {
        if (_precPresent) prec = _prec;
        var sb = new StringBuilder(32);
        sb.Append('+');
        GoStrconv.AppendFloat(sb, v, verb, prec, size);
        // sb = "+" followed by the number, which may itself start with '-' or '+'.
        if (sb[1] == '-' || sb[1] == '+') sb.Remove(0, 1);
        if (_space && sb[0] == '+' && !_plus) sb[0] = ' ';
        if (sb[1] == 'I' || sb[1] == 'N')
        {
            bool oldZero = _zero;
            _zero = false;
            if (sb[1] == 'N' && !_space && !_plus) sb.Remove(0, 1);
            Pad(sb.ToString());
            _zero = oldZero;
            return;
        }
        if (_sharp && verb != 'b')
        {
            int digits = 0;
            if (verb is 'v' or 'g' or 'G' or 'x')
            {
                digits = prec;
                if (digits == -1) digits = 6;
            }
            string tail = "";
            bool hasDecimalPoint = false, sawNonzeroDigit = false;
            for (int i = 1; i < sb.Length; i++)
            {
                char c = sb[i];
                if (c == '.') { hasDecimalPoint = true; continue; }
                if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X'))
                {
                    tail = sb.ToString(i, sb.Length - i);
                    sb.Length = i;
                    break;
                }
                if (c != '0') sawNonzeroDigit = true;
                if (sawNonzeroDigit) digits--;
            }
            if (!hasDecimalPoint)
            {
                if (sb.Length == 2 && sb[1] == '0') digits--;
                sb.Append('.');
            }
            while (digits > 0) { sb.Append('0'); digits--; }
            sb.Append(tail);
        }
        if (_plus || sb[0] != '+')
        {
            if (_zero && !_minus && _widPresent && _wid > sb.Length)
            {
                Buf.Append(sb[0]);
                WritePadding(_wid - sb.Length);
                Buf.Append(sb, 1, sb.Length - 1);
                return;
            }
            Pad(sb.ToString());
            return;
        }
        Pad(sb.ToString(1, sb.Length - 1));
    }
}
