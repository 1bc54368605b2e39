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

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info';

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
    logLevel: { nothing: kafkaLogLevel.NOTHING, error: kafkaLogLevel.ERROR, warn: kafkaLogLevel.WARN, info: kafkaLogLevel.INFO }[logLevel],
    ...rest,
  });
}
