{{- define "h.name" -}}{{ .Template.Name }}{{- end -}}
{{- define "h.base" -}}{{ $.Template.BasePath }}{{- end -}}
{{- define "h.index" -}}{{ index . "Template" | toJson }}{{- end -}}
{{- define "h.yaml" -}}{{ toYaml .root.Template }}{{- end -}}
{{- define "h.pick" -}}{{ pick . "Template" | toJson }}{{- end -}}
{{- define "h.nested" -}}{{ .outer.inner.root.Template.Name }}{{- end -}}
{{- define "h.range" -}}{{ range $k, $v := . }}{{ if eq $k "Template" }}{{ $v.Name }}{{ end }}{{ end }}{{- end -}}
{{- define "h.tpl" -}}{{ tpl "{{ .Template.Name }}" . }}{{- end -}}
{{- define "h.indirect" -}}[{{ include "h.name" . }}]{{- end -}}
{{- define "h.held" -}}{{ $d := dict }}{{ $_ := set $d "r" .root }}{{ (get $d "r").Template.Name }}{{- end -}}
{{- define "h.list" -}}{{ (first .).Template.Name }}{{- end -}}
{{- define "h.merged" -}}{{ $m := merge (dict) (dict "r" .root) }}{{ $m.r.Template.Name }}{{- end -}}
{{- define "h.keys" -}}{{ keys . | sortAlpha | join "," }}{{- end -}}
{{- define "h.const" -}}{{ .Chart.Name }}-{{ .Release.Name }}{{- end -}}
{{- define "h.counter" -}}{{ .Values.counter }}{{- end -}}
{{- define "h.bump" -}}{{ $_ := set .Values "counter" (add1 .Values.counter) }}{{ .Values.counter }}{{- end -}}
