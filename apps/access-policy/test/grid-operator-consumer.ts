import { randomUUID } from 'node:crypto';
import { stackConnections } from '@gridledger/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

export interface SeenEvent {
  topic: string;
  id: string;
  type: string;
  subject: string | undefined;
  key: string;
  data: Record<string, unknown>;
}

/**
 * A grid operator's own system: a plain Kafka consumer outside the platform, reading the public
 * topics (committed records only) with a group of its own, and keeping everything it sees.
 */
export class GridOperatorConsumer {
  readonly seen: SeenEvent[] = [];
  private consumer: Consumer | undefined;

  async start(topics: string[]): Promise<void> {
    const kafka = new Kafka({ clientId: 'grid-operator', brokers: stackConnections().kafka.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: topics.map((topic) => ({ topic })), waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    const consumer = kafka.consumer({ groupId: `grid-operator-${randomUUID()}`, readUncommitted: false });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? '{}') as { id: string; type: string; subject?: string; data: Record<string, unknown> };
        this.seen.push({ topic, id: envelope.id, type: envelope.type, subject: envelope.subject, key: message.key?.toString() ?? '', data: envelope.data });
      },
    });
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  /** Everything seen whose Kafka key is `key` (an asset's events and its requests' share the asset id). */
  about(key: string): SeenEvent[] {
    return this.seen.filter((event) => event.key === key);
  }
}
