#!/usr/bin/env python3
"""Whole-process comparison of `helm template` (v4.1.4) with the HelmSharp CLI on the benchmark chart shapes
(scripts/gen-bench-charts.py), in one run, with HelmSharp's per-phase breakdown.

  scripts/compare-bench.py --cli PATH [--helm PATH] [--sizes 500,2000] [--shapes include,toyaml,...] [--runs K]
                           [--work DIR]

--cli is the HelmSharp CLI to run (a NativeAOT binary: `dotnet publish src/HelmSharp.Cli/HelmSharp.Cli.csproj -c Release
-r linux-x64 -o DIR`; or "dotnet path/HelmSharp.Cli.dll"). For each shape and size: both outputs are compared
byte for byte, then each command runs K times (default 3): best wall time, best CPU time (user+sys of the
process and its threads) and largest peak RSS, per process (os.wait4). One more HelmSharp run with
HELMSHARP_PHASES=1 prints where its time went: load, values/schema, parse, execute, yaml (manifest heads),
assembly (split/sort/join), write; "other" is the rest of the wall time of that run (process start, runtime, exit);
and the process's bytes allocated, GC collections and pause ("gc" line: on this project's VMs every fresh MB the
collector hands out costs about 2-3 ms of page faults and clearing, so allocation volume is where time goes).
Growth: HelmSharp's time at the largest size over its time at the smallest (4x the work for 500 -> 2000).
The load average is printed with the results: on a shared machine wall times are noisy, CPU times less so.
"""
import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHAPES = ["include", "toyaml", "range", "tpl", "bigvalues", "crds"]
PHASES = ["load", "values", "parse", "execute", "yaml", "assembly", "write"]


def run(cmd, env=None):
    """Runs cmd; returns (stdout bytes, stderr bytes, wall s, cpu s, maxrss KiB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return out.read(), err.read(), wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--helm", default=os.environ.get("HELMSHARP_HELM4") or os.path.join(ROOT, ".helm/v4/helm"))
    ap.add_argument("--sizes", default="500,2000")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "helmsharp-bench"))
    a = ap.parse_args()
    if not os.path.exists(a.helm):
        a.helm = "/work/main/.helm/v4/helm"
    cli = shlex.split(a.cli)
    sizes = [int(s) for s in a.sizes.split(",")]
    shapes = a.shapes.split(",")
    helm_version = subprocess.run([a.helm, "version", "--short"], capture_output=True, text=True).stdout.strip()
    print("date: %s; machine: %d cores; load at start: %s; helm %s; runs per command: %d (best wall, best CPU, max RSS)"
          % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.cpu_count(), loadavg(), helm_version, a.runs))
    hdr = "%-16s %7s %7s %6s | %7s %7s %6s | %7s %7s %5s | %4s | %s" % (
        "chart", "helm_s", "hs_s", "wall_x", "helm_cpu", "hs_cpu", "cpu_x", "helm_MiB", "hs_MiB", "mem_x", "same", "load")
    print(hdr)
    results = {}
    phase_lines = []
    for n in sizes:  # every shape at the smallest size first: partial runs still cover every shape
        for shape in shapes:
            d = os.path.join(a.work, "shape-%s-%d" % (shape, n))
            if not os.path.exists(os.path.join(d, "Chart.yaml")):
                subprocess.run([sys.executable, os.path.join(ROOT, "scripts/gen-bench-charts.py"), shape, str(n), d], check=True)
            hcmd = [a.helm, "template", "x", d]
            scmd = cli + ["template", "x", d]
            hout = run(hcmd)[0]
            env = dict(os.environ, HELMSHARP_PHASES="1")
            sout, serr, swall, scpu, _ = run(scmd, env)
            same = "yes" if hout == sout else "NO"
            phases, cpu_phases = {}, {}
            gc_line = ""
            for line in serr.decode("utf-8", "replace").splitlines():
                if line.startswith("gc "):
                    gc_line = line[3:]  # allocated_mb=... gen0=... gen1=... gen2=... pause_ms=...
                if line.startswith("phases_ms") or line.startswith("phases_cpu_ms"):
                    into = phases if line.startswith("phases_ms") else cpu_phases
                    for kv in line.split()[1:]:
                        k, v = kv.split("=")
                        into[k] = float(v)
            best = {}
            for who, cmd in (("helm", hcmd), ("hs", scmd)):
                w = c = float("inf")
                m = 0
                for _ in range(a.runs):
                    _, _, rw, rc, rm = run(cmd)
                    w, c, m = min(w, rw), min(c, rc), max(m, rm)
                best[who] = (w, c, m)
            (hw, hc, hm), (sw, sc, sm) = best["helm"], best["hs"]
            results[(shape, n)] = best
            print("%-16s %7.2f %7.2f %5.1fx | %7.2f %7.2f %5.1fx | %7.1f %7.1f %5.2f | %4s | %s" % (
                "%s-%d" % (shape, n), hw, sw, hw / max(sw, 0.01), hc, sc, hc / max(sc, 0.01),
                hm / 1024, sm / 1024, sm / max(hm, 1), same, loadavg()), flush=True)
            total = sum(phases.get(p, 0) for p in PHASES)
            phase_lines.append("%-16s wall %s  other=%.0f (run: %.0f ms wall)" % (
                "%s-%d" % (shape, n), " ".join("%s=%.0f" % (p, phases.get(p, 0)) for p in PHASES),
                max(0, swall * 1000 - total), swall * 1000))
            cpu_total = sum(cpu_phases.get(p, 0) for p in PHASES)
            phase_lines.append("%-16s cpu  %s  other=%.0f (run: %.0f ms CPU, all threads)" % (
                "", " ".join("%s=%.0f" % (p, cpu_phases.get(p, 0)) for p in PHASES),
                max(0, scpu * 1000 - cpu_total), scpu * 1000))
            if gc_line:
                phase_lines.append("%-16s gc   %s" % ("", gc_line))
    print("\nHelmSharp per-phase breakdown, ms (one run with HELMSHARP_PHASES=1; wall, and CPU of the thread that ran"
          " each phase; other = the rest: process start, runtime, GC threads, exit; gc = bytes allocated, collections"
          " and their pauses in the whole process):")
    for l in phase_lines:
        print(l)
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        print("\ngrowth %d -> %d (%.1fx the work): HelmSharp wall, CPU; helm wall, CPU" % (lo, hi, hi / lo))
        for shape in shapes:
            if (shape, lo) in results and (shape, hi) in results:
                (hwl, hcl, _), (swl, scl, _) = results[(shape, lo)]["helm"], results[(shape, lo)]["hs"]
                (hwh, hch, _), (swh, sch, _) = results[(shape, hi)]["helm"], results[(shape, hi)]["hs"]
                print("%-10s hs %5.2fx %5.2fx | helm %5.2fx %5.2fx" % (shape, swh / swl, sch / scl, hwh / hwl, hch / hcl))
    print("load at end: %s" % loadavg())


if __name__ == "__main__":
    main()
