/** What the chain says about an asset (asset:QueryAssets / GetAsset). */
export interface ChainAsset {
  id: string;
  owner: { mspId: string; uid: string };
  cid: string;
  ciphertextSha256: string;
  plaintextSha256: string;
  keyVersion: number;
  status: string;
}

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

export interface ChainRequest {
  id: string;
  status: string;
  grant: { expiresAt: string; maxDownloads: number } | null;
}
