import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CloudEvent } from '@gridledger/contracts';
import { deadLetterTopic, IdempotentConsumer, type BatchEventHandler, type EventHandler } from '../src/index.ts';
import { createTopic, header, messagingDatabase, produce, readTopic, testEvent, testKafka, waitFor, type MessagingDatabase, type TestPayload } from './support/messaging-fixture.ts';

const kafka = testKafka();
const payloadSchema = z.object({ seq: z.number().int() });
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('IdempotentConsumer', () => {
  let db: MessagingDatabase;
  const consumers: IdempotentConsumer<TestPayload>[] = [];

  beforeAll(async () => {
    db = await messagingDatabase();
  });
  afterEach(async () => {
    for (const consumer of consumers.splice(0)) await consumer.stop();
  });
  afterAll(async () => {
    await db?.close();
  });

  function consumer(topic: string, handler: EventHandler<TestPayload>, maxAttempts?: number, batchHandler?: BatchEventHandler<TestPayload>, relevant?: (event: CloudEvent<TestPayload>) => boolean): IdempotentConsumer<TestPayload> {
    const created = new IdempotentConsumer<TestPayload>({
      kafka,
      pool: db.pool,
      groupId: `group-${randomUUID()}`,
      topics: [topic],
      schemas: (t) => (t === topic ? payloadSchema : undefined),
      handler,
      logger: quiet,
      backoff: { initialMs: 50, maxMs: 200, factor: 2 },
      ...(maxAttempts === undefined ? {} : { maxAttempts }),
      ...(batchHandler ? { batchHandler } : {}),
      ...(relevant ? { relevant } : {}),
    });
    consumers.push(created);
    return created;
  }

  const recordApplied: EventHandler<TestPayload> = async (tx, event, meta) => {
    await tx.query('insert into applied (event_id, topic) values ($1, $2)', [event.id, meta.topic]);
  };

  async function appliedCount(eventId: string): Promise<number> {
    const { rows } = await db.pool.query<{ n: number }>('select count(*)::int as n from applied where event_id = $1', [eventId]);
    return rows[0]?.n ?? -1;
  }

  it('applies an event delivered twice only once', async () => {
    const topic = await createTopic(kafka, 'dup', 1);
    const event = testEvent(topic, 'asset-1', 1);
    const other = testEvent(topic, 'asset-1', 2);
    const value = JSON.stringify(event);
    await produce(kafka, topic, [
      { key: 'asset-1', value },
      { key: 'asset-1', value },
      { key: 'asset-1', value: JSON.stringify(other) },
    ]);
    const c = consumer(topic, recordApplied);
    await c.start();
    await waitFor(() => c.metrics.consumed === 3, 30_000, () => `consumed ${c.metrics.consumed} of 3`);

    expect(await appliedCount(event.id)).toBe(1);
    expect(await appliedCount(other.id)).toBe(1);
    expect(c.metrics.snapshot()).toMatchObject({ consumed: 3, applied: 2, duplicates: 1, deadLettered: 0 });
    const { rows } = await db.pool.query('select topic from processed_events where consumer_group = $1 and event_id = $2', [c.groupId, event.id]);
    expect(rows).toEqual([{ topic }]);
  });

  it('dead-letters poison messages with the reason and goes on to the next valid one', async () => {
    const topic = await createTopic(kafka, 'poison', 1);
    const badData = { ...testEvent(topic, 'asset-2', 1), data: { seq: 'not a number' } };
    const good = testEvent(topic, 'asset-2', 2);
    await produce(kafka, topic, [
      { key: 'asset-2', value: '{this is not json' },
      { key: 'asset-2', value: JSON.stringify(badData), headers: { ce_id: badData.id } },
      { key: 'asset-2', value: JSON.stringify(good) },
    ]);
    const c = consumer(topic, recordApplied);
    await c.start();
    await waitFor(() => c.metrics.applied === 1, 30_000, () => `applied ${c.metrics.applied}, dead-lettered ${c.metrics.deadLettered}`);

    expect(await appliedCount(good.id)).toBe(1);
    expect(await appliedCount(badData.id)).toBe(0);
    const dead = await readTopic(kafka, deadLetterTopic(topic), 2);
    expect(dead).toHaveLength(2);
    const [notJson, failsSchema] = dead.map((d) => d.message).sort((a, b) => Number(a.offset) - Number(b.offset));
    expect(notJson && header(notJson, 'dlq_reason')).toMatch(/not JSON/);
    expect(notJson?.value?.toString()).toBe('{this is not json');
    expect(failsSchema && header(failsSchema, 'dlq_reason')).toMatch(/does not match the schema.*seq/);
    // the original headers travel with it
    expect(failsSchema && header(failsSchema, 'ce_id')).toBe(badData.id);
    for (const [i, message] of [notJson, failsSchema].entries()) {
      expect(message && header(message, 'dlq_source_topic')).toBe(topic);
      expect(message && header(message, 'dlq_partition')).toBe('0');
      expect(message && header(message, 'dlq_offset')).toBe(String(i));
      expect(message?.key?.toString()).toBe('asset-2');
    }
    expect(c.metrics.snapshot()).toMatchObject({ consumed: 3, applied: 1, deadLettered: 2, retried: 0 });
  });

  it('retries a handler that fails twice and applies it once; dead-letters one that always fails after maxAttempts', async () => {
    const topic = await createTopic(kafka, 'retry', 1);
    const flaky = testEvent(topic, 'asset-3', 1);
    const broken = testEvent(topic, 'asset-3', 2);
    const after = testEvent(topic, 'asset-3', 3);
    const attempts = new Map<string, number[]>();
    const c = consumer(
      topic,
      async (tx, event, meta) => {
        attempts.set(event.id, [...(attempts.get(event.id) ?? []), meta.attempt]);
        // written before the failure: must be rolled back with the failed attempt
        await tx.query('insert into applied (event_id, topic) values ($1, $2)', [event.id, meta.topic]);
        if (event.id === broken.id) throw new Error('ledger unreachable');
        if (event.id === flaky.id && meta.attempt <= 2) throw new Error(`transient failure ${meta.attempt}`);
      },
      4,
    );
    await produce(kafka, topic, [flaky, broken, after].map((e) => ({ key: 'asset-3', value: JSON.stringify(e) })));
    await c.start();
    await waitFor(() => c.metrics.applied === 2, 30_000, () => `applied ${c.metrics.applied}, dead-lettered ${c.metrics.deadLettered}`);

    expect(attempts.get(flaky.id)).toEqual([1, 2, 3]);
    expect(attempts.get(broken.id)).toEqual([1, 2, 3, 4]);
    expect(await appliedCount(flaky.id)).toBe(1);
    expect(await appliedCount(broken.id)).toBe(0);
    expect(await appliedCount(after.id)).toBe(1);
    const { rows } = await db.pool.query('select event_id from processed_events where consumer_group = $1 and event_id = $2', [c.groupId, broken.id]);
    expect(rows).toEqual([]);
    const dead = await readTopic(kafka, deadLetterTopic(topic), 1);
    expect(dead).toHaveLength(1);
    const message = dead[0]?.message;
    expect(message && header(message, 'dlq_reason')).toBe('handler failed after 4 attempts: ledger unreachable');
    expect(message && JSON.parse(String(message.value))).toMatchObject({ id: broken.id });
    expect(c.metrics.snapshot()).toMatchObject({ consumed: 3, applied: 2, retried: 2 + 3, deadLettered: 1 });
  });

  it('in batch mode: one transaction per batch, duplicates applied once, a poison message dead-lettered, a failing event alone dead-lettered after the batch is taken apart', async () => {
    const topic = await createTopic(kafka, 'batch', 1);
    const events = Array.from({ length: 20 }, (_, seq) => testEvent(topic, 'asset-b', seq));
    const broken = events[7];
    if (!broken) throw new Error('no event 7');
    let batchCalls = 0;
    const c = consumer(
      topic,
      async (tx, event, meta) => {
        if (event.id === broken.id) throw new Error('cannot be applied');
        await recordApplied(tx, event, meta);
      },
      3,
      async (tx, deliveries) => {
        batchCalls += 1;
        for (const { event, meta } of deliveries) {
          if (event.id === broken.id) throw new Error('cannot be applied');
          await recordApplied(tx, event, meta);
        }
      },
    );
    await produce(kafka, topic, [
      ...events.map((e) => ({ key: 'asset-b', value: JSON.stringify(e) })),
      { key: 'asset-b', value: JSON.stringify(events[3]) },
      { key: 'asset-b', value: '{not json' },
    ]);
    await c.start();
    await waitFor(() => c.metrics.applied === 19, 30_000, () => `applied ${c.metrics.applied}, dead-lettered ${c.metrics.deadLettered}`);

    for (const event of events) expect(await appliedCount(event.id)).toBe(event.id === broken.id ? 0 : 1);
    const dead = await readTopic(kafka, deadLetterTopic(topic), 2);
    const reasons = dead.map((d) => header(d.message, 'dlq_reason') ?? '');
    expect(reasons.filter((r) => /^handler failed after 3 attempts: cannot be applied/.test(r))).toHaveLength(1);
    expect(reasons.filter((r) => /not JSON/.test(r))).toHaveLength(1);
    expect(batchCalls).toBeGreaterThanOrEqual(2);
    expect(c.metrics.snapshot()).toMatchObject({ consumed: 22, applied: 19, duplicates: 1, deadLettered: 2 });
  });

  it.each([['one by one', false], ['in batches', true]])('%s: skips events that are not its business without applying or recording them, and commits past them', async (_mode, batched) => {
    const topic = await createTopic(kafka, 'relevant', 1);
    const events = Array.from({ length: 10 }, (_, seq) => testEvent(topic, 'asset-r', seq));
    const ours = (event: CloudEvent<TestPayload>) => event.data.seq % 2 === 0;
    const batchHandler: BatchEventHandler<TestPayload> = async (tx, deliveries) => {
      for (const { event, meta } of deliveries) await recordApplied(tx, event, meta);
    };
    const c = consumer(topic, recordApplied, undefined, batched ? batchHandler : undefined, ours);
    await produce(kafka, topic, events.map((e) => ({ key: 'asset-r', value: JSON.stringify(e) })));
    await c.start();
    await waitFor(() => c.metrics.consumed === 10, 30_000, () => `consumed ${c.metrics.consumed} of 10`);
    await waitFor(async () => (await c.lag()).total === 0, 30_000, () => 'the offsets past the skipped events are not committed');

    for (const event of events) expect(await appliedCount(event.id)).toBe(ours(event) ? 1 : 0);
    const { rows } = await db.pool.query<{ n: number }>('select count(*)::int as n from processed_events where consumer_group = $1', [c.groupId]);
    expect(rows[0]?.n).toBe(5);
    expect(c.metrics.snapshot()).toMatchObject({ consumed: 10, applied: 5, skipped: 5, duplicates: 0 });
  });

  it('reports lag: above zero before consuming, zero once everything is committed', async () => {
    const topic = await createTopic(kafka, 'lag', 2);
    const events = Array.from({ length: 6 }, (_, seq) => testEvent(topic, `asset-${seq % 3}`, seq));
    await produce(kafka, topic, events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })));
    const c = consumer(topic, recordApplied);

    const before = await c.lag();
    expect(before.total).toBe(events.length);
    expect(before.partitions.map((p) => p.committed)).toEqual([null, null]);

    await c.start();
    await waitFor(() => c.metrics.applied === events.length, 30_000, () => `applied ${c.metrics.applied} of ${events.length}`);
    // kafkajs commits after each batch resolves; poll until the commit is visible
    await waitFor(async () => (await c.lag()).total === 0, 20_000, () => 'lag did not reach 0');
    const after = await c.lag();
    expect(after.partitions.every((p) => p.lag === 0 && p.committed !== null)).toBe(true);
  });
});
