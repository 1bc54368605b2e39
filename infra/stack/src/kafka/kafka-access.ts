import type { KafkaServicePrincipal } from '@gridledger/stack-connection';
import { ACCESS_TOPICS, ALL_TOPICS, AUDIT_TOPICS, CHAIN_TOPICS, IDENTITY_TOPICS, LEDGER_TOPICS, STORAGE_TOPICS } from '@gridledger/contracts';

export type AclOperation = 'READ' | 'WRITE' | 'CREATE' | 'DESCRIBE' | 'IDEMPOTENT_WRITE';
export interface AclGrant {
  resource: 'topic' | 'group' | 'transactional-id' | 'cluster';
  pattern: 'literal' | 'prefixed';
  name: string;
  operations: readonly AclOperation[];
}

const dlq = (topic: string) => `${topic}.dlq`;
const values = (map: Record<string, string>) => Object.values(map);

/** The outbox relay's bookkeeping topic (libs/messaging): offsets committed in each relay's transaction. */
export const OUTBOX_PROGRESS_TOPIC = '__gridledger-outbox-progress';
/** Operator replays of chain events go only into topics of this prefix (the ledger checks it). */
export const REPLAY_TOPIC_PREFIX = 'ops.';

const ANSWER_TOPICS = [LEDGER_TOPICS.txCommitted, LEDGER_TOPICS.txFailed];

interface ServiceAccess {
  /** topic families the service owns and publishes (prefixes), and single topics of others' */
  producesPrefixes: readonly string[];
  produces: readonly string[];
  /** what its consumers read; each also gets its `.dlq` to dead-letter into */
  consumes: readonly string[];
  consumesPrefixes?: readonly string[];
}

/**
 * Every service follows the identity service's suspensions, to refuse a suspended user's tokens
 * at once; it reads them with a group of its own that commits nothing, so no dead letters either.
 */
const SUSPENSION_TOPICS = [IDENTITY_TOPICS.userSuspended, IDENTITY_TOPICS.userReactivated];

/**
 * Who may do what on the broker: exactly the topics each service publishes and consumes. Only
 * storage and access-policy may write the command topic; only the ledger writes answers and
 * chain events. Consumer groups and transactional ids are `gridledger-<service>…` by convention.
 */
export const SERVICE_KAFKA_ACCESS: Record<KafkaServicePrincipal, ServiceAccess> = {
  identity: { producesPrefixes: ['gridledger.identity.'], produces: [], consumes: [] },
  ledger: {
    producesPrefixes: ['gridledger.chain.', REPLAY_TOPIC_PREFIX],
    produces: ANSWER_TOPICS,
    consumes: [LEDGER_TOPICS.submitRequested],
  },
  storage: {
    producesPrefixes: ['gridledger.storage.'],
    produces: [LEDGER_TOPICS.submitRequested],
    consumes: [...ANSWER_TOPICS, ACCESS_TOPICS.keyReleaseRequested],
  },
  'access-policy': {
    producesPrefixes: ['gridledger.access.'],
    produces: [LEDGER_TOPICS.submitRequested],
    consumes: [...ANSWER_TOPICS, ...values(CHAIN_TOPICS), STORAGE_TOPICS.keyReleased, STORAGE_TOPICS.keyReleaseFailed, STORAGE_TOPICS.integrityViolation, AUDIT_TOPICS.integrityViolation],
    // its read-model rebuild reads a replay the ledger wrote for it
    consumesPrefixes: [`${REPLAY_TOPIC_PREFIX}access-policy.`],
  },
  audit: { producesPrefixes: ['gridledger.audit.'], produces: [], consumes: ALL_TOPICS },
};

/** The ACLs of one service principal. */
export function serviceAcls(service: KafkaServicePrincipal): AclGrant[] {
  const access = SERVICE_KAFKA_ACCESS[service];
  const own = `gridledger-${service}`;
  return [
    ...access.producesPrefixes.map((name): AclGrant => ({ resource: 'topic', pattern: 'prefixed', name, operations: ['WRITE', 'DESCRIBE', 'CREATE'] })),
    ...access.produces.map((name): AclGrant => ({ resource: 'topic', pattern: 'literal', name, operations: ['WRITE', 'DESCRIBE', 'CREATE'] })),
    // consumers create what they read and its dead-letter topic if they come first
    ...access.consumes.map((name): AclGrant => ({ resource: 'topic', pattern: 'literal', name, operations: ['READ', 'DESCRIBE', 'CREATE'] })),
    ...access.consumes.map((name): AclGrant => ({ resource: 'topic', pattern: 'literal', name: dlq(name), operations: ['WRITE', 'DESCRIBE', 'CREATE'] })),
    ...(access.consumesPrefixes ?? []).map((name): AclGrant => ({ resource: 'topic', pattern: 'prefixed', name, operations: ['READ', 'WRITE', 'DESCRIBE', 'CREATE'] })),
    ...SUSPENSION_TOPICS.map((name): AclGrant => ({ resource: 'topic', pattern: 'literal', name, operations: ['READ', 'DESCRIBE', 'CREATE'] })),
    { resource: 'topic', pattern: 'literal', name: OUTBOX_PROGRESS_TOPIC, operations: ['READ', 'DESCRIBE', 'CREATE'] },
    { resource: 'group', pattern: 'prefixed', name: own, operations: ['READ', 'DESCRIBE'] },
    { resource: 'transactional-id', pattern: 'prefixed', name: own, operations: ['WRITE', 'DESCRIBE'] },
    { resource: 'cluster', pattern: 'literal', name: 'kafka-cluster', operations: ['IDEMPOTENT_WRITE'] },
  ];
}

/**
 * What outside consumers (grid operators' systems) may read: every documented event topic, but not
 * the ledger's command and answer topics, which carry other services' requests, nor the identity
 * service's signature log, which says who signed what and is the supervisors' (through the audit log).
 */
export const PUBLIC_TOPICS: readonly string[] = [
  ...values(IDENTITY_TOPICS).filter((topic) => topic !== IDENTITY_TOPICS.signatureLogged),
  ...values(STORAGE_TOPICS),
  ...values(ACCESS_TOPICS),
  ...values(AUDIT_TOPICS),
  ...values(CHAIN_TOPICS),
].sort();

/** The group prefix an outside principal may use: its own name, so two readers never share offsets by accident. */
export const outsideGroupPrefix = (name: string) => `${name}.`;

/**
 * A read-only principal's ACLs. `topicPattern` narrows the public topics with `*` as a wildcard
 * (e.g. `gridledger.chain.*`); it can never widen them.
 */
export function outsideReaderAcls(name: string, topicPattern = '*'): { topics: string[]; acls: AclGrant[] } {
  const pattern = new RegExp(`^${topicPattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const topics = PUBLIC_TOPICS.filter((topic) => pattern.test(topic));
  return {
    topics,
    acls: [
      ...topics.map((topic): AclGrant => ({ resource: 'topic', pattern: 'literal', name: topic, operations: ['READ', 'DESCRIBE'] })),
      { resource: 'group', pattern: 'prefixed', name: outsideGroupPrefix(name), operations: ['READ', 'DESCRIBE'] },
    ],
  };
}

/** Principal names: letters, digits, `-` and `_`, so they are safe in SCRAM configs and ACLs. */
export const PRINCIPAL_NAME = /^[a-z][a-z0-9_-]{1,47}$/;
