import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEDGER_TOPICS, STORAGE_TOPICS } from '@gridledger/contracts';
import { toKafkaMessage } from '@gridledger/messaging';
import { decryptStream, generateRecipientKeyPair, hashingPassThrough, openKeyEnvelope, type KeyEnvelope } from '@gridledger/file-crypto';
import { credentialOf, envelopeOf, onboardUser, type PlatformUser, publishMessages, signIn, stackConnections, startPlatformServices, waitForMessages } from '@gridledger/testing';
import { create } from 'kubo-rpc-client';
import pg from 'pg';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConnectionConfig, type PlatformEndpoints, serviceDatabaseUrl } from '@gridledger/stack-connection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody, randomFile } from './support/multipart-upload.ts';

const MiB = 1024 * 1024;

const metadata = (overrides: Record<string, unknown> = {}) => ({
  title: 'Feeder 12 load curve',
  category: 'load-curve',
  sensitivity: 'internal',
  priceCredits: 10,
  policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 5 },
  ...overrides,
});

describe('storage service on real Kubo, the real chain and PostgreSQL', () => {
  let endpoints: PlatformEndpoints;
  let owner: PlatformUser;
  let consumer: PlatformUser;
  let ownerToken: string;
  let consumerToken: string;
  let storageDb: pg.Pool;
  const ipfs = () => create({ url: `http://127.0.0.1:${loadConnectionConfig().ports.kuboApi}/api/v0` });

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${endpoints.storageUrl}${path}`, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown> };
  };

  const upload = async (token: string, meta: unknown, file: { source: () => AsyncIterable<Uint8Array> }, fileName = 'load-curve.csv', uploadId = randomUUID()) => {
    const { body, contentType } = multipartBody(meta, { chunks: file.source, fileName, contentType: 'text/csv' });
    const response = await fetch(`${endpoints.storageUrl}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'x-upload-id': uploadId }, body, duplex: 'half' } as RequestInit);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const anchored = async (assetId: string) => {
    for (let i = 0; i < 300; i++) {
      const { body } = await call('GET', `/files/${assetId}`, ownerToken);
      if (body['status'] !== 'pending') return body;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`asset ${assetId} stayed pending`);
  };

  /** Streams a download and returns its SHA-256 and size, without holding it in memory. */
  const downloadHash = async (assetId: string, token: string) => {
    const response = await fetch(`${endpoints.storageUrl}/files/${assetId}/content`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) return { status: response.status, body: (await response.json()) as Record<string, unknown>, sha256: null };
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      size += chunk.length;
    }
    return { status: 200, sha256: hash.digest('hex'), size, disposition: response.headers.get('content-disposition') };
  };

  /** A ledger command as the access-policy service sends one: attested with its key, for the transactions the table gives it. */
  const ledgerCommand = async (data: { userId: string; contract: string; transaction: string; arguments: string[] }) => {
    const commandId = randomUUID();
    const { channel, chaincode } = stackConnections().fabric;
    const attestation = await credentialOf('access-policy').attest({ commandId, mspId: null, channel, chaincode, ...data });
    const envelope = { specversion: '1.0', id: randomUUID(), source: '/gridledger/tests', type: LEDGER_TOPICS.submitRequested, subject: commandId, time: new Date().toISOString(), datacontenttype: 'application/json', data: { commandId, mspId: null, requestedBy: 'storage-test', attestation, ...data } };
    await publishMessages(LEDGER_TOPICS.submitRequested, [toKafkaMessage({ id: envelope.id, topic: LEDGER_TOPICS.submitRequested, message_key: commandId, envelope })]);
    const answers = await waitForMessages(LEDGER_TOPICS.txCommitted, (received) => received.some((m) => envelopeOf(m).data['commandId'] === commandId), 60_000);
    return answers.map(envelopeOf).find((e) => e.data['commandId'] === commandId);
  };

  beforeAll(async () => {
    endpoints = startPlatformServices();
    owner = await onboardUser(endpoints, 'GridMSP', 'owner');
    consumer = await onboardUser(endpoints, 'ConsumerMSP', 'consumer');
    ownerToken = await signIn(endpoints, owner);
    consumerToken = await signIn(endpoints, consumer);
    storageDb = new pg.Pool({ connectionString: serviceDatabaseUrl(loadConnectionConfig(), 'storage'), max: 2 });
  });

  afterAll(async () => {
    await storageDb?.end();
  });

  it.each([0, 1, 64 * 1024 + 1, 5 * MiB, 256 * MiB])('round-trips a file of %i bytes: pinned encrypted, anchored on chain, decrypted for its owner', async (size) => {
    const file = randomFile(size);
    const uploadId = randomUUID();
    const stored = await upload(ownerToken, metadata({ title: `round trip ${size}` }), file, 'load-curve.csv', uploadId);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ status: 'pending', sizeBytes: size, plaintextSha256: file.sha256() });
    const assetId = stored.body['assetId'] as string;
    expect((await call('GET', `/uploads/${uploadId}`, ownerToken)).body).toMatchObject({ stage: 'done', bytesReceived: size, assetId });
    expect(await anchored(assetId)).toMatchObject({ status: 'anchored', txId: expect.any(String) });

    const downloaded = await downloadHash(assetId, ownerToken);
    expect(downloaded).toMatchObject({ status: 200, sha256: file.sha256(), size });
  }, 600_000);

  it("gives single-use download links, for the browser's download manager, that need no bearer header, checked like any download", async () => {
    const file = randomFile(200 * 1024);
    const assetId = (await upload(ownerToken, metadata({ title: 'link download' }), file)).body['assetId'] as string;
    await anchored(assetId);
    // a user with no grant gets no link: the refusal comes when they ask, not as a bare error page later
    expect((await call('POST', `/files/${assetId}/download-link`, consumerToken)).body).toMatchObject({ statusCode: 403, code: 'ACCESS_DENIED' });

    const link = await call('POST', `/files/${assetId}/download-link`, ownerToken);
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ path: `/downloads/links/${String(link.body['token'])}`, expiresAt: expect.any(String) });
    // through the public entry, with no session, as a browser follows a link
    const followed = await fetch(`${endpoints.webUrl}/api/storage${String(link.body['path'])}`);
    expect(followed.status).toBe(200);
    expect(followed.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(createHash('sha256').update(new Uint8Array(await followed.arrayBuffer())).digest('hex')).toBe(file.sha256());

    expect(await call('GET', String(link.body['path']))).toMatchObject({ status: 403, body: { code: 'TICKET_SPENT' } });
    expect(await call('GET', `/downloads/links/${'A'.repeat(43)}`)).toMatchObject({ status: 404, body: { code: 'TICKET_NOT_FOUND' } });
    expect(await call('GET', '/downloads/links/not-a-token')).toMatchObject({ status: 404, body: { code: 'TICKET_NOT_FOUND' } });
  });

  it('pins bytes that are not the plaintext and carry no plaintext header', async () => {
    const text = `timestamp,feeder,kw\n${Array.from({ length: 2000 }, (_, i) => `2026-11-24T00:${String(i % 60).padStart(2, '0')}:00Z,F12,${(400 + (i % 37)).toFixed(1)}`).join('\n')}\n`;
    const stored = await upload(ownerToken, metadata(), { source: async function* () { yield Buffer.from(text); } });
    const cid = stored.body['cid'] as string;
    const chunks: Uint8Array[] = [];
    for await (const chunk of ipfs().cat(cid)) chunks.push(chunk);
    const pinned = Buffer.concat(chunks);
    expect(pinned.subarray(0, 4).toString()).toBe('GLFE');
    expect(pinned.includes(Buffer.from('timestamp,feeder'))).toBe(false);
    expect(pinned.includes(Buffer.from('F12,4'))).toBe(false);
    expect(createHash('sha256').update(pinned).digest('hex')).toBe(stored.body['ciphertextSha256']);
    // nothing of this upload left in flight: a later test counts what the service publishes
    await anchored(stored.body['assetId'] as string);
  });

  it('neutralises path-traversal and CRLF file names', async () => {
    const stored = await upload(ownerToken, metadata(), { source: async function* () { yield Buffer.from('a,b\n1,2\n'); } }, '../../etc/passwd\r\nX-Injected: yes');
    expect(stored.status).toBe(201);
    const record = await anchored(stored.body['assetId'] as string);
    expect(record['fileName']).toBe('passwdX-Injected_ yes');
    const downloaded = await downloadHash(stored.body['assetId'] as string, ownerToken);
    expect(downloaded.disposition).toBe("attachment; filename*=UTF-8''passwdX-Injected_%20yes");
  });

  it('refuses an upload over the limit with 413 before reading it, and keeps nothing', async () => {
    // what earlier tests set going (an anchoring's events) is published first, so the count below is this test's alone
    const published = async () => ((await call('GET', '/health', ownerToken)).body['details'] as { outbox: { published: number } }).outbox.published;
    let before = await published();
    for (let settled = false; !settled; ) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const now = await published();
      settled = now === before;
      before = now;
    }
    const response = await fetch(`${endpoints.storageUrl}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(64 * 1024 ** 3) },
      body: Readable.toWeb(Readable.from((async function* () { yield Buffer.alloc(1024); await new Promise((resolve) => setTimeout(resolve, 60_000)); })())) as ReadableStream,
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => error as Error);
    if (response instanceof Error) throw response;
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await published()).toBe(before);
  });

  it('refuses to serve a file whose CID does not match the chain, and reports it', async () => {
    const stored = await upload(ownerToken, metadata(), { source: async function* () { yield Buffer.from('original,1\n'); } });
    const assetId = stored.body['assetId'] as string;
    await anchored(assetId);
    // someone with database access points the record at other bytes
    const { cid: other } = await ipfs().add(Buffer.from('forged,2\n'), { pin: true, cidVersion: 1, rawLeaves: true });
    await storageDb.query('update files set cid = $2 where asset_id = $1', [assetId, other.toString()]);

    const refused = await downloadHash(assetId, ownerToken);
    expect(refused).toMatchObject({ status: 502, body: { code: 'INTEGRITY_VIOLATION' } });
    const alerts = await waitForMessages(STORAGE_TOPICS.integrityViolation, (received) => received.some((m) => envelopeOf(m).data['assetId'] === assetId), 30_000);
    expect(alerts.map(envelopeOf).find((e) => e.data['assetId'] === assetId)?.data).toMatchObject({ kind: 'record-mismatch', cid: other.toString() });
  });

  it('unpins the file when the chain refuses the asset, so nothing is left half-done', async () => {
    const frozenOwner = await onboardUser(endpoints, 'GridMSP', 'owner');
    const regulator = await onboardUser(endpoints, 'RegulatorMSP', 'regulator');
    await ledgerCommand({ userId: regulator.id, contract: 'supervision', transaction: 'FreezeUser', arguments: [frozenOwner.id, 'under investigation'] });
    const stored = await upload(await signIn(endpoints, frozenOwner), metadata(), { source: async function* () { yield Buffer.from('frozen,1\n'); } });
    expect(stored.status).toBe(201);
    const record = await anchored(stored.body['assetId'] as string);
    expect(record).toMatchObject({ status: 'rejected', rejection: { code: 'FROZEN' } });
    const pins: string[] = [];
    for await (const pin of ipfs().pin.ls({ type: 'recursive' })) pins.push(pin.cid.toString());
    expect(pins).not.toContain(stored.body['cid']);
    const rejected = await waitForMessages(STORAGE_TOPICS.fileRejected, (received) => received.some((m) => envelopeOf(m).data['assetId'] === stored.body['assetId']), 30_000);
    expect(rejected.length).toBeGreaterThan(0);
  });

  it('refuses a user without a grant with 403, records no download, and releases the key only after the grant', async () => {
    const file = randomFile(300 * 1024);
    const stored = await upload(ownerToken, metadata({ priceCredits: 10 }), file);
    const assetId = stored.body['assetId'] as string;
    await anchored(assetId);

    const refused = await downloadHash(assetId, consumerToken);
    expect(refused).toMatchObject({ status: 403, body: { code: 'ACCESS_DENIED' } });
    const keyRefused = await call('POST', `/files/${assetId}/key-release`, consumerToken, { publicKey: Buffer.from(generateRecipientKeyPair().publicKey).toString('base64') });
    expect(keyRefused.body).toMatchObject({ statusCode: 403, code: 'ACCESS_DENIED' });

    // credits from the consumer organisation's admin, a request, the owner's approval
    const consumerAdmin = await onboardUser(endpoints, 'ConsumerMSP', 'admin');
    await ledgerCommand({ userId: consumerAdmin.id, contract: 'settlement', transaction: 'Mint', arguments: [consumer.id, '100', 'test credits'] });
    const requestId = `req-${randomUUID()}`;
    await ledgerCommand({ userId: consumer.id, contract: 'access', transaction: 'RequestAccess', arguments: [JSON.stringify({ requestId, assetId, purpose: 'research', durationSeconds: 3600 })] });
    await ledgerCommand({ userId: owner.id, contract: 'access', transaction: 'ApproveRequest', arguments: [requestId, 'for the study'] });

    // the envelope opens with the consumer's private key only, and the file decrypts from the IPFS gateway
    const keys = generateRecipientKeyPair();
    const released = await call('POST', `/files/${assetId}/key-release`, consumerToken, { publicKey: keys.publicKeyPem });
    expect(released.status).toBe(200);
    const envelope = released.body['envelope'] as KeyEnvelope;
    expect(envelope).toMatchObject({ assetId, cid: stored.body['cid'], keyVersion: 1 });
    const dataKey = await openKeyEnvelope(keys.privateKey, envelope);
    await expect(openKeyEnvelope(generateRecipientKeyPair().privateKey, envelope)).rejects.toThrow();
    const fromGateway = await fetch(`${endpoints.ipfsGatewayUrl}/ipfs/${envelope.cid}`);
    const plaintext = hashingPassThrough();
    await pipeline(Readable.fromWeb(fromGateway.body as never), decryptStream(dataKey), plaintext, async function* (source) { for await (const _ of source) yield* []; });
    expect(plaintext.sha256).toBe(file.sha256());

    // the consumer's own tool does the same from the files they hold
    const dir = mkdtempSync(join(tmpdir(), 'envelope-'));
    writeFileSync(join(dir, 'envelope.json'), JSON.stringify(released.body));
    writeFileSync(join(dir, 'key.pem'), keys.privateKeyPem, { mode: 0o600 });
    const cli = spawnSync(join(loadConnectionConfig().paths.repo, 'node_modules', '.bin', 'node'), ['apps/cli/scripts/run.ts', 'decrypt', '--envelope', join(dir, 'envelope.json'), '--key', join(dir, 'key.pem'), '--out', join(dir, 'file.bin'), '--gateway', endpoints.ipfsGatewayUrl, '--expect-sha256', file.sha256(), '--quiet'], { cwd: loadConnectionConfig().paths.repo, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(createHash('sha256').update(readFileSync(join(dir, 'file.bin'))).digest('hex')).toBe(file.sha256());

    // and through the platform, recorded on chain
    const downloaded = await downloadHash(assetId, consumerToken);
    expect(downloaded).toMatchObject({ status: 200, sha256: file.sha256() });
    const events = await waitForMessages(STORAGE_TOPICS.fileDownloaded, (received) => received.some((m) => envelopeOf(m).data['assetId'] === assetId), 30_000);
    expect(events.map(envelopeOf).find((e) => e.data['assetId'] === assetId)?.data).toMatchObject({ requestId, consumerId: consumer.id });
    const downloadsOnChain = await waitForMessages('gridledger.chain.download-recorded.v1', (received) => received.some((m) => envelopeOf(m).subject === assetId), 30_000);
    expect(downloadsOnChain.filter((m) => envelopeOf(m).subject === assetId)).toHaveLength(1);

    // key rotation: re-encrypted, re-anchored, the old ciphertext unpinned, the grantee re-served
    const rotated = await call('POST', `/files/${assetId}/key-rotation`, ownerToken);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ assetId, previousCid: envelope.cid, keyVersion: 2, rewrappedFor: [consumer.id] });
    const newCid = rotated.body['cid'] as string;
    expect(newCid).not.toBe(envelope.cid);
    const pins: string[] = [];
    for await (const pin of ipfs().pin.ls({ type: 'recursive' })) pins.push(pin.cid.toString());
    expect(pins).toContain(newCid);
    expect(pins).not.toContain(envelope.cid);
    const latest = await call('GET', `/files/${assetId}/key-envelope`, consumerToken);
    expect(latest.body).toMatchObject({ keyVersion: 2, envelope: { cid: newCid, keyVersion: 2 } });
    const newKey = await openKeyEnvelope(keys.privateKey, latest.body['envelope'] as KeyEnvelope);
    expect(Buffer.from(newKey).equals(Buffer.from(dataKey))).toBe(false);
    const reencrypted = hashingPassThrough();
    await pipeline(Readable.fromWeb((await fetch(`${endpoints.ipfsGatewayUrl}/ipfs/${newCid}`)).body as never), decryptStream(newKey), reencrypted, async function* (source) { for await (const _ of source) yield* []; });
    expect(reencrypted.sha256).toBe(file.sha256());
    expect(await downloadHash(assetId, consumerToken)).toMatchObject({ status: 200, sha256: file.sha256() });
    const receipts = await waitForMessages(STORAGE_TOPICS.keyRotated, (received) => received.some((m) => envelopeOf(m).data['assetId'] === assetId), 30_000);
    expect(receipts.map(envelopeOf).find((e) => e.data['assetId'] === assetId)?.data).toMatchObject({ cid: newCid, keyVersion: 2 });
  }, 300_000);
});
