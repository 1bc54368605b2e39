import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
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
