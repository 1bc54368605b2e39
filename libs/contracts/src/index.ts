export { cloudEvent, type CloudEvent } from './cloud-event.ts';
export { ALL_TOPICS, parsePayload, TOPIC_SCHEMAS, type Topic, type TopicPayloads } from './topics.ts';
export * from './identity/identity-events.ts';
export * from './ledger/ledger-events.ts';
export * from './storage/storage-events.ts';
export * from './chain/chain-events.ts';
export { asyncApiDocument } from './asyncapi/asyncapi-document.ts';
export { ASYNCAPI_VERSION } from './asyncapi/asyncapi-version.ts';
