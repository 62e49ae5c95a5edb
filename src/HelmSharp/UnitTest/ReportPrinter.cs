using System.Globalization;
using System.Text;

namespace HelmSharp.UnitTest;

/// <summary>The plugin's console report: tab-indented lines, ANSI colours as <c>fatih/color</c> writes them when enabled.</summary>
internal sealed class ReportPrinter(TextWriter writer, bool colored)
{
    private string Wrap(string codes, string s) => colored ? "\u001b[" + codes + "m" + s + "\u001b[0m" : s;

    public string Success(string s) => Wrap("32", s);
    public string SuccessLabel(string s) => Wrap("42;30", s);
    public string Danger(string s) => Wrap("31", s);
    public string DangerLabel(string s) => Wrap("41;37", s);
    public string Warning(string s) => Wrap("33", s);
    public string WarningLabel(string s) => Wrap("43;30", s);
    public string Highlight(string s) => Wrap("1", s);
    public string Faint(string s) => Wrap("2", s);

    public void Println(string content, int indentLevel)
    {
        writer.Write(new string('\t', indentLevel));
        writer.Write(content);
        writer.Write('\n');
    }

    public void PrintSuite(UnitTestSuiteResult r)
    {
        string label = r.Skipped ? WarningLabel(" SKIP ") : r.Passed ? SuccessLabel(" PASS ") : DangerLabel(" FAIL ");
        string path = "";
        if (r.FilePath.Length > 0)
        {
            var slash = r.FilePath.Replace('\\', '/');
            int cut = slash.LastIndexOf('/');
            var dir = cut >= 0 ? slash[..cut] : ".";
            var file = cut >= 0 ? slash[(cut + 1)..] : slash;
            path = Faint(dir + "/") + file;
        }
        Println(label + " " + Highlight(r.DisplayName) + "\t" + path, 0);
        if (r.ExecError != null)
        {
            Println(Highlight("- Execution Error: "), 1);
            Println(r.ExecError + "\n", 2);
            return;
        }
        foreach (var t in r.Tests) if (t != null) PrintJob(t);
    }

    private void PrintJob(UnitTestJobResult t)
    {
        if (t.Passed) return;
        if (t.Skipped)
        {
            Println(Highlight("- ") + WarningLabel("SKIPPED") + Warning(" '" + t.DisplayName + "'"), 1);
            return;
        }
        if (t.ExecError != null)
        {
            Println(Highlight("- " + t.DisplayName), 1);
            Println(Highlight("Error: " + t.ExecError + "\n"), 2);
            return;
        }
        Println(Danger("- " + t.DisplayName + "\n"), 1);
        foreach (var a in t.Assertions)
        {
            if (a.Passed) continue;
            Println(Danger(AssertionTitle(a)), 2);
            foreach (var line in a.FailInfo) Println(line, 3);
            Println("", 0);
        }
    }

    internal static string AssertionTitle(UnitTestAssertionResult a) =>
        "- asserts[" + a.Index.ToString(CultureInfo.InvariantCulture) + "]" + (a.Not ? " NOT" : "") + " `" + a.AssertType + "` fail";

    public void PrintChartHeader(string name, string path) =>
        Println("\n### Chart [ " + Highlight(name) + " ] " + Faint(path) + "\n", 0);

    public void PrintErroredChartHeader(string error) =>
        Println("\n### " + Danger("Error: ") + " " + error + "\n", 0);

    public string Counting(UnitTestCounts c, bool showErrored = true)
    {
        var sb = new StringBuilder();
        if (c.Failed > 0) sb.Append(Danger(c.Failed.ToString(CultureInfo.InvariantCulture) + " failed, "));
        if (showErrored && c.Errored > 0) sb.Append(c.Errored.ToString(CultureInfo.InvariantCulture)).Append(" errored, ");
        if (c.Skipped > 0)
            sb.Append(CultureInfo.InvariantCulture, $"{c.Passed} passed, {c.Skipped} skipped, {c.Passed + c.Failed + c.Skipped} total");
        else
            sb.Append(CultureInfo.InvariantCulture, $"{c.Passed} passed, {c.Passed + c.Failed} total");
        return sb.ToString();
    }

    public void PrintSummary(UnitTestReport r, TimeSpan elapsed)
    {
        Println("\nCharts:      " + Counting(r.Charts) + "\nTest Suites: " + Counting(r.TestSuites) + "\nTests:       " + Counting(r.Tests) +
                "\nSnapshot:    " + Counting(r.Snapshots) + "\nTime:        " + GoDuration(elapsed) + "\n", 0);
    }

    public void PrintSnapshotSummary(int failed, int suites)
    {
        if (failed <= 0) return;
        Println("\nSnapshot Summary: " + Danger(failed.ToString(CultureInfo.InvariantCulture) + " snapshot failed") +
                " in " + suites.ToString(CultureInfo.InvariantCulture) + " test suite." + Faint(" Check changes and use `-u` to update snapshot."), 0);
    }

    /// <summary>Go's <c>time.Duration.String()</c>.</summary>
    internal static string GoDuration(TimeSpan t)
    {
        long ns = t.Ticks * 100;
        if (ns == 0) return "0s";
        bool neg = ns < 0;
        ulong u = neg ? (ulong)(-ns) : (ulong)ns;
        string s;
        if (u < 1_000_000_000UL)
        {
            // less than a second: ns, µs or ms with fractional digits
            string unit;
            int prec;
            if (u < 1000UL) return (neg ? "-" : "") + u.ToString(CultureInfo.InvariantCulture) + "ns";
            if (u < 1_000_000UL) { unit = "µs"; prec = 3; }
            else { unit = "ms"; prec = 6; }
            s = Frac(u, prec) + unit;
        }
        else
        {
            var sb = new StringBuilder();
            ulong secsTotal = u / 1_000_000_000UL;
            string secs = Frac(u % 60_000_000_000UL, 9);
            ulong mins = secsTotal / 60;
            ulong hours = mins / 60;
            mins %= 60;
            if (hours > 0) sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            if (hours > 0 || mins > 0) sb.Append(mins.ToString(CultureInfo.InvariantCulture)).Append('m');
            sb.Append(secs).Append('s');
            s = sb.ToString();
        }
        return (neg ? "-" : "") + s;
    }

    // v / 10^prec with the fraction's trailing zeros (and a lone point) dropped
    private static string Frac(ulong v, int prec)
    {
        ulong pow = 1;
        for (int i = 0; i < prec; i++) pow *= 10;
        var whole = (v / pow).ToString(CultureInfo.InvariantCulture);
        var frac = (v % pow).ToString(CultureInfo.InvariantCulture).PadLeft(prec, '0').TrimEnd('0');
        return frac.Length > 0 ? whole + "." + frac : whole;
    }
}
