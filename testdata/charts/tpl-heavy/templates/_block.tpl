{{- define "tpl-heavy.block" }}overridden-block-from-_block.tpl{{ end }}
