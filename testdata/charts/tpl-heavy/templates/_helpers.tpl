{{- define "tpl-heavy.render" -}}
{{- if typeIs "string" .value -}}
{{- tpl .value .context -}}
{{- else -}}
{{- tpl (.value | toYaml) .context -}}
{{- end -}}
{{- end -}}

{{- define "shared.name" -}}defined-in-parent-helpers{{- end -}}

{{- define "tpl-heavy.withDot" -}}
dot-is-{{ kindOf . }}:{{ if kindIs "map" . }}{{ keys . | sortAlpha | join "," }}{{ else }}{{ . }}{{ end }}
{{- end -}}

{{- define "tpl-heavy.recursive" -}}
{{- if gt (int .n) 0 -}}
{{ .n }},{{ include "tpl-heavy.recursive" (dict "n" (sub (int .n) 1)) }}
{{- else -}}
done
{{- end -}}
{{- end -}}
