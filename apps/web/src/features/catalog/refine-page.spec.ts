import { describe, expect, it } from 'vitest';
import type { Asset } from '../../api/types.ts';
import { refinePage } from './refine-page.ts';

const asset = (id: string, title: string, price: number, createdAt: string): Asset =>
  ({ id, title, description: '', priceCredits: price, createdAt, sizeBytes: price * 10 }) as Asset;

const page = [asset('a', 'Feeder 12 load curve', 10, '2026-01-02'), asset('b', 'Wind generation 2025', 50, '2026-01-03'), asset('c', 'Substation 7 load', 0, '2026-01-01')];

describe('refinePage', () => {
  it('matches every search word in title or description, any case', () => {
    expect(refinePage(page, { search: 'LOAD feeder', priceMin: null, priceMax: null, sort: 'newest' }).map((a) => a.id)).toEqual(['a']);
  });

  it('keeps prices within the range, inclusive', () => {
    expect(refinePage(page, { search: '', priceMin: 10, priceMax: 50, sort: 'priceAsc' }).map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('sorts newest first by default and by title or price on demand', () => {
    expect(refinePage(page, { search: '', priceMin: null, priceMax: null, sort: 'newest' }).map((a) => a.id)).toEqual(['b', 'a', 'c']);
    expect(refinePage(page, { search: '', priceMin: null, priceMax: null, sort: 'title' }).map((a) => a.id)).toEqual(['a', 'c', 'b']);
    expect(refinePage(page, { search: '', priceMin: null, priceMax: null, sort: 'priceDesc' }).map((a) => a.id)).toEqual(['b', 'a', 'c']);
  });
});
