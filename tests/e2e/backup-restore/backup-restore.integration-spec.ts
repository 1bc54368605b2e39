import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConnectionConfig, type PlatformEndpoints } from '@gridledger/stack-connection';
import { generateRecipientKeyPair } from '@gridledger/file-crypto';
import { BACKED_UP_PATHS, PGDATA } from '@gridledger/stack';
import { call, eventually, ownerAndFundedConsumer, serviceBearer, signIn, stackCommand, stackUp, startPlatformServices, uploadAndAnchor, type PlatformUser } from '@gridledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';

const config = loadConnectionConfig();
const node = join(config.paths.repo, 'node_modules', '.bin', 'node');
const work = mkdtempSync(join(tmpdir(), 'backup-restore-'));
const backupFile = join(work, 'stack.glb');
const passphrase = `backup passphrase ${Date.now()}`;

/** The operator's commands, as they type them: `npm run stack -- backup …`, with what they set in the environment. */
const stack = (args: string[], env: Record<string, string> = {}) => stackCommand(args, { env, timeoutMs: 10 * 60_000 });

const masterKeys = (service: 'identity' | 'storage'): string[] =>
  (JSON.parse(readFileSync(join(config.paths.data, 'services', service, 'secrets.json'), 'utf8')) as { masterKeys: string }).masterKeys.split(',');

/**
 * What a backup is for: the machine that holds the master keys, the service credentials, the CAs
 * and the databases loses them, and the platform comes back from one file and its passphrase,
 * with every file still readable. The chain, IPFS and Kafka keep their data, as their own
 * clusters would in production. The steps depend on each other, in order.
 */
