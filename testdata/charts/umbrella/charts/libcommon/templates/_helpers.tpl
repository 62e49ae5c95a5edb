{{- define "libcommon.fullname" -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "libcommon.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: {{ .Values.global.partOf | default "umbrella" }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- with .Values.global.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "libcommon.image" -}}
{{- $reg := .root.Values.global.imageRegistry -}}
{{- printf "%s/%s:%s" $reg .image.repository (.image.tag | default .root.Chart.AppVersion | toString) -}}
{{- end -}}

{{/* A whole ConfigMap, parameterised: the "library template" pattern */}}
{{- define "libcommon.configmap.tpl" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "libcommon.fullname" . }}
  labels:
    {{- include "libcommon.labels" . | nindent 4 }}
data: {}
{{- end -}}

{{/* merge an override template over the library template (helm docs' "libchart.util.merge") */}}
{{- define "libcommon.util.merge" -}}
{{- $top := first . -}}
{{- $overrides := fromYaml (include (index . 1) $top) | default (dict ) -}}
{{- $tpl := fromYaml (include (index . 2) $top) | default (dict ) -}}
{{- toYaml (merge $overrides $tpl) -}}
{{- end -}}

{{- define "libcommon.configmap" -}}
{{- include "libcommon.util.merge" (append . "libcommon.configmap.tpl") -}}
{{- end -}}
