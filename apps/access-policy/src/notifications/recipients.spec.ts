import { AUDIT_TOPICS, CHAIN_TOPICS, STORAGE_TOPICS, type ChainEvent } from '@gridledger/contracts';
import { describe, expect, it } from 'vitest';
import { noticesFor, organisationOf, type Parties } from './recipients.ts';

const owner = { mspId: 'GridMSP', uid: 'owner-1' };
const consumer = { mspId: 'ConsumerMSP', uid: 'consumer-1' };
const regulator = { mspId: 'RegulatorMSP', uid: 'reg-1', role: 'regulator' };
const consumerId = '1e6e5c4a-8a55-4f7e-9d6c-5a4c3b2a1f00';
const parties: Parties = {
  ownerOf: async (assetId) => (assetId === 'asset-1' ? owner : null),
  consumerOf: async (requestId) => (requestId === 'req-1' ? { mspId: 'ConsumerMSP', uid: consumerId } : null),
};

const chain = (name: ChainEvent['event'], data: Record<string, unknown>, subjects: ChainEvent['subjects'] = { assetId: 'asset-1', requestId: 'req-1' }): ChainEvent => ({
  event: name, version: 1, txId: 'tx-1', timestamp: '2026-12-06T00:00:00.000Z', signer: regulator, subjects, data, blockNumber: '7',
});
const notices = (name: ChainEvent['event'], data: Record<string, unknown>, subjects?: ChainEvent['subjects']) => noticesFor(CHAIN_TOPICS[name], chain(name, data, subjects), parties);

describe('noticesFor', () => {
  it('tells the owner of a new request on their asset', async () => {
    const [notice, ...more] = await notices('AccessRequested', { consumer, owner, purpose: 'forecasting', durationSeconds: 60, escrowedCredits: 5, requiresRegulator: false });
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ kind: 'request.awaiting-owner', audience: owner, assetId: 'asset-1', requestId: 'req-1', details: { purpose: 'forecasting', consumerUid: 'consumer-1' } });
  });

  it('tells every regulator of a request the owner approved that waits for them', async () => {
    expect(await notices('RequestOwnerApproved', { consumer, sensitivity: 'sensitive', reason: 'ok' })).toMatchObject([{ kind: 'request.awaiting-regulator', audience: 'regulators' }]);
  });

  it('tells the requester of the decision on their request', async () => {
    expect(await notices('AccessGranted', { consumer, decidedBy: regulator, reason: 'lawful', expiresAt: '2026-12-07T00:00:00.000Z', maxDownloads: 1, paidCredits: 5 }))
      .toMatchObject([{ kind: 'request.approved', audience: consumer, details: { reason: 'lawful' } }]);
    expect(await notices('RequestRejected', { consumer, decidedBy: { ...owner, role: 'owner' }, reason: 'no', refundedCredits: 5 }))
      .toMatchObject([{ kind: 'request.rejected', audience: consumer, details: { reason: 'no' } }]);
  });

  it("tells each subscriber of the version their subscription received, and nobody of a plain registration", async () => {
    const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 60, maxDownloads: 1 };
    const asset = {
      docType: 'asset', id: 'asset-2', owner, title: 't', description: '', category: 'load-curve', sensitivity: 'internal', cid: 'b', ciphertextSha256: 'c', plaintextSha256: 'p', sizeBytes: 1,
      encryptionScheme: 'x', keyVersion: 1, priceCredits: 5, policy, status: 'active', product: { id: 'asset-1', version: 2, previousAssetId: 'asset-1' }, createdAt: '2026-12-06T00:00:00.000Z', updatedAt: '2026-12-06T00:00:00.000Z',
    };
    const deliveries = [{ subscriptionId: 'sub-1', requestId: 'sub-1:v2', consumer, paidCredits: 5, expiresAt: '2026-12-07T00:00:00.000Z', maxDownloads: 1 }];
    expect(await notices('AssetRegistered', { asset, deliveries }, { assetId: 'asset-2', uid: 'owner-1' })).toEqual([
      { kind: 'subscription.delivered', audience: consumer, assetId: 'asset-2', requestId: 'sub-1:v2', details: { subscriptionId: 'sub-1', version: 2, paidCredits: 5, expiresAt: '2026-12-07T00:00:00.000Z' } },
    ]);
    expect(await notices('AssetRegistered', { asset }, { assetId: 'asset-2', uid: 'owner-1' })).toEqual([]);
  });

  it('tells the requester their key was released, in the organisation the request names', async () => {
    const released = { assetId: '0d6e5c4a-8a55-4f7e-9d6c-5a4c3b2a1f00', requestId: 'req-1', consumerId, keyVersion: 2, recipientKeySha256: 'a'.repeat(64), commandId: '2e6e5c4a-8a55-4f7e-9d6c-5a4c3b2a1f00' };
    expect(await noticesFor(STORAGE_TOPICS.keyReleased, released, parties)).toEqual([
      { kind: 'key.released', audience: { uid: consumerId, mspId: 'ConsumerMSP' }, assetId: released.assetId, requestId: 'req-1', details: { keyVersion: 2 } },
    ]);
    // a request this service has not seen: the user is still told, no organisation's webhook is
    expect(await noticesFor(STORAGE_TOPICS.keyReleased, { ...released, requestId: 'req-unknown' }, parties)).toMatchObject([{ audience: { uid: consumerId, mspId: null } }]);
  });

  it('tells the owner of a frozen asset, and a frozen user, but no one of an asset it has not seen', async () => {
    expect(await notices('AssetFrozen', { reason: 'inquiry', by: regulator })).toMatchObject([{ kind: 'asset.frozen', audience: owner, details: { reason: 'inquiry' } }]);
    expect(await notices('AssetFrozen', { reason: 'inquiry', by: regulator }, { assetId: 'unknown' })).toEqual([]);
    expect(await notices('UserFrozen', { reason: 'fraud', by: regulator }, { uid: 'consumer-1' })).toMatchObject([{ kind: 'user.frozen', audience: { uid: 'consumer-1', mspId: null } }]);
  });

  it('tells the regulators of an integrity violation, from storage or from reconciliation', async () => {
    const fromStorage = { assetId: 'asset-1', cid: null, kind: 'not-pinned' as const, expected: null, actual: null, detectedBy: 'download' };
    const fromAudit = { runId: '3e6e5c4a-8a55-4f7e-9d6c-5a4c3b2a1f00', assetId: 'asset-1', kind: 'grant-mismatch' as const, where: 'access-policy', expected: 'x', actual: 'y' };
    expect(await noticesFor(STORAGE_TOPICS.integrityViolation, fromStorage, parties)).toMatchObject([{ kind: 'integrity.violation', audience: 'regulators', details: { finding: 'not-pinned', where: 'download' } }]);
    expect(await noticesFor(AUDIT_TOPICS.integrityViolation, fromAudit, parties)).toMatchObject([{ kind: 'integrity.violation', audience: 'regulators', details: { finding: 'grant-mismatch', where: 'access-policy' } }]);
  });

  it('tells no one of events that concern no one', async () => {
    expect(await notices('AssetUnfrozen', { reason: 'cleared', by: regulator })).toEqual([]);
  });

  it('names the organisation whose webhooks hear of a notice', () => {
    expect(organisationOf('regulators')).toBe('RegulatorMSP');
    expect(organisationOf(owner)).toBe('GridMSP');
    expect(organisationOf({ uid: 'x', mspId: null })).toBeNull();
  });
});
