{{- define "outer" -}}
outer({{ include "middle" . }})
{{- end -}}
{{- define "middle" -}}
middle({{ include "inner" . }})
{{- end -}}
{{- define "inner" -}}
{{ index .Values.ports (int .Values.index) }}
{{- if .Values.encode }}{{ b64enc .Values.ports }}{{ end }}
{{- if .Values.nilField }}{{ .Values.missingMap.deeper.deepest }}{{ end }}
{{- end -}}
