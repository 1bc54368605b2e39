import { IDENTITY_SCHEMAS, type IdentityTopicPayloads } from './identity/identity-events.ts';

/** Every topic and its payload: publishing a payload that does not fit its topic does not compile. */
export type TopicPayloads = IdentityTopicPayloads;
export type Topic = keyof TopicPayloads;

export const TOPIC_SCHEMAS = { ...IDENTITY_SCHEMAS } as const;

/** Runtime check for what arrives from Kafka: the consumer side of the typed map. */
export function parsePayload<T extends Topic>(topic: T, payload: unknown): TopicPayloads[T] {
  return TOPIC_SCHEMAS[topic].parse(payload) as TopicPayloads[T];
}
