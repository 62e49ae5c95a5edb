#!/usr/bin/env bash
# Dumps the default .Capabilities of each pinned helm binary into src/HelmSharp/Rendering/Data/
# (embedded into the library): the APIVersions list in order, KubeVersion and HelmVersion fields.
# Generated from the binaries, never edited by hand. Run scripts/install-helm.sh first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/c/templates"
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' > "$tmp/c/Chart.yaml"
cat > "$tmp/c/templates/x.yaml" <<'TPL'
{{- range .Capabilities.APIVersions }}
# apiversion {{ . }}
{{- end }}
# kubeversion {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }}
# helmversion {{ .Capabilities.HelmVersion.Version }} {{ .Capabilities.HelmVersion.GitCommit }} {{ .Capabilities.HelmVersion.GitTreeState }} {{ .Capabilities.HelmVersion.GoVersion }}{{ if hasKey (toJson .Capabilities.HelmVersion | fromJson) "kube_client_version" }} {{ .Capabilities.HelmVersion.KubeClientVersion }}{{ end }}
TPL
for v in 4 3; do
  HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/cfg" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data" KUBECONFIG=/dev/null \
    "$root/.helm/v$v/helm" template c "$tmp/c" | grep '^# ' | sed 's/^# //' > "$root/src/HelmSharp/Rendering/Data/capabilities-helm$v.txt"
done
echo "wrote src/HelmSharp/Rendering/Data/capabilities-helm{4,3}.txt" >&2
