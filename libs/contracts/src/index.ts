export { cloudEvent, type CloudEvent } from './cloud-event.ts';
export { parsePayload, TOPIC_SCHEMAS, type Topic, type TopicPayloads } from './topics.ts';
export * from './identity/identity-events.ts';
