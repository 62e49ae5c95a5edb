using HelmSharp.UnitTest;
using HelmSharp.UnitTest.Validators;
using NUnit.Framework;

namespace HelmSharp.Tests.UnitTest;

/// <summary>
/// The assertion validators on their own: pass/fail and the failure lines the report prints (the texts of the plugin's
/// <c>validators</c> package, which its Go tests pin for the same inputs).
/// </summary>
[TestFixture]
public class ValidatorTests
{
    private static ValidateContext Ctx(string yaml, bool negative = false) =>
        new() { Docs = [YamlPathTests.Manifest(yaml)], Negative = negative };

    private const string Doc = """
        a:
          b:
            - c: 123
          e: |
            Line1 
            Line2

        """;

    [Test]
    public void EqualPassesOnTheSameValueAndType()
    {
        Assert.That(new EqualValidator { Path = "a.b[0].c", Value = 123L }.Validate(Ctx(Doc)).Passed, Is.True);
        // trailing spaces before a line break are ignored, as the plugin's uniformContent drops them
        Assert.That(new EqualValidator { Path = "a.e", Value = "Line1\nLine2\n" }.Validate(Ctx(Doc)).Passed, Is.True);
        Assert.That(new EqualValidator { Path = "a.b[0].c", Value = 123.0 }.Validate(Ctx(Doc)).Passed, Is.False);
        Assert.That(new EqualValidator { Path = "a.b[0].c", Value = 321L }.Validate(Ctx(Doc, negative: true)).Passed, Is.True);
    }

    [Test]
    public void EqualFailureShowsExpectedActualAndDiff()
    {
        var (passed, info) = new EqualValidator { Path = "a.b[0]", Value = new Dictionary<string, object?> { ["d"] = 321L } }.Validate(Ctx(Doc));
        Assert.That(passed, Is.False);
        Assert.That(info, Is.EqualTo(new[]
        {
            "DocumentIndex:\t0", "ValuesIndex:\t0", "Path:\ta.b[0]", "Expected to equal:", "\td: 321", "Actual:", "\tc: 123",
            "Diff:", "\t--- Expected", "\t+++ Actual", "\t@@ -1,2 +1,2 @@", "\t-d: 321", "\t+c: 123",
        }));
    }

    [Test]
    public void EqualWithBase64ReportsUndecodableContent()
    {
        var (passed, info) = new EqualValidator { Path = "a.e", Value = "Line1\nLine2\n", DecodeBase64 = true }.Validate(Ctx(Doc));
        Assert.That(passed, Is.False);
        Assert.That(info, Is.EqualTo(new[] { "DocumentIndex:\t0", "ValuesIndex:\t0", "Error:", "\tunable to decode base64 expected content Line1 ", "\tLine2" }));
    }

    [Test]
    public void UnknownPathAndEmptyManifests()
    {
        var (passed, info) = new EqualValidator { Path = "x.y", Value = 1L }.Validate(Ctx(Doc));
        Assert.That(passed, Is.False);
        Assert.That(info, Is.EqualTo(new[] { "DocumentIndex:\t0", "Error:", "\tunknown path x.y" }));
        var (p2, i2) = new EqualValidator { Path = "x", Value = 1L }.Validate(new ValidateContext());
        Assert.That(p2, Is.False);
        Assert.That(i2, Is.EqualTo(new[] { "Path:\tx", "Expected to equal:", "\t1", "Actual:", "\tno manifest found", "Diff:",
            "\t--- Expected", "\t+++ Actual", "\t@@ -1,2 +1,2 @@", "\t-1", "\t+no manifest found" }));
        Assert.That(new EqualValidator { Path = "x", Value = 1L }.Validate(new ValidateContext { Negative = true }).Passed, Is.True);
    }

    private const string Contains = """
        a:
          b:
            - c: hello world
            - d: foo bar
            - e: bar
            - e: bar
        """;

    [Test]
    public void ContainsMatchesWholeElementsSubsetsAndCounts()
    {
        var foo = new Dictionary<string, object?> { ["d"] = "foo bar" };
        Assert.That(new ContainsValidator { Path = "a.b", Content = foo }.Validate(Ctx(Contains)).Passed, Is.True);
        Assert.That(new ContainsValidator { Path = "a.b", Content = new Dictionary<string, object?> { ["e"] = "bar" }, Count = 2 }.Validate(Ctx(Contains)).Passed, Is.True);
        var (passed, info) = new ContainsValidator { Path = "a.b", Content = new Dictionary<string, object?> { ["e"] = "bar" }, Count = 1 }.Validate(Ctx(Contains));
        Assert.That(passed, Is.False);
        Assert.That(info, Is.EqualTo(new[]
        {
            "DocumentIndex:\t0", "ValuesIndex:\t0", "Error:", "\texpect count 1 in 'a.b' to be in array, got 2:",
            "\t- c: hello world", "\t- d: foo bar", "\t- e: bar", "\t- e: bar",
        }));
        var (p2, i2) = new ContainsValidator { Path = "a.b", Content = new Dictionary<string, object?> { ["d"] = "foo" } }.Validate(Ctx(Contains));
        Assert.That(p2, Is.False);
        Assert.That(i2, Is.EqualTo(new[]
        {
            "DocumentIndex:\t0", "ValuesIndex:\t0", "Path:\ta.b", "Expected to contain:", "\t- d: foo", "Actual:",
            "\t- c: hello world", "\t- d: foo bar", "\t- e: bar", "\t- e: bar",
        }));
        var (p3, i3) = new ContainsValidator { Path = "a", Content = foo }.Validate(Ctx(Contains));
        Assert.That(p3, Is.False);
        Assert.That(i3, Is.EqualTo(new[] { "DocumentIndex:\t0", "ValuesIndex:\t0", "Error:", "\texpect 'a' to be an array, got:", "\tb:",
            "\t  - c: hello world", "\t  - d: foo bar", "\t  - e: bar", "\t  - e: bar" }));
    }

