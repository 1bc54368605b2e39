import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { readPostgresCredentials } from '../components/postgres.ts';
import { fabricLayout } from '../fabric/fabric-layout.ts';
import { httpOk } from '../process/probes.ts';
import { buildService, serviceBundle } from './build-service.ts';

const onlyFile = (dir: string): string => join(dir, readdirSync(dir)[0] ?? 'missing');

/**
 * The ledger service. On the development stack it listens to the channel as the grid
 * organisation's admin (cryptogen's), which stands in for a per-organisation service identity.
 */
export function ledgerServiceComponent(config: StackConfig): Component {
  const port = config.ports.ledger;
  const org = config.organizations[0];
  if (!org) throw new Error('no peer organisation is configured');
  return {
    name: 'ledger',
    version: 'dev',
    address: `http://127.0.0.1:${port} (relaying ${config.chaincode} events from ${org.mspId})`,
    ports: [port],
    startTimeoutMs: 60_000,
    async prepare() {
      await buildService(config, 'ledger');
    },
    daemon() {
      const db = readPostgresCredentials(config).services['ledger'];
      if (!db) throw new Error('the ledger database has no credentials');
      const peer = fabricLayout(config).peer(org);
      return {
        name: 'ledger',
        command: process.execPath,
        args: ['--enable-source-maps', serviceBundle(config, 'ledger')],
        cwd: config.paths.repo,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          LEDGER_KAFKA_BROKERS: `127.0.0.1:${config.ports.kafka}`,
          LEDGER_PORT: String(port),
          LEDGER_DATABASE_URL: `postgresql://${db.user}:${encodeURIComponent(db.password)}@127.0.0.1:${config.ports.postgres}/${db.database}`,
          LEDGER_CHANNEL: config.channel,
          LEDGER_CHAINCODE: config.chaincode,
          LEDGER_MSP_ID: org.mspId,
          LEDGER_PEER_ENDPOINT: `127.0.0.1:${org.peerPort}`,
          LEDGER_PEER_HOST_ALIAS: org.peerHost,
          LEDGER_PEER_TLS_ROOT_CERT: peer.tlsCa,
          LEDGER_IDENTITY_CERT: onlyFile(join(peer.adminMsp, 'signcerts')),
          LEDGER_IDENTITY_KEY: onlyFile(join(peer.adminMsp, 'keystore')),
        },
      };
    },
    healthy: () => httpOk(port, '/health'),
  };
}
