import { HttpException, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { AuditDatabase } from '../database/audit-database.ts';
import { afterSighting, transition, type Sighting, type ViolationAction, type ViolationSource, type ViolationState } from './violation-state.ts';

/** An integrity violation as the regulator sees it. */
export interface Violation {
  id: string;
  assetId: string;
  kind: string;
  sources: ViolationSource[];
  where: string;
  expected: string | null;
  actual: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  /** how many reports of it arrived (each event once) */
  occurrences: number;
  state: ViolationState;
  acknowledged: { by: string; at: string; note: string } | null;
  resolved: { by: string; at: string; note: string } | null;
  reopenedAt: string | null;
}

interface Row {
  id: string; asset_id: string; kind: string; sources: ViolationSource[]; where_found: string; expected: string | null; actual: string | null; first_seen_at: Date; last_seen_at: Date;
  occurrences: number; state: ViolationState; acknowledged_by: string | null; acknowledged_at: Date | null; acknowledged_note: string | null;
  resolved_by: string | null; resolved_at: Date | null; resolved_note: string | null; reopened_at: Date | null;
}

const decision = (by: string | null, at: Date | null, note: string | null) => (by && at ? { by, at: at.toISOString(), note: note ?? '' } : null);

const toViolation = (row: Row): Violation => ({
  id: row.id, assetId: row.asset_id, kind: row.kind, sources: row.sources, where: row.where_found, expected: row.expected, actual: row.actual,
  firstSeenAt: row.first_seen_at.toISOString(), lastSeenAt: row.last_seen_at.toISOString(), occurrences: row.occurrences, state: row.state,
  acknowledged: decision(row.acknowledged_by, row.acknowledged_at, row.acknowledged_note), resolved: decision(row.resolved_by, row.resolved_at, row.resolved_note),
  reopenedAt: row.reopened_at?.toISOString() ?? null,
});

@Injectable()
export class ViolationsRepository {
  constructor(private readonly database: AuditDatabase) {}

  /**
   * Records a report in the consumer's transaction: a new violation, or one more sighting of the
   * one already kept for that asset and kind (the row is locked, so two reports at once count twice, not once).
   */
  async record(tx: pg.ClientBase, sighting: Sighting): Promise<void> {
    const inserted = await tx.query(
      `insert into integrity_violations (asset_id, kind, sources, where_found, expected, actual, first_seen_at, last_seen_at, occurrences, last_event_id)
       values ($1, $2, array[$3::text], $4, $5, $6, $7, $7, 1, $8) on conflict (asset_id, kind) do nothing`,
      [sighting.assetId, sighting.kind, sighting.source, sighting.where, sighting.expected, sighting.actual, sighting.seenAt, sighting.eventId],
    );
    if (inserted.rowCount === 1) return;
    const { rows } = await tx.query<Pick<Row, 'id' | 'state' | 'resolved_at'>>('select id, state, resolved_at from integrity_violations where asset_id = $1 and kind = $2 for update', [sighting.assetId, sighting.kind]);
    const current = rows[0];
    if (!current) throw new Error(`integrity violation ${sighting.assetId}/${sighting.kind} vanished while being recorded`);
    const effect = afterSighting(current.state, current.resolved_at?.toISOString() ?? null, sighting.seenAt);
    await tx.query(
      `update integrity_violations set
         sources = case when $2::text = any(sources) then sources else array_append(sources, $2::text) end,
         where_found = $3, expected = $4, actual = $5,
         first_seen_at = least(first_seen_at, $6::timestamptz), last_seen_at = greatest(last_seen_at, $6::timestamptz),
         occurrences = occurrences + 1, last_event_id = $7, state = $8,
         reopened_at = case when $9::boolean then now() else reopened_at end
       where id = $1`,
      [current.id, sighting.source, sighting.where, sighting.expected, sighting.actual, sighting.seenAt, sighting.eventId, effect.state, effect.reopened],
    );
  }

  /** Newest first (by when it was first found), a page at a time; `after` is the previous page's `next`. */
  async list(filter: { state?: ViolationState | undefined; limit: number; after?: { firstSeenAt: string; id: string } | undefined }): Promise<Violation[]> {
    const params: unknown[] = [filter.state ?? null];
    let keyset = '';
    if (filter.after) {
      params.push(filter.after.firstSeenAt, filter.after.id);
      keyset = 'and (first_seen_at, id) < ($2, $3)';
    }
    params.push(filter.limit);
    const { rows } = await this.database.pool.query<Row>(
      `select * from integrity_violations where ($1::text is null or state = $1) ${keyset} order by first_seen_at desc, id desc limit $${params.length}`,
      params,
    );
    return rows.map(toViolation);
  }

  /** The regulator acknowledges or resolves, with a note; who and when are recorded. */
  async decide(id: string, action: ViolationAction, by: string, note: string): Promise<Violation> {
    return this.database.transaction(async (tx) => {
      const { rows } = await tx.query<Pick<Row, 'state'>>('select state from integrity_violations where id = $1 for update', [id]);
      const current = rows[0];
      if (!current) throw new HttpException({ statusCode: 404, code: 'NOT_FOUND', message: `there is no integrity violation ${id}` }, 404);
      const next = transition(current.state, action);
      if ('refusal' in next) throw new HttpException({ statusCode: next.refusal.status, code: next.refusal.code, message: next.refusal.message }, next.refusal.status);
      const column = action === 'acknowledge' ? 'acknowledged' : 'resolved';
      const { rows: updated } = await tx.query<Row>(
        `update integrity_violations set state = $2, ${column}_by = $3, ${column}_at = now(), ${column}_note = $4 where id = $1 returning *`,
        [id, next.to, by, note],
      );
      const row = updated[0];
      if (!row) throw new Error(`integrity violation ${id} vanished while being decided`);
      return toViolation(row);
    });
  }
}
