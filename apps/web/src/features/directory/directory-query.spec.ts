import { describe, expect, it } from 'vitest';
import { directoryPath, pageOf } from './directory-query.ts';

describe('the directory query', () => {
  it('sends the search only when there is one, with the page', () => {
    expect(directoryPath('  ')).toBe('/api/identity/users?limit=20&offset=0');
    expect(directoryPath(' wang ', 40, 10)).toBe('/api/identity/users?search=wang&limit=10&offset=40');
  });

  it('counts pages, at least one', () => {
    expect(pageOf({ total: 45, limit: 20, offset: 20 })).toEqual({ page: 2, pages: 3 });
    expect(pageOf({ total: 0, limit: 20, offset: 0 })).toEqual({ page: 1, pages: 1 });
  });
});
