#!/usr/bin/env python3
"""Regenerate conformance expectations from the pinned helm binaries.

Usage: python3 scripts/regen-cases.py [--jobs N] [--timeout SECONDS] [FILE.cases ...]

Without FILE arguments every ``*.cases`` file under ``testdata/cases`` is processed.  For each
case file, ``<topic>.expected.json`` is (re)written beside it.  The case format and the chart
layout are described in ``testdata/cases/README.md``; this script is its reference
implementation (the C# runner in tests/HelmSharp.Tests/Conformance mirrors it).

Helm binaries: ``$HELMSHARP_HELM4`` or ``.helm/v4/helm`` (v4) and ``$HELMSHARP_HELM3`` or
``.helm/v3/helm`` (v3), relative to the repository root.  Install them with
``bash scripts/install-helm.sh``.

Every problem (bad case file, missing binary, unexpected helm behaviour) stops the script with
a non-zero exit and a message naming the file and line.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import helm_binary, pinned_env  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES_DIR = os.path.join(ROOT, "testdata", "cases")

MARKER = "#### "
NAME_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
CHART_YAML = "apiVersion: v2\nname: case\nversion: 0.1.0\n"
OUT_YAML = 'out: {{ include "case/templates/_case.tpl" . | b64enc }}'
OUT_RE = re.compile(r"^# Source: case/templates/out\.yaml\nout: ?([A-Za-z0-9+/=]*)$", re.M)


class CaseError(Exception):
    """A malformed case file."""


@dataclass
class Case:
    name: str
    path: str
    line: int
    template: str | None = None
    values: str | None = None
    files: dict[str, str] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    only: int | None = None


def parse_cases(path: str) -> list[Case]:
    """Parses a .cases file (see testdata/cases/README.md)."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CaseError(f"{path}: not valid UTF-8: {e}") from None
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # the final newline ends the last section like a following marker would

    cases: list[Case] = []
    seen: set[str] = set()
    cur: Case | None = None
    section: str | None = None  # "template" | "values" | "file:PATH" | None (no content allowed)
    buf: list[str] = []
    buf_line = 0

    def flush() -> None:
        nonlocal buf
        if section is None:
            for i, l in enumerate(buf):
                if l.strip() != "":
                    raise CaseError(f"{path}:{buf_line + i}: text outside a section: {l!r}")
        else:
            assert cur is not None
            content = "\n".join(buf)
            if section == "template":
                cur.template = content
            elif section == "values":
                cur.values = content
            else:
                cur.files[section[5:]] = content
        buf = []

    for idx, line in enumerate(lines):
        lineno = idx + 1
        if line.startswith("#!"):
            continue  # comment line, never content
        if not line.startswith(MARKER):
            if not buf:
                buf_line = lineno
            buf.append(line)
            continue
        flush()
        marker = line[len(MARKER):]
        kw, sep, arg = marker.partition(":")
        kw = kw.strip()
        arg = arg.strip()
        section = None
        buf_line = lineno + 1
        if kw == "case" and sep:
            if not NAME_RE.match(arg):
                raise CaseError(f"{path}:{lineno}: bad case name {arg!r}")
            if arg in seen:
                raise CaseError(f"{path}:{lineno}: duplicate case name {arg!r}")
            if cur is not None and cur.template is None:
                raise CaseError(f"{path}:{cur.line}: case {cur.name!r} has no template section")
            seen.add(arg)
            cur = Case(arg, path, lineno)
            cases.append(cur)
            continue
        if cur is None:
            raise CaseError(f"{path}:{lineno}: marker before the first '#### case:'")
        if kw in ("template", "values") and not sep:
            if getattr(cur, kw) is not None:
                raise CaseError(f"{path}:{lineno}: duplicate {kw} section in case {cur.name!r}")
            section = kw
        elif kw == "file" and sep:
            p = arg
            parts = p.split("/")
            if not p or p.startswith("/") or any(x in ("", ".", "..") for x in parts) or "\\" in p:
                raise CaseError(f"{path}:{lineno}: bad file path {p!r}")
            if p in cur.files:
                raise CaseError(f"{path}:{lineno}: duplicate file {p!r} in case {cur.name!r}")
            section = "file:" + p
        elif kw == "args" and sep:
            if cur.args:
                raise CaseError(f"{path}:{lineno}: duplicate args in case {cur.name!r}")
            try:
                cur.args = shlex.split(arg)
            except ValueError as e:
                raise CaseError(f"{path}:{lineno}: bad args: {e}") from None
        elif kw == "only" and sep:
            if arg not in ("3", "4"):
                raise CaseError(f"{path}:{lineno}: only must be 3 or 4, got {arg!r}")
            cur.only = int(arg)
        else:
            raise CaseError(f"{path}:{lineno}: unknown marker {line!r}")
    flush()
    if cur is not None and cur.template is None:
        raise CaseError(f"{path}:{cur.line}: case {cur.name!r} has no template section")
    if not cases:
        raise CaseError(f"{path}: no cases")
    return cases


