import { Injectable } from '@nestjs/common';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { catalogSql, type CatalogQuery } from './catalog-query.ts';

interface AssetRow {
  asset_id: string;
  owner_msp: string;
  owner_uid: string;
  title: string;
  description: string;
  category: string;
  sensitivity: string;
  price_credits: string;
  size_bytes: string;
  status: string;
  policy: unknown;
  key_version: number;
  product_id: string | null;
  product_version: number;
  previous_asset_id: string | null;
  created_at: Date | null;
  updated_at: Date;
  total: string;
}

/** The catalog's search over the read model's assets (the SQL is built from the checked query by `catalogSql`). */
@Injectable()
export class CatalogRepository {
  constructor(private readonly database: AccessPolicyDatabase) {}

  async search(query: CatalogQuery) {
    const { where, order, values } = catalogSql(query);
    const { rows } = await this.database.pool.query<AssetRow>(
      `select *, count(*) over () as total from assets ${where} order by ${order} limit $${values.length + 1} offset $${values.length + 2}`,
      [...values, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return {
      assets: rows.map((row) => ({
        id: row.asset_id,
        owner: { mspId: row.owner_msp, uid: row.owner_uid },
        title: row.title,
        description: row.description,
        category: row.category,
        sensitivity: row.sensitivity,
        priceCredits: Number(row.price_credits),
        sizeBytes: Number(row.size_bytes),
        status: row.status,
        policy: row.policy,
        keyVersion: row.key_version,
        product: { id: row.product_id ?? row.asset_id, version: row.product_version, previousAssetId: row.previous_asset_id },
        createdAt: (row.created_at ?? row.updated_at).toISOString(),
        updatedAt: row.updated_at.toISOString(),
      })),
      total: Number(rows[0]?.total ?? 0),
    };
  }
}
