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
