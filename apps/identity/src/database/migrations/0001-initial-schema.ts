import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table organizations (msp_id text primary key, name text not null, created_at timestamptz not null default now())`);
    await q.query(`create table users (
      id uuid primary key, username text not null, email text not null,
      msp_id text not null references organizations(msp_id), role text not null check (role in ('owner','consumer','regulator','admin')),
      status text not null check (status in ('active','suspended')), password_hash text not null,
      failed_logins integer not null default 0, locked_until timestamptz,
      enrollment_id text not null, certificate_pem text not null, fabric_key_wrapped jsonb not null,
      encryption_public_key text not null, encryption_key_wrapped jsonb,
      created_at timestamptz not null default now(), updated_at timestamptz not null default now())`);
    await q.query(`create unique index users_username_key on users (lower(username))`);
    await q.query(`create table jwt_signing_keys (kid text primary key, public_jwk jsonb not null, private_jwk_wrapped jsonb not null, created_at timestamptz not null default now(), retire_after timestamptz)`);
    await q.query(`create table refresh_tokens (id uuid primary key, user_id uuid not null references users(id), family_id uuid not null, token_hash text not null unique, expires_at timestamptz not null, revoked_at timestamptz, created_at timestamptz not null default now())`);
    await q.query(`create index refresh_tokens_user on refresh_tokens (user_id)`);
    await q.query(`create table signature_log (id uuid primary key, user_id uuid not null references users(id), digest_hex text not null, purpose text not null, requested_by text not null, created_at timestamptz not null default now())`);
    await q.query(`create index signature_log_user on signature_log (user_id)`);
    await q.query(`create table outbox (id uuid primary key, topic text not null, message_key text not null, envelope jsonb not null, created_at timestamptz not null default now(), published_at timestamptz)`);
    await q.query(`create index outbox_unpublished on outbox (created_at) where published_at is null`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'signature_log', 'refresh_tokens', 'jwt_signing_keys', 'users', 'organizations']) await q.query(`drop table ${table}`);
  }
}
