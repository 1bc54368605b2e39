import { serviceDatabaseUrl } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { httpOk } from '../process/probes.ts';
import { buildService } from './build-service.ts';
import { serviceKafkaEnv, serviceKeyEnv } from './service-credentials.ts';
import { JSON_SERVICE_ENV, JSON_SERVICE_NODE_FLAGS, serviceDaemon } from './service-daemon.ts';

/** The audit service: every topic into an append-only log, searched by regulators and admins; reconciliation. */
export function auditServiceComponent(config: StackConfig): Component {
  const port = config.ports.audit;
  return {
    name: 'audit',
    version: 'dev',
    address: `http://127.0.0.1:${port} (OpenAPI /docs)`,
    ports: [port],
    startTimeoutMs: 60_000,
    async prepare() {
      await buildService(config, 'audit');
    },
    daemon() {
      return serviceDaemon(config, 'audit', {
        ...JSON_SERVICE_ENV,
        AUDIT_PORT: String(port),
        AUDIT_DATABASE_URL: serviceDatabaseUrl(config, 'audit'),
        ...serviceKafkaEnv(config, 'AUDIT', 'audit'),
        ...serviceKeyEnv(config, 'AUDIT', 'audit'),
        AUDIT_IDENTITY_URL: `http://127.0.0.1:${config.ports.identity}`,
        AUDIT_LEDGER_URL: `http://127.0.0.1:${config.ports.ledger}`,
        AUDIT_STORAGE_URL: `http://127.0.0.1:${config.ports.storage}`,
        AUDIT_ACCESS_POLICY_URL: `http://127.0.0.1:${config.ports.accessPolicy}`,
      }, JSON_SERVICE_NODE_FLAGS);
    },
    healthy: () => httpOk(port, '/health'),
  };
}
