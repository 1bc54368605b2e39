import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { loadConnectionConfig, type PlatformEndpoints, serviceDatabaseUrl } from '@gridledger/stack-connection';
import { ACCESS_TOPICS, AUDIT_TOPICS, CHAIN_TOPICS } from '@gridledger/contracts';
import { decryptStream, generateRecipientKeyPair, openKeyEnvelope, type KeyEnvelope } from '@gridledger/file-crypto';
import { PUBLIC_TOPICS } from '@gridledger/stack';
import { call, eventually, onboardUser, operatorToken, type PlatformUser, signIn, stackConnections, startPlatformServices, uploadAndAnchor } from '@gridledger/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GridOperatorConsumer } from '../support/grid-operator-consumer.ts';

/**
 * The whole scheme, once, on the real stack with every service running as `npm start` runs it:
 * an owner shares a sensitive load curve with a consumer under the regulator's eye, and everything
 * that happened can be traced afterwards. The steps depend on each other, in order.
 */
describe('the sharing story, end to end', () => {
  let endpoints: PlatformEndpoints;
  let owner: PlatformUser;
  let consumer: PlatformUser;
  let stranger: PlatformUser;
  let regulator: PlatformUser;
  const token: Record<string, string> = {};
  const operator = new GridOperatorConsumer();
  const recipient = generateRecipientKeyPair();
  const csv = Buffer.from(['timestamp,feeder,active_power_kw', ...Array.from({ length: 96 }, (_, i) => `2026-11-01T${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00Z,F12,${(420 + 80 * Math.sin(i / 15)).toFixed(1)}`)].join('\n'));
  const price = 120;
  let assetId: string;
  let requestId: string;
  let ownerBalanceBefore: number;

  const access = (method: string, path: string, as: string, body?: unknown) => call(endpoints.accessPolicyUrl, method, path, token[as], body);
  const balance = async (as: string) => (await access('GET', '/accounts/me', as)).body as { balance: number; escrowed: number };

  beforeAll(async () => {
    endpoints = startPlatformServices();
    // everything an outside reader may read: every public topic
    await operator.start([...PUBLIC_TOPICS]);
    [owner, consumer, stranger, regulator] = await Promise.all([
      onboardUser(endpoints, 'GridMSP', 'owner'),
      onboardUser(endpoints, 'ConsumerMSP', 'consumer'),
      onboardUser(endpoints, 'ConsumerMSP', 'consumer'),
      onboardUser(endpoints, 'RegulatorMSP', 'regulator'),
    ]);
    for (const [name, user] of Object.entries({ owner, consumer, stranger, regulator })) token[name] = await signIn(endpoints, user);
    const consumerAdmin = endpoints.admins.find((admin) => admin.mspId === 'ConsumerMSP');
    if (!consumerAdmin) throw new Error('the stack has no ConsumerMSP admin');
    token['consumerAdmin'] = await signIn(endpoints, consumerAdmin);
  }, 600_000);

  afterAll(() => operator.stop());

  it('the consumer organisation gives its analyst credits', async () => {
    const minted = await access('POST', `/accounts/${consumer.id}/credits`, 'consumerAdmin', { amount: 500, memo: 'pilot allocation' });
    expect(minted.status).toBe(201);
    expect(await balance('consumer')).toMatchObject({ balance: 500, escrowed: 0 });
    // only an admin allocates
    expect((await access('POST', `/accounts/${consumer.id}/credits`, 'consumer', { amount: 5 })).body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the owner uploads a sensitive load curve with a price; it is anchored on chain', async () => {
    ownerBalanceBefore = (await balance('owner')).balance ?? 0;
    const metadata = {
      title: 'Feeder 12 load curve, November 2026', description: '15-minute active power', category: 'load-curve', sensitivity: 'sensitive', priceCredits: price,
      policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: [], allowedPurposes: ['load-forecasting'], maxDurationSeconds: 86_400, maxDownloads: 3 },
    };
    const file = await uploadAndAnchor(endpoints, token['owner'] ?? '', metadata, csv, 'feeder-12.csv');
    assetId = String(file['assetId']);
    expect(file).toMatchObject({ status: 'anchored', plaintextSha256: createHash('sha256').update(csv).digest('hex') });
  });

  it('the consumer finds it in the catalog and reads its policy', async () => {
    // as the dashboard reads the ledger: with the consumer's own access token
    const catalog = await call(endpoints.ledgerUrl, 'GET', '/assets?sensitivity=sensitive&pageSize=100', token['consumer']);
    expect(JSON.stringify(catalog.body)).toContain(assetId);
    const policy = await access('GET', `/assets/${assetId}/policy`, 'consumer');
    expect(policy.body).toMatchObject({ assetId, priceCredits: price, sensitivity: 'sensitive', policy: { allowedPurposes: ['load-forecasting'] } });
    expect(policy.body['rules']).toEqual(expect.arrayContaining(['the purpose must be one of: load-forecasting']));
  });

  it('a request for a purpose the policy does not allow is refused with the rule, and costs nothing', async () => {
    const refused = await access('POST', '/requests', 'consumer', { assetId, purpose: 'billing', durationSeconds: 3600 });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'POLICY_DENIED' });
    expect(String(refused.body['message'])).toMatch(/purpose/i);
    expect(await balance('consumer')).toMatchObject({ balance: 500, escrowed: 0 });
    // and a malformed one never reaches the chain
    expect((await access('POST', '/requests', 'consumer', { assetId, purpose: 'x', durationSeconds: 'soon' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
  });

  it('the consumer requests access, naming their key; the price goes into escrow', async () => {
    const requested = await access('POST', '/requests', 'consumer', { assetId, purpose: 'load-forecasting', durationSeconds: 3600, recipientPublicKey: Buffer.from(recipient.publicKey).toString('base64') });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ assetId, status: 'pending-owner', priceCredits: price, requiresRegulator: true, consumer: { uid: consumer.id }, owner: { uid: owner.id } });
    requestId = String(requested.body['id']);
    expect(await balance('consumer')).toMatchObject({ balance: 500 - price, escrowed: price });
  });

  it("nobody else can read or decide the consumer's request by guessing its id", async () => {
    expect((await access('GET', `/requests/${requestId}`, 'stranger')).status).toBe(404);
    expect((await access('POST', `/requests/${requestId}/approve`, 'stranger', { reason: 'me too' })).status).toBe(404);
    expect((await access('POST', `/requests/${requestId}/approve`, 'consumer', { reason: 'self-service' })).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await access('GET', '/requests?view=regulator', 'stranger')).status).toBe(403);
  });

  it("the owner sees it in their inbox and approves; then it waits for the regulator", async () => {
    await eventually(() => access('GET', '/inbox', 'owner'), (a) => JSON.stringify(a.body['ownerPending']).includes(requestId), "the request in the owner's inbox");
    const approved = await access('POST', `/requests/${requestId}/approve`, 'owner', { reason: 'forecasting is what the data is for' });
    expect(approved.body).toMatchObject({ status: 'pending-regulator' });
    // the owner asking again (an answer lost) gets their own approval back; the regulator's step stays the regulator's
    const again = await access('POST', `/requests/${requestId}/approve`, 'owner', { reason: 'again' });
    expect(again).toMatchObject({ status: 200, body: { status: 'pending-regulator', lastTxId: approved.body['lastTxId'] } });
    expect(again.body['decisions']).toHaveLength(1);
    expect((await access('POST', `/requests/${requestId}/reject`, 'owner', { reason: 'second thoughts' })).body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the regulator approves from their inbox; the grant is final and the key is released to the named key', async () => {
    await eventually(() => access('GET', '/inbox', 'regulator'), (a) => JSON.stringify(a.body['regulatorPending']).includes(requestId), "the request in the regulator's inbox");
    const granted = await access('POST', `/requests/${requestId}/approve`, 'regulator', { reason: 'purpose within the licence' });
    expect(granted.body).toMatchObject({ status: 'granted', grant: { maxDownloads: 3 } });
    const released = await eventually(() => access('GET', `/requests/${requestId}`, 'consumer'), (a) => (a.body['keyRelease'] as { status: string }).status !== 'none' && (a.body['keyRelease'] as { status: string }).status !== 'requested', 'the key release');
    expect(released.body['keyRelease']).toEqual({ status: 'released', message: null });
    expect(released.body['decisions']).toEqual([
      expect.objectContaining({ decision: 'approved', by: expect.objectContaining({ uid: owner.id, mspId: 'GridMSP' }) }),
      expect.objectContaining({ decision: 'approved', by: expect.objectContaining({ uid: regulator.id, mspId: 'RegulatorMSP' }) }),
    ]);
    const inbox = await access('GET', '/inbox', 'consumer');
    expect(JSON.stringify(inbox.body['myGrants'])).toContain(requestId);
  });

  it('the consumer decrypts the file on their own side from IPFS, and downloads it through the platform: both identical to the original', async () => {
    const envelope = await call(endpoints.storageUrl, 'GET', `/files/${assetId}/key-envelope`, token['consumer']);
    expect(envelope.status).toBe(200);
    const dataKey = await openKeyEnvelope(recipient.privateKey, envelope.body['envelope'] as KeyEnvelope);
    const cid = (envelope.body['envelope'] as KeyEnvelope).cid;
    const fromIpfs = await fetch(`${endpoints.ipfsGatewayUrl}/ipfs/${cid}`);
    const decrypted: Buffer[] = [];
    for await (const chunk of Readable.fromWeb(fromIpfs.body as never).pipe(decryptStream(dataKey))) decrypted.push(chunk as Buffer);
    expect(Buffer.concat(decrypted).equals(csv)).toBe(true);

    const download = await fetch(`${endpoints.storageUrl}/files/${assetId}/content`, { headers: { authorization: `Bearer ${token['consumer']}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(csv)).toBe(true);
  });

  it('the credits moved exactly by the price, from the consumer to the owner', async () => {
    expect(await balance('consumer')).toMatchObject({ balance: 500 - price, escrowed: 0 });
    expect((await balance('owner')).balance).toBe(ownerBalanceBefore + price);
  });

  it('the regulator freezes the asset, and a second download is refused', async () => {
    expect((await access('POST', `/supervision/assets/${assetId}/freeze`, 'owner', { reason: 'mine' })).body).toMatchObject({ code: 'FORBIDDEN' });
    const frozen = await access('POST', `/supervision/assets/${assetId}/freeze`, 'regulator', { reason: 'data-quality investigation' });
    expect(frozen.status).toBe(200);
    const download = await call(endpoints.storageUrl, 'GET', `/files/${assetId}/content`, token['consumer']);
    expect(download.status).toBe(403);
    expect(download.body).toMatchObject({ code: 'FROZEN' });
  });

  it('the lineage shows every step with its signer', async () => {
    const steps = ['chain.asset-registered', 'chain.access-requested', 'chain.request-owner-approved', 'chain.access-granted', 'chain.key-released', 'chain.download-recorded', 'chain.asset-frozen'];
    const lineage = await eventually(
      () => call(endpoints.auditUrl, 'GET', `/audit/assets/${assetId}/lineage`, token['regulator']),
      (a) => a.status === 200 && steps.every((step) => JSON.stringify(a.body['timeline']).includes(`"${step}"`)),
      'the full lineage',
    );
    const timeline = lineage.body['timeline'] as { action: string; actorUid: string | null }[];
    const signerOf = (action: string) => timeline.find((entry) => entry.action === action)?.actorUid;
    expect(steps.map(signerOf)).toEqual([owner.id, consumer.id, owner.id, regulator.id, consumer.id, consumer.id, regulator.id]);
  });

  it("the audit log shows every signature the identity service made with the consumer's key, and for whom it was asked", async () => {
    const signed = await eventually(
      () => call(endpoints.auditUrl, 'GET', `/audit/events?action=identity.signature-logged&userId=${consumer.id}&limit=500`, token['regulator']),
      (a) => JSON.stringify(a.body).includes('access:RecordDownload'),
      'the signature log in the audit log',
    );
    const logged = (signed.body['entries'] as { data: { outcome: string; service: string; function: string | null; attestedBy: string | null } }[]).map((e) => e.data);
    // the ledger asked each time; the consumer's request was vouched for by access-policy, the download by storage
    expect(logged).toEqual(expect.arrayContaining([
      expect.objectContaining({ outcome: 'signed', service: 'ledger', function: 'access:RequestAccess', attestedBy: 'access-policy' }),
      expect.objectContaining({ outcome: 'signed', service: 'ledger', function: 'access:RecordDownload', attestedBy: 'storage' }),
    ]));
  });

  it('the outside-consumer example prints the story\'s chain events with the operator\'s read-only principal', async () => {
    const { brokers, caFile } = stackConnections().kafka;
    const reader = operator.credentials;
    if (!reader) throw new Error('the grid operator has no principal');
    const child = spawn(process.execPath, ['libs/contracts/examples/print-events.ts', CHAIN_TOPICS.AssetRegistered, CHAIN_TOPICS.AccessGranted], {
      cwd: loadConnectionConfig().paths.repo,
      env: { ...process.env, KAFKA_BROKERS: brokers.join(','), KAFKA_USERNAME: reader.username, KAFKA_PASSWORD: reader.password, KAFKA_CA_FILE: caFile },
    });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    try {
      const lines = () => printed.split('\n').filter((line) => line.includes(assetId));
      await eventually(async () => ({ status: 200, body: {} }), () => lines().length >= 2, 'the example printing the asset\'s events');
      expect(lines().map((line) => line.split(/\s+/)[1])).toEqual(expect.arrayContaining([CHAIN_TOPICS.AssetRegistered, CHAIN_TOPICS.AccessGranted]));
    } finally {
      child.kill('SIGTERM');
    }
  });

  it("a grid operator's own Kafka consumer saw every event of the story exactly once", async () => {
    const expected = ['AssetRegistered', 'AccessRequested', 'RequestOwnerApproved', 'AccessGranted', 'KeyReleased', 'DownloadRecorded', 'AssetFrozen'];
    await eventually(async () => ({ status: 200, body: {} }), () => operator.about(assetId).filter((e) => e.topic.startsWith('gridledger.chain.')).length >= expected.length, 'the chain events at the operator');
    // quiet for a while, so that a late duplicate would be counted
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const events = operator.about(assetId);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.filter((e) => e.topic.startsWith('gridledger.chain.')).map((e) => e.data['event'])).toEqual(expected);
    expect(events.filter((e) => e.topic === ACCESS_TOPICS.requestUpdated).map((e) => `${e.data['chainEvent']}→${e.data['status']}`)).toEqual([
      'AccessRequested→pending-owner', 'RequestOwnerApproved→pending-regulator', 'AccessGranted→granted', 'KeyReleased→granted', 'DownloadRecorded→granted',
    ]);
    expect(events.filter((e) => e.topic === ACCESS_TOPICS.keyReleaseRequested)).toHaveLength(1);
    expect(events.find((e) => e.topic === CHAIN_TOPICS.AccessGranted)?.data['signer']).toMatchObject({ uid: regulator.id, role: 'regulator' });
  });

  it('the read model, lost, is rebuilt from the chain to the same state', async () => {
    const before = await access('GET', `/requests/${requestId}`, 'consumer');
    const rebuilt = await call(endpoints.accessPolicyUrl, 'POST', '/operator/read-model/rebuild', await operatorToken('access-policy'));
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body['requests']).toBeGreaterThanOrEqual(1);
    const after = await access('GET', `/requests/${requestId}`, 'consumer');
    expect(after.body).toEqual(before.body);
    expect((await call(endpoints.accessPolicyUrl, 'POST', '/operator/read-model/rebuild', token['regulator'])).status).toBe(401);
  });

  it('reconciliation finds chain, storage, IPFS and grants in agreement', async () => {
    expect((await call(endpoints.auditUrl, 'POST', '/audit/reconciliations', token['owner'], { assetIds: [assetId] })).status).toBe(403);
    const report = await call(endpoints.auditUrl, 'POST', '/audit/reconciliations', token['regulator'], { assetIds: [assetId] });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ trigger: 'on-demand', assetsChecked: 1, grantsChecked: 1, violations: [], errors: [] });
  });

  it("then finds a record tampered with in the storage service's database, and reports it as an event", async () => {
    const storageDb = new pg.Client({ connectionString: serviceDatabaseUrl(loadConnectionConfig(), 'storage') });
    await storageDb.connect();
    const forged = 'f'.repeat(64);
    try {
      const { rows } = await storageDb.query<{ ciphertext_sha256: string }>('select ciphertext_sha256 from files where asset_id = $1', [assetId]);
      await storageDb.query('update files set ciphertext_sha256 = $2 where asset_id = $1', [assetId, forged]);
      const report = await call(endpoints.auditUrl, 'POST', '/audit/reconciliations', token['regulator'], { assetIds: [assetId] });
      expect(report.body['violations']).toEqual([expect.objectContaining({ assetId, kind: 'record-mismatch', where: 'storage', expected: expect.stringContaining(rows[0]?.ciphertext_sha256 ?? '?'), actual: expect.stringContaining(forged) })]);
      const runId = String(report.body['runId']);
      await eventually(async () => ({ status: 200, body: {} }), () => operator.seen.some((e) => e.topic === AUDIT_TOPICS.integrityViolation && e.data['runId'] === runId), 'the integrity-violation event');
      const stored = await call(endpoints.auditUrl, 'GET', `/audit/reconciliations/${runId}`, token['regulator']);
      expect(stored.body).toMatchObject({ runId, violations: [expect.objectContaining({ kind: 'record-mismatch' })] });
      await storageDb.query('update files set ciphertext_sha256 = $2 where asset_id = $1', [assetId, rows[0]?.ciphertext_sha256]);
    } finally {
      await storageDb.end();
    }
  });
});
