{{- define "origin.labels" -}}
app: origin
{{ include "origin.extra" . }}
{{- end -}}

{{- define "origin.extra" -}}
tier: web
{{- if eq .Values.mode "include" }}
bad: : label
{{- end }}
{{- end -}}
