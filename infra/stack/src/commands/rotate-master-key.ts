import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { identityFiles, serviceKeyFiles } from '@gridledger/stack-connection';
import { ServiceCredential, type ServiceName } from '@gridledger/service-auth';
import type { StackConfig } from '../config/stack-config.ts';
import { ensureRunning } from '../components/ensure-running.ts';
import { platformServices } from '../services/platform-services.ts';
import { storageSecretsFile } from '../services/storage-service.ts';
import { StackError } from '../terminal/stack-error.ts';
import { step } from '../terminal/progress.ts';

interface KeyHolder {
  service: Extract<ServiceName, 'identity' | 'storage'>;
  secrets: string;
  port: number;
  /** what it sealed under its master keys */
  sealed: string;
}

const keyIds = (masterKeys: string): string[] => masterKeys.split(',').map((entry) => entry.trim().split(':')[0] ?? '');

function readMasterKeys(file: string): string {
  const secrets = JSON.parse(readFileSync(file, 'utf8')) as { masterKeys?: unknown };
  if (typeof secrets.masterKeys !== 'string' || secrets.masterKeys === '') throw new StackError(`${file} holds no master keys.`);
  return secrets.masterKeys;
}

function writeMasterKeys(file: string, masterKeys: string): void {
  const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...secrets, masterKeys }, null, 2), { mode: 0o600 });
}

/** `mk-<n+1>` after the highest `mk-<n>` in use, so ids never repeat across rotations. */
export function nextKeyId(ids: readonly string[]): string {
  const numbers = ids.map((id) => /^mk-(\d+)$/.exec(id)?.[1]).filter((n): n is string => n !== undefined).map(Number);
  return `mk-${Math.max(0, ...numbers) + 1}`;
}

async function restartReplicas(config: StackConfig, service: string): Promise<void> {
  for (const component of platformServices(config).filter((c) => c.name === service || c.name.startsWith(`${service}-`))) {
    await ensureRunning(config, component, () => true, { prepare: false });
  }
}

async function rewrap(config: StackConfig, holder: KeyHolder, operator: ServiceCredential): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${holder.port}/internal/master-key/rewrap`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await operator.token(holder.service)}` },
    signal: AbortSignal.timeout(10 * 60_000),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status !== 200) throw new StackError(`The ${holder.service} service refused to rewrap (${response.status} ${String(body['code'] ?? '')}): ${String(body['message'] ?? '')}. The old master key is still listed, so nothing is lost; run rotate-master-key again.`);
  return body;
}

/**
 * `stack rotate-master-key`: a new master key for the identity service (custodial keys, JWT
 * signing keys) and the storage service (file keys). The new key is put first and the services
 * restarted, so new blobs use it while old ones still open; every blob is rewrapped; only then
 * is the old key dropped and the services restarted again. Stopped at any point, the old key is
 * still listed wherever a blob may need it, and running the command again finishes the job.
 */
export async function rotateMasterKey(config: StackConfig): Promise<void> {
  const holders: KeyHolder[] = [
    { service: 'identity', secrets: identityFiles(config).secrets, port: config.ports.identity, sealed: "users' Fabric and encryption keys, JWT signing keys" },
    { service: 'storage', secrets: storageSecretsFile(config), port: config.ports.storage, sealed: 'file keys' },
  ];
  const operator = ServiceCredential.fromPem('operator', readFileSync(serviceKeyFiles(config).privateKey('operator'), 'utf8'));
  for (const holder of holders) {
    const health = await fetch(`http://127.0.0.1:${holder.port}/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (health?.status !== 200) throw new StackError(`The ${holder.service} service is not running; start the platform first: npm run stack -- up`);
  }
  for (const holder of holders) {
    const current = readMasterKeys(holder.secrets);
    const id = nextKeyId(keyIds(current));
    await step(`${holder.service}: a new master key ${id}, first in the list; restarting`, async () => {
      writeMasterKeys(holder.secrets, `${id}:${randomBytes(32).toString('base64')},${current}`);
      await restartReplicas(config, holder.service);
    });
    const report = await step(`${holder.service}: rewrapping every blob under ${id} (${holder.sealed})`, () => rewrap(config, holder, operator));
    console.log(`  ${JSON.stringify(report)}`);
    await step(`${holder.service}: dropping ${keyIds(current).join(', ')}; restarting`, async () => {
      const newest = readMasterKeys(holder.secrets).split(',')[0]?.trim();
      if (!newest?.startsWith(`${id}:`)) throw new StackError(`${holder.secrets} changed while the keys were rotated; run rotate-master-key again.`);
      writeMasterKeys(holder.secrets, newest);
      await restartReplicas(config, holder.service);
    });
  }
  console.log('Master keys rotated. Take a new backup now: older backups hold the old keys, and the databases they hold need them.');
}
