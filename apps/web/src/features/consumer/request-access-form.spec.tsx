import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Asset } from '../../api/types.ts';
import { renderAt, stubApi } from '../../test-support.tsx';
import { RequestAccessForm, versionCount } from './request-access-form.tsx';

afterEach(() => vi.unstubAllGlobals());

const asset = {
  id: 'curve-1', title: 'Feeder 12', priceCredits: 10,
  policy: { allowedOrgs: [], allowedRoles: [], allowedPurposes: ['forecasting'], maxDurationSeconds: 30 * 86_400, maxDownloads: 2 },
} as unknown as Asset;

describe('RequestAccessForm', () => {
  it('asks for one version by default, at the asset price', async () => {
    const calls = stubApi({ 'POST /api/access/requests': { id: 'r1', status: 'pending-owner' } });
    renderAt(<RequestAccessForm asset={asset} />);
    expect(screen.getByTestId('request-price')).toHaveTextContent('10 credits');
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    await screen.findByText('Request sent: the owner decides next.');
    expect(calls[0]?.body).toEqual({ assetId: 'curve-1', purpose: 'forecasting', durationSeconds: 7 * 86_400 });
  });

  it('subscribes for a number of versions, showing what goes into escrow', async () => {
    const calls = stubApi({ 'POST /api/access/requests': { id: 'r1', status: 'pending-owner' } });
    renderAt(<RequestAccessForm asset={asset} />);
    fireEvent.click(screen.getByLabelText('Subscribe: receive each new version published during this term'));
    fireEvent.change(screen.getByLabelText('Versions to pay for (this one included)'), { target: { value: '6' } });
    expect(screen.getByTestId('request-price')).toHaveTextContent('60 credits held in escrow: 10 per version, 6 versions');
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    await screen.findByText('Request sent: the owner decides next.');
    expect(calls[0]?.body).toMatchObject({ subscription: { versions: 6 } });
  });

  it('refuses a count of versions the chain would refuse, and sends nothing', () => {
    const calls = stubApi({});
    renderAt(<RequestAccessForm asset={asset} />);
    fireEvent.click(screen.getByLabelText('Subscribe: receive each new version published during this term'));
    fireEvent.change(screen.getByLabelText('Versions to pay for (this one included)'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    expect(screen.getByText('A whole number from 1 to 120.')).toBeInTheDocument();
    expect(calls).toEqual([]);
    expect([versionCount('3'), versionCount(' 120 '), versionCount('121'), versionCount('2.5')]).toEqual([3, 120, Number.NaN, Number.NaN]);
  });
});
