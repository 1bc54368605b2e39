import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { generateServiceKeyPair, PRINCIPAL_NAMES, ServiceCredential, type PrincipalName } from '@gridledger/service-auth';
import { createServiceApp } from '@gridledger/nest-service';
import { createTestDatabase, stackConnections, type TestDatabase } from '@gridledger/testing';
import { loadIdentityConfig, type IdentityConfig } from '../../src/config/identity-config.ts';
import { IDENTITY_SERVICE } from '../../src/identity-service.ts';

export interface Harness {
  app: INestApplication;
  url: string;
  config: IdentityConfig;
  database: TestDatabase;
  admins: { grid: { username: string; password: string }; regulator: { username: string; password: string } };
  /** every service's and the operator's credential, whose public keys this instance's registry holds */
  credentials: Record<PrincipalName, ServiceCredential>;
  /** a service token for calling this identity service as `caller` */
  tokenAs(caller: PrincipalName): Promise<string>;
  call(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<{ status: number; body: Record<string, unknown> }>;
  /** restarts the service on the same database with some settings changed */
  restart(env: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

/** The identity service as it runs in production, on a throwaway database and the stack's real Fabric CAs. */
export async function startIdentity(): Promise<Harness> {
  const database = await createTestDatabase('identity');
  const dir = mkdtempSync(join(tmpdir(), 'identity-'));
  const suffix = randomBytes(3).toString('hex');
  const admins = {
    grid: { username: `grid-admin-${suffix}`, password: `Grid-Admin-${randomBytes(8).toString('hex')}` },
    regulator: { username: `reg-admin-${suffix}`, password: `Reg-Admin-${randomBytes(8).toString('hex')}` },
  };
  writeFileSync(join(dir, 'bootstrap.json'), JSON.stringify({
    organizations: [
      { mspId: 'GridMSP', name: 'Grid company' },
      { mspId: 'RegulatorMSP', name: 'Energy regulator' },
      { mspId: 'ConsumerMSP', name: 'Research and energy services' },
    ],
    admins: [
      { mspId: 'GridMSP', email: 'admin@grid.example', ...admins.grid },
      { mspId: 'RegulatorMSP', email: 'admin@regulator.example', ...admins.regulator },
    ],
  }));
  writeFileSync(join(dir, 'fabric-orgs.json'), JSON.stringify(stackConnections().fabric.organizations.map(({ mspId, ca }) => ({ mspId, ca }))));
  // a key pair for every service and the operator, as the stack makes them: the registry of public keys, and identity's own key
  const pairs = PRINCIPAL_NAMES.map((name) => ({ name, ...generateServiceKeyPair() }));
  writeFileSync(join(dir, 'service-keys.json'), JSON.stringify(Object.fromEntries(pairs.map((pair) => [pair.name, pair.publicJwk]))), { mode: 0o600 });
  writeFileSync(join(dir, 'identity.pem'), pairs.find((pair) => pair.name === 'identity')?.privateKeyPem ?? '', { mode: 0o600 });
  const credentials = Object.fromEntries(pairs.map((pair) => [pair.name, ServiceCredential.fromPem(pair.name, pair.privateKeyPem)])) as Record<PrincipalName, ServiceCredential>;
  const env: Record<string, string> = {
    IDENTITY_PORT: '0',
    IDENTITY_DATABASE_URL: database.url,
    IDENTITY_MASTER_KEYS: `test-1:${randomBytes(32).toString('base64')}`,
    IDENTITY_SERVICE_KEYS_FILE: join(dir, 'service-keys.json'),
    IDENTITY_SERVICE_KEY_FILE: join(dir, 'identity.pem'),
    IDENTITY_LOGIN_MAX_FAILURES: '3',
    IDENTITY_BOOTSTRAP_FILE: join(dir, 'bootstrap.json'),
    IDENTITY_FABRIC_ORGS_FILE: join(dir, 'fabric-orgs.json'),
    // the identity service's own Kafka principal, as the stack gives it
    IDENTITY_KAFKA_BROKERS: stackConnections().kafka.brokers.join(','),
    IDENTITY_KAFKA_USERNAME: stackConnections().kafka.services.identity.username,
    IDENTITY_KAFKA_PASSWORD: stackConnections().kafka.services.identity.password,
    IDENTITY_KAFKA_CA_FILE: stackConnections().kafka.caFile,
  };
  const launch = async (settings: Record<string, string>) => {
    const config = loadIdentityConfig(settings);
    const app = await createServiceApp(IDENTITY_SERVICE, config, { logger: false });
    await app.listen(0, '127.0.0.1');
    return { app, config, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
  };
  const running = await launch(env);
  const harness: Harness = {
    ...running,
    database,
    admins,
    credentials,
    tokenAs: (caller) => credentials[caller].token('identity'),
    async call(method, path, options = {}) {
      const response = await fetch(`${harness.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    async restart(changes) {
      await harness.app.close();
      Object.assign(env, changes);
      Object.assign(harness, await launch(env));
    },
    async close() {
      await harness.app.close();
      await database.drop();
    },
  };
  return harness;
}
