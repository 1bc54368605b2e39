import type { AssetCategory, AssetStatus, Sensitivity } from '@gridledger/domain';
import type { PartyRef } from './party.ts';

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
  createdAt: string;
  updatedAt: string;
}
