#!/usr/bin/env python3
"""YAML differential testing: helm's YAML reader (go-yaml v2 through sigs.k8s.io/yaml) against HelmSharp's.

Every document is read three ways, each by helm v4.1.4, helm v3.17.3 and HelmSharp (in helm-4 and
helm-3 mode), and the complete results (exit code, stdout, stderr) are compared:

  values    the document is a chart's values.yaml; the chart prints `.Values | toJson | b64enc`
  manifest  the document is a rendered manifest (a template printing `.Files.Get` of it)
  fromyaml  the document goes through `fromYaml`, printed as `toJson | b64enc`

Commands

  run      real YAML files (values files, ci/*.yaml, Chart.yaml, CRDs, examples ... everything
           ending in .yaml/.yml outside templates/) from the bare git repositories under
           SOURCE/*/repo, plus seeded mutations of them (an indent off by one, a tab, a blank
           line of spaces in a block scalar, a stray indicator, cut-off text, anchors, bytes that
           are not UTF-8, CRLF, a BOM, document markers ...). Prints every difference and a summary.
             scripts/yaml-diff.py run --source /work/.mirror --hs /tmp/aot/HelmSharp.Cli \\
                 --mutations 2 --limit 5000 --save /tmp/yaml-diffs
  regen    writes testdata/yaml/<suite>.expected.json from the helm binaries for the documents
           testdata/yaml/<suite>/*.yaml (the corpus the NUnit test YamlCorpusTests replays).
             scripts/yaml-diff.py regen testdata/yaml/block-scalars
  run --corpus testdata/yaml/<suite> ...   compares HelmSharp with helm live on corpus documents.

Batching: helm starts in 50-100 ms, so documents are batched: one chart holds many documents
(values: one subchart per document; manifest: one template per document; fromyaml: one template
reading them all). A values or manifest error stops helm at the first failing document, which the
error names; that document's result is recorded and the rest of the batch runs again. Documents
whose results differ are run alone (a chart of one document, the layout the corpus uses) to be
reported precisely.

The chart layouts (one document `doc` for the corpus; the NUnit runner builds the same files):

  values    Chart.yaml (vb), charts/<key>/Chart.yaml, charts/<key>/values.yaml = document,
            charts/<key>/templates/out.yaml = "<key>: {{ .Values | toJson | b64enc }}\\n"
  manifest  Chart.yaml (mb), docs/<key> = document, templates/<key>.yaml = {{ .Files.Get "docs/<key>" }}
  fromyaml  Chart.yaml (fb), docs/<key> = document, templates/out.yaml =
            {{- range $k := list "<key>" ... }}\\n{{ $k }}: {{ $.Files.Get (printf "docs/%s" $k) | fromYaml | toJson | b64enc }}\\n{{- end }}\\n

helm runs as `helm template <chart> <dir>` with a pinned environment (as regen-cases.py does);
HelmSharp runs as `<hs> template <chart> <dir> [--helm3]`.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODES = ("values", "manifest", "fromyaml")
CHART_NAMES = {"values": "vb", "manifest": "mb", "fromyaml": "fb"}
TIMEOUT = 60


# ---------------------------------------------------------------------------------------------
# chart layouts

def chart_files(mode: str, docs: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """The chart for `mode` holding `docs` ([(key, bytes)]); keys are [a-z0-9]+."""
    name = CHART_NAMES[mode]
    files: dict[str, bytes] = {"Chart.yaml": f"apiVersion: v2\nname: {name}\nversion: 0.1.0\n".encode()}
    if mode == "values":
        for key, data in docs:
            files[f"charts/{key}/Chart.yaml"] = f"apiVersion: v2\nname: {key}\nversion: 0.1.0\n".encode()
            files[f"charts/{key}/values.yaml"] = data
            files[f"charts/{key}/templates/out.yaml"] = (key + ": {{ .Values | toJson | b64enc }}\n").encode()
    elif mode == "manifest":
        for key, data in docs:
            files[f"docs/{key}"] = data
            files[f"templates/{key}.yaml"] = ('{{ .Files.Get "docs/' + key + '" }}').encode()
    else:
        keys = " ".join('"' + k + '"' for k, _ in docs)
        for key, data in docs:
            files[f"docs/{key}"] = data
        files["templates/out.yaml"] = (
            "{{- range $k := list " + keys + " }}\n"
            "{{ $k }}: {{ $.Files.Get (printf \"docs/%s\" $k) | fromYaml | toJson | b64enc }}\n"
            "{{- end }}\n").encode()
    return files


def write_chart(files: dict[str, bytes], chart_dir: str) -> None:
    for rel, data in files.items():
        full = os.path.join(chart_dir, *rel.split("/"))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)


# ---------------------------------------------------------------------------------------------
# running helm and HelmSharp

def helm_binary(major: int) -> str:
    env = os.environ.get(f"HELMSHARP_HELM{major}")
    if env:
        return env
    local = os.path.join(ROOT, ".helm", f"v{major}", "helm")
    return local if os.path.exists(local) else f"/work/main/.helm/v{major}/helm"


def pinned_env(home: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
        "KUBECONFIG": os.path.join(home, "no-kubeconfig"),
        "TZ": "UTC",
        "LANG": "C",
        "LC_ALL": "C",
    }


class Runner:
    """Runs a chart through one implementation: ('helm', 4|3) or ('hs', 4|3)."""

    def __init__(self, hs_cmd: list[str] | None):
        self.hs_cmd = hs_cmd

    def run(self, impl: str, major: int, mode: str, docs: list[tuple[str, bytes]]) -> dict:
        tmp = tempfile.mkdtemp(prefix="yaml-diff-")
        try:
            home = os.path.join(tmp, "home")
            os.makedirs(home)
            chart_dir = os.path.join(tmp, CHART_NAMES[mode])
            write_chart(chart_files(mode, docs), chart_dir)
            if impl == "helm":
                cmd = [helm_binary(major), "template", CHART_NAMES[mode], chart_dir]
            else:
                assert self.hs_cmd
                cmd = [*self.hs_cmd, "template", CHART_NAMES[mode], chart_dir]
                if major == 3:
                    cmd.append("--helm3")
            try:
                p = subprocess.run(cmd, cwd=home, env=pinned_env(home), stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=TIMEOUT)
                return {"exit": p.returncode, "stdout": p.stdout, "stderr": p.stderr}
            except subprocess.TimeoutExpired:
                return {"exit": "timeout", "stdout": b"", "stderr": b""}
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def to_json_result(r: dict) -> dict:
    """A run result as JSON (text, or base64 when not UTF-8)."""
    out = {"exit": r["exit"]}
    for k in ("stdout", "stderr"):
        try:
            out[k] = r[k].decode("utf-8")
        except UnicodeDecodeError:
            out[k + "_b64"] = base64.b64encode(r[k]).decode("ascii")
    return out


# ---------------------------------------------------------------------------------------------
# attributing batch output to documents

SOURCE_RE = re.compile(rb"^---\n# Source: ([^\n]+)\n", re.M)


def split_sources(stdout: bytes) -> dict[str, bytes]:
    """stdout of helm template → {source path: text (documents of the same source concatenated)}."""
    parts: dict[str, bytes] = {}
    ms = list(SOURCE_RE.finditer(stdout))
    for i, m in enumerate(ms):
        end = ms[i + 1].start() if i + 1 < len(ms) else len(stdout)
        src = m.group(1).decode("utf-8", "replace")
        parts[src] = parts.get(src, b"") + stdout[m.start():end]
    return parts


def per_doc_output(mode: str, stdout: bytes, keys: list[str]) -> dict[str, bytes]:
    """Each document's share of a successful batch output."""
    res: dict[str, bytes] = {}
    if mode == "fromyaml":
        for line in stdout.split(b"\n"):
            k, sep, v = line.partition(b": ")
            if sep and k.decode("ascii", "replace") in keys:
                res[k.decode()] = v
        return res
    parts = split_sources(stdout)
    name = CHART_NAMES[mode]
    for k in keys:
        src = f"{name}/charts/{k}/templates/out.yaml" if mode == "values" else f"{name}/templates/{k}.yaml"
        res[k] = parts.get(src, b"")
    return res