    [Test]
    public void OperatorsCompareSameTypesOnly()
    {
        Assert.That(new OperatorValidator { Path = "value", Value = 3L }.Validate(Ctx("value: 5")).Passed, Is.True);
        var (passed, info) = new OperatorValidator { Path = "cpu", Value = 1.91 }.Validate(Ctx("cpu: 1.7"));
        Assert.That(passed, Is.False);
        Assert.That(info, Is.EqualTo(new[] { "DocumentIndex:\t0", "ValuesIndex:\t0", "Path:\tcpu", "Expected to be greater then or equal to, got:",
            "\tthe actual '1.7' is not greater or equal to the expected '1.91'" }));
        var (p2, i2) = new OperatorValidator { Path = "value", Value = 1.5 }.Validate(Ctx("value: 2"));
        Assert.That(p2, Is.False);
        Assert.That(i2, Is.EqualTo(new[] { "DocumentIndex:\t0", "ValuesIndex:\t0", "Error:", "\tactual 'int' and expected 'float64' types do not match" }));
        Assert.That(new OperatorValidator { Path = "cpu", Value = "690m" }.Validate(Ctx("cpu: 600m")).Passed, Is.False);
        Assert.That(new OperatorValidator { Path = "cpu", Value = "500m", ComparisonType = "less" }.Validate(Ctx("cpu: 600m")).Passed, Is.False);
        Assert.That(new OperatorValidator { Path = "cpu", Value = "500m", ComparisonType = "less" }.Validate(Ctx("cpu: 600m", negative: true)).Passed, Is.True);
    }

    [Test]
    public void NotGreaterOrEqualNeverFailsAsInThePlugin()
    {
        // The plugin's comparison is (greater && a >= e) || ((less && a <= e) == negative): negated "greater" always holds.
        Assert.That(new OperatorValidator { Path = "value", Value = 3L }.Validate(Ctx("value: 5", negative: true)).Passed, Is.True);
        Assert.That(new OperatorValidator { Path = "value", Value = 9L }.Validate(Ctx("value: 5", negative: true)).Passed, Is.True);
    }

    [Test]
    public void KindCountExistenceAndEmptiness()
    {
        var (p1, i1) = new FieldIsValidator("kind", " to be kind") { Of = "Pod" }.Validate(Ctx("kind: Service"));
        Assert.That(p1, Is.False);
        Assert.That(i1, Is.EqualTo(new[] { "DocumentIndex:\t0", "Expected to be kind:", "\tPod", "Actual:", "\tService" }));
        var (p2, i2) = new HasDocumentsValidator { Count = 2 }.Validate(Ctx("kind: Service"));
        Assert.That(p2, Is.False);
        Assert.That(i2, Is.EqualTo(new[] { "Expected documents count to be:", "\t2", "Actual:", "\t1" }));
        var (p3, i3) = new ExistsValidator { Path = "a.b" }.Validate(Ctx("a: {}"));
        Assert.That(p3, Is.False);
        Assert.That(i3, Is.EqualTo(new[] { "DocumentIndex:\t0", "Path:\ta.b expected to exists" }));
        Assert.That(new ExistsValidator { Path = "a.b" }.Validate(Ctx("a: {}", negative: true)).Passed, Is.True);
        foreach (var empty in new[] { "a: ~", "a: \"\"", "a: 0", "a: []", "a: {}", "a: false" })
            Assert.That(new IsNullOrEmptyValidator { Path = "a" }.Validate(Ctx(empty)).Passed, Is.True, empty);
        var (p4, i4) = new IsNullOrEmptyValidator { Path = "a" }.Validate(Ctx("a: [1]"));
        Assert.That(p4, Is.False);
        Assert.That(i4, Is.EqualTo(new[] { "DocumentIndex:\t0", "ValuesIndex:\t0", "Path:\ta", "Expected to be null or empty, got:", "\t- 1" }));
    }

