import { randomUUID } from 'node:crypto';
import { kafkaConnectionAs } from '@gridledger/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxPublisher, SingletonLease, type LeaseHolder } from '../src/index.ts';
import { createTopic, messagingDatabase, readTopic, testKafka, waitFor, writeOutbox, type MessagingDatabase } from './support/messaging-fixture.ts';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** A holder that writes down when it ran, so overlaps between replicas show. */
function recordingHolder(name: string, timeline: string[]): LeaseHolder & { running: boolean } {
  const holder = {
    running: false,
    start: () => {
      timeline.push(`${name}:start`);
      holder.running = true;
    },
    stop: () => {
      timeline.push(`${name}:stop`);
      holder.running = false;
    },
  };
  return holder;
}

async function terminateLeaseSession(db: MessagingDatabase, name: string): Promise<number> {
  // the holder's session only: a waiting replica's polling connection carries the same name
  // for a moment every poll, and ending it too made this count 2 now and then (seen in CI)
  const { rowCount } = await db.pool.query(
    `select pg_terminate_backend(a.pid) from pg_stat_activity a
     join pg_locks l on l.pid = a.pid and l.locktype = 'advisory' and l.granted
     where a.application_name = $1 and a.datname = current_database()`,
    [`lease:${name}`],
  );
  return rowCount ?? 0;
}

describe('SingletonLease', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('runs the work in one replica at a time and hands it over when the holder loses its session', async () => {
    const db = await messagingDatabase();
    cleanups.push(db.close);
    const name = `test-${randomUUID()}`;
    const timeline: string[] = [];
    const replicas = (['a', 'b'] as const).map((id) => ({
      id,
      holder: recordingHolder(id, timeline),
      lease: new SingletonLease({ connectionString: db.database.url, name, pollMs: 100, heartbeatMs: 500, logger: quiet }),
    }));
    for (const replica of replicas) {
      cleanups.push(() => replica.lease.stop());
      replica.lease.run(replica.holder);
    }

    await waitFor(() => replicas.some((r) => r.holder.running), 10_000, () => 'no replica took the lease');
    // several polls of the waiting replica: it must stay out
    await new Promise((resolve) => setTimeout(resolve, 600));
    const running = replicas.filter((r) => r.holder.running);
    expect(running).toHaveLength(1);
    const [first, second] = running[0] === replicas[0] ? replicas : [...replicas].reverse();
    if (!first || !second) throw new Error('two replicas expected');

    // the database ends the holder's session (a restart, a network cut): the other takes over
    expect(await terminateLeaseSession(db, name)).toBe(1);
    await waitFor(() => second.holder.running, 10_000, () => `the waiting replica did not take over: ${timeline.join(', ')}`);
    expect(first.holder.running).toBe(false);
    expect(timeline.indexOf(`${first.id}:stop`)).toBeLessThan(timeline.lastIndexOf(`${second.id}:start`));
    expect(second.lease.held).toBe(true);

    // stopping the holder stops its work before the lease is free: the first replica takes it back after
    await second.lease.stop();
    await waitFor(() => first.holder.running, 10_000, () => `the lease did not come back: ${timeline.join(', ')}`);
    expect(timeline.slice(-2)).toEqual([`${second.id}:stop`, `${first.id}:start`]);
  });

  it('lets work that is being stopped still write under the lease, and work whose lease was lost write nothing', async () => {
    const db = await messagingDatabase();
    cleanups.push(db.close);
    const name = `test-${randomUUID()}`;
    const lease = new SingletonLease({ connectionString: db.database.url, name, pollMs: 100, heartbeatMs: 500, logger: quiet });
    const checker = await db.pool.connect();
    cleanups.push(async () => checker.release());
    const atStop: string[] = [];
    let running = false;
    lease.run({
      start: () => {
        running = true;
      },
      // what the ledger's pipeline does while it stops: its last answers are written under the lease
      stop: async () => {
        running = false;
        atStop.push(await lease.assertHeld(checker).then(() => 'held', () => 'not held'));
      },
    });
    cleanups.push(() => lease.stop());
    await waitFor(() => running, 10_000, () => 'the lease was never taken');
    expect(await terminateLeaseSession(db, name)).toBe(1);
    await waitFor(() => atStop.length === 1, 10_000, () => 'the work was not stopped when the lease was lost');
    await waitFor(() => running, 10_000, () => 'the lease was not taken again');
    await lease.stop();
    expect(atStop).toEqual(['not held', 'held']);
  });

  it('keeps two outbox publishers of one service from publishing a row twice or out of order', async () => {
    const db = await messagingDatabase();
    cleanups.push(db.close);
    const kafka = testKafka();
    const topic = await createTopic(kafka, 'replicas', 3);
    const clientId = `lease-test-${randomUUID().slice(0, 8)}`;
    const publishers = [0, 1].map(() => new OutboxPublisher({ databaseUrl: db.database.url, kafka: kafkaConnectionAs(), clientId, batchSize: 13, pollIntervalMs: 50, logger: quiet }));
    for (const publisher of publishers) {
      cleanups.push(() => publisher.stop());
      publisher.start();
    }

    const events = Array.from({ length: 300 }, (_, seq) => ({ key: `asset-${seq % 7}`, seq }));
    // written in three waves, and the relaying replica loses its lease during the second; a wave's
    // rows are 1 ms apart in created_at (the relay's order), so the waves are kept further apart
    const pause = () => new Promise((resolve) => setTimeout(resolve, 150));
    await writeOutbox(db.pool, topic, events.slice(0, 100));
    await waitFor(() => publishers.some((p) => p.relaying), 10_000, () => 'no publisher took the outbox lease');
    await pause();
    await writeOutbox(db.pool, topic, events.slice(100, 200));
    expect(await terminateLeaseSession(db, `${clientId}-outbox`)).toBe(1);
    await pause();
    await writeOutbox(db.pool, topic, events.slice(200));

    const received = await readTopic(kafka, topic, events.length, { timeoutMs: 60_000, settleMs: 2_000 });
    const seqs = received.map((r) => (JSON.parse(String(r.message.value)) as { data: { seq: number } }).data.seq);
    expect(seqs).toHaveLength(events.length);
    expect(new Set(seqs).size).toBe(events.length);
    for (let key = 0; key < 7; key += 1) {
      const ofKey = seqs.filter((seq) => seq % 7 === key);
      expect(ofKey).toEqual([...ofKey].sort((x, y) => x - y));
    }
    expect(publishers.filter((p) => p.relaying)).toHaveLength(1);
  });
});
