import { readFileSync } from 'node:fs';
import { createKafka, type KafkaConnection } from '@gridledger/kafka-client';
import { loadConnectionConfig, readKafkaCredentials, type KafkaPrincipal } from '@gridledger/stack-connection';
import type { Kafka } from 'kafkajs';
import { runStackCommand } from './stack-command.ts';
import { stackConnections } from './stack-connections.ts';

/** The stack's broker as `principal` (default: the operator, a super user). */
export function kafkaConnectionAs(principal: KafkaPrincipal = stackConnections().kafka.admin): KafkaConnection {
  const { brokers, caFile } = stackConnections().kafka;
  return { brokers, username: principal.username, password: principal.password, ca: readFileSync(caFile, 'utf8') };
}

/** A kafkajs client for tests, as `principal` (default: the operator). */
export function testKafka(clientId: string, principal?: KafkaPrincipal): Kafka {
  return createKafka(clientId, kafkaConnectionAs(principal), { logLevel: 'nothing' });
}

/**
 * An outside consumer's read-only principal, made the way an operator makes one
 * (`npm run stack -- kafka-user add <name>`), and its password from the stack's credentials file.
 */
export function outsideReader(name: string, topics = '*'): KafkaPrincipal {
  runStackCommand(['kafka-user', 'add', name, '--topics', topics]);
  const reader = readKafkaCredentials(loadConnectionConfig()).readers[name];
  if (!reader) throw new Error(`kafka-user add ${name} left no credentials`);
  return { username: name, password: reader.password };
}

/** Removes an outside principal the way an operator does (`kafka-user remove <name>`). */
export function removeOutsideReader(name: string): void {
  runStackCommand(['kafka-user', 'remove', name]);
}
