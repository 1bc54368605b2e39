import { randomUUID } from 'node:crypto';
import { Partitioners, type Consumer, type Producer } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { testKafka } from '../src/index.ts';

describe('Kafka broker', () => {
  const kafka = testKafka('stack-test');
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;

  afterAll(async () => {
    await producer?.disconnect();
    await consumer?.disconnect();
  });

  it('delivers messages from an idempotent producer to a consumer group, in key order', async () => {
    const topic = `stack-test-${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();

    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const sent = Array.from({ length: 6 }, (_, i) => ({ key: `asset-${i % 2}`, value: `event-${i}` }));
    await producer.send({ topic, acks: -1, messages: sent });

    consumer = kafka.consumer({ groupId: `stack-test-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; value: string }[] = [];
    await new Promise<void>((resolve) => {
      void consumer?.run({
        eachMessage: async ({ message }) => {
          received.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' });
          if (received.length === sent.length) resolve();
        },
      });
    });

    expect(received).toHaveLength(sent.length);
    // one key always lands on one partition, so each aggregate's events stay in order
    for (const key of ['asset-0', 'asset-1']) {
      expect(received.filter((m) => m.key === key).map((m) => m.value)).toEqual(sent.filter((m) => m.key === key).map((m) => m.value));
    }
  });
});