describe('backup, restore and master-key rotation, on the real stack', () => {
  let endpoints: PlatformEndpoints;
  let consumer: PlatformUser;
  let assetId: string;
  const csv = Buffer.from(['timestamp,meter,energy_kwh', ...Array.from({ length: 500 }, (_, i) => `2026-12-01T00:${String(i % 60).padStart(2, '0')}:00Z,M-${i % 7},${(i * 0.37).toFixed(2)}`)].join('\n'));
  const sha256 = createHash('sha256').update(csv).digest('hex');

  /** The consumer obtains the file both ways the platform offers: the key released to their own key and decrypted with the consumer CLI, and a download through the platform. */
  async function consumerReadsTheFile(): Promise<void> {
    const token = await signIn(endpoints, consumer);
    const keys = generateRecipientKeyPair();
    const released = await call(endpoints.storageUrl, 'POST', `/files/${assetId}/key-release`, token, { publicKey: keys.publicKeyPem });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    const dir = mkdtempSync(join(work, 'cli-'));
    writeFileSync(join(dir, 'envelope.json'), JSON.stringify(released.body));
    writeFileSync(join(dir, 'key.pem'), keys.privateKeyPem, { mode: 0o600 });
    const cli = spawnSync(node, ['apps/cli/scripts/run.ts', 'decrypt', '--envelope', join(dir, 'envelope.json'), '--key', join(dir, 'key.pem'), '--out', join(dir, 'file.csv'), '--gateway', endpoints.ipfsGatewayUrl, '--expect-sha256', sha256, '--quiet'], { cwd: config.paths.repo, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(readFileSync(join(dir, 'file.csv')).equals(csv)).toBe(true);

    const download = await fetch(`${endpoints.storageUrl}/files/${assetId}/content`, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(csv)).toBe(true);
  }

  /**
   * Connections this client kept alive may lead to a process that the rotation has just replaced;
   * a request that meets one fails at the socket (fetch's TypeError), and a client asks again.
   * A wrong answer is an assertion error and fails at once.
   */
  async function askingAgainOnConnectionErrors(read: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await read();
      } catch (error) {
        if (!(error instanceof TypeError) || attempt === 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  beforeAll(async () => {
    endpoints = startPlatformServices();
    const { token, consumer: funded } = await ownerAndFundedConsumer(endpoints, 100);
    consumer = funded;
    const policy = { allowedOrgs: ['ConsumerMSP'], allowedRoles: [], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 10 };
    const file = await uploadAndAnchor(endpoints, token.owner, { title: 'Meter readings, December', category: 'consumption-statistics', sensitivity: 'internal', priceCredits: 5, policy }, csv, 'meters.csv');
    assetId = String(file['assetId']);
    const requested = await call(endpoints.accessPolicyUrl, 'POST', '/requests', token.consumer, { assetId, purpose: 'research', durationSeconds: 3600 });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const approved = await call(endpoints.accessPolicyUrl, 'POST', `/requests/${String(requested.body['id'])}/approve`, token.owner, { reason: 'for the study' });
    expect(approved.body).toMatchObject({ status: 'granted' });
    await eventually(() => call(endpoints.storageUrl, 'POST', `/files/${assetId}/key-release`, token.consumer, { publicKey: generateRecipientKeyPair().publicKeyPem }), (a) => a.status === 200, 'the grant reaching storage');
  }, 600_000);

  it('takes a backup while the platform runs: one file, no key in it readable, and a short passphrase refused', () => {
    const taken = stack(['backup', backupFile], { GRIDLEDGER_BACKUP_PASSPHRASE: passphrase });
    expect(taken.status, taken.stderr).toBe(0);
    const bytes = readFileSync(backupFile);
    for (const entry of [...masterKeys('identity'), ...masterKeys('storage')]) {
      expect(bytes.includes(Buffer.from(entry.split(':')[1] ?? 'missing'))).toBe(false);
    }
    expect(bytes.includes(Buffer.from('BEGIN PRIVATE KEY'))).toBe(false);
    expect(stack(['backup', backupFile], { GRIDLEDGER_BACKUP_PASSPHRASE: 'short' }).stderr).toMatch(/at least 12 characters/);
  });

  it('refuses to restore over a running stack, and leaves it running', () => {
    const refused = stack(['restore', backupFile], { GRIDLEDGER_BACKUP_PASSPHRASE: passphrase });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/must be stopped first: npm run stack -- down/);
    expect(stack(['status']).status).toBe(0);
  });

  it("after the keys, credentials, CAs and databases are wiped, the backup brings the platform back and the file still opens", async () => {
    expect(stack(['down']).status).toBe(0);
    for (const path of [...BACKED_UP_PATHS, PGDATA]) rmSync(join(config.paths.data, path), { recursive: true, force: true });
    expect(existsSync(join(config.paths.data, 'services', 'storage', 'secrets.json'))).toBe(false);

    const wrong = stack(['restore', backupFile], { GRIDLEDGER_BACKUP_PASSPHRASE: 'another passphrase entirely' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/does not open with this passphrase/);
    expect(existsSync(join(config.paths.data, 'services', 'storage', 'secrets.json'))).toBe(false);

    const restored = stack(['restore', backupFile], { GRIDLEDGER_BACKUP_PASSPHRASE: passphrase });
    expect(restored.status, restored.stderr).toBe(0);
    stackUp();
    await consumerReadsTheFile();
  }, 600_000);

  it('rotate-master-key leaves one new master key per service, and everything sealed under the old one still opens', async () => {
    // only the operator may ask for a rewrap: not another service, not a user
    for (const [service, url] of [['identity', endpoints.identityUrl], ['storage', endpoints.storageUrl]] as const) {
      const asAudit = await call(url, 'POST', '/internal/master-key/rewrap', (await serviceBearer('audit', service)).replace(/^Bearer /, ''));
      expect(asAudit.body, service).toMatchObject({ code: 'SERVICE_NOT_PERMITTED' });
      expect((await call(url, 'POST', '/internal/master-key/rewrap', await signIn(endpoints, consumer))).status, service).toBe(401);
    }
    const before = { identity: masterKeys('identity'), storage: masterKeys('storage') };
    const rotated = stack(['rotate-master-key']);
    expect(rotated.status, rotated.stderr).toBe(0);
    for (const service of ['identity', 'storage'] as const) {
      const after = masterKeys(service);
      expect(after).toHaveLength(1);
      expect(before[service]).not.toContain(after[0]);
      expect(after[0]?.split(':')[0]).not.toBe(before[service][0]?.split(':')[0]);
    }
    // storage opens the file key, identity the consumer's custodial key that signs the download record
    await askingAgainOnConnectionErrors(consumerReadsTheFile);
  }, 600_000);
});
