import { OUTBOX_TABLE_SQL } from '@gridledger/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox relay's batch numbers and wake-up trigger, which the relay used to add to the outbox
 * itself each time it started. The outbox's own `create … if not exists` in the same SQL leaves
 * the table this service created in 0001 as it is.
 */
export class OutboxRelayBookkeeping1764500000000 implements MigrationInterface {
  name = 'OutboxRelayBookkeeping1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_TABLE_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop trigger if exists gridledger_outbox_notify on outbox');
    await q.query('drop function if exists gridledger_outbox_notify()');
    await q.query('drop index if exists outbox_in_flight');
    await q.query('drop sequence if exists outbox_batch_seq');
    await q.query('alter table outbox drop column if exists batch_seq');
  }
}
