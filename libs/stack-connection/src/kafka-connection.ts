import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionConfig } from './connection-config.ts';
import { kafkaNodes } from './kafka-nodes.ts';

/** The platform services, each a Kafka principal of its own. */
export const KAFKA_SERVICE_PRINCIPALS = ['identity', 'ledger', 'storage', 'access-policy', 'audit'] as const;
export type KafkaServicePrincipal = (typeof KAFKA_SERVICE_PRINCIPALS)[number];

/** The stack's operator (topics, ACLs, users, tests) and the broker itself: Kafka super users. */
export const KAFKA_ADMIN_PRINCIPAL = 'admin';
export const KAFKA_BROKER_PRINCIPAL = 'broker';

export interface KafkaPrincipal {
  username: string;
  password: string;
}

/** An outside consumer's read-only principal, as `kafka-user add` made it. */
export interface OutsideReader {
  password: string;
  /** the `--topics` pattern it was given */
  topics: string;
  created: string;
}

/** Every SCRAM credential of the broker. Kept in data/kafka/credentials.json, mode 0600. */
export interface KafkaCredentials {
  admin: string;
  broker: string;
  services: Record<KafkaServicePrincipal, string>;
  readers: Record<string, OutsideReader>;
}

export const kafkaCredentialsFile = (config: ConnectionConfig) => join(config.paths.data, 'kafka', 'credentials.json');
export const kafkaBrokers = (config: ConnectionConfig) => kafkaNodes(config).map((node) => `127.0.0.1:${node.port}`);

export function readKafkaCredentials(config: ConnectionConfig): KafkaCredentials {
  const file = kafkaCredentialsFile(config);
  if (!existsSync(file)) throw new Error(`No Kafka credentials at ${file}: run \`npm run stack -- up\` first.`);
  return JSON.parse(readFileSync(file, 'utf8')) as KafkaCredentials;
}
