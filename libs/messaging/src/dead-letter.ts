import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/** Where a topic's poison messages go; operators inspect and replay from there. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * The dead-letter record: the original key, value and headers untouched (so it can be replayed
 * as is), plus headers saying why, where it came from and which consumer group gave up on it
 * (several groups read one topic, and each dead-letters what it cannot take).
 */
export function deadLetterMessage(source: { topic: string; partition: number; message: KafkaMessage }, reason: string, groupId: string): Message {
  const headers: IHeaders = { ...source.message.headers };
  headers['dlq_reason'] = reason;
  headers['dlq_source_topic'] = source.topic;
  headers['dlq_partition'] = String(source.partition);
  headers['dlq_offset'] = source.message.offset;
  headers['dlq_group'] = groupId;
  return { key: source.message.key, value: source.message.value, headers };
}
