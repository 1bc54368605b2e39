import type { RequestView } from '../read-model/read-model-store.ts';
import type { RequestStatus } from '@gridledger/domain';
import type { Decision, Party } from '../read-model/request-projection.ts';

/** An access request as the chaincode returns it (access:GetRequest). */
export interface ChainRequest {
  id: string;
  assetId: string;
  consumer: Party;
  owner: Party;
  purpose: string;
  durationSeconds: number;
  priceCredits: number;
  requiresRegulator: boolean;
  status: RequestStatus;
  decisions: Decision[];
  grant: { expiresAt: string; maxDownloads: number; used: number } | null;
  createdAt: string;
  updatedAt: string;
}

/** The chain's record in the API's shape, for when the read model has not caught up yet. */
export function viewFromChain(request: ChainRequest, lastTxId: string, extras: Pick<RequestView, 'assetTitle' | 'sensitivity' | 'keyRelease'>): RequestView {
  return {
    id: request.id,
    assetId: request.assetId,
    owner: request.owner,
    consumer: request.consumer,
    purpose: request.purpose,
    durationSeconds: request.durationSeconds,
    priceCredits: request.priceCredits,
    status: request.status,
    requiresRegulator: request.requiresRegulator,
    decisions: request.decisions,
    grant: request.grant ? { expiresAt: request.grant.expiresAt, maxDownloads: request.grant.maxDownloads, remainingDownloads: request.grant.maxDownloads - request.grant.used } : null,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    lastTxId,
    ...extras,
  };
}
