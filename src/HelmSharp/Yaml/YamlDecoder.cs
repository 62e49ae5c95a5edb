using System.Globalization;
using System.Text;

namespace HelmSharp.Yaml;

/// <summary>
/// Decodes go-yaml v2 node trees (see YamlDecoder.Compose.cs) into the Go value model the way
/// <c>sigs.k8s.io/yaml.Unmarshal</c> into <c>interface{}</c> does (go-yaml v2, then a JSON round trip: YamlDecoder.JsonStage.cs).
/// </summary>
internal static partial class YamlDecoder
{
    internal const int MaxDepth = 10000;

    internal sealed class State
    {
        public int DecodeCount;
        public int AliasCount;
        public int AliasDepth;
        public HashSet<YamlNode> ActiveAliases = new(ReferenceEqualityComparer.Instance);
        // Errors reported after go-yaml finished: sigs.k8s.io/yaml's conversion of the keys (a walk that checks a map's key
        // before its value) comes before encoding/json's marshalling of the values, so a key error wins over a value error.
        public string? KeyError;
        public string? DeferredError;
        public bool Raw; // keep go-yaml's scalar types (long, ulong, double …) instead of the JSON round trip
        public int Level;    // current container nesting of the produced value
        public int MaxLevel; // deepest container nesting (aliases can exceed the document's own depth)
    }

    private static double AllowedAliasRatio(int decodeCount)
    {
        const int low = 400000, high = 4000000;
        if (decodeCount <= low) return 0.99;
        if (decodeCount >= high) return 0.10;
        return 0.99 - 0.89 * ((double)(decodeCount - low) / (high - low));
    }

    private static void Count(State st)
    {
        st.DecodeCount++;
        if (st.AliasDepth > 0) st.AliasCount++;
        if (st.AliasCount > 100 && st.DecodeCount > 1000 && (double)st.AliasCount / st.DecodeCount > AllowedAliasRatio(st.DecodeCount))
            throw new GoYamlException("yaml: document contains excessive aliasing");
    }

    /// <summary>Decodes a document root into the JSON-round-tripped Go value model.</summary>
    internal static object? DecodeDocument(YamlNode? root, int depth, bool raw = false)
    {
        var st = new State { Raw = raw };
        st.DecodeCount++; // the document node itself
        if (root == null) return null;
        object? result = null;
        if (depth > 400) RunWithLargeStack(() => result = Decode(root, st));
        else
        {
            try { result = Decode(root, st); }
            catch (InsufficientStackException)
            {
                // alias chains can nest deeper than the document itself
                st = new State { Raw = raw };
                st.DecodeCount++;
                RunWithLargeStack(() => result = Decode(root, st));
            }
        }
        if ((st.KeyError ?? st.DeferredError) is { } deferred) throw new GoYamlException(deferred);
        if (st.MaxLevel > 10000 && JsonDepthError(result) is { } depthError)
            throw new JsonStageException("error unmarshaling JSON: while decoding JSON: " + depthError);
        return result;
    }

    // Go/StackGuard's large-stack worker (inline when already on it); GoYamlMarshal calls it too.
    internal static void RunWithLargeStack(Action a) => HelmSharp.Go.StackGuard.Run(a, static work => work());

    internal sealed class InsufficientStackException : Exception;

