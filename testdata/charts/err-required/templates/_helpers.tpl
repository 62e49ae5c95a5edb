{{- define "err-required.dsn" -}}
postgres://app:{{ required "database.password is required!" .Values.database.password }}@{{ required "A valid .Values.database.host entry required!" .Values.database.host }}
{{- end -}}
