import { createTestDatabase, type TestDatabase } from '@gridledger/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSchema } from '@gridledger/messaging';
import { AUDIT_MIGRATIONS } from '../src/database/audit-migrations.ts';
import { AuditBaselineSchema1765000000000 } from '../src/database/migrations/0001-baseline-schema.ts';

/** On a scratch database: the migration that brings the violations list folds in the violations the log held before it existed. */
describe('integrity violations recorded before the list existed', () => {
  let database: TestDatabase;
  let db: pg.Client;
  const migrate = (migrations: typeof AUDIT_MIGRATIONS) => migrateSchema({ connectionString: database.url, migrations, logger: { warn: () => undefined, log: () => undefined } });

  const logged = (eventId: string, action: string, at: string, data: Record<string, unknown>) =>
    db.query(`insert into audit_log (event_id, topic, action, service, subject, occurred_at, asset_id, data) values ($1, $2, $3, 's', 'a', $4, $5, $6)`, [eventId, `gridledger.${action}.v1`, action, at, data['assetId'], JSON.stringify(data)]);

  beforeAll(async () => {
    database = await createTestDatabase('audit');
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    // the schema as it was before the list: the log alone
    await migrate([AuditBaselineSchema1765000000000]);
  });

  afterAll(async () => {
    await db?.end();
    await database?.drop();
  });

  it('folds them into one row per asset and kind when the list arrives, and only then', async () => {
    await logged('e1', 'storage.integrity-violation', '2026-11-01T10:00:00Z', { assetId: 'a-1', kind: 'ciphertext-hash-mismatch', expected: 'x', actual: 'y', cid: null, detectedBy: 'download' });
    await logged('e2', 'audit.integrity-violation', '2026-11-01T11:00:00Z', { runId: 'r1', assetId: 'a-1', kind: 'record-mismatch', where: 'storage', expected: 'p', actual: 'q1' });
    await logged('e3', 'audit.integrity-violation', '2026-11-01T12:00:00Z', { runId: 'r2', assetId: 'a-1', kind: 'record-mismatch', where: 'storage', expected: 'p', actual: 'q2' });
    await logged('e4', 'storage.file-stored', '2026-11-01T09:00:00Z', { assetId: 'a-1' });
    expect(await migrate(AUDIT_MIGRATIONS)).toEqual(['IntegrityViolations1765100000000']);
    const { rows } = await db.query('select asset_id, kind, sources, where_found, actual, occurrences, last_event_id, state from integrity_violations order by kind');
    expect(rows).toEqual([
      { asset_id: 'a-1', kind: 'ciphertext-hash-mismatch', sources: ['storage'], where_found: 'storage', actual: 'y', occurrences: 1, last_event_id: 'e1', state: 'open' },
      { asset_id: 'a-1', kind: 'record-mismatch', sources: ['reconciliation'], where_found: 'storage', actual: 'q2', occurrences: 2, last_event_id: 'e3', state: 'open' },
    ]);
    // later starts leave the list to the consumer: nothing is counted twice
    await logged('e5', 'audit.integrity-violation', '2026-11-01T13:00:00Z', { runId: 'r3', assetId: 'a-2', kind: 'not-pinned', where: 'ipfs', expected: 'bafy', actual: null });
    expect(await migrate(AUDIT_MIGRATIONS)).toEqual([]);
    expect((await db.query('select count(*)::int as n, sum(occurrences)::int as total from integrity_violations')).rows[0]).toEqual({ n: 2, total: 3 });
  });
});
