#!/bin/sh
# Starts `peer node start` without a Docker daemon, as the native stack does.
#
# The fabric-peer image's core.yaml points vm.endpoint at /var/run/docker.sock. With an
# endpoint set, the peer registers a Docker health checker and /healthz reports 503 when no
# socket is mounted; and CORE_VM_ENDPOINT="" cannot clear it, because an empty environment
# variable counts as unset. So this copies the image's own core.yaml with vm.endpoint emptied
# and starts the peer on the copy. Chaincode then goes only through the ccaas external
# builder that the same core.yaml declares (/opt/hyperledger/ccaas_builder); everything else
# comes from the CORE_* variables in docker-compose.yml.
set -eu

src="${FABRIC_CFG_PATH:-/etc/hyperledger/fabric}/core.yaml"
dst="${GRIDLEDGER_PEER_CFG:-/tmp/gridledger-peer}"

[ -f "$src" ] || { echo "peer-start: no core.yaml at $src" >&2; exit 1; }
mkdir -p "$dst"
sed 's#^\([[:space:]]*endpoint:\)[[:space:]]*unix:///var/run/docker\.sock[[:space:]]*$#\1 ""#' "$src" >"$dst/core.yaml"
if grep -Eq '^[[:space:]]*endpoint:[[:space:]]*unix:///var/run/docker\.sock' "$dst/core.yaml"; then
  echo "peer-start: could not clear vm.endpoint in $src" >&2
  exit 1
fi
if ! grep -q '/opt/hyperledger/ccaas_builder' "$dst/core.yaml"; then
  echo "peer-start: warning: $src declares no ccaas_builder; chaincode-as-a-service will not build" >&2
fi

export FABRIC_CFG_PATH="$dst"
exec peer node start
