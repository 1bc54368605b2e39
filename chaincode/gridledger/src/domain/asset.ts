import type { PartyRef } from './party.ts';

export const SENSITIVITIES = ['public', 'internal', 'sensitive', 'critical'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
/** Sensitive and critical data flows only after the regulator approves each grant. */
export const needsRegulator = (sensitivity: Sensitivity): boolean => sensitivity === 'sensitive' || sensitivity === 'critical';

export const CATEGORIES = ['load-curve', 'generation', 'substation-measurement', 'consumption-statistics', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const ASSET_STATUSES = ['active', 'frozen', 'retired'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

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
  category: Category;
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
