import type pg from 'pg';
import type { NotificationKind } from '@gridledger/domain';
import type { Notice } from './recipients.ts';

/** The channel a committed notification is announced on, to every replica's open streams. */
export const NOTIFICATION_CHANNEL = 'gridledger_notifications';

/** What a reader sees. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  assetId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}

/** Who is reading: a user, and whether they are one of the regulators. */
export interface Reader {
  uid: string;
  regulator: boolean;
}

/** An announcement on NOTIFICATION_CHANNEL: which audience has something new. */
export interface Announcement {
  id: string;
  uid: string | null;
}

/**
 * Records a notice, once per event and audience: a redelivered event finds it there and adds
 * nothing. Returns the new row's id, or null when it was already recorded. The announcement is
 * sent by PostgreSQL at commit, so a stream never shows a notification that was rolled back.
 */
export async function recordNotice(tx: pg.ClientBase, eventId: string, notice: Notice): Promise<string | null> {
  const uid = notice.audience === 'regulators' ? null : notice.audience.uid;
  const msp = notice.audience === 'regulators' ? null : notice.audience.mspId;
  const { rows } = await tx.query<{ id: string }>(
    `insert into notifications (event_id, kind, audience, recipient_uid, recipient_msp, asset_id, request_id, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (event_id, kind, audience, coalesce(recipient_uid, '')) do nothing returning id`,
    [eventId, notice.kind, uid ? 'user' : 'regulators', uid, msp, notice.assetId, notice.requestId, JSON.stringify(notice.details)],
  );
  const id = rows[0]?.id ?? null;
  if (id) await tx.query('select pg_notify($1, $2)', [NOTIFICATION_CHANNEL, JSON.stringify({ id, uid } satisfies Announcement)]);
  return id;
}

/** Notifications the reader may see: their own, and the regulators' if they are one. */
const VISIBLE = `(n.audience = 'user' and n.recipient_uid = $1) or (n.audience = 'regulators' and $2::boolean)`;

export async function listNotifications(db: pg.ClientBase | pg.Pool, reader: Reader, limit: number): Promise<NotificationView[]> {
  const { rows } = await db.query<{ id: string; kind: NotificationKind; asset_id: string | null; request_id: string | null; details: Record<string, unknown>; created_at: Date; read: boolean }>(
    `select n.id, n.kind, n.asset_id, n.request_id, n.details, n.created_at,
            exists (select 1 from notification_reads r where r.notification_id = n.id and r.reader_uid = $1) as read
       from notifications n where ${VISIBLE} order by n.created_at desc, n.id limit $3`,
    [reader.uid, reader.regulator, limit],
  );
  return rows.map((row) => ({ id: row.id, kind: row.kind, assetId: row.asset_id, requestId: row.request_id, details: row.details, createdAt: row.created_at.toISOString(), read: row.read }));
}

export async function findNotification(db: pg.Pool, reader: Reader, id: string): Promise<NotificationView | null> {
  const { rows } = await db.query<{ id: string; kind: NotificationKind; asset_id: string | null; request_id: string | null; details: Record<string, unknown>; created_at: Date }>(
    `select n.id, n.kind, n.asset_id, n.request_id, n.details, n.created_at from notifications n where n.id = $3 and (${VISIBLE})`,
    [reader.uid, reader.regulator, id],
  );
  const row = rows[0];
  return row ? { id: row.id, kind: row.kind, assetId: row.asset_id, requestId: row.request_id, details: row.details, createdAt: row.created_at.toISOString(), read: false } : null;
}

export async function unreadCount(db: pg.Pool, reader: Reader): Promise<number> {
  const { rows } = await db.query<{ count: string }>(
    `select count(*) from notifications n where (${VISIBLE})
        and not exists (select 1 from notification_reads r where r.notification_id = n.id and r.reader_uid = $1)`,
    [reader.uid, reader.regulator],
  );
  return Number(rows[0]?.count ?? 0);
}

/** Marks one notification read; false when the reader may not see it (or it does not exist). */
export async function markRead(db: pg.Pool, reader: Reader, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into notification_reads (notification_id, reader_uid)
     select n.id, $1 from notifications n where n.id = $3 and (${VISIBLE})
     on conflict do nothing`,
    [reader.uid, reader.regulator, id],
  );
  if (rowCount) return true;
  return (await findNotification(db, reader, id)) !== null;
}

export async function markAllRead(db: pg.Pool, reader: Reader): Promise<number> {
  const { rowCount } = await db.query(
    `insert into notification_reads (notification_id, reader_uid)
     select n.id, $1 from notifications n where ${VISIBLE}
     on conflict do nothing`,
    [reader.uid, reader.regulator],
  );
  return rowCount ?? 0;
}

/** An asset's owner, from the read model; null when this service has not seen the asset. */
export async function assetOwner(db: pg.ClientBase, assetId: string): Promise<{ uid: string; mspId: string } | null> {
  const { rows } = await db.query<{ owner_uid: string; owner_msp: string }>('select owner_uid, owner_msp from assets where asset_id = $1', [assetId]);
  const row = rows[0];
  return row ? { uid: row.owner_uid, mspId: row.owner_msp } : null;
}

/** A request's consumer, from the read model; null when this service has not seen the request. */
export async function requestConsumer(db: pg.ClientBase, requestId: string): Promise<{ uid: string; mspId: string } | null> {
  const { rows } = await db.query<{ consumer_uid: string; consumer_msp: string }>('select consumer_uid, consumer_msp from requests where request_id = $1', [requestId]);
  const row = rows[0];
  return row ? { uid: row.consumer_uid, mspId: row.consumer_msp } : null;
}
