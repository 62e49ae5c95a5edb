#!/usr/bin/env python3
"""The real-chart corpus: build it from public chart repositories, record what the pinned helm
binaries print for it, and score HelmSharp against that, in both helm modes.

The chart repositories are git directories brought onto the machine beforehand (the `fetch` tool
puts them at <mirror>/<owner>+<name>/repo; `--mirror` names another place). Nothing from them is
committed to this repository: the corpus lives in a work directory (default: <repo>/.corpus,
ignored by git).

  scripts/corpus.py build   extract every top-level chart of the repositories in REPOS, vendor its
                            dependencies from the same repositories (a dependency that cannot be
                            found is switched off through its condition, or the chart is left out),
                            and list the cases: each chart with its defaults and with every values
                            file it ships for its own CI (ci/*.yaml).
  scripts/corpus.py helm    run every case through helm v4.1.4 and v3.17.3, twice each; lines that
                            differ between the two runs (random passwords, certificates) are masked.
  scripts/corpus.py probe   run helm up to --runs more times on each case whose stderr has two or more
                            lines, and record whether their order changes (helm logs some warnings
                            while ranging over a Go map); score then accepts those lines in any order.
  scripts/corpus.py score   run every case through HelmSharp (the CLI, in both modes) and compare
                            exit status, stdout (masked lines excepted) and the error line; prints a
                            line per case, the failures, and a total per mode. --json FILE writes
                            the per-case results.
  scripts/corpus.py speed   time helm and HelmSharp side by side on each case (or every --every K-th), one
                            process at a time, --runs times each (default 3; best wall, best CPU from wait4,
                            largest peak RSS): totals, median and slowest-tenth ratios, the cases slower than
                            helm and those using more memory. Needs a quiet machine to mean anything.

Common options: --work DIR (corpus directory), --jobs N, --only SUBSTRING (cases whose id contains it),
--defaults-only (each chart's default-values case only), --action template|lint (helm, probe and score run
`template RELEASE CHART` or `lint CHART` with the case's values; lint runs are kept under helm4-lint/, helm3-lint/):
  scripts/corpus.py helm  --action lint --defaults-only && scripts/corpus.py probe --action lint --defaults-only &&
  scripts/corpus.py score --action lint --defaults-only --cli BINARY
helm: $HELMSHARP_HELM4 / $HELMSHARP_HELM3 or <repo>/.helm/v{4,3}/helm (scripts/install-helm.sh).
score: --cli "COMMAND" (default: dotnet <repo>/src/HelmSharp.Cli/bin/Release/net10.0/helmsharp.dll,
built first with `dotnet build -c Release src/HelmSharp.Cli`).
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import threading
import io
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import helm_binary  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = "corpus"
TIMEOUT = int(os.environ.get("CORPUS_TIMEOUT", "60"))

# (repository, path prefixes holding charts; empty = anywhere). Test fixtures and generated charts
# are not real charts and stay out.
REPOS = [
    ("helm/charts", ["stable/", "incubator/"]),
    ("bitnami/charts", ["bitnami/"]),
    ("prometheus-community/helm-charts", ["charts/"]),
    ("grafana/helm-charts", ["charts/"]),
    ("aws/eks-charts", ["stable/"]),
    ("airflow-helm/charts", ["charts/"]),
    ("argoproj/argo-helm", ["charts/"]),
    ("DataDog/helm-charts", ["charts/"]),
    ("elastic/helm-charts", [""]),
    ("traefik/traefik-helm-chart", [""]),
    ("open-telemetry/opentelemetry-helm-charts", ["charts/"]),
    ("hashicorp/vault-helm", [""]),
    ("jenkinsci/helm-charts", ["charts/"]),
    ("kedacore/charts", [""]),
    ("fluent/helm-charts", ["charts/"]),
    ("kubernetes/ingress-nginx", ["charts/"]),
    ("codecentric/helm-charts", ["charts/"]),
]


def git(gitdir, *args, binary=False):
    r = subprocess.run(["git", "--git-dir", gitdir, *args], capture_output=True, check=True)
    return r.stdout if binary else r.stdout.decode("utf-8", "replace")


def load_yaml(data):
    try:
        v = yaml.safe_load(data)
        return v if isinstance(v, dict) else {}
    except Exception:
        return {}


# ---------------------------------------------------------------------------------------- build

class Repo:
    def __init__(self, slug, mirror, prefixes):
        self.slug = slug
        self.short = slug.split("/")[0] + "+" + slug.split("/")[1]
        self.gitdir = os.path.join(mirror, slug.replace("/", "+"), "repo")
        self.prefixes = prefixes
        self.files = git(self.gitdir, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
        dirs = sorted({os.path.dirname(f) for f in self.files if os.path.basename(f) == "Chart.yaml"})
        dirset = set(dirs)

        def top(d):
            p = os.path.dirname(d)
            while p:
                if p in dirset:
                    return False
                p = os.path.dirname(p)
            return True
        self.all_dirs = dirs
        self.top_dirs = [d for d in dirs if top(d) and any(d.startswith(px) for px in prefixes)]
        self.by_name = {}
        for d in self.top_dirs:
            meta = load_yaml(git(self.gitdir, "show", "HEAD:" + os.path.join(d, "Chart.yaml"), binary=True))
            name = meta.get("name") or os.path.basename(d)
            self.by_name.setdefault(str(name), d)

    def extract(self, d, dest):
        """Writes the tree under d into dest (files only; symlinks as git stores them)."""
        data = git(self.gitdir, "archive", "--format=tar", "HEAD", *([d] if d else []), binary=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as tf:
            for m in tf.getmembers():
                rel = os.path.relpath(m.name, d or ".")
                if rel.startswith("..") or os.path.isabs(rel):
                    continue
                out = os.path.join(dest, rel)
                if m.isdir():
                    os.makedirs(out, exist_ok=True)
                elif m.isfile():
                    os.makedirs(os.path.dirname(out), exist_ok=True)
                    with open(out, "wb") as f:
                        f.write(tf.extractfile(m).read())
                elif m.issym():
                    target = os.path.normpath(os.path.join(os.path.dirname(m.name), m.linkname))
                    # a link inside the repository is materialized from the repository
                    try:
                        blob = git(self.gitdir, "show", "HEAD:" + target, binary=True)
                    except subprocess.CalledProcessError:
                        continue
                    os.makedirs(os.path.dirname(out), exist_ok=True)
                    with open(out, "wb") as f:
                        f.write(blob)


def chart_dependencies(chart_dir):
    meta = load_yaml(open(os.path.join(chart_dir, "Chart.yaml"), "rb").read())
    deps = meta.get("dependencies") or []
    req = os.path.join(chart_dir, "requirements.yaml")
    if not deps and os.path.exists(req):
        deps = load_yaml(open(req, "rb").read()).get("dependencies") or []
    return [d for d in deps if isinstance(d, dict) and d.get("name")]


def present(chart_dir, name):
    cdir = os.path.join(chart_dir, "charts")
    if not os.path.isdir(cdir):
        return False
    for e in os.listdir(cdir):
        p = os.path.join(cdir, e)
        if os.path.isdir(p) and os.path.exists(os.path.join(p, "Chart.yaml")):
            meta = load_yaml(open(os.path.join(p, "Chart.yaml"), "rb").read())
            if str(meta.get("name")) == name:
                return True
        if e.endswith(".tgz") and e.startswith(name + "-"):
            return True
    return False


def vendor(chart_dir, src_repo, src_dir, repos, depth=0):
    """Puts every dependency of the chart in chart_dir into its charts/; returns (sets, missing)."""
    sets, missing = [], []
    for dep in chart_dependencies(chart_dir):
        name = str(dep["name"])
        if present(chart_dir, name):
            continue
        found = None
        repo_url = str(dep.get("repository") or "")
        if repo_url.startswith("file://") and src_repo is not None:
            rel = os.path.normpath(os.path.join(src_dir, repo_url[len("file://"):]))
            if rel in src_repo.all_dirs:
                found = (src_repo, rel)
        if found is None and src_repo is not None and name in src_repo.by_name:
            found = (src_repo, src_repo.by_name[name])
        if found is None:
            for r in repos:
                if name in r.by_name:
                    found = (r, r.by_name[name])
                    break
        if found is not None and depth < 4:
            dest = os.path.join(chart_dir, "charts", name)
            found[0].extract(found[1], dest)
            s, m = vendor(dest, found[0], found[1], repos, depth + 1)
            if m:
                shutil.rmtree(dest)
                found = None
            else:
                sets += [(dep.get("alias") or name) + "." + x if not x.startswith("global.") else x for x in s]
        if found is None:
            cond = str(dep.get("condition") or "").split(",")[0].strip()
            if cond:
                sets.append(cond + "=false")
            else:
                missing.append(name)
    return sets, missing


def cmd_build(args):
    work = args.work
    charts_dir = os.path.join(work, "charts")
    if os.path.exists(charts_dir):
        shutil.rmtree(charts_dir)
    os.makedirs(charts_dir)
    repos = []
    for slug, prefixes in REPOS:
        gitdir = os.path.join(args.mirror, slug.replace("/", "+"), "repo")
        if not os.path.isdir(gitdir):
            print("build: %s not found at %s (bring it with fetch first); skipped" % (slug, gitdir), file=sys.stderr)
            continue
        repos.append(Repo(slug, args.mirror, prefixes))
    cases, left_out = [], []
    for repo in repos:
        for d in repo.top_dirs:
            cid = repo.short + "__" + (d.replace("/", "_") or "root")
            dest = os.path.join(charts_dir, cid)
            repo.extract(d, dest)
            sets, missing = vendor(dest, repo, d, repos)
            if missing:
                left_out.append((cid, "dependencies not found: " + ", ".join(missing)))
                shutil.rmtree(dest)
                continue
            value_sets = [("default", [])]
            ci = os.path.join(dest, "ci")
            if os.path.isdir(ci):
                for f in sorted(os.listdir(ci)):
                    if f.endswith((".yaml", ".yml")) and os.path.isfile(os.path.join(ci, f)):
                        value_sets.append((os.path.splitext(f)[0], [os.path.join("ci", f)]))
            for vname, vfiles in value_sets:
                cases.append({"id": cid + "@" + vname, "chart": cid, "values": vfiles, "set": sets})
    with open(os.path.join(work, "cases.json"), "w") as f:
        json.dump({"cases": cases, "left_out": left_out}, f, indent=1)
    print("corpus: %d charts, %d cases, %d left out (%s)" % (
        len({c["chart"] for c in cases}), len(cases), len(left_out), os.path.join(work, "cases.json")))
    for cid, why in left_out:
        print("  left out %s: %s" % (cid, why))


# ---------------------------------------------------------------------------------------- run

def case_argv(args, case):
    """The command line of a case: `template RELEASE CHART` or `lint CHART` (--action), then its values."""
    chart = os.path.join(args.work, "charts", case["chart"])
    argv = ["template", RELEASE, chart] if args.action == "template" else ["lint", chart]
    for v in case["values"]:
        argv += ["-f", os.path.join(chart, v)]
    for s in case["set"]:
        argv += ["--set", s]
    return argv


def run(cmd, cwd):
    """Runs cmd under /usr/bin/time: (exit code or -999 on timeout, stdout, stderr, seconds, max RSS KiB,
    CPU seconds (user + system): on a loaded machine the fairer measure of the work done)."""
    import tempfile
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.monotonic()
        p = subprocess.Popen(["/usr/bin/time", "-q", "-f", "%U %S %M", "-o", tf.name] + cmd, cwd=cwd,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = p.communicate(timeout=TIMEOUT)
            code = p.returncode
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, 9)  # the whole group: /usr/bin/time and the program it runs
            out, err = p.communicate()
            code = -999
        secs = time.monotonic() - t0
        rss = tf.read().strip().splitlines()
    last = rss[-1].split() if rss else []
    ok = len(last) == 3 and last[2].isdigit()
    kib = int(last[2]) if ok else 0
    cpu = float(last[0]) + float(last[1]) if ok else secs
    return code, out, err, secs, kib, cpu


def helm_dir(args, major):
    """Where helm's recorded runs of the cases are: helm4/, helm3/ (template) or helm4-lint/, helm3-lint/."""
    return os.path.join(args.work, "helm%d" % major + ("" if args.action == "template" else "-" + args.action))


