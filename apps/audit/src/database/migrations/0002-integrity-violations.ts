import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One list of integrity violations, from storage's events and reconciliation's findings, once per
 * asset and kind however often each is found again, with the regulator's acknowledgement and
 * resolution. `if not exists` and the fold's guard because a database that ran the schema at boot
 * before versioned migrations may already have the list.
 */
const INTEGRITY_VIOLATIONS_SQL = `
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
`;

export class IntegrityViolations1765100000000 implements MigrationInterface {
  name = 'IntegrityViolations1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(INTEGRITY_VIOLATIONS_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table integrity_violations');
  }
}
