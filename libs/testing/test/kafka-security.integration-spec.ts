import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { ACCESS_TOPICS, CHAIN_TOPICS, LEDGER_TOPICS } from '@gridledger/contracts';
import { kafkaCredentialsFile, loadConnectionConfig, stackCaFiles } from '@gridledger/stack-connection';
import { Kafka, logLevel } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { outsideReader, removeOutsideReader, stackConnections, testKafka } from '../src/index.ts';

/**
 * The broker as an outsider meets it: every listener wants SCRAM over TLS, and each principal may
 * do exactly what the stack's table grants it. Each case names what it expects the broker to say.
 */
const { brokers, caFile, services } = stackConnections().kafka;
const ca = readFileSync(caFile, 'utf8');
const quick = { connectionTimeout: 3_000, authenticationTimeout: 5_000, retry: { retries: 0 } };
const message = (value = '{}') => ({ key: randomUUID(), value });

/** The broker's error code under kafkajs' wrappers (retries wrap the protocol error). */
function refusal(error: unknown): string {
  for (let e = error as { type?: string; name?: string; originalError?: unknown; cause?: unknown } | undefined; e; e = (e.originalError ?? e.cause) as typeof e) {
    if (e.type) return e.type;
    if (!e.originalError && !e.cause) return e.name ?? String(e);
  }
  return String(error);
}

/** Sends one record as `kafka`; resolves to the broker's error type, or 'ok'. */
async function tryProduce(kafka: Kafka, topic: string): Promise<string> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [message()] });
    return 'ok';
  } catch (error) {
    return refusal(error);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

/** Joins a group on `topic` as `kafka`; resolves to the broker's error type, or 'ok' once the group is joined. */
async function tryConsume(kafka: Kafka, topic: string, groupId: string, retries = 3): Promise<string> {
  // retries ride out a group coordinator coming up; refusals are final anyway
  const consumer = kafka.consumer({ groupId, retry: { retries } });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const outcome = new Promise<string>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve('ok'));
      consumer.on(consumer.events.CRASH, ({ payload }) => resolve(refusal(payload.error)));
    });
    await consumer.run({ eachMessage: async () => undefined });
    return await outcome;
  } catch (error) {
    return refusal(error);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

describe('Kafka: authentication and ACLs', () => {
  const readerName = `grid-op-${randomUUID().slice(0, 8)}`;
  let reader: { username: string; password: string };

  beforeAll(async () => {
    // the topics exist before anyone is refused on them: a refusal must be about rights, not absence
    const admin = testKafka('security-test').admin();
    await admin.connect();
    await admin.createTopics({ topics: [LEDGER_TOPICS.submitRequested, LEDGER_TOPICS.txCommitted, CHAIN_TOPICS.AssetRegistered, ACCESS_TOPICS.requestUpdated].map((topic) => ({ topic })), waitForLeaders: true });
    await admin.disconnect();
    // and the group coordinator serves: on a fresh cluster the first group creates its offsets topic
    // (its 50 partitions take a while on a busy machine, hence the patience)
    expect(await tryConsume(testKafka('security-test'), CHAIN_TOPICS.AssetRegistered, `security-test-${randomUUID()}`, 12)).toBe('ok');
    reader = outsideReader(readerName);
  });

  it('keeps its credentials readable by the stack user only', () => {
    const config = loadConnectionConfig();
    for (const file of [kafkaCredentialsFile(config), `${config.paths.data}/kafka/server.properties`, stackCaFiles(config).caKey]) {
      expect((statSync(file).mode & 0o077).toString(8), file).toBe('0');
    }
  });

  it('refuses a client without credentials (plaintext) within the connection timeout', async () => {
    const plain = new Kafka({ clientId: 'no-credentials', brokers, logLevel: logLevel.NOTHING, ...quick });
    const started = Date.now();
    const admin = plain.admin();
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(20_000);
    await admin.disconnect().catch(() => undefined);
  });

  it('answers a wrong password with an authentication error that names the cause', async () => {
    const wrong = new Kafka({ clientId: 'wrong-password', brokers, ssl: { ca: [ca] }, sasl: { mechanism: 'scram-sha-512', username: 'storage', password: 'not-the-password' }, logLevel: logLevel.NOTHING, ...quick });
    const admin = wrong.admin();
    const error = await admin.connect().then(() => undefined, (e: unknown) => e as Error);
    expect(error?.name).toBe('KafkaJSSASLAuthenticationError');
    expect(error?.message).toMatch(/SASL SCRAM SHA512 authentication failed/i);
    await admin.disconnect().catch(() => undefined);
  });

  it('lets only storage and access-policy write the command topic', async () => {
    expect(await tryProduce(testKafka('as-storage', services.storage), LEDGER_TOPICS.submitRequested)).toBe('ok');
    expect(await tryProduce(testKafka('as-access-policy', services['access-policy']), LEDGER_TOPICS.submitRequested)).toBe('ok');
    expect(await tryProduce(testKafka('as-audit', services.audit), LEDGER_TOPICS.submitRequested)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await tryProduce(testKafka('as-identity', services.identity), LEDGER_TOPICS.submitRequested)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('lets only the ledger write answers and chain events', async () => {
    expect(await tryProduce(testKafka('as-storage', services.storage), LEDGER_TOPICS.txCommitted)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await tryProduce(testKafka('as-access-policy', services['access-policy']), CHAIN_TOPICS.AssetRegistered)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it("gives an outside reader the public topics, in groups of its own prefix, and nothing else", async () => {
    const asReader = testKafka('outside-reader', reader);
    expect(await tryConsume(asReader, CHAIN_TOPICS.AssetRegistered, `${readerName}.catalog`)).toBe('ok');
    // another prefix is another principal's offsets. kafkajs drops the broker's
    // GROUP_AUTHORIZATION_FAILED while it looks for the group's coordinator and reports that none
    // was found; the same topic and broker with the reader's own prefix just worked
    expect(await tryConsume(asReader, CHAIN_TOPICS.AssetRegistered, `someone-else.${randomUUID()}`)).toBe('KafkaJSGroupCoordinatorNotFound');
    expect(await tryConsume(asReader, LEDGER_TOPICS.txCommitted, `${readerName}.answers`)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await tryConsume(asReader, LEDGER_TOPICS.submitRequested, `${readerName}.commands`)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await tryConsume(asReader, `${LEDGER_TOPICS.submitRequested}.dlq`, `${readerName}.dlq`)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('lets an outside reader produce nothing, not even to a topic it may read', async () => {
    const asReader = testKafka('outside-reader', reader);
    expect(await tryProduce(asReader, LEDGER_TOPICS.submitRequested)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await tryProduce(asReader, ACCESS_TOPICS.requestUpdated)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await tryProduce(asReader, CHAIN_TOPICS.AssetRegistered)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('forgets a removed reader: its password no longer authenticates', async () => {
    const name = `gone-${randomUUID().slice(0, 8)}`;
    const gone = outsideReader(name, 'gridledger.chain.*');
    expect(await tryConsume(testKafka('soon-gone', gone), CHAIN_TOPICS.AssetRegistered, `${name}.x`)).toBe('ok');
    removeOutsideReader(name);
    const admin = testKafka('gone', gone).admin();
    const error = await admin.connect().then(() => undefined, (e: unknown) => e as Error);
    expect(error?.name).toBe('KafkaJSSASLAuthenticationError');
  });
});
