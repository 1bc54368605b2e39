import type pg from 'pg';
import type { NotificationKind } from '@gridledger/domain';

/** A webhook as its organisation's admins see it: never with its secret. */
export interface WebhookView {
  id: string;
  url: string;
  eventTypes: NotificationKind[];
  createdBy: string;
  createdAt: string;
}

export interface DeliveryView {
  id: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: { attempt: number; startedAt: string; durationMs: number; statusCode: number | null; error: string | null; outcome: string }[];
  nextAttemptAt: string | null;
  createdAt: string;
}

interface WebhookRow { id: string; url: string; event_types: NotificationKind[]; created_by: string; created_at: Date }
const view = (row: WebhookRow): WebhookView => ({ id: row.id, url: row.url, eventTypes: row.event_types, createdBy: row.created_by, createdAt: row.created_at.toISOString() });

export async function insertWebhook(db: pg.Pool, hook: { organisation: string; url: string; eventTypes: readonly NotificationKind[]; secret: string; createdBy: string }): Promise<WebhookView> {
  const { rows } = await db.query<WebhookRow>(
    'insert into webhooks (org_msp, url, event_types, secret, created_by) values ($1, $2, $3, $4, $5) returning id, url, event_types, created_by, created_at',
    [hook.organisation, hook.url, hook.eventTypes, hook.secret, hook.createdBy],
  );
  return view(rows[0] as WebhookRow);
}

export async function listWebhooks(db: pg.Pool, organisation: string): Promise<WebhookView[]> {
  const { rows } = await db.query<WebhookRow>('select id, url, event_types, created_by, created_at from webhooks where org_msp = $1 order by created_at, id', [organisation]);
  return rows.map(view);
}

/** Deletes a webhook of the organisation, and its delivery log with it; false when it has none by that id. */
export async function deleteWebhook(db: pg.Pool, organisation: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query('delete from webhooks where id = $1 and org_msp = $2', [id, organisation]);
  return (rowCount ?? 0) > 0;
}

/** The webhook's latest deliveries with every attempt; null when the organisation has no webhook by that id. */
export async function listDeliveries(db: pg.Pool, organisation: string, id: string, limit: number): Promise<DeliveryView[] | null> {
  const { rowCount } = await db.query('select 1 from webhooks where id = $1 and org_msp = $2', [id, organisation]);
  if (!rowCount) return null;
  const { rows } = await db.query<{ id: string; event_type: string; status: DeliveryView['status']; next_attempt_at: Date; created_at: Date; attempts: DeliveryView['attempts'] | null }>(
    `select d.id, d.event_type, d.status, d.next_attempt_at, d.created_at,
            (select json_agg(json_build_object('attempt', a.attempt, 'startedAt', a.started_at, 'durationMs', a.duration_ms, 'statusCode', a.status_code, 'error', a.error, 'outcome', a.outcome) order by a.attempt)
               from webhook_attempts a where a.delivery_id = d.id) as attempts
       from webhook_deliveries d where d.webhook_id = $1 order by d.created_at desc, d.id limit $2`,
    [id, limit],
  );
  return rows.map((row) => ({
    id: row.id, eventType: row.event_type, status: row.status, attempts: row.attempts ?? [],
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null, createdAt: row.created_at.toISOString(),
  }));
}
