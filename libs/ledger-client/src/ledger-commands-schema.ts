/**
 * Every ledger command a service sent and, once the ledger gave it, its answer. `subject` is
 * what the command is about (an asset, a request, a user): the Kafka key of the command, so the
 * commands about one subject stay in order. Idempotent DDL, run at boot.
 */
export const LEDGER_COMMANDS_TABLE_SQL = `
create table if not exists ledger_commands (
  command_id uuid primary key,
  subject text not null,
  transaction text not null,
  answer_topic text,
  answer jsonb,
  created_at timestamptz not null default now(),
  answered_at timestamptz);
-- the first version of this table (storage service) named the subject asset_id
do $$ begin
  if exists (select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'ledger_commands' and column_name = 'asset_id') then
    alter table ledger_commands rename column asset_id to subject;
    alter table ledger_commands alter column subject type text;
  end if;
end $$;`;
