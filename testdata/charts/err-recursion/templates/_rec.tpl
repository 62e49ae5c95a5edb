{{- define "err-recursion.countdown" -}}
{{- if gt (int .) 0 -}}
{{ . }} {{ include "err-recursion.countdown" (sub (int .) 1) }}
{{- else -}}
liftoff
{{- end -}}
{{- end -}}
