import { actors } from './test-support/fixtures.ts';
import { World } from './test-support/fabric-fake.ts';
import type { Context } from 'fabric-contract-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { ChaincodeError } from './errors.ts';
import { emit, sortableTime, type LineageEntry } from './events.ts';
import { KEY } from './keys.ts';

/** Transactions that only emit, to watch emit() on its own: their data is cut down on purpose (`as never`), as emit's mechanics do not depend on it. */
const emitter = {
  async AboutAsset(ctx: Context, assetId: string, requestId: string): Promise<string> {
    return JSON.stringify(await emit(ctx, 'AccessRequested', requestId ? { assetId, requestId, uid: 'bob' } : { assetId }, { purpose: 'planning', skipped: undefined } as never));
  },
  async AboutUser(ctx: Context, uid: string): Promise<string> {
    return JSON.stringify(await emit(ctx, 'UserFrozen', { uid }, { reason: 'x' } as never));
  },
};

describe('emit', () => {
  let world: World;
  beforeEach(() => {
    world = new World();
    world.setTime('2025-03-01T08:00:00.123Z');
  });

  it('sets one event stamped with the transaction and its signer, and returns the same payload', async () => {
    const outcome = await world.invoke(emitter, 'AboutAsset', actors.bob, 'a1', 'r1');
    const payload = {
      event: 'AccessRequested', version: 1, txId: outcome.txId, timestamp: '2025-03-01T08:00:00.123Z',
      signer: { mspId: 'ConsumerMSP', uid: 'bob', role: 'consumer' }, subjects: { assetId: 'a1', requestId: 'r1', uid: 'bob' }, data: { purpose: 'planning' },
    };
    expect(outcome.events).toEqual([{ name: 'AccessRequested', payload }]);
    expect(outcome.result).toEqual(payload);
  });

  it('appends the facts to the asset\'s lineage under a key ordered by time, then txId', async () => {
    const outcome = await world.invoke(emitter, 'AboutAsset', actors.bob, 'a1', 'r1');
    const key = world.compositeKey(KEY.lineage, 'a1', sortableTime(Date.parse('2025-03-01T08:00:00.123Z')), outcome.txId);
    expect(world.read<LineageEntry>(key)).toEqual({
      docType: 'lineage', assetId: 'a1', action: 'AccessRequested', txId: outcome.txId, timestamp: '2025-03-01T08:00:00.123Z',
      signer: { mspId: 'ConsumerMSP', uid: 'bob', role: 'consumer' }, requestId: 'r1', data: { purpose: 'planning' },
    });
    await world.invoke(emitter, 'AboutAsset', actors.bob, 'a1', '');
    expect(world.values<LineageEntry>(KEY.lineage, 'a1').map((e) => e.requestId)).toEqual(['r1', null]);
  });

  it('writes no lineage for events that touch no asset', async () => {
    await world.invoke(emitter, 'AboutUser', actors.rita, 'bob');
    expect(world.snapshot()).toEqual({});
  });

  it('refuses to emit for a caller who is not a platform user, so the whole transaction fails', async () => {
    const error = await world.invoke(emitter, 'AboutAsset', actors.peer, 'a1', 'r1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChaincodeError);
    expect((error as ChaincodeError).code).toBe('UNAUTHENTICATED');
    expect(world.snapshot()).toEqual({});
  });
});

describe('sortableTime', () => {
  it('pads to 15 digits so that key order is time order', () => {
    expect(sortableTime(0)).toBe('000000000000000');
    expect(sortableTime(1_740_816_000_123)).toBe('001740816000123');
    const times = [9, 10, 99_999, 1_000_000_000_000, 1_740_816_000_123];
    expect(times.map(sortableTime).sort()).toEqual(times.map(sortableTime));
  });
});
