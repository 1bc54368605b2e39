import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';
import { binaryLayout } from '../provision/binaries.ts';
import type { Component } from './component.ts';

/** Broker settings that let one KRaft node serve consumer groups and transactions. */
export function kafkaServerProperties(config: StackConfig, logDir: string): string {
  const { kafka, kafkaController } = config.ports;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${kafkaController}`,
    `listeners=PLAINTEXT://127.0.0.1:${kafka},CONTROLLER://127.0.0.1:${kafkaController}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${kafka}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
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
      // rewritten every time so a port change takes effect; the formatted log dir keeps the cluster
      writeFileSync(properties, kafkaServerProperties(config, logDir));
      writeFileSync(log4j, LOG4J2);
      if (existsSync(join(logDir, 'meta.properties'))) return;
      const clusterId = randomBytes(16).toString('base64url');
      const format = java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', properties], ['-Xmx256m']);
      await runCommand(format.command, format.args, { timeoutMs: 120_000 });
    },
    daemon() {
      const { command, args } = java('kafka.Kafka', [properties], ['-Xms128m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=50']);
      return { name: 'kafka', command, args };
    },
    async healthy() {
      const admin = new Kafka({
        clientId: 'gridledger-stack',
        brokers: [`127.0.0.1:${config.ports.kafka}`],
        logLevel: logLevel.NOTHING,
        connectionTimeout: 1500,
        retry: { retries: 0 },
      }).admin();
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
