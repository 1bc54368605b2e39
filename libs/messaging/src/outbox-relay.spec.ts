import { EventEmitter } from 'node:events';
import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { joinTransaction, OutboxRelay } from './outbox-relay.ts';

/** A pool client as pg-pool hands it out: releasing it twice throws, as pg-pool's does. */
function fakeListenClient() {
  const client = Object.assign(new EventEmitter(), {
    released: 0,
    query: async () => ({ rows: [], rowCount: 0 }),
    release: () => {
      client.released += 1;
      if (client.released > 1) throw new Error('Release called on client which has already been released to the pool.');
    },
  });
  return client;
}

/** A relay LISTENing on `client`, as its run loop leaves it. */
async function listeningRelay(client: ReturnType<typeof fakeListenClient>, warnings: string[] = []): Promise<OutboxRelay> {
  const pool = { options: { max: 4 }, connect: async () => client } as unknown as pg.Pool;
  const kafka = { producer: () => ({}) } as unknown as Kafka;
  const relay = new OutboxRelay(pool, kafka, { logger: { log: () => undefined, warn: (m) => void warnings.push(m), error: () => undefined } });
  await (relay as unknown as { listen(): Promise<void> }).listen();
  return relay;
}

describe('OutboxRelay LISTEN connection', () => {
  it('lets go of a dying LISTEN connection once, however often pg reports it', async () => {
    const client = fakeListenClient();
    const warnings: string[] = [];
    await listeningRelay(client, warnings);
    // in the dev chaos suite, a killed PostgreSQL's goodbye came twice: the second release threw
    // out of the listener and ended storage and access-policy
    client.emit('error', new Error('terminating connection due to unexpected postmaster exit'));
    expect(() => client.emit('error', new Error('terminating connection due to unexpected postmaster exit'))).not.toThrow();
    expect(client.released).toBe(1);
    expect(warnings).toHaveLength(1);
  });

  it('does not release a LISTEN connection that stop() released before pg reported its failure', async () => {
    const client = fakeListenClient();
    const relay = await listeningRelay(client);
    // the database went away: the lease was lost and the relay stopped, then pg reported the error
    await relay.stop();
    expect(() => client.emit('error', new Error('terminating connection due to unexpected postmaster exit'))).not.toThrow();
    expect(client.released).toBe(1);
  });
});

/**
 * A producer as kafkajs makes it, with the partitioner it was given: its first send is retried
 * (kafkajs partitions every record again on each attempt), its second goes through at once.
 */
function retryingKafka() {
  const log: string[] = [];
  let sends = 0;
  let producers = 0;
  const kafka = {
    producer: (config: { createPartitioner: () => (args: unknown) => number }) => {
      producers += 1;
      log.push(`producer ${producers}`);
      const partition = config.createPartitioner();
      const send = async ({ topicMessages }: { topicMessages: { topic: string; messages: unknown[] }[] }) => {
        sends += 1;
        log.push(`send ${sends}`);
        const attempts = sends === 1 ? 2 : 1;
        for (let attempt = 0; attempt < attempts; attempt += 1) {
          for (const { topic, messages } of topicMessages) for (const message of messages) partition({ topic, partitionMetadata: [{ partitionId: 0, leader: 1 }], message });
        }
        return [];
      };
      return {
        connect: async () => undefined,
        disconnect: async () => undefined,
        sendBatch: send,
        transaction: async () => ({
          sendBatch: send,
          sendOffsets: async () => void log.push('offsets'),
          commit: async () => void log.push('commit'),
          abort: async () => void log.push('abort'),
        }),
      };
    },
  } as unknown as Kafka;
  return { kafka, log };
}

const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const rows = [{ id: '1', topic: 't', message_key: 'k', envelope: { id: 'e1' } }];

/** A pool whose batches hold `rows`, recording every statement. */
function fakePool(queries: string[]) {
  const client = { query: async (sql: string) => (queries.push(sql), sql.startsWith('select id') ? { rows } : sql.includes('nextval') ? { rows: rows.map((row) => ({ ...row, batch_seq: '7', position: 1 })) } : { rows: [], rowCount: 0 }), release: () => undefined };
  return { options: { max: 4 }, connect: async () => client, query: async (sql: string) => (queries.push(sql), { rows: [], rowCount: 1 }) } as unknown as pg.Pool;
}

