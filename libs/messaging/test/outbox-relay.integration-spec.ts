import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { IdempotentConsumer, OutboxRelay, servicePool } from '../src/index.ts';
import { createTopic, header, messagingDatabase, relayKafkaEnv, readTopic, recordCount, testKafka, waitFor, writeOutbox, type MessagingDatabase, type TestPayload } from './support/messaging-fixture.ts';
import { z } from 'zod';

const kafka = testKafka();
const NODE = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
const RELAY_SCRIPT = fileURLToPath(new URL('./support/relay-process.ts', import.meta.url));
/** lets the relay process import the workspace libraries by their `@gridledger/…` names, as the services do */
const WORKSPACE_PATHS = fileURLToPath(new URL('../../../infra/stack/src/runtime/workspace-paths.ts', import.meta.url));
const payloadSchema = z.object({ seq: z.number().int() });

async function unpublished(db: MessagingDatabase): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>('select count(*)::int as n from outbox where published_at is null');
  return rows[0]?.n ?? -1;
}

describe('OutboxRelay', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.each([
    { mode: 'at least once', transactional: false },
    // each batch tagged in one statement, whose rows come back in no particular order
    { mode: 'exactly once', transactional: true },
  ])('$mode: publishes every outbox row exactly once, in order per key, and marks it published', async ({ transactional }) => {
    const db = await messagingDatabase();
    cleanups.push(db.close);
    const topic = await createTopic(kafka, 'relay', 3);
    const events = Array.from({ length: 40 }, (_, seq) => ({ key: `asset-${seq % 5}`, seq }));
    const ids = await writeOutbox(db.pool, topic, events);

    // batches of 7 so the 40 rows need several transactions, and order must hold across them
    const relay = new OutboxRelay(db.pool, kafka, { batchSize: 7, pollIntervalMs: 50, ...(transactional ? { transactionalId: `relay-${topic}` } : {}) });
    cleanups.push(() => relay.stop());
    relay.start();
    await waitFor(async () => (await unpublished(db)) === 0, 30_000, () => 'the relay did not publish the whole outbox');
    await relay.stop();

    const received = await readTopic(kafka, topic, events.length, { settleMs: 1_500 });
    expect(received).toHaveLength(events.length);
    // offsets count records, and in transactions each commit's markers too: there the 40 received,
    // all distinct, say it
    if (!transactional) expect(await recordCount(kafka, topic)).toBe(events.length);
    expect(new Set(received.map((r) => header(r.message, 'ce_id')))).toEqual(new Set(ids));
    expect(relay.metrics.produced).toBe(events.length);

    for (const r of received) {
      const envelope = JSON.parse(String(r.message.value)) as { id: string; subject: string };
      expect(header(r.message, 'ce_id')).toBe(envelope.id);
      expect(header(r.message, 'ce_type')).toBe(topic);
      expect(header(r.message, 'content-type')).toBe('application/cloudevents+json');
      expect(r.message.key?.toString()).toBe(envelope.subject);
    }
    for (let k = 0; k < 5; k++) {
      const key = `asset-${k}`;
      const mine = received.filter((r) => r.message.key?.toString() === key);
      // one key, one partition, and the outbox order on it
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      const seqs = mine.map((r) => (JSON.parse(String(r.message.value)) as { data: TestPayload }).data.seq);
      expect(seqs).toEqual(events.filter((e) => e.key === key).map((e) => e.seq));
    }
    const { rows } = await db.pool.query<{ n: number }>('select count(*)::int as n from outbox where published_at is not null');
    expect(rows[0]?.n).toBe(events.length);
  });

  it('is woken by an insert (NOTIFY): a row written while it idles goes out long before its next poll', async () => {
    const db = await messagingDatabase();
    cleanups.push(db.close);
    const topic = await createTopic(kafka, 'relay-wake', 1);
    const relay = new OutboxRelay(db.pool, kafka, { pollIntervalMs: 120_000 });
    cleanups.push(() => relay.stop());
    relay.start();
    // once it LISTENs, its first poll has found the outbox empty and it idles for two minutes
    // this database's sessions only: the platform's services LISTEN on the same channel in theirs
    await waitFor(async () => (await db.pool.query("select 1 from pg_stat_activity where datname = current_database() and query = 'listen gridledger_outbox'")).rowCount === 1, 30_000, () => 'the relay never LISTENed');
    for (let seq = 1; seq <= 4; seq++) {
      await writeOutbox(db.pool, topic, [{ key: 'late', seq }]);
      await waitFor(async () => (await unpublished(db)) === 0, 10_000, () => `row ${seq} was not published within 10 s, though the relay polls only every 120 s`);
    }
    expect(relay.metrics.produced).toBe(4);
  });

  it('outlives its LISTEN connection being ended by the server, and goes on publishing', async () => {
    const db = await messagingDatabase();
    cleanups.push(db.close);
    const topic = await createTopic(kafka, 'relay-listen-lost', 1);
    // a service's pool: its listeners turn errors of connections nobody is querying into warnings
    const pool = servicePool({ connectionString: db.database.url, max: 4 }, { warn: () => undefined });
    cleanups.push(() => pool.end());
    const relay = new OutboxRelay(pool, kafka, { pollIntervalMs: 200 });
    cleanups.push(() => relay.stop());
    relay.start();
    const listening = "select pid from pg_stat_activity where datname = current_database() and query = 'listen gridledger_outbox'";
    await waitFor(async () => (await db.pool.query(listening)).rowCount === 1, 30_000, () => 'the relay never LISTENed');
    // what a restart of PostgreSQL does to the relay's idle LISTEN connection
    await db.pool.query(`select pg_terminate_backend(pid) from (${listening}) as l`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await writeOutbox(db.pool, topic, [{ key: 'after', seq: 1 }]);
    await waitFor(async () => (await unpublished(db)) === 0, 10_000, () => 'the row written after the LISTEN connection ended was not published');
    expect(relay.metrics.produced).toBe(1);
  });

  it('survives a SIGKILL between send and mark: every row reaches Kafka, and a consumer applies each once', async () => {
    const db = await messagingDatabase();
    cleanups.push(db.close);
    const topic = await createTopic(kafka, 'crash', 3);
    const total = 2_000;
    const batchSize = 200;
    const ids = await writeOutbox(
      db.pool,
      topic,
      Array.from({ length: total }, (_, seq) => ({ key: `asset-${seq % 20}`, seq })),
    );
    const env = { ...process.env, DATABASE_URL: db.database.url, ...relayKafkaEnv(), BATCH_SIZE: String(batchSize) };

    // first run: hangs after Kafka acknowledged batch 3 and before it is marked; then SIGKILL
    const first = startRelayProcess({ ...env, HANG_AFTER_BATCH: '3' });
    cleanups.push(() => first.kill('SIGKILL'));
    await waitFor(() => first.output.includes('hung\n'), 60_000, () => `relay process did not reach batch 3; output: ${first.output}`);
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // batches 1 and 2 were committed; batch 3 is in Kafka but its rows are still unpublished
    expect(await unpublished(db)).toBe(total - 2 * batchSize);
    expect(await recordCount(kafka, topic)).toBe(3 * batchSize);

    const consumer = new IdempotentConsumer<TestPayload>({
      kafka,
      pool: db.pool,
      groupId: `crash-consumer-${topic}`,
      topics: [topic],
      schemas: { [topic]: payloadSchema },
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
      handler: async (tx, event, meta) => {
        await tx.query('insert into applied (event_id, topic) values ($1, $2)', [event.id, meta.topic]);
      },
    });
    cleanups.push(() => consumer.stop());
    await consumer.start();

    // second run: no hang; it re-sends batch 3 and publishes the rest
    const second = startRelayProcess(env);
    cleanups.push(() => second.kill('SIGKILL'));
    await waitFor(async () => (await unpublished(db)) === 0, 60_000, () => `the restarted relay did not drain the outbox; output: ${second.output}`);
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });

    // at least once on Kafka: the batch in flight at the kill was sent twice
    const inKafka = await recordCount(kafka, topic);
    expect(inKafka).toBe(total + batchSize);
    const received = await readTopic(kafka, topic, inKafka, { timeoutMs: 60_000 });
    expect(new Set(received.map((r) => header(r.message, 'ce_id')))).toEqual(new Set(ids));

    // exactly once in the consumer's database
    await waitFor(() => consumer.metrics.consumed >= inKafka, 60_000, () => `consumer saw ${consumer.metrics.consumed} of ${inKafka}`);
    const { rows } = await db.pool.query<{ n: number; distinct: number }>('select count(*)::int as n, count(distinct event_id)::int as distinct from applied');
    expect(rows[0]).toEqual({ n: total, distinct: total });
    expect(consumer.metrics.snapshot()).toMatchObject({ consumed: total + batchSize, applied: total, duplicates: batchSize, deadLettered: 0 });
  });

  it('in exactly-once mode, a SIGKILL between the Kafka commit and the mark sends nothing twice', async () => {
    const db = await messagingDatabase();
    cleanups.push(db.close);
    const topic = await createTopic(kafka, 'exactly-once', 3);
    const total = 1_000;
    const batchSize = 100;
    const ids = await writeOutbox(db.pool, topic, Array.from({ length: total }, (_, seq) => ({ key: `asset-${seq % 20}`, seq })));
    const env = { ...process.env, DATABASE_URL: db.database.url, ...relayKafkaEnv(), BATCH_SIZE: String(batchSize), TRANSACTIONAL_ID: `relay-${topic}` };

    // batch 3's Kafka transaction is committed, its rows are not yet marked: then the crash
    const first = startRelayProcess({ ...env, HANG_AFTER_BATCH: '3' });
    cleanups.push(() => first.kill('SIGKILL'));
    await waitFor(() => first.output.includes('hung\n'), 60_000, () => `relay process did not reach batch 3; output: ${first.output}`);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await unpublished(db)).toBe(total - 2 * batchSize);

    const second = startRelayProcess(env);
    cleanups.push(() => second.kill('SIGKILL'));
    await waitFor(async () => (await unpublished(db)) === 0, 60_000, () => `the restarted relay did not drain the outbox; output: ${second.output}`);
    await second.kill('SIGTERM');
    // the restarted relay learnt from Kafka that batch 3 had committed, and did not send it again
    expect(second.output).toMatch(/100 rows were already on Kafka/);

    // a committed-only reader (the default) sees each row once; extra records would arrive in the settle time
    const received = await readTopic(kafka, topic, total, { timeoutMs: 60_000, settleMs: 3_000 });
    expect(received).toHaveLength(total);
    expect(new Set(received.map((r) => header(r.message, 'ce_id')))).toEqual(new Set(ids));
  });
});

interface RelayProcess {
  child: ChildProcess;
  output: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

function startRelayProcess(env: NodeJS.ProcessEnv): RelayProcess {
  const child = spawn(NODE, ['--import', WORKSPACE_PATHS, RELAY_SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const handle: RelayProcess = {
    child,
    output: '',
    exited,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  child.stdout?.on('data', (chunk: Buffer) => (handle.output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (handle.output += chunk.toString()));
  return handle;
}
