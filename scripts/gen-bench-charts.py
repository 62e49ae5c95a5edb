#!/usr/bin/env python3
"""Generate the benchmark chart shapes: scripts/gen-bench-charts.py SHAPE N OUTDIR  (or: all N OUTROOT)

Six shapes, each deterministic (the output depends only on SHAPE and N) and scaled so that N units of work
give roughly N..3N rendered documents or the equivalent input:

  include    a library-chart style chart: every component is a thin wrapper over shared helpers
             (fullname/labels, `toYaml | nindent`, merged defaults, some `tpl`, checksum includes) --
             scripts/gen-large-chart.py
  toyaml     one template per application, each printing big nested values through `toYaml | nindent`,
             `toJson` and `toYaml | quote`
  range      a few templates that `range` over long lists (N items, each with nested ranges over ports, env
             and a map), with `if`/`eq`/`printf`/`default`
  tpl        values strings that are templates, rendered with `tpl` (N components x 5 strings, some calling
             `include`)
  bigvalues  a values.yaml of ~60 lines per unit plus a values.schema.json that checks every entry; the
             templates read a small part (one ConfigMap per 25 entries)
  crds       many files: N/4 CustomResourceDefinitions of ~16 KB in crds/ and N data files in files/,
             with templates using `.Files.Get` / `.Files.Glob ... AsConfig` on a few of them
"""
import importlib.util
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPES = ["include", "toyaml", "range", "tpl", "bigvalues", "crds"]


