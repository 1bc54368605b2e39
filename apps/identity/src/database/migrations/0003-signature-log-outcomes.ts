import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The signature log records refusals as well as signatures, with what was decoded from the bytes:
 * outcome, code, kind, function, transaction and command ids, and what vouched for it. Its foreign
 * key to users goes, so a refusal for a user who does not exist is recorded too.
 */
export class SignatureLogOutcomes1764200000000 implements MigrationInterface {
  name = 'SignatureLogOutcomes1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // the constraint was named by PostgreSQL when the table was created; find it rather than guess
    await q.query(`do $$
      declare name text;
      begin
        for name in select conname from pg_constraint where conrelid = 'signature_log'::regclass and contype = 'f' loop
          execute format('alter table signature_log drop constraint %I', name);
        end loop;
      end $$`);
    await q.query(`alter table signature_log
      alter column digest_hex drop not null,
      alter column purpose drop not null,
      add column outcome text not null default 'signed' check (outcome in ('signed', 'refused')),
      add column code text,
      add column kind text check (kind in ('proposal', 'transaction')),
      add column function text,
      add column tx_id text,
      add column command_id text,
      add column attested_by text`);
    // the default only described the rows from before; every new row says what happened
    await q.query('alter table signature_log alter column outcome drop default');
    await q.query('create index signature_log_command on signature_log (command_id) where command_id is not null');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index signature_log_command');
    await q.query('delete from signature_log where user_id not in (select id from users)');
    await q.query(`update signature_log set digest_hex = coalesce(digest_hex, ''), purpose = coalesce(purpose, concat_ws(' ', kind, function, outcome, code))`);
    await q.query(`alter table signature_log
      drop column outcome, drop column code, drop column kind, drop column function,
      drop column tx_id, drop column command_id, drop column attested_by,
      alter column digest_hex set not null,
      alter column purpose set not null,
      add foreign key (user_id) references users(id)`);
  }
}
