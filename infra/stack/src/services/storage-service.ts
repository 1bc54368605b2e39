import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceDatabaseUrl } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { httpOk } from '../process/probes.ts';
import { buildService } from './build-service.ts';
import { serviceKafkaEnv, serviceKeyEnv } from './service-credentials.ts';
import { serviceDaemon, STREAMING_SERVICE_NODE_FLAGS } from './service-daemon.ts';

/** Where the storage service's master keys are kept, mode 0600. */
export const storageSecretsFile = (config: StackConfig) => join(config.paths.data, 'services', 'storage', 'secrets.json');

/** The storage service: the only component that talks to IPFS. Its master key is generated once per data directory. */
export function storageServiceComponent(config: StackConfig): Component {
  const port = config.ports.storage;
  return {
    name: 'storage',
    version: 'dev',
    address: `http://127.0.0.1:${port} (OpenAPI /docs)`,
    ports: [port],
    startTimeoutMs: 60_000,
    async prepare() {
      const file = storageSecretsFile(config);
      if (!existsSync(file)) {
        mkdirSync(join(config.paths.data, 'services', 'storage'), { recursive: true });
        writeFileSync(file, JSON.stringify({ masterKeys: `mk-1:${randomBytes(32).toString('base64')}` }, null, 2), { mode: 0o600 });
      }
      await buildService(config, 'storage');
    },
    daemon() {
      const { masterKeys } = JSON.parse(readFileSync(storageSecretsFile(config), 'utf8')) as { masterKeys: string };
      return serviceDaemon(config, 'storage', {
        STORAGE_PORT: String(port),
        STORAGE_DATABASE_URL: serviceDatabaseUrl(config, 'storage'),
        ...serviceKafkaEnv(config, 'STORAGE', 'storage'),
        ...serviceKeyEnv(config, 'STORAGE', 'storage'),
        STORAGE_KUBO_API_URL: `http://127.0.0.1:${config.ports.kuboApi}`,
        STORAGE_IDENTITY_URL: `http://127.0.0.1:${config.ports.identity}`,
        STORAGE_LEDGER_CHANNEL: config.channel,
        STORAGE_LEDGER_CHAINCODE: config.chaincode,
        STORAGE_LEDGER_URL: `http://127.0.0.1:${config.ports.ledger}`,
        STORAGE_MASTER_KEYS: masterKeys,
      }, STREAMING_SERVICE_NODE_FLAGS);
    },
    healthy: () => httpOk(port, '/health'),
  };
}
