import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fabricLayout, type FabricPeer, type OrdererNode, type PeerOrganization } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { httpOk } from '../process/probes.ts';
import { binaryLayout } from '../provision/binaries.ts';
import { writeOrdererConfig, writePeerConfig } from '../fabric/node-config.ts';
import type { Component } from './component.ts';

export function ordererComponent(config: StackConfig, node: OrdererNode): Component {
  const paths = fabricLayout(config).ordererNode(node);
  const binaries = binaryLayout(config);
  return {
    name: node.name,
    version: config.versions.fabric,
    address: `127.0.0.1:${node.port} (${node.host}, admin :${node.adminPort})`,
    ports: [node.port, node.adminPort, node.operationsPort],
    startTimeoutMs: 30_000,
    async prepare() {
      mkdirSync(paths.ledgerDir, { recursive: true });
      writeOrdererConfig(config, node, binaries);
    },
    daemon: () => ({
      name: node.name,
      command: join(binaries.fabricBin, 'orderer'),
      args: [],
      env: { ...process.env, FABRIC_CFG_PATH: paths.configDir },
    }),
    healthy: () => httpOk(node.operationsPort, '/healthz'),
  };
}

export function peerComponent(config: StackConfig, org: PeerOrganization, peer: FabricPeer): Component {
  const paths = fabricLayout(config).peerNode(org, peer);
  const binaries = binaryLayout(config);
  return {
    name: peer.name,
    version: config.versions.fabric,
    address: `127.0.0.1:${peer.port} (${peer.host}, ${org.mspId})`,
    ports: [peer.port, peer.chaincodePort, peer.operationsPort],
    startTimeoutMs: 30_000,
    async prepare() {
      mkdirSync(paths.ledgerDir, { recursive: true });
      writePeerConfig(config, org, peer, binaries);
    },
    daemon: () => ({
      name: peer.name,
      command: join(binaries.fabricBin, 'peer'),
      args: ['node', 'start'],
      env: { ...process.env, FABRIC_CFG_PATH: paths.configDir },
    }),
    healthy: () => httpOk(peer.operationsPort, '/healthz'),
  };
}

/** Every orderer, then every peer of every organisation, in start order. */
export function fabricNodeComponents(config: StackConfig): Component[] {
  return [
    ...config.orderer.nodes.map((node) => ordererComponent(config, node)),
    ...config.organizations.flatMap((org) => org.peers.map((peer) => peerComponent(config, org, peer))),
  ];
}
