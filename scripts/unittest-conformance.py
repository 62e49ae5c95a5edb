#!/usr/bin/env python3
"""Runs the helm-unittest plugin's own example and test suites through `helmsharp test` and compares with the plugin.

The plugin's repository is read from the fetched mirror (never committed here):
    /work/.mirror/helm-unittest+helm-unittest/repo   (override with --mirror)

The oracle is the plugin's repository itself:
  * pkg/unittest/.snapshots/TestV3Runner*  - the runner output its Go tests pin (cupaloy snapshots), for the runner
    settings those tests use (pkg/unittest/test_runner_test.go); compared after the same normalisation the Go tests
    apply (makeOutputSnapshotable: sections sorted, times masked);
  * assert.Contains / assert.True|False of the runner tests in test_runner_test.go and utils_test.go (the strings are
    read from the Go sources);
  * the Makefile's docker smoke test (`helm unittest -f tests/*.yaml .` over TEST_NAMES, expected to exit 0) and the
    library-chart readme's documented command.

Per test job the plugin's outcome (passed/failed/skipped) is derived from the snapshot's suite blocks (a job listed
under a FAIL suite failed, `- SKIPPED` skipped, others passed) or, without a snapshot, from the run's expected
success (a passing chart means no failed job). Our outcome comes from the JUnit report of the same run.

Usage: python3 scripts/unittest-conformance.py [--mirror DIR] [--only NAME] [--verbose]
Prints one line per configuration and ends with: `tests: N agree, M differ (P%)`.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_MIRROR = "/work/.mirror/helm-unittest+helm-unittest/repo"

# The runner settings of the plugin's Go tests (pkg/unittest/test_runner_test.go, utils_test.go). Fields:
#   go: the Go test whose snapshot / assertions are the oracle; charts, files, values (relative to pkg/unittest);
#   subchart (Go's TestRunner default is false), failfast, strict, chart_tests_path, passed (assert.True/False).
CONST = {
    "testTestFiles": "tests/*_test.yaml",
    "testTestFailedFiles": "tests_failed/*_test.yaml",
    "testValuesFiles": "../../test/data/services_values.yaml",
    "testExternalValuesFiles": "../../test/data/external/ns_values.yaml",
    "testExternalSubTestFiles": "../../test/data/external/*.yaml",
    "testExternalTestFiles": "../../test/data/external/tests/*.yaml",
}

V3 = "../../test/data/v3/"

CONFIGS = [
    dict(go="TestV3RunnerOkWithPassedTests", charts=[V3 + "basic"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithSubSubChartsPassedTests", charts=[V3 + "with-subsubcharts"], files=["tests/*_test.yaml"], subchart=True, passed=True),
    dict(go="TestV3RunnerOkWithFailingTemplatePassedTest", charts=[V3 + "failing-template"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithOverrideValuesPassedTests", charts=[V3 + "basic"], files=["tests/*_test.yaml"],
         values=["../../test/data/services_values.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithAbsoluteOverrideValuesPassedTests", charts=[V3 + "basic"], files=["tests/*_test.yaml"],
         values=["@ABS@../../test/data/services_values.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithFailedTests", charts=[V3 + "basic"], files=["tests_failed/*_test.yaml"], passed=False),
    dict(go="TestV3RunnerOkWithSubSubfolder", charts=[V3 + "with-subfolder"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerWithTestsInSubchart", charts=[V3 + "with-subchart"], files=["tests/*_test.yaml"], subchart=True, passed=True),
    dict(go="TestV3RunnerWithTestsInSubchartButFlagFalse", charts=[V3 + "with-subchart"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkGlobalDoubleWithPassedTests", charts=[V3 + "global-double-setting"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithFiles", charts=[V3 + "with-files"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithFullsnapshot", charts=[V3 + "full-snapshot"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithRenderedTests", charts=[V3 + "with-helm-tests"], files=["@NONE@"], chart_tests_path="tests-chart", passed=True),
    dict(go="TestV3RunnerOkWithDocumentSelector", charts=[V3 + "with-document-select"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithDocumentSelectorWithFailedTests", charts=[V3 + "with-document-select"], files=["tests_failed/*_test.yaml"], passed=False),
    dict(go="TestV3RunnerOkWithFakeK8sClient", charts=[V3 + "with-k8s-fake-client"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithPostRenderer", charts=[V3 + "with-post-renderer"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithSchemaValidation", charts=[V3 + "with-schema"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkPackagedChartWithExternalUnittest", charts=[V3 + "with-subchart/charts/postgresql-0.8.3.tgz"],
         files=["../../test/data/external/*.yaml"], passed=True),
    dict(go="TestV3RunnerOkPackagedChart", charts=[V3 + "with-packaged-0.1.0.tgz"], files=["../../test/data/external/tests/*.yaml"],
         values=["../../test/data/external/ns_values.yaml"], passed=True),
    dict(go="TestV3RunnerInvalidTestSuiteFailfast", charts=[V3 + "invalidbasic"], files=["tests/*_test.yaml"], failfast=True, passed=False),
    dict(go="TestV3RunnerOkWithDocumentSelect", charts=[V3 + "with-document-select"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerOkWithSkippedTestsWhenSubchartDisabledOnCondition", charts=[V3 + "with-disabled-subchart-on-condition"],
         files=["tests/*_test.yaml"], subchart=True, passed=True),
    dict(go="TestV3RunnerOkWithSkippedTestsWhenSubchartDisabledOnTags", charts=[V3 + "with-disabled-subchart-on-tags"],
         files=["tests/*_test.yaml"], subchart=True, passed=True),
    # utils_test.go fixtures (pkg/unittest/testdata)
    dict(go="TestV3RunnerWith_Fixture_Chart_ErrorWhenMetaCharacters", charts=["testdata/chart-failed-template"], files=["tests/*_test.yaml"], passed=True),
    dict(go="TestV3RunnerWith_Fixture_Chart_YamlSeparator", charts=["testdata/chart-yaml-separator"], files=["tests/*_test.yaml"]),
    dict(go="TestV3RunnerWith_Fixture_Chart_SkipTest", charts=["testdata/chart-skip-test"], files=["tests/*_test.yaml"]),
    dict(go="TestV3RunnerWith_Fixture_Chart_PostRenderer", charts=["testdata/chart-post-renderer"], files=["tests/*_test.yaml"]),
    dict(go="TestV3RunnerWith_Fixture_Chart_WithSubchartV1", charts=["testdata/chart-subchart-v1"], files=["tests/*_test.yaml"], strict=True),
    dict(go="TestV3RunnerWith_Fixture_Chart_SkipEmptyTemplateWhenEmpty", charts=["testdata/chart-skipemptytemplate-no-match"], files=["tests/*_test.yaml"], strict=True),
    dict(go="TestV3RunnerWith_Fixture_Chart_SpecialCharacters", charts=["testdata/chart-special-characters"], files=["tests/*_test.yaml"], strict=True),
    dict(go="TestV3RunnerWith_Fixture_Chart_WithSnapshot_Success", charts=["testdata/chart-snapshot"], files=["tests/success/*_test.yaml"], strict=True),
    dict(go="TestV3RunnerWith_Fixture_Chart_WithSnapshot_Failed", charts=["testdata/chart-snapshot"], files=["tests/failed/*_test.yaml"], strict=True),
]

# The table-driven fixture tests: (Go test, case fields → runner settings)
TABLE_TESTS = ["TestV3RunnerWith_Fixture_Chart_FailFast", "TestV3RunnerWith_Fixture_Chart_DocumentSelector"]


def go_functions(src):
    """name -> body of each top-level func in a Go file."""
    out = {}
    for m in re.finditer(r"^func (\w+)\(t \*testing\.T\) \{\n(.*?)^\}\n", src, re.S | re.M):
        out[m.group(1)] = m.group(2)
    return out


def go_string(lit):
    """A Go interpreted string literal's value (the escapes the tests use)."""
    return bytes(lit[1:-1], "utf-8").decode("unicode_escape")


