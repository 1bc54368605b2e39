import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Message } from 'kafkajs';
import { stackConnections } from './stack-connections.ts';

export interface ReceivedMessage {
  key: string;
  value: unknown;
  headers: Record<string, string>;
}

/**
 * Reads a topic from the beginning, with a consumer group of its own, until `wanted` says every
 * expected message has arrived; fails after the timeout naming the topic. For asserting that
 * events really reach Kafka, not just an outbox.
 */
export async function waitForMessages(topic: string, wanted: (received: ReceivedMessage[]) => boolean, timeoutMs = 30_000): Promise<ReceivedMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: stackConnections().kafka.brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
  const received: ReceivedMessage[] = [];
  // the topic may not exist yet when the test starts waiting for its first event
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the expected messages did not arrive on ${topic} within ${timeoutMs} ms (${received.length} read)`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const text = message.value?.toString() ?? '';
          let value: unknown = text;
          try {
            value = JSON.parse(text);
          } catch {
            // not JSON: kept as text
          }
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']));
          received.push({ key: message.key?.toString() ?? '', value, headers });
          if (wanted(received)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    return received;
  } finally {
    await consumer.disconnect();
  }
}

/** Publishes records as a service's outbox relay would (idempotent producer, acks from all replicas). */
export async function publishMessages(topic: string, messages: Message[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-publisher', brokers: stackConnections().kafka.brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 500) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });
  } finally {
    await producer.disconnect();
  }
}