def failing_key(mode: str, stderr: bytes) -> str | None:
    """The document a values/manifest error names."""
    if mode == "values":
        m = re.search(rb"error unpacking subchart (\w+) in vb", stderr)
    elif mode == "manifest":
        m = re.search(rb"(?:YAML parse error on|on) mb/templates/(\w+)\.yaml", stderr)
    else:
        return None
    return m.group(1).decode() if m else None


# ---------------------------------------------------------------------------------------------
# documents

def git(git_dir: str, *args: str, input: bytes | None = None) -> bytes:
    return subprocess.run(["git", "--git-dir", git_dir, *args], input=input, capture_output=True, check=True).stdout


def collect_real_docs(source: str, max_bytes: int, per_repo: int, rng: random.Random) -> list[tuple[str, bytes]]:
    """YAML files (not templates) from SOURCE/*/repo bare repositories at HEAD."""
    docs: list[tuple[str, bytes]] = []
    for entry in sorted(os.listdir(source)):
        git_dir = os.path.join(source, entry, "repo")
        if not os.path.isdir(git_dir):
            continue
        try:
            listing = git(git_dir, "ls-tree", "-r", "-l", "HEAD")
        except subprocess.CalledProcessError:
            continue
        cands = []
        for line in listing.decode("utf-8", "replace").splitlines():
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if len(parts) < 4 or parts[1] != "blob" or parts[3] == "-":
                continue
            if not (path.endswith(".yaml") or path.endswith(".yml")) or "/templates/" in "/" + path:
                continue
            size = int(parts[3])
            if size == 0 or size > max_bytes:
                continue
            cands.append((path, parts[2]))
        rng.shuffle(cands)
        cands = sorted(cands[:per_repo])
        if not cands:
            continue
        out = git(git_dir, "cat-file", "--batch", input=("\n".join(h for _, h in cands) + "\n").encode())
        pos = 0
        for path, h in cands:
            nl = out.index(b"\n", pos)
            header = out[pos:nl].split()
            size = int(header[2])
            data = out[nl + 1:nl + 1 + size]
            pos = nl + 1 + size + 1
            docs.append((f"{entry}:{path}", data))
    return docs