def contains_strings(body):
    return [go_string(m.group(1)) for m in re.finditer(r'assert\.Contains\(t, buffer\.String\(\), ("(?:[^"\\]|\\.)*")\)', body)]


def table_cases(name, body):
    """The cases of a table-driven fixture test as runner configurations."""
    cases = []
    for m in re.finditer(r"\{\s*chart:\s*(\"[^\"]*\"),(.*?)expected:\s*\[\]string\{(.*?)\},\s*\},", body, re.S):
        chart = go_string(m.group(1))
        fields = m.group(2)
        flavor = re.search(r'testFlavor:\s*("[^"]*")', fields)
        failfast = re.search(r"failFast:\s*(true|false)", fields)
        expected = [go_string(s) for s in re.findall(r'("(?:[^"\\]|\\.)*")', m.group(3))]
        flavor = go_string(flavor.group(1)) if flavor else ""
        pattern = re.search(r'fmt\.Sprintf\("([^"]*)", tt\.testFlavor\)', body).group(1).replace("%s", flavor)
        cases.append(dict(go=f"{name}[{flavor}{' failfast' if failfast and failfast.group(1) == 'true' else ''}]",
                          charts=[chart], files=[pattern], failfast=bool(failfast and failfast.group(1) == "true"),
                          contains=expected))
    return cases


