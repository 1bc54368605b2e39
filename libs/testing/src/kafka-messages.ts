import { SendRetryWatch } from '@gridledger/kafka-client';
import { randomUUID } from 'node:crypto';
import type { Message } from 'kafkajs';
import type { CloudEvent } from '@gridledger/contracts';
import { testKafka } from './kafka-clients.ts';

export interface ReceivedMessage {
  key: string;
  value: unknown;
  headers: Record<string, string>;
}

export type ReceivedEnvelope = CloudEvent<Record<string, unknown>>;

/**
 * A received record as the CloudEvent it should be. A record that is not one (the hostile-client
 * suite publishes poison on the topics services consume, and a stack that is not reset keeps it)
 * reads as an empty event, so a test's predicate passes over it instead of throwing.
 */
export function envelopeOf(message: ReceivedMessage): ReceivedEnvelope {
  const value = message.value as Partial<ReceivedEnvelope> | null;
  if (value && typeof value === 'object' && value.data && typeof value.data === 'object') return value as ReceivedEnvelope;
  return { specversion: '1.0', id: '', source: '', type: '', time: '', data: {} } as unknown as ReceivedEnvelope;
}

/**
 * Reads a topic from the beginning with a consumer group of its own (committed records only, as
 * every consumer of the platform's topics should) until `done` says so; fails after the timeout.
 * `done` is asked after every fetched batch and every 250 ms.
 */
async function readTopic(topic: string, done: (received: ReceivedMessage[], idleMs: number) => boolean, timeoutMs: number, failure: (count: number) => string): Promise<ReceivedMessage[]> {
  const kafka = testKafka('test-reader');
  // the topic may not exist yet when the test starts waiting for its first event
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
  const received: ReceivedMessage[] = [];
  let lastArrival = Date.now();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        clearInterval(ticker);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => finish(new Error(failure(received.length))), timeoutMs);
      const ticker = setInterval(() => {
        if (done(received, Date.now() - lastArrival)) finish();
      }, 250);
      // `done` is asked once per fetched batch, not per record: a predicate that scans what was
      // read would otherwise cost the square of a long topic's length
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            const text = message.value?.toString() ?? '';
            let value: unknown = text;
            try {
              value = JSON.parse(text);
            } catch {
              // not JSON: kept as text
            }
            const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']));
            received.push({ key: message.key?.toString() ?? '', value, headers });
          }
          if (batch.messages.length > 0) lastArrival = Date.now();
          if (done(received, 0)) finish();
        },
      });
    });
    return received;
  } finally {
    await consumer.disconnect();
  }
}

/**
 * Reads a topic from the beginning until `wanted` says every expected message has arrived; fails
 * after the timeout naming the topic. For asserting that events really reach Kafka, not just an outbox.
 */
export function waitForMessages(topic: string, wanted: (received: ReceivedMessage[]) => boolean, timeoutMs = 30_000): Promise<ReceivedMessage[]> {
  return readTopic(topic, (received) => wanted(received), timeoutMs, (count) => `the expected messages did not arrive on ${topic} within ${timeoutMs} ms (${count} read)`);
}

/**
 * Everything on a topic, for counting: reads from the beginning until `wanted` holds and then no
 * record has arrived for `idleMs`, so a duplicate published after the last expected record is counted too.
 */
export function readAllMessages(topic: string, wanted: (received: ReceivedMessage[]) => boolean, { idleMs = 5_000, timeoutMs = 300_000 } = {}): Promise<ReceivedMessage[]> {
  return readTopic(topic, (received, idle) => idle >= idleMs && wanted(received), timeoutMs, (count) => `${topic} did not settle with the expected messages within ${timeoutMs} ms (${count} read)`);
}

/**
 * Publishes records as a service's outbox relay does: in one Kafka transaction, committed or
 * aborted as a whole, and aborted too when kafkajs retried the send, which on several brokers can
 * leave records out or send them twice (see SendRetryWatch in libs/kafka-client): the ha chaos suite's
 * 20-second pause of a partition leader once lost two of 150 commands the publisher had been told
 * were written. Consumers read committed records only (kafkajs's default, and every service's).
 *
 * A transaction whose commit or abort never reached a coordinator (its broker was killed) stays
 * open, and read-committed consumers read nothing after it in its partitions until it ends. A
 * relay ends it at once, by starting again under the same transactional id; publishers that stand
 * in for one across a failure pass their own `transactionalId` for the same reason (the ha chaos
 * suite's commands stalled 60–70 s behind such a transaction when every call took a fresh id).
 * Any other dangling transaction is aborted by its coordinator after `transactionTimeout`, 15 s
 * here rather than kafkajs's 60.
 */
export async function publishMessages(topic: string, messages: Message[], { transactionalId = `gridledger-test-publisher-${randomUUID()}` }: { transactionalId?: string } = {}): Promise<void> {
  for (let send = 1; ; send += 1) {
    // a fresh producer for every attempt: after a retried send, the broker could take the same
    // producer's next write for a duplicate of the aborted one and write nothing (see OutboxRelay)
    const watch = new SendRetryWatch();
    const producer = testKafka('test-publisher').producer({ transactionalId, transactionTimeout: 15_000, idempotent: true, maxInFlightRequests: 1, createPartitioner: watch.createPartitioner });
    await producer.connect();
    try {
      const transaction = await producer.transaction();
      try {
        watch.begin();
        for (let i = 0; i < messages.length; i += 500) await transaction.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });
        if (!watch.retried(messages.length)) {
          await transaction.commit();
          return;
        }
        if (send >= 5) throw new Error(`the Kafka client retried ${send} sends in a row`);
        await transaction.abort();
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw error;
      }
    } finally {
      await producer.disconnect();
    }
  }
}
