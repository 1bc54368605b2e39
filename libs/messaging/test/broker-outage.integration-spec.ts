import { setTimeout as sleep } from 'node:timers/promises';
import { killComponent, stackUp } from '@gridledger/testing';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { IdempotentConsumer, OutboxRelay } from '../src/index.ts';
import { createTopic, messagingDatabase, testKafka, waitFor, writeOutbox, type MessagingDatabase, type TestPayload } from './support/messaging-fixture.ts';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('Kafka broker killed during a burst of outbox writes', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    // whatever happened, leave the broker running for the tests after this one
    stackUp();
  });

  it('delivers every event after the broker restarts, each applied once', async () => {
    const db: MessagingDatabase = await messagingDatabase();
    cleanups.push(db.close);
    const kafka = testKafka();
    const topic = await createTopic(kafka, 'outage', 3);

    const relay = new OutboxRelay(db.pool, kafka, { batchSize: 50, pollIntervalMs: 50, transactionalId: `outage-${topic}`, backoff: { initialMs: 200, maxMs: 2_000, factor: 2 }, logger: quiet });
    cleanups.push(() => relay.stop());
    relay.start();
    const consumer = new IdempotentConsumer<TestPayload>({
      kafka, pool: db.pool, groupId: `outage-consumer-${topic}`, topics: [topic], schemas: { [topic]: z.object({ seq: z.number().int() }) }, logger: quiet,
      handler: async (tx, event, meta) => {
        await tx.query('insert into applied (event_id, topic) values ($1, $2)', [event.id, meta.topic]);
      },
    });
    cleanups.push(() => consumer.stop());
    await consumer.start();

    // a burst: 60 transactions of 25 events, the broker killed a third of the way in
    const ids: string[] = [];
    for (let round = 0; round < 60; round++) {
      if (round === 20) killComponent('kafka');
      ids.push(...(await writeOutbox(db.pool, topic, Array.from({ length: 25 }, (_, i) => ({ key: `asset-${i % 7}`, seq: round * 25 + i })))));
      await sleep(50);
    }
    // the outage really happened during the burst: the relay could not publish what came after the kill
    expect((await db.pool.query<{ n: number }>('select count(*)::int as n from outbox where published_at is null')).rows[0]?.n).toBeGreaterThan(500);
    stackUp();

    const applied = async () => (await db.pool.query<{ n: number; distinct: number }>('select count(*)::int as n, count(distinct event_id)::int as distinct from applied')).rows[0];
    await waitFor(async () => (await applied())?.distinct === ids.length, 180_000, () => `the consumer did not apply all ${ids.length} events after the broker came back`);
    await sleep(3_000);
    expect(await applied()).toEqual({ n: ids.length, distinct: ids.length });
    const { rows } = await db.pool.query<{ event_id: string }>('select event_id from applied');
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(ids));
    expect((await db.pool.query<{ n: number }>('select count(*)::int as n from outbox where published_at is null')).rows[0]?.n).toBe(0);
  }, 300_000);
});
