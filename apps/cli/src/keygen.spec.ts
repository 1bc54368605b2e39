import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataKey, openKeyEnvelope, sealKeyForRecipient } from '@gridledger/file-crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from './keygen.ts';
import { captureOutput } from './test-support/fake-gateway.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gridledger-keygen-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function keygen(outDir: string, extra: string[] = []) {
  const stdout = captureOutput();
  const stderr = captureOutput();
  const code = await runCli(['keygen', '--out', outDir, ...extra], { stdout, stderr, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('gridledger keygen', () => {
  it('writes a key pair that opens envelopes sealed for the printed public key', async () => {
    const keys = join(dir, 'new', 'keys');
    const { code, stdout, stderr } = await keygen(keys);
    expect(code).toBe(0);
    const privatePem = await readFile(join(keys, PRIVATE_KEY_FILE), 'utf8');
    const publicPem = await readFile(join(keys, PUBLIC_KEY_FILE), 'utf8');
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    // stdout is exactly the public key, ready to register; the private key is printed nowhere
    expect(stdout).toBe(publicPem);
    expect(stdout + stderr).not.toContain(privatePem.split('\n')[1]);
    expect(stderr).toContain(join(keys, PRIVATE_KEY_FILE));

    const dataKey = generateDataKey();
    const envelope = await sealKeyForRecipient(stdout, dataKey, { assetId: 'a-1', cid: 'bafkqaaa', keyVersion: 1 });
    expect(Buffer.from(await openKeyEnvelope(privatePem, envelope)).equals(dataKey)).toBe(true);
  });

  it('makes the private key readable by its owner only', async () => {
    expect((await keygen(dir)).code).toBe(0);
    expect((await stat(join(dir, PRIVATE_KEY_FILE))).mode & 0o777).toBe(0o600);
  });

  it('writes a new key each time', async () => {
    const first = await keygen(join(dir, 'a'));
    const second = await keygen(join(dir, 'b'));
    expect(first.stdout).not.toBe(second.stdout);
  });

  it('never overwrites an existing key, and writes nothing then', async () => {
    await writeFile(join(dir, PRIVATE_KEY_FILE), 'the key my envelopes were sealed for');
    const { code, stdout, stderr } = await keygen(dir);
    expect(code).toBe(1);
    expect(stderr).toBe(`gridledger: ${join(dir, PRIVATE_KEY_FILE)} already exists; not overwriting a key (envelopes sealed for it could no longer be opened)\n`);
    expect(stdout).toBe('');
    expect(await readFile(join(dir, PRIVATE_KEY_FILE), 'utf8')).toBe('the key my envelopes were sealed for');
    await expect(stat(join(dir, PUBLIC_KEY_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('--quiet prints only the public key', async () => {
    const { stdout, stderr } = await keygen(dir, ['--quiet']);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
  });
});
