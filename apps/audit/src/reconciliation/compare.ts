import type { RECONCILIATION_FINDINGS } from '@gridledger/contracts';
import type { ChainAsset, ChainRequest, PinCheck, ReadModelGrant, StoredFile } from './reconciliation-sources.ts';

export interface Finding {
  assetId: string;
  kind: (typeof RECONCILIATION_FINDINGS)[number];
  where: 'storage' | 'ipfs' | 'access-policy';
  expected: string | null;
  actual: string | null;
}

const anchor = (record: { cid: string; ciphertextSha256: string; plaintextSha256: string; keyVersion: number }) =>
  `cid=${record.cid} ciphertext=${record.ciphertextSha256} plaintext=${record.plaintextSha256} keyVersion=${record.keyVersion}`;

/** The storage service's record against the chain's: the chain is right by definition. */
export function compareRecord(chain: ChainAsset, file: StoredFile | undefined): Finding[] {
  if (!file) return [{ assetId: chain.id, kind: 'missing-file-record', where: 'storage', expected: anchor(chain), actual: null }];
  const same = file.cid === chain.cid && file.ciphertextSha256 === chain.ciphertextSha256 && file.plaintextSha256 === chain.plaintextSha256 && file.keyVersion === chain.keyVersion && file.ownerId === chain.owner.uid && file.status === 'anchored';
  return same ? [] : [{ assetId: chain.id, kind: 'record-mismatch', where: 'storage', expected: `${anchor(chain)} owner=${chain.owner.uid} anchored`, actual: `${anchor(file)} owner=${file.ownerId} ${file.status}` }];
}

/** What IPFS holds under the chain's CID. */
export function comparePin(chain: ChainAsset, pin: PinCheck): Finding[] {
  if (!pin.pinned) return [{ assetId: chain.id, kind: 'not-pinned', where: 'ipfs', expected: chain.cid, actual: null }];
  if (pin.ciphertextSha256 !== chain.ciphertextSha256) return [{ assetId: chain.id, kind: 'ciphertext-hash-mismatch', where: 'ipfs', expected: chain.ciphertextSha256, actual: pin.ciphertextSha256 }];
  return [];
}

/** Anchored files the chain does not know. */
export function filesNotOnChain(files: StoredFile[], chainIds: ReadonlySet<string>): Finding[] {
  return files.filter((file) => file.status === 'anchored' && !chainIds.has(file.assetId)).map((file) => ({ assetId: file.assetId, kind: 'not-on-chain' as const, where: 'storage' as const, expected: null, actual: anchor(file) }));
}

/** A grant in the read model against the request on chain. */
export function compareGrant(grant: ReadModelGrant, chain: ChainRequest | null): Finding[] {
  const terms = (status: string, expiresAt: string | null | undefined, maxDownloads: number | null | undefined) => `${status} until ${expiresAt ?? '-'} downloads ${maxDownloads ?? '-'}`;
  const expected = chain ? terms(chain.status, chain.grant?.expiresAt, chain.grant?.maxDownloads) : null;
  const actual = terms(grant.status, grant.expiresAt, grant.maxDownloads);
  return expected === actual ? [] : [{ assetId: grant.assetId, kind: 'grant-mismatch', where: 'access-policy', expected: expected ?? 'no such request on chain', actual: `${grant.requestId}: ${actual}` }];
}
