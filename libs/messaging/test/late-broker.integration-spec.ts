import { createServer, connect, type Server, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka } from '@gridledger/kafka-client';
import { stackConnections } from '@gridledger/testing';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { IdempotentConsumer, OutboxRelay } from '../src/index.ts';
import { createTopic, messagingDatabase, testKafka, waitFor, writeOutbox, type TestPayload } from './support/messaging-fixture.ts';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A broker address that takes connections and answers nothing (a broker still loading its log, a
 * host that is up with Kafka not yet listening behind a load balancer) until `open()`, after which
 * it passes connections through to the stack's broker. Kafka's metadata then sends the client to
 * the real broker.
 */
async function silentThenOpen(target: string): Promise<{ address: string; open(): void; close(): Promise<void> }> {
  const [host, port] = target.split(':');
  let open = false;
  const held: Socket[] = [];
  const server: Server = createServer((socket) => {
    if (!open) {
      held.push(socket);
      socket.on('error', () => undefined);
      return;
    }
    const upstream = connect(Number(port), host);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    address: `127.0.0.1:${address.port}`,
    open: () => {
      open = true;
      for (const socket of held.splice(0)) socket.destroy();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a consumer started before Kafka answers', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('waits for it, past the minute after which a start used to give up, and then consumes', async () => {
    const db = await messagingDatabase();
    cleanups.push(db.close);
    const topic = await createTopic(testKafka(), 'late-broker', 1);
    const { brokers, caFile, admin } = stackConnections().kafka;
    const proxy = await silentThenOpen(brokers[0] ?? '');
    cleanups.push(proxy.close);
    const late = createKafka('late-broker-test', { brokers: [proxy.address], username: admin.username, password: admin.password, ca: readFileSync(caFile, 'utf8') }, { logLevel: 'nothing' });
    const warnings: string[] = [];
    const consumer = new IdempotentConsumer<TestPayload>({
      kafka: late, pool: db.pool, groupId: `late-broker-${topic}`, topics: [topic], schemas: { [topic]: z.object({ seq: z.number().int() }) },
      logger: { ...quiet, warn: (message) => void warnings.push(message) },
      handler: async (tx, event, meta) => {
        await tx.query('insert into applied (event_id, topic) values ($1, $2)', [event.id, meta.topic]);
      },
    });
    cleanups.push(() => consumer.stop());

    let started = false;
    let failed: unknown;
    const starting = consumer.start().then(() => void (started = true), (error: unknown) => void (failed = error));
    // a start used to give up once its topics had not been ready for a minute, at the first failure after
    await sleep(85_000);
    expect({ started, failed }).toEqual({ started: false, failed: undefined });
    expect(warnings.some((w) => /not ready/.test(w))).toBe(true);

    proxy.open();
    await starting;
    expect(failed).toBeUndefined();
    const relay = new OutboxRelay(db.pool, testKafka(), { batchSize: 50, pollIntervalMs: 50, logger: quiet });
    cleanups.push(() => relay.stop());
    relay.start();
    const ids = await writeOutbox(db.pool, topic, [{ key: 'a', seq: 1 }, { key: 'b', seq: 2 }]);
    await waitFor(async () => (await db.pool.query<{ n: number }>('select count(*)::int as n from applied')).rows[0]?.n === ids.length, 60_000, () => 'the consumer did not apply the events once Kafka answered');
  }, 240_000);
});
