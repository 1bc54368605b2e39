import { baselineMigration, OUTBOX_TABLE_SQL, PROCESSED_EVENTS_TABLE_SQL } from '@gridledger/messaging';
import { oneTimeLinksTableSql } from '@gridledger/nest-service';

/**
 * The audit log: append-only (the service only inserts), one row per event, indexed for the
 * regulator's searches; its reconciliation reports and export links. As the tables stood before
 * the violations list, when the service adopted versioned migrations.
 */
const BASELINE_SQL = `
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
${PROCESSED_EVENTS_TABLE_SQL}
${OUTBOX_TABLE_SQL}`;

export const AuditBaselineSchema1765000000000 = baselineMigration('AuditBaselineSchema1765000000000', BASELINE_SQL, ['audit_export_links', 'reconciliation_runs', 'audit_log', 'outbox', 'processed_events']);
