import type pg from 'pg';
import type { Notice } from '../notifications/recipients.ts';

/** What a webhook receives: the notice, its organisation and its ids; the receiver dedupes on `id`. */
export interface DeliveryBody {
  id: string;
  type: string;
  organisation: string;
  occurredAt: string;
  assetId: string | null;
  requestId: string | null;
  details: Notice['details'];
}

/**
 * Queues a delivery of a new notification to each of the organisation's webhooks that subscribed to
 * its kind, in the notification's transaction: the table is the webhooks' outbox.
 */
export async function enqueueDeliveries(tx: pg.ClientBase, organisation: string, notificationId: string, notice: Notice, occurredAt: string): Promise<number> {
  const { rows } = await tx.query<{ id: string }>('select id from webhooks where org_msp = $1 and $2 = any(event_types)', [organisation, notice.kind]);
  for (const webhook of rows) {
    const body: DeliveryBody = { id: notificationId, type: notice.kind, organisation, occurredAt, assetId: notice.assetId, requestId: notice.requestId, details: notice.details };
    await tx.query(
      'insert into webhook_deliveries (webhook_id, notification_id, event_type, body) values ($1, $2, $3, $4) on conflict (webhook_id, notification_id) do nothing',
      [webhook.id, notificationId, notice.kind, JSON.stringify(body)],
    );
  }
  return rows.length;
}

/** A delivery that is due, with what sending it needs. */
export interface DueDelivery {
  id: string;
  url: string;
  secret: string;
  body: string;
  attempts: number;
}

export async function dueDeliveries(db: pg.Pool, limit: number): Promise<DueDelivery[]> {
  const { rows } = await db.query<DueDelivery>(
    `select d.id, w.url, w.secret, d.body, d.attempts from webhook_deliveries d join webhooks w on w.id = d.webhook_id
      where d.status = 'pending' and d.next_attempt_at <= now() order by d.next_attempt_at limit $1`,
    [limit],
  );
  return rows;
}

/** One attempt's outcome, and the delivery's next state, in one transaction. */
export async function recordAttempt(tx: pg.ClientBase, delivery: DueDelivery, attempt: { startedAt: Date; durationMs: number; statusCode: number | null; error: string | null }, next: { outcome: 'delivered' | 'dead' } | { outcome: 'retry'; delayMs: number }): Promise<void> {
  const number = delivery.attempts + 1;
  await tx.query(
    'insert into webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, outcome) values ($1, $2, $3, $4, $5, $6, $7)',
    [delivery.id, number, attempt.startedAt, attempt.durationMs, attempt.statusCode, attempt.error, next.outcome],
  );
  await tx.query(
    `update webhook_deliveries set attempts = $2, status = $3, updated_at = now(),
            next_attempt_at = case when $3 = 'pending' then now() + make_interval(secs => $4::double precision / 1000) else next_attempt_at end
      where id = $1`,
    [delivery.id, number, next.outcome === 'retry' ? 'pending' : next.outcome, next.outcome === 'retry' ? next.delayMs : 0],
  );
}
