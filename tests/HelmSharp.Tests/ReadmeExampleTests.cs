using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace HelmSharp.Tests;

/// <summary>
/// Every C# snippet of the README, compiled as written (as a console app's Program.cs with the SDK's implicit usings,
/// against the library) and run from the repository root.
/// </summary>
[TestFixture]
[NonParallelizable] // redirects Console.Out and the working directory
public class ReadmeExampleTests
{
    private static string Root() => HelmSharp.Tests.Conformance.Corpus.RepoRoot;

    // What `dotnet new console` (ImplicitUsings) gives every file.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static List<string> Snippets()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        return Regex.Matches(readme, "^```csharp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
    }

    public static IEnumerable<TestCaseData> SnippetCases() =>
        Snippets().Select((code, i) => new TestCaseData(i, code).SetName($"Snippet{i + 1}({code.Split('\n').First(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal)).Trim()})"));

    [Test]
    public void TheFirstLibraryExampleIsTheOneCallRender()
    {
        var snippets = Snippets();
        Assert.That(snippets, Has.Count.GreaterThanOrEqualTo(5));
        Assert.That(snippets[0], Does.Contain("HelmChart.Render(\"").And.Contain("new RenderOptions"));
    }

    [TestCaseSource(nameof(SnippetCases))]
    public void SnippetCompilesAndRuns(int index, string code)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet" + index,
            [CSharpSyntaxTree.ParseText(ImplicitUsings, parse), CSharpSyntaxTree.ParseText(code, parse, path: "README.md")],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, string.Join("\n", errors));

        image.Position = 0;
        var context = new AssemblyLoadContext("readme-snippet-" + index, isCollectible: true);
        var saved = (Out: Console.Out, Cwd: Environment.CurrentDirectory);
        var output = new StringWriter { NewLine = "\n" };
        try
        {
            var entry = context.LoadFromStream(image).EntryPoint!;
            Console.SetOut(output);
            Environment.CurrentDirectory = Root();
            try { entry.Invoke(null, entry.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]); }
            catch (TargetInvocationException e) { Assert.Fail($"the snippet threw {e.InnerException}"); }
        }
        finally
        {
            Console.SetOut(saved.Out);
            Environment.CurrentDirectory = saved.Cwd;
            context.Unload();
        }
        Assert.That(output.ToString(), Is.Not.Empty, "every snippet prints what it shows");
        if (index == 0) Assert.That(output.ToString(), Does.StartWith("---\n# Source: mcp-mesh-agent/"));
    }

    // The framework's assemblies and the library, as a console app referencing the package compiles against.
    private static List<MetadataReference> References()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var refs = Directory.GetFiles(framework, "*.dll")
            .Where(f => Path.GetFileName(f).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(f) is "mscorlib.dll" or "netstandard.dll")
            .Where(IsManaged)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(HelmSharp.HelmChart).Assembly.Location));
        return refs;
    }

    private static bool IsManaged(string path)
    {
        try { AssemblyName.GetAssemblyName(path); return true; }
        catch (BadImageFormatException) { return false; }
    }
}
