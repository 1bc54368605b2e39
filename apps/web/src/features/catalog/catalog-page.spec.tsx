import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Asset } from '../../api/types.ts';
import { renderAt, stubApi } from '../../test-support.tsx';
import { CatalogPage } from './catalog-page.tsx';

afterEach(() => vi.unstubAllGlobals());

const asset = (id: string, title: string, priceCredits: number): Asset =>
  ({ id, title, description: '', category: 'load-curve', sensitivity: 'internal', owner: { mspId: 'GridMSP', uid: 'u-1' }, priceCredits, sizeBytes: 100, status: 'active', createdAt: `2026-01-0${id}T00:00:00Z` }) as Asset;

describe('CatalogPage', () => {
  it('asks the catalog search with every filter and the order, and pages through the matches', async () => {
    const calls = stubApi({
      'GET /api/identity/organizations': [{ mspId: 'GridMSP', name: 'Grid company' }],
      'GET /api/access/catalog': { assets: [asset('1', 'Cheap', 5), asset('2', 'Dear', 50)], total: 45, page: 1, pageSize: 20 },
      'GET /api/identity/users/names': { users: [{ id: 'u-1', displayName: 'Li Wei', mspId: 'GridMSP', organizationName: 'Grid company' }] },
    });
    renderAt(<CatalogPage />, '/catalog');
    await screen.findByRole('link', { name: 'Cheap' });
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    // owners by name once the identity service has answered, by organisation and id before
    expect((await screen.findAllByText('Li Wei · Grid company')).length).toBe(2);
    expect(calls.some((c) => c.path === '/api/identity/users/names?ids=u-1')).toBe(true);
    await userEvent.selectOptions(screen.getByLabelText('Sensitivity'), 'internal');
    await userEvent.type(screen.getByLabelText('Price to'), '40');
    await userEvent.click(screen.getByRole('button', { name: /Price/ }));
    const last = () => calls.at(-1)?.path ?? '';
    expect(last()).toContain('sensitivity=internal');
    expect(last()).toContain('maxPrice=40');
    expect(last()).toContain('sort=priceAsc');
    // the sort did not drop the filters chosen just before
    expect(screen.getByLabelText('Sensitivity')).toHaveValue('internal');
    expect(screen.getByRole('columnheader', { name: /Price/ })).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(last()).toContain('page=2');
  });

  it('says so when nothing matches, and shows the ledger’s refusal as a sentence', async () => {
    stubApi({ 'GET /api/identity/organizations': [], 'GET /api/access/catalog': () => [503, { code: 'UNAVAILABLE', message: 'a peer cannot be reached; try again' }] });
    renderAt(<CatalogPage />, '/catalog');
    expect(await screen.findByRole('alert')).toHaveTextContent('A peer cannot be reached; try again.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
