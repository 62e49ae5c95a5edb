{{- define "shared.name" -}}redefined-in-_z_overrides{{- end -}}
