import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscriptions to a data product: a subscription request keeps its terms and how many versions
 * it has received; a grant a subscription delivered on a new version names it.
 */
export class RequestSubscriptions1765300000001 implements MigrationInterface {
  name = 'RequestSubscriptions1765300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table requests add column if not exists subscription jsonb');
    await q.query('alter table requests add column if not exists delivered_by text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table requests drop column delivered_by, drop column subscription');
  }
}
