import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { serviceDatabaseUrl } from '../components/postgres.ts';
import { fabricLayout } from '../fabric/fabric-layout.ts';
import { orgAdminIdentity } from '../fabric/org-admin-identity.ts';
import { httpOk } from '../process/probes.ts';
import { buildService } from './build-service.ts';
import { serviceDaemon } from './service-daemon.ts';

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
      const admin = orgAdminIdentity(config, org);
      return serviceDaemon(config, 'ledger', {
        LEDGER_KAFKA_BROKERS: `127.0.0.1:${config.ports.kafka}`,
        LEDGER_PORT: String(port),
        LEDGER_DATABASE_URL: serviceDatabaseUrl(config, 'ledger'),
        LEDGER_CHANNEL: config.channel,
        LEDGER_CHAINCODE: config.chaincode,
        LEDGER_MSP_ID: org.mspId,
        LEDGER_PEER_ENDPOINT: `127.0.0.1:${org.peerPort}`,
        LEDGER_PEER_HOST_ALIAS: org.peerHost,
        LEDGER_PEER_TLS_ROOT_CERT: fabricLayout(config).peer(org).tlsCa,
        LEDGER_IDENTITY_CERT: admin.certPath,
        LEDGER_IDENTITY_KEY: admin.keyPath,
      });
    },
    healthy: () => httpOk(port, '/health'),
  };
}
