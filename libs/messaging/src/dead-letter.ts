import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/** Where a topic's poison messages go; operators inspect and replay from there. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * The dead-letter record: the original key, value and headers untouched (so it can be replayed
 * as is), plus headers saying why and where it came from.
 */
export function deadLetterMessage(source: { topic: string; partition: number; message: KafkaMessage }, reason: string): Message {
  const headers: IHeaders = { ...source.message.headers };
  headers['dlq_reason'] = reason;
  headers['dlq_source_topic'] = source.topic;
  headers['dlq_partition'] = String(source.partition);
  headers['dlq_offset'] = source.message.offset;
  return { key: source.message.key, value: source.message.value, headers };
}
