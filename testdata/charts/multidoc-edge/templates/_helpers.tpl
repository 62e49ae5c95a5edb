{{- define "multidoc-edge.missing" -}}
[{{ .Values.alsoMissing }}]
{{- end -}}
