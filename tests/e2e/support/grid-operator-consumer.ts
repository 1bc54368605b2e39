import { randomUUID } from 'node:crypto';
import { outsideReader, removeOutsideReader, testKafka } from '@gridledger/testing';
import type { Consumer } from 'kafkajs';

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
 * topics (committed records only) as a read-only principal made with `kafka-user add`, with a
 * group under that principal's prefix, and keeping everything it sees.
 */
export class GridOperatorConsumer {
  readonly seen: SeenEvent[] = [];
  private consumer: Consumer | undefined;

  readonly principal = `grid-operator-${randomUUID().slice(0, 8)}`;

  async start(topics: string[]): Promise<void> {
    // the operator creates the topics a fresh stack does not have yet; a reader can create nothing
    const admin = testKafka('grid-operator-setup').admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: topics.map((topic) => ({ topic })), waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    const reader = outsideReader(this.principal);
    this.credentials = reader;
    const consumer = testKafka('grid-operator', reader).consumer({ groupId: `${this.principal}.story-${randomUUID()}`, readUncommitted: false });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        let envelope: { id: string; type: string; subject?: string; data: Record<string, unknown> };
        try {
          envelope = JSON.parse(message.value?.toString() ?? '{}') as typeof envelope;
        } catch {
          // a poison record (the hostile-client suite publishes some) is skipped, as an operator's consumer would
          return;
        }
        this.seen.push({ topic, id: envelope.id, type: envelope.type, subject: envelope.subject, key: message.key?.toString() ?? '', data: envelope.data });
      },
    });
    this.consumer = consumer;
  }

  /** the read-only principal's name and password, for a second client of the same operator */
  credentials: { username: string; password: string } | undefined;

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    removeOutsideReader(this.principal);
  }

  /** Everything seen whose Kafka key is `key` (an asset's events and its requests' share the asset id). */
  about(key: string): SeenEvent[] {
    return this.seen.filter((event) => event.key === key);
  }
}
