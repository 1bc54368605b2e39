import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fabricLayout, type FabricPeer, firstPeer, type PeerOrganization, serviceDatabaseUrl } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { httpOk } from '../process/probes.ts';
import { buildService } from './build-service.ts';
import { ensureServiceIdentity } from './service-identities.ts';
import { serviceKafkaEnv, serviceKeyEnv } from './service-credentials.ts';
import { serviceDaemon, JSON_SERVICE_ENV, JSON_SERVICE_NODE_FLAGS } from './service-daemon.ts';

const organizationsFile = (config: StackConfig) => join(config.paths.data, 'services', 'ledger', 'organizations.json');

/**
 * The ledger service. It reaches every organisation's peer, signs system actions with a
 * per-organisation service identity (enrolled here, at each org's CA), and signs users'
 * transactions through the identity service.
 */
export function ledgerServiceComponent(config: StackConfig): Component {
  const port = config.ports.ledger;
  const listenOrg = config.organizations[0];
  if (!listenOrg) throw new Error('no peer organisation is configured');
  return {
    name: 'ledger',
    version: 'dev',
    address: `http://127.0.0.1:${port} (OpenAPI /docs; relaying ${config.chaincode} events from ${listenOrg.mspId})`,
    ports: [port],
    startTimeoutMs: 60_000,
    async prepare() {
      const endpoint = (org: PeerOrganization, peer: FabricPeer) => ({ peerEndpoint: `127.0.0.1:${peer.port}`, peerHostAlias: peer.host, peerTlsRootCert: fabricLayout(config).peer(org).tlsCa });
      const organizations = [];
      for (const org of config.organizations) {
        const identity = await ensureServiceIdentity(config, 'ledger-service', org);
        const [own, ...twins] = org.peers.map((peer) => endpoint(org, peer));
        organizations.push({
          mspId: org.mspId,
          ...own,
          // the organisation's other peer first, then the other organisations' peers as gateways
          fallbackPeers: [...twins, ...config.organizations.filter((other) => other !== org).map((other) => endpoint(other, firstPeer(other)))],
          serviceCert: identity.certPath,
          serviceKey: identity.keyPath,
        });
      }
      mkdirSync(join(config.paths.data, 'services', 'ledger'), { recursive: true });
      writeFileSync(organizationsFile(config), JSON.stringify({ organizations }, null, 2), { mode: 0o600 });
      await buildService(config, 'ledger');
    },
    daemon() {
      return serviceDaemon(config, 'ledger', {
        ...JSON_SERVICE_ENV,
        ...serviceKafkaEnv(config, 'LEDGER', 'ledger'),
        ...serviceKeyEnv(config, 'LEDGER', 'ledger'),
        LEDGER_PORT: String(port),
        LEDGER_DATABASE_URL: serviceDatabaseUrl(config, 'ledger'),
        LEDGER_CHANNEL: config.channel,
        LEDGER_CHAINCODE: config.chaincode,
        LEDGER_ORGANIZATIONS_FILE: organizationsFile(config),
        LEDGER_LISTEN_MSP_ID: listenOrg.mspId,
        LEDGER_IDENTITY_URL: `http://127.0.0.1:${config.ports.identity}`,
      }, JSON_SERVICE_NODE_FLAGS);
    },
    healthy: () => httpOk(port, '/health'),
  };
}
