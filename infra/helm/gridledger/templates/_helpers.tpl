{{/* The release's name prefix for every resource. */}}
{{- define "gridledger.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels every resource carries, with its selector labels (gridledger.selector) beside them. */}}
{{- define "gridledger.labels" -}}
app.kubernetes.io/part-of: gridledger
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "ledger"). */}}
{{- define "gridledger.selector" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* An image of this repository: (dict "root" $ "name" "ledger"). */}}
{{- define "gridledger.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.repository .name (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* A service's in-cluster URL: (dict "root" $ "service" "identity"). */}}
{{- define "gridledger.url" -}}
{{- $svc := index .root.Values.services .service -}}
{{- printf "http://%s-%s:%v" (include "gridledger.fullname" .root) $svc.image $svc.port -}}
{{- end -}}

{{/* Kafka's bootstrap address. */}}
{{- define "gridledger.kafkaBootstrap" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap:9093" .Values.kafka.strimzi.clusterName -}}
{{- else -}}
{{- .Values.kafka.external.bootstrap -}}
{{- end -}}
{{- end -}}

{{/* The Secret with the Kafka brokers' CA certificate (key ca.crt). */}}
{{- define "gridledger.kafkaCaSecret" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-cluster-ca-cert" .Values.kafka.strimzi.clusterName -}}
{{- else -}}
{{- .Values.kafka.external.caSecret -}}
{{- end -}}
{{- end -}}

{{/* The Secret with a Kafka principal's password (key password): Strimzi's User Operator names it after the KafkaUser. */}}
{{- define "gridledger.kafkaPasswordSecret" -}}
{{- if .root.Values.kafka.strimzi.enabled -}}
{{- .principal -}}
{{- else -}}
{{- printf "%s%s" .root.Values.kafka.external.passwordSecretPrefix .principal -}}
{{- end -}}
{{- end -}}

{{/* The kubo API the storage service talks to: ipfs-cluster's IPFS proxy when the cluster runs, else Kubo's RPC API. */}}
{{- define "gridledger.kuboApiUrl" -}}
{{- if .Values.ipfs.cluster.enabled -}}
{{- printf "http://%s-ipfs:9095" (include "gridledger.fullname" .) -}}
{{- else -}}
{{- printf "http://%s-ipfs:5001" (include "gridledger.fullname" .) -}}
{{- end -}}
{{- end -}}
