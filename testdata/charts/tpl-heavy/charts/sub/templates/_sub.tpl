{{- define "shared.name" -}}defined-in-subchart{{- end -}}
{{- define "sub.only" -}}sub-only helper sees chart {{ .Chart.Name }}{{- end -}}
