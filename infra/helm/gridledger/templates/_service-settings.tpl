{{/*
Non-secret settings of one service (docs/configuration.md), for its ConfigMap:
(dict "root" $ "key" "ledger"). Paths point at the Secret volumes the Deployment mounts.
*/}}
{{- define "gridledger.settings" -}}
{{- $root := .root -}}
{{- $svc := index $root.Values.services .key -}}
{{- $p := $svc.envPrefix -}}
{{ $p }}_HOST: "0.0.0.0"
{{ $p }}_PORT: {{ $svc.port | quote }}
{{- if ne .key "webEntry" }}
{{ $p }}_KAFKA_BROKERS: {{ include "gridledger.kafkaBootstrap" $root | quote }}
{{ $p }}_KAFKA_USERNAME: {{ $svc.image | quote }}
{{ $p }}_KAFKA_CA_FILE: /etc/gridledger/kafka/ca.crt
{{ $p }}_SERVICE_KEYS_FILE: /etc/gridledger/keys/registry.json
{{ $p }}_SERVICE_KEY_FILE: /etc/gridledger/keys/{{ $svc.image }}.pem
{{- end }}
{{- if eq .key "identity" }}
IDENTITY_BOOTSTRAP_FILE: /etc/gridledger/secret/bootstrap-admins.json
IDENTITY_FABRIC_ORGS_FILE: /etc/gridledger/secret/fabric-organizations.json
{{- else if eq .key "ledger" }}
LEDGER_CHANNEL: {{ $root.Values.fabric.channel | quote }}
LEDGER_CHAINCODE: {{ $root.Values.fabric.chaincode | quote }}
LEDGER_ORGANIZATIONS_FILE: /etc/gridledger/secret/organizations.json
LEDGER_LISTEN_MSP_ID: {{ $root.Values.fabric.listenMspId | quote }}
LEDGER_IDENTITY_URL: {{ include "gridledger.url" (dict "root" $root "service" "identity") | quote }}
{{- else if eq .key "storage" }}
STORAGE_KUBO_API_URL: {{ include "gridledger.kuboApiUrl" $root | quote }}
STORAGE_IDENTITY_URL: {{ include "gridledger.url" (dict "root" $root "service" "identity") | quote }}
STORAGE_LEDGER_URL: {{ include "gridledger.url" (dict "root" $root "service" "ledger") | quote }}
STORAGE_LEDGER_CHANNEL: {{ $root.Values.fabric.channel | quote }}
STORAGE_LEDGER_CHAINCODE: {{ $root.Values.fabric.chaincode | quote }}
{{- else if eq .key "accessPolicy" }}
ACCESS_POLICY_IDENTITY_URL: {{ include "gridledger.url" (dict "root" $root "service" "identity") | quote }}
ACCESS_POLICY_LEDGER_URL: {{ include "gridledger.url" (dict "root" $root "service" "ledger") | quote }}
ACCESS_POLICY_LEDGER_CHANNEL: {{ $root.Values.fabric.channel | quote }}
ACCESS_POLICY_LEDGER_CHAINCODE: {{ $root.Values.fabric.chaincode | quote }}
{{- else if eq .key "audit" }}
AUDIT_IDENTITY_URL: {{ include "gridledger.url" (dict "root" $root "service" "identity") | quote }}
AUDIT_LEDGER_URL: {{ include "gridledger.url" (dict "root" $root "service" "ledger") | quote }}
AUDIT_STORAGE_URL: {{ include "gridledger.url" (dict "root" $root "service" "storage") | quote }}
AUDIT_ACCESS_POLICY_URL: {{ include "gridledger.url" (dict "root" $root "service" "accessPolicy") | quote }}
{{- else if eq .key "webEntry" }}
WEB_IDENTITY_URL: {{ include "gridledger.url" (dict "root" $root "service" "identity") | quote }}
WEB_LEDGER_URL: {{ include "gridledger.url" (dict "root" $root "service" "ledger") | quote }}
WEB_STORAGE_URL: {{ include "gridledger.url" (dict "root" $root "service" "storage") | quote }}
WEB_ACCESS_POLICY_URL: {{ include "gridledger.url" (dict "root" $root "service" "accessPolicy") | quote }}
WEB_AUDIT_URL: {{ include "gridledger.url" (dict "root" $root "service" "audit") | quote }}
WEB_COMPONENTS: {{ printf "kafka=%s,kubo=%s-ipfs:5001" (include "gridledger.kafkaBootstrap" $root) (include "gridledger.fullname" $root) | quote }}
{{- end }}
{{- if $svc.nodeOptions }}
NODE_OPTIONS: {{ $svc.nodeOptions | quote }}
{{- end }}
{{- range $name, $value := $svc.config }}
{{ $name }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* The Secret holding a service's own settings and files, by its values key. */}}
{{- define "gridledger.serviceSecret" -}}
{{- index .root.Values.secrets .key -}}
{{- end -}}
