import { randomUUID } from 'node:crypto';
import { cloudEvent, type CloudEvent } from '@gridledger/contracts';
import { createTestDatabase, stackConnections, testKafka as stackTestKafka, type TestDatabase } from '@gridledger/testing';
import { Partitioners, type Kafka, type KafkaMessage, type Message } from 'kafkajs';
import pg from 'pg';
import { MESSAGING_SCHEMA_SQL } from '../../src/index.ts';

export { stackConnections };

/** What the relay process needs to reach the SASL_SSL broker, as the operator principal. */
export function relayKafkaEnv(): Record<string, string> {
  const { brokers, caFile, admin } = stackConnections().kafka;
  return { KAFKA_BROKERS: brokers.join(','), KAFKA_USERNAME: admin.username, KAFKA_PASSWORD: admin.password, KAFKA_CA_FILE: caFile };
}

export function testKafka(): Kafka {
  return stackTestKafka(`messaging-test-${process.pid}`);
}

export interface MessagingDatabase {
  database: TestDatabase;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** A throwaway database with the library's tables and `applied`, where test handlers record what they did. */
export async function messagingDatabase(): Promise<MessagingDatabase> {
  const database = await createTestDatabase('messaging');
  const pool = new pg.Pool({ connectionString: database.url, max: 8 });
  await pool.query(MESSAGING_SCHEMA_SQL);
  // no unique constraint on purpose: a handler applied twice shows up as two rows
  await pool.query('create table applied (event_id text not null, topic text not null, applied_at timestamptz not null default now())');
  return {
    database,
    pool,
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

/** A fresh topic per test, so runs never see each other's records. */
export async function createTopic(kafka: Kafka, name: string, numPartitions: number): Promise<string> {
  const topic = `gridledger.test-${name}-${randomUUID()}.v1`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

export interface TestPayload {
  seq: number;
}

export function testEvent(topic: string, key: string, seq: number, id: string = randomUUID()): CloudEvent<TestPayload> {
  return cloudEvent({ id, source: '/gridledger/messaging-test', type: topic, subject: key, time: new Date(), data: { seq } });
}

/** Writes events to the outbox as a service would; created_at increases with the array order. */
export async function writeOutbox(pool: pg.Pool, topic: string, events: readonly { key: string; seq: number }[]): Promise<string[]> {
  const ids: string[] = [];
  const base = Date.now();
  const rows = events.map((e, i) => {
    const event = testEvent(topic, e.key, e.seq);
    ids.push(event.id);
    return [event.id, topic, e.key, JSON.stringify(event), new Date(base + i).toISOString()];
  });
  // one multi-row insert per chunk keeps large outboxes fast to write
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    const values = chunk.map((_, i) => `($${i * 5 + 1}::uuid, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}::jsonb, $${i * 5 + 5}::timestamptz)`).join(', ');
    await pool.query(`insert into outbox (id, topic, message_key, envelope, created_at) values ${values}`, chunk.flat());
  }
  return ids;
}

export async function produce(kafka: Kafka, topic: string, messages: Message[]): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Sum of a topic's high watermarks: how many records it holds (the test topics are never compacted or truncated). */
export async function recordCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

export interface Received {
  partition: number;
  message: KafkaMessage;
}

/** Reads a topic from the start with a throwaway group until `count` records arrived, then `settleMs` more to catch extras. */
export async function readTopic(kafka: Kafka, topic: string, count: number, { timeoutMs = 30_000, settleMs = 1_000 } = {}): Promise<Received[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const received: Received[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push({ partition, message });
      },
    });
    await waitFor(() => received.length >= count, timeoutMs, () => `expected ${count} records on ${topic}, got ${received.length}`);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return received;
  } finally {
    await consumer.disconnect();
  }
}

/** Polls until `condition` holds; fails with `describe()` after `timeoutMs`, so no test waits forever. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}
