import { platformIdentity, World } from './fabric-fake.ts';
import type { Context } from 'fabric-contract-api';
import { ChaincodeStub } from 'fabric-shim';
import { beforeEach, describe, expect, it } from 'vitest';

/** A contract-shaped object whose transactions exercise the stub directly. */
const probe = {
  async Put(ctx: Context, key: string, value: string): Promise<string> {
    await ctx.stub.putState(key, Buffer.from(value));
    return JSON.stringify({ readBack: Buffer.from(await ctx.stub.getState(key)).toString() });
  },
  async PutThenFail(ctx: Context, key: string): Promise<string> {
    await ctx.stub.putState(key, Buffer.from('partial'));
    ctx.stub.setEvent('Half', Buffer.from('{}'));
    throw new Error('FAILED_PRECONDITION: stop');
  },
  async Delete(ctx: Context, key: string): Promise<string> {
    await ctx.stub.deleteState(key);
    return '{}';
  },
  async PutComposite(ctx: Context, type: string, ...attributes: string[]): Promise<string> {
    await ctx.stub.putState(ctx.stub.createCompositeKey(type, attributes), Buffer.from([0]));
    return '{}';
  },
  async Scan(ctx: Context, type: string, ...attributes: string[]): Promise<string> {
    const iterator = await ctx.stub.getStateByPartialCompositeKey(type, attributes);
    const keys: string[][] = [];
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) keys.push(ctx.stub.splitCompositeKey(r.value.key).attributes);
    await iterator.close();
    return JSON.stringify(keys);
  },
  async Page(ctx: Context, type: string, size: string, bookmark: string): Promise<string> {
    const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(type, [], Number(size), bookmark);
    const ids: (string | undefined)[] = [];
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) ids.push(ctx.stub.splitCompositeKey(r.value.key).attributes.at(-1));
    return JSON.stringify({ ids, ...metadata });
  },
  async PageThenWrite(ctx: Context): Promise<string> {
    await ctx.stub.getStateByPartialCompositeKeyWithPagination('t', [], 1, '');
    await ctx.stub.putState('x', Buffer.from('1'));
    return '{}';
  },
  async History(ctx: Context, key: string): Promise<string> {
    const iterator = await ctx.stub.getHistoryForKey(key);
    const out: { txId: string; isDelete: boolean; value: string; seconds: number; nanos: number }[] = [];
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      out.push({ txId: r.value.txId, isDelete: r.value.isDelete, value: Buffer.from(r.value.value).toString(), seconds: Number(r.value.timestamp.seconds), nanos: r.value.timestamp.nanos });
    }
    return JSON.stringify(out);
  },
  async Clock(ctx: Context): Promise<string> {
    const ts = ctx.stub.getTxTimestamp();
    return JSON.stringify({ txId: ctx.stub.getTxID(), date: ctx.stub.getDateTimestamp().toISOString(), seconds: Number(ts.seconds), nanos: ts.nanos });
  },
  async Events(ctx: Context): Promise<string> {
    ctx.stub.setEvent('First', Buffer.from('{"n":1}'));
    ctx.stub.setEvent('Second', Buffer.from('{"n":2}'));
    return '{}';
  },
  async Endorse(ctx: Context, key: string): Promise<string> {
    await ctx.stub.setStateValidationParameter(key, Buffer.from([1, 2, 3]));
    return '{}';
  },
  async Who(ctx: Context): Promise<string> {
    const id = ctx.clientIdentity;
    return JSON.stringify({ msp: id.getMSPID(), role: id.getAttributeValue('gridledger.role'), missing: id.getAttributeValue('hf.Affiliation'), id: id.getID() });
  },
};

const someone = platformIdentity('GridMSP', 'owner', 'alice');
const realStub = ChaincodeStub.prototype as unknown as { createCompositeKey(t: string, a: string[]): string; splitCompositeKey(k: string): { objectType: string; attributes: string[] } };

