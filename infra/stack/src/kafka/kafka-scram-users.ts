import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createKafka } from '@gridledger/kafka-client';
import { join } from 'node:path';
import { KAFKA_ADMIN_PRINCIPAL, kafkaBrokers, readKafkaCredentials, stackCaFiles } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';
import { StackError } from '../terminal/stack-error.ts';
import { binaryLayout } from '../provision/binaries.ts';

/**
 * SCRAM users added after the broker's first format (an outside reader, a new service), through
 * Kafka's own ConfigCommand as the admin principal: kafkajs cannot alter SCRAM credentials.
 */
const provisionedFile = (config: StackConfig) => join(config.paths.data, 'kafka', 'scram-users.json');

export function provisionedScramUsers(config: StackConfig): Set<string> {
  const file = provisionedFile(config);
  return new Set(existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : []);
}

export function recordScramUsers(config: StackConfig, names: Iterable<string>): void {
  writeFileSync(provisionedFile(config), JSON.stringify([...new Set(names)].sort(), null, 2), { mode: 0o600 });
}

function adminClientProperties(config: StackConfig): string {
  const file = join(config.paths.data, 'kafka', 'admin-client.properties');
  const { admin } = readKafkaCredentials(config);
  writeFileSync(
    file,
    [
      'security.protocol=SASL_SSL',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${KAFKA_ADMIN_PRINCIPAL}" password="${admin}";`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${stackCaFiles(config).caCert}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return file;
}

async function configCommand(config: StackConfig, args: string[]): Promise<void> {
  const classpath = `${binaryLayout(config).kafkaLibs}/*`;
  const log4j = join(config.paths.data, 'kafka', 'log4j2.properties');
  await runCommand('java', ['-Xmx128m', `-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath, 'kafka.admin.ConfigCommand', '--bootstrap-server', kafkaBrokers(config).join(','), '--command-config', adminClientProperties(config), ...args], { timeoutMs: 120_000 });
}

export async function upsertScramUser(config: StackConfig, name: string, password: string): Promise<void> {
  await configCommand(config, ['--alter', '--entity-type', 'users', '--entity-name', name, '--add-config', `SCRAM-SHA-512=[iterations=8192,password=${password}]`]);
  recordScramUsers(config, [...provisionedScramUsers(config), name]);
  await untilAuthenticates(config, name, password);
}

/**
 * The broker applies a new credential from its metadata log a moment after the command returns:
 * wait until it authenticates, so "added" means usable.
 */
async function untilAuthenticates(config: StackConfig, username: string, password: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const admin = createKafka('gridledger-stack-check', { brokers: kafkaBrokers(config), username, password, ca: readFileSync(stackCaFiles(config).caCert, 'utf8') }, { logLevel: 'nothing', retry: { retries: 0 }, connectionTimeout: 3_000 }).admin();
    try {
      await admin.connect();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new StackError(`Kafka does not accept the new credential of ${username} after 30 s: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

export async function deleteScramUser(config: StackConfig, name: string): Promise<void> {
  await configCommand(config, ['--alter', '--entity-type', 'users', '--entity-name', name, '--delete-config', 'SCRAM-SHA-512']);
  const remaining = provisionedScramUsers(config);
  remaining.delete(name);
  recordScramUsers(config, remaining);
}
