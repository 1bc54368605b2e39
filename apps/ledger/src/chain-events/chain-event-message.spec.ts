import { describe, expect, it } from 'vitest';
import { toOutboxMessage, type RawChaincodeEvent } from './chain-event-message.ts';

const payload = (overrides: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      event: 'AccessGranted',
      version: 1,
      txId: 'tx-1',
      timestamp: '2026-11-24T08:00:00.000Z',
      signer: { mspId: 'RegulatorMSP', uid: 'reg-1', role: 'regulator' },
      subjects: { assetId: 'asset-9', requestId: 'req-3', uid: 'con-1' },
      data: { expiresAt: '2026-11-25T08:00:00.000Z' },
      ...overrides,
    }),
  );

const event = (overrides: Partial<RawChaincodeEvent> = {}): RawChaincodeEvent => ({
  blockNumber: 42n,
  transactionId: 'tx-1',
  eventName: 'AccessGranted',
  payload: payload(),
  ...overrides,
});

describe('toOutboxMessage', () => {
  it('maps a chaincode event to its topic, keyed by the asset, with the transaction id as the event id', () => {
    const mapped = toOutboxMessage(event());
    if (!('message' in mapped)) throw new Error(mapped.skipped);
    expect(mapped.message).toMatchObject({ id: 'tx-1', topic: 'gridledger.chain.access-granted.v1', key: 'asset-9' });
    expect(mapped.message.envelope).toMatchObject({
      specversion: '1.0', id: 'tx-1', type: 'gridledger.chain.access-granted.v1', subject: 'asset-9', time: '2026-11-24T08:00:00.000Z',
      data: { blockNumber: '42', event: 'AccessGranted', signer: { uid: 'reg-1' } },
    });
  });

  it('is the same message every time, so a replay after a crash is a no-op in the outbox', () => {
    expect(toOutboxMessage(event())).toEqual(toOutboxMessage(event()));
  });

  it('keys events without an asset by request, then user, then transaction', () => {
    const keyOf = (subjects: Record<string, string>) => {
      const mapped = toOutboxMessage(event({ eventName: 'UserFrozen', payload: payload({ event: 'UserFrozen', subjects }) }));
      return 'message' in mapped ? mapped.message.key : mapped.skipped;
    };
    expect(keyOf({ uid: 'con-1' })).toBe('con-1');
    expect(keyOf({})).toBe('tx-1');
  });

  it('skips, with a reason, what is not a known, well-formed chaincode event', () => {
    expect(toOutboxMessage(event({ eventName: 'SomethingNew' }))).toEqual({ skipped: 'unknown event name SomethingNew' });
    expect(toOutboxMessage(event({ payload: Buffer.from('not json') }))).toMatchObject({ skipped: expect.stringContaining('not JSON') });
    expect(toOutboxMessage(event({ payload: payload({ version: 2 }) }))).toMatchObject({ skipped: expect.stringContaining('does not match the contract') });
  });
});
