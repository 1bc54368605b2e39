import { randomUUID } from 'node:crypto';
import { loadConnectionConfig, type PlatformEndpoints, serviceDatabaseUrl } from '@gridledger/stack-connection';
import { cloudEvent, STORAGE_TOPICS } from '@gridledger/contracts';
import { call, onboardUser, publishMessages, signIn, startPlatformServices, uploadAndAnchor } from '@gridledger/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Violation {
  id: string;
  assetId: string;
  kind: string;
  sources: string[];
  occurrences: number;
  state: string;
  acknowledged: { by: string; at: string; note: string } | null;
  resolved: { by: string; at: string; note: string } | null;
  reopenedAt: string | null;
}

describe('integrity violations: one list, from storage and from reconciliation, with their state', () => {
  let endpoints: PlatformEndpoints;
  let regulatorId: string;
  const token: Record<'regulator' | 'consumer' | 'admin', string> = { regulator: '', consumer: '', admin: '' };
  let assetId: string;
  let storageDb: pg.Client;
  let ciphertextSha256: string | undefined;

  const ours = async (query = '') => {
    const page = await call(endpoints.auditUrl, 'GET', `/audit/violations?limit=200${query}`, token.regulator);
    return { ...page, mine: ((page.body['items'] as Violation[] | undefined) ?? []).filter((v) => v.assetId === assetId) };
  };
  /** The audit consumer records what arrives on Kafka a moment later: polls until `done` holds. */
  const until = async (done: (mine: Violation[]) => boolean, what: string): Promise<Violation[]> => {
    for (let i = 0; i < 300; i++) {
      const { mine } = await ours();
      if (done(mine)) return mine;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the violations list never showed ${what}`);
  };
  const reconcile = async () => expect((await call(endpoints.auditUrl, 'POST', '/audit/reconciliations', token.regulator, { assetIds: [assetId] })).body['violations']).toEqual([expect.objectContaining({ kind: 'record-mismatch' })]);
  const storageReport = (id: string) => ({
    key: assetId,
    headers: { ce_id: id },
    value: JSON.stringify(cloudEvent({ id, source: '/gridledger/storage', type: STORAGE_TOPICS.integrityViolation, subject: assetId, time: new Date(), data: { assetId, cid: null, kind: 'ciphertext-hash-mismatch', expected: 'a'.repeat(64), actual: 'b'.repeat(64), detectedBy: 'download' } })),
  });

  beforeAll(async () => {
    endpoints = startPlatformServices();
    const owner = await onboardUser(endpoints, 'GridMSP', 'owner');
    const regulator = await onboardUser(endpoints, 'RegulatorMSP', 'regulator');
    regulatorId = regulator.id;
    token.regulator = await signIn(endpoints, regulator);
    token.consumer = await signIn(endpoints, await onboardUser(endpoints, 'ConsumerMSP', 'consumer'));
    const admin = endpoints.admins.find((a) => a.mspId === 'GridMSP');
    if (!admin) throw new Error('no GridMSP admin');
    token.admin = await signIn(endpoints, admin);
    const metadata = { title: 'violated load curve', category: 'load-curve', sensitivity: 'internal', priceCredits: 0, policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['research'], maxDurationSeconds: 3600, maxDownloads: 1 } };
    assetId = String((await uploadAndAnchor(endpoints, await signIn(endpoints, owner), metadata, Buffer.from('t,kw\n1,2\n'), 'curve.csv'))['assetId']);
    // a record tampered with in storage's database: reconciliation finds it each time it runs
    storageDb = new pg.Client({ connectionString: serviceDatabaseUrl(loadConnectionConfig(), 'storage') });
    await storageDb.connect();
    ciphertextSha256 = (await storageDb.query<{ ciphertext_sha256: string }>('select ciphertext_sha256 from files where asset_id = $1', [assetId])).rows[0]?.ciphertext_sha256;
    await storageDb.query('update files set ciphertext_sha256 = $2 where asset_id = $1', [assetId, 'f'.repeat(64)]);
  });

  afterAll(async () => {
    if (ciphertextSha256) await storageDb?.query('update files set ciphertext_sha256 = $2 where asset_id = $1', [assetId, ciphertextSha256]);
    await storageDb?.end();
  });

  it('lists each violation once, however often storage or reconciliation reports it', async () => {
    await reconcile();
    await reconcile();
    // storage reports bytes that do not hash to the chain's value twice; the second report is also delivered twice
    const first = randomUUID();
    const second = randomUUID();
    await publishMessages(STORAGE_TOPICS.integrityViolation, [storageReport(first), storageReport(second), storageReport(second)]);
    await until((mine) => mine.some((v) => v.kind === 'record-mismatch' && v.occurrences === 2) && mine.some((v) => v.kind === 'ciphertext-hash-mismatch' && v.occurrences === 2), 'both violations, each reported twice');
    // a moment more for anything that would wrongly come after
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const { status, mine } = await ours();
    expect(status).toBe(200);
    expect(mine).toHaveLength(2);
    expect(mine.find((v) => v.kind === 'record-mismatch')).toMatchObject({ sources: ['reconciliation'], state: 'open', occurrences: 2, acknowledged: null, resolved: null });
    expect(mine.find((v) => v.kind === 'ciphertext-hash-mismatch')).toMatchObject({ sources: ['storage'], state: 'open', occurrences: 2 });
  });

  it('is acknowledged, then resolved, by the regulator with a note, and reopens when found again', async () => {
    const violation = (await ours()).mine.find((v) => v.kind === 'record-mismatch');
    if (!violation) throw new Error('no record-mismatch violation listed');
    const path = (action: string) => `/audit/violations/${violation.id}/${action}`;
    const acknowledged = await call(endpoints.auditUrl, 'POST', path('acknowledge'), token.regulator, { note: 'storage team is checking the record' });
    expect(acknowledged).toMatchObject({ status: 200, body: { id: violation.id, state: 'acknowledged', acknowledged: { by: regulatorId, note: 'storage team is checking the record' } } });
    expect(await call(endpoints.auditUrl, 'POST', path('acknowledge'), token.regulator, { note: 'again' })).toMatchObject({ status: 409, body: { code: 'ALREADY_IN_STATE' } });
    expect(await call(endpoints.auditUrl, 'POST', path('resolve'), token.regulator, { note: '  ' })).toMatchObject({ status: 400, body: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^note: /) } });
    const resolved = await call(endpoints.auditUrl, 'POST', path('resolve'), token.regulator, { note: 'record restored from the chain' });
    expect(resolved).toMatchObject({ status: 200, body: { state: 'resolved', acknowledged: { by: regulatorId }, resolved: { by: regulatorId, note: 'record restored from the chain' } } });
    expect(await call(endpoints.auditUrl, 'POST', path('acknowledge'), token.regulator, { note: 'late' })).toMatchObject({ status: 409, body: { code: 'FAILED_PRECONDITION' } });
    expect((await ours('&state=resolved')).mine.map((v) => v.id)).toEqual([violation.id]);
    expect((await ours('&state=open')).mine.map((v) => v.kind)).toEqual(['ciphertext-hash-mismatch']);

    // the record was not in fact restored: the next run finds it again, and the same violation reopens
    await reconcile();
    const reopened = await until((mine) => mine.some((v) => v.id === violation.id && v.state === 'open'), 'the violation reopened');
    expect(reopened.filter((v) => v.kind === 'record-mismatch')).toEqual([expect.objectContaining({ id: violation.id, occurrences: 3, reopenedAt: expect.any(String), resolved: expect.objectContaining({ by: regulatorId }) })]);
  });

  it('refuses bad input, and everyone but the regulator', async () => {
    expect(await call(endpoints.auditUrl, 'GET', '/audit/violations?state=closed', token.regulator)).toMatchObject({ status: 400, body: { code: 'INVALID_ARGUMENT', message: 'state: must be open, acknowledged or resolved' } });
    expect(await call(endpoints.auditUrl, 'GET', '/audit/violations?after=x', token.regulator)).toMatchObject({ status: 400, body: { code: 'INVALID_ARGUMENT' } });
    expect(await call(endpoints.auditUrl, 'POST', `/audit/violations/${randomUUID()}/resolve`, token.regulator, { note: 'n' })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await call(endpoints.auditUrl, 'POST', '/audit/violations/not-a-uuid/resolve', token.regulator, { note: 'n' })).toMatchObject({ status: 400 });
    const violation = (await ours()).mine[0];
    if (!violation) throw new Error('nothing listed');
    for (const who of ['admin', 'consumer'] as const) {
      expect(await call(endpoints.auditUrl, 'GET', '/audit/violations', token[who])).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      expect(await call(endpoints.auditUrl, 'POST', `/audit/violations/${violation.id}/resolve`, token[who], { note: 'not mine to close' })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    }
    expect(await call(endpoints.auditUrl, 'POST', `/audit/violations/${violation.id}/acknowledge`, undefined, { note: 'n' })).toMatchObject({ status: 401 });
    expect((await ours()).mine.find((v) => v.id === violation.id)?.state).toBe(violation.state);
  });
});
