import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each user command's attestation was first shown here while valid: a command that waits
 * in the ledger's backlog is signed against its attestation as of that moment. Only a digest of
 * the attestation is kept; the attestation itself stays with the ledger's command.
 */
export class AttestationReceipts1764400000000 implements MigrationInterface {
  name = 'AttestationReceipts1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table attestation_receipts (
      digest bytea primary key,
      user_id uuid not null,
      command_id uuid not null,
      attested_by text not null,
      received_at timestamptz not null default now())`);
    await q.query('create index attestation_receipts_received on attestation_receipts (received_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table attestation_receipts');
  }
}
