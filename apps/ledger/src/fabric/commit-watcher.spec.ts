import type { Network } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { CommitWaitTimeout, CommitWatcher } from './commit-watcher.ts';

/** A block stream that yields what is pushed to it and ends only when closed. */
function fakeNetwork() {
  const streams: { startBlock: bigint; push: (txId: string, code: number) => void }[] = [];
  const network = {
    getFilteredBlockEvents: async ({ startBlock }: { startBlock: bigint }) => {
      const queue: unknown[] = [];
      let wake: (() => void) | undefined;
      let closed = false;
      let number = startBlock;
      streams.push({
        startBlock,
        push: (txId, code) => {
          const block = { getNumber: () => number++, getFilteredTransactionsList: () => [{ getTxid: () => txId, getTxValidationCode: () => code }] };
          queue.push(block);
          wake?.();
        },
      });
      return {
        close: () => {
          closed = true;
          wake?.();
        },
        async *[Symbol.asyncIterator]() {
          while (!closed) {
            if (queue.length > 0) yield queue.shift();
            else await new Promise<void>((resolve) => (wake = resolve));
          }
        },
      };
    },
  };
  return { network: network as unknown as Network, streams };
}

const quiet = { warn: () => undefined };
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('CommitWatcher', () => {
  it('answers a waiter from the block that names its transaction', async () => {
    const { network, streams } = fakeNetwork();
    const watcher = new CommitWatcher(() => network, async () => 7n, quiet);
    await watcher.start();
    await tick();
    const outcome = watcher.wait('tx-1', 5_000);
    streams[0]?.push('tx-1', 0);
    await expect(outcome).resolves.toMatchObject({ txId: 'tx-1', blockNumber: 7n, successful: true });
    watcher.stop();
  });

  it('follows one block stream however often it is started (the pipeline lease won back after a database restart)', async () => {
    const { network, streams } = fakeNetwork();
    const watcher = new CommitWatcher(() => network, async () => 3n, quiet);
    await watcher.start();
    await watcher.start();
    await watcher.start();
    await tick();
    expect(streams).toHaveLength(1);
    watcher.stop();
  });

  it('times out a wait no one awaits yet without an unhandled rejection, and still throws to whoever awaits it later', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { network } = fakeNetwork();
      const watcher = new CommitWatcher(() => network, async () => 1n, quiet);
      await watcher.start();
      // the submission outlasts the wait: its peer is paused
      const committed = watcher.wait('tx-slow', 5);
      await tick();
      await tick();
      expect(unhandled).toEqual([]);
      await expect(committed).rejects.toThrow(CommitWaitTimeout);
      watcher.stop();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
