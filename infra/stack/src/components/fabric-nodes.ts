import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import type { PeerOrganization } from '../config/organizations.ts';
import { httpOk } from '../process/probes.ts';
import { binaryLayout } from '../provision/binaries.ts';
import { fabricLayout } from '../fabric/fabric-layout.ts';
import { writeOrdererConfig, writePeerConfig } from '../fabric/node-config.ts';
import type { Component } from './component.ts';

export function ordererComponent(config: StackConfig): Component {
  const layout = fabricLayout(config);
  const binaries = binaryLayout(config);
  const { orderer } = config;
  return {
    name: 'orderer',
    version: config.versions.fabric,
    address: `127.0.0.1:${orderer.port} (admin :${orderer.adminPort})`,
    ports: [orderer.port, orderer.adminPort, orderer.operationsPort],
    startTimeoutMs: 30_000,
    async prepare() {
      mkdirSync(layout.orderer.ledgerDir, { recursive: true });
      writeOrdererConfig(config, layout, binaries);
    },
    daemon: () => ({
      name: 'orderer',
      command: join(binaries.fabricBin, 'orderer'),
      args: [],
      env: { ...process.env, FABRIC_CFG_PATH: layout.orderer.configDir },
    }),
    healthy: () => httpOk(orderer.operationsPort, '/healthz'),
  };
}

export function peerComponent(config: StackConfig, org: PeerOrganization): Component {
  const layout = fabricLayout(config);
  const binaries = binaryLayout(config);
  return {
    name: `peer-${org.key}`,
    version: config.versions.fabric,
    address: `127.0.0.1:${org.peerPort} (${org.peerHost}, ${org.mspId})`,
    ports: [org.peerPort, org.peerChaincodePort, org.peerOperationsPort],
    startTimeoutMs: 30_000,
    async prepare() {
      mkdirSync(layout.peer(org).ledgerDir, { recursive: true });
      writePeerConfig(org, layout, binaries, config.chain.gatewayConcurrency);
    },
    daemon: () => ({
      name: `peer-${org.key}`,
      command: join(binaries.fabricBin, 'peer'),
      args: ['node', 'start'],
      env: { ...process.env, FABRIC_CFG_PATH: layout.peer(org).configDir },
    }),
    healthy: () => httpOk(org.peerOperationsPort, '/healthz'),
  };
}
