import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { UserGuard } from '@gridledger/nest-service';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { parseInput } from '../requests/request-input.ts';
import { CATALOG_SORTS, catalogQuerySchema, catalogSql } from './catalog-query.ts';

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
  created_at: Date | null;
  updated_at: Date;
  total: string;
}

/**
 * The catalog as a search: free text, price range and sorting over every asset, which the
 * ledger's paged query cannot do. It reads the read model built from the chain's events; the
 * asset page shows the chain's own record.
 */
@ApiTags('catalog')
@ApiBearerAuth()
@UseGuards(UserGuard)
@Controller('catalog')
export class CatalogController {
  constructor(private readonly database: AccessPolicyDatabase) {}

  @Get()
  @ApiOperation({ summary: 'Search the data assets: words in title or description, category, sensitivity, organisation, status, price range; sorted and paged' })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'sort', required: false, enum: CATALOG_SORTS })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } })
  async search(@Query() raw: unknown) {
    const query = parseInput(catalogQuerySchema, raw);
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
        createdAt: (row.created_at ?? row.updated_at).toISOString(),
        updatedAt: row.updated_at.toISOString(),
      })),
      total: Number(rows[0]?.total ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
