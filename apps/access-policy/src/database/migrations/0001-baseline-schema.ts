import { LEDGER_COMMANDS_TABLE_SQL } from '@gridledger/ledger-client';
import { baselineMigration, MESSAGING_SCHEMA_SQL } from '@gridledger/messaging';

/**
 * The access-policy service's tables as they stood when it adopted versioned migrations. `assets` and `requests` are a
 * read model of the chain, built from its events and rebuilt from them if lost: the chain stays
 * the authority, these rows make listing and inboxes fast.
 */
const BASELINE_SQL = `
create table if not exists assets (
  asset_id text primary key,
  owner_msp text not null,
  owner_uid text not null,
  title text not null,
  category text not null,
  sensitivity text not null,
  price_credits bigint not null,
  status text not null,
  policy jsonb not null,
  key_version int not null,
  updated_at timestamptz not null);
-- the catalog searches these too (added after the first version of the table)
alter table assets add column if not exists description text not null default '';
alter table assets add column if not exists size_bytes bigint not null default 0;
alter table assets add column if not exists created_at timestamptz;
create index if not exists assets_catalog on assets (created_at desc, asset_id);

create table if not exists requests (
  request_id text primary key,
  asset_id text not null,
  owner_msp text not null,
  owner_uid text not null,
  consumer_msp text not null,
  consumer_uid text not null,
  purpose text not null,
  duration_seconds int not null,
  price_credits bigint not null,
  requires_regulator boolean not null,
  status text not null,
  decisions jsonb not null default '[]',
  grant_expires_at timestamptz,
  max_downloads int,
  remaining_downloads int,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- the last chain transaction applied: events of one request arrive in commit order
  last_tx_id text not null);
create index if not exists requests_owner on requests (owner_uid, status);
create index if not exists requests_consumer on requests (consumer_uid, status);
create index if not exists requests_status on requests (status, updated_at);

-- the X25519 key a consumer wants the file key sealed for, and how the release went; not part of
-- the read model (the chain does not know the key), so a rebuild leaves it alone
create table if not exists key_release_wishes (
  request_id text primary key,
  consumer_uid text not null,
  recipient_public_key text not null,
  status text not null default 'waiting' check (status in ('waiting', 'requested', 'released', 'failed')),
  message text,
  created_at timestamptz not null default now());
${LEDGER_COMMANDS_TABLE_SQL}
${MESSAGING_SCHEMA_SQL}`;

export const AccessPolicyBaselineSchema1765000000000 = baselineMigration('AccessPolicyBaselineSchema1765000000000', BASELINE_SQL, ['key_release_wishes', 'requests', 'assets', 'ledger_commands', 'outbox', 'processed_events']);
