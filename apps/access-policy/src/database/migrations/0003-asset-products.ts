import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data products: each asset is a version of one, linked on chain. An asset projected before
 * products existed is version 1 of a product whose id is its own, as the chaincode counts it.
 * product_id stays nullable (read as the asset's own id): a replica still running the code
 * before this migration, during a rolling upgrade, inserts assets without it.
 */
export class AssetProducts1765300000000 implements MigrationInterface {
  name = 'AssetProducts1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table assets add column if not exists product_id text');
    await q.query('alter table assets add column if not exists product_version integer not null default 1');
    await q.query('alter table assets add column if not exists previous_asset_id text');
    await q.query('update assets set product_id = asset_id where product_id is null');
    await q.query('create index if not exists assets_by_product on assets ((coalesce(product_id, asset_id)), product_version)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index if exists assets_by_product');
    await q.query('alter table assets drop column previous_asset_id, drop column product_version, drop column product_id');
  }
}