def writer(outdir):
    def w(rel, text):
        p = os.path.join(outdir, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    return w


def chart_yaml(name, n, shape):
    return ("apiVersion: v2\nname: %s\ndescription: Benchmark chart, shape %s, N=%d (scripts/gen-bench-charts.py)\n"
            "version: 1.0.%d\nappVersion: \"1.0.0\"\n" % (name, shape, n, n))


def gen_include(n, outdir):
    spec = importlib.util.spec_from_file_location("gen_large_chart", os.path.join(HERE, "gen-large-chart.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    argv = sys.argv
    try:
        sys.argv = ["gen-large-chart.py", str(n), outdir]
        mod.main()
    finally:
        sys.argv = argv


def gen_toyaml(n, outdir):
    w = writer(outdir)
    w("Chart.yaml", chart_yaml(os.path.basename(outdir), n, "toyaml"))
    v = ["apps:\n"]
    for i in range(n):
        a = "app-%04d" % i
        v.append("  %s:\n" % a)
        v.append("    labels:\n      app: %s\n      tier: t%d\n      team: team-%d\n" % (a, i % 5, i % 13))
        v.append("    containers:\n")
        for c in range(2):
            v.append("      - name: c%d\n        image: registry.example.com/%s/c%d:%d.%d\n" % (c, a, c, i % 9, c))
            v.append("        args: [\"--port=%d\", \"--verbose\", \"--name=%s\"]\n" % (8000 + c, a))
            v.append("        env:\n")
            for e in range(4):
                v.append("          - name: VAR_%d\n            value: \"value %d of %s with some words\"\n" % (e, e, a))
            v.append("        resources:\n          limits: {cpu: %dm, memory: %dMi}\n          requests: {cpu: 50m, memory: 64Mi}\n" % (100 + i % 400, 128 + i % 512))
            v.append("        readinessProbe:\n          httpGet: {path: /healthz, port: %d}\n          periodSeconds: 10\n" % (8000 + c))
        v.append("    affinity:\n      podAntiAffinity:\n        preferredDuringSchedulingIgnoredDuringExecution:\n")
        v.append("          - weight: 100\n            podAffinityTerm:\n              topologyKey: kubernetes.io/hostname\n")
        v.append("              labelSelector:\n                matchLabels: {app: %s}\n" % a)
        v.append("    tolerations:\n      - {key: dedicated, operator: Equal, value: pool-%d, effect: NoSchedule}\n" % (i % 4))
        v.append("    settings:\n      enabled: %s\n      ratio: %d.5\n      description: \"a longer description of %s that goes on for a while so that the emitter has to think about folding it at some point\"\n" % ("true" if i % 2 else "false", i % 10, a))
    w("values.yaml", "".join(v))
    for i in range(n):
        a = "app-%04d" % i
        w("templates/%s.yaml" % a, """{{- $app := index .Values.apps "%s" }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-%s
  labels:
    {{- toYaml $app.labels | nindent 4 }}
spec:
  selector:
    matchLabels:
      {{- toYaml $app.labels | nindent 6 }}
  template:
    metadata:
      labels:
        {{- toYaml $app.labels | nindent 8 }}
    spec:
      containers:
        {{- toYaml $app.containers | nindent 8 }}
      affinity:
        {{- toYaml $app.affinity | nindent 8 }}
      tolerations:
        {{- toYaml $app.tolerations | nindent 8 }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-%s-settings
data:
  settings.json: {{ toJson $app.settings | quote }}
  settings.yaml: |
    {{- toYaml $app.settings | nindent 4 }}
""" % (a, a, a))


def gen_range(n, outdir):
    w = writer(outdir)
    w("Chart.yaml", chart_yaml(os.path.basename(outdir), n, "range"))
    groups = 4
    v = ["global:\n  domain: example.com\n  env: perf\ngroups:\n"]
    for g in range(groups):
        v.append("  g%d:\n" % g)
        for i in range(g, n, groups):
            v.append("    - name: item-%04d\n      enabled: %s\n      kind: %s\n" % (i, "false" if i % 7 == 0 else "true", ["web", "api", "job"][i % 3]))
            v.append("      ports:\n")
            for p in range(3):
                v.append("        - {name: p%d, port: %d, protocol: %s}\n" % (p, 8000 + p * 100 + i % 100, "UDP" if p == 2 else "TCP"))
            v.append("      env:\n")
            for e in range(5):
                v.append("        E%d: \"v%d-%d\"\n" % (e, e, i))
            v.append("      hosts: [\"a%d\", \"b%d\"]\n" % (i, i))
    w("values.yaml", "".join(v))
    for g in range(groups):
        w("templates/group-%d.yaml" % g, """{{- range $i, $it := .Values.groups.g%d }}
{{- if $it.enabled }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ printf "%%s-%%s" $.Release.Name $it.name | trunc 63 }}
  labels:
    kind: {{ $it.kind | quote }}
    index: {{ $i | quote }}
spec:
  ports:
  {{- range $it.ports }}
    - name: {{ .name }}
      port: {{ .port }}
      {{- if ne .protocol "TCP" }}
      protocol: {{ .protocol }}
      {{- end }}
  {{- end }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $.Release.Name }}-{{ $it.name }}-env
data:
  {{- range $k, $v := $it.env }}
  {{ $k }}: {{ $v | default "none" | quote }}
  {{- end }}
  hosts: {{ range $h := $it.hosts }}{{ $h }}.{{ $.Values.global.domain }},{{ end }}
  {{- if eq $it.kind "job" }}
  schedule: "*/5 * * * *"
  {{- end }}
{{- end }}
{{- end }}
""" % g)


def gen_tpl(n, outdir):
    w = writer(outdir)
    w("Chart.yaml", chart_yaml(os.path.basename(outdir), n, "tpl"))
    v = ["global:\n  domain: example.com\n  registry: registry.example.com\n",
         "common:\n  annotations: |\n    team: {{ .Values.global.domain }}\n    release: {{ .Release.Name }}\n",
         "components:\n"]
    for i in range(n):
        c = "comp-%04d" % i
        v.append("  %s:\n" % c)
        v.append("    image: \"{{ .Values.global.registry }}/%s:{{ .Chart.AppVersion }}\"\n" % c)
        v.append("    host: \"%s.{{ .Values.global.domain }}\"\n" % c)
        v.append("    url: \"https://{{ .Release.Name }}-%s.{{ .Release.Namespace }}.svc:%d\"\n" % (c, 8000 + i % 1000))
        v.append("    name: \"{{ include \\\"bench.fullname\\\" . }}-%s\"\n" % c)
        v.append("    note: \"{{ if .Release.IsInstall }}install{{ else }}upgrade{{ end }} of {{ .Chart.Name }} ({{ len .Values.components }} components)\"\n")
    w("values.yaml", "".join(v))
    w("templates/_helpers.tpl", """{{- define "bench.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
""")
    for i in range(n):
        c = "comp-%04d" % i
        w("templates/%s.yaml" % c, """{{- $c := index .Values.components "%s" }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ tpl $c.name . }}
  annotations:
    {{- tpl .Values.common.annotations . | nindent 4 }}
data:
  image: {{ tpl $c.image . | quote }}
  host: {{ tpl $c.host . | quote }}
  url: {{ tpl $c.url . | quote }}
  note: {{ tpl $c.note . | quote }}
""" % c)


def gen_bigvalues(n, outdir):
    w = writer(outdir)
    w("Chart.yaml", chart_yaml(os.path.basename(outdir), n, "bigvalues"))
    v = ["catalog:\n"]
    for i in range(n):
        e = "entry-%05d" % i
        v.append("  %s:\n" % e)
        v.append("    id: %d\n    name: \"%s\"\n    enabled: %s\n    weight: %d.25\n" % (i, e, "true" if i % 3 else "false", i % 100))
        v.append("    owner:\n      team: team-%d\n      email: team-%d@example.com\n      oncall: [\"a%d\", \"b%d\", \"c%d\"]\n" % (i % 17, i % 17, i, i, i))
        v.append("    tags: [alpha, beta, gamma, delta-%d]\n" % (i % 10))
        v.append("    limits:\n      cpu: %dm\n      memory: %dMi\n      storage: %dGi\n" % (100 + i % 900, 128 + i % 2048, 1 + i % 100))
        v.append("    endpoints:\n")
        for k in range(3):
            v.append("      - path: /api/v%d/%s\n        method: %s\n        timeout: %d\n        retries: %d\n" % (k + 1, e, ["GET", "POST", "PUT"][k], 1000 + k * 500, k))
        v.append("    matrix:\n")
        for r in range(3):
            v.append("      - [%d, %d, %d, %d]\n" % (r, i % 7, (i * 3) % 11, (i * 7) % 13))
        v.append("    description: >-\n      Entry %d of the catalog. This folded text spans a few lines so that the\n      values reader has some block scalars to fold as well as plain scalars.\n" % i)
        v.append("    meta:\n      created: \"2024-01-%02d\"\n      revision: %d\n      checksum: \"%032x\"\n" % (1 + i % 28, i % 50, (i * 2654435761) % (1 << 128)))
    w("values.yaml", "".join(v))
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "required": ["catalog"],
        "properties": {"catalog": {"type": "object", "additionalProperties": {"$ref": "#/definitions/entry"}}},
        "definitions": {
            "entry": {
                "type": "object",
                "required": ["id", "name", "enabled", "owner", "limits", "endpoints"],
                "properties": {
                    "id": {"type": "integer", "minimum": 0},
                    "name": {"type": "string", "pattern": "^entry-[0-9]+$"},
                    "enabled": {"type": "boolean"},
                    "weight": {"type": "number"},
                    "owner": {"type": "object", "required": ["team"], "properties": {
                        "team": {"type": "string"}, "email": {"type": "string", "format": "email"},
                        "oncall": {"type": "array", "items": {"type": "string"}, "minItems": 1}}},
                    "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
                    "limits": {"type": "object", "additionalProperties": {"type": "string"}},
                    "endpoints": {"type": "array", "items": {"type": "object", "required": ["path", "method"], "properties": {
                        "path": {"type": "string"}, "method": {"enum": ["GET", "POST", "PUT", "DELETE"]},
                        "timeout": {"type": "integer"}, "retries": {"type": "integer", "maximum": 10}}}},
                    "matrix": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
                    "description": {"type": "string", "maxLength": 1000},
                    "meta": {"type": "object"},
                },
            }
        },
    }
    w("values.schema.json", json.dumps(schema, indent=2) + "\n")
    w("templates/summary.yaml", """{{- $all := .Values.catalog }}
{{- $keys := keys $all | sortAlpha }}
{{- range $i, $k := $keys }}
{{- if eq (mod $i 25) 0 }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $.Release.Name }}-{{ $k }}
data:
  owner: {{ (index $all $k).owner.team | quote }}
  endpoints: {{ len (index $all $k).endpoints | quote }}
  enabled: {{ (index $all $k).enabled | quote }}
{{- end }}
{{- end }}
""")


CRD_PROPS = 60


def crd_text(i):
    props = []
    for p in range(CRD_PROPS):
        props.append("""                field%02d:
                  type: object
                  description: Field %d of resource %d. Generated text that makes the CRD about as large as the ones that operators ship.
                  properties:
                    name: {type: string, maxLength: 253}
                    replicas: {type: integer, minimum: 0, format: int32}
                    enabled: {type: boolean, default: true}
                    selector:
                      type: object
                      additionalProperties: {type: string}
""" % (p, p, i))
    return """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets%d.bench.example.com
spec:
  group: bench.example.com
  names: {kind: Widget%d, plural: widgets%d, singular: widget%d, listKind: Widget%dList}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
%s""" % (i, i, i, i, i, "".join(props))


def gen_crds(n, outdir):
    w = writer(outdir)
    w("Chart.yaml", chart_yaml(os.path.basename(outdir), n, "crds"))
    w("values.yaml", "config:\n  group: \"000\"\n  names: [\"files/data-0001.conf\", \"files/data-0002.conf\"]\n")
    for i in range(max(1, n // 4)):
        w("crds/widget-%04d.yaml" % i, crd_text(i))
    for i in range(n):
        lines = ["# data file %d\n" % i]
        for k in range(40):
            lines.append("key_%02d = \"value %d/%d with padding text to make the file a bit larger\"\n" % (k, i, k))
        w("files/data-%04d.conf" % i, "".join(lines))
    w("templates/configmap.yaml", """apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-glob
data:
{{ (.Files.Glob (printf "files/data-%s*.conf" .Values.config.group)).AsConfig | indent 2 }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-picked
data:
  {{- range .Values.config.names }}
  {{ base . }}: {{ $.Files.Get . | quote }}
  {{- end }}
""")
    w("templates/widget.yaml", """apiVersion: bench.example.com/v1
kind: Widget0
metadata:
  name: {{ .Release.Name }}
spec:
  field00: {name: x, replicas: 1}
""")


GEN = {"include": gen_include, "toyaml": gen_toyaml, "range": gen_range, "tpl": gen_tpl,
       "bigvalues": gen_bigvalues, "crds": gen_crds}


def generate(shape, n, outdir):
    if os.path.exists(outdir):
        shutil.rmtree(outdir)
    os.makedirs(outdir)
    GEN[shape](n, outdir)


def main():
    if len(sys.argv) != 4 or (sys.argv[1] not in GEN and sys.argv[1] != "all"):
        raise SystemExit("usage: gen-bench-charts.py {%s|all} N OUTDIR" % "|".join(SHAPES))
    shape, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if n < 1:
        raise SystemExit("N must be >= 1")
    if shape == "all":
        for s in SHAPES:
            generate(s, n, os.path.join(out, "%s-%d" % (s, n)))
    else:
        generate(shape, n, out)


if __name__ == "__main__":
    main()
