import { serviceDatabaseUrl } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { httpOk } from '../process/probes.ts';
import { buildService } from './build-service.ts';
import { serviceKafkaEnv, serviceKeyEnv } from './service-credentials.ts';
import { JSON_SERVICE_ENV, JSON_SERVICE_NODE_FLAGS, serviceDaemon } from './service-daemon.ts';

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
        ...JSON_SERVICE_ENV,
        ACCESS_POLICY_PORT: String(port),
        ACCESS_POLICY_DATABASE_URL: serviceDatabaseUrl(config, 'access_policy'),
        ...serviceKafkaEnv(config, 'ACCESS_POLICY', 'access-policy'),
        ...serviceKeyEnv(config, 'ACCESS_POLICY', 'access-policy'),
        ACCESS_POLICY_IDENTITY_URL: `http://127.0.0.1:${config.ports.identity}`,
        ACCESS_POLICY_LEDGER_CHANNEL: config.channel,
        ACCESS_POLICY_LEDGER_CHAINCODE: config.chaincode,
        ACCESS_POLICY_LEDGER_URL: `http://127.0.0.1:${config.ports.ledger}`,
        ...devWebhookSettings(config),
      }, JSON_SERVICE_NODE_FLAGS);
    },
    healthy: () => httpOk(port, '/health'),
  };
}

/**
 * The dev topology's receivers run on this machine (the integration tests start theirs on loopback),
 * and its retries are short so a failing receiver is dead-lettered in seconds, not hours.
 */
function devWebhookSettings(config: StackConfig): Record<string, string> {
  if (config.topology.name !== 'dev') return {};
  return {
    ACCESS_POLICY_WEBHOOK_ALLOW_LOOPBACK: 'true',
    ACCESS_POLICY_WEBHOOK_MAX_ATTEMPTS: '4',
    ACCESS_POLICY_WEBHOOK_BACKOFF_BASE_MS: '1000',
    ACCESS_POLICY_WEBHOOK_BACKOFF_CAP_MS: '10000',
    ACCESS_POLICY_WEBHOOK_POLL_INTERVAL_MS: '250',
  };
}
