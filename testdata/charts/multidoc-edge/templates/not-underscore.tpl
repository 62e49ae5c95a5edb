apiVersion: v1
kind: ConfigMap
metadata:
  name: from-dot-tpl-file
data:
  partial: {{ include "nested.partial" . | quote }}
