import { oneTimeLinksTableSql } from '@gridledger/nest-service';
import { LEDGER_COMMANDS_TABLE_SQL } from '@gridledger/ledger-client';
import { baselineMigration, MESSAGING_SCHEMA_SQL } from '@gridledger/messaging';

/** The storage service's tables as they stood when the service adopted versioned migrations. */
const BASELINE_SQL = `
create table if not exists files (
  asset_id uuid primary key,
  owner_id uuid not null,
  owner_msp text not null,
  title text not null,
  category text not null,
  sensitivity text not null,
  file_name text not null,
  content_type text not null,
  size_bytes bigint not null,
  plaintext_sha256 text not null,
  ciphertext_sha256 text not null,
  cid text not null,
  encryption_scheme text not null,
  key_version int not null,
  -- the data key, wrapped under the owner's key-encryption key; never the key itself
  wrapped_key text not null,
  status text not null check (status in ('pending', 'anchored', 'rejected')),
  register_command_id uuid not null unique,
  tx_id text,
  block_number bigint,
  rejection jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now());

-- every key release, with the recipient's public key: a key rotation re-seals the new key for
-- the grantees whose grant is still valid, and they fetch the latest envelope here
create table if not exists key_releases (
  asset_id uuid not null,
  consumer_id uuid not null,
  request_id text not null,
  recipient_public_key bytea not null,
  key_version int not null,
  envelope jsonb not null,
  released_at timestamptz not null default now(),
  primary key (asset_id, consumer_id, key_version));

-- a consumer's download of one file: resumable with Range until it expires, recorded on chain
-- once, just before its last byte leaves (state 'recorded'), or charged when it expires having
-- served bytes without finishing ('charged'), or released when it served nothing ('lapsed').
-- Open tickets and unanswered records hold one unit of the grant's budget each.
create table if not exists download_tickets (
  id uuid primary key,
  asset_id uuid not null,
  consumer_id uuid not null,
  request_id text not null,
  key_version int not null,
  ciphertext_sha256 text not null,
  size_bytes bigint not null,
  -- what responses on this ticket set out to send: bounded by the ticket's allowance
  bytes_promised bigint not null default 0,
  -- what they did send, counted when each response ends
  bytes_sent bigint not null default 0,
  state text not null default 'open' check (state in ('open', 'recorded', 'charged', 'lapsed')),
  record_command_id uuid,
  -- the storage event that says the file was downloaded went out (once, on a completed transfer)
  announced boolean not null default false,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null);
create index if not exists download_tickets_by_request on download_tickets (request_id, state);
create index if not exists download_tickets_expiring on download_tickets (expires_at) where state = 'open';
-- ciphertexts to unpin that Kubo could not be told about yet (it was away): swept until it answers
create table if not exists pin_releases (
  cid text primary key,
  reason text not null,
  since timestamptz not null default now());
${LEDGER_COMMANDS_TABLE_SQL}
-- single-use links to a download, for the browser's download manager (a link carries no bearer header)
${oneTimeLinksTableSql('download_links')}
${MESSAGING_SCHEMA_SQL}`;

export const StorageBaselineSchema1765000000000 = baselineMigration('StorageBaselineSchema1765000000000', BASELINE_SQL, ['download_links', 'pin_releases', 'download_tickets', 'key_releases', 'files', 'ledger_commands', 'outbox', 'processed_events']);
