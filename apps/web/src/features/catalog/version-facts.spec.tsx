import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LineageEntry } from '../../api/types.ts';
import { renderAt } from '../../test-support.tsx';
import { VersionFacts } from './version-facts.tsx';

const entry = (data: Record<string, unknown>, action = 'AssetRegistered') =>
  ({ action, data, txId: 'tx-1', timestamp: '2026-12-06T10:00:00.000Z', signer: { mspId: 'GridMSP', uid: 'alice', role: 'owner' } }) as unknown as LineageEntry;

describe('VersionFacts', () => {
  it('names the version, links the one it follows, and counts the subscriptions it reached', () => {
    renderAt(<VersionFacts entry={entry({ asset: { product: { id: 'c-1', version: 3, previousAssetId: 'c-2' } }, deliveries: [{}, {}], withheld: [{}] })} />);
    expect(screen.getByRole('link', { name: 'follows version 2' })).toHaveAttribute('href', '/catalog/c-2');
    expect(screen.getByTestId('version-facts')).toHaveTextContent('version 3 · follows version 2 · subscriptions reached: 2, withheld: 1');
  });

  it('says nothing for an asset that starts a product, or for another action', () => {
    const { container } = renderAt(
      <>
        <VersionFacts entry={entry({ asset: { product: { id: 'c-1', version: 1, previousAssetId: null } } })} />
        <VersionFacts entry={entry({ asset: {} })} />
        <VersionFacts entry={entry({ reason: 'x' }, 'AssetRetired')} />
      </>,
    );
    expect(container.textContent).toBe('');
  });
});
