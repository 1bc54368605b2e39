import type { Message } from 'kafkajs';

/** One unpublished row of the outbox table, as the relay reads it. */
export interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  /** a CloudEvents 1.0 object; `pg` has already parsed the jsonb */
  envelope: Record<string, unknown>;
}

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

/**
 * The Kafka record for one outbox row: structured-mode CloudEvent as the value, the aggregate id
 * as the key (so one aggregate's events share a partition and stay ordered), and the event id and
 * type as headers so routers and dashboards need not parse the value.
 */
export function toKafkaMessage(row: OutboxRow): Message {
  const { id, type } = row.envelope;
  return {
    key: row.message_key,
    value: JSON.stringify(row.envelope),
    headers: {
      // the envelope id is what consumers deduplicate on; the row id is the same value when written by the outbox writer
      ce_id: typeof id === 'string' ? id : row.id,
      ce_type: typeof type === 'string' ? type : row.topic,
      'content-type': CLOUDEVENTS_CONTENT_TYPE,
    },
  };
}

/**
 * Groups rows by topic for one `sendBatch`, keeping the rows' order inside each topic: with an
 * idempotent producer and one request in flight, that order is the order on each partition.
 */
export function toTopicMessages(rows: readonly OutboxRow[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    let messages = byTopic.get(row.topic);
    if (!messages) byTopic.set(row.topic, (messages = []));
    messages.push(toKafkaMessage(row));
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
