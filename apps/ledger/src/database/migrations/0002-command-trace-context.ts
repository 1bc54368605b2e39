import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C trace context each command runs under: the sender's when it is recorded, the ledger's
 * own span once it is driven. The pipeline drives a command long after its delivery, and the
 * chain events its transaction emits are relayed from a block, so this is how both stay in the
 * trace of the request that caused them. Empty while tracing is off.
 */
export class CommandTraceContext1765200000000 implements MigrationInterface {
  name = 'CommandTraceContext1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table ledger_commands add column if not exists trace_context jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table ledger_commands drop column trace_context');
  }
}
