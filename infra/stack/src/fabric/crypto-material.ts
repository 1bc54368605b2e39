import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fabricLayout } from '@gridledger/stack-connection';
import { stringify } from 'yaml';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';
import type { BinaryLayout } from '../provision/binaries.ts';

/**
 * cryptogen's input. Node OUs are on so the MSPs tell clients, peers and admins apart, and
 * each org's Fabric CA later signs with the same CA key, so users it enrols are members.
 */
/** cryptogen wants the host's first label; it appends the organisation's domain itself. */
const hostname = (host: string) => host.split('.')[0] as string;

export function cryptoConfig(config: StackConfig): unknown {
  const sans = ['localhost', '127.0.0.1'];
  return {
    OrdererOrgs: [
      {
        Name: 'Orderer',
        Domain: config.orderer.domain,
        EnableNodeOUs: true,
        Specs: config.orderer.nodes.map((node) => ({ Hostname: hostname(node.host), SANS: sans })),
      },
    ],
    PeerOrgs: config.organizations.map((org) => ({
      Name: org.mspId.replace(/MSP$/, ''),
      Domain: org.domain,
      EnableNodeOUs: true,
      Specs: org.peers.map((peer) => ({ Hostname: hostname(peer.host), SANS: sans })),
      Users: { Count: 0 },
    })),
  };
}

export async function ensureCryptoMaterial(config: StackConfig, binaries: BinaryLayout): Promise<boolean> {
  const layout = fabricLayout(config);
  const nodeCerts = [
    ...config.orderer.nodes.map((node) => layout.ordererNode(node).tlsCert),
    ...config.organizations.flatMap((org) => [layout.peer(org).caKey, ...org.peers.map((peer) => layout.peerNode(org, peer).tlsCert)]),
  ];
  const done = nodeCerts.every((file) => existsSync(file));
  if (done) return false;
  rmSync(layout.crypto, { recursive: true, force: true });
  mkdirSync(layout.root, { recursive: true });
  writeFileSync(layout.cryptoConfig, stringify(cryptoConfig(config)));
  await runCommand(join(binaries.fabricBin, 'cryptogen'), ['generate', `--config=${layout.cryptoConfig}`, `--output=${layout.crypto}`]);
  return true;
}
