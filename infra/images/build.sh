#!/usr/bin/env bash
# Builds every GridLedger container image from the repository root: `npm run images`.
#   IMAGE_PREFIX  name prefix, e.g. registry.example.org/gridledger/ (default: gridledger-)
#   IMAGE_TAG     tag (default: the commit, or `dev` outside git)
#   DOCKER        the client to call (default: docker; podman works too)
# Extra arguments go to every `docker build` (e.g. --push with buildx, --platform linux/amd64).
set -euo pipefail
cd "$(dirname "$0")/../.."

docker_cli="${DOCKER:-docker}"
if ! command -v "$docker_cli" >/dev/null 2>&1; then
  echo "npm run images: '$docker_cli' is not installed. The images need a Docker (or Podman, with DOCKER=podman) engine with BuildKit;" >&2
  echo "the development stack itself needs none: npm start runs everything natively." >&2
  exit 1
fi
if ! "$docker_cli" info >/dev/null 2>&1; then
  echo "npm run images: '$docker_cli' is installed but no engine answers ('$docker_cli info' failed). Start the engine and run this again." >&2
  exit 1
fi

prefix="${IMAGE_PREFIX:-gridledger-}"
tag="${IMAGE_TAG:-$(git rev-parse --short HEAD 2>/dev/null || echo dev)}"
# image name -> Dockerfile; every one builds from the repository root (see .dockerignore)
images=(
  "identity:apps/identity/Dockerfile"
  "ledger:apps/ledger/Dockerfile"
  "storage:apps/storage/Dockerfile"
  "access-policy:apps/access-policy/Dockerfile"
  "audit:apps/audit/Dockerfile"
  "web-entry:apps/web-entry/Dockerfile"
  "chaincode:chaincode/gridledger/Dockerfile"
)
export DOCKER_BUILDKIT=1
for entry in "${images[@]}"; do
  name="${entry%%:*}" dockerfile="${entry#*:}"
  echo "==> ${prefix}${name}:${tag}  (${dockerfile})"
  SECONDS=0
  "$docker_cli" build -f "$dockerfile" -t "${prefix}${name}:${tag}" "$@" .
  echo "    built in ${SECONDS}s"
done
echo "All images built with tag ${tag}."
