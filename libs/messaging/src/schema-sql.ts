/**
 * The two tables the messaging library relies on, and the outbox relay's bookkeeping and wake-up
 * trigger on the first, as SQL a service's migration runs.
 * `create … if not exists` because `apps/identity` already created its outbox with this exact
 * shape before the library existed; running this afterwards must be harmless.
 */

/** The channel an insert into the outbox notifies, at its commit. */
export const OUTBOX_WAKE_CHANNEL = 'gridledger_outbox';

/** Events written in the same transaction as the change they describe; the relay publishes them. */
export const OUTBOX_TABLE_SQL = `
create table if not exists outbox (
  id uuid primary key,
  topic text not null,
  message_key text not null,
  envelope jsonb not null,
  -- clock_timestamp, not now(): several events written in one transaction keep their write order
  created_at timestamptz not null default clock_timestamp(),
  published_at timestamptz
);
-- the relay only ever scans the unpublished tail, in creation order
create index if not exists outbox_unpublished on outbox (created_at) where published_at is null;
-- a transactional relay records which batch a row went out in
alter table outbox add column if not exists batch_seq bigint;
create sequence if not exists outbox_batch_seq;
create index if not exists outbox_in_flight on outbox (batch_seq) where published_at is null and batch_seq is not null;
-- one NOTIFY per inserting statement (not per row), at its commit, so a listening relay sends a new
-- row within milliseconds instead of at its next poll; a woken relay reads everything waiting anyway
create or replace function gridledger_outbox_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('${OUTBOX_WAKE_CHANNEL}', '');
  return null;
end $$;
create or replace trigger gridledger_outbox_notify after insert on outbox for each statement execute function gridledger_outbox_notify();
`;

/**
 * Event ids a consumer group has applied. The primary key is what makes a redelivered event
 * (relay re-send after a crash, Kafka redelivery after a rebalance) a no-op.
 */
export const PROCESSED_EVENTS_TABLE_SQL = `
create table if not exists processed_events (
  consumer_group text not null,
  event_id text not null,
  topic text not null,
  processed_at timestamptz not null default now(),
  primary key (consumer_group, event_id)
);
`;

/** Both tables, for a migration's `up`. */
export const MESSAGING_SCHEMA_SQL = OUTBOX_TABLE_SQL + PROCESSED_EVENTS_TABLE_SQL;
