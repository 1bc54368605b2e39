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
});