SECTION = re.compile(r"( PASS | FAIL |\n*###|\n*Charts:|\n*Snapshot Summary:)")
TIME = re.compile(r"(Time:\s+)(?:[\d\.]+)(s|ms|\xb5s)")


def snapshotable(output):
    """The plugin's makeOutputSnapshotable, joined as cupaloy writes string values."""
    output = output.replace("\\", "/")
    output = TIME.sub(r"\1XX.XXXms", output)
    locs = [m.start() for m in SECTION.finditer(output)]
    sections = []
    begin = -1
    for i, start in enumerate(locs):
        end = locs[i + 1] if i + 1 < len(locs) else len(output)
        content = output[start:end]
        head = content[:6]
        if head in (" PASS ", " FAIL "):
            sections.append(content.rstrip("\n"))
            if begin == -1:
                begin = i
        else:
            sections.append(content)
            if begin != -1:
                sections[begin:i] = sorted(sections[begin:i])
                begin = -1
    return "".join(s + "\n" for s in sections)


def suite_blocks(text):
    """(path, suite name) -> (label, failed job names, skipped job names, exec error) from a report."""
    blocks = {}
    current = None
    for line in text.split("\n"):
        m = re.match(r"^ (PASS|FAIL|SKIP)  (.*)\t(.*)$", line)
        if m:
            current = [m.group(1), set(), set(), False]
            blocks.setdefault((m.group(3), m.group(2)), []).append(current)
            continue
        if current is None:
            continue
        m = re.match(r"^\t- SKIPPED '(.*)'$", line)
        if m:
            current[2].add(m.group(1))
            continue
        if line.startswith("\t- Execution Error"):
            current[3] = True
            continue
        m = re.match(r"^\t- (.*)$", line)
        if m:
            current[1].add(m.group(1))
    return blocks


def xunit_tests(path):
    """[(suite file, suite name, [(job name, status)])] per suite, from our xUnit report (which names the suite file)."""
    suites = []
    if not os.path.exists(path):
        return suites
    root = ET.parse(path).getroot()
    for asm in root.findall("assembly"):
        for col in asm.findall("collection"):
            jobs = []
            for tc in col.findall("test"):
                status = {"Pass": "passed", "Fail": "failed", "Skip": "skipped"}.get(tc.get("result"), "failed")
                jobs.append((tc.get("name"), status))
            suites.append((asm.get("name").replace("\\", "/"), col.get("name"), jobs))
    return suites


def summary_counts(text, label):
    m = re.search(r"^" + re.escape(label) + r":\s+(.*)$", text, re.M)
    if not m:
        return None
    counts = {"failed": 0, "passed": 0, "skipped": 0, "total": 0}
    for n, k in re.findall(r"(\d+) (failed|passed|skipped|total)", m.group(1)):
        counts[k] = int(n)
    return counts