def load_cases(args):
    with open(os.path.join(args.work, "cases.json")) as f:
        cases = json.load(f)["cases"]
    if args.only:
        cases = [c for c in cases if any(o in c["id"] for o in args.only)]
    if args.defaults_only:
        cases = [c for c in cases if c["id"].endswith("@default")]
    return cases


def uses_clock(chart_dir):
    for d, _, files in os.walk(chart_dir):
        for f in files:
            if f.endswith((".yaml", ".yml", ".tpl", ".txt")) and "/templates" in d + "/":
                with open(os.path.join(d, f), "rb") as fh:
                    if re.search(rb"(\{\{-?|\(|\|)\s*now\b", fh.read()):
                        return True
    return False


def helm_case(args, case, major):
    base = os.path.join(helm_dir(args, major), case["id"])
    if os.path.exists(base + ".json") and not args.force:
        return
    argv = case_argv(args, case)
    # A chart that reads the clock (`now`) prints different text in different seconds: its two runs
    # are spaced so that such lines differ and are masked.
    spaced = uses_clock(os.path.join(args.work, "charts", case["chart"]))
    runs = []
    for i in range(2):
        if i and spaced:
            time.sleep(1.1)
        code, out, err, secs, kib, cpu = run([helm_binary(major)] + argv, cwd=args.work)
        runs.append((code, out, err, secs, kib, cpu))
    (c1, o1, e1, s1, k1, u1), (c2, o2, e2, s2, k2, u2) = runs
    l1, l2 = o1.split(b"\n"), o2.split(b"\n")
    mask, det = [], True
    if c1 != c2 or len(l1) != len(l2):
        det = False
    else:
        mask = [i for i, (a, b) in enumerate(zip(l1, l2)) if a != b]
    with open(base + ".out", "wb") as f:
        f.write(o1)
    with open(base + ".err", "wb") as f:
        f.write(e1)
    with open(base + ".json", "w") as f:
        json.dump({"exit": c1, "mask": mask, "deterministic": det, "stderr_same": e1 == e2,
                   "seconds": [s1, s2], "cpu_seconds": [u1, u2], "maxrss_kib": [k1, k2]}, f)


