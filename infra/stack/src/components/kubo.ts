import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';
import { httpOk } from '../process/probes.ts';
import { binaryLayout } from '../provision/binaries.ts';
import type { Component } from './component.ts';

export function kuboComponent(config: StackConfig): Component {
  const repo = join(config.paths.data, 'kubo');
  const ipfs = join(binaryLayout(config).kuboBin, 'ipfs');
  const { kuboApi, kuboGateway, kuboSwarm } = config.ports;
  const env = { ...process.env, IPFS_PATH: repo, IPFS_TELEMETRY: 'off' };
  const ipfsConfig = (...args: string[]) => runCommand(ipfs, ['config', ...args], { env, timeoutMs: 30_000 });
  return {
    name: 'kubo',
    version: config.versions.kubo,
    address: `http://127.0.0.1:${kuboApi} (gateway :${kuboGateway})`,
    ports: [kuboApi, kuboGateway, kuboSwarm],
    startTimeoutMs: 60_000,
    async prepare() {
      if (!existsSync(join(repo, 'config'))) {
        // the test profile: no bootstrap peers, no mDNS, no AutoConf fetch, no NAT or AutoTLS
        await runCommand(ipfs, ['init', '--profile=test', '--empty-repo'], { env, timeoutMs: 60_000 });
      }
      // rewritten on every start so port changes apply; routing "none" means no DHT lookups that
      // would hang for want of internet
      await ipfsConfig('Addresses.API', `/ip4/127.0.0.1/tcp/${kuboApi}`);
      await ipfsConfig('Addresses.Gateway', `/ip4/127.0.0.1/tcp/${kuboGateway}`);
      await ipfsConfig('--json', 'Addresses.Swarm', JSON.stringify([`/ip4/127.0.0.1/tcp/${kuboSwarm}`]));
      await ipfsConfig('Routing.Type', 'none');
      await ipfsConfig('--json', 'Bootstrap', '[]');
    },
    daemon() {
      return { name: 'kubo', command: ipfs, args: ['daemon', '--migrate=false'], env };
    },
    healthy: () => httpOk(kuboApi, '/api/v0/version', 'POST'),
  };
}
