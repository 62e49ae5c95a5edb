#!/usr/bin/env python3
"""Regenerate the `helm lint` golden corpus (testdata/lint) from the pinned helm binaries.

Layout:
  testdata/lint/charts/<name>/     test charts (good and broken ones; .tgz archives beside them)
  testdata/lint/cases/<case>.args  one `helm lint` argument per line (blank lines and lines starting
                                   with '#' ignored); paths are relative to the repository root
  testdata/lint/golden/<case>.helm{4,3}.{out,err,exit}   what each binary printed

For every case this runs, from the repository root, `helm lint <args...>` with helm 4 and helm 3
(each RUNS times; the runs must agree) and writes the goldens. One pseudo-argument is understood:
  --only 3|4   generate (and test) for that helm major only.
The NUnit runner (tests/HelmSharp.Tests/Lint) runs the same argument vector through the HelmSharp CLI
(adding --helm3 in helm-3 mode) and compares exit code, stdout and stderr byte for byte.

helm lint prints the absolute chart directory in some messages, and a random temporary directory for
archives; both are normalised in the goldens (and by the runner in our output): the repository root
becomes <ROOT> and <tmp>/helm-lint<digits> becomes <TMP>.

Usage:
  scripts/regen-lint.py [CASE ...]          regenerate the goldens (default: every case)
  scripts/regen-lint.py deprecations [MIRROR]
        regenerate src/HelmSharp/Lint/K8sDeprecations.Data.cs, the API deprecation table of the
        k8s.io/api version each binary was built with (v0.35.1 for helm 4.1.4, v0.32.2 for helm 3.17.3),
        from git directories of kubernetes/api and kubernetes/client-go (default MIRROR: /work/.mirror,
        holding kubernetes+api/repo and kubernetes+client-go/repo).
Binaries: $HELMSHARP_HELM4 / $HELMSHARP_HELM3, else <repo>/.helm/v{4,3}/helm (scripts/oracle.py).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import helm_binary, run_agreed, write_golden  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join("testdata", "lint", "cases")
GOLDEN = os.path.join("testdata", "lint", "golden")
TIMEOUT = 120
RUNS = int(os.environ.get("REGEN_RUNS", "3"))  # each command runs RUNS times; outputs must agree


def read_args(path):
    """Returns (helm args, only-major or None)."""
    only = None
    args = []
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n").rstrip("\r") for l in f]
    lines = [l for l in lines if l.strip() != "" and not l.startswith("#")]
    i = 0
    while i < len(lines):
        l = lines[i]
        if l == "--only":
            only = int(lines[i + 1])
            i += 2
            continue
        args.append(l)
        i += 1
    return args, only


def normalise(data):
    """The repository root -> <ROOT>; /tmp/helm-lint<digits> -> <TMP> (the runner does the same to our output)."""
    text = data.decode("utf-8", errors="surrogateescape")
    text = text.replace(ROOT, "<ROOT>")
    text = re.sub(r"/tmp/helm-lint[0-9]+", "<TMP>", text)
    return text.encode("utf-8", errors="surrogateescape")


def run_one(major, case, tmp):
    args, only = read_args(os.path.join(CASES, case + ".args"))
    base = os.path.join(GOLDEN, "%s.helm%d" % (case, major))
    for ext in (".out", ".err", ".exit"):
        if os.path.exists(base + ext):
            os.remove(base + ext)
    if only is not None and only != major:
        return None
    argv = [helm_binary(major), "lint"] + args
    out, err, code = run_agreed(argv, ROOT, os.path.join(tmp, "home"), RUNS, TIMEOUT, normalise)
    write_golden(base, out, err, code)
    return code


# ---- the k8s API deprecation table ----

API_TAGS = {4: "v0.35.1", 3: "v0.32.2"}  # k8s.io/api = k8s.io/client-go version in each helm's go.mod


def git_show(gitdir, rev, path):
    p = subprocess.run(["git", "--git-dir", gitdir, "show", "%s:%s" % (rev, path)], capture_output=True)
    if p.returncode != 0:
        return None
    return p.stdout.decode("utf-8")


def deprecation_table(mirror, major):
    tag = API_TAGS[major]
    api = os.path.join(mirror, "kubernetes+api", "repo")
    client = os.path.join(mirror, "kubernetes+client-go", "repo")
    reg = git_show(client, tag, "kubernetes/scheme/register.go")
    pkgs = re.findall(r'^\s+\w+ "k8s\.io/api/([a-z0-9.]+/[a-z0-9]+)"$', reg, re.M)
    rows = []
    for pkg in sorted(set(pkgs)):
        register = git_show(api, tag, pkg + "/register.go")
        group = re.search(r'const GroupName = "([^"]*)"', register).group(1)
        version = re.search(r'SchemeGroupVersion = schema\.GroupVersion\{Group: GroupName, Version: "([^"]+)"\}', register).group(1)
        kinds = set()
        for block in re.findall(r'AddKnownTypes\(SchemeGroupVersion,(.*?)\)\n', register, re.S):
            kinds.update(re.findall(r'&(\w+)\{\}', block))
        # generated lifecycle methods, and hand-written ones (core/v1/lifecycle.go)
        life = (git_show(api, tag, pkg + "/zz_generated.prerelease-lifecycle.go") or "") + (git_show(api, tag, pkg + "/lifecycle.go") or "")
        dep = dict((k, (int(a), int(b))) for k, a, b in re.findall(
            r'func \(in \*(\w+)\) APILifecycleDeprecated\(\) \(major, minor int\) \{\s*return (\d+), (\d+)', life))
        rem = dict((k, (int(a), int(b))) for k, a, b in re.findall(
            r'func \(in \*(\w+)\) APILifecycleRemoved\(\) \(major, minor int\) \{\s*return (\d+), (\d+)', life))
        rep = dict((k, (g, v, kk)) for k, g, v, kk in re.findall(
            r'func \(in \*(\w+)\) APILifecycleReplacement\(\) schema\.GroupVersionKind \{\s*return schema\.GroupVersionKind\{Group: "([^"]*)", Version: "([^"]*)", Kind: "([^"]*)"\}', life))
        api_version = version if group == "" else group + "/" + version
        for kind in sorted(kinds):
            if kind not in dep or dep[kind] == (0, 0):
                continue
            r = rem.get(kind, (0, 0))
            g, v, k = rep.get(kind, ("", "", ""))
            rows.append((api_version, kind, dep[kind], r, g, v, k))
    return rows


def cs_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_deprecations(mirror):
    out = os.path.join(ROOT, "src", "HelmSharp", "Lint", "K8sDeprecations.Data.cs")
    lines = [
        "// <auto-generated>",
        "// Generated by scripts/regen-lint.py deprecations from the prerelease-lifecycle data of k8s.io/api",
        "// (%s for helm 4.1.4, %s for helm 3.17.3), limited to the kinds client-go's scheme registers." % (API_TAGS[4], API_TAGS[3]),
        "// Do not edit by hand.",
        "// </auto-generated>",
        "namespace HelmSharp.Lint;",
        "",
        "internal static partial class K8sDeprecations",
        "{",
    ]
    for major in (4, 3):
        rows = deprecation_table(mirror, major)
        lines.append("    private static readonly DeprecatedApi[] s_helm%d =" % major)
        lines.append("    [")
        for api_version, kind, dep, rem, g, v, k in rows:
            lines.append("        new(%s, %s, %d, %d, %d, %d, %s, %s, %s)," % (
                cs_string(api_version), cs_string(kind), dep[0], dep[1], rem[0], rem[1], cs_string(g), cs_string(v), cs_string(k)))
        lines.append("    ];")
        lines.append("")
    lines[-1] = "}"
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", out)


def main():
    os.chdir(ROOT)
    argv = sys.argv[1:]
    if argv[:1] == ["deprecations"]:
        write_deprecations(argv[1] if len(argv) > 1 else "/work/.mirror")
        return
    names = argv
    if not names:
        names = sorted(f[:-5] for f in os.listdir(CASES) if f.endswith(".args"))
    for case in names:
        codes = []
        for major in (4, 3):
            tmp = tempfile.mkdtemp(prefix="regen-lint-")
            try:
                codes.append(run_one(major, case, tmp))
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        print("%-44s helm4=%s helm3=%s" % (case, codes[0], codes[1]))


if __name__ == "__main__":
    main()
