import type { DeliveryMeta } from '@gridledger/messaging';
import type pg from 'pg';
import { Observable, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { InboxConsumers, OpenedGroup } from './inbox-consumers.ts';
import { InboxBatchContext, InboxContext } from './inbox-context.ts';
import { INBOX_GROUP, type InboxGroup } from './inbox-events.decorator.ts';
import { InboxTransport } from './inbox-transport.ts';

const tx = { query: async () => ({ rows: [] }) } as unknown as pg.PoolClient;
const meta = (topic: string): DeliveryMeta => ({ topic, partition: 0, offset: '0', key: 'k', headers: {}, attempt: 1, lastAttempt: false });
const event = (id: string) => ({ specversion: '1.0', id, source: 's', type: 't', time: '2026-12-05T00:00:00Z', datacontenttype: 'application/json', subject: 'k', data: { id } });
const group = (groupId: string, topics: string[], extra: Partial<InboxGroup> = {}): InboxGroup => ({ groupId, clientId: groupId, logContext: groupId, topics, schemas: () => undefined, ...extra });

/** A transport over consumers that only record what they were asked to open. */
function transportWith(handlers: { group: InboxGroup; method: (data: unknown, ctx: unknown) => unknown }[]) {
  const opened: OpenedGroup[][] = [];
  const consumers = { open: async (groups: OpenedGroup[]) => void opened.push(groups), close: async () => undefined } as unknown as InboxConsumers;
  const transport = new InboxTransport(consumers);
  // what Nest does for each pattern of an @InboxEvents method: one wrapped handler per topic
  for (const { group: g, method } of handlers) for (const topic of g.topics) transport.addHandler(topic, async (data: unknown, ctx: unknown) => method(data, ctx), true, { [INBOX_GROUP]: g });
  const listen = () => new Promise<OpenedGroup[]>((resolve, reject) => void transport.listen((error) => (error ? reject(error) : resolve(opened[0] ?? []))));
  return { listen };
}

describe('InboxTransport', () => {
  it('makes one consumer group of a method with several topics, and hands each event over with its transaction and delivery', async () => {
    const seen: unknown[] = [];
    const g = group('gridledger-x-read-model', ['a.v1', 'b.v1'], { concurrency: 4 });
    const [opened, ...others] = await transportWith([{ group: g, method: (data, ctx) => seen.push([data, ctx]) }]).listen();
    expect(others).toEqual([]);
    expect(opened?.group).toBe(g);
    expect(opened?.batchHandler).toBeUndefined();
    await opened?.handler(tx, event('e1') as never, meta('b.v1'));
    const [[data, ctx]] = seen as [[unknown, InboxContext]];
    expect(data).toMatchObject({ id: 'e1' });
    expect(ctx).toBeInstanceOf(InboxContext);
    expect(ctx.tx).toBe(tx);
    expect(ctx.meta.topic).toBe('b.v1');
  });

  it('hands a batch group its deliveries, and one delivery of a batch taken apart as a batch of one', async () => {
    const batches: { size: number; ctx: unknown }[] = [];
    const [opened] = await transportWith([{ group: group('gridledger-audit', ['a.v1'], { batch: true }), method: (data, ctx) => batches.push({ size: (data as unknown[]).length, ctx }) }]).listen();
    await opened?.batchHandler?.(tx, [{ event: event('e1') as never, meta: meta('a.v1') }, { event: event('e2') as never, meta: meta('a.v1') }]);
    await opened?.handler(tx, event('e3') as never, meta('a.v1'));
    expect(batches.map((b) => b.size)).toEqual([2, 1]);
    expect(batches.every((b) => b.ctx instanceof InboxBatchContext && (b.ctx as InboxBatchContext).tx === tx)).toBe(true);
  });

  it("waits for a handler that answers with a stream, and fails with the handler's own error so the consumer retries it", async () => {
    let settled = false;
    const [ok] = await transportWith([{ group: group('g1', ['a.v1']), method: () => new Observable((subscriber) => void setTimeout(() => { settled = true; subscriber.complete(); }, 20)) }]).listen();
    await ok?.handler(tx, event('e1') as never, meta('a.v1'));
    expect(settled).toBe(true);
    const refusal = new Error('the asset is frozen');
    const [failing] = await transportWith([{ group: group('g2', ['a.v1']), method: () => throwError(() => refusal) }]).listen();
    await expect(failing?.handler(tx, event('e2') as never, meta('a.v1'))).rejects.toBe(refusal);
  });

  it('refuses to listen when a group is declared by two methods, or a handler names no group', async () => {
    await expect(transportWith([{ group: group('g', ['a.v1']), method: () => undefined }, { group: group('g', ['b.v1']), method: () => undefined }]).listen()).rejects.toThrow('the consumer group g is declared by two methods');
    const consumers = { open: async () => undefined } as unknown as InboxConsumers;
    const bare = new InboxTransport(consumers);
    bare.addHandler('a.v1', async () => undefined, true, {});
    await expect(new Promise((resolve, reject) => void bare.listen((error) => (error ? reject(error) : resolve(undefined))))).rejects.toThrow('the handler of a.v1 is not declared with @InboxEvents');
  });
});
