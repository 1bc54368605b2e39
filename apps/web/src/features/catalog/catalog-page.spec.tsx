import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Asset } from '../../api/types.ts';
import { renderAt, stubApi } from '../../test-support.tsx';
import { CatalogPage } from './catalog-page.tsx';

afterEach(() => vi.unstubAllGlobals());

const asset = (id: string, title: string, priceCredits: number): Asset =>
  ({ id, title, description: '', category: 'load-curve', sensitivity: 'internal', owner: { mspId: 'GridMSP', uid: 'u-1' }, priceCredits, sizeBytes: 100, status: 'active', createdAt: `2026-01-0${id}T00:00:00Z` }) as Asset;

describe('CatalogPage', () => {
  it('asks the ledger with the server-side filters and sorts the page by a column header', async () => {
    const calls = stubApi({
      'GET /api/identity/organizations': [{ mspId: 'GridMSP', name: 'Grid company' }],
      'GET /api/ledger/assets': { assets: [asset('1', 'Cheap', 5), asset('2', 'Dear', 50)], bookmark: '' },
    });
    renderAt(<CatalogPage />, '/catalog');
    await screen.findByRole('link', { name: 'Cheap' });
    await userEvent.selectOptions(screen.getByLabelText('Sensitivity'), 'internal');
    expect(calls.some((c) => c.path.includes('sensitivity=internal'))).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: /Price/ }));
    // the sort did not drop the filter chosen just before
    expect(screen.getByLabelText('Sensitivity')).toHaveValue('internal');
    const titles = () => within(screen.getByRole('table')).getAllByRole('link').map((l) => l.textContent);
    expect(titles()).toEqual(['Cheap', 'Dear']);
    expect(screen.getByRole('columnheader', { name: /Price/ })).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(screen.getByRole('button', { name: /Price/ }));
    expect(titles()).toEqual(['Dear', 'Cheap']);
  });

  it('says so when nothing matches, and shows the ledger’s refusal as a sentence', async () => {
    stubApi({ 'GET /api/identity/organizations': [], 'GET /api/ledger/assets': () => [503, { code: 'UNAVAILABLE', message: 'a peer cannot be reached; try again' }] });
    renderAt(<CatalogPage />, '/catalog');
    expect(await screen.findByRole('alert')).toHaveTextContent('A peer cannot be reached; try again.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
