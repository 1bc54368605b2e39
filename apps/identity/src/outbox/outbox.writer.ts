import { randomUUID } from 'node:crypto';
import { cloudEvent, type Topic, type TopicPayloads } from '@gridledger/contracts';
import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { OutboxEntity } from '../database/entities.ts';

export const EVENT_SOURCE = '/gridledger/identity';

/**
 * Writes an event inside the caller's transaction, so the change and its event are stored
 * together or not at all; the relay publishes it to Kafka afterwards. The typed topic map
 * makes a payload that does not fit its topic a compile error.
 */
export async function writeEvent<T extends Topic>(manager: EntityManager, topic: T, key: string, data: TopicPayloads[T]): Promise<void> {
  await manager.save(outboxRow(topic, key, data));
}

/** Many events in one INSERT, inside the caller's transaction, for a batch of changes. */
export async function writeEvents<T extends Topic>(manager: EntityManager, topic: T, events: readonly { key: string; data: TopicPayloads[T] }[]): Promise<void> {
  if (events.length > 0) await manager.insert(OutboxEntity, events.map(({ key, data }) => outboxRow(topic, key, data)) as QueryDeepPartialEntity<OutboxEntity>[]);
}

function outboxRow<T extends Topic>(topic: T, key: string, data: TopicPayloads[T]): OutboxEntity {
  const id = randomUUID();
  const row = new OutboxEntity();
  row.id = id;
  row.topic = topic;
  row.messageKey = key;
  row.envelope = cloudEvent({ id, source: EVENT_SOURCE, type: topic, subject: key, time: new Date(), data }) as unknown as Record<string, unknown>;
  row.publishedAt = null;
  return row;
}
