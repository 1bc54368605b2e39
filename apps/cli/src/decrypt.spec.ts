import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRecipientKeyPair, sealKeyForRecipient, type KeyEnvelope, type RecipientKeyPair } from '@gridledger/file-crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { captureOutput, encryptedAsset, startFakeGateway, type FakeGateway } from './test-support/fake-gateway.ts';

const CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
const CHUNK = 4096;
const plaintext = randomBytes(10 * CHUNK + 123);
const plaintextSha256 = createHash('sha256').update(plaintext).digest('hex');

let gateway: FakeGateway;
let ciphertext: Buffer;
let consumer: RecipientKeyPair;
let envelope: KeyEnvelope;
let dir: string;

beforeAll(async () => {
  consumer = generateRecipientKeyPair();
  const asset = await encryptedAsset(plaintext, CHUNK);
  ciphertext = asset.ciphertext;
  envelope = await sealKeyForRecipient(consumer.publicKeyPem, asset.dataKey, { assetId: 'asset-7', cid: CID, keyVersion: 2 });
});

beforeEach(async () => {
  gateway = await startFakeGateway();
  dir = await mkdtemp(join(tmpdir(), 'gridledger-cli-'));
  await writeFile(join(dir, 'envelope.json'), JSON.stringify(envelope));
  await writeFile(join(dir, 'key.pem'), consumer.privateKeyPem, { mode: 0o600 });
});

afterEach(async () => {
  await gateway.close();
  await rm(dir, { recursive: true, force: true });
});

/** The private key's base64 body: must never appear in anything the CLI prints. */
const keyBody = (pair: RecipientKeyPair): string => pair.privateKeyPem.split('\n')[1] ?? '';

async function decrypt(extra: string[] = [], env: Record<string, string> = {}, signal?: AbortSignal) {
  const stdout = captureOutput();
  const stderr = captureOutput();
  const argv = ['decrypt', '--envelope', join(dir, 'envelope.json'), '--key', join(dir, 'key.pem'), '--out', join(dir, 'load-curve.csv'), ...extra];
  const hasGateway = extra.includes('--gateway') || env['GRIDLEDGER_IPFS_GATEWAY'] !== undefined;
  const code = await runCli(hasGateway ? argv : [...argv, '--gateway', gateway.url], { stdout, stderr, env, ...(signal === undefined ? {} : { signal }) });
  expect(stderr.text).not.toContain(keyBody(consumer));
  expect(stdout.text).toBe('');
  return { code, stderr: stderr.text };
}

/** The last line of stderr, which for a failure is the whole error. */
const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

