import type { Network } from '@hyperledger/fabric-gateway';
import type { CommitOutcome } from './transaction-submitter.ts';

export interface WatcherLog {
  warn(message: string): void;
}

/** Thrown when no block named a transaction in time: the caller looks it up or submits it again. */
export class CommitWaitTimeout extends Error {
  constructor(txId: string, ms: number) {
    super(`no block named transaction ${txId} within ${ms} ms`);
    this.name = 'CommitWaitTimeout';
  }
}

/**
 * Commit outcomes read from one filtered-block stream of the listening peer, instead of one
 * commit-status call per transaction: hundreds of transactions in flight cost one stream.
 *
 * Only waiters registered before their transaction is submitted are answered, and the stream
 * starts at the channel height read before the first submission, so no block a waiter needs can
 * pass unseen; a broken stream resumes at the block after the last one read. A transaction that
 * may have committed before this process started (after a crash) is looked up instead (qscc).
 */
export class CommitWatcher {
  private readonly waiters = new Map<string, Set<(outcome: CommitOutcome) => void>>();
  private next: bigint | undefined;
  private stopped = false;
  private closeStream: (() => void) | undefined;
  /** one stream for the process: start() runs again each time the pipeline lease is won back */
  private following = false;

  constructor(
    private readonly network: () => Network,
    private readonly height: () => Promise<bigint>,
    private readonly logger: WatcherLog,
  ) {}

  /** Reads the height to start from; resolves once waiting is safe. Retries while the peer is down. */
  async start(): Promise<void> {
    for (let delay = 500; this.next === undefined && !this.stopped; delay = Math.min(delay * 2, 5_000)) {
      try {
        this.next = await this.height();
      } catch (error) {
        this.logger.warn(`cannot read the channel height (${(error as Error).message}); trying again in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    if (this.following || this.stopped) return;
    this.following = true;
    void this.follow();
  }

  /**
   * Register before submitting. Resolves with the first block's verdict on `txId`. The promise is
   * handled from the start: a submission that outlasts the timeout (its peer paused) awaits it only
   * afterwards, and an unhandled rejection in between ended the process (seen in the ha chaos
   * suite, a ledger replica while the grid peer was paused); awaiting it still throws.
   */
  wait(txId: string, timeoutMs: number): Promise<CommitOutcome> {
    const outcome = new Promise<CommitOutcome>((resolve, reject) => {
      const set = this.waiters.get(txId) ?? new Set();
      this.waiters.set(txId, set);
      const done = (outcome: CommitOutcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        set.delete(done);
        if (set.size === 0) this.waiters.delete(txId);
        reject(new CommitWaitTimeout(txId, timeoutMs));
      }, timeoutMs);
      set.add(done);
    });
    outcome.catch(() => undefined);
    return outcome;
  }

  get waiting(): number {
    return this.waiters.size;
  }

  stop(): void {
    this.stopped = true;
    this.closeStream?.();
  }

  private async follow(): Promise<void> {
    let delay = 250;
    while (!this.stopped) {
      try {
        const blocks = await this.network().getFilteredBlockEvents({ startBlock: this.next ?? 0n });
        this.closeStream = () => blocks.close();
        for await (const block of blocks) {
          delay = 250;
          const blockNumber = BigInt(block.getNumber());
          for (const tx of block.getFilteredTransactionsList()) {
            const set = this.waiters.get(tx.getTxid());
            if (!set) continue;
            this.waiters.delete(tx.getTxid());
            const code = tx.getTxValidationCode();
            for (const resolve of set) resolve({ txId: tx.getTxid(), blockNumber, code, successful: code === 0 });
          }
          this.next = blockNumber + 1n;
        }
      } catch (error) {
        if (this.stopped) break;
        this.logger.warn(`block stream broke (${(error as Error).message}); resuming at block ${this.next} in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 5_000);
      }
    }
  }
}