    [Test]
    public void TypesSubsetsAndLengths()
    {
        Assert.That(new IsTypeValidator { Path = "a", Type = "int" }.Validate(Ctx("a: 1")).Passed, Is.True);
        Assert.That(new IsTypeValidator { Path = "a", Type = "float64" }.Validate(Ctx("a: 1.5")).Passed, Is.True);
        Assert.That(new IsTypeValidator { Path = "a", Type = "map[string]interface {}" }.Validate(Ctx("a: {b: 1}")).Passed, Is.True);
        Assert.That(new IsTypeValidator { Path = "a", Type = "string" }.Validate(Ctx("a: yes")).Passed, Is.True, "yes is a string in YAML 1.2 (go-yaml v3)");
        var (p1, i1) = new IsTypeValidator { Path = "a", Type = "string" }.Validate(Ctx("a:"));
        Assert.That(p1, Is.False);
        Assert.That(i1, Is.EqualTo(new[] { "DocumentIndex:\t0", "ValuesIndex:\t0", "Path:\ta", "Expected to be of type:", "\tstring", "Actual:", "\t" }));
        Assert.That(new IsSubsetValidator { Path = "a", Content = new Dictionary<string, object?> { ["b"] = 1L } }.Validate(Ctx("a: {b: 1, c: 2}")).Passed, Is.True);
        var (p2, i2) = new IsSubsetValidator { Path = "a", Content = new Dictionary<string, object?> { ["b"] = 1L } }.Validate(Ctx("a: [1]"));
        Assert.That(p2, Is.False);
        Assert.That(i2, Is.EqualTo(new[] { "DocumentIndex:\t0", "ValuesIndex:\t0", "Error:", "\texpect 'a' to be an object, got:", "\t- 1" }));
        Assert.That(new LengthEqualValidator { Paths = ["a", "b"] }.Validate(Ctx("a: [1, 2]\nb: [3, 4]")).Passed, Is.True);
        var (p3, i3) = new LengthEqualValidator { Paths = ["a", "b"] }.Validate(Ctx("a: [1, 2]\nb: [3]"));
        Assert.That(p3, Is.False);
        Assert.That(i3, Is.EqualTo(new[] { "DocumentIndex:\t0", "Path:\tb", "Expected to match count:", "\t-1", "Actual:", "\t1" }));
        var (p4, i4) = new LengthEqualValidator { Path = "a" }.Validate(Ctx("a: [1]"));
        Assert.That(p4, Is.False);
        Assert.That(i4, Is.EqualTo(new[] { "Error:", "\t'count' field must be set if 'path' is used" }));
    }

    [Test]
    public void FailedTemplateMatchesTheRenderError()
    {
        var ctx = new ValidateContext { RenderError = "values don't meet the specifications of the schema(s)" };
        Assert.That(new FailedTemplateValidator { ErrorPattern = "specifications of the schema" }.Validate(ctx).Passed, Is.True);
        Assert.That(new FailedTemplateValidator { ErrorMessage = "other" }.Validate(ctx).Passed, Is.False);
        // a pattern that is not a valid regular expression is matched literally
        var docs = new ValidateContext { Docs = [new() { ["raw"] = "bad value (x)" }] };
        Assert.That(new FailedTemplateValidator { ErrorPattern = "value (x" }.Validate(docs).Passed, Is.True);
        var (passed, info) = new FailedTemplateValidator { ErrorMessage = "boom" }.Validate(new ValidateContext());
        Assert.That(passed, Is.False);
        Assert.That(info, Is.EqualTo(new[] { "Expected to equal:", "\tboom", "Actual:", "\tNo failed document" }));
        var (p2, i2) = new FailedTemplateValidator { ErrorMessage = "a", ErrorPattern = "b" }.Validate(docs);
        Assert.That(p2, Is.False);
        Assert.That(i2, Is.EqualTo(new[] { "Error:", "\tsingle attribute 'errorMessage' or 'errorPattern' supported at the same time" }));
    }

    [Test]
    public void ContainsDocumentLooksForKindVersionNameAndNamespace()
    {
        var ctx = new ValidateContext
        {
            Docs =
            [
                YamlPathTests.Manifest("kind: ClusterRoleBinding\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: b}"),
                YamlPathTests.Manifest("kind: ClusterRole\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: r}"),
            ],
        };
        Assert.That(new ContainsDocumentValidator { Kind = "ClusterRole", APIVersion = "rbac.authorization.k8s.io/v1", Any = true }.Validate(ctx).Passed, Is.True);
        var (passed, info) = new ContainsDocumentValidator { Kind = "ClusterRole", APIVersion = "rbac.authorization.k8s.io/v1", Name = "r" }.Validate(ctx);
        Assert.That(passed, Is.False);
        Assert.That(info, Is.EqualTo(new[] { "DocumentIndex:\t0", "Expected to contain document:", "\tKind = ClusterRole, apiVersion = rbac.authorization.k8s.io/v1, Name = r" }));
    }

    [Test]
    public void DiffHasOneLineOfContext()
    {
        Assert.That(UnifiedDiff.Diff("a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\n"), Is.EqualTo("--- Expected\n+++ Actual\n@@ -2,3 +2,3 @@\n b\n-c\n+X\n d\n"));
        Assert.That(UnifiedDiff.Diff("same\n", "same\n"), Is.EqualTo(""));
    }
}
