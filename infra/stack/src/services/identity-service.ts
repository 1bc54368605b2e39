import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connectionInfo, identityFiles, serviceDatabaseUrl } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { httpOk } from '../process/probes.ts';
import { buildService } from './build-service.ts';
import { serviceKafkaEnv, serviceKeyEnv } from './service-credentials.ts';
import { serviceDaemon, JSON_SERVICE_ENV, JSON_SERVICE_NODE_FLAGS } from './service-daemon.ts';

interface IdentitySecrets {
  masterKeys: string;
}

const ORG_NAMES: Record<string, string> = {
  GridMSP: 'Grid company',
  RegulatorMSP: 'Energy regulator',
  ConsumerMSP: 'Research institutes and energy-service companies',
};

/** Secrets and first admins, generated once per data directory and readable only by the stack's user. */
function ensureIdentityFiles(config: StackConfig): void {
  const files = identityFiles(config);
  mkdirSync(files.dir, { recursive: true });
  if (!existsSync(files.secrets)) {
    const secrets: IdentitySecrets = { masterKeys: `mk-1:${randomBytes(32).toString('base64')}` };
    writeFileSync(files.secrets, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  if (!existsSync(files.bootstrap)) {
    const organizations = config.organizations.map((org) => ({ mspId: org.mspId, name: ORG_NAMES[org.mspId] ?? org.mspId }));
    const admins = config.organizations.map((org) => ({
      mspId: org.mspId,
      username: `admin-${org.key}`,
      email: `admin@${org.domain}`,
      password: `Gl-${randomBytes(12).toString('base64url')}`,
    }));
    writeFileSync(files.bootstrap, JSON.stringify({ organizations, admins }, null, 2), { mode: 0o600 });
  }
  // rewritten on every start: CA addresses follow the port settings
  const orgs = connectionInfo(config).fabric.organizations.map(({ mspId, ca }) => ({ mspId, ca }));
  writeFileSync(files.fabricOrgs, JSON.stringify(orgs, null, 2), { mode: 0o600 });
}

export function identityServiceComponent(config: StackConfig): Component {
  const port = config.ports.identity;
  return {
    name: 'identity',
    version: 'dev',
    address: `http://127.0.0.1:${port} (OpenAPI /docs)`,
    ports: [port],
    startTimeoutMs: 60_000,
    async prepare() {
      ensureIdentityFiles(config);
      await buildService(config, 'identity');
    },
    daemon() {
      const files = identityFiles(config);
      const secrets = JSON.parse(readFileSync(files.secrets, 'utf8')) as IdentitySecrets;
      return serviceDaemon(config, 'identity', {
        ...JSON_SERVICE_ENV,
        ...serviceKafkaEnv(config, 'IDENTITY', 'identity'),
        ...serviceKeyEnv(config, 'IDENTITY', 'identity'),
        IDENTITY_PORT: String(port),
        IDENTITY_DATABASE_URL: serviceDatabaseUrl(config, 'identity'),
        IDENTITY_MASTER_KEYS: secrets.masterKeys,
        IDENTITY_BOOTSTRAP_FILE: files.bootstrap,
        IDENTITY_FABRIC_ORGS_FILE: files.fabricOrgs,
      }, JSON_SERVICE_NODE_FLAGS);
    },
    healthy: () => httpOk(port, '/health'),
  };
}
