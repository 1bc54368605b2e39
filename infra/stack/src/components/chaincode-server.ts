import { join } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import { tcpOpen } from '../process/probes.ts';
import { chaincodeDir } from '../fabric/chaincode-source.ts';
import type { Component } from './component.ts';
import { JSON_SERVICE_ENV, JSON_SERVICE_NODE_FLAGS } from '../services/service-daemon.ts';

/**
 * The chaincode runs as a service the peers dial (chaincode-as-a-service), started with
 * the package id of the committed definition; a new definition means a restart.
 */
export function chaincodeServerComponent(config: StackConfig, packageId: string, version: string): Component {
  const dir = chaincodeDir(config);
  const cli = join(config.paths.repo, 'node_modules', 'fabric-shim', 'cli.js');
  return {
    name: 'chaincode',
    version,
    address: `127.0.0.1:${config.ports.chaincode} (${config.chaincode} on ${config.channel})`,
    ports: [config.ports.chaincode],
    startTimeoutMs: 30_000,
    async prepare() {
      // stateless: the chaincode keeps everything on the ledger
    },
    daemon: () => ({
      name: 'chaincode',
      // the stack runs on the repository's Node 24, and so does the contract, with the JSON
      // services' memory settings: with V8's default young generation its RSS went 113 → 221 MiB
      // in the first 4 minutes of a soak and stayed there
      command: process.execPath,
      args: [...JSON_SERVICE_NODE_FLAGS, cli, 'server', '--chaincode-address', `127.0.0.1:${config.ports.chaincode}`, '--chaincode-id', packageId, '--module-path', dir],
      cwd: dir,
      env: { ...process.env, ...JSON_SERVICE_ENV, CORE_CHAINCODE_LOGGING_LEVEL: 'info' },
      meta: { packageId, version },
    }),
    healthy: () => tcpOpen(config.ports.chaincode),
  };
}
