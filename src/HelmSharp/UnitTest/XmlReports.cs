using System.Globalization;
using System.Text;

namespace HelmSharp.UnitTest;

/// <summary>
/// The plugin's result files (<c>--output-type</c> with <c>--output-file</c>): JUnit and xUnit XML, written as Go's
/// <c>encoding/xml</c> <c>MarshalIndent</c> with a tab writes them (no XML header, as the plugin calls it).
/// </summary>
internal static class XmlReports
{
    /// <summary>The output types with a writer ("" when the type is unknown: the plugin then writes nothing).</summary>
    public static string Normalize(string? type) => type?.ToLowerInvariant() switch
    {
        "junit" => "junit",
        "xunit" => "xunit",
        _ => "",
    };

    public static string Write(string type, IReadOnlyList<UnitTestSuiteResult> suites, DateTime now, string hostname) => type switch
    {
        "junit" => JUnit(suites, now, hostname),
        "xunit" => XUnit(suites, now),
        _ => "",
    };

    private sealed class Element(string name)
    {
        public readonly string Name = name;
        public readonly List<(string, string)> Attributes = [];
        public readonly List<Element> Children = [];
        public string? Text;
        public string? CData;

        public Element Attr(string n, string v) { Attributes.Add((n, v)); return this; }
        public Element Add(Element e) { Children.Add(e); return e; }
    }

