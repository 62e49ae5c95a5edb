namespace HelmSharp.UnitTest;

/// <summary>The outcome of one assertion.</summary>
public sealed class UnitTestAssertionResult
{
    /// <summary>Made by the library only.</summary>
    internal UnitTestAssertionResult() { }

    /// <summary>The assertion's index in <c>asserts</c>.</summary>
    public int Index { get; internal set; }
    /// <summary>The assertion type (<c>equal</c>, <c>isKind</c> …).</summary>
    public string AssertType { get; internal set; } = "";
    /// <summary>True when the assertion had <c>not: true</c>.</summary>
    public bool Not { get; internal set; }
    /// <summary>True when it held.</summary>
    public bool Passed { get; internal set; }
    /// <summary>True when it was skipped (a document selector with <c>skipEmptyTemplates</c> found nothing).</summary>
    public bool Skipped { get; internal set; }
    /// <summary>Why it was skipped.</summary>
    public string SkipReason { get; internal set; } = "";
    /// <summary>The failure report, line by line, as the plugin prints it.</summary>
    public IReadOnlyList<string> FailInfo { get; internal set; } = [];
}

/// <summary>The outcome of one test job (<c>it:</c>).</summary>
public sealed class UnitTestJobResult
{
    /// <summary>Made by the library only.</summary>
    internal UnitTestJobResult() { }

    /// <summary>The test's <c>it</c> text.</summary>
    public string DisplayName { get; internal set; } = "";
    /// <summary>The test's index in its suite.</summary>
    public int Index { get; internal set; }
    /// <summary>True when every assertion held.</summary>
    public bool Passed { get; internal set; }
    /// <summary>True when the test was skipped (by <c>skip</c>, or because every assertion was skipped).</summary>
    public bool Skipped { get; internal set; }
    /// <summary>An error that stopped the test (values that cannot be read, a chart that cannot be rendered …), or null.</summary>
    public string? ExecError { get; internal set; }
    /// <summary>The assertions' outcomes.</summary>
    public IReadOnlyList<UnitTestAssertionResult> Assertions { get; internal set; } = [];
    /// <summary>How long the test took.</summary>
    public TimeSpan Duration { get; internal set; }
}

/// <summary>The outcome of one test suite.</summary>
public sealed class UnitTestSuiteResult
{
    /// <summary>Made by the library only.</summary>
    internal UnitTestSuiteResult() { }

    /// <summary>The suite's <c>suite</c> name.</summary>
    public string DisplayName { get; internal set; } = "";
    /// <summary>The suite file, relative to the working directory.</summary>
    public string FilePath { get; internal set; } = "";
    /// <summary>True when every test that ran passed.</summary>
    public bool Passed { get; internal set; }
    /// <summary>True when every test was skipped.</summary>
    public bool Skipped { get; internal set; }
    /// <summary>True when the run stopped after this suite (fail-fast).</summary>
    public bool FailFast { get; internal set; }
    /// <summary>An error that stopped the suite (a file that cannot be read, a broken snapshot file), or null.</summary>
    public string? ExecError { get; internal set; }
    /// <summary>The tests' outcomes (null entries for tests not run after a fail-fast stop).</summary>
    public IReadOnlyList<UnitTestJobResult?> Tests { get; internal set; } = [];
    /// <summary>Snapshots compared.</summary>
    public int SnapshotTotal { get; internal set; }
    /// <summary>Snapshots that did not match.</summary>
    public int SnapshotFailed { get; internal set; }
    /// <summary>Snapshots written for the first time.</summary>
    public int SnapshotCreated { get; internal set; }
    /// <summary>Stored snapshots no assertion compared with any more.</summary>
    public int SnapshotVanished { get; internal set; }

    internal TimeSpan Duration
    {
        get
        {
            var d = TimeSpan.Zero;
            foreach (var t in Tests) if (t != null) d += t.Duration;
            return d;
        }
    }
}

/// <summary>Pass/fail counts as the report's summary prints them.</summary>
public sealed class UnitTestCounts
{
    /// <summary>Made by the library only.</summary>
    internal UnitTestCounts() { }

    /// <summary>Passed.</summary>
    public int Passed { get; internal set; }
    /// <summary>Failed.</summary>
    public int Failed { get; internal set; }
    /// <summary>Failed with an execution error (included in <see cref="Failed"/>).</summary>
    public int Errored { get; internal set; }
    /// <summary>Skipped.</summary>
    public int Skipped { get; internal set; }
}

/// <summary>The outcome of a run over one or more charts.</summary>
public sealed class UnitTestReport
{
    /// <summary>Made by the library only.</summary>
    internal UnitTestReport() { }

    /// <summary>True when every chart passed (the plugin's exit code 0).</summary>
    public bool Passed { get; internal set; }
    /// <summary>Every suite that ran, in order.</summary>
    public IReadOnlyList<UnitTestSuiteResult> Suites { get; internal set; } = [];
    /// <summary>Charts.</summary>
    public UnitTestCounts Charts { get; } = new();
    /// <summary>Test suites.</summary>
    public UnitTestCounts TestSuites { get; } = new();
    /// <summary>Tests.</summary>
    public UnitTestCounts Tests { get; } = new();
    /// <summary>Snapshots (passed and failed).</summary>
    public UnitTestCounts Snapshots { get; } = new();
    /// <summary>The report text (what the plugin prints on stdout).</summary>
    public string Output { get; internal set; } = "";
}
