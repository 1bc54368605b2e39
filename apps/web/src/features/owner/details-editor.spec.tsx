import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Asset } from '../../api/types.ts';
import { renderAt, stubApi } from '../../test-support.tsx';
import { DetailsEditor, detailsPatch } from './details-editor.tsx';

afterEach(() => vi.unstubAllGlobals());

const asset = { id: 'asset-1', title: 'Feeder 12 load curve', description: '', category: 'load-curve', sensitivity: 'internal', priceCredits: 5 } as Asset;
const draft = { title: asset.title, description: '', category: 'load-curve', sensitivity: 'internal', price: '5' } as const;

describe('detailsPatch', () => {
  it('sends only what changed, the title trimmed', () => {
    expect(detailsPatch(asset, { ...draft, title: ' Feeder 12, 2026 ', price: '8' })).toEqual({ patch: { title: 'Feeder 12, 2026', priceCredits: 8 } });
    expect(detailsPatch(asset, { ...draft, sensitivity: 'sensitive', category: 'generation' })).toEqual({ patch: { sensitivity: 'sensitive', category: 'generation' } });
  });

  it('names what is wrong, or that nothing changed', () => {
    expect(detailsPatch(asset, { ...draft, title: '  ' })).toEqual({ problem: 'title' });
    for (const price of ['-1', '1.5', 'ten', '1000000001']) expect(detailsPatch(asset, { ...draft, price })).toEqual({ problem: 'price' });
    expect(detailsPatch(asset, draft)).toEqual({ problem: 'unchanged' });
  });
});

describe('DetailsEditor', () => {
  it('offers only the sensitivities the chain accepts, and PATCHes the change', async () => {
    const calls = stubApi({ 'PATCH /api/access/assets/asset-1/details': { asset, txId: 'tx-1' } });
    const onSaved = vi.fn();
    renderAt(<DetailsEditor asset={asset} onSaved={onSaved} />, '/');
    fireEvent.click(screen.getByRole('button', { name: 'Edit details' }));
    const sensitivity = screen.getByLabelText('Sensitivity');
    expect([...sensitivity.querySelectorAll('option')].map((o) => o.getAttribute('value'))).toEqual(['internal', 'sensitive', 'critical']);
    fireEvent.change(screen.getByLabelText('Price (credits)'), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The details were saved on chain.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ priceCredits: 12 });
    expect(onSaved).toHaveBeenCalledOnce();
  });
});
