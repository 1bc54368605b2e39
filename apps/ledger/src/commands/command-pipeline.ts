import type { Answer, SubmitCommand } from './command-processor.ts';
import type { CommandStore, PendingCommand } from './command-store.ts';

/**
 * Intake transactions commit in any order, so a command may become visible with a seq a little
 * below one already read; incremental scans look this far back for such late commits.
 */
const LATE_COMMIT_MARGIN = 256;

export interface PipelineLog {
  warn(message: string): void;
}

export interface PipelineOptions {
  /** commands driven at once; each mostly waits on the network, so this can be in the hundreds */
  maxInFlight: number;
  /** rows read per scan beyond the free slots, for commands waiting behind a busy key */
  scanLimit: number;
  /** a full scan also runs this often, for anything no wake-up announced */
  idleScanMs: number;
}

/**
 * Drives recorded commands from the database to their answers, many at once, with no database
 * connection held while a command waits on the network.
 *
 * Per Kafka key (one aggregate) only the oldest unanswered command is in flight: the next one
 * starts after the previous one's answer is committed, so their transactions reach the chain in
 * the order the commands arrived. Everything the pipeline knows is in the database, so after a
 * crash the next process picks up exactly where it stopped: unanswered rows, with the signed
 * transaction of those that had one.
 */
export class CommandPipeline {
  private readonly inFlight = new Map<string, { key: string; done: Promise<void> }>();
  private scanning = false;
  private rescan = false;
  private scheduled: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;
  /** until start(): a replica that does not hold the pipeline lease records commands but must not drive them */
  private stopped = true;
  /** the highest seq looked at: later scans read only what came after it */
  private watermark = 0;
  private fullScan = true;
  /** keys with an unanswered command at or below the watermark that is not in flight */
  private readonly waitingKeys = new Set<string>();
  /** when the pipeline was started, or last started or finished a command */
  private lastProgressAt = 0;

  constructor(
    private readonly store: CommandStore,
    private readonly drive: (pending: PendingCommand) => Promise<Answer>,
    private readonly saveAnswer: (entry: { command: SubmitCommand; answer: Answer }) => Promise<void>,
    private readonly options: PipelineOptions,
    private readonly logger: PipelineLog,
  ) {}

  get size(): number {
    return this.inFlight.size;
  }

  /** whether this replica drives commands (it holds the pipeline lease) */
  get driving(): boolean {
    return !this.stopped;
  }

  /**
   * How long a running pipeline has had nothing in flight and started nothing: what a stall looks
   * like from inside (commands waiting in the database, none taken up). 0 while a command is in
   * flight, however long it waits on the network, and while stopped.
   */
  idleFor(now = Date.now()): number {
    return this.stopped || this.inFlight.size > 0 ? 0 : Math.max(0, now - this.lastProgressAt);
  }

  start(): void {
    this.stopped = false;
    this.lastProgressAt = Date.now();
    clearInterval(this.idle);
    this.idle = setInterval(() => {
      this.fullScan = true;
      this.wake();
    }, this.options.idleScanMs);
    this.wake();
  }

  /** Something changed (a command recorded or answered): scan soon, once for many wake-ups. */
  wake(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      void this.scan();
    }, 5);
  }

  /** Starts nothing more and waits (a while) for the commands in flight. */
  async stop(waitMs = 5_000): Promise<void> {
    this.stopped = true;
    clearInterval(this.idle);
    clearTimeout(this.scheduled);
    // a cancelled wake-up left marked as pending would turn away every wake() after the next start()
    this.scheduled = undefined;
    await Promise.race([Promise.allSettled([...this.inFlight.values()].map((f) => f.done)), new Promise((resolve) => setTimeout(resolve, waitMs))]);
  }

  /**
   * Reads the queue past the watermark, so a scan costs the new rows, not the whole backlog.
   *
   * What keeps per-key order: every unanswered command at or below the watermark is either in
   * flight or has its key in `waitingKeys`, and a command whose key is busy or waiting is never
   * started by an incremental scan. Only a full scan (from the start, in order of arrival) starts
   * a waiting key's oldest command; it runs when such a key frees up, after a failure, and on the
   * idle tick, and it rebuilds `waitingKeys` and moves the watermark to the last row it judged.
   */
  private async scan(): Promise<void> {
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = true;
    try {
      do {
        this.rescan = false;
        const free = this.options.maxInFlight - this.inFlight.size;
        if (this.stopped || free <= 0) break;
        const full = this.fullScan;
        this.fullScan = false;
        if (full) this.waitingKeys.clear();
        const limit = free + this.options.scanLimit;
        const from = full ? 0 : Math.max(0, this.watermark - LATE_COMMIT_MARGIN);
        const queue = await this.store.queue(from, limit);
        const busyKeys = new Set([...this.inFlight.values()].map((f) => f.key));
        const toStart: string[] = [];
        let last = from;
        let broke = false;
        for (const head of queue) {
          if (toStart.length >= free) {
            broke = true;
            break;
          }
          last = head.seq;
          if (this.inFlight.has(head.commandId)) continue;
          if (busyKeys.has(head.key) || this.waitingKeys.has(head.key)) {
            this.waitingKeys.add(head.key);
            continue;
          }
          busyKeys.add(head.key);
          toStart.push(head.commandId);
        }
        // rows past `last` were not judged: the watermark may go back, judging a row twice is harmless
        this.watermark = broke || queue.length >= limit ? last : Math.max(last, this.watermark);
        if (toStart.length > 0) for (const pending of await this.store.load(toStart)) this.run(pending);
      } while ((this.rescan || this.fullScan) && !this.stopped);
    } catch (error) {
      this.fullScan = true;
      this.logger.warn(`cannot read the command queue (${(error as Error).message}); trying again`);
    } finally {
      this.scanning = false;
    }
  }

  private run(pending: PendingCommand): void {
    const { commandId } = pending.command;
    if (this.inFlight.has(commandId)) return;
    this.lastProgressAt = Date.now();
    const done = (async () => {
      try {
        const answer = await this.drive(pending);
        await this.saveAnswer({ command: pending.command, answer });
      } catch (error) {
        // left unanswered in the database: the next full scan drives it again from its record,
        // and until then its key's later commands wait
        this.waitingKeys.add(pending.key);
        this.fullScan = true;
        this.logger.warn(`command ${commandId} is not answered yet (${(error as Error).message}); it will be taken up again`);
      } finally {
        this.lastProgressAt = Date.now();
        this.inFlight.delete(commandId);
        if (this.waitingKeys.has(pending.key)) this.fullScan = true;
        this.wake();
      }
    })();
    this.inFlight.set(commandId, { key: pending.key, done });
  }
}
