import { EventEmitter } from 'node:events';
import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { OutboxRelay } from './outbox-relay.ts';

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
