#!/bin/sh
# One-shot `enroll-ledger` of docker-compose.yml, in the fabric-ca image: the ledger service's own
# Fabric identity in every organisation (role admin, uid ledger-service), enrolled at the
# organisation's CA by its registrar, as the native stack does (infra/stack/src/services/
# service-identities.ts). Writes ledger/fabric/<org>/{cert,key}.pem in the platform volume,
# which ledger/organizations.json names. An organisation that has them already is skipped.
set -eu
root=/var/gridledger-platform/ledger/fabric
registrar="${GRIDLEDGER_CA_ADMIN_USER:-registrar}"
: "${GRIDLEDGER_CA_ADMIN_PASSWORD:?set GRIDLEDGER_CA_ADMIN_PASSWORD in .env}"

for entry in grid:17054 regulator:18054 consumer:19054; do
  org="${entry%%:*}" port="${entry#*:}"
  dir="$root/$org"
  if [ -s "$dir/cert.pem" ] && [ -s "$dir/key.pem" ]; then echo "$org: enrolled already"; continue; fi
  host="ca.$org.gridledger.local"
  tlsca="/var/gridledger/crypto/peerOrganizations/$org.gridledger.local/ca/ca.$org.gridledger.local-cert.pem"
  work="$(mktemp -d)"
  # a fresh enrolment id each time: after a wiped platform volume the CA still knows the older one
  id="ledger-service-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  secret="$(head -c 18 /dev/urandom | base64 | tr -d '/+=\n')"
  fabric-ca-client enroll -H "$work/registrar" -u "https://$registrar:$GRIDLEDGER_CA_ADMIN_PASSWORD@$host:$port" --caname "ca-$org" --tls.certfiles "$tlsca"
  fabric-ca-client register -H "$work/registrar" -u "https://$host:$port" --caname "ca-$org" --tls.certfiles "$tlsca" \
    --id.name "$id" --id.secret "$secret" --id.type client \
    --id.attrs "gridledger.role=admin:ecert,gridledger.uid=ledger-service:ecert"
  fabric-ca-client enroll -H "$work/ledger" -u "https://$id:$secret@$host:$port" --caname "ca-$org" --tls.certfiles "$tlsca" \
    -M "$work/ledger/msp"
  mkdir -p "$dir"
  cp "$work"/ledger/msp/signcerts/*.pem "$dir/cert.pem"
  cp "$work"/ledger/msp/keystore/*_sk "$dir/key.pem"
  chmod 600 "$dir/key.pem"
  rm -rf "$work"
  echo "$org: enrolled $id"
done
chown -R 1000:1000 "$root"
