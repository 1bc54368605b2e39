import { describe, expect, it } from 'vitest';
import { compareGrant, comparePin, compareRecord, filesNotOnChain } from './compare.ts';
import type { ChainAsset, StoredFile } from './reconciliation-sources.ts';

const hash = (c: string) => c.repeat(64);
const chain: ChainAsset = { id: 'a1', owner: { mspId: 'GridMSP', uid: 'u1' }, cid: 'bafyone', ciphertextSha256: hash('c'), plaintextSha256: hash('p'), keyVersion: 1, status: 'active' };
const file: StoredFile = { assetId: 'a1', ownerId: 'u1', cid: 'bafyone', ciphertextSha256: hash('c'), plaintextSha256: hash('p'), keyVersion: 1, status: 'anchored' };

describe('reconciliation comparisons', () => {
  it('finds nothing when storage, IPFS and the chain agree', () => {
    expect(compareRecord(chain, file)).toEqual([]);
    expect(comparePin(chain, { pinned: true, ciphertextSha256: hash('c') })).toEqual([]);
    expect(filesNotOnChain([file], new Set(['a1']))).toEqual([]);
  });

  it('reports a tampered or missing record, naming what the chain expected', () => {
    expect(compareRecord(chain, { ...file, ciphertextSha256: hash('f') })).toEqual([expect.objectContaining({ kind: 'record-mismatch', where: 'storage', expected: expect.stringContaining(hash('c')), actual: expect.stringContaining(hash('f')) })]);
    expect(compareRecord(chain, { ...file, ownerId: 'u2' })).toHaveLength(1);
    expect(compareRecord(chain, undefined)).toEqual([expect.objectContaining({ kind: 'missing-file-record' })]);
  });

  it('reports an unpinned CID and pinned bytes that do not hash to the chain', () => {
    expect(comparePin(chain, { pinned: false, ciphertextSha256: null })).toEqual([expect.objectContaining({ kind: 'not-pinned', expected: 'bafyone' })]);
    expect(comparePin(chain, { pinned: true, ciphertextSha256: hash('d') })).toEqual([expect.objectContaining({ kind: 'ciphertext-hash-mismatch', actual: hash('d') })]);
  });

  it('reports anchored files the chain does not know, but not pending or rejected ones', () => {
    expect(filesNotOnChain([file, { ...file, assetId: 'a2', status: 'pending' }, { ...file, assetId: 'a3' }], new Set(['a1']))).toEqual([expect.objectContaining({ assetId: 'a3', kind: 'not-on-chain' })]);
  });

  it('compares a grant in the read model with the request on chain', () => {
    const grant = { requestId: 'r1', assetId: 'a1', consumerUid: 'c1', status: 'granted', expiresAt: '2026-12-01T00:00:00.000Z', maxDownloads: 3 };
    expect(compareGrant(grant, { id: 'r1', status: 'granted', grant: { expiresAt: '2026-12-01T00:00:00.000Z', maxDownloads: 3 } })).toEqual([]);
    expect(compareGrant(grant, { id: 'r1', status: 'revoked', grant: { expiresAt: '2026-12-01T00:00:00.000Z', maxDownloads: 3 } })).toEqual([expect.objectContaining({ kind: 'grant-mismatch', where: 'access-policy' })]);
    expect(compareGrant(grant, null)).toEqual([expect.objectContaining({ expected: 'no such request on chain' })]);
  });
});
