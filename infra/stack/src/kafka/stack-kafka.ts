import { readFileSync } from 'node:fs';
import { createKafka } from '@gridledger/kafka-client';
import type { Kafka, KafkaConfig } from 'kafkajs';
import type { StackConfig } from '../config/stack-config.ts';
import { adminKafkaCredentials } from './kafka-credentials.ts';

/** The stack's own Kafka client, as the admin principal (health checks, ACLs, topics). */
export function stackKafka(config: StackConfig, options: Pick<KafkaConfig, 'connectionTimeout' | 'retry'> = {}): Kafka {
  const credentials = adminKafkaCredentials(config);
  return createKafka('gridledger-stack', { brokers: credentials.brokers, username: credentials.username, password: credentials.password, ca: readFileSync(credentials.caFile, 'utf8') }, { logLevel: 'nothing', ...options });
}
