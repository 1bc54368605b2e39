import { CHAINCODE_EVENT_NAMES } from '@gridledger/domain';
import { z } from 'zod';
import { ACCESS_SCHEMAS, type AccessTopicPayloads } from './access/access-events.ts';
import { AUDIT_SCHEMAS, type AuditTopicPayloads } from './audit/audit-events.ts';
import { CHAIN_EVENT_DATA_SCHEMAS } from './chain/chain-event-data.ts';
import { CHAIN_TOPICS, chainEventSchema, type ChainEvent, type ChainTopic } from './chain/chain-events.ts';
import { IDENTITY_SCHEMAS, type IdentityTopicPayloads } from './identity/identity-events.ts';
import { LEDGER_SCHEMAS, type LedgerTopicPayloads } from './ledger/ledger-events.ts';
import { STORAGE_SCHEMAS, type StorageTopicPayloads } from './storage/storage-events.ts';

type ChainTopicPayloads = { [T in ChainTopic]: ChainEvent };

/** Every topic and its payload: publishing a payload that does not fit its topic does not compile. */
export type TopicPayloads = IdentityTopicPayloads & LedgerTopicPayloads & StorageTopicPayloads & AccessTopicPayloads & AuditTopicPayloads & ChainTopicPayloads;
export type Topic = keyof TopicPayloads;

// each chain topic carries one event, whose data has its own schema (and its own AsyncAPI description);
// its output is a ChainEvent whose data is that event's (Object.fromEntries loses the pairing, hence the cast)
const chainSchemas = Object.fromEntries(
  CHAINCODE_EVENT_NAMES.map((name) => [CHAIN_TOPICS[name], chainEventSchema.extend({ event: z.literal(name), data: CHAIN_EVENT_DATA_SCHEMAS[name] })]),
) as unknown as Record<ChainTopic, z.ZodType<ChainEvent>>;

export const TOPIC_SCHEMAS: { [T in Topic]: z.ZodType<TopicPayloads[T]> } = { ...IDENTITY_SCHEMAS, ...LEDGER_SCHEMAS, ...STORAGE_SCHEMAS, ...ACCESS_SCHEMAS, ...AUDIT_SCHEMAS, ...chainSchemas };

export const ALL_TOPICS = Object.keys(TOPIC_SCHEMAS) as Topic[];

/** Runtime check for what arrives from Kafka: the consumer side of the typed map. */
export function parsePayload<T extends Topic>(topic: T, payload: unknown): TopicPayloads[T] {
  return TOPIC_SCHEMAS[topic].parse(payload);
}
