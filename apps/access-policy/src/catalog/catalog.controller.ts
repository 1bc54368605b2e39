import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { UserGuard } from '@gridledger/nest-service';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { parseInput } from '../requests/request-input.ts';
import { CATALOG_SORTS, catalogQuerySchema } from './catalog-query.ts';
import { CatalogRepository } from './catalog.repository.ts';

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
  constructor(private readonly catalog: CatalogRepository) {}

  @Get()
  @ApiOperation({ summary: 'Search the data assets: words in title or description, category, sensitivity, organisation, status, data product, price range; sorted and paged' })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'productId', required: false, description: "one data product's versions (its first version's asset id); sort=version lists them newest first" })
  @ApiQuery({ name: 'latestOnly', required: false, enum: ['true', 'false'], description: "only each product's latest version" })
  @ApiQuery({ name: 'sort', required: false, enum: CATALOG_SORTS })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } })
  async search(@Query() raw: unknown) {
    const query = parseInput(catalogQuerySchema, raw);
    return { ...(await this.catalog.search(query)), page: query.page, pageSize: query.pageSize };
  }
}