def cmd_helm(args):
    cases = load_cases(args)
    for major in args.majors:
        os.makedirs(helm_dir(args, major), exist_ok=True)
    jobs = [(c, m) for c in cases for m in args.majors]
    done = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for _ in ex.map(lambda cm: helm_case(args, *cm), jobs):
            done += 1
            if done % 50 == 0:
                print("helm: %d/%d" % (done, len(jobs)), file=sys.stderr)
    print("helm: %d case runs recorded under %s" % (len(jobs), args.work))


def probe_case(args, case, major):
    """Runs helm again on a case whose stderr has two or more lines: helm logs some warnings while ranging
    over a Go map, so their order changes from run to run. Records whether it does."""
    base = os.path.join(helm_dir(args, major), case["id"])
    if not os.path.exists(base + ".json"):
        return 0
    with open(base + ".json") as f:
        h = json.load(f)
    herr = open(base + ".err", "rb").read()
    if "stderr_order_varies" in h and not args.force:
        return 0
    varies = False
    if len(herr.strip().split(b"\n")) >= 2:
        argv = case_argv(args, case)
        for _ in range(args.runs):
            code, _, err, _, _, _ = run([helm_binary(major)] + argv, cwd=args.work)
            if code == h["exit"] and err != herr and sorted(err.split(b"\n")) == sorted(herr.split(b"\n")):
                varies = True
                break
    h["stderr_order_varies"] = varies
    with open(base + ".json", "w") as f:
        json.dump(h, f)
    return 1 if varies else 0


