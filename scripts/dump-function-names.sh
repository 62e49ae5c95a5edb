#!/usr/bin/env bash
# Asks each pinned helm binary which template function names exist: every candidate name (ours,
# Sprig v3.3.0's genericMap, helm's own, Go's builtins, and names that must NOT exist) is parsed in
# a one-template chart; the names that parse are written to testdata/functions/helm{4,3}.txt.
# Generated from the binaries, never edited by hand. Run scripts/install-helm.sh first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
candidates="$root/testdata/functions/candidates.txt"
for v in 4 3; do
  out="$root/testdata/functions/helm$v.txt"
  : > "$out.tmp"
  while read -r name; do
    [ -z "$name" ] && continue
    d="$tmp/$v-$name"; mkdir -p "$d/templates"
    printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' > "$d/Chart.yaml"
    printf '{{ if false }}{{ %s }}{{ end }}\n' "$name" > "$d/templates/x.yaml"
    if HOME="$tmp/home" KUBECONFIG=/dev/null "$root/.helm/v$v/helm" template c "$d" >/dev/null 2>"$d/err"; then
      echo "$name" >> "$out.tmp"
    elif ! grep -q "function \"$name\" not defined" "$d/err"; then
      echo "unexpected helm error for $name: $(cat "$d/err")" >&2; exit 1
    fi
  done < "$candidates"
  LC_ALL=C sort -u "$out.tmp" > "$out"; rm "$out.tmp"
  echo "helm $v: $(wc -l < "$out") functions" >&2
done
