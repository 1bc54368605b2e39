import type { DataAsset } from '@gridledger/domain';
import { LedgerRefusalError, LedgerUnavailableError } from '@gridledger/ledger-client';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../common/storage-error.ts';
import { checkVersionOf } from './version-of-check.ts';

const owner = { id: 'alice', mspId: 'GridMSP', role: 'owner' as const };
const previous = { id: 'curve-10', owner: { mspId: 'GridMSP', uid: 'alice' }, status: 'active', sensitivity: 'internal' } as DataAsset;
const reading = (asset: DataAsset) => async () => asset;

describe('checkVersionOf', () => {
  it("passes the owner's own active product at the same or a higher sensitivity", async () => {
    await expect(checkVersionOf(reading(previous), owner, 'curve-10', 'internal')).resolves.toBeUndefined();
    await expect(checkVersionOf(reading({ ...previous, status: 'retired' }), owner, 'curve-10', 'critical')).resolves.toBeUndefined();
  });

  it.each([
    ['another owner', reading(previous), { ...owner, id: 'oscar' }, 'internal', 'FORBIDDEN', 403],
    ['the same uid in another organisation', reading(previous), { ...owner, mspId: 'ConsumerMSP' }, 'internal', 'FORBIDDEN', 403],
    ['a frozen product', reading({ ...previous, status: 'frozen' }), owner, 'internal', 'FROZEN', 409],
    ['a lower sensitivity', reading(previous), owner, 'public', 'INVALID_METADATA', 400],
    ['an asset the chain does not know', async () => { throw new LedgerRefusalError('NOT_FOUND', 'asset curve-10 not found', 404); }, owner, 'internal', 'NOT_FOUND', 404],
  ] as const)('refuses %s with a code and a status', async (_label, read, user, sensitivity, code, status) => {
    await expect(checkVersionOf(read, user, 'curve-10', sensitivity)).rejects.toMatchObject({ code, status });
  });

  it('reports a ledger it cannot reach as a dependency outage, which the caller may retry', async () => {
    const down = async (): Promise<DataAsset> => { throw new LedgerUnavailableError('connection refused'); };
    await expect(checkVersionOf(down, owner, 'curve-10', 'internal')).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