describe('the fake Fabric peer', () => {
  let world: World;
  beforeEach(() => {
    world = new World();
  });

  it('builds and splits composite keys exactly as fabric-shim does', () => {
    for (const [type, attributes] of [['asset', ['a1']], ['asset-by-owner', ['alice', 'a1']], ['lineage', ['a1', '000001740816000', 'tx1']], ['asset', []]] as const) {
      const key = world.compositeKey(type, ...attributes);
      expect(key).toBe(realStub.createCompositeKey(type, [...attributes]));
      expect(key).toBe(`\u0000${type}\u0000${attributes.map((a) => `${a}\u0000`).join('')}`);
    }
    expect(() => world.compositeKey('asset', '')).toThrow(/non-zero length/);
  });

  it('commits the writes of a successful transaction, with no read-your-writes inside it', async () => {
    const first = await world.invoke(probe, 'Put', someone, 'k', 'v1');
    expect(first.result).toEqual({ readBack: '' });
    expect(world.committed('k')?.toString()).toBe('v1');
    expect((await world.invoke(probe, 'Put', someone, 'k', 'v2')).result).toEqual({ readBack: 'v1' });
  });

  it('discards the writes and events of a transaction that throws', async () => {
    await world.invoke(probe, 'Put', someone, 'k', 'v1');
    const before = world.snapshot();
    await expect(world.invoke(probe, 'PutThenFail', someone, 'k')).rejects.toThrow('FAILED_PRECONDITION: stop');
    expect(world.snapshot()).toEqual(before);
    expect((await world.invoke(probe, 'History', someone, 'k')).result).toHaveLength(1);
  });

  it('deletes with deleteState and with an empty value', async () => {
    await world.invoke(probe, 'Put', someone, 'a', 'x');
    await world.invoke(probe, 'Put', someone, 'b', 'x');
    await world.invoke(probe, 'Delete', someone, 'a');
    await world.invoke(probe, 'Put', someone, 'b', '');
    expect(world.snapshot()).toEqual({});
  });

  it('scans a partial composite key in key order, matching whole attributes only', async () => {
    for (const [owner, id] of [['bob', 'z'], ['alice', 'b'], ['alice', 'a'], ['alicex', 'c']]) await world.invoke(probe, 'PutComposite', someone, 'by-owner', owner as string, id as string);
    await world.invoke(probe, 'PutComposite', someone, 'by-owner-x', 'alice', 'q');
    expect((await world.invoke(probe, 'Scan', someone, 'by-owner', 'alice')).result).toEqual([['alice', 'a'], ['alice', 'b']]);
    expect((await world.invoke(probe, 'Scan', someone, 'by-owner')).result).toHaveLength(4);
  });

  it('pages with bookmarks that resume where the last page stopped, and an empty bookmark at the end', async () => {
    for (const id of ['e', 'c', 'a', 'd', 'b']) await world.invoke(probe, 'PutComposite', someone, 't', id);
    const page1 = await world.evaluate(probe, 'Page', someone, 't', '2', '');
    expect(page1).toEqual({ ids: ['a', 'b'], fetchedRecordsCount: 2, bookmark: world.compositeKey('t', 'c') });
    const page2 = await world.evaluate(probe, 'Page', someone, 't', '2', String(page1['bookmark']));
    expect(page2).toMatchObject({ ids: ['c', 'd'], bookmark: world.compositeKey('t', 'e') });
    const page3 = await world.evaluate(probe, 'Page', someone, 't', '2', String(page2['bookmark']));
    expect(page3).toEqual({ ids: ['e'], fetchedRecordsCount: 1, bookmark: '' });
  });

  it('refuses writes in a transaction that ran a paginated query, as Fabric does', async () => {
    await expect(world.invoke(probe, 'PageThenWrite', someone)).rejects.toThrow(/paginated query/);
    expect(world.snapshot()).toEqual({});
  });

  it('keeps each key\'s history, newest first, with txId and timestamp', async () => {
    const t1 = await world.invoke(probe, 'Put', someone, 'k', 'v1');
    world.advance(60_000);
    const t2 = await world.invoke(probe, 'Delete', someone, 'k');
    const history = (await world.invoke<typeof probe, 'History', unknown[]>(probe, 'History', someone, 'k')).result;
    expect(history).toEqual([
      { txId: t2.txId, isDelete: true, value: '', seconds: Math.floor(t2.time / 1000), nanos: (t2.time % 1000) * 1e6 },
      { txId: t1.txId, isDelete: false, value: 'v1', seconds: Math.floor(t1.time / 1000), nanos: 0 },
    ]);
  });

  it('gives each transaction a new txId and the clock\'s time, then ticks the clock', async () => {
    world.setTime('2025-06-01T00:00:00.250Z');
    const a = await world.invoke(probe, 'Clock', someone);
    const b = await world.invoke(probe, 'Clock', someone);
    expect(a.result).toEqual({ txId: a.txId, date: '2025-06-01T00:00:00.250Z', seconds: Date.parse('2025-06-01T00:00:00Z') / 1000, nanos: 250_000_000 });
    expect(b.result['date']).toBe('2025-06-01T00:00:01.250Z');
    expect(a.txId).not.toBe(b.txId);
  });

  it('records every event set, the last being the one Fabric delivers', async () => {
    const outcome = await world.invoke(probe, 'Events', someone);
    expect(outcome.events.map((e) => e.name)).toEqual(['First', 'Second']);
    expect(outcome.event?.name).toBe('Second');
  });

  it('applies key-level endorsement policies on commit only', async () => {
    await world.invoke(probe, 'Endorse', someone, 'k');
    expect(world.validationParameter('k')).toEqual(Buffer.from([1, 2, 3]));
    expect(world.validationParameter('other')).toBeUndefined();
  });

  it('refuses, in evaluate, a query that writes', async () => {
    await expect(world.evaluate(probe, 'Put', someone, 'k', 'v')).rejects.toThrow(/query Put wrote 1 key/);
    expect(world.snapshot()).toEqual({});
  });

  it('answers identity questions from the certificate, null for absent attributes', async () => {
    expect((await world.invoke(probe, 'Who', someone)).result).toEqual({ msp: 'GridMSP', role: 'owner', missing: null, id: 'x509::/CN=alice::/CN=ca.gridmsp' });
  });
});
