#!/usr/bin/env bash
# One-shot Fabric setup for docker-compose.yml, run in hyperledger/fabric-tools:2.5.
# It does what `npm run stack -- up` does natively (infra/stack/src/fabric/*), in two phases,
# because the nodes need the crypto material before they can start and the channel can only
# be joined once they run:
#
#   setup.sh crypto   (service setup-crypto, before any Fabric node starts)
#     cryptogen: crypto material for the orderer org and the three peer orgs
#     configtxgen: genesis block of channel `gridledger` (no system channel)
#
#   setup.sh network  (service setup, once the orderer and the peers are healthy)
#     osnadmin channel join on the orderer, peer channel join on every peer, then the
#     chaincode-as-a-service definition: install on every peer, approve by every org, commit
#
# Every step checks first, so `docker compose up` can run it again on a running network.
# Paths are the container mount points set in docker-compose.yml; each can be overridden
# from the environment.
set -euo pipefail

ARTIFACTS=${GRIDLEDGER_ARTIFACTS:-/var/gridledger}    # named volume fabric-artifacts
CONFIG_DIR=${GRIDLEDGER_FABRIC_CONFIG:-/gridledger/fabric}  # this directory, read-only
CHAINCODE_SRC=${GRIDLEDGER_CHAINCODE_SRC:-/gridledger/chaincode}  # ./chaincode/gridledger, read-only
DOMAIN_SRC=${GRIDLEDGER_DOMAIN_SRC:-/gridledger/domain}  # ./libs/domain, read-only: the chaincode bundles it

CRYPTO=$ARTIFACTS/crypto
CHANNEL=gridledger
CHANNEL_BLOCK=$ARTIFACTS/channel/$CHANNEL.block
CC_NAME=gridledger
# the peers dial the chaincode container (chaincode-as-a-service) at this address
CC_ADDRESS=${GRIDLEDGER_CHAINCODE_ADDRESS:-chaincode.gridledger.local:17999}
CC_DIR=$ARTIFACTS/chaincode

ORDERER_HOST=orderer.gridledger.local
ORDERER_ADDRESS=$ORDERER_HOST:17050
ORDERER_ADMIN_ADDRESS=$ORDERER_HOST:17053
ORDERER_DIR=$CRYPTO/ordererOrganizations/gridledger.local
ORDERER_TLS_CA=$ORDERER_DIR/orderers/$ORDERER_HOST/tls/ca.crt
ORDERER_ADMIN_TLS=$ORDERER_DIR/users/Admin@gridledger.local/tls

ORGS=(grid regulator consumer)
declare -A MSP_ID=([grid]=GridMSP [regulator]=RegulatorMSP [consumer]=ConsumerMSP)
declare -A PEER_PORT=([grid]=17051 [regulator]=18051 [consumer]=19051)

log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# retry ATTEMPTS COMMAND...: for steps that can race a node that is still warming up
# (Raft electing its leader right after the orderer joins, a peer catching up on blocks)
retry() {
  local attempts=$1 n=1
  shift
  until "$@"; do
    if ((n >= attempts)); then return 1; fi
    log "retrying in $((n * 2))s: $*"
    sleep $((n * 2))
    n=$((n + 1))
  done
}

org_domain() { printf '%s.gridledger.local' "$1"; }
peer_host() { printf 'peer0.%s' "$(org_domain "$1")"; }
peer_tls_ca() { printf '%s/peerOrganizations/%s/peers/%s/tls/ca.crt' "$CRYPTO" "$(org_domain "$1")" "$(peer_host "$1")"; }

# The peer CLI reads core.yaml from FABRIC_CFG_PATH; the fabric-tools image ships the sample
# config there, but look for it rather than trust one image layout.
fabric_cfg_path() {
  local dir
  for dir in "${FABRIC_CFG_PATH:-}" /etc/hyperledger/fabric /etc/hyperledger/fabric/config; do
    if [[ -n $dir && -f $dir/core.yaml ]]; then printf '%s' "$dir"; return; fi
  done
  dir=$(find /etc/hyperledger /opt -name core.yaml 2>/dev/null | head -n 1 || true)
  [[ -n $dir ]] || die "no core.yaml found for the peer CLI (set FABRIC_CFG_PATH)"
  dirname "$dir"
}

# as_org ORG COMMAND...: run the peer CLI as ORG's admin against ORG's peer, over TLS
as_org() {
  local org=$1 domain
  shift
  domain=$(org_domain "$org")
  FABRIC_CFG_PATH=$PEER_CFG \
    CORE_PEER_LOCALMSPID=${MSP_ID[$org]} \
    CORE_PEER_MSPCONFIGPATH=$CRYPTO/peerOrganizations/$domain/users/Admin@$domain/msp \
    CORE_PEER_ADDRESS=$(peer_host "$org"):${PEER_PORT[$org]} \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_ROOTCERT_FILE=$(peer_tls_ca "$org") \
    "$@"
}