def cmd_probe(args):
    cases = load_cases(args)
    jobs = [(c, m) for c in cases for m in args.majors]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        n = sum(ex.map(lambda cm: probe_case(args, *cm), jobs))
    print("probe: %d case runs print their stderr lines in a varying order" % n)


def error_line(err):
    """The line helm prints after 'Error: ' (the first one), or ''."""
    for line in err.decode("utf-8", "replace").splitlines():
        if line.startswith("Error: "):
            return line
    return ""


def score_case(args, case, major):
    base = os.path.join(helm_dir(args, major), case["id"])
    with open(base + ".json") as f:
        h = json.load(f)
    hout = open(base + ".out", "rb").read()
    herr = open(base + ".err", "rb").read()
    cli = shlex.split(args.cli) + case_argv(args, case) + (["--helm3"] if major == 3 else [])
    code, out, err, secs, kib, cpu = run(cli, cwd=args.work)
    hexit = h["exit"]
    res = {"id": case["id"], "major": major, "helm_exit": hexit, "exit": code, "seconds": round(secs, 3),
           "cpu_seconds": round(cpu, 3), "maxrss_kib": kib, "helm_seconds": round(min(h["seconds"]), 3),
           "helm_cpu_seconds": round(min(h.get("cpu_seconds", h["seconds"])), 3), "helm_maxrss_kib": max(h["maxrss_kib"])}
    if code == -999:
        res["result"] = "timeout"
    elif (hexit == 0) != (code == 0):
        res["result"] = "we-fail" if hexit == 0 else "we-succeed"
        res["detail"] = error_line(err) if code != 0 else error_line(herr)
    elif hexit != 0:
        # the whole of stderr (warnings, the error and its lines) where helm printed the same twice
        same = err == herr if h.get("stderr_same") else error_line(err) == error_line(herr)
        res["result"] = "identical" if same else "error-text"
        if not same:
            hl, ol = herr.split(b"\n"), err.split(b"\n")
            i = next((i for i in range(max(len(hl), len(ol))) if (hl[i:i + 1] or [b""])[0] != (ol[i:i + 1] or [b""])[0]), 0)
            res["detail"] = "stderr line %d: helm %r | ours %r" % (i + 1, (hl[i:i + 1] or [b""])[0][:200], (ol[i:i + 1] or [b""])[0][:200])
    else:
        if not h["deterministic"]:
            res["result"] = "identical"
            res["note"] = "non-deterministic; exit status only"
        else:
            ho, oo = hout.split(b"\n"), out.split(b"\n")
            masked = set(h["mask"])
            if len(ho) == len(oo) and all(i in masked or a == b for i, (a, b) in enumerate(zip(ho, oo))):
                res["result"] = "identical"
                if masked:
                    res["note"] = "%d lines masked" % len(masked)
            else:
                res["result"] = "output-differs"
                for i, (a, b) in enumerate(zip(ho, oo)):
                    if i not in masked and a != b:
                        res["detail"] = "line %d: helm %r | ours %r" % (i + 1, a[:160], b[:160])
                        break
                else:
                    res["detail"] = "helm %d lines, ours %d" % (len(ho), len(oo))
    if res["result"] == "identical" and herr != err and h.get("stderr_order_varies") and \
            sorted(herr.split(b"\n")) == sorted(err.split(b"\n")):
        # helm itself prints these lines in Go's random map order (seen by `probe`)
        res["note"] = (res.get("note", "") + "; " if res.get("note") else "") + "stderr lines in helm's varying order"
    elif res["result"] == "identical" and herr != err and h.get("stderr_same") and hexit == 0:
        # warnings helm logs (a failed run's error is compared above by its Error: line)
        res["result"] = "stderr-differs"
        hl, ol = herr.split(b"\n"), err.split(b"\n")
        for i in range(max(len(hl), len(ol))):
            a, b = (hl[i] if i < len(hl) else b""), (ol[i] if i < len(ol) else b"")
            if a != b:
                res["detail"] = "stderr line %d: helm %r | ours %r" % (i + 1, a[:160], b[:160])
                break
    return res


