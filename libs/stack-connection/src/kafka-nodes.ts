import { join } from 'node:path';
import type { ConnectionConfig } from './connection-config.ts';

/** One Kafka node: broker and KRaft controller in one process. The first keeps the dev stack's name and directory. */
export interface KafkaNode {
  id: number;
  name: string;
  port: number;
  controllerPort: number;
  dir: string;
}

export function kafkaNodes(config: ConnectionConfig): KafkaNode[] {
  const { ports } = config;
  const all = [
    { port: ports.kafka, controllerPort: ports.kafkaController },
    { port: ports.kafka2, controllerPort: ports.kafkaController2 },
    { port: ports.kafka3, controllerPort: ports.kafkaController3 },
  ];
  return all.slice(0, config.topology.kafkaNodes).map((node, i) => {
    const id = i + 1;
    const name = id === 1 ? 'kafka' : `kafka-${id}`;
    return { id, name, ...node, dir: join(config.paths.data, name) };
  });
}
