#!/usr/bin/env bash
# The chaos suite on the ha topology, in a stack of its own (GRIDLEDGER_HOME=<dev home>-ha) that
# shares the dev stack's built binaries. The two use the same ports, so the dev stack is stopped
# first (its data is kept: `npm run stack -- up` brings it back), and the ha stack is stopped and
# kept after the run for a look at its logs.
set -euo pipefail
cd "$(dirname "$0")/../.."
dev_home="${GRIDLEDGER_HOME:-$HOME/.cache/gridledger}"
ha_home="${GRIDLEDGER_HA_HOME:-$dev_home-ha}"
stack() { node --import ./infra/stack/src/runtime/workspace-paths.ts infra/stack/src/cli.ts "$@"; }

echo "Stopping the dev stack (${dev_home}); its data is kept"
GRIDLEDGER_HOME="$dev_home" stack down
export GRIDLEDGER_HOME="$ha_home" GRIDLEDGER_BIN="${GRIDLEDGER_BIN:-$dev_home/bin}" GRIDLEDGER_TOPOLOGY=ha
trap 'stack down || true' EXIT
echo "Starting the ha stack from scratch in ${ha_home}"
stack reset
stack up
npx vitest run --config libs/testing/vitest.chaos-ha.config.ts --dir tests/chaos