def cmd_score(args):
    cases = load_cases(args)
    jobs = [(c, m) for m in args.majors for c in cases]
    results = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for r in ex.map(lambda cm: score_case(args, *cm), jobs):
            results.append(r)
            if args.verbose or r["result"] != "identical":
                print("%-7s helm%d %-70s %s" % (r["result"][:14], r["major"], r["id"], r.get("detail", "")[:400]))
    print()
    for major in args.majors:
        rs = [r for r in results if r["major"] == major]
        ok = sum(1 for r in rs if r["result"] == "identical")
        charts = {}
        for r in rs:
            charts.setdefault(r["id"].split("@")[0], []).append(r["result"] == "identical")
        cok = sum(1 for v in charts.values() if all(v))
        kinds = {}
        for r in rs:
            kinds[r["result"]] = kinds.get(r["result"], 0) + 1
        slow = [r for r in rs if r["seconds"] > 10 or r["maxrss_kib"] > 1024 * 1024]
        slow_cpu = [r for r in rs if r["cpu_seconds"] > 10]
        ours = sum(r["seconds"] for r in rs)
        helms = sum(r["helm_seconds"] for r in rs)
        ours_cpu = sum(r["cpu_seconds"] for r in rs)
        helms_cpu = sum(r["helm_cpu_seconds"] for r in rs)
        print("helm%d mode: %d/%d cases identical (%.1f%%), %d/%d charts all identical (%.1f%%); %s; "
              "over 10 s or 1 GiB: %d (over 10 s of CPU: %d); time ours %.1f s, helm %.1f s; CPU ours %.1f s, helm %.1f s" % (
                  major, ok, len(rs), 100.0 * ok / max(1, len(rs)), cok, len(charts), 100.0 * cok / max(1, len(charts)),
                  ", ".join("%s %d" % kv for kv in sorted(kinds.items())), len(slow), len(slow_cpu), ours, helms,
                  ours_cpu, helms_cpu))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


