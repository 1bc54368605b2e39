#!/usr/bin/env bash
# The deployment files' checks, run by `npm run lint` (Nx project deploy-checks, target lint),
# so by `npm test` and CI. Fails on the first broken file:
#   1. the Kafka files of the chart and the compose stack match the stack's ACL table
#   2. helm lint of infra/helm/gridledger
#   3. helm template | kubeconform -strict against the vendored schemas (Kubernetes 1.34,
#      Strimzi, CloudNativePG) in infra/helm/schemas, with the default values and each ci/ file
#   4. docker-compose.yml loaded and validated as `docker compose config` does (compose-go)
#   5. hadolint on every Dockerfile
# The tools (helm, kubeconform, hadolint) are installed by infra/deploy-checks/install-tools.sh,
# which .ci/run calls first; where one is still missing this script calls it too.
set -euo pipefail
cd "$(dirname "$0")/../.."

tools_venv="${GRIDLEDGER_TOOLS:-$HOME/.cache/gridledger-tools}/venv/bin"
PATH="$PATH:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$tools_venv"
command -v go >/dev/null || { echo "deploy-checks: Go is needed (README, Prerequisites)" >&2; exit 1; }
# .ci/run installs the tools first; on a developer's machine the first run does it here
if ! command -v helm >/dev/null || ! command -v kubeconform >/dev/null || ! command -v hadolint >/dev/null; then
  bash infra/deploy-checks/install-tools.sh >&2
fi
for tool in helm kubeconform hadolint; do
  command -v "$tool" >/dev/null || { echo "deploy-checks: '$tool' is still missing after infra/deploy-checks/install-tools.sh" >&2; exit 1; }
done

chart=infra/helm/gridledger
kube_version=1.34.0
schemas='infra/helm/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json'
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '%-60s' "$1"; }
ok() { echo "ok ($1)"; }

step "Kafka ACL and topic files current"
node_bin="node_modules/.bin/node"
"$node_bin" --import ./infra/stack/src/runtime/workspace-paths.ts infra/stack/src/deploy/export-deploy-files.ts --check
ok "$(grep -c . infra/compose/kafka/acls.txt) lines"

step "helm lint $chart"
helm lint --strict --quiet --kube-version "$kube_version" "$chart" > "$work/lint.log" 2>&1 || { echo; cat "$work/lint.log" >&2; exit 1; }
ok "helm $(helm version --template '{{ .Version }}')"

for values in "" "$chart"/ci/*.yaml; do
  label="${values:-default values}"
  step "helm template | kubeconform ($(basename "$label"))"
  helm template gridledger "$chart" --kube-version "$kube_version" ${values:+-f "$values"} > "$work/manifests.yaml"
  # no -ignore-missing-schemas: a kind without a vendored schema fails
  kubeconform -strict -summary -kubernetes-version "$kube_version" -schema-location "$schemas" "$work/manifests.yaml" > "$work/kubeconform.log" 2>&1 || { echo; cat "$work/kubeconform.log" >&2; exit 1; }
  ok "$(grep -c '^kind:' "$work/manifests.yaml") resources"
done

step "docker-compose.yml (compose-go, as docker compose config)"
sed -e 's/^\(GRIDLEDGER_[A-Z_]*\)=$/\1=check-placeholder/' infra/compose/example.env > "$work/compose.env"
(cd infra/deploy-checks/compose-config && go build -o "$work/compose-config" .)
"$work/compose-config" -f docker-compose.yml -env-file "$work/compose.env" > "$work/compose.log" 2>&1 || { echo; cat "$work/compose.log" >&2; exit 1; }
ok "$(sed -n 's/.*valid, \([0-9]*\) services.*/\1 services/p' "$work/compose.log")"

step "hadolint Dockerfiles"
mapfile -t dockerfiles < <(git ls-files --cached --others --exclude-standard -- '*Dockerfile' | sort)
hadolint "${dockerfiles[@]}"
ok "${#dockerfiles[@]} files"