INDICATORS = list("-?:,[]{}#&*!|>'\"%@`")
BAD_BYTES = [b"\xff", b"\xfe", b"\xc3", b"\xe2\x82", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
             b"\x01", b"\x7f", b"\x00", b"\xc2\x80", b"\xef\xbf\xbe", b"\x80"]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One small seeded edit of a document: (kind, new bytes)."""
    lines = _lines(data)
    content = [i for i, l in enumerate(lines) if l.strip() and not l.lstrip().startswith(b"#")]
    kinds = ["indent+1", "indent-1", "tab-indent", "tab-inline", "block-blank-spaces", "indicator", "cut",
             "anchor", "alias-unknown", "bad-utf8", "crlf", "bom", "trailing-spaces", "delete-line",
             "dup-line", "join-lines", "doc-marker", "directive", "unclosed-quote", "colon-in-value",
             "complex-key", "flow", "cr-only", "nel", "long-key", "deep-flow", "tab-block-scalar",
             "block-indicator", "quote-escape"]
    kind = rng.choice(kinds)
    if not content:
        kind = rng.choice(["cut", "bad-utf8", "indicator", "bom"])
    pick = rng.choice(content) if content else 0

    def indent_of(l: bytes) -> int:
        return len(l) - len(l.lstrip(b" "))

    if kind == "indent+1":
        lines[pick] = b" " + lines[pick]
    elif kind == "indent-1":
        if lines[pick].startswith(b" "):
            lines[pick] = lines[pick][1:]
        else:
            lines[pick] = b" " + lines[pick]
            kind = "indent+1"
    elif kind == "tab-indent":
        l = lines[pick]
        n = indent_of(l)
        lines[pick] = (b" " * max(n - 1, 0)) + b"\t" + l[n:] if n > 0 else b"\t" + l
    elif kind == "tab-inline":
        l = lines[pick]
        sp = [i for i, c in enumerate(l) if c == 0x20 and i >= indent_of(l)]
        if sp:
            i = rng.choice(sp)
            lines[pick] = l[:i] + b"\t" + l[i + 1:]
        else:
            lines[pick] = l + b"\t"
    elif kind in ("block-blank-spaces", "tab-block-scalar", "block-indicator"):
        blocks = [i for i, l in enumerate(lines) if re.search(rb"[|>][-+0-9]*\s*(#.*)?$", l)]
        if kind == "block-indicator" or not blocks:
            # turn a value into a block scalar with a blank first line
            l = lines[pick]
            m = re.match(rb"^(\s*(?:- )?[^:#]+:)\s*(\S.*)$", l)
            ind = indent_of(l)
            if m:
                ch = rng.choice([b"|", b"|-", b"|+", b">", b">-", b"|2", b">1"])
                spaces = b" " * rng.choice([0, ind, ind + 1, ind + 2, ind + 4, ind + 8])
                lines[pick:pick + 1] = [m.group(1) + b" " + ch, spaces, b" " * (ind + 2) + m.group(2)]
            else:
                lines.insert(pick + 1, b" " * rng.randint(0, 12))
            kind = "block-indicator"
        else:
            i = rng.choice(blocks)
            nxt = lines[i + 1] if i + 1 < len(lines) else b""
            ind = indent_of(nxt)
            if kind == "tab-block-scalar":
                lines.insert(i + 1, b" " * rng.randint(0, ind) + b"\t" + b"x")
            else:
                lines.insert(i + 1, b" " * rng.choice([0, 1, max(ind - 1, 0), ind, ind + 1, ind + 2, ind + 6]))
    elif kind == "indicator":
        l = lines[pick]
        i = rng.randint(0, len(l))
        lines[pick] = l[:i] + rng.choice(INDICATORS).encode() + l[i:]
    elif kind == "cut":
        if len(data) > 1:
            return kind, data[:rng.randint(1, len(data) - 1)]
        return kind, data
    elif kind == "anchor":
        l = lines[pick]
        m = re.match(rb"^(\s*(?:- )?[^:#'\"]+:)( .*)?$", l)
        if m:
            lines[pick] = m.group(1) + b" &a1" + (m.group(2) or b"")
            other = rng.choice(content)
            m2 = re.match(rb"^(\s*(?:- )?[^:#'\"]+:)( .*)?$", lines[other])
            if m2 and other != pick:
                lines[other] = m2.group(1) + b" *a1"
        else:
            lines[pick] = lines[pick] + b" &a1"
    elif kind == "alias-unknown":
        l = lines[pick]
        m = re.match(rb"^(\s*(?:- )?[^:#'\"]+:)( .*)?$", l)
        lines[pick] = (m.group(1) + b" *nope") if m else (l + b" *nope")
    elif kind == "bad-utf8":
        pos = rng.randint(0, len(data))
        return kind, data[:pos] + rng.choice(BAD_BYTES) + data[pos:]
    elif kind == "crlf":
        return kind, data.replace(b"\n", b"\r\n")
    elif kind == "cr-only":
        return kind, data.replace(b"\n", b"\r")
    elif kind == "nel":
        lines[pick] = lines[pick] + "\u0085".encode()
    elif kind == "bom":
        return kind, rng.choice([b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + data
    elif kind == "trailing-spaces":
        lines[pick] = lines[pick] + b" " * rng.randint(1, 3) + rng.choice([b"", b"# c", b"\t"])
    elif kind == "delete-line":
        del lines[pick]
    elif kind == "dup-line":
        lines.insert(pick, lines[pick])
    elif kind == "join-lines":
        if pick + 1 < len(lines):
            lines[pick:pick + 2] = [lines[pick] + b" " + lines[pick + 1].lstrip()]
    elif kind == "doc-marker":
        lines.insert(pick, rng.choice([b"---", b"...", b"--- # c", b"---x", b"--- a: 1", b"... x"]))
    elif kind == "directive":
        lines.insert(0, rng.choice([b"%YAML 1.1", b"%YAML 1.2", b"%TAG ! tag:x.org:", b"%FOO bar", b"%YAML 1.1\n%YAML 1.1"]))
        if rng.random() < 0.7:
            lines.insert(1, b"---")
    elif kind == "unclosed-quote":
        l = lines[pick]
        m = re.match(rb"^(\s*(?:- )?[^:#]+:\s*)(.*)$", l)
        q = rng.choice([b"'", b'"'])
        lines[pick] = (m.group(1) + q + m.group(2)) if m else (q + l)
    elif kind == "colon-in-value":
        lines[pick] = lines[pick] + rng.choice([b": x", b":x", b" : y", b" #: z"])
    elif kind == "complex-key":
        l = lines[pick]
        ind = indent_of(l)
        m = re.match(rb"^(\s*)([^:#\s][^:#]*):( .*)?$", l)
        if m:
            lines[pick:pick + 1] = [m.group(1) + b"? " + m.group(2), m.group(1) + b":" + (m.group(3) or b"")]
        else:
            lines.insert(pick, b" " * ind + b"? k")
    elif kind == "flow":
        l = lines[pick]
        lines[pick] = l + rng.choice([b" [a, b", b" {a: 1", b" [a, {b: c}]", b" ]", b" }", b" [a,]", b" {a: [1, 2]}, x"])
    elif kind == "long-key":
        lines.insert(pick, b" " * indent_of(lines[pick]) + b"k" * rng.choice([1000, 1030, 1100]) + b": v")
    elif kind == "deep-flow":
        n = rng.choice([50, 500])
        lines.insert(pick, b" " * indent_of(lines[pick]) + b"deep: " + b"[" * n + b"]" * n)
    elif kind == "quote-escape":
        lines[pick] = lines[pick] + rng.choice([b' "\\q"', b' "\\x4"', b' "\\u12G4"', b' "\\U0010FFFF"', b" 'it''s'", b' "\\uD800"'])
    return kind, b"\n".join(lines)


# ---------------------------------------------------------------------------------------------
# comparison

class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.total = 0
        self.same_accept = 0
        self.same_all = 0
        self.diffs: list[dict] = []
        self.by_mode: dict[tuple[str, int], list[int]] = {}

    def record(self, doc_id: str, mode: str, major: int, helm: dict, hs: dict, data: bytes, doc_out_helm=None, doc_out_hs=None):
        h_ok = helm["exit"] == 0
        s_ok = hs["exit"] == 0
        if doc_out_helm is not None:
            same = h_ok == s_ok and doc_out_helm == doc_out_hs
        else:
            same = helm["exit"] == hs["exit"] and helm["stdout"] == hs["stdout"] and helm["stderr"] == hs["stderr"]
        with self.lock:
            self.total += 1
            k = self.by_mode.setdefault((mode, major), [0, 0, 0])
            k[0] += 1
            if h_ok == s_ok:
                self.same_accept += 1
                k[1] += 1
            if same:
                self.same_all += 1
                k[2] += 1
            else:
                self.diffs.append({"doc": doc_id, "mode": mode, "helm": major, "data": data,
                                   "helm_result": to_json_result(helm), "hs_result": to_json_result(hs)})


def compare_batch(runner: Runner, stats: Stats, mode: str, major: int, docs: list[tuple[str, str, bytes]],
                  verbose: bool) -> None:
    """docs: [(key, id, bytes)]. Runs the batch through helm and HelmSharp; records every document."""
    pending = list(docs)
    while pending:
        batch = [(k, d) for k, _, d in pending]
        helm = runner.run("helm", major, mode, batch)
        hs = runner.run("hs", major, mode, batch)
        keys = [k for k, _, _ in pending]
        if helm["exit"] == 0 and hs["exit"] == 0:
            ho = per_doc_output(mode, helm["stdout"], keys)
            so = per_doc_output(mode, hs["stdout"], keys)
            if helm["stdout"] == hs["stdout"] and helm["stderr"] == hs["stderr"]:
                for k, i, d in pending:
                    stats.record(i, mode, major, helm, hs, d, ho.get(k), so.get(k))
                return
            # outputs differ: find the documents that differ and run them alone
            for k, i, d in pending:
                if ho.get(k) == so.get(k):
                    stats.record(i, mode, major, helm, hs, d, ho.get(k), so.get(k))
                else:
                    solo(runner, stats, mode, major, k, i, d)
            return
        if helm == hs:
            fk = failing_key(mode, helm["stderr"])
            if fk is None:
                # an error not attributable to one document: run each alone
                for k, i, d in pending:
                    solo(runner, stats, mode, major, k, i, d)
                return
            for k, i, d in pending:
                if k == fk:
                    stats.record(i, mode, major, helm, hs, d)
            pending = [p for p in pending if p[0] != fk]
            continue
        # results differ: run the documents named by either error alone, the rest again
        named = {failing_key(mode, helm["stderr"]), failing_key(mode, hs["stderr"])} - {None}
        if not named or mode == "fromyaml":
            for k, i, d in pending:
                solo(runner, stats, mode, major, k, i, d)
            return
        for k, i, d in pending:
            if k in named:
                solo(runner, stats, mode, major, k, i, d)
        pending = [p for p in pending if p[0] not in named]


def solo(runner: Runner, stats: Stats, mode: str, major: int, key: str, doc_id: str, data: bytes) -> None:
    helm = runner.run("helm", major, mode, [("doc", data)])
    hs = runner.run("hs", major, mode, [("doc", data)])
    stats.record(doc_id, mode, major, helm, hs, data)


def print_diff(d: dict, out) -> None:
    h, s = d["helm_result"], d["hs_result"]
    out.write(f"DIFF {d['mode']} helm{d['helm']} {d['doc']}\n")
    out.write(f"  helm exit={h['exit']} stderr={h.get('stderr', '<b64>')!r}\n")
    out.write(f"  hs   exit={s['exit']} stderr={s.get('stderr', '<b64>')!r}\n")
    if h["exit"] == 0 and s["exit"] == 0:
        out.write(f"  helm stdout={h.get('stdout', '<b64>')[:400]!r}\n  hs   stdout={s.get('stdout', '<b64>')[:400]!r}\n")


def cmd_run(args) -> int:
    rng = random.Random(args.seed)
    hs_cmd = args.hs.split()
    runner = Runner(hs_cmd)
    docs: list[tuple[str, bytes]] = []
    if args.corpus:
        for suite in args.corpus:
            for name in sorted(os.listdir(suite)):
                if name.endswith(".yaml"):
                    with open(os.path.join(suite, name), "rb") as f:
                        docs.append((f"{os.path.basename(suite)}/{name}", f.read()))
    else:
        real = collect_real_docs(args.source, args.max_bytes, args.per_repo, rng)
        for doc_id, data in real:
            docs.append((doc_id, data))
            for m in range(args.mutations):
                kind, mdata = mutate(data, rng)
                docs.append((f"{doc_id}#m{m}:{kind}", mdata))
        if args.limit and len(docs) > args.limit:
            rng.shuffle(docs)
            docs = docs[:args.limit]
    print(f"{len(docs)} documents", file=sys.stderr)
    modes = args.modes.split(",")
    majors = [int(x) for x in args.helm.split(",")]
    stats = Stats()
    jobs = []
    for mode in modes:
        for major in majors:
            for b in range(0, len(docs), args.batch):
                chunk = [(f"d{j:04d}", i, d) for j, (i, d) in enumerate(docs[b:b + args.batch])]
                jobs.append((mode, major, chunk))
    done = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        futs = [ex.submit(compare_batch, runner, stats, m, mj, ch, args.verbose) for m, mj, ch in jobs]
        for f in concurrent.futures.as_completed(futs):
            f.result()
            done += 1
            if done % 20 == 0:
                print(f"  {done}/{len(jobs)} batches, {len(stats.diffs)} differences so far", file=sys.stderr)
    for d in sorted(stats.diffs, key=lambda d: (d["doc"], d["mode"], d["helm"])):
        print_diff(d, sys.stdout)
    if args.save:
        os.makedirs(args.save, exist_ok=True)
        for n, d in enumerate(sorted(stats.diffs, key=lambda d: (d["doc"], d["mode"], d["helm"]))):
            base = os.path.join(args.save, f"{n:04d}")
            with open(base + ".yaml", "wb") as f:
                f.write(d["data"])
            meta = {k: v for k, v in d.items() if k != "data"}
            with open(base + ".json", "w") as f:
                json.dump(meta, f, indent=1)
    print("\nmode      helm  documents  same accept/reject  same output")
    for (mode, major), (n, a, s) in sorted(stats.by_mode.items()):
        print(f"{mode:9} {major:4}  {n:9}  {a:9} ({100.0 * a / n:6.2f}%)  {s:6} ({100.0 * s / n:6.2f}%)")
    if stats.total:
        print(f"all            {stats.total:9}  {stats.same_accept:9} ({100.0 * stats.same_accept / stats.total:6.2f}%)"
              f"  {stats.same_all:6} ({100.0 * stats.same_all / stats.total:6.2f}%)")
    return 0 if not stats.diffs else 1


# ---------------------------------------------------------------------------------------------
# corpus expectations

def cmd_regen(args) -> int:
    runner = Runner(None)
    for suite in args.suites:
        suite = suite.rstrip("/")
        names = sorted(n for n in os.listdir(suite) if n.endswith(".yaml"))
        if not names:
            print(f"{suite}: no documents", file=sys.stderr)
            return 1
        results: dict[str, dict] = {}
        jobs = [(n, major, mode) for n in names for major in (4, 3) for mode in MODES]

        def one(job):
            n, major, mode = job
            with open(os.path.join(suite, n), "rb") as f:
                data = f.read()
            r = runner.run("helm", major, mode, [("doc", data)])
            r2 = runner.run("helm", major, mode, [("doc", data)])
            if r != r2:
                raise SystemExit(f"{suite}/{n}: helm v{major} {mode} is not deterministic")
            return job, to_json_result(r)

        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
            for (n, major, mode), r in ex.map(one, jobs):
                results.setdefault(n[:-5], {}).setdefault(f"helm{major}", {})[mode] = r
        ordered = {k: {h: {m: results[k][h][m] for m in MODES} for h in ("helm4", "helm3")} for k in sorted(results)}
        with open(suite + ".expected.json", "w", encoding="utf-8") as f:
            json.dump(ordered, f, indent=1, ensure_ascii=False, sort_keys=False)
            f.write("\n")
        print(f"{suite}.expected.json: {len(names)} documents")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="differential run on real and mutated documents")
    r.add_argument("--source", default="/work/.mirror", help="directory holding <name>/repo bare git repositories")
    r.add_argument("--corpus", nargs="*", help="compare testdata/yaml suites instead of real documents")
    r.add_argument("--hs", required=True, help="HelmSharp CLI command, e.g. /tmp/aot/HelmSharp.Cli")
    r.add_argument("--mutations", type=int, default=2, help="mutations per real document")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--limit", type=int, default=0, help="at most this many documents (sampled)")
    r.add_argument("--per-repo", type=int, default=400, help="at most this many files per repository")
    r.add_argument("--max-bytes", type=int, default=256 * 1024)
    r.add_argument("--modes", default=",".join(MODES))
    r.add_argument("--helm", default="4,3")
    r.add_argument("--batch", type=int, default=40)
    r.add_argument("--jobs", type=int, default=2)
    r.add_argument("--save", help="write each difference (document + results) here")
    r.add_argument("--verbose", action="store_true")
    g = sub.add_parser("regen", help="write testdata/yaml/<suite>.expected.json from helm")
    g.add_argument("suites", nargs="+")
    g.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if args.cmd == "run":
        return cmd_run(args)
    return cmd_regen(args)


if __name__ == "__main__":
    sys.exit(main())
