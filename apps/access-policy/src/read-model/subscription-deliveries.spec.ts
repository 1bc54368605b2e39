import { typedChainEvent, type ChainEventOf } from '@gridledger/contracts';
import { describe, expect, it } from 'vitest';
import { applyRequestEvent } from './request-projection.ts';
import { afterDelivery, deliveredRequest } from './subscription-deliveries.ts';

const owner = { mspId: 'GridMSP', uid: 'owner-1' };
const consumer = { mspId: 'ConsumerMSP', uid: 'consumer-1' };
const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 86_400, maxDownloads: 4 };
const asset = (id: string, version: number, previousAssetId: string | null) => ({
  docType: 'asset', id, owner, title: `curve ${version}`, description: '', category: 'load-curve', sensitivity: 'internal', cid: 'bafy', ciphertextSha256: 'c', plaintextSha256: 'p',
  sizeBytes: 10, encryptionScheme: 'aes-256-gcm', keyVersion: 1, priceCredits: 10, policy, status: 'active', product: { id: 'curve-1', version, previousAssetId },
  createdAt: '2026-12-06T10:00:00.000Z', updatedAt: '2026-12-06T10:00:00.000Z',
});
const chain = (event: string, data: Record<string, unknown>, subjects: Record<string, string>, role = 'owner', at = '2026-12-06T10:00:00.000Z') =>
  typedChainEvent({ event, version: 1, txId: `tx-${event}`, timestamp: at, signer: { ...(role === 'owner' ? owner : consumer), role }, subjects, data, blockNumber: '1' } as never);

describe('a subscription in the read model', () => {
  const requested = chain('AccessRequested', { consumer, owner, purpose: 'planning', durationSeconds: 86_400, escrowedCredits: 30, requiresRegulator: false, subscription: { productId: 'curve-1', versionsPaid: 3, installmentCredits: 10 } }, { assetId: 'curve-1', requestId: 'sub-1' }, 'consumer');
  const granted = chain('AccessGranted', { consumer, decidedBy: { ...owner, role: 'owner' }, expiresAt: '2026-12-07T10:00:00.000Z', maxDownloads: 4, paidCredits: 10 }, { assetId: 'curve-1', requestId: 'sub-1' });
  const subscription = applyRequestEvent(applyRequestEvent(null, requested), granted);

  it('keeps the terms from the request and counts the version the grant delivered', () => {
    expect(applyRequestEvent(null, requested)?.subscription).toEqual({ productId: 'curve-1', versionsPaid: 3, installmentCredits: 10, versionsDelivered: 0 });
    expect(subscription).toMatchObject({ status: 'granted', priceCredits: 30, subscription: { versionsDelivered: 1 } });
  });

  it('turns a delivery of a new version into a granted request until the end of the term, and counts it', () => {
    const published = chain('AssetRegistered', {
      asset: asset('curve-2', 2, 'curve-1'),
      deliveries: [{ subscriptionId: 'sub-1', requestId: 'sub-1:v2', consumer, paidCredits: 10, expiresAt: '2026-12-07T10:00:00.000Z', maxDownloads: 4 }],
    }, { assetId: 'curve-2', uid: 'owner-1' }, 'owner', '2026-12-06T16:00:00.000Z') as ChainEventOf<'AssetRegistered'>;
    if (!subscription) throw new Error('the subscription was not projected');
    const delivery = published.data.deliveries?.[0];
    if (!delivery) throw new Error('the event lost its delivery');
    expect(deliveredRequest(subscription, delivery, published)).toMatchObject({
      requestId: 'sub-1:v2', assetId: 'curve-2', owner, consumer, purpose: 'planning', status: 'granted', priceCredits: 10, durationSeconds: 18 * 3600,
      grantExpiresAt: '2026-12-07T10:00:00.000Z', maxDownloads: 4, remainingDownloads: 4, deliveredBy: 'sub-1', subscription: null,
      decisions: [{ decision: 'approved', reason: 'delivered by subscription sub-1', by: { uid: 'owner-1' } }],
    });
    expect(afterDelivery(subscription, published).subscription?.versionsDelivered).toBe(2);
  });
});
