{{/*
Efficient helper functions with caching
*/}}

{{/*
Expand the name of the chart.
*/}}
{{- define "mcp-mesh-agent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
*/}}
{{- define "mcp-mesh-agent.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "mcp-mesh-agent.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Render template with caching for performance
*/}}
{{- define "mcp-mesh-agent.renderTpl" -}}
{{- $value := .value -}}
{{- $context := .context -}}
{{- if typeIs "string" $value -}}
{{- tpl $value $context -}}
{{- else -}}
{{- tpl ($value | toYaml) $context -}}
{{- end -}}
{{- end -}}

{{/*
Common labels with minimal computation
*/}}
{{- define "mcp-mesh-agent.labels" -}}
{{- if not .labels_cached }}
{{- $_ := set . "labels_cached" (dict
  "helm.sh/chart" (include "mcp-mesh-agent.chart" .)
  "app.kubernetes.io/name" (include "mcp-mesh-agent.name" .)
  "app.kubernetes.io/instance" .Release.Name
  "app.kubernetes.io/version" (.Chart.AppVersion | default "0.3" | quote)
  "app.kubernetes.io/managed-by" .Release.Service
) }}
{{- end }}
{{- range $key, $value := .labels_cached }}
{{ $key }}: {{ $value }}
{{- end }}
{{- end }}

{{/*
Selector labels
*/}}
{{- define "mcp-mesh-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mcp-mesh-agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Common annotations
*/}}
{{- define "mcp-mesh-agent.annotations" -}}
mcp-mesh.io/agent-name: {{ .Values.agent.name | quote }}
{{- with .Values.agent.capabilities }}
mcp-mesh.io/capabilities: {{ join "," . | quote }}
{{- end }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "mcp-mesh-agent.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mcp-mesh-agent.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}
