"""The oracle, shared by the scripts that run it: where the pinned helm binaries are, and the pinned
environment they run in (nothing inherited but PATH, so a developer's helm configuration, kube config,
time zone or locale never reaches an expected output)."""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERSIONS = {4: "v4.1.4", 3: "v3.17.3"}


def helm_binary(major, check=False):
    """$HELMSHARP_HELM<major>, else <repo>/.helm/v<major>/helm (scripts/install-helm.sh puts it there).
    With check, exits unless the binary is there and reports the pinned version."""
    path = os.environ.get("HELMSHARP_HELM%d" % major) or os.path.join(ROOT, ".helm", "v%d" % major, "helm")
    if check:
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            sys.exit("helm v%d not found at %s (run bash scripts/install-helm.sh)" % (major, path))
        got = subprocess.run([path, "version", "--template", "{{.Version}}"], capture_output=True, text=True,
                             env=pinned_env(tempfile.gettempdir())).stdout.strip()
        if got != VERSIONS[major]:
            sys.exit("%s is helm %r, expected %s" % (path, got, VERSIONS[major]))
    return path


def pinned_env(home):
    """The environment helm runs in: HOME and helm's XDG directories under home, no kube config, UTC, C locale."""
    os.makedirs(home, exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
        "KUBECONFIG": os.path.join(home, "no-kubeconfig"),
        "TMPDIR": "/tmp",
        "TZ": "UTC",
        "LANG": "C",
        "LC_ALL": "C",
    }


def run_agreed(argv, cwd, home, runs, timeout, normalise=None):
    """Runs helm `runs` times in the pinned environment; returns (stdout, stderr, exit code) once every run
    printed the same (after `normalise`, if given). helm output that differs between runs (several errors in
    Go map order) cannot be a golden: exits instead."""
    results = []
    for _ in range(runs):
        try:
            p = subprocess.run(argv, cwd=cwd, env=pinned_env(home), stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise SystemExit("timeout: %s" % " ".join(argv))
        out, err = (normalise(p.stdout), normalise(p.stderr)) if normalise else (p.stdout, p.stderr)
        results.append((out, err, p.returncode))
    if any(r != results[0] for r in results[1:]):
        raise SystemExit("NON-DETERMINISTIC helm output: %s" % " ".join(argv))
    return results[0]


def write_golden(base, out, err, code):
    """Writes <base>.out, .err and .exit (the golden files the tests read)."""
    os.makedirs(os.path.dirname(base), exist_ok=True)
    with open(base + ".out", "wb") as f:
        f.write(out)
    with open(base + ".err", "wb") as f:
        f.write(err)
    with open(base + ".exit", "w") as f:
        f.write("%d\n" % code)
