import { randomUUID } from 'node:crypto';
import { loadConnectionConfig, type PlatformEndpoints, serviceDatabaseUrl } from '@gridledger/stack-connection';
import { onboardUser, signIn, startPlatformServices, type PlatformUser } from '@gridledger/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Entry {
  eventId: string;
  action: string;
  actorUid: string | null;
  actorMsp: string | null;
  assetId: string | null;
  txId: string | null;
  occurredAt: string;
}

describe('audit service: every event of the platform, searchable by supervisors', () => {
  let endpoints: PlatformEndpoints;
  let owner: PlatformUser;
  let regulatorToken: string;
  let consumerToken: string;
  let gridAdminToken: string;
  let assetId: string;
  let auditDb: pg.Pool;

  const get = async (path: string, token?: string) => {
    const response = await fetch(`${endpoints.auditUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', text, body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : {}) as Record<string, unknown> };
  };

  /** Polls the log until `done` holds: the audit consumer runs behind the services. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
    for (let i = 0; i < 150; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the audit log never showed ${what}`);
  };

  beforeAll(async () => {
    endpoints = startPlatformServices();
    owner = await onboardUser(endpoints, 'GridMSP', 'owner');
    const regulator = await onboardUser(endpoints, 'RegulatorMSP', 'regulator');
    const consumer = await onboardUser(endpoints, 'ConsumerMSP', 'consumer');
    regulatorToken = await signIn(endpoints, regulator);
    consumerToken = await signIn(endpoints, consumer);
    const admin = endpoints.admins.find((a) => a.mspId === 'GridMSP');
    if (!admin) throw new Error('no GridMSP admin');
    gridAdminToken = await signIn(endpoints, admin);
    auditDb = new pg.Pool({ connectionString: serviceDatabaseUrl(loadConnectionConfig(), 'audit'), max: 2 });

    // something worth auditing: an owner stores a file, the chain registers it
    const boundary = `----audit-${randomUUID()}`;
    const metadata = { title: 'audited load curve', category: 'load-curve', sensitivity: 'internal', priceCredits: 0, policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['research'], maxDurationSeconds: 3600, maxDownloads: 1 } };
    const body = `--${boundary}\r\ncontent-disposition: form-data; name="metadata"\r\n\r\n${JSON.stringify(metadata)}\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="curve.csv"\r\ncontent-type: text/csv\r\n\r\nt,kw\n1,2\n\r\n--${boundary}--\r\n`;
    const stored = await fetch(`${endpoints.storageUrl}/files`, { method: 'POST', headers: { authorization: `Bearer ${await signIn(endpoints, owner)}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
    expect(stored.status).toBe(201);
    assetId = ((await stored.json()) as { assetId: string }).assetId;
  });

  afterAll(async () => {
    await auditDb?.end();
  });

  it("records each event once, with who did it and in which transaction", async () => {
    const actions = ['storage.file-stored', 'chain.asset-registered', 'storage.file-anchored'];
    const { body } = await eventually(() => get(`/audit/events?assetId=${assetId}`, regulatorToken), (r) => actions.every((a) => (r.body['entries'] as Entry[] | undefined)?.some((e) => e.action === a)), 'the upload');
    const entries = body['entries'] as Entry[];
    expect(new Set(entries.map((e) => e.eventId)).size).toBe(entries.length);
    expect(entries.filter((e) => e.action === 'chain.asset-registered')).toHaveLength(1);
    expect(entries.find((e) => e.action === 'chain.asset-registered')).toMatchObject({ actorUid: owner.id, actorMsp: 'GridMSP', txId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // newest first
    expect([...entries].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)).map((e) => e.eventId)).toEqual(entries.map((e) => e.eventId));
  });

  it("shows an asset's lineage as a timeline and as graph data", async () => {
    const { body } = await eventually(() => get(`/audit/assets/${assetId}/lineage`, regulatorToken), (r) => r.status === 200 && (r.body['timeline'] as Entry[]).length >= 3, 'the lineage');
    const timeline = body['timeline'] as Entry[];
    expect(timeline[0]?.action).toBe('storage.file-stored');
    const graph = body['graph'] as { nodes: { id: string }[]; edges: { from: string; to: string; action: string }[] };
    expect(graph.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([`asset:${assetId}`, `user:GridMSP:${owner.id}`, 'org:GridMSP']));
    expect(graph.edges).toContainEqual(expect.objectContaining({ from: `user:GridMSP:${owner.id}`, to: `asset:${assetId}`, action: 'chain.asset-registered' }));
  });

  it('serves regulators everything, admins their organisation, and nobody else', async () => {
    expect((await get('/audit/events', consumerToken)).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await get('/audit/events')).body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    const asAdmin = await get('/audit/events?org=RegulatorMSP&limit=200', gridAdminToken);
    const seen = (asAdmin.body['entries'] as Entry[]).map((e) => e.actorMsp);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((msp) => msp === 'GridMSP')).toBe(true);
    expect((await get('/audit/events?limit=9999', regulatorToken)).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT', message: expect.stringContaining('limit') });
  });

  it('counts per hour and exports a CSV report', async () => {
    const counters = (await get('/audit/counters?hours=2', regulatorToken)).body as unknown as { hour: string; counts: Record<string, number> }[];
    expect(counters.reduce((sum, h) => sum + (h.counts['uploads'] ?? 0), 0)).toBeGreaterThanOrEqual(1);
    const report = await get(`/audit/events?assetId=${assetId}&format=csv`, regulatorToken);
    expect(report.type).toContain('text/csv');
    const lines = report.text.trim().split('\r\n');
    expect(lines[0]).toBe('occurredAt,action,service,actorUid,actorMsp,actorRole,assetId,requestId,txId,blockNumber,eventId');
    expect(lines.slice(1).every((line) => line.includes(assetId))).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(4);
  });

  it('answers bad input in the platform\'s one shape: a malformed cursor, malformed JSON, an unknown asset', async () => {
    expect((await get('/audit/events?after=not-a-date|x', regulatorToken)).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^after: /) });
    const post = (body: string) =>
      fetch(`${endpoints.auditUrl}/audit/reconciliations`, { method: 'POST', headers: { authorization: `Bearer ${regulatorToken}`, 'content-type': 'application/json' }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    expect(await post('{"assetIds": [')).toMatchObject({ status: 400, body: { statusCode: 400, code: 'INVALID_JSON' } });
    expect(await post(JSON.stringify({ assetIds: [`no-such-asset-${randomUUID()}`] }))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', message: expect.stringMatching(/neither the chain nor storage knows asset/) } });
  });

  it('keeps the log append-only: updates and deletes are refused and change nothing', async () => {
    const before = await auditDb.query<{ n: string }>('select count(*)::text as n from audit_log where asset_id = $1', [assetId]);
    await expect(auditDb.query("update audit_log set action = 'forged' where asset_id = $1", [assetId])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(auditDb.query('delete from audit_log where asset_id = $1', [assetId])).rejects.toThrow(/append-only: DELETE refused/);
    const after = await auditDb.query<{ n: string; forged: string }>("select count(*)::text as n, count(*) filter (where action = 'forged')::text as forged from audit_log where asset_id = $1", [assetId]);
    expect(after.rows[0]).toEqual({ n: before.rows[0]?.n, forged: '0' });
  });
});
