using HelmSharp.Go;
using HelmSharp.Template.Functions;

namespace HelmSharp.Sprig;

public static partial class SprigLibrary
{
    private static readonly GoType[] PStrStrInt = [GoType.String, GoType.String, GoType.Int];
    private static readonly GoType[] PStr3 = [GoType.String, GoType.String, GoType.String];

    static partial void RegisterRegex(FunctionRegistry r)
    {
        // regexMatch swallows compile errors (false); the other non-must variants use MustCompile (panic).
        r.Add(Pure("regexMatch", PStrStr, a => TryCompile((string)a[0]!) is { } re && re.IsMatch((string)a[1]!)));
        r.Add(Pure("mustRegexMatch", PStrStr, a => CompileOrError((string)a[0]!).IsMatch((string)a[1]!), returnsError: true));
        r.Add(Pure("regexFindAll", PStrStrInt, a => MustCompile((string)a[0]!).FindAllString((string)a[1]!, ToClampedInt(a[2]))));
        r.Add(Pure("mustRegexFindAll", PStrStrInt, a => CompileOrError((string)a[0]!).FindAllString((string)a[1]!, ToClampedInt(a[2])), returnsError: true));
        r.Add(Pure("regexFind", PStrStr, a => MustCompile((string)a[0]!).FindString((string)a[1]!)));
        r.Add(Pure("mustRegexFind", PStrStr, a => CompileOrError((string)a[0]!).FindString((string)a[1]!), returnsError: true));
        r.Add(Pure("regexReplaceAll", PStr3, a => MustCompile((string)a[0]!).ReplaceAll((string)a[1]!, (string)a[2]!, literal: false)));
        r.Add(Pure("mustRegexReplaceAll", PStr3, a => CompileOrError((string)a[0]!).ReplaceAll((string)a[1]!, (string)a[2]!, literal: false), returnsError: true));
        r.Add(Pure("regexReplaceAllLiteral", PStr3, a => MustCompile((string)a[0]!).ReplaceAll((string)a[1]!, (string)a[2]!, literal: true)));
        r.Add(Pure("mustRegexReplaceAllLiteral", PStr3, a => CompileOrError((string)a[0]!).ReplaceAll((string)a[1]!, (string)a[2]!, literal: true), returnsError: true));
        r.Add(Pure("regexSplit", PStrStrInt, a => MustCompile((string)a[0]!).Split((string)a[1]!, ToClampedInt(a[2]))));
        r.Add(Pure("mustRegexSplit", PStrStrInt, a => CompileOrError((string)a[0]!).Split((string)a[1]!, ToClampedInt(a[2])), returnsError: true));
        r.Add(Pure("regexQuoteMeta", PStr, a => GoRegexp.QuoteMeta((string)a[0]!)));
    }

    private static GoRegexp? TryCompile(string expr)
    {
        try { return GoRegexp.Compile(expr); }
        catch (GoRegexpSyntaxException) { return null; }
    }

    private static GoRegexp CompileOrError(string expr)
    {
        try { return GoRegexp.Compile(expr); }
        catch (GoRegexpSyntaxException e) { throw new GoFunctionException(e.Message); }
    }

    private static GoRegexp MustCompile(string expr)
    {
        try { return GoRegexp.Compile(expr); }
        catch (GoRegexpSyntaxException e) { throw new GoFunctionException(GoRegexp.MustCompileMessage(expr, e)); }
    }
}
