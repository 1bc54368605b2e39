#!/usr/bin/env bash
# Regenerates the JSON schemas kubeconform validates the chart against (infra/deploy-checks).
#   bash infra/helm/schemas/generate.sh STRIMZI_CRD_DIR
# Sources (none is fetched at check time; the output is committed):
#   Kubernetes 1.34.4: api/openapi-spec/swagger.json of the k8s.io/kubernetes Go module
#     (`go mod download -json k8s.io/kubernetes@v1.34.4`), through k8s-schemas.py
#   CloudNativePG 1.28.1: config/crd/bases of the github.com/cloudnative-pg/cloudnative-pg Go module
#   Strimzi (kafka.strimzi.io/v1): packaging/install/cluster-operator/04[0345]-Crd-*.yaml of the
#     strimzi-kafka-operator repository, given as STRIMZI_CRD_DIR (Maven Central's io.strimzi:api
#     jar carries the Java model, not the CRD files); the committed ones are from its main branch
#     after release 1.2.0 (commit 8541da1e33)
#   CRDs go through kubeconform's own scripts/openapi2jsonschema.py (in its Go module).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
strimzi="${1:?usage: generate.sh STRIMZI_CRD_DIR}"
k8s="$(go mod download -json k8s.io/kubernetes@v1.34.4 | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
cnpg="$(go mod download -json github.com/cloudnative-pg/cloudnative-pg@v1.28.1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
kubeconform="$(go mod download -json github.com/yannh/kubeconform@v0.8.0 | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"

python3 "$here/k8s-schemas.py" "$k8s/api/openapi-spec/swagger.json" "$here" \
  ConfigMap Service Deployment StatefulSet PodDisruptionBudget HorizontalPodAutoscaler NetworkPolicy \
  Ingress ServiceAccount Secret Job CronJob PersistentVolumeClaim
(cd "$here" && FILENAME_FORMAT='{kind}-{group}-{version}' python3 "$kubeconform/scripts/openapi2jsonschema.py" \
  "$strimzi"/040-Crd-kafka.yaml "$strimzi"/043-Crd-kafkatopic.yaml "$strimzi"/044-Crd-kafkauser.yaml "$strimzi"/045-Crd-kafkanodepool.yaml \
  "$cnpg"/config/crd/bases/postgresql.cnpg.io_clusters.yaml "$cnpg"/config/crd/bases/postgresql.cnpg.io_databases.yaml)
