#!/usr/bin/env bash
# Writes .env at the repository root for docker-compose.yml, every secret generated with
# openssl. Refuses to overwrite an existing .env: its passwords are already in the volumes.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -e .env ]; then
  echo ".env exists already; remove it first (and \`docker compose down -v\`, since the volumes hold its passwords)." >&2
  exit 1
fi
command -v openssl >/dev/null || { echo "openssl is needed to generate the secrets" >&2; exit 1; }
password() { openssl rand -hex 24; }
umask 077
sed -e "s/^\(GRIDLEDGER_[A-Z_]*PASSWORD\)=$/\1=PLACEHOLDER/" infra/compose/example.env | while IFS= read -r line; do
  case "$line" in
    *=PLACEHOLDER) echo "${line%PLACEHOLDER}$(password)" ;;
    GRIDLEDGER_IDENTITY_MASTER_KEYS=|GRIDLEDGER_STORAGE_MASTER_KEYS=) echo "${line}mk-1:$(openssl rand -base64 32)" ;;
    *) echo "$line" ;;
  esac
done > .env
echo "wrote .env (mode 0600); keep a copy of its master keys somewhere safe"