    private static void Render(StringBuilder sb, Element e, int depth)
    {
        sb.Append('\t', depth).Append('<').Append(e.Name);
        foreach (var (n, v) in e.Attributes) sb.Append(' ').Append(n).Append("=\"").Append(Escape(v)).Append('"');
        sb.Append('>');
        if (e.Children.Count > 0)
        {
            foreach (var c in e.Children)
            {
                sb.Append('\n');
                Render(sb, c, depth + 1);
            }
            sb.Append('\n').Append('\t', depth);
        }
        else if (e.Text != null) sb.Append(Escape(e.Text));
        else if (e.CData != null) sb.Append("<![CDATA[").Append(e.CData.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)).Append("]]>");
        sb.Append("</").Append(e.Name).Append('>');
    }

    /// <summary>Go's <c>xml.EscapeText</c> (also for attribute values): invalid characters become U+FFFD.</summary>
    internal static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': sb.Append("&#34;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\t': sb.Append("&#x9;"); break;
                case '\n': sb.Append("&#xA;"); break;
                case '\r': sb.Append("&#xD;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[i + 1]); i++; }
                    else if (char.IsSurrogate(c) || c < 0x20 || c is '\uFFFE' or '\uFFFF') sb.Append('\uFFFD');
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    private static string Doc(Element root)
    {
        var sb = new StringBuilder();
        Render(sb, root, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    private static string Seconds(TimeSpan d) => d.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string ClassName(string displayName)
    {
        int idx = displayName.LastIndexOf('/');
        return idx > -1 ? displayName[(idx + 1)..] : displayName;
    }

    /// <summary>The plugin's <c>TestJobResult.Stringify</c>.</summary>
    internal static string Stringify(UnitTestJobResult t)
    {
        var sb = new StringBuilder();
        if (t.Skipped) sb.Append("SKIPPED '").Append(t.DisplayName).Append("' \n");
        if (t.ExecError != null) sb.Append(t.ExecError).Append('\n');
        foreach (var a in t.Assertions)
        {
            sb.Append("\t\t ").Append(ReportPrinter.AssertionTitle(a)).Append(" \n");
            if (!a.Skipped) foreach (var line in a.FailInfo) sb.Append("\t\t\t ").Append(line).Append(" \n");
            else sb.Append("\t\t\t ").Append(a.SkipReason).Append(" \n");
        }
        return sb.ToString();
    }

    private static string StringifyToXmlAttribute(UnitTestJobResult t) => Stringify(t).Replace("\n", ",", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal);

    private static string JUnit(IReadOnlyList<UnitTestSuiteResult> suites, DateTime now, string hostname)
    {
        var root = new Element("testsuites");
        for (int idx = 0; idx < suites.Count; idx++)
        {
            var s = suites[idx];
            var tests = s.Tests.Where(t => t != null).Select(t => t!).ToList();
            int failures = 0, errors = 0;
            var cases = new List<Element>();
            foreach (var t in tests)
            {
                var tc = new Element("testcase").Attr("classname", ClassName(s.DisplayName)).Attr("name", t.DisplayName).Attr("time", Seconds(t.Duration));
                if (!t.Skipped && !t.Passed && t.ExecError != null)
                {
                    errors++;
                    tc.Add(new Element("error") { Text = t.ExecError }).Attr("message", "Error").Attr("type", "");
                }
                if (t.Skipped) tc.Add(new Element("skipped")).Attr("message", StringifyToXmlAttribute(t));
                if (!t.Skipped && !t.Passed && t.ExecError == null)
                {
                    failures++;
                    tc.Add(new Element("failure") { Text = StringifyToXmlAttribute(t) }).Attr("message", "Failed").Attr("type", "");
                }
                cases.Add(tc);
            }
            var ts = root.Add(new Element("testsuite"))
                .Attr("id", idx.ToString(CultureInfo.InvariantCulture))
                .Attr("tests", s.Tests.Count.ToString(CultureInfo.InvariantCulture))
                .Attr("failures", failures.ToString(CultureInfo.InvariantCulture))
                .Attr("errors", errors.ToString(CultureInfo.InvariantCulture))
                .Attr("package", "")
                .Attr("time", Seconds(s.Duration))
                .Attr("name", s.DisplayName)
                .Attr("timestamp", now.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture))
                .Attr("hostname", hostname);
            var props = ts.Add(new Element("properties"));
            props.Add(new Element("property")).Attr("name", "helm-unittest.version").Attr("value", "1.6");
            foreach (var c in cases) ts.Add(c);
        }
        return Doc(root);
    }

    private const string XUnitMethod = "Helm-Validation";

    private static Element XUnitFailure(string exceptionType, string message, string stackTrace)
    {
        var f = new Element("failure").Attr("exception-type", exceptionType);
        f.Add(new Element("message") { CData = message });
        f.Add(new Element("stack-trace") { CData = stackTrace });
        return f;
    }

    private static string XUnit(IReadOnlyList<UnitTestSuiteResult> suites, DateTime now)
    {
        var root = new Element("assemblies");
        foreach (var s in suites)
        {
            int total = 0, passed = 0, failed = 0, skipped = 0, errors = 0;
            var asm = new Element("assembly");
            Element? errorsEl = null;
            Element? run = null;
            int runTotal = 0, runPassed = 0, runFailed = 0, runSkipped = 0;
            var cases = new List<Element>();
            if (s.ExecError != null)
            {
                total++;
                errors++;
                errorsEl = new Element("errors");
                var err = errorsEl.Add(new Element("error")).Attr("type", "Error").Attr("name", "Error");
                err.Add(XUnitFailure(XUnitMethod + "-Error", "Error", s.ExecError));
            }
            else
            {
                foreach (var t in s.Tests)
                {
                    if (t == null) continue;
                    total++;
                    runTotal++;
                    var result = t.Skipped ? "Skip" : !t.Passed ? "Fail" : "Pass";
                    var tc = new Element("test").Attr("name", t.DisplayName).Attr("type", ClassName(s.DisplayName)).Attr("method", XUnitMethod)
                        .Attr("time", Seconds(t.Duration)).Attr("result", result);
                    if (t.Skipped)
                    {
                        skipped++;
                        runSkipped++;
                        tc.Add(new Element("reason") { CData = Stringify(t) });
                    }
                    else if (!t.Passed)
                    {
                        var f = tc.Add(XUnitFailure(XUnitMethod, "Failed", Stringify(t)));
                        if (t.ExecError != null)
                        {
                            errors++;
                            f.Attributes[0] = ("exception-type", XUnitMethod + "-Error");
                        }
                        else { failed++; runFailed++; }
                    }
                    else { passed++; runPassed++; }
                    cases.Add(tc);
                }
                run = new Element("collection");
            }
            asm.Attr("name", s.FilePath).Attr("config-file", s.FilePath).Attr("test-framework", "helm-unittest")
                .Attr("run-date", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Attr("run-time", now.ToString("HH:mm:ss", CultureInfo.InvariantCulture))
                .Attr("time", Seconds(s.Duration)).Attr("total", total.ToString(CultureInfo.InvariantCulture)).Attr("passed", passed.ToString(CultureInfo.InvariantCulture))
                .Attr("failed", failed.ToString(CultureInfo.InvariantCulture)).Attr("skipped", skipped.ToString(CultureInfo.InvariantCulture))
                .Attr("errors", errors.ToString(CultureInfo.InvariantCulture));
            asm.Add(new Element("environment") { Text = "dotnet" + Environment.Version.ToString() + "." + (OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux") });
            if (errorsEl != null) asm.Add(errorsEl);
            if (run != null)
            {
                run.Attr("name", s.DisplayName).Attr("time", Seconds(s.Duration)).Attr("total", runTotal.ToString(CultureInfo.InvariantCulture))
                    .Attr("passed", runPassed.ToString(CultureInfo.InvariantCulture)).Attr("failed", runFailed.ToString(CultureInfo.InvariantCulture))
                    .Attr("skipped", runSkipped.ToString(CultureInfo.InvariantCulture));
                foreach (var c in cases) run.Add(c);
                asm.Add(run);
            }
            root.Add(asm);
        }
        return Doc(root);
    }
}
