{{/* ---- names ---- */}}
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
