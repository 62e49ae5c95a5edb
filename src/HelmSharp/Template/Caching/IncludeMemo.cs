using System.Runtime.CompilerServices;
using HelmSharp.Go;
using HelmSharp.Template.Exec;
using HelmSharp.Template.Functions;

namespace HelmSharp.Template.Caching;

/// <summary>
/// The caching <c>include</c> layer. <see cref="Wrap"/> returns a copy of a function registry whose
/// <c>include</c> memoizes its output per execution (one <see cref="TemplateSet.Execute(string, object?, CancellationToken)"/>)
/// and whose functions report to a per-execution <see cref="MemoState"/> what they declared at registration
/// (<see cref="FunctionEffects"/>; no function is known here by name):
/// <list type="bullet">
/// <item>an <c>include</c> result is stored only when its execution called no impure function — one reading outside
/// its arguments (rand*, uuidv4, now and the date family, gen*, bcrypt, lookup, …) or one that declares nothing — and
/// mutated no object that existed before it started (mutations of objects it created itself — <c>dict</c>,
/// <c>deepCopy</c>, <c>fromYaml</c> … — are allowed);</item>
/// <item>every mutation, wherever it happens, advances an epoch and a stored result is reused only in
/// the epoch it was stored in, so nothing reachable from its argument can have changed;</item>
/// <item>the key is (namespace of templates, name, argument), where the argument is compared by identity,
/// by value for scalars, or — for a small <c>map[string]interface{}</c> such as <c>(dict "root" $ "x" 1)</c> —
/// entry by entry in order with the same rule.</item>
/// </list>
/// The output is byte-identical to executing without the layer (proved by the cache equivalence tests).
/// </summary>
internal static class IncludeMemo
{
    /// <summary>The maximum include nesting (current depth + depth below a stored result) at which results are reused; far below helm's 1000-per-name and the engine's nested-execution limits.</summary>
    internal const int MaxMemoDepth = 200;

    private static readonly ConditionalWeakTable<FunctionRegistry, FunctionRegistry> s_wrapped = new();

    /// <summary>The memoizing variant of <paramref name="inner"/> (cached per registry instance).</summary>
    public static FunctionRegistry Wrap(FunctionRegistry inner) => s_wrapped.GetValue(inner, Build);

    private static FunctionRegistry Build(FunctionRegistry inner)
    {
        var r = inner.Clone();
        foreach (var name in inner.Names.ToArray())
        {
            if (!inner.TryGet(name, out var f)) continue;
            // The builtins the executor runs itself (and, or, call) keep their identity: the executor recognizes them
            // by reference. and/or are pure; call runs a function value, and no value of a helm render is one.
            if (Builtins.ExecutedSpecially(f)) continue;
            var e = f.Effects;
            var wrapped = e.Has(FunctionEffects.IncludesTemplate) ? WrapInclude(f)
                : e.Has(FunctionEffects.RendersText) ? WrapNested(f)
                : e.IsImpure() ? WrapImpure(f)
                : e.Has(FunctionEffects.MutatesArgument) ? WrapMutator(f)
                : e.Has(FunctionEffects.CreatesValue) ? WrapCreator(f)
                : null;
            if (wrapped != null) r.Add(wrapped);
        }
        return r.Freeze();
    }

    // Undeclared or reading outside its arguments: no include result that called it is stored.
    private static GoFunction WrapImpure(GoFunction f)
    {
        var body = f.RawBody;
        return Replace(f, (ctx, a) => { MemoState.Get(ctx)?.Impure(); return body(ctx, a); });
    }

    // Writes into its first argument (into the maps nested in it too when MutatesDeep). The first argument keeps its
    // deep freshness when the function stores only scalars in it (StoresArguments: set with a scalar value) or
    // does not recurse (unset, sortAlpha).
    private static GoFunction WrapMutator(GoFunction f)
    {
        var body = f.RawBody;
        bool deep = f.Effects.Has(FunctionEffects.MutatesDeep);
        bool stores = f.Effects.Has(FunctionEffects.StoresArguments);
        return Replace(f, (ctx, a) =>
        {
            var st = MemoState.Get(ctx);
            if (st != null && a.Length > 0 && a[0] != null)
                st.Mutated(a[0]!, deep, keepsDeep: stores ? StoresOnlyScalars(a) : !deep);
            return body(ctx, a);
        });
    }

    private static bool StoresOnlyScalars(object?[] a)
    {
        if (a.Length < 2) return false;
        for (int i = 1; i < a.Length; i++) if (!IsScalar(a[i])) return false;
        return true;
    }

    // Returns a new container (every container nested in it new too when CreatesDeep); a decoder of text also shares
    // its decoded trees between calls with the same text (see Decode).
    private static GoFunction WrapCreator(GoFunction f)
    {
        var body = f.RawBody;
        bool deep = f.Effects.Has(FunctionEffects.CreatesDeep);
        if (f.Effects.Has(FunctionEffects.DecodesText))
        {
            var function = f.Name;
            return Replace(f, (ctx, a) =>
            {
                var result = Decode(ctx, function, a, body);
                if (result != null && !IsScalar(result)) MemoState.Get(ctx)?.Created(result, deep);
                return result;
            });
        }
        return Replace(f, (ctx, a) =>
        {
            var result = body(ctx, a);
            if (result != null && !IsScalar(result)) MemoState.Get(ctx)?.Created(result, deep);
            return result;
        });
    }

