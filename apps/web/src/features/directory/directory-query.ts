import { query } from '../../api/http.ts';

export const DIRECTORY_PAGE_SIZE = 20;

/** The identity service's directory: an admin's own organisation, every organisation for the regulator. */
export const directoryPath = (search: string, offset = 0, limit = DIRECTORY_PAGE_SIZE): string =>
  `/api/identity/users${query({ search: search.trim(), limit, offset })}`;

/** "Page 2 of 5" from a page of the directory; at least one page, even when nothing matches. */
export function pageOf(page: { total: number; limit: number; offset: number }): { page: number; pages: number } {
  return { page: Math.floor(page.offset / page.limit) + 1, pages: Math.max(1, Math.ceil(page.total / page.limit)) };
}
