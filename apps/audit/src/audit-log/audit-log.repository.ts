import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { AuditDatabase } from '../database/audit-database.ts';
import type { AuditEntry } from './audit-entry.ts';

export interface AuditFilter {
  assetId?: string;
  userId?: string;
  org?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** the last row of the previous page: "occurredAt|eventId" */
  after?: { occurredAt: string; eventId: string };
}

interface Row {
  event_id: string; topic: string; action: string; service: string; subject: string; occurred_at: Date; actor_uid: string | null; actor_msp: string | null;
  actor_role: string | null; asset_id: string | null; request_id: string | null; tx_id: string | null; block_number: string | null; data: Record<string, unknown>;
}

const toEntry = (row: Row): AuditEntry => ({
  eventId: row.event_id, topic: row.topic, action: row.action, service: row.service, subject: row.subject, occurredAt: row.occurred_at.toISOString(),
  actorUid: row.actor_uid, actorMsp: row.actor_msp, actorRole: row.actor_role, assetId: row.asset_id, requestId: row.request_id, txId: row.tx_id,
  blockNumber: row.block_number, data: row.data,
});

/** The counters on the ops and regulator dashboards, and the actions that feed each. */
export const COUNTED_ACTIONS: Record<string, string[]> = {
  uploads: ['storage.file-stored'],
  requests: ['chain.access-requested'],
  approvals: ['chain.request-owner-approved', 'chain.access-granted'],
  downloads: ['chain.download-recorded'],
  violations: ['storage.integrity-violation'],
};

/** The filter as SQL conditions with numbered parameters (values never enter the SQL text). */
function whereOf(filter: Omit<AuditFilter, 'limit' | 'after'>): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.assetId) add('asset_id = ?', filter.assetId);
  if (filter.userId) add('actor_uid = ?', filter.userId);
  if (filter.org) add('actor_msp = ?', filter.org);
  if (filter.action) add('action = ?', filter.action);
  if (filter.from) add('occurred_at >= ?', filter.from);
  if (filter.to) add('occurred_at < ?', filter.to);
  return { where, params };
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly database: AuditDatabase) {}

  /**
   * Appends entries in one statement (a consumed batch costs one round trip, not one per event);
   * an event id already recorded adds nothing.
   */
  async append(db: pg.ClientBase, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <K extends keyof AuditEntry>(key: K) => entries.map((entry) => entry[key]);
    await db.query(
      `insert into audit_log (event_id, topic, action, service, subject, occurred_at, actor_uid, actor_msp, actor_role, asset_id, request_id, tx_id, block_number, data)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[],
                            $10::text[], $11::text[], $12::text[], $13::bigint[], $14::jsonb[])
       on conflict (event_id) do nothing`,
      [column('eventId'), column('topic'), column('action'), column('service'), column('subject'), column('occurredAt'), column('actorUid'), column('actorMsp'),
        column('actorRole'), column('assetId'), column('requestId'), column('txId'), column('blockNumber'), entries.map((entry) => JSON.stringify(entry.data))],
    );
  }

  /** Newest first, a page at a time (keyset: stable while new events arrive). */
  async search(filter: AuditFilter): Promise<AuditEntry[]> {
    const { where, params } = whereOf(filter);
    if (filter.after) {
      params.push(filter.after.occurredAt, filter.after.eventId);
      where.push(`(occurred_at, event_id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(filter.limit);
    const { rows } = await this.database.pool.query<Row>(
      `select * from audit_log ${where.length ? `where ${where.join(' and ')}` : ''} order by occurred_at desc, event_id desc limit $${params.length}`,
      params,
    );
    return rows.map(toEntry);
  }

  /**
   * Oldest first, the page after `after` (keyset on the (occurred_at, event_id) index): an export
   * reads page after page of these, so it never holds more than one page, and each query is as
   * fast at row 1 000 000 as at row 1.
   */
  async exportPage(filter: Omit<AuditFilter, 'limit' | 'after'>, after: { occurredAt: string; eventId: string } | null, limit: number): Promise<AuditEntry[]> {
    const { where, params } = whereOf(filter);
    if (after) {
      params.push(after.occurredAt, after.eventId);
      where.push(`(occurred_at, event_id) > ($${params.length - 1}, $${params.length})`);
    }
    params.push(limit);
    const { rows } = await this.database.pool.query<Row>(
      `select * from audit_log ${where.length ? `where ${where.join(' and ')}` : ''} order by occurred_at, event_id limit $${params.length}`,
      params,
    );
    return rows.map(toEntry);
  }

  /** Everything that happened to an asset, oldest first: the lineage read model. */
  async forAsset(assetId: string): Promise<AuditEntry[]> {
    const { rows } = await this.database.pool.query<Row>('select * from audit_log where asset_id = $1 order by occurred_at, event_id', [assetId]);
    return rows.map(toEntry);
  }

  /** Counts per hour for the last `hours` hours, by counter. */
  async counters(hours: number, org?: string): Promise<{ hour: string; counts: Record<string, number> }[]> {
    const { rows } = await this.database.pool.query<{ hour: Date; action: string; n: string }>(
      `select date_trunc('hour', occurred_at) as hour, action, count(*)::text as n from audit_log
       where occurred_at >= date_trunc('hour', now()) - make_interval(hours => $1) and action = any($2) and ($3::text is null or actor_msp = $3)
       group by 1, 2 order by 1`,
      [hours - 1, Object.values(COUNTED_ACTIONS).flat(), org ?? null],
    );
    const byHour = new Map<string, Record<string, number>>();
    for (const row of rows) {
      const hour = row.hour.toISOString();
      const counts = byHour.get(hour) ?? Object.fromEntries(Object.keys(COUNTED_ACTIONS).map((k) => [k, 0]));
      for (const [counter, actions] of Object.entries(COUNTED_ACTIONS)) if (actions.includes(row.action)) counts[counter] = (counts[counter] ?? 0) + Number(row.n);
      byHour.set(hour, counts);
    }
    return [...byHour.entries()].map(([hour, counts]) => ({ hour, counts }));
  }
}
