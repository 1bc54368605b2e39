import { describe, expect, it } from 'vitest';
import { catalogQuerySchema, catalogSql } from './catalog-query.ts';

describe('catalog query', () => {
  it('reads the browser query, empty fields meaning no filter', () => {
    expect(catalogQuerySchema.parse({ q: '', sensitivity: 'sensitive', minPrice: '10', page: '2' })).toEqual({ sensitivity: 'sensitive', minPrice: 10, sort: 'newest', page: 2, pageSize: 20 });
    expect(catalogQuerySchema.safeParse({ pageSize: '500' }).success).toBe(false);
    expect(catalogQuerySchema.safeParse({ sort: 'random' }).success).toBe(false);
  });

  it('turns every filter into a parameter, each search word matched literally', () => {
    const sql = catalogSql(catalogQuerySchema.parse({ q: 'Feeder 100%', category: 'load-curve', mspId: 'GridMSP', minPrice: '5', maxPrice: '50', sort: 'priceDesc' }));
    expect(sql.values).toEqual(['feeder', '100%', 'load-curve', 'GridMSP', 5, 50]);
    expect(sql.where).toBe("where strpos(lower(title || ' ' || description), $1) > 0 and strpos(lower(title || ' ' || description), $2) > 0 and category = $3 and owner_msp = $4 and price_credits >= $5 and price_credits <= $6");
    expect(sql.order).toBe('price_credits desc, asset_id');
    expect(catalogSql(catalogQuerySchema.parse({}))).toEqual({ where: '', order: 'created_at desc nulls last, asset_id', values: [] });
  });

  it("lists one product's versions newest first, or only each product's latest version", () => {
    const versions = catalogSql(catalogQuerySchema.parse({ productId: 'curve-10', sort: 'version' }));
    expect(versions).toEqual({ where: 'where coalesce(product_id, asset_id) = $1', order: 'product_version desc, asset_id', values: ['curve-10'] });
    const latest = catalogSql(catalogQuerySchema.parse({ latestOnly: 'true' }));
    expect(latest.where).toMatch(/^where not exists \(select 1 from assets later where coalesce\(later.product_id, later.asset_id\) = coalesce\(assets.product_id, assets.asset_id\) and later.product_version > assets.product_version\)$/);
    expect(catalogSql(catalogQuerySchema.parse({ latestOnly: 'false' })).where).toBe('');
    expect(catalogQuerySchema.safeParse({ productId: "x' or 1=1" }).success).toBe(false);
  });
});
