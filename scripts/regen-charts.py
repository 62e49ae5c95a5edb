#!/usr/bin/env python3
"""Regenerate the chart-level golden corpus (testdata/golden) from the pinned helm binaries.

For every chart directory testdata/charts/<name>/ and every value set
testdata/charts/<name>.values/<set>.yaml this runs, from the repository root,

    helm template <release> testdata/charts/<name> -f testdata/charts/<name>.values/<set>.yaml <args...>

with helm 4 and helm 3 and writes testdata/golden/<name>/<set>.helm{4,3}.{out,err,exit}.

<args...> come from the optional testdata/charts/<name>.values/<set>.args: one argument per line,
blank lines and lines starting with '#' ignored. Two pseudo-arguments are understood:
  --release-name NAME   (or --release-name=NAME) replaces the default release name "golden";
                        NAME "-" means "give no release name" (helm then uses "release-name").
  --only 3|4            generate (and test) for that helm major only.
The NUnit runner (tests/HelmSharp.Tests/Charts/Golden) builds exactly the same argument vector.

Usage: scripts/regen-charts.py [CHART-NAME ...]     (default: all charts)
Binaries: $HELMSHARP_HELM4 / $HELMSHARP_HELM3, else <repo>/.helm/v{4,3}/helm (scripts/oracle.py).
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import helm_binary, run_agreed, write_golden  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHARTS = os.path.join("testdata", "charts")
GOLDEN = os.path.join("testdata", "golden")
DEFAULT_RELEASE = "golden"
TIMEOUT = 120
RUNS = int(os.environ.get("REGEN_RUNS", "3"))  # each command runs RUNS times; outputs must agree


def read_args(path):
    """Returns (release or None, helm args, only-major or None)."""
    release = DEFAULT_RELEASE
    only = None
    args = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            lines = [l.rstrip("\n").rstrip("\r") for l in f]
        lines = [l for l in lines if l.strip() != "" and not l.startswith("#")]
        i = 0
        while i < len(lines):
            l = lines[i]
            if l == "--release-name":
                release = lines[i + 1]
                i += 2
                continue
            if l.startswith("--release-name="):
                release = l[len("--release-name="):]
                i += 1
                continue
            if l == "--only":
                only = int(lines[i + 1])
                i += 2
                continue
            args.append(l)
            i += 1
    if release == "-":
        release = None
    return release, args, only


def command_line(chart, value_set, release, extra):
    argv = ["template"]
    if release is not None:
        argv.append(release)
    argv.append(CHARTS + "/" + chart)
    argv += ["-f", CHARTS + "/" + chart + ".values/" + value_set + ".yaml"]
    argv += extra
    return argv


def run_one(major, chart, value_set, tmp):
    release, extra, only = read_args(os.path.join(CHARTS, chart + ".values", value_set + ".args"))
    base = os.path.join(GOLDEN, chart, "%s.helm%d" % (value_set, major))
    for ext in (".out", ".err", ".exit"):
        if os.path.exists(base + ext):
            os.remove(base + ext)
    if only is not None and only != major:
        return None
    argv = [helm_binary(major)] + command_line(chart, value_set, release, extra)
    # helm output that is not the same in every run (e.g. several schema errors in Go map order) cannot be a
    # golden: run_agreed stops; fix the chart or the value set.
    out, err, code = run_agreed(argv, ROOT, os.path.join(tmp, "home"), RUNS, TIMEOUT)
    write_golden(base, out, err, code)
    return code


def main():
    os.chdir(ROOT)
    names = sys.argv[1:]
    if not names:
        names = sorted(d for d in os.listdir(CHARTS)
                       if os.path.isdir(os.path.join(CHARTS, d)) and not d.endswith(".values")
                       and not d.startswith("_"))
    for chart in names:
        vdir = os.path.join(CHARTS, chart + ".values")
        if not os.path.isdir(vdir):
            raise SystemExit("no value sets for chart %s" % chart)
        sets = sorted(f[:-5] for f in os.listdir(vdir) if f.endswith(".yaml"))
        if len(sets) < 2:
            print("warning: chart %s has fewer than two value sets" % chart, file=sys.stderr)
        for s in sets:
            codes = []
            for major in (4, 3):
                tmp = tempfile.mkdtemp(prefix="regen-charts-")
                try:
                    codes.append(run_one(major, chart, s, tmp))
                finally:
                    shutil.rmtree(tmp, ignore_errors=True)
            print("%-28s %-20s helm4=%s helm3=%s" % (chart, s, codes[0], codes[1]))


if __name__ == "__main__":
    main()
