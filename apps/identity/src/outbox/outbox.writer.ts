import { randomUUID } from 'node:crypto';
import { cloudEvent, type Topic, type TopicPayloads } from '@gridledger/contracts';
import type { EntityManager } from 'typeorm';
import { OutboxEntity } from '../database/entities.ts';

export const EVENT_SOURCE = '/gridledger/identity';

/**
 * Writes an event inside the caller's transaction, so the change and its event are stored
 * together or not at all; the relay publishes it to Kafka afterwards. The typed topic map
 * makes a payload that does not fit its topic a compile error.
 */
export async function writeEvent<T extends Topic>(manager: EntityManager, topic: T, key: string, data: TopicPayloads[T]): Promise<void> {
  const id = randomUUID();
  const row = new OutboxEntity();
  row.id = id;
  row.topic = topic;
  row.messageKey = key;
  row.envelope = cloudEvent({ id, source: EVENT_SOURCE, type: topic, subject: key, time: new Date(), data }) as unknown as Record<string, unknown>;
  row.publishedAt = null;
  await manager.save(row);
}
