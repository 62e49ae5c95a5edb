#!/usr/bin/env python3
"""Write testdata/functions/semver-matrix.cases and its expectations from the pinned helm binaries.

Usage: python3 scripts/gen-semver-cases.py [--no-helm] [--jobs N]

The matrix crosses Masterminds/semver constraints with versions through Sprig's ``semverCompare``
(and parses odd versions with ``semver``): every constraint below against every version below,
each malformed constraint against ``1.2.3``, and each edge version through ``semver`` and
``semverCompare "*"``. helm 4 (semver v3.4.0) and helm 3 (v3.3.0) disagree on some of them, so the
cases run on both majors.

Only the inputs live here. The file is in the case format of ``testdata/cases/README.md`` but
outside ``testdata/cases``: it is read by the unit test that calls Sprig's semver functions directly
(``tests/HelmSharp.Tests/Sprig/SprigHelmConformanceTests.cs``), not rendered case by case through the
CLI by the conformance runner (a thousand renders of one pure function would only cost time; the
end-to-end path is covered by ``testdata/cases/functions/semver.cases``). A call whose template is
already a case of ``semver.cases`` is left out (one home per case). The expectations are helm's:
after writing the case file, this script runs ``scripts/regen-cases.py`` on it, which writes
``semver-matrix.expected.json`` beside it (``--no-helm`` skips that step).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "testdata", "functions", "semver-matrix.cases")
EXISTING = os.path.join(ROOT, "testdata", "cases", "functions", "semver.cases")

# Constraints every version is compared against.
CONSTRAINTS = [
    "1.2.3", "=1.2.3", "!=1.2.3", ">1.2.3", "<1.2.3", ">=1.2.3", "<=1.2.3", "=>1.2.3", "=<1.2.3",
    "~1.2.3", "~>1.2.3", "^1.2.3", "^0.2.3", "^0.0.3", "^0.0", "^0", "~0", "~0.0.0",
    "1.x", "1.2.x", "*", "x", "X", "1.*", ">1.x", ">1.2.x", "<=1.x", "<=1.2.x", "!=1.x", "!=1.2.x",
    "1.2.3 - 2.3.4", "1.2 - 2", ">=1.0 <2.0", ">=1.0, <2.0", ">=1.0,<2.0", "<1.0 || >=2.0",
    "^1.2.3-beta", "~1.2.3-beta.1", ">=1.2.3-0", ">1.2.3-alpha.10", "v1.2.3", "=v1.2", "^v1",
    "1.2.3+build", ">=1.2.3+build", "1.2.3-beta.2 - 1.2.4", "!=1.2.3-beta", "~2.x", "^2.x", "^0.x",
    "~1", "^1.x.x", ">= 1.2", " >= 1.2 ", "^1 || ^2", "~1.2 || ~1.3", "<=1.2.3-alpha",
]

# The versions compared against each constraint.
VERSIONS = [
    "1.2.3", "1.2.4", "1.3.0", "2.0.0", "0.2.5", "0.0.3", "0.0.4", "1.2.3-beta", "1.2.3-beta.2",
    "1.2.3-alpha.9", "1.2.3+meta", "v1.2.3", "1.2", "1", "0.1.0", "1.2.4-rc.1", "2.3.4", "0.0.0", "10.0.0",
]

# Malformed (or borderline) constraints, each compared against 1.2.3.
BAD_CONSTRAINTS = [
    "", "foo", "1.2.3.4", ">>1.2", "1.2.3 || foo", "~", "^", "1.2.3,,1.2.4", "a.b.c", "1.2.3 ||",
    "|| 1.2.3", ">= 1.2.3 - 2", "1.2.3--beta", "1.2.3-01", "1.x.3", "1.2.3-beta..1", "v1.2.3 - v2.0",
]

# Versions at the edges of the grammar: parsed by `semver` and compared with `semverCompare "*"`.
EDGE_VERSIONS = [
    "", "foo", "1.2.3.4", "v1.2.3", "V1.2.3", "1.2.3-", "1.2.3+", "1.2.3-01", "1.2.3-0a", "1.2.3+01",
    "01.2.3", "1.02.3", "99999999999999999999.0.0", "18446744073709551615.0.0", "1.2.3-beta_1",
    "1.2.3-be ta", " 1.2.3", "1.2.3-beta.1+build.5",
]


def quote(s: str) -> str:
    """A Go interpreted string literal (JSON's escapes are a subset of Go's)."""
    return json.dumps(s, ensure_ascii=False)


def calls() -> list[tuple[str, str]]:
    """(case name, template) in matrix order; names are positions in the full matrix, so they stay put."""
    out = []
    for i, c in enumerate(CONSTRAINTS):
        for j, v in enumerate(VERSIONS):
            out.append((f"cmp-{i:02d}-{j:02d}", f"{{{{ semverCompare {quote(c)} {quote(v)} }}}}"))
    for i, c in enumerate(BAD_CONSTRAINTS):
        out.append((f"bad-{i:02d}", f"{{{{ semverCompare {quote(c)} {quote('1.2.3')} }}}}"))
    for i, v in enumerate(EDGE_VERSIONS):
        out.append((f"edge-{i:02d}-parse", f"{{{{ semver {quote(v)} }}}}"))
        out.append((f"edge-{i:02d}-any", f"{{{{ semverCompare {quote('*')} {quote(v)} }}}}"))
    return out


def existing_templates() -> set[str]:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import importlib.util
    spec = importlib.util.spec_from_file_location("regen_cases", os.path.join(ROOT, "scripts", "regen-cases.py"))
    mod = importlib.util.module_from_spec(spec)
    sys.modules["regen_cases"] = mod
    spec.loader.exec_module(mod)
    return {c.template for c in mod.parse_cases(EXISTING)
            if not c.values and not c.files and not c.args and c.only is None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-helm", action="store_true", help="write the case file only")
    ap.add_argument("--jobs", type=int, default=2, help="parallel helm runs for regen-cases.py (default 2)")
    opts = ap.parse_args()

    have = existing_templates()
    seen: set[str] = set()
    kept, in_semver, repeated = [], 0, 0
    for name, template in calls():
        if template in have:
            in_semver += 1
        elif template in seen:
            repeated += 1
        else:
            seen.add(template)
            kept.append((name, template))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("#! Generated by scripts/gen-semver-cases.py (constraint x version matrix); do not edit, edit the script.\n")
        f.write("#! Calls already in semver.cases are left out. Expectations: scripts/regen-cases.py, run by the same script.\n")
        for name, template in kept:
            f.write(f"#### case: {name}\n#### template\n{template}\n")
    print(f"{os.path.relpath(OUT, ROOT)}: {len(kept)} cases "
          f"({in_semver} already in semver.cases, {repeated} repeated in the matrix, left out)")
    if opts.no_helm:
        return 0
    return subprocess.call([sys.executable, os.path.join(ROOT, "scripts", "regen-cases.py"), "--jobs", str(opts.jobs), OUT])


if __name__ == "__main__":
    sys.exit(main())
