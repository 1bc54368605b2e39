import type { ChainEventOf } from '@gridledger/contracts';
import type { RequestState } from './request-projection.ts';

type Published = ChainEventOf<'AssetRegistered'>;
export type Delivery = NonNullable<Published['data']['deliveries']>[number];

/**
 * The grant a subscription received on a newly published version, as the read model keeps a
 * request: the chaincode wrote it in the publishing transaction, already granted until the
 * subscription's term ends, paid by one installment.
 */
export function deliveredRequest(subscription: RequestState, delivery: Delivery, event: Published): RequestState {
  const at = event.timestamp;
  return {
    requestId: delivery.requestId,
    assetId: event.data.asset.id,
    owner: { mspId: event.data.asset.owner.mspId, uid: event.data.asset.owner.uid },
    consumer: { mspId: delivery.consumer.mspId, uid: delivery.consumer.uid },
    purpose: subscription.purpose,
    durationSeconds: Math.max(1, Math.round((Date.parse(delivery.expiresAt) - Date.parse(at)) / 1000)),
    priceCredits: delivery.paidCredits,
    requiresRegulator: subscription.requiresRegulator,
    status: 'granted',
    decisions: [{ by: event.signer, decision: 'approved', reason: `delivered by subscription ${subscription.requestId}`, at, txId: event.txId }],
    grantExpiresAt: delivery.expiresAt,
    maxDownloads: delivery.maxDownloads,
    remainingDownloads: delivery.maxDownloads,
    subscription: null,
    deliveredBy: subscription.requestId,
    createdAt: at,
    updatedAt: at,
    lastTxId: event.txId,
  };
}

/** The subscription after a delivery: one more version received. */
export function afterDelivery(subscription: RequestState, event: Published): RequestState {
  if (!subscription.subscription) return subscription;
  return { ...subscription, subscription: { ...subscription.subscription, versionsDelivered: subscription.subscription.versionsDelivered + 1 }, updatedAt: event.timestamp };
}
