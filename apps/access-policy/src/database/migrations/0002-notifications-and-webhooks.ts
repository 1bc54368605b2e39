import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications kept for their readers, and organisations' webhooks with their deliveries. A
 * notification is written in the transaction that consumes its event (the event id is unique per
 * audience, so a redelivery adds nothing), and so is each delivery it causes: the deliveries table
 * is the webhooks' outbox.
 */
const NOTIFICATIONS_AND_WEBHOOKS_SQL = `
create table notifications (
  id uuid primary key default gen_random_uuid(),
  event_id text not null,
  kind text not null,
  -- one user, or every regulator (recipient_uid null): they share one queue of approvals
  audience text not null check (audience in ('user', 'regulators')),
  recipient_uid text,
  recipient_msp text,
  asset_id text,
  request_id text,
  details jsonb not null,
  created_at timestamptz not null default now(),
  check ((audience = 'user') = (recipient_uid is not null)));
create unique index notifications_once on notifications (event_id, kind, audience, coalesce(recipient_uid, ''));
create index notifications_of_user on notifications (recipient_uid, created_at desc) where audience = 'user';
create index notifications_of_regulators on notifications (created_at desc) where audience = 'regulators';

-- who has read what: per reader, since a notification for the regulators has several
create table notification_reads (
  notification_id uuid not null references notifications on delete cascade,
  reader_uid text not null,
  read_at timestamptz not null default now(),
  primary key (notification_id, reader_uid));

create table webhooks (
  id uuid primary key default gen_random_uuid(),
  org_msp text not null,
  url text not null,
  event_types text[] not null,
  -- the HMAC key; returned once, at creation, never listed nor logged
  secret text not null,
  created_by text not null,
  created_at timestamptz not null default now());
create index webhooks_of_org on webhooks (org_msp);

create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  webhook_id uuid not null references webhooks on delete cascade,
  notification_id uuid not null references notifications on delete cascade,
  event_type text not null,
  -- the exact body, fixed once, so every retry sends (and signs) the same bytes
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (webhook_id, notification_id));
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_log on webhook_deliveries (webhook_id, created_at desc);

create table webhook_attempts (
  id bigserial primary key,
  delivery_id uuid not null references webhook_deliveries on delete cascade,
  attempt int not null,
  started_at timestamptz not null,
  duration_ms int not null,
  status_code int,
  error text,
  outcome text not null check (outcome in ('delivered', 'retry', 'dead')));
create index webhook_attempts_of_delivery on webhook_attempts (delivery_id, attempt);
`;

export class NotificationsAndWebhooks1765200000000 implements MigrationInterface {
  name = 'NotificationsAndWebhooks1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(NOTIFICATIONS_AND_WEBHOOKS_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table webhook_attempts, webhook_deliveries, webhooks, notification_reads, notifications');
  }
}