    // Runs a named template with its second argument as dot: the memoized call itself.
    // (A function of other origin that returns its string is given a sink body that appends it.)
    private static GoFunction WrapInclude(GoFunction f)
    {
        var inner = SinkBodyOf(f);
        var plain = f.RawBody;
        // The string form returns a stored result's string itself (later calls find decoded copies of it by reference).
        return new GoFunction(f.Name, [.. f.Parameters], f.IsVariadic, (ctx, a, sink) =>
            {
                if (MemoState.Get(ctx) is { } st) st.Include(ctx, a, inner, sink);
                else inner(ctx, a, sink);
            }, f.ReturnsError, f.Effects,
            (ctx, a) => MemoState.Get(ctx) is { } st ? st.Include(ctx, new FunctionArgs(a), inner, null) : plain(ctx, a))
        { TakesText = f.TakesText, TransientArgs = f.TransientArgs };
    }

    // Renders text as a template: not stored, but a frame for what it reads and writes.
    private static GoFunction WrapNested(GoFunction f)
    {
        var inner = SinkBodyOf(f);
        return new GoFunction(f.Name, [.. f.Parameters], f.IsVariadic, (ctx, a, sink) =>
            {
                if (MemoState.Get(ctx) is { } st) st.Nested(ctx, a, inner, sink);
                else inner(ctx, a, sink);
            }, f.ReturnsError, f.Effects)
        { TakesText = f.TakesText, TransientArgs = f.TransientArgs };
    }

    private static GoSinkBody SinkBodyOf(GoFunction f)
    {
        if (f.SinkBody is { } sink) return sink;
        var body = f.RawBody;
        return (ctx, a, sb) => sb.Append(body(ctx, a.Values) as string);
    }

    // fromYaml/fromJson are functions of their text: decode once per compiled chart. The first caller gets its own
    // tree; later ones get the cached master itself while the chart shares (see SharedValues), else a deep clone.
    private static object? Decode(IFunctionContext ctx, string function, object?[] a, GoFunctionBody body)
    {
        if (ctx.Render?.Set.SharedParseCache is not { } cache || a.Length != 1 || a[0] is not string text) return body(ctx, a);
        // The text is often the very string a memoized include returned before: found by reference, not by content.
        var st = MemoState.Get(ctx);
        bool share = cache.ShareDecoded;
        if (share && st != null && st.TryGetDecoded(function, text, out var known)) return known;
        if (cache.TryGetDecoded(function, text, out var master))
        {
            if (!share) return Clone(master);
            st?.KeepDecoded(function, text, master);
            return master;
        }
        var result = body(ctx, a);
        if (Cloneable(result, 0))
        {
            var copy = Clone(result);
            SharedValues.Share(copy);
            cache.AddDecoded(function, text, copy);
        }
        return result;
    }

    private static bool Cloneable(object? v, int depth)
    {
        if (depth > 64) return false;
        if (IsScalar(v)) return true;
        if (v!.GetType() == typeof(Dictionary<string, object?>))
        {
            foreach (var kv in (Dictionary<string, object?>)v) if (!Cloneable(kv.Value, depth + 1)) return false;
            return true;
        }
        if (v.GetType() == typeof(object?[]))
        {
            foreach (var e in (object?[])v) if (!Cloneable(e, depth + 1)) return false;
            return true;
        }
        return false;
    }

    // Only called on values accepted by Cloneable: exact maps, exact []interface{}, immutable scalars.
    private static object? Clone(object? v)
    {
        if (v is null || IsScalar(v)) return v;
        if (v.GetType() == typeof(Dictionary<string, object?>))
        {
            var src = (Dictionary<string, object?>)v;
            // The copy constructor copies the entries with their hashes; only nested containers are replaced.
            var d = new Dictionary<string, object?>(src, src.Comparer);
            foreach (var kv in src) if (!IsScalar(kv.Value)) d[kv.Key] = Clone(kv.Value);
            return d;
        }
        var arr = (object?[])v;
        var copy = new object?[arr.Length];
        for (int i = 0; i < arr.Length; i++) copy[i] = Clone(arr[i]);
        return copy;
    }

    // The same function with another body and the same declarations.
    private static GoFunction Replace(GoFunction f, GoFunctionBody body) =>
        // The wrapper's body must run: the original's sink body is not carried over.
        new(f.Name, [.. f.Parameters], f.IsVariadic, body, f.ReturnsError, f.Effects) { TransientArgs = f.TransientArgs };

    internal static bool IsScalar(object? v) => v is null or string or bool or double or float or nint or long or int or short or sbyte or nuint or ulong or uint or ushort or byte;
}
