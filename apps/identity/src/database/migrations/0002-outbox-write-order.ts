import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * now() is the transaction's start time, so events written in one transaction shared a
 * created_at and the relay ordered them by their random id; clock_timestamp() keeps write order.
 */
export class OutboxWriteOrder1764100000000 implements MigrationInterface {
  name = 'OutboxWriteOrder1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table outbox alter column created_at set default clock_timestamp()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table outbox alter column created_at set default now()');
  }
}
