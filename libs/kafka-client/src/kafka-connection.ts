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

/**
 * How a consumer rides out a broker that died. kafkajs refreshes its metadata only when a fetch
 * fails with a stale-leader error, not when the leader's address refuses connections; a consumer
 * learns of the new leader when it crashes and restarts. Its defaults (5 retries up to 30 s, then
 * a restart after the last retry's wait) kept a ledger replica's command partitions unread for
 * 36 s after the partition leader was killed (seen in the ha chaos suite): these give up after
 * about 4 s and restart within 2 s, so a consumer is back about as soon as the controller has
 * moved the partition.
 */
export const CONSUMER_RETRY = { initialRetryTime: 300, maxRetryTime: 2_000, retries: 4 } as const;

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
