import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KAFKA_ADMIN_PRINCIPAL, KAFKA_BROKER_PRINCIPAL, type KafkaNode, kafkaNodes, stackCaFiles } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';
import { binaryLayout } from '../provision/binaries.ts';
import type { Component } from './component.ts';
import { ensureKafkaCredentials, scramUsers } from '../kafka/kafka-credentials.ts';
import { recordScramUsers } from '../kafka/kafka-scram-users.ts';
import { stackKafka } from '../kafka/stack-kafka.ts';
import { ensureCertificate } from '../tls/stack-ca.ts';

/** The services' consumer session timeout on the stack (GRIDLEDGER_KAFKA_SESSION_TIMEOUT_MS): what a broker kill's stall is made of, with the fencing below. */
export const STACK_CONSUMER_SESSION_TIMEOUT_MS = 4_000;

/**
 * Broker settings: KRaft nodes that serve consumer groups and transactions, with every client and
 * the brokers themselves on SASL/SCRAM-SHA-512 over TLS, and the standard authorizer denying what
 * no ACL allows. The controller listener uses mutual TLS, since KRaft controllers cannot read
 * SCRAM credentials (those live in the metadata log the controller serves). With three nodes every
 * topic (the internal ones too) keeps three replicas and a write needs two, so one node can be
 * lost without losing a record or stopping writes.
 */
export function kafkaServerProperties(config: StackConfig, node: KafkaNode, logDir: string, tls: { keystore: string; caCert: string }, brokerPassword: string): string {
  const nodes = kafkaNodes(config);
  const replicas = Math.min(3, nodes.length);
  const minInSync = replicas > 1 ? 2 : 1;
  return [
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',')}`,
    `listeners=SASL_SSL://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    `advertised.listeners=SASL_SSL://127.0.0.1:${node.port}`,
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
    `default.replication.factor=${replicas}`,
    `offsets.topic.replication.factor=${replicas}`,
    `transaction.state.log.replication.factor=${replicas}`,
    `transaction.state.log.min.isr=${minInSync}`,
    `min.insync.replicas=${minInSync}`,
    `share.coordinator.state.topic.replication.factor=${replicas}`,
    `share.coordinator.state.topic.min.isr=${minInSync}`,
    'group.initial.rebalance.delay.ms=0',
    // a killed node's partitions (and the consumer groups it coordinated) move once the controller
    // stops hearing from it: 4 s instead of the default 9 s, with a beat every 500 ms so a busy
    // (2-core) machine is not fenced for a few late beats
    'broker.heartbeat.interval.ms=500',
    'broker.session.timeout.ms=4000',
    // a group whose coordinator died waits out its old members' sessions before it takes them back
    // (kafkajs consumers rejoin as new members; see consumerSessionTimeoutMs): the services ask
    // for STACK_CONSUMER_SESSION_TIMEOUT_MS, below the default floor of 6 s
    'group.min.session.timeout.ms=3000',
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

/** The cluster id every node is formatted with; made once, on the first node's first start. */
function ensureClusterId(config: StackConfig): string {
  const file = join(config.paths.data, 'kafka', 'cluster-id');
  mkdirSync(join(config.paths.data, 'kafka'), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, `${newClusterId()}\n`);
  return readFileSync(file, 'utf8').trim();
}

export function kafkaComponents(config: StackConfig): Component[] {
  return kafkaNodes(config).map((node) => kafkaComponent(config, node));
}

function kafkaComponent(config: StackConfig, node: KafkaNode): Component {
  const logDir = join(node.dir, 'log');
  const properties = join(node.dir, 'server.properties');
  const log4j = join(node.dir, 'log4j2.properties');
  const classpath = `${binaryLayout(config).kafkaLibs}/*`;
  const java = (main: string, args: string[], heap: string[]) => ({
    command: 'java',
    args: [...heap, `-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath, main, ...args],
  });
  return {
    name: node.name,
    version: config.versions.kafka,
    address: `127.0.0.1:${node.port}`,
    ports: [node.port, node.controllerPort],
    startTimeoutMs: 90_000,
    async prepare() {
      mkdirSync(node.dir, { recursive: true });
      const credentials = ensureKafkaCredentials(config);
      const tls = await ensureCertificate(config, KAFKA_BROKER_PRINCIPAL);
      // rewritten every time so a port change takes effect; the formatted log dir keeps the cluster.
      // It holds the broker's password, so only the stack's user may read it.
      writeFileSync(properties, kafkaServerProperties(config, node, logDir, { keystore: tls.keystore, caCert: stackCaFiles(config).caCert }, credentials.broker), { mode: 0o600 });
      writeFileSync(log4j, LOG4J2);
      const secured = join(node.dir, 'secured-format');
      if (existsSync(join(logDir, 'meta.properties')) && existsSync(secured)) return;
      // a log dir from before authentication has no SCRAM users and cannot gain the broker's own:
      // its events are development data, so it is formatted anew
      rmSync(logDir, { recursive: true, force: true });
      // every node carries the SCRAM users in its bootstrap metadata: whichever controller is
      // elected first writes them to the metadata log
      const users = scramUsers(credentials).flatMap(([name, password]) => ['--add-scram', `SCRAM-SHA-512=[name=${name},password=${password}]`]);
      const format = java('kafka.tools.StorageTool', ['format', '-t', ensureClusterId(config), '-c', properties, ...users], ['-Xmx256m']);
      await runCommand(format.command, format.args, { timeoutMs: 120_000 });
      recordScramUsers(config, scramUsers(credentials).map(([name]) => name));
      writeFileSync(secured, `${new Date().toISOString()}\n`);
    },
    daemon() {
      const { command, args } = java('kafka.Kafka', [properties], ['-Xms128m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=50']);
      return { name: node.name, command, args };
    },
    async healthy() {
      const admin = stackKafka(config, { connectionTimeout: 1500, retry: { retries: 0 } }).admin();
      try {
        await admin.connect();
        // this node registered with the quorum and serving, not just some node of the cluster
        const cluster = await admin.describeCluster();
        return cluster.brokers.some((broker) => broker.nodeId === node.id);
      } catch {
        return false;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  };
}
