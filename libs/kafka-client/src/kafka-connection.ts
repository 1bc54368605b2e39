import { readFileSync } from 'node:fs';
import { Kafka, logLevel as kafkaLogLevel, type KafkaConfig } from 'kafkajs';

/**
 * How a client reaches the platform's broker: SASL/SCRAM-SHA-512 over TLS, always. There is no
 * plaintext variant, so the configuration the tests exercise is the one production runs.
 */
export interface KafkaConnection {
  brokers: string[];
  username: string;
  password: string;
  /** PEM of the CA that signed the brokers' certificates */
  ca: string;
}

/** Every variable a service needs, under its prefix: `STORAGE_KAFKA_BROKERS`, `STORAGE_KAFKA_USERNAME`, … */
export const kafkaEnvNames = (prefix: string) => ({
  brokers: `${prefix}_KAFKA_BROKERS`,
  username: `${prefix}_KAFKA_USERNAME`,
  password: `${prefix}_KAFKA_PASSWORD`,
  caFile: `${prefix}_KAFKA_CA_FILE`,
});

const BROKER_LIST = /^[\w.-]+:\d+(,[\w.-]+:\d+)*$/;

/**
 * Reads a service's Kafka connection from its environment. A missing or malformed setting stops
 * the boot with one sentence that names it (never its value).
 */
export function kafkaConnectionFromEnv(prefix: string, env: NodeJS.ProcessEnv = process.env, read: (path: string) => string = (path) => readFileSync(path, 'utf8')): KafkaConnection {
  const names = kafkaEnvNames(prefix);
  const brokers = env[names.brokers] ?? '';
  if (!BROKER_LIST.test(brokers)) throw new Error(`${names.brokers} must be host:port[,host:port…] (the Kafka brokers; \`npm run stack -- env\` prints them).`);
  const username = env[names.username];
  if (!username) throw new Error(`${names.username} is missing: every service connects to Kafka as its own principal.`);
  const password = env[names.password];
  if (!password) throw new Error(`${names.password} is missing: the SCRAM-SHA-512 password of Kafka principal ${username}.`);
  const caFile = env[names.caFile];
  if (!caFile) throw new Error(`${names.caFile} is missing: the PEM file of the CA that signed the brokers' TLS certificates.`);
  let ca: string;
  try {
    ca = read(caFile);
  } catch (error) {
    throw new Error(`${names.caFile} (${caFile}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  if (!ca.includes('BEGIN CERTIFICATE')) throw new Error(`${names.caFile} (${caFile}) holds no PEM certificate.`);
  return { brokers: brokers.split(','), username, password, ca };
}

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

const LOG_LEVELS: Record<KafkaLogLevel, kafkaLogLevel> = { nothing: kafkaLogLevel.NOTHING, error: kafkaLogLevel.ERROR, warn: kafkaLogLevel.WARN, info: kafkaLogLevel.INFO, debug: kafkaLogLevel.DEBUG };

/**
 * `GRIDLEDGER_KAFKA_LOG_LEVEL` overrides every client's level in a process, to see kafkajs's
 * group joins, retries and restarts while a broker fails (`info`, or `debug` for every request);
 * an unknown value is refused rather than ignored.
 */
export function kafkaLogLevelOverride(env: NodeJS.ProcessEnv = process.env): KafkaLogLevel | undefined {
  const value = env['GRIDLEDGER_KAFKA_LOG_LEVEL'];
  if (!value) return undefined;
  if (!(value in LOG_LEVELS)) throw new Error(`GRIDLEDGER_KAFKA_LOG_LEVEL must be one of ${Object.keys(LOG_LEVELS).join(', ')}, not ${value}.`);
  return value as KafkaLogLevel;
}

/** kafkajs's default, 30 s, is far too long for a replica's death; 6 s is the least a broker accepts by default. */
const DEFAULT_SESSION_TIMEOUT_MS = 6_000;

/**
 * How long a consumer group waits for a silent member, from `GRIDLEDGER_KAFKA_SESSION_TIMEOUT_MS`
 * (default 6 s). A replica that dies stalls its partitions this long, and so does a group whose
 * coordinator broker died: kafkajs finds the coordinator only when it joins, so its consumers
 * crash, come back as new members, and the new coordinator waits out the old members' sessions.
 * A value below the brokers' `group.min.session.timeout.ms` (6 s unless set) is refused by them;
 * the stack's own brokers accept 3 s and its services ask for 4 s.
 */
export function consumerSessionTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env['GRIDLEDGER_KAFKA_SESSION_TIMEOUT_MS'];
  if (!value) return DEFAULT_SESSION_TIMEOUT_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1_000 || ms > 300_000) throw new Error(`GRIDLEDGER_KAFKA_SESSION_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 300000, not ${value}.`);
  return ms;
}

/**
 * How a consumer rides out a broker that died. kafkajs refreshes its metadata only when a fetch
 * fails with a stale-leader error, not when the leader's address refuses connections, and it finds
 * its group's coordinator only when it joins; a consumer learns of either move when it crashes and
 * restarts. Its defaults (5 retries up to 30 s, then a restart after the last retry's wait) kept a
 * ledger replica's command partitions unread for 36 s after the partition leader was killed (seen
 * in the ha chaos suite). With these it gives up after about 3 s and restarts within 1 s; a fetch
 * waits at most 1 s for records, so a failed attempt is not held up by the other brokers' long
 * polls; and metadata older than 3 s is read again before a fetch, so a moved leader is picked up
 * without a crash when the coordinator survived.
 */
const CONSUMER_RETRY = { initialRetryTime: 300, maxRetryTime: 1_000, retries: 3 } as const;

/** The consumer settings above, with the session timeout (and a heartbeat a tenth of it, 500 ms at least). */
export function consumerFailover(sessionTimeoutMs: number = consumerSessionTimeoutMs()) {
  return { retry: CONSUMER_RETRY, maxWaitTimeInMs: 1_000, metadataMaxAge: 3_000, sessionTimeout: sessionTimeoutMs, heartbeatInterval: Math.max(500, Math.floor(sessionTimeoutMs / 10)) };
}

/** A kafkajs client for the connection; `clientId` names the caller in the broker's logs. */
export function createKafka(clientId: string, connection: KafkaConnection, options: { logLevel?: KafkaLogLevel } & Pick<KafkaConfig, 'connectionTimeout' | 'retry' | 'requestTimeout'> = {}): Kafka {
  const { logLevel = 'error', ...rest } = options;
  return new Kafka({
    clientId,
    brokers: connection.brokers,
    ssl: { ca: [connection.ca] },
    sasl: { mechanism: 'scram-sha-512', username: connection.username, password: connection.password },
    // a wrong password is final: say so at once rather than retrying into a timeout
    authenticationTimeout: 10_000,
    logLevel: LOG_LEVELS[kafkaLogLevelOverride() ?? logLevel],
    ...rest,
  });
}
