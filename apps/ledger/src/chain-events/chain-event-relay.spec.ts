import { common } from '@hyperledger/fabric-protos';
import type { Network } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { ChainEventRelay } from './chain-event-relay.ts';
import type { ChainEventStore } from './chain-event-store.ts';

const quiet = { log: () => undefined, warn: () => undefined };

function block(n: number): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(n);
  const b = new common.Block();
  b.setHeader(header);
  return b;
}

/** A block stream that hands out `numbers` as fast as they are asked for, then waits until closed. */
function stream(numbers: number[]) {
  let closed: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (closed = resolve));
  return {
    close: () => closed(),
    async *[Symbol.asyncIterator]() {
      for (const n of numbers) yield block(n);
      await ended;
    },
  };
}

/** A store whose writes take a while and can be made to fail; it records each write's checkpoint. */
function slowStore(checkpoint: bigint, failAt?: bigint) {
  const writes: bigint[] = [];
  let failed = false;
  const store = {
    resumeBlock: async () => checkpoint,
    recordBlock: async (blockNumber: bigint) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (!failed && failAt !== undefined && blockNumber >= failAt) {
        failed = true;
        throw new Error('database away');
      }
      writes.push(blockNumber);
      checkpoint = blockNumber + 1n;
    },
  };
  return { store: store as unknown as ChainEventStore, writes, starts: () => checkpoint };
}

describe('ChainEventRelay', () => {
  it('records blocks that arrive during a write together in the next one, the checkpoint after the last', async () => {
    const { store, writes } = slowStore(0n);
    const blocks = stream([0, 1, 2, 3, 4]);
    const relay = new ChainEventRelay(() => ({ getBlockEvents: async () => blocks }) as unknown as Network, 'gridledger', store, quiet);
    const running = relay.run();
    while (writes.at(-1) !== 4n) await new Promise((resolve) => setTimeout(resolve, 5));
    relay.stop();
    await running;
    // the first block is written alone; the four read meanwhile go in one transaction
    expect(writes).toEqual([0n, 4n]);
  });

  it('after a failed write reconnects from the checkpoint that was written, and loses no block', async () => {
    const { store, writes } = slowStore(0n, 2n);
    const asked: bigint[] = [];
    const relay = new ChainEventRelay(
      () =>
        ({
          getBlockEvents: async ({ startBlock }: { startBlock: bigint }) => {
            asked.push(startBlock);
            return stream([0, 1, 2, 3].filter((n) => BigInt(n) >= startBlock));
          },
        }) as unknown as Network,
      'gridledger',
      store,
      quiet,
    );
    const running = relay.run();
    while (writes.at(-1) !== 3n) await new Promise((resolve) => setTimeout(resolve, 5));
    relay.stop();
    await running;
    expect(asked[0]).toBe(0n);
    // the second connection starts after the last block really recorded
    expect(asked[1]).toBe((writes[0] ?? -1n) + 1n);
    expect(writes.at(-1)).toBe(3n);
  });
});
