using NUnit.Framework;
using System.Globalization;
using HelmSharp.Go;
using HelmSharp.Sprig;
using HelmSharp.Template.Functions;

namespace HelmSharp.Tests.Sprig;

/// <summary>A function context with a fixed clock and a selectable Helm major.</summary>
internal sealed class FnContext : IFunctionContext
{
    public FnContext(TimeProvider? clock = null, int helmMajor = 4) { Clock = clock ?? TimeProvider.System; HelmMajor = helmMajor; }
    public TimeProvider Clock { get; }
    public CancellationToken CancellationToken => default;
    public int HelmMajor { get; }
    public string ExecuteTemplate(string name, object? data) => throw new NotSupportedException();
    public string ParseAndExecute(string name, string text, object? data) => throw new NotSupportedException();
    public IDictionary<string, object?> RenderState { get; } = new Dictionary<string, object?>();
}

/// <summary>A clock frozen at one instant.</summary>
internal sealed class FixedClock : TimeProvider
{
    private readonly DateTimeOffset _now;
    public FixedClock(DateTimeOffset now) { _now = now; }
    public override DateTimeOffset GetUtcNow() => _now;
}

internal static class SprigB
{
    public static readonly FunctionRegistry Registry = SprigLibrary.RegisterAll(new FunctionRegistry());

    public static object? Call(IFunctionContext ctx, string name, params object?[] args)
    {
        Assert.That(Registry.TryGet(name, out var f), Is.True, "function " + name + " is registered");
        return f.Body(ctx, args);
    }

    public static object? Call(string name, params object?[] args) => Call(new FnContext(), name, args);

    /// <summary>Runs a call in the HelmData syntax and renders the result like the template would print it (errors as <c>ERR: text</c>).</summary>
    public static string Run(string call, int helmMajor = 4)
    {
        var ctx = new FnContext(null, helmMajor);
        var parts = call.Split('\t');
        var args = new object?[parts.Length - 1];
        for (int i = 1; i < parts.Length; i++) args[i - 1] = Arg(ctx, parts[i]);
        try { return Show(Call(ctx, parts[0], args)); }
        catch (GoFunctionException e) { return "ERR: " + e.Message; }
    }

    private static object? Arg(IFunctionContext ctx, string a)
    {
        if (a == "z") return null;
        var v = a[2..];
        return a[0] switch
        {
            's' => v,
            'i' => (nint)long.Parse(v, CultureInfo.InvariantCulture),
            'l' => long.Parse(v, CultureInfo.InvariantCulture),
            'u' => uint.Parse(v, CultureInfo.InvariantCulture),
            'f' => double.Parse(v, CultureInfo.InvariantCulture),
            't' => Call(ctx, "mustToDate", v.Split('|')[0], v.Split('|')[1]),
            _ => throw new ArgumentException("bad argument " + a),
        };
    }

    public static string Show(object? r) => r switch
    {
        null => "<nil>",
        IGoStringer s => s.GoString(),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(r, CultureInfo.InvariantCulture)!,
    };
}
