import { serviceDatabaseUrl } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { httpOk } from '../process/probes.ts';
import { buildService } from './build-service.ts';
import { serviceKafkaEnv, serviceKeyEnv } from './service-credentials.ts';
import { serviceDaemon } from './service-daemon.ts';

/** The access-policy service: the sharing workflow, every step a chain transaction through the ledger service. */
export function accessPolicyServiceComponent(config: StackConfig): Component {
  const port = config.ports.accessPolicy;
  return {
    name: 'access-policy',
    version: 'dev',
    address: `http://127.0.0.1:${port} (OpenAPI /docs)`,
    ports: [port],
    startTimeoutMs: 60_000,
    async prepare() {
      await buildService(config, 'access-policy');
    },
    daemon() {
      return serviceDaemon(config, 'access-policy', {
        ACCESS_POLICY_PORT: String(port),
        ACCESS_POLICY_DATABASE_URL: serviceDatabaseUrl(config, 'access_policy'),
        ...serviceKafkaEnv(config, 'ACCESS_POLICY', 'access-policy'),
        ...serviceKeyEnv(config, 'ACCESS_POLICY', 'access-policy'),
        ACCESS_POLICY_IDENTITY_URL: `http://127.0.0.1:${config.ports.identity}`,
        ACCESS_POLICY_LEDGER_CHANNEL: config.channel,
        ACCESS_POLICY_LEDGER_CHAINCODE: config.chaincode,
        ACCESS_POLICY_LEDGER_URL: `http://127.0.0.1:${config.ports.ledger}`,
      });
    },
    healthy: () => httpOk(port, '/health'),
  };
}
