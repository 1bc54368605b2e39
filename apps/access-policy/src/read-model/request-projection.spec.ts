import { typedChainEvent, type ChainEvent, type TypedChainEvent } from '@gridledger/contracts';
import { describe, expect, it } from 'vitest';
import { applyRequestEvent, type RequestState } from './request-projection.ts';

const owner = { mspId: 'GridMSP', uid: 'owner-1' };
const consumer = { mspId: 'ConsumerMSP', uid: 'consumer-1' };
const regulator = { mspId: 'RegulatorMSP', uid: 'reg-1', role: 'regulator' };
const ownerActor = { ...owner, role: 'owner' };
let tx = 0;
/** An event as a consumer gets it: its data checked against its name's schema, so the fakes here are what the chaincode emits. */
const event = (name: ChainEvent['event'], data: Record<string, unknown>, signer: ChainEvent['signer'] = ownerActor): TypedChainEvent =>
  typedChainEvent({
    event: name, version: 1, txId: `tx-${++tx}`, timestamp: `2026-11-24T10:00:0${tx % 10}.000Z`, signer,
    subjects: { assetId: 'asset-1', requestId: 'req-1', uid: consumer.uid }, data, blockNumber: String(tx),
  });

const requested = event('AccessRequested', { consumer, owner, purpose: 'load-forecasting', durationSeconds: 3600, escrowedCredits: 100, requiresRegulator: true }, { ...consumer, role: 'consumer' });

describe('applyRequestEvent', () => {
  it('plays a sensitive request through owner and regulator approval to a grant, then downloads', () => {
    let state = applyRequestEvent(null, requested);
    expect(state).toMatchObject({ status: 'pending-owner', priceCredits: 100, requiresRegulator: true, owner, consumer, purpose: 'load-forecasting' });
    state = applyRequestEvent(state, event('RequestOwnerApproved', { consumer, sensitivity: 'sensitive', reason: 'fine by us' }));
    expect(state).toMatchObject({ status: 'pending-regulator', decisions: [{ decision: 'approved', reason: 'fine by us', by: { uid: 'owner-1' } }] });
    state = applyRequestEvent(state, event('AccessGranted', { consumer, decidedBy: regulator, reason: 'lawful planning', expiresAt: '2026-11-24T11:00:00.000Z', maxDownloads: 5, paidCredits: 100 }, regulator));
    expect(state).toMatchObject({ status: 'granted', grantExpiresAt: '2026-11-24T11:00:00.000Z', maxDownloads: 5, remainingDownloads: 5 });
    // the granter's reason, which the event carries since 2026-12-05
    expect(state?.decisions[1]).toMatchObject({ decision: 'approved', reason: 'lawful planning' });
    expect(state?.decisions.map((d) => d.by.uid)).toEqual(['owner-1', 'reg-1']);
    state = applyRequestEvent(state, event('KeyReleased', { consumer, keyVersion: 1, remainingDownloads: 4 }, { ...consumer, role: 'consumer' }));
    expect(state?.remainingDownloads).toBe(4);
  });

  it('ends a request on rejection, revocation or expiry with the reason', () => {
    const pending = applyRequestEvent(null, requested);
    expect(applyRequestEvent(pending, event('RequestRejected', { consumer, decidedBy: ownerActor, reason: 'not for billing', refundedCredits: 100 }))).toMatchObject({ status: 'rejected', decisions: [{ decision: 'rejected', reason: 'not for billing' }] });
    expect(applyRequestEvent(pending, event('RequestExpired', { consumer, previousStatus: 'pending-owner', refundedCredits: 100 }))).toMatchObject({ status: 'expired' });
    const granted = applyRequestEvent(pending, event('AccessGranted', { consumer, decidedBy: ownerActor, expiresAt: '2026-11-24T11:00:00.000Z', maxDownloads: 2, paidCredits: 100 }));
    // a grant emitted before the event carried its reason
    expect(granted?.decisions).toMatchObject([{ decision: 'approved', reason: '' }]);
    expect(applyRequestEvent(granted, event('GrantRevoked', { consumer, reason: 'contract ended', refundedCredits: 0 }))).toMatchObject({ status: 'revoked' });
  });

  it('applies an event once, and refuses what it cannot place', () => {
    const pending = applyRequestEvent(null, requested) as RequestState;
    expect(applyRequestEvent(pending, requested)).toBe(pending);
    const approved = event('RequestOwnerApproved', { consumer, sensitivity: 'sensitive', reason: 'ok' });
    const once = applyRequestEvent(pending, approved);
    expect(applyRequestEvent(once, approved)).toBeNull();
    // a decision about a request whose creation was never seen: the read model needs a rebuild, not a guess
    expect(applyRequestEvent(null, event('AccessGranted', { consumer, decidedBy: ownerActor, maxDownloads: 1, paidCredits: 0 }))).toBeNull();
    expect(applyRequestEvent(pending, event('AssetFrozen', { reason: 'inspection', by: regulator }, regulator))).toBeNull();
  });

  it('refuses an event whose data is not what its name carries, rather than project a guess', () => {
    expect(() => event('AccessGranted', { consumer, maxDownloads: 'five' })).toThrow(/maxDownloads/);
  });
});
