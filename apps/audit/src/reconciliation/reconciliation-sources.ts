import type { AccessRequest, DataAsset, Grant } from '@gridledger/domain';

/** What reconciliation reads of the chain's asset record (asset:QueryAssets / GetAsset). */
export type ChainAsset = Pick<DataAsset, 'id' | 'owner' | 'cid' | 'ciphertextSha256' | 'plaintextSha256' | 'keyVersion' | 'status'>;

/** The storage service's record of an asset's file. */
export interface StoredFile {
  assetId: string;
  ownerId: string;
  cid: string;
  ciphertextSha256: string;
  plaintextSha256: string;
  keyVersion: number;
  status: 'pending' | 'anchored' | 'rejected';
}

/** What IPFS holds under a CID, as the storage service read it. */
export interface PinCheck {
  pinned: boolean;
  ciphertextSha256: string | null;
}

/** A grant as the access-policy read model holds it, and as the chain does. */
export interface ReadModelGrant {
  requestId: string;
  assetId: string;
  consumerUid: string;
  status: string;
  expiresAt: string | null;
  maxDownloads: number | null;
}

/** What reconciliation reads of the chain's request record (access:GetRequest). */
export type ChainRequest = Pick<AccessRequest, 'id' | 'status'> & { grant: Pick<Grant, 'expiresAt' | 'maxDownloads'> | null };