orderer_flags=(-o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_TLS_CA")

osnadmin_() {
  osnadmin "$@" -o "$ORDERER_ADMIN_ADDRESS" --ca-file "$ORDERER_TLS_CA" \
    --client-cert "$ORDERER_ADMIN_TLS/client.crt" --client-key "$ORDERER_ADMIN_TLS/client.key"
}

# ---------------------------------------------------------------------------------------------
# phase 1: crypto material and genesis block

generate_crypto() {
  # done when both the first and the last thing cryptogen writes are there
  if [[ -f $ORDERER_DIR/orderers/$ORDERER_HOST/tls/server.crt && -f $CRYPTO/peerOrganizations/consumer.gridledger.local/ca/priv_sk ]]; then
    log "crypto material in place"
    return
  fi
  log "generating crypto material (cryptogen)"
  rm -rf "$CRYPTO" "$CRYPTO.tmp"
  cryptogen generate --config="$CONFIG_DIR/crypto-config.yaml" --output="$CRYPTO.tmp"
  mv "$CRYPTO.tmp" "$CRYPTO"
  # a new CA means the old genesis block names members that no longer exist
  rm -f "$CHANNEL_BLOCK"
}

generate_genesis_block() {
  if [[ -f $CHANNEL_BLOCK ]]; then
    log "genesis block of $CHANNEL in place"
    return
  fi
  log "creating the genesis block of $CHANNEL (configtxgen)"
  mkdir -p "$(dirname "$CHANNEL_BLOCK")"
  FABRIC_CFG_PATH=$CONFIG_DIR configtxgen -configPath "$CONFIG_DIR" -profile GridLedgerChannel \
    -channelID "$CHANNEL" -outputBlock "$CHANNEL_BLOCK.tmp"
  mv "$CHANNEL_BLOCK.tmp" "$CHANNEL_BLOCK"
}

# ---------------------------------------------------------------------------------------------
# phase 2: channel membership and chaincode definition

join_orderer() {
  local out
  out=$(osnadmin_ channel list --channelID "$CHANNEL" 2>&1 || true)
  if grep -q '^Status: 200' <<<"$out"; then
    log "orderer already serves $CHANNEL"
    return
  fi
  log "joining the orderer to $CHANNEL (osnadmin channel join)"
  # return rather than die: the caller retries while the admin endpoint comes up
  out=$(osnadmin_ channel join --channelID "$CHANNEL" --config-block "$CHANNEL_BLOCK" 2>&1) || true
  if ! grep -q '^Status: 201' <<<"$out"; then
    log "osnadmin channel join: $out"
    return 1
  fi
}

join_peer() {
  local org=$1 joined
  # output captured before matching: grep -q closing the pipe early would fail it under pipefail
  joined=$(retry 5 as_org "$org" peer channel list)
  if grep -qx "$CHANNEL" <<<"$joined"; then
    log "$(peer_host "$org") already joined $CHANNEL"
    return
  fi
  log "joining $(peer_host "$org") to $CHANNEL (peer channel join)"
  retry 5 as_org "$org" peer channel join -b "$CHANNEL_BLOCK"
}

# The native stack's chaincodeSourceHash (infra/stack/src/fabric/chaincode-source.ts): the
# contract's .ts sources (not specs), package.json, tsconfig.build.json and tsconfig.domain.json,
# then the sources of libs/domain, which the build bundles (named from the contract's folder,
# ../../libs/domain/src/…), each as "<relative path>\0<content>\0", in path order. Its first 12
# hex digits are the version, so an unchanged contract is never redeployed and any change
# commits the next sequence.
hash_files() {
  local dir=$1 name_prefix=$2
  LC_ALL=C sort | while IFS= read -r file; do
    printf '%s\0' "$name_prefix$file"
    cat "$dir/$file"
    printf '\0'
  done
}

chaincode_source_hash() {
  [[ -f $CHAINCODE_SRC/package.json ]] || die "no chaincode sources at $CHAINCODE_SRC"
  [[ -d $DOMAIN_SRC/src ]] || die "no libs/domain sources at $DOMAIN_SRC"
  {
    (cd "$CHAINCODE_SRC" && { find src -type f -name '*.ts' ! -name '*.spec.ts' ! -path '*/test-support/*'; printf '%s\n' package.json tsconfig.build.json tsconfig.domain.json; }) |
      hash_files "$CHAINCODE_SRC" ''
    (cd "$DOMAIN_SRC" && find src -type f -name '*.ts' ! -name '*.spec.ts') | hash_files "$DOMAIN_SRC" '../../libs/domain/'
  } | sha256sum | cut -c1-64
}

# tar.gz with the same bytes for the same files (GNU tar), so the package id only changes with
# the label or the address; busybox tar falls back to a plain archive
tar_gz() {
  local dir=$1 out=$2
  shift 2
  if [[ $(tar --version 2>/dev/null || true) == *"GNU tar"* ]]; then
    tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - "$@" | gzip -n >"$out"
  else
    tar -C "$dir" -cf - "$@" | gzip -n >"$out"
  fi
}

# metadata.json naming the ccaas type, and code.tar.gz holding only connection.json: the
# peers' ccaas external builder never builds or runs code from it, it just dials the address
write_ccaas_package() {
  local label=$1 out=$2 work
  work=$(mktemp -d)
  printf '{"address":"%s","dial_timeout":"10s","tls_required":false}' "$CC_ADDRESS" >"$work/connection.json"
  printf '{"type":"ccaas","label":"%s"}' "$label" >"$work/metadata.json"
  tar_gz "$work" "$work/code.tar.gz" connection.json
  tar_gz "$work" "$out.tmp" metadata.json code.tar.gz
  mv "$out.tmp" "$out"
  rm -rf "$work"
}

# prints "<sequence> <version>" of the committed definition, or nothing when there is none
committed_definition() {
  local out
  if ! out=$(as_org grid peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" -O json 2>&1); then
    if grep -Eq 'not defined|404' <<<"$out"; then return 0; fi
    die "querycommitted failed: $out"
  fi
  out=$(tr -d '\n' <<<"$out")
  printf '%s %s\n' \
    "$(sed -n 's/.*"sequence"[[:space:]]*:[[:space:]]*\([0-9]*\).*/\1/p' <<<"$out")" \
    "$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$out")"
}

deploy_chaincode() {
  local hash version label package package_id committed sequence=0 committed_version="" readiness org
  hash=$(chaincode_source_hash)
  version=${hash:0:12}
  label=${CC_NAME}_$version
  package=$CC_DIR/$label.tar.gz
  mkdir -p "$CC_DIR"
  # keep the package of a label once written: its hash is the package id the orgs approve
  [[ -f $package ]] || write_ccaas_package "$label" "$package"
  package_id=$(as_org grid peer lifecycle chaincode calculatepackageid "$package")
  log "chaincode $CC_NAME version $version, package $package_id"

  local installed
  for org in "${ORGS[@]}"; do
    installed=$(retry 3 as_org "$org" peer lifecycle chaincode queryinstalled -O json)
    if grep -q "\"$package_id\"" <<<"$installed"; then
      log "installed on $(peer_host "$org")"
    else
      log "installing on $(peer_host "$org")"
      retry 3 as_org "$org" peer lifecycle chaincode install "$package"
    fi
  done

  committed=$(committed_definition)
  if [[ -n $committed ]]; then
    read -r sequence committed_version <<<"$committed"
  fi
  if [[ $committed_version == "$version" ]]; then
    log "definition version $version (sequence $sequence) already committed"
  else
    sequence=$((sequence + 1))
    local definition=(--channelID "$CHANNEL" --name "$CC_NAME" --version "$version" --sequence "$sequence")
    readiness=$(as_org grid peer lifecycle chaincode checkcommitreadiness "${definition[@]}" -O json)
    for org in "${ORGS[@]}"; do
      if grep -Eq "\"${MSP_ID[$org]}\"[[:space:]]*:[[:space:]]*true" <<<"$readiness"; then
        log "${MSP_ID[$org]} already approved sequence $sequence"
        continue
      fi
      log "approving sequence $sequence for ${MSP_ID[$org]}"
      retry 5 as_org "$org" peer lifecycle chaincode approveformyorg "${orderer_flags[@]}" \
        "${definition[@]}" --package-id "$package_id" --waitForEvent
    done
    local peers=()
    for org in "${ORGS[@]}"; do
      peers+=(--peerAddresses "$(peer_host "$org"):${PEER_PORT[$org]}" --tlsRootCertFiles "$(peer_tls_ca "$org")")
    done
    log "committing sequence $sequence"
    retry 5 as_org grid peer lifecycle chaincode commit "${orderer_flags[@]}" "${definition[@]}" "${peers[@]}" --waitForEvent
  fi

  # the chaincode container starts its server with this id (CHAINCODE_ID)
  printf '%s\n' "$package_id" >"$CC_DIR/package-id.tmp"
  mv "$CC_DIR/package-id.tmp" "$CC_DIR/package-id"
}

case "${1:-}" in
  crypto)
    generate_crypto
    generate_genesis_block
    ;;
  network)
    [[ -f $CHANNEL_BLOCK ]] || die "no genesis block at $CHANNEL_BLOCK: run the setup-crypto service first"
    PEER_CFG=$(fabric_cfg_path)
    retry 10 join_orderer
    for org in "${ORGS[@]}"; do join_peer "$org"; done
    deploy_chaincode
    log "channel $CHANNEL and chaincode $CC_NAME are in place"
    ;;
  *)
    die "usage: setup.sh crypto|network"
    ;;
esac
