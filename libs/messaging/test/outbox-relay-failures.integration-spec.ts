import { randomUUID } from 'node:crypto';
import type { Kafka, Producer, ProducerConfig } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxRelay } from '../src/index.ts';
import { createTopic, messagingDatabase, readTopic, recordCount, testKafka, waitFor, writeOutbox } from './support/messaging-fixture.ts';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The real client, except that the first `transaction()` of its first producer fails, as it does
 * when the transaction coordinator was on a broker that just died.
 */
function kafkaWhoseFirstTransactionFails(kafka: Kafka): Kafka {
  let failed = false;
  return new Proxy(kafka, {
    get(target, property, receiver) {
      if (property !== 'producer') return Reflect.get(target, property, receiver) as unknown;
      return (config?: ProducerConfig): Producer => {
        const producer = target.producer(config);
        const transaction = producer.transaction.bind(producer);
        producer.transaction = () => {
          if (failed) return transaction();
          failed = true;
          return Promise.reject(new Error('The coordinator is not available (injected)'));
        };
        return producer;
      };
    },
  });
}

describe('OutboxRelay after a failure before its transaction began', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('settles the tagged batch before the next one, so every row is sent once and none is marked unsent', async () => {
    const db = await messagingDatabase();
    cleanups.push(db.close);
    const kafka = testKafka();
    const topic = await createTopic(kafka, 'coordinator-lost', 3);
    const events = Array.from({ length: 30 }, (_, seq) => ({ key: `asset-${seq % 4}`, seq }));
    await writeOutbox(db.pool, topic, events);

    const options = { transactionalId: `relay-test-${randomUUID()}`, batchSize: 10, pollIntervalMs: 50, backoff: { initialMs: 50, maxMs: 200, factor: 2 }, logger: quiet };
    const relay = new OutboxRelay(db.pool, kafkaWhoseFirstTransactionFails(kafka), options);
    cleanups.push(() => relay.stop());
    relay.start();
    // the first batch's rows were tagged before the failure: they must be sent, not left behind
    await waitFor(
      async () => (await db.pool.query<{ n: number }>('select count(*)::int as n from outbox where published_at is null')).rows[0]?.n === 0,
      30_000,
      () => 'rows of the failed batch were left unpublished',
    );
    await relay.stop();

    // a restarted relay (whose recovery marks tagged rows below the committed batch as sent) finds nothing to do
    const again = new OutboxRelay(db.pool, kafka, options);
    cleanups.push(() => again.stop());
    await again.drainOnce();
    await again.stop();

    const received = await readTopic(kafka, topic, events.length, { settleMs: 1_500 });
    const seqs = received.map((r) => (JSON.parse(String(r.message.value)) as { data: { seq: number } }).data.seq);
    expect(new Set(seqs).size).toBe(events.length);
    expect(await recordCount(kafka, topic)).toBeGreaterThanOrEqual(events.length);
    expect(seqs).toHaveLength(events.length);
  });
});
