import { OUTBOX_TABLE_SQL, PROCESSED_EVENTS_TABLE_SQL } from '@gridledger/messaging';
import { oneTimeLinksTableSql } from '@gridledger/nest-service';

/** The audit log: append-only (the service only inserts), one row per event, indexed for the regulator's searches. */
export const AUDIT_SCHEMA_SQL = `
create table if not exists audit_log (
  event_id text primary key,
  topic text not null,
  action text not null,
  service text not null,
  subject text not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  actor_uid text,
  actor_msp text,
  actor_role text,
  asset_id text,
  request_id text,
  tx_id text,
  block_number bigint,
  data jsonb not null);
create index if not exists audit_log_time on audit_log (occurred_at desc, event_id);
-- the export's keyset, oldest first
create index if not exists audit_log_keyset on audit_log (occurred_at, event_id);
create index if not exists audit_log_asset on audit_log (asset_id, occurred_at) where asset_id is not null;
create index if not exists audit_log_actor on audit_log (actor_uid, occurred_at) where actor_uid is not null;
create index if not exists audit_log_org on audit_log (actor_msp, occurred_at) where actor_msp is not null;
create index if not exists audit_log_action on audit_log (action, occurred_at);
-- append-only: an update or delete, by anyone, fails the statement
create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;
drop trigger if exists audit_log_append_only on audit_log;
create trigger audit_log_append_only before update or delete or truncate on audit_log for each statement execute function audit_log_append_only();
-- every reconciliation run and its findings (the report); the findings also went out as events
create table if not exists reconciliation_runs (
  run_id uuid primary key,
  trigger text not null,
  started_at timestamptz not null,
  finished_at timestamptz not null,
  violations int not null,
  report jsonb not null);
create index if not exists reconciliation_runs_time on reconciliation_runs (started_at desc);
-- short-lived, single-use links to an export, so a browser can save it straight to disk (a link
-- carries no bearer header)
${oneTimeLinksTableSql('audit_export_links')}
-- every integrity violation, from storage's events and from reconciliation's findings, once per
-- asset and kind however often it is found again, with the regulator's acknowledgement and resolution
create table if not exists integrity_violations (
  id uuid primary key default gen_random_uuid(),
  asset_id text not null,
  kind text not null,
  sources text[] not null,
  where_found text not null,
  expected text,
  actual text,
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  occurrences int not null,
  last_event_id text not null,
  state text not null default 'open' check (state in ('open', 'acknowledged', 'resolved')),
  acknowledged_by text,
  acknowledged_at timestamptz,
  acknowledged_note text,
  resolved_by text,
  resolved_at timestamptz,
  resolved_note text,
  reopened_at timestamptz,
  unique (asset_id, kind));
create index if not exists integrity_violations_list on integrity_violations (first_seen_at desc, id desc);
create index if not exists integrity_violations_state on integrity_violations (state, first_seen_at desc, id desc);
-- the violations the log recorded before this list existed, once, on the first start that has the
-- list: while it is empty, every violation in the log is one it has not counted (a platform with
-- none yet finds none here either)
insert into integrity_violations (asset_id, kind, sources, where_found, expected, actual, first_seen_at, last_seen_at, occurrences, last_event_id)
select data->>'assetId', data->>'kind',
       array_agg(distinct case when action = 'storage.integrity-violation' then 'storage' else 'reconciliation' end),
       (array_agg(coalesce(data->>'where', 'storage') order by occurred_at desc, event_id desc))[1],
       (array_agg(data->>'expected' order by occurred_at desc, event_id desc))[1],
       (array_agg(data->>'actual' order by occurred_at desc, event_id desc))[1],
       min(occurred_at), max(occurred_at), count(*), (array_agg(event_id order by occurred_at desc, event_id desc))[1]
from audit_log
where action in ('storage.integrity-violation', 'audit.integrity-violation') and data ? 'assetId' and data ? 'kind'
  and not exists (select 1 from integrity_violations)
group by data->>'assetId', data->>'kind'
on conflict (asset_id, kind) do nothing;
${PROCESSED_EVENTS_TABLE_SQL}
${OUTBOX_TABLE_SQL}`;