def run_config(cli, work, cfg, verbose):
    cwd = os.path.join(work, "pkg", "unittest")
    report = os.path.join(tempfile.mkdtemp(prefix="hs-xunit-"), "xunit.xml")
    args = ["dotnet", cli, "test", "--output-type", "XUnit", "--output-file", report]
    if not cfg.get("subchart"):
        args.append("--with-subchart=false")
    for f in cfg.get("files", []):
        args += ["-f", "__no_test_files__/*.yaml" if f == "@NONE@" else f]
    for v in cfg.get("values", []):
        args += ["-v", os.path.abspath(os.path.join(cwd, v[len("@ABS@"):])) if v.startswith("@ABS@") else v]
    if cfg.get("failfast"):
        args.append("--failfast")
    if cfg.get("strict"):
        args.append("--strict")
    if cfg.get("chart_tests_path"):
        args += ["--chart-tests-path", cfg["chart_tests_path"]]
    args += cfg["charts"]
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr, xunit_tests(report)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirror", default=DEFAULT_MIRROR)
    ap.add_argument("--only")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()

    if not os.path.isdir(a.mirror):
        print(f"mirror not found: {a.mirror} (fetch github:helm-unittest/helm-unittest)", file=sys.stderr)
        return 2
    cli_proj = os.path.join(ROOT, "src", "HelmSharp.Cli")
    if not a.no_build:
        subprocess.run(["dotnet", "build", cli_proj, "-c", "Release", "-v", "q", "-nologo"], check=True, stdout=subprocess.DEVNULL)
    cli = os.path.join(cli_proj, "bin", "Release", "net10.0", "HelmSharp.Cli.dll")

    git = ["git", "--git-dir=" + a.mirror]
    src_runner = subprocess.run(git + ["show", "HEAD:pkg/unittest/test_runner_test.go"], capture_output=True, text=True, check=True).stdout
    src_utils = subprocess.run(git + ["show", "HEAD:pkg/unittest/utils_test.go"], capture_output=True, text=True, check=True).stdout
    funcs = {**go_functions(src_runner), **go_functions(src_utils)}
    makefile = subprocess.run(git + ["show", "HEAD:Makefile"], capture_output=True, text=True, check=True).stdout

    configs = []
    for cfg in CONFIGS:
        body = funcs.get(cfg["go"], "")
        cfg = dict(cfg)
        cfg["contains"] = contains_strings(body)
        m = re.search(r"assert\.(True|False)\(t, passed", body)
        if m:
            cfg["passed"] = m.group(1) == "True"
        configs.append(cfg)
    for name in TABLE_TESTS:
        configs += table_cases(name, funcs.get(name, ""))
    names = re.search(r"TEST_NAMES \?=(.*?)\n\n", makefile, re.S).group(1).replace("\\", " ").split()
    for n in names:
        configs.append(dict(go=f"Makefile test-docker[{n}]", charts=[V3 + n], files=["tests/*.yaml"], subchart=True, passed=True, contains=[], smoke=True))
    configs.append(dict(go="library-chart readme", charts=[V3 + "library-chart/tests/chart"], files=["tests/unit/*.yaml"], subchart=True,
                        passed=True, contains=[], smoke=True))

    snapshots = {}
    tree = subprocess.run(git + ["ls-tree", "--name-only", "HEAD", "pkg/unittest/.snapshots/"], capture_output=True, text=True, check=True).stdout.split()
    for path in tree:
        snapshots[os.path.basename(path)] = subprocess.run(git + ["show", "HEAD:" + path], capture_output=True, text=True, check=True).stdout

    pristine = tempfile.mkdtemp(prefix="hs-unittest-")
    archive = subprocess.run(git + ["archive", "HEAD", "test", "pkg/unittest/testdata"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", pristine], input=archive, check=True)
    os.makedirs(os.path.join(pristine, "pkg", "unittest"), exist_ok=True)

    agree = differ = 0
    exact = exact_total = 0
    for cfg in configs:
        if a.only and a.only not in cfg["go"]:
            continue
        work = tempfile.mkdtemp(prefix="hs-unittest-run-")
        shutil.rmtree(work)
        shutil.copytree(pristine, work, symlinks=True)
        code, out, err, ours = run_config(cli, work, cfg, a.verbose)
        problems = []
        expected_pass = cfg.get("passed")
        if expected_pass is not None and (code == 0) != expected_pass:
            problems.append(f"exit {code}, plugin {'passes' if expected_pass else 'fails'}")
        for s in cfg.get("contains", []):
            if s not in out:
                problems.append(f"missing {s!r}")
        snap = snapshots.get(cfg["go"])
        job_agree = job_differ = 0
        if snap is not None:
            exact_total += 1
            if snapshotable(out) == snap:
                exact += 1
            else:
                problems.append("output differs from the plugin's snapshot")
            want = suite_blocks(snap)
            # job outcomes: ours from JUnit, the plugin's from its suite blocks (matched by suite name and order)
            # job outcomes: ours from the xUnit report, the plugin's from its suite blocks (by suite file and name, in order)
            want_total = summary_counts(snap, "Tests")
            by_suite = {}
            for path, suite, jobs in ours:
                by_suite.setdefault((path, suite), []).append(jobs)
            for key, blocks in sorted(want.items()):
                cols = by_suite.pop(key, [])
                for i, b in enumerate(blocks):
                    label, failed, skipped, exec_error = b
                    for job, status in (cols[i] if i < len(cols) else []):
                        exp = "skipped" if label == "SKIP" or job in skipped else "failed" if job in failed else "passed"
                        # a job whose assertions were all skipped passes in the plugin's count and is "Skip" in its report
                        if exp == status or exp == "passed" and status == "skipped":
                            job_agree += 1
                        else:
                            job_differ += 1
                            problems.append(f"{key[1]} / {job}: ours {status}, plugin {exp}")
            total_ours = job_agree + job_differ
            if want_total and want_total["total"] > total_ours:
                job_differ += want_total["total"] - total_ours
                problems.append(f"{want_total['total'] - total_ours} jobs of the plugin's run not seen")
            for key, cols in by_suite.items():
                n = sum(len(c) for c in cols)
                job_differ += n
                problems.append(f"suite {key!r} ({n} jobs) not in the plugin's run")
        else:
            # without a snapshot: a chart the plugin passes has no failed job; compare the summary's Tests line when the test pins one
            want_tests = None
            for s in cfg.get("contains", []):
                if s.startswith("Tests:"):
                    want_tests = summary_counts(s, "Tests")
            got_tests = summary_counts(out, "Tests") or {"failed": 0, "passed": 0, "skipped": 0, "total": 0}
            if want_tests:
                d = max(abs(want_tests[k] - got_tests[k]) for k in ("failed", "passed", "skipped"))
                job_differ += d
                job_agree += max(got_tests["total"] - d, 0)
            elif expected_pass:
                jobs = [(suite, job, st) for _, suite, js in ours for job, st in js]
                failed = [t for t in jobs if t[2] == "failed"]
                job_differ += len(failed)
                job_agree += len(jobs) - len(failed)
                for t in failed:
                    problems.append(f"{t[0]} / {t[1]}: ours failed, plugin passes the chart")
            else:
                bad = 1 if problems else 0
                job_differ += bad * max(got_tests["total"], 1)
                job_agree += (1 - bad) * got_tests["total"]
        agree += job_agree
        differ += job_differ
        status = "ok  " if not problems else "DIFF"
        print(f"{status} {cfg['go']}: jobs {job_agree} agree, {job_differ} differ")
        if problems and (a.verbose or a.only):
            for p in problems[:40]:
                print("     " + p)
            if a.verbose and snap is not None and snapshotable(out) != snap:
                import difflib
                for line in difflib.unified_diff(snap.split("\n"), snapshotable(out).split("\n"), "plugin", "helmsharp", lineterm="", n=1):
                    print("     | " + line)
            if err.strip():
                print("     stderr: " + err.strip()[:500])
        shutil.rmtree(work, ignore_errors=True)
    total = agree + differ
    pct = 100.0 * agree / total if total else 0.0
    print(f"exact report match: {exact}/{exact_total} snapshot runs")
    print(f"tests: {agree} agree, {differ} differ ({pct:.1f}%)")
    shutil.rmtree(pristine, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
