import { randomUUID } from 'node:crypto';
import { loadConnectionConfig, type PlatformEndpoints, serviceDatabaseUrl } from '@gridledger/stack-connection';
import { onboardUser, signIn, startPlatformServices } from '@gridledger/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROWS = 1203;
const T0 = Date.parse('2021-03-01T00:00:00.000Z');
const at = (second: number) => new Date(T0 + second * 1000).toISOString();
const HEADER = 'occurredAt,action,service,actorUid,actorMsp,actorRole,assetId,requestId,txId,blockNumber,eventId';

describe('audit exports: every matching row, streamed, with no cap', () => {
  let endpoints: PlatformEndpoints;
  let regulatorToken: string;
  let consumerToken: string;
  let auditDb: pg.Pool;
  // an asset of its own, so the rows this test writes are the only ones that match
  const assetId = `export-${randomUUID()}`;

  const get = async (url: string, token?: string) => {
    const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: (/^application\/json(;|$)/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const exportOf = (params: Record<string, string>, token = regulatorToken) => get(`${endpoints.auditUrl}/audit/exports?${new URLSearchParams({ assetId, ...params })}`, token);

  beforeAll(async () => {
    endpoints = startPlatformServices();
    regulatorToken = await signIn(endpoints, await onboardUser(endpoints, 'RegulatorMSP', 'regulator'));
    consumerToken = await signIn(endpoints, await onboardUser(endpoints, 'ConsumerMSP', 'consumer'));
    auditDb = new pg.Pool({ connectionString: serviceDatabaseUrl(loadConnectionConfig(), 'audit'), max: 2 });
    // more than the 500 a report used to stop at, one a second, with values a spreadsheet or a naive CSV writer would trip on
    await auditDb.query(
      `insert into audit_log (event_id, topic, action, service, subject, occurred_at, actor_uid, actor_msp, actor_role, asset_id, data)
       select $1 || '-' || lpad(i::text, 5, '0'), 'gridledger.test.export-row.v1', 'test.export-row', 'test', 'line one' || chr(10) || 'line two',
              $2::timestamptz + make_interval(secs => i), '=HYPERLINK("http://evil")', 'Grid,MSP', '@role', $1, jsonb_build_object('i', i, 'note', 'say "hi"' || chr(10))
       from generate_series(0, $3 - 1) as i`,
      [assetId, at(0), ROWS],
    );
  });

  afterAll(async () => {
    await auditDb?.end();
  });

  it('exports all of them as CSV, oldest first, escaped and defused', async () => {
    const csv = await exportOf({ format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="gridledger-audit-start-\d{8}T\d{6}Z\.csv"$/);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(ROWS);
    expect(rows[0]).toBe(`${at(0)},test.export-row,test,"'=HYPERLINK(""http://evil"")","Grid,MSP",'@role,${assetId},,,,${assetId}-00000`);
    expect(rows.map((r) => r.split(',').at(-1))).toEqual(Array.from({ length: ROWS }, (_, i) => `${assetId}-${String(i).padStart(5, '0')}`));
  });

  it('exports all of them as JSON Lines, each entry whole on its line', async () => {
    const jsonl = await exportOf({ format: 'jsonl' });
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toMatch(/^application\/jsonl; charset=utf-8/);
    expect(jsonl.headers.get('content-disposition')).toMatch(/\.jsonl"$/);
    const lines = jsonl.text.split('\n');
    expect(lines.at(-1)).toBe('');
    const entries = lines.slice(0, -1).map((line) => JSON.parse(line) as { eventId: string; subject: string; data: { i: number; note: string } });
    expect(entries).toHaveLength(ROWS);
    expect(entries[0]).toMatchObject({ eventId: `${assetId}-00000`, subject: 'line one\nline two', actorRole: '@role', data: { i: 0, note: 'say "hi"\n' } });
    expect(entries.map((e) => e.data.i)).toEqual(Array.from({ length: ROWS }, (_, i) => i));
  });

  it('keeps to the time range: from inclusive, to exclusive', async () => {
    const csv = await exportOf({ from: at(100), to: at(700) });
    const rows = csv.text.split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(600);
    expect(rows[0]?.startsWith(`${at(100)},`)).toBe(true);
    expect(rows.at(-1)?.startsWith(`${at(699)},`)).toBe(true);
    const tail = (await exportOf({ format: 'jsonl', from: at(1200) })).text.trim().split('\n');
    expect(tail).toHaveLength(3);
  });

  it('refuses bad input with 400, a code and a sentence, and anyone but a supervisor', async () => {
    expect((await exportOf({ from: at(10), to: at(5) })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT', message: 'from: from must not be after to' });
    expect((await exportOf({ from: 'last tuesday' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^from: /) });
    expect((await exportOf({ format: 'xlsx' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT', message: 'format: must be csv or jsonl' });
    expect((await exportOf({ limit: '10' })).status).toBe(400);
    expect((await exportOf({}, consumerToken)).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await get(`${endpoints.auditUrl}/audit/exports?assetId=${assetId}`)).body).toMatchObject({ statusCode: 401 });
  });

  it('makes a single-use link a browser follows through the public entry without a bearer header', async () => {
    const asked = await fetch(`${endpoints.auditUrl}/audit/exports/links`, { method: 'POST', headers: { authorization: `Bearer ${regulatorToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ assetId, format: 'jsonl' }) });
    expect(asked.status).toBe(201);
    const { path, expiresAt } = (await asked.json()) as { path: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(61_000);
    const followed = await get(`${endpoints.webUrl}/api/audit${path}`);
    expect(followed.status).toBe(200);
    expect(followed.text.trim().split('\n')).toHaveLength(ROWS);
    expect(await get(`${endpoints.webUrl}/api/audit${path}`)).toMatchObject({ status: 403, body: { code: 'TICKET_SPENT' } });
    expect(await get(`${endpoints.auditUrl}/audit/exports/links/${'A'.repeat(43)}`)).toMatchObject({ status: 404, body: { code: 'TICKET_NOT_FOUND' } });
    const bad = await fetch(`${endpoints.auditUrl}/audit/exports/links`, { method: 'POST', headers: { authorization: `Bearer ${regulatorToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ format: 'pdf' }) });
    expect(bad.status).toBe(400);
  });

  it('the search\'s CSV report is the whole export too, no longer one page', async () => {
    const report = await get(`${endpoints.auditUrl}/audit/events?assetId=${assetId}&format=csv`, regulatorToken);
    expect(report.text.split('\r\n').slice(1, -1)).toHaveLength(ROWS);
  });
});
