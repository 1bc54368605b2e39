import type pg from 'pg';
import type { Decision, RequestStatus } from '@gridledger/domain';
import type { RequestState, SubscriptionState } from './request-projection.ts';

export type KeyReleaseStatus = 'none' | 'requested' | 'released' | 'failed';

/** What the API shows of a request: the chain's facts, the asset's title, and where the key release is. */
export interface RequestView {
  id: string;
  assetId: string;
  assetTitle: string | null;
  sensitivity: string | null;
  owner: { mspId: string; uid: string };
  consumer: { mspId: string; uid: string };
  purpose: string;
  durationSeconds: number;
  priceCredits: number;
  status: RequestStatus;
  requiresRegulator: boolean;
  decisions: Decision[];
  grant: { expiresAt: string | null; maxDownloads: number | null; remainingDownloads: number | null } | null;
  keyRelease: { status: KeyReleaseStatus; message: string | null };
  subscription: SubscriptionState | null;
  deliveredBy: string | null;
  createdAt: string;
  updatedAt: string;
  lastTxId: string;
}

interface RequestRow {
  request_id: string;
  asset_id: string;
  owner_msp: string;
  owner_uid: string;
  consumer_msp: string;
  consumer_uid: string;
  purpose: string;
  duration_seconds: number;
  price_credits: string;
  requires_regulator: boolean;
  status: RequestStatus;
  decisions: Decision[];
  grant_expires_at: Date | null;
  max_downloads: number | null;
  remaining_downloads: number | null;
  key_release_status?: 'waiting' | 'requested' | 'released' | 'failed' | null;
  key_release_message?: string | null;
  created_at: Date;
  updated_at: Date;
  last_tx_id: string;
  subscription: SubscriptionState | null;
  delivered_by: string | null;
  title?: string | null;
  sensitivity?: string | null;
}

const toState = (row: RequestRow): RequestState => ({
  requestId: row.request_id,
  assetId: row.asset_id,
  owner: { mspId: row.owner_msp, uid: row.owner_uid },
  consumer: { mspId: row.consumer_msp, uid: row.consumer_uid },
  purpose: row.purpose,
  durationSeconds: row.duration_seconds,
  priceCredits: Number(row.price_credits),
  requiresRegulator: row.requires_regulator,
  status: row.status,
  decisions: row.decisions,
  grantExpiresAt: row.grant_expires_at?.toISOString() ?? null,
  maxDownloads: row.max_downloads,
  remainingDownloads: row.remaining_downloads,
  subscription: row.subscription,
  deliveredBy: row.delivered_by,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  lastTxId: row.last_tx_id,
});

export const toView = (row: RequestRow): RequestView => {
  const state = toState(row);
  return {
    id: state.requestId,
    assetId: state.assetId,
    assetTitle: row.title ?? null,
    sensitivity: row.sensitivity ?? null,
    owner: state.owner,
    consumer: state.consumer,
    purpose: state.purpose,
    durationSeconds: state.durationSeconds,
    priceCredits: state.priceCredits,
    status: state.status,
    requiresRegulator: state.requiresRegulator,
    decisions: state.decisions,
    grant: state.status === 'granted' || state.maxDownloads !== null ? { expiresAt: state.grantExpiresAt, maxDownloads: state.maxDownloads, remainingDownloads: state.remainingDownloads } : null,
    // a key named but not yet due is still 'none' released: the grant is not final
    keyRelease: { status: !row.key_release_status || row.key_release_status === 'waiting' ? 'none' : row.key_release_status, message: row.key_release_message ?? null },
    subscription: state.subscription,
    deliveredBy: state.deliveredBy,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    lastTxId: state.lastTxId,
  };
};

const VIEW_SELECT = `select r.*, a.title, a.sensitivity, w.status as key_release_status, w.message as key_release_message
  from requests r left join assets a on a.asset_id = r.asset_id left join key_release_wishes w on w.request_id = r.request_id`;

export async function loadRequest(db: pg.ClientBase, requestId: string, forUpdate = false): Promise<RequestState | null> {
  const { rows } = await db.query<RequestRow>(`select * from requests where request_id = $1${forUpdate ? ' for update' : ''}`, [requestId]);
  return rows[0] ? toState(rows[0]) : null;
}

export async function saveRequest(db: pg.ClientBase, state: RequestState): Promise<void> {
  await db.query(
    `insert into requests (request_id, asset_id, owner_msp, owner_uid, consumer_msp, consumer_uid, purpose, duration_seconds, price_credits, requires_regulator, status, decisions,
       grant_expires_at, max_downloads, remaining_downloads, created_at, updated_at, last_tx_id, subscription, delivered_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     on conflict (request_id) do update set status = excluded.status, requires_regulator = excluded.requires_regulator, decisions = excluded.decisions,
       grant_expires_at = excluded.grant_expires_at, max_downloads = excluded.max_downloads, remaining_downloads = excluded.remaining_downloads,
       updated_at = excluded.updated_at, last_tx_id = excluded.last_tx_id, subscription = excluded.subscription`,
    [state.requestId, state.assetId, state.owner.mspId, state.owner.uid, state.consumer.mspId, state.consumer.uid, state.purpose, state.durationSeconds, state.priceCredits,
      state.requiresRegulator, state.status, JSON.stringify(state.decisions), state.grantExpiresAt, state.maxDownloads, state.remainingDownloads, state.createdAt, state.updatedAt, state.lastTxId,
      state.subscription ? JSON.stringify(state.subscription) : null, state.deliveredBy],
  );
}

export async function findRequestView(db: pg.ClientBase | pg.Pool, requestId: string): Promise<RequestView | null> {
  const { rows } = await db.query<RequestRow>(`${VIEW_SELECT} where r.request_id = $1`, [requestId]);
  return rows[0] ? toView(rows[0]) : null;
}

export interface RequestFilter {
  ownerUid?: string;
  consumerUid?: string;
  statuses?: RequestStatus[];
  assetId?: string;
  limit: number;
}

export async function listRequestViews(db: pg.Pool, filter: RequestFilter): Promise<RequestView[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    values.push(value);
    where.push(clause.replace('?', `$${values.length}`));
  };
  if (filter.ownerUid) add('r.owner_uid = ?', filter.ownerUid);
  if (filter.consumerUid) add('r.consumer_uid = ?', filter.consumerUid);
  if (filter.assetId) add('r.asset_id = ?', filter.assetId);
  if (filter.statuses?.length) add('r.status = any(?)', filter.statuses);
  values.push(filter.limit);
  const { rows } = await db.query<RequestRow>(`${VIEW_SELECT}${where.length ? ` where ${where.join(' and ')}` : ''} order by r.updated_at desc limit $${values.length}`, values);
  return rows.map(toView);
}

/** Every request the read model holds as granted, with its consumer and grant terms: what reconciliation compares with the chain. */
export async function listGrants(db: pg.Pool): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `select request_id as "requestId", asset_id as "assetId", consumer_uid as "consumerUid", status, grant_expires_at as "expiresAt", max_downloads as "maxDownloads"
       from requests where status = 'granted' order by request_id`,
  );
  return rows.map((row) => ({ ...row, expiresAt: (row['expiresAt'] as Date | null)?.toISOString() ?? null }));
}