    private static object? Decode(YamlNode n, State st)
    {
        Count(st);
        if (!HelmSharp.Go.StackGuard.Check())
        {
            if (HelmSharp.Go.StackGuard.OnBigStack)
                throw new GoYamlException("yaml: exceeded max depth of " + MaxDepth.ToString(CultureInfo.InvariantCulture));
            throw new InsufficientStackException();
        }
        switch (n.Kind)
        {
            case YamlNodeKind.Scalar:
                return DecodeScalar(n, st);
            case YamlNodeKind.Alias:
                return WithAlias(n, st, () => Decode(n.Alias!, st));
            case YamlNodeKind.Sequence:
            {
                var list = n.Children!;
                var arr = new object?[list.Count];
                if (++st.Level > st.MaxLevel) st.MaxLevel = st.Level;
                for (int i = 0; i < arr.Length; i++) arr[i] = Decode(list[i], st);
                st.Level--;
                return arr;
            }
            default:
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (++st.Level > st.MaxLevel) st.MaxLevel = st.Level;
                DecodeMappingInto(n, map, st);
                st.Level--;
                return map;
            }
        }
    }

    private static T WithAlias<T>(YamlNode n, State st, Func<T> f)
    {
        if (!st.ActiveAliases.Add(n))
            throw new GoYamlException("yaml: anchor '" + n.Value + "' value contains itself");
        st.AliasDepth++;
        try { return f(); }
        finally { st.AliasDepth--; st.ActiveAliases.Remove(n); }
    }

    private static bool IsMerge(YamlNode k) =>
        k.Kind == YamlNodeKind.Scalar && k.Value == "<<" && (k.Implicit || k.Tag == YamlResolve.MergeTag);

    private static void DecodeMappingInto(YamlNode n, Dictionary<string, object?> map, State st)
    {
        var ch = n.Children!;
        for (int i = 0; i + 1 < ch.Count; i += 2)
        {
            if (IsMerge(ch[i]))
            {
                Merge(ch[i + 1], map, st);
                continue;
            }
            Count(st);
            var key = DecodeKey(ch[i], ch[i + 1], st, out var keyOk);
            if (!keyOk)
                st.KeyError ??= "unsupported map key of type: %!s(<nil>), key: <nil>, value: " + HelmSharp.Go.GoFormat.SharpVInterface(RawValue(ch[i + 1], 0));
            var val = Decode(ch[i + 1], st);
            if (keyOk) map[key!] = val;
        }
    }

    private static void Merge(YamlNode v, Dictionary<string, object?> map, State st)
    {
        const string failWantMap = "yaml: map merge requires map or sequence of maps as the value";
        switch (v.Kind)
        {
            case YamlNodeKind.Mapping:
                Count(st);
                DecodeMappingInto(v, map, st);
                return;
            case YamlNodeKind.Alias:
                if (v.Alias!.Kind != YamlNodeKind.Mapping) throw new GoYamlException(failWantMap);
                Count(st);
                WithAlias(v, st, () => { Count(st); DecodeMappingInto(v.Alias!, map, st); return 0; });
                return;
            case YamlNodeKind.Sequence:
                var ch = v.Children!;
                for (int i = ch.Count - 1; i >= 0; i--)
                {
                    var ni = ch[i];
                    if (ni.Kind == YamlNodeKind.Alias) { if (ni.Alias!.Kind != YamlNodeKind.Mapping) throw new GoYamlException(failWantMap); }
                    else if (ni.Kind != YamlNodeKind.Mapping) throw new GoYamlException(failWantMap);
                    Merge(ni, map, st);
                }
                return;
            default:
                throw new GoYamlException(failWantMap);
        }
    }

    /// <summary>Decodes a key and stringifies it as sigs.k8s.io/yaml does; ok=false for a nil key.</summary>
    private static string? DecodeKey(YamlNode k, YamlNode value, State st, out bool ok)
    {
        ok = true;
        var target = k;
        while (target.Kind == YamlNodeKind.Alias) target = target.Alias!;
        if (target.Kind != YamlNodeKind.Scalar)
        {
            throw new GoYamlException("yaml: invalid map key: " + HelmSharp.Go.GoFormat.SharpVInterface(RawValue(target, 0)));
        }
        if (k.Kind == YamlNodeKind.Alias) Count(st);
        var raw = RawScalar(target);
        if (raw == null) { ok = false; return null; }
        if (PlainKeyText(raw) is { } text) return text;
        if (raw is ulong u)
        {
            st.KeyError ??= "unsupported map key of type: uint64, key: 0x" + u.ToString("x", CultureInfo.InvariantCulture) + ", value: " + HelmSharp.Go.GoFormat.SharpVInterface(RawValue(value, 0));
            return u.ToString(CultureInfo.InvariantCulture);
        }
        return raw.ToString();
    }

    /// <summary>
    /// A scalar key as sigs.k8s.io/yaml stringifies it when that cannot fail (strings, bools, ints, floats); null for the
    /// others (nil and uint64 keys, which the node path reports).
    /// </summary>
    internal static string? PlainKeyText(object? raw)
    {
        switch (raw)
        {
            case string s: return s;
            case bool b: return b ? "true" : "false";
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            case double d:
                var f = HelmSharp.Go.GoStrconv.FormatFloat(d, 'g', -1, 32);
                return f switch { "+Inf" => ".inf", "-Inf" => "-.inf", "NaN" => ".nan", _ => f };
            default: return null;
        }
    }

    /// <summary>The go-yaml v2 value of a scalar before the JSON round trip.</summary>
    internal static object? RawScalar(YamlNode n) => RawScalar(n.Tag, n.Value, n.Implicit);

    private static object? DecodeScalar(YamlNode n, State st)
    {
        var raw = RawScalar(n);
        if (st.Raw)
        {
            if (raw is double rd && (double.IsNaN(rd) || double.IsInfinity(rd)))
                st.DeferredError ??= "json: unsupported value: " + HelmSharp.Go.GoStrconv.FormatFloat(rd, 'g', -1, 64);
            return raw;
        }
        switch (raw)
        {
            case long l: return (double)l;
            case ulong u: return (double)u;
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d))
                    st.DeferredError ??= "json: unsupported value: " + HelmSharp.Go.GoStrconv.FormatFloat(d, 'g', -1, 64);
                return d;
            default: return raw;
        }
    }

    /// <summary>Raw go-yaml value for error messages (lists and pair lists for collections).</summary>
    private static object? RawValue(YamlNode n, int depth)
    {
        while (n.Kind == YamlNodeKind.Alias) n = n.Alias!;
        if (depth > 50) return "...";
        switch (n.Kind)
        {
            case YamlNodeKind.Scalar: return RawScalar(n);
            case YamlNodeKind.Sequence:
                var l = new List<object?>();
                foreach (var c in n.Children!) l.Add(RawValue(c, depth + 1));
                return l;
            default:
                // a Go map[interface {}]interface {}: a key seen before (same type and value) takes the later value
                var m = new List<KeyValuePair<object?, object?>>();
                for (int i = 0; i + 1 < n.Children!.Count; i += 2)
                {
                    var key = RawValue(n.Children[i], depth + 1);
                    var value = RawValue(n.Children[i + 1], depth + 1);
                    int at = key is double d && double.IsNaN(d) ? -1 : m.FindIndex(p => Equals(p.Key, key));
                    if (at >= 0) m[at] = new(key, value);
                    else m.Add(new(key, value));
                }
                return m;
        }
    }
}
