import type { RequestView } from '../read-model/read-model-store.ts';
import type { AccessRequest } from '@gridledger/domain';

/** The chain's record in the API's shape, for when the read model has not caught up yet. */
export function viewFromChain(request: AccessRequest, lastTxId: string, extras: Pick<RequestView, 'assetTitle' | 'sensitivity' | 'keyRelease'>): RequestView {
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
    subscription: request.subscription
      ? { productId: request.subscription.productId, versionsPaid: request.subscription.versionsPaid, versionsDelivered: request.subscription.versionsDelivered, installmentCredits: request.subscription.installmentCredits }
      : null,
    deliveredBy: request.deliveredBy ?? null,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    lastTxId,
    ...extras,
  };
}
