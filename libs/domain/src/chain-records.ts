import type { AssetCategory, AssetStatus, Sensitivity } from './assets.ts';
import type { RequestStatus } from './request-statuses.ts';

/*
 * The records the chaincode keeps in world state, as its queries return them. The chaincode
 * writes them; services read them through libs/chaincode-api, which parses them on the way in.
 */

/** A platform user as recorded on chain: their organisation and their user id. */
export interface PartyRef {
  mspId: string;
  uid: string;
}

export interface AccessPolicy {
  /** MSP ids whose users may request; empty means any organisation */
  allowedOrgs: string[];
  /** roles that may request; empty means consumers only */
  allowedRoles: string[];
  /** purposes a request may state; empty means any purpose */
  allowedPurposes: string[];
  maxDurationSeconds: number;
  /** key releases plus platform downloads a grant allows */
  maxDownloads: number;
}

export interface DataAsset {
  docType: 'asset';
  id: string;
  owner: PartyRef;
  title: string;
  description: string;
  category: AssetCategory;
  sensitivity: Sensitivity;
  cid: string;
  ciphertextSha256: string;
  plaintextSha256: string;
  sizeBytes: number;
  encryptionScheme: string;
  keyVersion: number;
  priceCredits: number;
  policy: AccessPolicy;
  status: AssetStatus;
  /**
   * The data product this asset is a version of (next month's load curve is version 2 of the same
   * product). Absent on assets registered before 2026-12-06: each is version 1 of a product of its own.
   */
  product?: ProductVersion | undefined;
  createdAt: string;
  updatedAt: string;
}

/** Where an asset stands in its data product: the versions are linked on chain, newest last. */
export interface ProductVersion {
  /** the id of the product's first version */
  id: string;
  version: number;
  previousAssetId: string | null;
}

/** A data product's head on chain: its latest version, so a new one follows exactly that one. */
export interface DataProduct {
  docType: 'product';
  id: string;
  owner: PartyRef;
  latestVersion: number;
  latestAssetId: string;
  updatedAt: string;
}

export interface Decision {
  by: PartyRef & { role: string };
  decision: 'approved' | 'rejected' | 'revoked' | 'expired';
  reason: string;
  at: string;
  txId: string;
}

export interface Grant {
  grantedAt: string;
  expiresAt: string;
  maxDownloads: number;
  /** key releases and platform downloads so far; both draw on maxDownloads */
  used: number;
  keyReleases: number;
  downloads: number;
}

export type EscrowState = 'held' | 'paid' | 'refunded';

export interface AccessRequest {
  docType: 'request';
  id: string;
  assetId: string;
  consumer: PartyRef;
  owner: PartyRef;
  purpose: string;
  durationSeconds: number;
  priceCredits: number;
  escrow: EscrowState;
  requiresRegulator: boolean;
  status: RequestStatus;
  decisions: Decision[];
  grant: Grant | null;
  /** a subscription to the asset's data product for the request's term (see EVENTS.md, Subscriptions) */
  subscription?: Subscription | undefined;
  /** a grant on one version, delivered by this subscription when the version was published */
  deliveredBy?: string | undefined;
  createdAt: string;
  updatedAt: string;
}

/**
 * A subscription's escrow: `priceCredits` of the request is installmentCredits × versionsPaid,
 * held when it is requested; one installment goes to the owner for each version delivered (the
 * requested one on the grant, each later one as it is published), and what is left goes back to
 * the subscriber at the end of the term, on revocation or on rejection.
 */
export interface Subscription {
  productId: string;
  /** the subscriber's role when subscribing: each later version's policy must still admit it */
  subscriberRole: string;
  installmentCredits: number;
  versionsPaid: number;
  versionsDelivered: number;
  /** still in escrow for versions not yet delivered */
  remainingCredits: number;
}

/** One version a subscription delivered when it was published: the new grant and what it paid. */
export interface SubscriptionDelivery {
  subscriptionId: string;
  requestId: string;
  consumer: PartyRef;
  paidCredits: number;
  expiresAt: string;
  maxDownloads: number;
}

/** A subscription that did not receive a published version, and the rule that kept it out. */
export interface WithheldDelivery {
  subscriptionId: string;
  consumer: PartyRef;
  reason: string;
}

/** Credits of one user. balance + escrowed over all accounts changes only by Mint. */
export interface Account {
  docType: 'account';
  uid: string;
  mspId: string;
  balance: number;
  /** credits held for this user's pending requests */
  escrowed: number;
  minted: number;
}

export interface UserFreeze {
  docType: 'user-freeze';
  uid: string;
  reason: string;
  by: string;
  at: string;
  txId: string;
}

/*
 * What the submit transactions take as their JSON arguments.
 */

export type AssetRegistration = Omit<DataAsset, 'docType' | 'owner' | 'keyVersion' | 'status' | 'product' | 'createdAt' | 'updatedAt'> & {
  /** publishes the asset as the next version of the product whose latest version this is */
  versionOf?: string | undefined;
};
/** What UpdateAssetMetadata may change; at least one field */
export type MetadataPatch = Partial<Pick<DataAsset, 'title' | 'description' | 'category' | 'sensitivity' | 'priceCredits' | 'policy'>>;
/** A rotated asset's new ciphertext; keyVersion one above the current */
export type KeyRotation = Pick<DataAsset, 'cid' | 'ciphertextSha256' | 'plaintextSha256' | 'sizeBytes' | 'encryptionScheme' | 'keyVersion'>;

export interface AccessRequestInput {
  requestId: string;
  assetId: string;
  purpose: string;
  durationSeconds: number;
  /** subscribe to the asset's data product: this version now and the next ones published during the term, up to `versions` in all */
  subscription?: { versions: number } | undefined;
}

/** A file key released to a grant's holder: the SHA-256 of the key they were sent, and its version. */
export interface KeyReleaseInput {
  recipientKeySha256: string;
  keyVersion: number;
}

/** A platform download of a grant: the SHA-256 of the ciphertext served, and its key version. */
export interface DownloadInput {
  ciphertextSha256: string;
  keyVersion: number;
}
