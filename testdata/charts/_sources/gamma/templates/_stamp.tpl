{{- define "gamma.stamp" -}}
{{ .Chart.Name }}@{{ .Chart.Version }} in {{ .Release.Namespace }}
{{- end -}}
