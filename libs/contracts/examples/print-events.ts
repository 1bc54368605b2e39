/**
 * A minimal GridLedger event consumer, as a grid operator's team would write one: plain kafkajs,
 * no GridLedger code. It reads the given topics from the beginning, checks the CloudEvents
 * envelope, skips duplicates by event id, and prints one line per event.
 *
 *   node libs/contracts/examples/print-events.ts gridledger.identity.user-registered.v1
 *
 * The broker takes SASL/SCRAM-SHA-512 over TLS only, so it needs a principal of its own: an
 * operator makes a read-only one with `npm run stack -- kafka-user add <name>`, which prints these:
 *
 *   KAFKA_BROKERS     bootstrap servers (default 127.0.0.1:19092)
 *   KAFKA_USERNAME    the principal
 *   KAFKA_PASSWORD    its password
 *   KAFKA_CA_FILE     the PEM of the CA that signed the brokers' certificates
 *   GROUP_ID          a consumer group under the principal's own prefix (default <username>.print-events-<random>)
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

interface CloudEvent {
  specversion: string;
  id: string;
  type: string;
  subject: string;
  time: string;
  data: unknown;
}

const isCloudEvent = (value: unknown): value is CloudEvent => {
  const e = value as Partial<CloudEvent> | null;
  return !!e && e.specversion === '1.0' && typeof e.id === 'string' && typeof e.type === 'string' && typeof e.subject === 'string' && 'data' in e;
};

const topics = process.argv.slice(2);
if (topics.length === 0) {
  console.error('Name at least one topic, e.g. gridledger.identity.user-registered.v1 (all topics: libs/contracts/asyncapi.json).');
  process.exit(2);
}

const setting = (name: string): string => {
  const value = process.env[name];
  if (value) return value;
  console.error(`${name} is not set: the broker needs a principal (npm run stack -- kafka-user add <name> prints what to set).`);
  process.exit(2);
};
const username = setting('KAFKA_USERNAME');
const kafka = new Kafka({
  clientId: 'print-events',
  brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(','),
  ssl: { ca: [readFileSync(setting('KAFKA_CA_FILE'), 'utf8')] },
  sasl: { mechanism: 'scram-sha-512', username, password: setting('KAFKA_PASSWORD') },
  logLevel: logLevel.ERROR,
});
// the group must start with the principal's own prefix: no one else's offsets can be touched
const consumer = kafka.consumer({ groupId: process.env['GROUP_ID'] ?? `${username}.print-events-${randomUUID()}` });
// delivery is at least once: a real consumer keeps these ids in its own database, with its effect
const seen = new Set<string>();

try {
  await consumer.connect();
} catch (error) {
  // a wrong password is refused at once, and kafkajs says so: pass that sentence on
  console.error(`Cannot connect as ${username}: ${(error as Error).message}`);
  process.exit(1);
}
try {
  await consumer.subscribe({ topics, fromBeginning: true });
} catch (error) {
  console.error(`Cannot subscribe to ${topics.join(', ')}: ${(error as Error).message}. A topic exists once something has been published to it.`);
  await consumer.disconnect();
  process.exit(1);
}
await consumer.run({
  eachMessage: async ({ topic, partition, message }) => {
    let event: unknown;
    try {
      event = JSON.parse(message.value?.toString() ?? '');
    } catch {
      console.warn(`${topic}/${partition}@${message.offset}: not JSON, skipped`);
      return;
    }
    if (!isCloudEvent(event)) {
      console.warn(`${topic}/${partition}@${message.offset}: not a CloudEvents 1.0 envelope, skipped`);
      return;
    }
    if (seen.has(event.id)) return;
    seen.add(event.id);
    console.log(`${event.time}  ${event.type}  key=${message.key?.toString() ?? ''}  ${JSON.stringify(event.data)}`);
  },
});
const stop = async () => {
  await consumer.disconnect();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
