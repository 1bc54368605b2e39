import type { RequestStatus } from '@gridledger/domain';
import type { PartyRef } from './party.ts';

/** A pending request not decided within this time expires, and its escrow is refunded. */
export const PENDING_REQUEST_TTL_SECONDS = 7 * 24 * 3600;

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
  createdAt: string;
  updatedAt: string;
}
