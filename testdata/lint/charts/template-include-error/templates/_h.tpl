{{- define "x" -}}
{{ .nope.deeper }}
{{- end -}}
