import { baselineMigration, OUTBOX_TABLE_SQL, PROCESSED_EVENTS_TABLE_SQL } from '@gridledger/messaging';

/**
 * The ledger service's tables as they stood when the service adopted versioned migrations; the
 * service owns this database alone.
 */
const BASELINE_SQL = `
create table if not exists chain_checkpoint (
  id smallint primary key default 1 check (id = 1),
  block_number bigint not null,
  transaction_id text,
  updated_at timestamptz not null default now());

-- text ids: a relayed chain event is identified by its transaction id, an answer by its command's event id
create table if not exists outbox (
  id text primary key, topic text not null, message_key text not null, envelope jsonb not null,
  created_at timestamptz not null default clock_timestamp(), published_at timestamptz);
create index if not exists outbox_unpublished on outbox (created_at) where published_at is null;
-- the relay's bookkeeping and wake-up trigger (the library's outbox, created above with text ids, stays as it is)
${OUTBOX_TABLE_SQL}

-- one row per command: the signed transaction is kept from endorsement on, so a crash before the
-- commit is settled by looking that transaction id up (or submitting the same bytes), never by a
-- second endorsement that could commit twice
create table if not exists ledger_commands (
  command_id uuid primary key,
  user_id uuid,
  msp_id text,
  contract text not null,
  transaction text not null,
  requested_by text not null,
  tx_id text,
  prepared_bytes bytea,
  prepared_signature bytea,
  endorsed_result text,
  answer_topic text,
  answer jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now());
create index if not exists ledger_commands_tx on ledger_commands (tx_id);

-- the command as received, recorded before its Kafka offset is committed, so the pipeline drives
-- it from here; seq is the order of arrival (per Kafka key, the order on chain); commands with
-- the same key go on chain one after the other
alter table ledger_commands add column if not exists command jsonb;
alter table ledger_commands add column if not exists message_key text;
alter table ledger_commands add column if not exists deadline_at timestamptz;
alter table ledger_commands add column if not exists seq bigserial;
create index if not exists ledger_commands_unanswered on ledger_commands (seq) where answer_topic is null;

-- a user's command whose attestation the identity service has taken a receipt of, while it was
-- valid: signed later as of that receipt, however long the backlog it waited in
alter table ledger_commands add column if not exists attestation_receipt boolean not null default false;
create index if not exists ledger_commands_awaiting_receipt on ledger_commands (seq)
  where answer_topic is null and not attestation_receipt and user_id is not null;

-- every event that carried a command: each gets its own answer, even a client's re-sent command
create table if not exists ledger_command_deliveries (
  event_id text primary key,
  command_id uuid not null,
  message_key text not null,
  created_at timestamptz not null default now());
create index if not exists ledger_command_deliveries_command on ledger_command_deliveries (command_id);
${PROCESSED_EVENTS_TABLE_SQL}`;

export const LedgerBaselineSchema1765000000000 = baselineMigration('LedgerBaselineSchema1765000000000', BASELINE_SQL, ['ledger_command_deliveries', 'ledger_commands', 'outbox', 'chain_checkpoint', 'processed_events']);
