{{- define "sd.values" -}}
name: {{ .Values.component.name }}
port: {{ .Values.component.port }}
labels:
  {{- toYaml .Values.component.labels | nindent 2 }}
ports:
  - 80
  - 443
nested:
  deeper:
    key: value
{{- end -}}

{{- define "sd.json" -}}
{{ dict "a" (dict "b" 1) "list" (list 1 2) | toJson }}
{{- end -}}

{{- define "sd.read" -}}
{{- $v := include "sd.values" . | fromYaml -}}
{{ $v.name }}-{{ $v.port }}-{{ $v.labels.tier }}-{{ len $v.labels }}
{{- end -}}
