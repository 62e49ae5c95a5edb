#!/usr/bin/env python3
"""Generate a deterministic synthetic chart of N components: scripts/gen-large-chart.py N OUTDIR

Each component gets a ConfigMap, a Service and a Deployment (templates/<component>/*.yaml) that are
thin wrappers over a vendored library chart of shared helpers (charts/platform-lib), in the style of
charts built on a common library: names/labels helpers, `tpl` over values, `toYaml | nindent`,
merged defaults, and checksum annotations via `include (print $.Template.BasePath ...) . | sha256sum`.
The output depends only on N (no randomness, no timestamps), so it can be committed and re-generated.
"""
import os
import shutil
import sys

LIB_CHART = """apiVersion: v2
name: platform-lib
description: Shared helpers for the synthetic large chart
type: library
version: 3.1.0
"""

LIB_HELPERS = r'''{{/* ---- names ---- */}}
{{- define "platform.fullname" -}}
{{- $root := .root -}}
{{- printf "%s-%s" $root.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "platform.labels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: {{ .root.Chart.Name }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- with (include "platform.values" . | fromYaml).labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "platform.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* ---- values: component values merged over the global defaults ---- */}}
{{- define "platform.values" -}}
{{- $c := index .root.Values.components .component | default dict -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) $c) -}}
{{- end -}}

{{- define "platform.tpl" -}}
{{- if typeIs "string" .value }}{{ tpl .value .root }}{{ else }}{{ tpl (toYaml .value) .root }}{{ end -}}
{{- end -}}

{{/* ---- resources ---- */}}
{{- define "platform.configmap" -}}
{{- $v := include "platform.values" . | fromYaml -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "platform.fullname" . }}
  labels:
    {{- include "platform.labels" . | nindent 4 }}
data:
  {{- range $k, $val := $v.config }}
  {{ $k }}: {{ include "platform.tpl" (dict "value" $val "root" $.root) | quote }}
  {{- end }}
  component.json: {{ dict "name" .component "port" $v.port "tier" $v.tier | toJson | quote }}
{{- end -}}

{{- define "platform.service" -}}
{{- $v := include "platform.values" . | fromYaml -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "platform.fullname" . }}
  labels:
    {{- include "platform.labels" . | nindent 4 }}
spec:
  type: {{ $v.serviceType }}
  ports:
    - name: http
      port: {{ $v.port }}
      targetPort: http
  selector:
    {{- include "platform.selectorLabels" . | nindent 4 }}
{{- end -}}

{{- define "platform.deployment" -}}
{{- $v := include "platform.values" . | fromYaml -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "platform.fullname" . }}
  labels:
    {{- include "platform.labels" . | nindent 4 }}
spec:
  replicas: {{ $v.replicas }}
  selector:
    matchLabels:
      {{- include "platform.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "platform.selectorLabels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include (print .root.Template.BasePath "/" .component "/configmap.yaml") .root | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- include "platform.tpl" (dict "value" . "root" $.root) | nindent 8 }}
        {{- end }}
    spec:
      containers:
        - name: {{ .component }}
          image: {{ printf "%s/%s:%s" .root.Values.global.registry $v.image.repository ($v.image.tag | toString) | quote }}
          ports:
            - name: http
              containerPort: {{ $v.port }}
          envFrom:
            - configMapRef:
                name: {{ include "platform.fullname" . }}
          {{- with $v.env }}
          env:
            {{- include "platform.tpl" (dict "value" . "root" $.root) | nindent 12 }}
          {{- end }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}
'''

TIERS = ["frontend", "backend", "worker", "cache", "batch"]
CPUS = ["50m", "100m", "250m", "500m"]
MEMS = ["64Mi", "128Mi", "256Mi", "512Mi", "1Gi"]


def component_name(i):
    return "svc-%03d" % i


