import { ASSET_CATEGORIES, ASSET_STATUSES, SENSITIVITIES } from '@gridledger/domain';
import { z } from 'zod';

export const CATALOG_SORTS = ['newest', 'version', 'title', 'priceAsc', 'priceDesc', 'size'] as const;
const ORDER: Record<(typeof CATALOG_SORTS)[number], string> = {
  newest: 'created_at desc nulls last, asset_id',
  version: 'product_version desc, asset_id',
  title: 'lower(title), asset_id',
  priceAsc: 'price_credits, asset_id',
  priceDesc: 'price_credits desc, asset_id',
  size: 'size_bytes desc, asset_id',
};

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const catalogQuerySchema = z.object({
  /** words that must all appear in the title or description */
  q: optional(z.string().max(200)),
  category: optional(z.enum(ASSET_CATEGORIES)),
  sensitivity: optional(z.enum(SENSITIVITIES)),
  mspId: optional(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/)),
  status: optional(z.enum(ASSET_STATUSES)),
  /** the versions of one data product (its first version's asset id) */
  productId: optional(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/)),
  /** only each product's latest version: the catalog a buyer browses */
  latestOnly: optional(z.enum(['true', 'false']).transform((v) => v === 'true')),
  minPrice: optional(z.coerce.number().int().min(0)),
  maxPrice: optional(z.coerce.number().int().min(0)),
  sort: z.enum(CATALOG_SORTS).default('newest'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

/** The catalog search as SQL over the assets read model: every value a parameter, never spliced in. */
export function catalogSql(query: CatalogQuery): { where: string; order: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    values.push(value);
    where.push(clause(`$${values.length}`));
  };
  for (const word of (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)) {
    // the word is matched literally: % and _ in it are not patterns
    add((n) => `strpos(lower(title || ' ' || description), ${n}) > 0`, word);
  }
  if (query.category) add((n) => `category = ${n}`, query.category);
  if (query.sensitivity) add((n) => `sensitivity = ${n}`, query.sensitivity);
  if (query.mspId) add((n) => `owner_msp = ${n}`, query.mspId);
  if (query.status) add((n) => `status = ${n}`, query.status);
  if (query.productId) add((n) => `coalesce(product_id, asset_id) = ${n}`, query.productId);
  if (query.latestOnly) where.push('not exists (select 1 from assets later where coalesce(later.product_id, later.asset_id) = coalesce(assets.product_id, assets.asset_id) and later.product_version > assets.product_version)');
  if (query.minPrice !== undefined) add((n) => `price_credits >= ${n}`, query.minPrice);
  if (query.maxPrice !== undefined) add((n) => `price_credits <= ${n}`, query.maxPrice);
  return { where: where.length ? `where ${where.join(' and ')}` : '', order: ORDER[query.sort], values };
}