def measure(cmd, cwd):
    """Runs cmd once with its output discarded; (exit code, wall s, CPU s of the process and its threads, peak RSS
    KiB) from os.wait4 (microsecond CPU, unlike /usr/bin/time's hundredths)."""
    with open(os.devnull, "wb") as null:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=null, stderr=null, start_new_session=True)
        timer = threading.Timer(TIMEOUT, lambda: os.killpg(p.pid, 9))
        timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        wall = time.monotonic() - t0
    return os.waitstatus_to_exitcode(status), wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def speed_case(args, case, major):
    """helm and HelmSharp on one case, back to back, --runs times each (interleaved): best wall, best CPU, largest
    peak RSS of each."""
    argv = case_argv(args, case)
    cli = shlex.split(args.cli) + argv + (["--helm3"] if major == 3 else [])
    helm = [helm_binary(major)] + argv
    h, o = [], []
    for _ in range(args.runs):
        h.append(measure(helm, args.work))
        o.append(measure(cli, args.work))
    best = lambda rs: {"exit": rs[0][0], "wall": min(r[1] for r in rs), "cpu": min(r[2] for r in rs),
                       "rss": max(r[3] for r in rs)}
    return {"id": case["id"], "major": major, "helm": best(h), "ours": best(o)}


def cmd_speed(args):
    """Side by side timing over the corpus (or every --every-th case): whole process, helm vs HelmSharp."""
    cases = load_cases(args)[::args.every]
    jobs = [(c, m) for m in args.majors for c in cases]
    results = []
    # one case at a time: two timed processes at once would share the two cores
    for c, m in jobs:
        r = speed_case(args, c, m)
        results.append(r)
        if args.verbose:
            print("helm%d %-70s cpu %6.3f / %6.3f = %5.2fx  wall %6.3f / %6.3f  MiB %6.1f / %6.1f" % (
                m, c["id"], r["helm"]["cpu"], r["ours"]["cpu"], r["helm"]["cpu"] / max(r["ours"]["cpu"], 1e-6),
                r["helm"]["wall"], r["ours"]["wall"], r["helm"]["rss"] / 1024, r["ours"]["rss"] / 1024), flush=True)
    print("\nload average at the end: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    for major in args.majors:
        rs = [r for r in results if r["major"] == major]
        if not rs:
            continue
        for measure_name in ("cpu", "wall"):
            hs = sum(r["helm"][measure_name] for r in rs)
            us = sum(r["ours"][measure_name] for r in rs)
            ratios = sorted(r["helm"][measure_name] / max(r["ours"][measure_name], 1e-6) for r in rs)
            slower = [r for r in rs if r["ours"][measure_name] > r["helm"][measure_name]]
            print("helm%d mode, %d cases, %s: helm %.2f s, HelmSharp %.2f s, total %.2fx; median %.2fx; slowest tenth "
                  "<= %.2fx; slowest %.2fx; slower than helm: %d" % (
                      major, len(rs), measure_name, hs, us, hs / max(us, 1e-6), ratios[len(ratios) // 2],
                      ratios[max(0, len(ratios) // 10 - 1)], ratios[0], len(slower)))
            for r in sorted(slower, key=lambda r: r["helm"][measure_name] / max(r["ours"][measure_name], 1e-6))[:15]:
                print("   slower (%s): %-70s helm %.3f s, ours %.3f s" % (measure_name, r["id"], r["helm"][measure_name],
                                                                       r["ours"][measure_name]))
        above = [r for r in rs if r["ours"]["rss"] > r["helm"]["rss"]]
        print("helm%d mode: peak RSS above helm's on %d of %d cases; largest ratio %.2f; median ours %.1f MiB, helm %.1f MiB" % (
            major, len(above), len(rs), max(r["ours"]["rss"] / r["helm"]["rss"] for r in rs),
            sorted(r["ours"]["rss"] for r in rs)[len(rs) // 2] / 1024, sorted(r["helm"]["rss"] for r in rs)[len(rs) // 2] / 1024))
        for r in sorted(above, key=lambda r: -r["ours"]["rss"] / r["helm"]["rss"])[:15]:
            print("   more memory: %-70s helm %.1f MiB, ours %.1f MiB" % (r["id"], r["helm"]["rss"] / 1024, r["ours"]["rss"] / 1024))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["build", "helm", "probe", "score", "speed"])
    ap.add_argument("--work", default=os.environ.get("HELMSHARP_CORPUS") or os.path.join(ROOT, ".corpus"))
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", action="append")
    ap.add_argument("--majors", type=lambda s: [int(x) for x in s.split(",")], default=[4, 3])
    ap.add_argument("--force", action="store_true", help="helm: record again even where recorded")
    ap.add_argument("--cli", default="dotnet " + os.path.join(ROOT, "src/HelmSharp.Cli/bin/Release/net10.0/helmsharp.dll"))
    ap.add_argument("--runs", type=int, default=None,
                    help="probe: extra helm runs per case with 2+ stderr lines (default 8); speed: runs of each program per case (default 3)")
    ap.add_argument("--every", type=int, default=1, help="speed: time every K-th case only")
    ap.add_argument("--action", choices=["template", "lint"], default="template",
                    help="helm/probe/score: the command the cases run (lint: `lint CHART` with the case's values)")
    ap.add_argument("--defaults-only", action="store_true", help="only each chart's case with its default values")
    ap.add_argument("--json")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    args.work = os.path.abspath(args.work)
    if args.runs is None:
        args.runs = 3 if args.command == "speed" else 8
    os.makedirs(args.work, exist_ok=True)
    {"build": cmd_build, "helm": cmd_helm, "probe": cmd_probe, "score": cmd_score, "speed": cmd_speed}[args.command](args)


if __name__ == "__main__":
    main()