async function filesInDir(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('gridledger decrypt', () => {
  it('downloads the CID from the gateway, decrypts it and writes exactly the plaintext, readable by the owner only', async () => {
    gateway.serve(CID, ciphertext);
    const { code, stderr } = await decrypt();
    expect(code).toBe(0);
    expect((await readFile(join(dir, 'load-curve.csv'))).equals(plaintext)).toBe(true);
    expect((await stat(join(dir, 'load-curve.csv'))).mode & 0o777).toBe(0o600);
    expect(gateway.requests).toEqual([`/ipfs/${CID}`]);
    expect(await filesInDir()).toEqual(['envelope.json', 'key.pem', 'load-curve.csv']);
    expect(stderr).toContain(`plaintext SHA-256  ${plaintextSha256}`);
    expect(stderr).toContain(`ciphertext SHA-256 ${createHash('sha256').update(ciphertext).digest('hex')}`);
    expect(stderr).toContain('asset asset-7 (key version 2');
    // non-TTY progress: the size from content-length first, a summary line at the end
    expect(stderr).toContain(`downloading: ${(ciphertext.length / 1024).toFixed(1)} KiB\n`);
    expect(stderr).toMatch(/downloading: [\d.]+ KiB in /);
  });

  it('accepts the envelope inside an API answer, a gateway without content-length, and the gateway from the environment', async () => {
    gateway.serve(CID, ciphertext, { contentLength: false });
    await writeFile(join(dir, 'envelope.json'), JSON.stringify({ envelope, releasedAt: '2025-01-01T00:00:00Z' }));
    const { code, stderr } = await decrypt([], { GRIDLEDGER_IPFS_GATEWAY: `${gateway.url}/` });
    expect(code).toBe(0);
    expect(stderr).toContain('downloading: size unknown');
    expect((await readFile(join(dir, 'load-curve.csv'))).equals(plaintext)).toBe(true);
  });

  it('--quiet prints nothing on success', async () => {
    gateway.serve(CID, ciphertext);
    const { code, stderr } = await decrypt(['--quiet']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('accepts a matching --expect-sha256 in either case', async () => {
    gateway.serve(CID, ciphertext);
    const { code, stderr } = await decrypt(['--expect-sha256', plaintextSha256.toUpperCase()]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${plaintextSha256} (as expected)`);
  });

  it('refuses another private key without downloading anything', async () => {
    gateway.serve(CID, ciphertext);
    const stranger = generateRecipientKeyPair();
    await writeFile(join(dir, 'key.pem'), stranger.privateKeyPem);
    const { code, stderr } = await decrypt();
    expect(code).toBe(1);
    expect(stderr).toBe(`gridledger: cannot open ${join(dir, 'envelope.json')}: this envelope was not sealed for this key (${join(dir, 'key.pem')}), or it was altered\n`);
    expect(stderr).not.toContain(keyBody(stranger));
    expect(gateway.requests).toEqual([]);
    expect(await filesInDir()).toEqual(['envelope.json', 'key.pem']);
  });

  it('refuses an envelope whose CID was edited (HPKE binds it)', async () => {
    gateway.serve(CID, ciphertext);
    await writeFile(join(dir, 'envelope.json'), JSON.stringify({ ...envelope, cid: 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku' }));
    const { code, stderr } = await decrypt();
    expect(code).toBe(1);
    expect(stderr).toContain('this envelope was not sealed for this key');
    expect(gateway.requests).toEqual([]);
  });

  it.each([
    ['a flipped byte in a middle chunk', (c: Buffer) => flip(c, 17 + 5 * (CHUNK + 16) + 100), /integrity failure: the ciphertext of \S+ from \S+ does not verify \(chunk 5 failed authentication\)/],
    ['a flipped byte in the header', (c: Buffer) => flip(c, 12), /integrity failure: .* does not verify \(chunk 0 failed authentication\)/],
    ['a download cut at a chunk boundary', (c: Buffer) => c.subarray(0, 17 + 4 * (CHUNK + 16)), /integrity failure: the ciphertext of \S+ from \S+ is truncated/],
    ['an HTML page instead of the file', () => Buffer.from('<html><body>rate limited</body></html>'.repeat(3)), /did not serve a GridLedger encrypted file/],
  ])('%s is an error that names the CID and leaves no file behind, nor replaces an existing one', async (_name, tamper, message) => {
    gateway.serve(CID, tamper(ciphertext));
    await writeFile(join(dir, 'load-curve.csv'), 'the previous version');
    const { code, stderr } = await decrypt();
    expect(code).toBe(1);
    expect(lastLine(stderr)).toMatch(message);
    expect(lastLine(stderr)).toContain(CID);
    expect(lastLine(stderr)).toContain(`nothing was written to ${join(dir, 'load-curve.csv')}`);
    expect(await readFile(join(dir, 'load-curve.csv'), 'utf8')).toBe('the previous version');
    expect(await filesInDir()).toEqual(['envelope.json', 'key.pem', 'load-curve.csv']);
  });

  it('a --expect-sha256 mismatch is an error and leaves no file', async () => {
    gateway.serve(CID, ciphertext);
    const other = 'ab'.repeat(32);
    const { code, stderr } = await decrypt(['--expect-sha256', other]);
    expect(code).toBe(1);
    expect(lastLine(stderr)).toBe(`gridledger: plaintext SHA-256 of ${CID} is ${plaintextSha256}, not the expected ${other}; nothing was written to ${join(dir, 'load-curve.csv')}`);
    expect(await filesInDir()).toEqual(['envelope.json', 'key.pem']);
  });

  it('a 404 from the gateway names the URL', async () => {
    const { code, stderr } = await decrypt();
    expect(code).toBe(1);
    expect(lastLine(stderr)).toBe(`gridledger: the IPFS gateway answered 404 Not Found for ${gateway.url}/ipfs/${CID}`);
    expect(await filesInDir()).toEqual(['envelope.json', 'key.pem']);
  });

  it('an unreachable gateway names the URL and the reason', async () => {
    const closed = gateway.url;
    await gateway.close();
    gateway = await startFakeGateway();
    const { code, stderr } = await decrypt(['--gateway', closed]);
    expect(code).toBe(1);
    expect(stderr).toBe(`gridledger: cannot reach the IPFS gateway at ${closed}/ipfs/${CID}: ECONNREFUSED\n`);
  });

  it('a connection that breaks off mid-download is an error and leaves no file', async () => {
    gateway.serve(CID, ciphertext, { resetAfter: 3 * CHUNK });
    const { code, stderr } = await decrypt();
    expect(code).toBe(1);
    expect(lastLine(stderr)).toBe(`gridledger: the download of ${CID} from ${gateway.url}/ipfs/${CID} broke off (other side closed); nothing was written to ${join(dir, 'load-curve.csv')}`);
    expect(await filesInDir()).toEqual(['envelope.json', 'key.pem']);
  });

  it('an interrupt stops the download, removes the partial file and exits 130', async () => {
    gateway.serve(CID, ciphertext, { stallAfter: 4 * CHUNK });
    const interrupt = new AbortController();
    const run = decrypt([], {}, interrupt.signal);
    await gateway.stalled;
    // the partial plaintext exists only under a hidden temporary name while downloading
    await expect.poll(async () => (await filesInDir()).filter((name) => name.endsWith('.part'))).toHaveLength(1);
    interrupt.abort();
    const { code, stderr } = await run;
    expect(code).toBe(130);
    expect(lastLine(stderr)).toBe(`gridledger: interrupted; nothing was written to ${join(dir, 'load-curve.csv')}`);
    expect(await filesInDir()).toEqual(['envelope.json', 'key.pem']);
  });

  it('explains unusable inputs in one line without quoting them', async () => {
    // the private key given as the envelope: JSON.parse would quote it in its message
    const asEnvelope = await run(['decrypt', '--envelope', join(dir, 'key.pem'), '--key', join(dir, 'key.pem'), '--out', join(dir, 'x'), '--gateway', gateway.url]);
    expect(asEnvelope.code).toBe(1);
    expect(asEnvelope.stderr).toBe(`gridledger: ${join(dir, 'key.pem')} is not JSON (expected the key envelope GridLedger released to you)\n`);

    await writeFile(join(dir, 'key.pub.pem'), consumer.publicKeyPem);
    const publicKey = await run(['decrypt', '--envelope', join(dir, 'envelope.json'), '--key', join(dir, 'key.pub.pem'), '--out', join(dir, 'x')]);
    expect(publicKey.stderr).toContain('holds a public key; --key needs your private key');

    await writeFile(join(dir, 'garbage.pem'), '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
    const garbage = await run(['decrypt', '--envelope', join(dir, 'envelope.json'), '--key', join(dir, 'garbage.pem'), '--out', join(dir, 'x')]);
    expect(garbage.stderr).toBe(`gridledger: ${join(dir, 'garbage.pem')} is not an X25519 private key (expected the PKCS#8 PEM that gridledger keygen writes)\n`);

    const missing = await run(['decrypt', '--envelope', join(dir, 'nope.json'), '--key', join(dir, 'key.pem'), '--out', join(dir, 'x')]);
    expect(missing.stderr).toBe(`gridledger: cannot read key envelope ${join(dir, 'nope.json')}: no such file or directory\n`);

    const noDir = await run(['decrypt', '--envelope', join(dir, 'envelope.json'), '--key', join(dir, 'key.pem'), '--out', join(dir, 'missing', 'x'), '--gateway', gateway.url]);
    expect(noDir.stderr).toContain(`directory ${join(dir, 'missing')} does not exist`);

    for (const result of [asEnvelope, publicKey, garbage, missing, noDir]) {
      expect(result.code).toBe(1);
      expect(result.stderr).not.toContain(keyBody(consumer));
    }
    expect(gateway.requests).toEqual([]);
  });
});

function flip(bytes: Buffer, offset: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[offset] = (copy[offset] ?? 0) ^ 0x01;
  return copy;
}

/** runCli with captured output: the exit code and stderr. */
async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = captureOutput();
  const code = await runCli(argv, { stdout: captureOutput(), stderr, env: {} });
  return { code, stderr: stderr.text };
}
