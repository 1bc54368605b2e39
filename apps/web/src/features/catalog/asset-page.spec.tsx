import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Asset } from '../../api/types.ts';
import { App } from '../../app.tsx';
import { SessionProvider } from '../../session/session-context.tsx';
import { renderAt, resumeSessionAs, stubApi } from '../../test-support.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const owner = { id: 'o0000000-0000-4000-8000-000000000001', username: 'li-owner', displayName: 'Li Wei', email: 'li@grid.example', mspId: 'GridMSP', role: 'owner', status: 'active' };
const asset = (status: Asset['status']): Asset => ({
  id: 'asset-1', title: 'Feeder 12 load curve', description: '', category: 'load-curve', sensitivity: 'internal', owner: { mspId: 'GridMSP', uid: owner.id }, cid: 'bafyexample', plaintextSha256: 'a'.repeat(64), ciphertextSha256: 'b'.repeat(64),
  sizeBytes: 100, encryptionScheme: 'aes-256-gcm-chunked-v1', priceCredits: 5, status, keyVersion: 1, createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
  policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: [], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 3 },
});

function openAs(status: Asset['status']) {
  stubApi({ ...resumeSessionAs(owner), 'GET /api/ledger/assets/asset-1': asset(status), 'GET /api/ledger/assets/asset-1/lineage': { entries: [] } });
  renderAt(<SessionProvider><App /></SessionProvider>, '/catalog/asset-1');
}

describe("the asset page, for the asset's owner", () => {
  it('offers editing the details and the policy, rotating the key and retiring on an active asset', async () => {
    openAs('active');
    expect(await screen.findByRole('button', { name: 'Edit policy' })).toBeInTheDocument();
    for (const name of ['Edit details', 'Rotate key', 'Retire asset']) expect(screen.getByRole('button', { name })).toBeInTheDocument();
  });

  it.each([
    ['frozen', 'The regulator has frozen this asset: its policy and key cannot change until it is unfrozen.'],
    ['retired', 'This asset is retired: its policy and key no longer change.'],
  ] as const)('offers neither on a %s asset, and says why', async (status, why) => {
    openAs(status);
    expect(await screen.findByText(why)).toBeInTheDocument();
    for (const name of ['Edit details', 'Edit policy', 'Rotate key', 'Retire asset']) expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
  });
});