def values_yaml(n):
    out = []
    out.append("global:\n  registry: registry.example.com\n  environment: perf\n")
    out.append("""defaults:
  replicas: 1
  serviceType: ClusterIP
  port: 8080
  tier: backend
  image:
    repository: platform/app
    tag: "1.0.0"
  labels:
    environment: "perf"
  resources:
    requests:
      cpu: 100m
      memory: 128Mi
  config:
    LOG_LEVEL: info
    ENVIRONMENT: "{{ .Values.global.environment }}"
  podAnnotations: {}
  env: []
  nodeSelector: {}
""")
    out.append("components:\n")
    for i in range(1, n + 1):
        name = component_name(i)
        tier = TIERS[i % len(TIERS)]
        out.append("  %s:\n" % name)
        out.append("    replicas: %d\n" % (1 + i % 3))
        out.append("    port: %d\n" % (8000 + i))
        out.append("    tier: %s\n" % tier)
        out.append("    image:\n      repository: platform/%s\n      tag: \"1.%d.%d\"\n" % (name, i % 7, i % 11))
        out.append("    labels:\n      tier: %s\n" % tier)
        out.append("    resources:\n      limits:\n        cpu: %s\n        memory: %s\n" % (CPUS[i % len(CPUS)], MEMS[i % len(MEMS)]))
        out.append("    config:\n")
        out.append("      SERVICE_NAME: \"{{ .Release.Name }}-%s\"\n" % name)
        out.append("      UPSTREAM: \"http://{{ .Release.Name }}-%s:%d\"\n" % (component_name(1 + i % n), 8000 + 1 + i % n))
        out.append("      FEATURE_%d: \"%s\"\n" % (i % 4, "true" if i % 2 else "false"))
        if i % 3 == 0:
            out.append("      LONG_DESCRIPTION: \"component %d of the synthetic platform; this string is long enough to be folded by the YAML emitter when it is rendered through toYaml\"\n" % i)
        if i % 2 == 0:
            out.append("    podAnnotations:\n      prometheus.io/scrape: \"true\"\n      prometheus.io/port: \"{{ add 9000 %d }}\"\n" % i)
        if i % 4 == 1:
            out.append("    env:\n      - name: COMPONENT_INDEX\n        value: \"%d\"\n      - name: RELEASE\n        value: \"{{ .Release.Name }}\"\n" % i)
        if i % 5 == 0:
            out.append("    nodeSelector:\n      kubernetes.io/os: linux\n      node.example.com/pool: %s\n" % tier)
    return "".join(out)


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: gen-large-chart.py N OUTDIR")
    n = int(sys.argv[1])
    if n < 1:
        raise SystemExit("N must be >= 1")
    outdir = sys.argv[2]
    if os.path.exists(outdir):
        shutil.rmtree(outdir)
    os.makedirs(os.path.join(outdir, "templates"))
    lib = os.path.join(outdir, "charts", "platform-lib", "templates")
    os.makedirs(lib)
    name = os.path.basename(os.path.normpath(outdir))
    w = lambda path, text: open(path, "w", encoding="utf-8", newline="\n").write(text)
    w(os.path.join(outdir, "Chart.yaml"),
      "apiVersion: v2\nname: %s\ndescription: Synthetic chart of %d components (scripts/gen-large-chart.py)\n"
      "version: 1.0.%d\nappVersion: \"1.0.0\"\ndependencies:\n  - name: platform-lib\n    version: 3.x\n" % (name, n, n))
    w(os.path.join(outdir, "values.yaml"), values_yaml(n))
    w(os.path.join(outdir, "charts", "platform-lib", "Chart.yaml"), LIB_CHART)
    w(os.path.join(lib, "_platform.tpl"), LIB_HELPERS)
    for i in range(1, n + 1):
        c = component_name(i)
        d = os.path.join(outdir, "templates", c)
        os.makedirs(d)
        for kind in ("configmap", "service", "deployment"):
            w(os.path.join(d, kind + ".yaml"),
              '{{- include "platform.%s" (dict "root" $ "component" "%s") }}\n' % (kind, c))
    w(os.path.join(outdir, "templates", "NOTES.txt"),
      "{{ len .Values.components }} components deployed as {{ .Release.Name }}.\n")


if __name__ == "__main__":
    main()
