import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';
import { binaryLayout } from '../provision/binaries.ts';
import type { Component } from './component.ts';
import { KAFKA_ADMIN_PRINCIPAL, KAFKA_BROKER_PRINCIPAL } from '../kafka/kafka-access.ts';
import { ensureKafkaCredentials, scramUsers } from '../kafka/kafka-credentials.ts';
import { recordScramUsers } from '../kafka/kafka-scram-users.ts';
import { stackKafka } from '../kafka/stack-kafka.ts';
import { ensureCertificate, stackCaFiles } from '../tls/stack-ca.ts';

/**
 * Broker settings: one KRaft node that serves consumer groups and transactions, with every client
 * and the broker itself on SASL/SCRAM-SHA-512 over TLS, and the standard authorizer denying what
 * no ACL allows. The controller listener uses mutual TLS, since KRaft controllers cannot read
 * SCRAM credentials (those live in the metadata log the controller serves).
 */
export function kafkaServerProperties(config: StackConfig, logDir: string, tls: { keystore: string; caCert: string }, brokerPassword: string): string {
  const { kafka, kafkaController } = config.ports;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${kafkaController}`,
    `listeners=SASL_SSL://127.0.0.1:${kafka},CONTROLLER://127.0.0.1:${kafkaController}`,
    `advertised.listeners=SASL_SSL://127.0.0.1:${kafka}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=SASL_SSL',
    'listener.security.protocol.map=CONTROLLER:SSL,SASL_SSL:SASL_SSL',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    `listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${KAFKA_BROKER_PRINCIPAL}" password="${brokerPassword}";`,
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${tls.keystore}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${tls.caCert}`,
    'listener.name.controller.ssl.client.auth=required',
    // a certificate's CN is its principal, so the broker's own certificate is User:broker
    'ssl.principal.mapping.rules=RULE:^CN=([a-zA-Z0-9._-]+)$/$1/,DEFAULT',
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found=false',
    `super.users=User:${KAFKA_ADMIN_PRINCIPAL};User:${KAFKA_BROKER_PRINCIPAL}`,
    `log.dirs=${logDir}`,
    'num.partitions=3',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'min.insync.replicas=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    '',
  ].join('\n');
}

const LOG4J2 = `# Kafka's own chatter at WARN; the stack log keeps what an operator needs.
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
logger.kafka.name = kafka
logger.kafka.level = WARN
logger.apache.name = org.apache.kafka
logger.apache.level = WARN
`;

/**
 * A KRaft cluster id: 16 random bytes, base64url, as Kafka makes them. Like Kafka's own, never
 * starting with '-', which the storage tool would read as an option (1 id in 64 did).
 */
export function newClusterId(random: () => Buffer = () => randomBytes(16)): string {
  for (;;) {
    const id = random().toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function kafkaComponent(config: StackConfig): Component {
  const dir = join(config.paths.data, 'kafka');
  const logDir = join(dir, 'log');
  const properties = join(dir, 'server.properties');
  const log4j = join(dir, 'log4j2.properties');
  const classpath = `${binaryLayout(config).kafkaLibs}/*`;
  const java = (main: string, args: string[], heap: string[]) => ({
    command: 'java',
    args: [...heap, `-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath, main, ...args],
  });
  return {
    name: 'kafka',
    version: config.versions.kafka,
    address: `127.0.0.1:${config.ports.kafka}`,
    ports: [config.ports.kafka, config.ports.kafkaController],
    startTimeoutMs: 90_000,
    async prepare() {
      mkdirSync(dir, { recursive: true });
      const credentials = ensureKafkaCredentials(config);
      const tls = await ensureCertificate(config, KAFKA_BROKER_PRINCIPAL);
      // rewritten every time so a port change takes effect; the formatted log dir keeps the cluster.
      // It holds the broker's password, so only the stack's user may read it.
      writeFileSync(properties, kafkaServerProperties(config, logDir, { keystore: tls.keystore, caCert: stackCaFiles(config).caCert }, credentials.broker), { mode: 0o600 });
      writeFileSync(log4j, LOG4J2);
      const secured = join(dir, 'secured-format');
      if (existsSync(join(logDir, 'meta.properties')) && existsSync(secured)) return;
      // a log dir from before authentication has no SCRAM users and cannot gain the broker's own:
      // its events are development data, so it is formatted anew
      rmSync(logDir, { recursive: true, force: true });
      const clusterId = newClusterId();
      const users = scramUsers(credentials).flatMap(([name, password]) => ['--add-scram', `SCRAM-SHA-512=[name=${name},password=${password}]`]);
      const format = java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', properties, ...users], ['-Xmx256m']);
      await runCommand(format.command, format.args, { timeoutMs: 120_000 });
      recordScramUsers(config, scramUsers(credentials).map(([name]) => name));
      writeFileSync(secured, `${new Date().toISOString()}\n`);
    },
    daemon() {
      const { command, args } = java('kafka.Kafka', [properties], ['-Xms128m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=50']);
      return { name: 'kafka', command, args };
    },
    async healthy() {
      const admin = stackKafka(config, { connectionTimeout: 1500, retry: { retries: 0 } }).admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0;
      } catch {
        return false;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  };
}
