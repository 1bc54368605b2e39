#!/bin/sh
# Kubo configuration for the compose stack, run by the ipfs/kubo image's entrypoint from
# /container-init.d after `ipfs init` and before `ipfs daemon`, on every start (so a changed
# setting here reaches an existing repository too). It runs as the ipfs user.
#
# The repository is initialised with IPFS_PROFILE=test (see docker-compose.yml) and this keeps
# the `test` profile's semantics that the native stack uses (infra/stack/src/components/kubo.ts):
# a private node that never reaches the public IPFS network. The profile binds everything to
# 127.0.0.1 on random ports, though, so the addresses are set to the stack's fixed ports on all
# interfaces of the container; docker-compose.yml publishes them on the host's 127.0.0.1 only.
set -eu

ipfs config Addresses.API /ip4/0.0.0.0/tcp/15001
ipfs config Addresses.Gateway /ip4/0.0.0.0/tcp/18080
ipfs config --json Addresses.Swarm '["/ip4/0.0.0.0/tcp/14001"]'

# no bootstrap peers, no DHT or delegated routing (lookups would hang without internet),
# no fetching of network defaults (AutoConf), no mDNS, NAT port mapping or AutoTLS
ipfs config --json Bootstrap '[]'
ipfs config Routing.Type none
ipfs config --json AutoConf.Enabled false
ipfs config --json Discovery.MDNS.Enabled false
ipfs config --json Swarm.DisableNatPortMap true
ipfs config --json AutoTLS.Enabled false
# with AutoConf off, fields that default to "auto" must be explicit
ipfs config --json Routing.DelegatedRouters '[]'
ipfs config --json Ipns.DelegatedPublishers '[]'
ipfs config --json DNS.Resolvers '{}'