describe('OutboxRelay and the Kafka client\'s retries', () => {
  it('aborts a transaction whose send the Kafka client retried, and sends the batch again from a fresh producer', async () => {
    const { kafka, log } = retryingKafka();
    const queries: string[] = [];
    const relay = new OutboxRelay(fakePool(queries), kafka, { transactionalId: 'tx-test', logger: quietLogger });
    const drain = () => (relay as unknown as { drainTransactional(id: string): Promise<number> }).drainTransactional('tx-test');
    await expect(drain()).rejects.toThrow(/retried its send; aborted, to be sent again by a fresh producer/);
    // the retried send never commits (records may be missing from it, or in it twice), nor is it
    // marked; and the batch never goes again on that producer, whose epoch and sequence numbers a
    // broker could take the second write for a duplicate of the first, aborted one
    expect(log).toEqual(['producer 1', 'offsets', 'send 1', 'abort', 'producer 2']);
    expect(queries.some((q) => q.startsWith('update outbox set published_at'))).toBe(false);
    await expect(drain()).resolves.toBe(1);
    expect(log.slice(5)).toEqual(['offsets', 'send 2', 'commit']);
    expect(relay.metrics.snapshot()).toMatchObject({ produced: 1, resent: 1 });
    expect(queries.some((q) => q.startsWith('update outbox set published_at'))).toBe(true);
  });

  it('at least once: sends a batch again after a retried send, before marking it published', async () => {
    const { kafka, log } = retryingKafka();
    const queries: string[] = [];
    const relay = new OutboxRelay(fakePool(queries), kafka, { logger: quietLogger });
    expect(await (relay as unknown as { drainAtLeastOnce(): Promise<number> }).drainAtLeastOnce()).toBe(1);
    expect(log).toEqual(['producer 1', 'send 1', 'send 2']);
    expect(relay.metrics.snapshot()).toMatchObject({ produced: 1, resent: 1 });
  });
});

describe('OutboxRelay batches', () => {
  it('sends a tagged batch in the order the rows were written, whatever order the tagging update returned them in', async () => {
    const sent: string[] = [];
    const tagged = [3, 1, 4, 2].map((position) => ({ id: `row-${position}`, topic: 't', message_key: 'k', envelope: { id: `e${position}` }, batch_seq: '9', position }));
    const client = { query: async (sql: string) => (sql.includes('nextval') ? { rows: tagged } : { rows: [] }), release: () => undefined };
    const pool = { options: { max: 4 }, connect: async () => client, query: async () => ({ rows: [], rowCount: 4 }) } as unknown as pg.Pool;
    const send = async ({ topicMessages }: { topicMessages: { messages: { headers: { ce_id: string } }[] }[] }) => {
      for (const { messages } of topicMessages) for (const message of messages) sent.push(String(message.headers.ce_id));
    };
    const transaction = { sendBatch: send, sendOffsets: async () => undefined, commit: async () => undefined, abort: async () => undefined };
    const kafka = { producer: () => ({ connect: async () => undefined, disconnect: async () => undefined, transaction: async () => transaction }) } as unknown as Kafka;
    const relay = new OutboxRelay(pool, kafka, { transactionalId: 'tx-order', logger: quietLogger });
    expect(await (relay as unknown as { drainTransactional(id: string): Promise<number> }).drainTransactional('tx-order')).toBe(4);
    expect(sent).toEqual(['e1', 'e2', 'e3', 'e4']);
  });
});

describe('joinTransaction', () => {
  const busy = () => Object.assign(new Error('The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing'), { type: 'CONCURRENT_TRANSACTIONS' });

  it('asks again, soon and then less often, while the coordinator still finishes the last transaction', async () => {
    const waits: number[] = [];
    let calls = 0;
    await joinTransaction(
      async () => {
        calls += 1;
        if (calls <= 4) throw busy();
      },
      async (ms) => void waits.push(ms),
    );
    expect(calls).toBe(5);
    expect(waits).toEqual([5, 10, 20, 40]);
  });

  it('passes any other error on at once', async () => {
    const waits: number[] = [];
    const fenced = Object.assign(new Error('fenced'), { type: 'INVALID_PRODUCER_EPOCH' });
    await expect(joinTransaction(async () => Promise.reject(fenced), async (ms) => void waits.push(ms))).rejects.toBe(fenced);
    expect(waits).toEqual([]);
  });

  it('gives up after ten seconds of waiting, with the coordinator\'s error', async () => {
    let waited = 0;
    await expect(joinTransaction(async () => Promise.reject(busy()), async (ms) => void (waited += ms))).rejects.toMatchObject({ type: 'CONCURRENT_TRANSACTIONS' });
    expect(waited).toBeGreaterThanOrEqual(10_000);
    expect(waited).toBeLessThan(10_400);
  });
});
