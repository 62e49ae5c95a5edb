#!/usr/bin/env python3
"""Regenerate testdata/computed-values from the pinned helm 4 binary.

For every chart testdata/charts/<name>/ and value set testdata/charts/<name>.values/<set>.yaml (sets with an .args
file are left out: their flags are template's) this runs, from the repository root,

    helm install golden testdata/charts/<name> -f testdata/charts/<name>.values/<set>.yaml --dry-run=client --debug

and writes the COMPUTED VALUES section it prints (from "COMPUTED VALUES:" up to the blank line before "HOOKS:") to
testdata/computed-values/<name>/<set>.helm4.txt. A run that fails writes nothing. helm 3.17 is not used: its install
wants a reachable cluster even with --dry-run=client.

Usage: scripts/regen-computed-values.py [CHART-NAME ...]     (default: all charts)
Binary: $HELMSHARP_HELM4 or /work/main/.helm/v4/helm.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHARTS = os.path.join("testdata", "charts")
OUT = os.path.join("testdata", "computed-values")
HELM = os.environ.get("HELMSHARP_HELM4") or "/work/main/.helm/v4/helm"


def section(stdout):
    start = stdout.find("COMPUTED VALUES:\n")
    end = stdout.find("\nHOOKS:\n", start)
    if start < 0 or end < 0:
        return None
    return stdout[start:end + 1]


def main():
    os.chdir(ROOT)
    names = sys.argv[1:] or sorted(n for n in os.listdir(CHARTS) if os.path.isdir(os.path.join(CHARTS, n)) and not n.endswith(".values"))
    written = 0
    for name in names:
        sets = os.path.join(CHARTS, name + ".values")
        if not os.path.isdir(sets):
            continue
        for f in sorted(os.listdir(sets)):
            if not f.endswith(".yaml") or os.path.exists(os.path.join(sets, f[:-5] + ".args")):
                continue
            cmd = [HELM, "install", "golden", os.path.join(CHARTS, name), "-f", os.path.join(sets, f), "--dry-run=client", "--debug"]
            r = subprocess.run(cmd, capture_output=True, timeout=120, env=dict(os.environ, HOME="/tmp/helmsharp-regen-home"))
            text = section(r.stdout.decode("utf-8", "surrogateescape")) if r.returncode == 0 else None
            if text is None:
                continue
            os.makedirs(os.path.join(OUT, name), exist_ok=True)
            with open(os.path.join(OUT, name, f[:-5] + ".helm4.txt"), "w", encoding="utf-8", errors="surrogateescape", newline="") as out:
                out.write(text)
            written += 1
    print("wrote %d expectations" % written)


if __name__ == "__main__":
    main()
