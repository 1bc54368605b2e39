import type { Asset } from '../../api/types.ts';

export type CatalogSort = 'newest' | 'title' | 'priceAsc' | 'priceDesc' | 'size';

export interface PageRefinement {
  search: string;
  priceMin: number | null;
  priceMax: number | null;
  sort: CatalogSort;
}

/**
 * What the ledger cannot filter (free text, price) and the order, applied to the page it
 * returned. The ledger filters category, sensitivity, organisation and status itself.
 */
export function refinePage(assets: readonly Asset[], { search, priceMin, priceMax, sort }: PageRefinement): Asset[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = assets.filter((a) => {
    const text = `${a.title} ${a.description}`.toLowerCase();
    return words.every((w) => text.includes(w)) && (priceMin === null || a.priceCredits >= priceMin) && (priceMax === null || a.priceCredits <= priceMax);
  });
  const by: Record<CatalogSort, (a: Asset, b: Asset) => number> = {
    newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
    title: (a, b) => a.title.localeCompare(b.title),
    priceAsc: (a, b) => a.priceCredits - b.priceCredits,
    priceDesc: (a, b) => b.priceCredits - a.priceCredits,
    size: (a, b) => b.sizeBytes - a.sizeBytes,
  };
  return kept.sort(by[sort]);
}