def write_chart(case: Case, chart_dir: str) -> None:
    """Writes the `case` chart exactly as the README describes."""
    os.makedirs(os.path.join(chart_dir, "templates"), exist_ok=True)
    files: dict[str, str] = {
        "Chart.yaml": CHART_YAML,
        "values.yaml": case.values if case.values is not None else "",
        "templates/_case.tpl": case.template or "",
        "templates/out.yaml": OUT_YAML,
    }
    files.update(case.files)  # file: sections are written last and may replace the defaults
    for rel, content in files.items():
        full = os.path.join(chart_dir, *rel.split("/"))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(content.encode("utf-8"))


def decode_text(data: bytes, key: str, entry: dict) -> None:
    try:
        entry[key] = data.decode("utf-8")
    except UnicodeDecodeError:
        entry[key + "_b64"] = base64.b64encode(data).decode("ascii")


def run_helm(helm: str, case: Case, chart_dir: str, home: str, timeout: float) -> dict:
    cmd = [helm, "template", "case", chart_dir, *case.args]
    try:
        p = subprocess.run(cmd, cwd=home, env=pinned_env(home), stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"exit": "timeout", "stdout": "", "stderr": ""}
    entry: dict = {"exit": p.returncode}
    decode_text(p.stdout, "stdout", entry)
    decode_text(p.stderr, "stderr", entry)
    if p.returncode == 0:
        out = p.stdout.decode("utf-8", errors="replace")
        m = OUT_RE.search(out)
        if m is None:
            if "templates/out.yaml" not in case.files:
                raise RuntimeError(f"{case.path}:{case.line}: case {case.name!r}: exit 0 but no out: line in stdout:\n{out}")
        else:
            payload = base64.b64decode(m.group(1), validate=True)
            try:
                entry["output"] = payload.decode("utf-8")
            except UnicodeDecodeError:
                entry["output_b64"] = m.group(1)
    return entry


def run_case(case: Case, helms: dict[int, str], timeout: float) -> dict:
    tmp = tempfile.mkdtemp(prefix="helmsharp-case-")
    try:
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        chart_dir = os.path.join(tmp, "case")
        write_chart(case, chart_dir)
        result: dict = {}
        for major in (4, 3):
            if case.only is not None and case.only != major:
                continue
            result[f"helm{major}"] = run_helm(helms[major], case, chart_dir, home, timeout)
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help=".cases files (default: all under testdata/cases)")
    ap.add_argument("--jobs", type=int, default=2, help="parallel workers (default 2)")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per helm run (default 20)")
    opts = ap.parse_args()

    files = opts.files
    if not files:
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(CASES_DIR) for f in fs if f.endswith(".cases"))
    if not files:
        sys.exit("regen-cases: no .cases files found")
    try:
        parsed = {f: parse_cases(f) for f in files}
    except (CaseError, OSError) as e:
        sys.exit(f"regen-cases: {e}")
    helms = {4: helm_binary(4, check=True), 3: helm_binary(3, check=True)}

    jobs = [(f, c) for f, cs in parsed.items() for c in cs]
    results: dict[tuple[str, str], dict] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as ex:
        futs = {ex.submit(run_case, c, helms, opts.timeout): (f, c.name) for f, c in jobs}
        for fut in concurrent.futures.as_completed(futs):
            results[futs[fut]] = fut.result()  # re-raises (loudly) any error

    for f, cs in parsed.items():
        doc = {c.name: results[(f, c.name)] for c in cs}
        out_path = re.sub(r"\.cases$", "", f) + ".expected.json"
        tmp_path = out_path + ".tmp"
        with open(tmp_path, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(doc, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        os.replace(tmp_path, out_path)
        timeouts = sum(1 for r in doc.values() for e in r.values() if e["exit"] == "timeout")
        print(f"{os.path.relpath(out_path, ROOT)}: {len(cs)} cases" + (f", {timeouts} timeouts" if timeouts else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
