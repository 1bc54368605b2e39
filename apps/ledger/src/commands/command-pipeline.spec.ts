import { describe, expect, it } from 'vitest';
import { CommandPipeline } from './command-pipeline.ts';
import type { Answer, SubmitCommand } from './command-processor.ts';
import type { CommandStore, PendingCommand, QueueHead } from './command-store.ts';

interface Row {
  head: QueueHead;
  answered: boolean;
}

/** The store's queue, in memory: rows in order of arrival, answered when the pipeline saves an answer. */
function fakeStore(rows: Row[]) {
  const store = {
    queue: async (afterSeq: number, limit: number) => rows.filter((r) => !r.answered && r.head.seq > afterSeq).slice(0, limit).map((r) => r.head),
    load: async (ids: string[]): Promise<PendingCommand[]> =>
      rows
        .filter((r) => !r.answered && ids.includes(r.head.commandId))
        .map((r) => ({ command: { commandId: r.head.commandId } as SubmitCommand, key: r.head.key, receivedAt: new Date(), deadline: Date.now() + 60_000, prepared: undefined, trace: {} })),
  };
  return store as unknown as CommandStore;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A pipeline over `rows` whose commands answer when `answer` resolves (at once by default), each
 * answer marking its row answered, and the ids it started, in order.
 */
function recordingPipeline(rows: Row[], answer: () => Promise<Answer> = async () => ({}) as Answer) {
  const started: string[] = [];
  const pipeline = new CommandPipeline(
    fakeStore(rows),
    async (pending) => {
      started.push(pending.command.commandId);
      return answer();
    },
    async ({ command }) => {
      const row = rows.find((r) => r.head.commandId === command.commandId);
      if (row) row.answered = true;
    },
    { maxInFlight: 10, scanLimit: 10, idleScanMs: 50 },
    { warn: () => undefined },
  );
  return { pipeline, started };
}

describe('CommandPipeline', () => {
  it('drives nothing until started: a replica without the pipeline lease only records commands', async () => {
    const rows: Row[] = [{ head: { commandId: 'c1', key: 'a', seq: 1 }, answered: false }];
    const { pipeline, started } = recordingPipeline(rows);
    // what recording a command does in every replica
    pipeline.wake();
    await settle(100);
    expect(started).toEqual([]);
    pipeline.start();
    for (let i = 0; i < 50 && started.length === 0; i += 1) await settle(10);
    await pipeline.stop();
    expect(started).toEqual(['c1']);
  });

  it('drives again after a stop that came while a scan was due: the lease lost and held again', async () => {
    const rows: Row[] = [];
    const { pipeline, started } = recordingPipeline(rows);
    pipeline.start();
    await settle(20);
    // a command recorded (its wake-up due in a few ms) just as the database went away and the lease with it
    rows.push({ head: { commandId: 'c1', key: 'a', seq: 1 }, answered: false });
    pipeline.wake();
    await pipeline.stop();
    pipeline.start();
    for (let i = 0; i < 50 && started.length === 0; i += 1) await settle(10);
    await pipeline.stop();
    expect(started).toEqual(['c1']);
  });

  it('counts itself idle only while running with nothing in flight: what the health check reads', async () => {
    const rows: Row[] = [];
    let release: () => void = () => undefined;
    const { pipeline } = recordingPipeline(rows, () => new Promise<Answer>((resolve) => (release = () => resolve({} as Answer))));
    expect(pipeline.driving).toBe(false);
    expect(pipeline.idleFor(Date.now() + 60_000)).toBe(0);
    pipeline.start();
    expect(pipeline.driving).toBe(true);
    expect(pipeline.idleFor(Date.now() + 60_000)).toBeGreaterThanOrEqual(59_000);
    rows.push({ head: { commandId: 'c1', key: 'a', seq: 1 }, answered: false });
    pipeline.wake();
    for (let i = 0; i < 50 && pipeline.size === 0; i += 1) await settle(10);
    // waiting on the network, however long, is not idle
    expect(pipeline.idleFor(Date.now() + 60_000)).toBe(0);
    release();
    for (let i = 0; i < 50 && pipeline.size > 0; i += 1) await settle(10);
    // the clock starts again from the answer
    expect(pipeline.idleFor(Date.now() + 1_000)).toBeLessThanOrEqual(1_100);
    await pipeline.stop();
    expect(pipeline.idleFor(Date.now() + 60_000)).toBe(0);
  });

  it('drives different keys at once, one command per key at a time in order of arrival, and a late arrival too', async () => {
    const rows: Row[] = [];
    const add = (key: string) => rows.push({ head: { commandId: `c${rows.length + 1}`, key, seq: rows.length + 1 }, answered: false });
    for (const key of ['a', 'b', 'a', 'c', 'a', 'b']) add(key);

    const started: string[] = [];
    let running = 0;
    let most = 0;
    const pipeline = new CommandPipeline(
      fakeStore(rows),
      async (pending) => {
        started.push(pending.command.commandId);
        running += 1;
        most = Math.max(most, running);
        await settle(20);
        running -= 1;
        return {} as Answer;
      },
      async ({ command }) => {
        const row = rows.find((r) => r.head.commandId === command.commandId);
        if (row) row.answered = true;
      },
      { maxInFlight: 10, scanLimit: 10, idleScanMs: 50 },
      { warn: () => undefined },
    );
    pipeline.start();
    await settle(30);
    add('a');
    for (let i = 0; i < 100 && rows.some((r) => !r.answered); i += 1) await settle(20);
    await pipeline.stop();

    expect(rows.every((r) => r.answered)).toBe(true);
    // a, b and c at once; each key's commands in their order
    expect(most).toBe(3);
    const order = (key: string) => started.filter((id) => rows.find((r) => r.head.commandId === id)?.head.key === key);
    expect(order('a')).toEqual(['c1', 'c3', 'c5', 'c7']);
    expect(order('b')).toEqual(['c2', 'c6']);
    expect(started).toHaveLength(7);
  });

  it('takes up again a command whose answer could not be written, before the later commands of its key', async () => {
    const rows: Row[] = [
      { head: { commandId: 'first', key: 'k', seq: 1 }, answered: false },
      { head: { commandId: 'second', key: 'k', seq: 2 }, answered: false },
    ];
    const started: string[] = [];
    let failOnce = true;
    const pipeline = new CommandPipeline(
      fakeStore(rows),
      async (pending) => {
        started.push(pending.command.commandId);
        return {} as Answer;
      },
      async ({ command }) => {
        if (command.commandId === 'first' && failOnce) {
          failOnce = false;
          throw new Error('database unreachable');
        }
        const row = rows.find((r) => r.head.commandId === command.commandId);
        if (row) row.answered = true;
      },
      { maxInFlight: 10, scanLimit: 10, idleScanMs: 50 },
      { warn: () => undefined },
    );
    pipeline.start();
    for (let i = 0; i < 100 && rows.some((r) => !r.answered); i += 1) await settle(20);
    await pipeline.stop();
    expect(started).toEqual(['first', 'first', 'second']);
  });
});
