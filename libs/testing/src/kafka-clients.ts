import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createKafka, type KafkaConnection } from '@gridledger/kafka-client';
import { loadStackConfig, STACK_CLI, type KafkaPrincipal } from '@gridledger/stack';
import type { Kafka } from 'kafkajs';
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
  const config = loadStackConfig();
  const result = spawnSync(process.execPath, [...STACK_CLI, 'kafka-user', 'add', name, '--topics', topics], { cwd: config.paths.repo, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kafka-user add ${name} failed: ${result.stderr || result.stdout}`);
  const { readers } = JSON.parse(readFileSync(`${config.paths.data}/kafka/credentials.json`, 'utf8')) as { readers: Record<string, { password: string }> };
  const reader = readers[name];
  if (!reader) throw new Error(`kafka-user add ${name} left no credentials`);
  return { username: name, password: reader.password };
}

/** Removes an outside principal the way an operator does (`kafka-user remove <name>`). */
export function removeOutsideReader(name: string): void {
  const config = loadStackConfig();
  const result = spawnSync(process.execPath, [...STACK_CLI, 'kafka-user', 'remove', name], { cwd: config.paths.repo, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kafka-user remove ${name} failed: ${result.stderr || result.stdout}`);
}
