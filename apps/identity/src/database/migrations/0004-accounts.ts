import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts: users get a display name (their username until someone sets one), and admins' password
 * resets get one-time tokens, stored only as their SHA-256 so a database read does not hand out
 * a way into an account.
 */
export class Accounts1764300000000 implements MigrationInterface {
  name = 'Accounts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table users add column display_name text');
    await q.query('update users set display_name = username');
    await q.query('alter table users alter column display_name set not null');
    // the directory pages an organisation's users by display name; a substring search scans them,
    // which is cheap at the size of an organisation (pg_trgm is not in every PostgreSQL build)
    await q.query('create index users_directory on users (msp_id, lower(display_name), id)');
    await q.query(`create table password_reset_tokens (
      id uuid primary key, user_id uuid not null references users(id), token_hash text not null unique,
      issued_by uuid not null references users(id), expires_at timestamptz not null, used_at timestamptz,
      created_at timestamptz not null default now())`);
    await q.query('create index password_reset_tokens_user on password_reset_tokens (user_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table password_reset_tokens');
    await q.query('drop index users_directory');
    await q.query('alter table users drop column display_name');
  }
}
